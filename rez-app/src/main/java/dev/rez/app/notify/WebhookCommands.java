package dev.rez.app.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rez.app.loop.AtomicFile;
import dev.rez.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed command endpoint: {@code POST /command} with JSON {@code {"command": "stop-entries"}}
 * and the headers {@code X-Rez-Timestamp} (epoch seconds), {@code X-Rez-Nonce} (8..128 of {@code
 * [A-Za-z0-9_-]}) and {@code X-Rez-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." +
 * nonce + "." + body)>}.
 *
 * <p>Refused: a request without a valid signature ({@code 401 unsigned} / {@code bad-signature}), a
 * timestamp more than five minutes from now ({@code 401 stale}), a nonce already used ({@code 409
 * replayed}; nonces are kept, also across restarts, for as long as their timestamp is fresh), a
 * request with an {@code Origin} header (a browser's, {@code 403}) and a body that is not JSON
 * ({@code 415}). A separate listener from the API's, bound to loopback by default, with no CORS: a
 * web page cannot reach it.
 */
final class WebhookCommands implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookCommands.class);
  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int MAX_BODY = 4096;

  private final String secret;
  private final Control control;
  private final Clock clock;
  private final Path nonceFile;
  private final Map<String, Long> nonces = new HashMap<>();
  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("rez-notify-commands").unstarted(r));

  WebhookCommands(
      String host, int port, String secret, Control control, Clock clock, Path nonceFile) {
    this.secret = Objects.requireNonNull(secret, "secret == null");
    this.control = Objects.requireNonNull(control, "control == null");
    this.clock = clock;
    this.nonceFile = nonceFile;
    String saved = AtomicFile.read(nonceFile);
    if (saved != null) {
      try {
        Json.parseObject(saved).forEach((k, v) -> nonces.put(k, ((BigDecimal) v).longValue()));
      } catch (RuntimeException e) {
        log.warn("ignoring an unreadable nonce file {}: {}", nonceFile, e.getMessage());
      }
    }
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the command endpoint cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  WebhookCommands start() {
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      Answer a = answer(x);
      if (a.status() >= 400)
        log.warn("command refused ({} {}): {}", a.status(), a.code(), a.message());
      byte[] out =
          (a.status() < 400
                  ? a.message()
                  : Json.write(
                      Json.obj("error", Json.obj("code", a.code(), "message", a.message()))))
              .getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.getResponseHeaders().set("Cache-Control", "no-store");
      x.sendResponseHeaders(a.status(), out.length);
      try (OutputStream os = x.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private record Answer(int status, String code, String message) {}

  private Answer answer(HttpExchange x) throws IOException {
    if (!x.getRequestURI().getPath().equals("/command"))
      return new Answer(404, "not-found", "no route " + x.getRequestURI().getPath());
    if (!x.getRequestMethod().equals("POST"))
      return new Answer(405, "method-not-allowed", "only POST");
    if (x.getRequestHeaders().containsKey("Origin"))
      return new Answer(403, "forbidden", "cross-origin requests are refused");
    String type = x.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return new Answer(415, "unsupported-media-type", "the body must be application/json");
    }
    byte[] raw;
    try (InputStream in = x.getRequestBody()) {
      raw = in.readNBytes(MAX_BODY + 1);
    }
    if (raw.length > MAX_BODY)
      return new Answer(413, "too-large", "the body is over " + MAX_BODY + " bytes");
    String body = new String(raw, StandardCharsets.UTF_8);
    String ts = x.getRequestHeaders().getFirst("X-Rez-Timestamp");
    String nonce = x.getRequestHeaders().getFirst("X-Rez-Nonce");
    String sig = x.getRequestHeaders().getFirst("X-Rez-Signature");
    if (ts == null || nonce == null || sig == null)
      return new Answer(
          401, "unsigned", "X-Rez-Timestamp, X-Rez-Nonce and X-Rez-Signature are required");
    if (!Hmac.verify(secret, ts + "." + nonce + "." + body, sig))
      return new Answer(401, "bad-signature", "the signature does not match");
    long t;
    try {
      t = Long.parseLong(ts.trim());
    } catch (NumberFormatException e) {
      return new Answer(401, "stale", "X-Rez-Timestamp must be epoch seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - t) > WINDOW.toSeconds())
      return new Answer(
          401, "stale", "the timestamp is more than " + WINDOW.toMinutes() + " minutes from now");
    if (!nonce.matches("[A-Za-z0-9_-]{8,128}"))
      return new Answer(400, "bad-parameter", "X-Rez-Nonce must be 8..128 of A-Z a-z 0-9 _ -");
    String command;
    try {
      command = (String) Json.parseObject(body).get("command");
    } catch (RuntimeException e) {
      return new Answer(400, "bad-parameter", "the body must be {\"command\": \"…\"}");
    }
    if (command == null)
      return new Answer(400, "bad-parameter", "the body must be {\"command\": \"…\"}");
    synchronized (nonces) {
      nonces.values().removeIf(seen -> Math.abs(now - seen) > WINDOW.toSeconds() * 2);
      if (nonces.containsKey(nonce))
        return new Answer(409, "replayed", "this nonce was used already");
      nonces.put(nonce, t);
      AtomicFile.write(nonceFile, Json.write(nonces));
    }
    try {
      String status = Commands.run(control, command, "webhook");
      log.info("command {} from the webhook channel", Commands.normalise(command));
      return new Answer(
          200,
          null,
          Json.write(
              Json.obj("ok", true, "command", Commands.normalise(command), "status", status)));
    } catch (IllegalArgumentException e) {
      return new Answer(400, "bad-parameter", e.getMessage());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
