package dev.rez.app.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A loopback HTTP receiver for tests: records every request and answers with a scripted response.
 * It can be stopped and started again on the same port, like a receiver that goes down and comes
 * back.
 */
final class Receiver implements AutoCloseable {
  record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }
  }

  record Reply(int status, String body, Map<String, String> headers) {
    static Reply of(int status, String body) {
      return new Reply(status, body, Map.of());
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Reply> responder;
  private HttpServer server;
  private int port;

  Receiver(Function<Request, Reply> responder) {
    this.responder = responder;
    start(0);
  }

  synchronized void respond(Function<Request, Reply> r) {
    this.responder = r;
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  synchronized void stop() {
    server.stop(0);
    server = null;
  }

  synchronized void restart() {
    start(port);
  }

  private void start(int p) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 50);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind 127.0.0.1:" + p, e);
    }
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request r =
        new Request(
            x.getRequestMethod(),
            x.getRequestURI().getPath(),
            x.getRequestURI().getRawQuery(),
            Map.copyOf(x.getRequestHeaders()),
            body);
    Reply reply;
    try {
      reply = responder.apply(r);
    } catch (RuntimeException e) {
      reply = Reply.of(500, e.toString());
    }
    requests.add(r);
    byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
    x.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      try (OutputStream os = x.getResponseBody()) {
        os.write(out);
      }
    }
    x.close();
  }

  List<Request> requests(String path) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) if (r.path().equals(path)) out.add(r);
    return out;
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) server.stop(0);
  }
}
