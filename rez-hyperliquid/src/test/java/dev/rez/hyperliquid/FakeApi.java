package dev.rez.hyperliquid;

import dev.rez.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer on 127.0.0.1 that answers /info by request type and /exchange from a queue. */
final class FakeApi implements AutoCloseable {
  record Call(String path, String body) {
    Map<String, Object> json() {
      return Json.parseObject(body);
    }
  }

  final MockWebServer server = new MockWebServer();
  final List<Call> calls = new CopyOnWriteArrayList<>();
  final Map<String, Deque<MockResponse>> infoQueues = new ConcurrentHashMap<>();
  final Map<String, Function<Map<String, Object>, MockResponse>> info = new ConcurrentHashMap<>();
  final Deque<MockResponse> exchange = new ArrayDeque<>();

  FakeApi() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            String path = request.getUrl().encodedPath();
            calls.add(new Call(path, body));
            if (path.equals("/exchange")) {
              synchronized (exchange) {
                MockResponse r = exchange.poll();
                return r != null ? r : json(500, "{\"error\":\"no exchange response queued\"}");
              }
            }
            Map<String, Object> req = Json.parseObject(body);
            String type = String.valueOf(req.get("type"));
            Deque<MockResponse> q = infoQueues.get(type);
            if (q != null) {
              synchronized (q) {
                if (!q.isEmpty()) return q.poll();
              }
            }
            Function<Map<String, Object>, MockResponse> h = info.get(type);
            return h != null ? h.apply(req) : json(422, "Failed to deserialize the JSON body");
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    info("meta", fixture("meta.json"));
  }

  String baseUrl() {
    return server.url("/").toString();
  }

  FakeApi info(String type, String body) {
    info.put(type, req -> json(200, body));
    return this;
  }

  FakeApi infoOnce(String type, MockResponse response) {
    infoQueues.computeIfAbsent(type, t -> new ArrayDeque<>()).add(response);
    return this;
  }

  FakeApi exchange(MockResponse response) {
    synchronized (exchange) {
      exchange.add(response);
    }
    return this;
  }

  FakeApi exchange(String body) {
    return exchange(json(200, body));
  }

  List<Call> calls(String path) {
    return calls.stream().filter(c -> c.path().equals(path)).toList();
  }

  List<Map<String, Object>> infoCalls(String type) {
    return calls("/info").stream().map(Call::json).filter(j -> type.equals(j.get("type"))).toList();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static String fixture(String name) {
    try (InputStream in = FakeApi.class.getResourceAsStream("fixtures/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
