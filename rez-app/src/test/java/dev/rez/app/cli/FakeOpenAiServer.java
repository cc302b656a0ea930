package dev.rez.app.cli;

import com.sun.net.httpserver.HttpServer;
import dev.rez.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A keyless loopback server speaking OpenAI chat completions ({@code POST /v1/chat/completions}),
 * as Ollama, vLLM or OpenRouter do: it records every request and answers each with the text {@code
 * answer} gives for its body, or refuses it with HTTP 400 when {@link #TOOLS_REFUSED} is that text,
 * as a server whose model cannot call tools does.
 */
final class FakeOpenAiServer implements AutoCloseable {
  /** One request as received. */
  record Request(Map<String, List<String>> headers, Map<String, Object> body) {
    String header(String name) {
      for (var e : headers.entrySet())
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      return null;
    }

    String model() {
      return (String) body.get("model");
    }
  }

  /** The answer that makes the server refuse the request: "tools are not supported". */
  static final String TOOLS_REFUSED = "(refuse: tools are not supported)";

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeOpenAiServer(Function<Map<String, Object>, String> answer) throws IOException {
    this(
        (request, n) -> {
          String text = answer.apply(request.body());
          return TOOLS_REFUSED.equals(text)
              ? new Reply(
                  400, "{\"error\":{\"message\":\"tools are not supported by this model\"}}")
              : new Reply(200, completion(n, request.body(), text));
        });
  }

  /**
   * A server that answers every request with HTTP {@code status} and an OpenAI error body whose
   * message {@code message} gives for the request (e.g. one that echoes its key, as some providers
   * do).
   */
  static FakeOpenAiServer failing(int status, Function<Request, String> message)
      throws IOException {
    return new FakeOpenAiServer(
        (request, n) ->
            new Reply(
                status,
                Json.write(
                    Json.obj(
                        "error",
                        Json.obj(
                            "message", message.apply(request), "type", "invalid_request_error")))));
  }

  private record Reply(int status, String body) {}

  /** {@code respond} answers the {@code n}th request (from 1). */
  private FakeOpenAiServer(java.util.function.BiFunction<Request, Integer, Reply> respond)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          Map<String, Object> body =
              Json.parseObject(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Request request = new Request(Map.copyOf(exchange.getRequestHeaders()), body);
          requests.add(request);
          Reply reply = respond.apply(request, requests.size());
          byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  private static String completion(int n, Map<String, Object> body, String content) {
    return Json.write(
        Json.obj(
            "id",
            "chatcmpl-" + n,
            "object",
            "chat.completion",
            "created",
            1,
            "model",
            body.get("model"),
            "choices",
            List.of(
                Json.obj(
                    "index",
                    0,
                    "message",
                    Json.obj("role", "assistant", "content", content),
                    "finish_reason",
                    "stop")),
            "usage",
            Json.obj("prompt_tokens", 100, "completion_tokens", 10, "total_tokens", 110)));
  }

  /** The base URL to configure, ending in {@code /v1}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Request> requestsFor(String model) {
    return requests.stream().filter(r -> model.equals(r.model())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
