package dev.rez.app.api;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP and SSE client for tests; it talks to 127.0.0.1 only and records every body it
 * receives.
 */
final class Http {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final int port;
  final String token;
  final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());

  Http(int port, String token) {
    this.port = port;
    this.token = token;
  }

  record Resp(int status, String body, HttpResponse<String> raw) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return (Map<String, Object>) ANY.fromJson(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String contentType() {
      return raw == null ? null : raw.headers().firstValue("Content-Type").orElse(null);
    }
  }

  /** {@code o} (a parsed JSON object) as a map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** {@code o} (a parsed JSON array) as a list. */
  @SuppressWarnings("unchecked")
  static List<Object> castList(Object o) {
    return (List<Object>) o;
  }

  static Object parse(String json) {
    try {
      return ANY.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Resp get(String pathAndQuery) {
    return send("GET", pathAndQuery, token);
  }

  /**
   * A POST as the dashboard sends it: {@code Content-Type: application/json}, no Origin (same as a
   * non-browser).
   */
  Resp post(String pathAndQuery) {
    return send("POST", pathAndQuery, token, Map.of("Content-Type", "application/json"));
  }

  Resp send(String method, String pathAndQuery, String bearer) {
    return send(method, pathAndQuery, bearer, Map.of());
  }

  Resp send(String method, String pathAndQuery, String bearer, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(20));
    b.method(method, HttpRequest.BodyPublishers.noBody());
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      bodies.add(r.body());
      return new Resp(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code target} byte for byte (no client-side normalisation) and returns status and body.
   */
  Resp raw(String method, String target) {
    return raw(method, target, "127.0.0.1:" + port, "");
  }

  /**
   * Sends {@code target} byte for byte with the given {@code Host} header (which HttpClient does
   * not let a caller set) and further header lines ({@code "Name: value\r\n"} each).
   */
  Resp raw(String method, String target, String host, String headerLines) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String auth = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
      out.write(
          (method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\n"
                  + auth
                  + headerLines
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      bodies.add(all);
      int status = Integer.parseInt(all.substring(9, 12));
      int split = all.indexOf("\r\n\r\n");
      String headers = all.substring(0, split);
      String body = all.substring(split + 4);
      if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked"))
        body = unchunk(body);
      return new Resp(status, body, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      int len = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (len == 0) break;
      out.append(body, eol + 2, eol + 2 + len);
      i = eol + 2 + len + 2;
    }
    return out.toString();
  }

  /** One server-sent event; comments come as event {@code ":"} with the comment as data. */
  record Event(String id, String event, String data) {}

  /** An open {@code /api/stream}. */
  final class Stream implements AutoCloseable {
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final int status;
    private final InputStream in;

    Stream(String pathAndQuery, Map<String, String> headers) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
              .header("Accept", "text/event-stream");
      headers.forEach(b::header);
      try {
        HttpResponse<InputStream> r =
            client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = r.statusCode();
        in = r.body();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Thread.ofVirtual().start(this::readLoop);
    }

    private void readLoop() {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          bodies.add(line);
          if (line.isEmpty()) {
            if (data != null) events.add(new Event(id, event, data.toString()));
            id = null;
            event = null;
            data = null;
          } else if (line.startsWith(":")) {
            events.add(new Event(null, ":", line.substring(1).strip()));
          } else if (line.startsWith("id:")) {
            id = line.substring(3).strip();
          } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            data =
                (data == null ? new StringBuilder() : data.append('\n'))
                    .append(line.substring(5).strip());
          }
        }
      } catch (IOException e) {
        // closed
      }
    }

    Event next(Duration timeout) throws InterruptedException {
      return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event named {@code name}, skipping others; null on timeout. */
    Event next(String name, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        Event e = events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) return null;
        if (e.event().equals(name)) return e;
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  Stream stream(String pathAndQuery, Map<String, String> headers) {
    return new Stream(pathAndQuery, headers);
  }
}
