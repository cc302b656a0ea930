package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model provider that echoes the key in its error body: the key reaches neither the diary nor,
 * so, the API.
 */
class ModelErrorRedactionTest {
  static final String LLM_KEY = "rez-test-key-7f3a9c2e51b04d68";
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;

  @Test
  void aProviderErrorEchoingTheKeyIsRecordedWithTheKeyMasked() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          byte[] body =
              ("{\"error\":{\"message\":\"Incorrect API key provided: "
                      + LLM_KEY
                      + " (sent as "
                      + auth
                      + ")\",\"type\":\"invalid_request_error\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    provider.start();
    try {
      AppConfig cfg =
          AppConfig.fromVariables(
              Map.of(
                  "LLM_PROVIDER",
                  "openai",
                  "LLM_MODEL",
                  "gpt-test",
                  "LLM_API_KEY",
                  LLM_KEY,
                  "LLM_BASE_URL",
                  "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1"));
      Path diaryPath = dir.resolve("diary.jsonl");
      TradingApp.Spec spec = DemoSpecs.btc(cfg, diaryPath, 2400, "redaction");
      try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
        app.limitCycles(1);
        app.runLoop();
      }
      assertThat(calls.get()).as("the model was asked").isPositive();
      String diary = Files.readString(diaryPath);
      assertThat(diary).contains("Incorrect API key provided").contains("[redacted]");
      assertThat(diary).doesNotContain(LLM_KEY).doesNotContain(LLM_KEY.substring(8));
    } finally {
      provider.stop(0);
    }
  }
}
