package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A backtest whose every model call fails is a failure, not a clean record. */
class BacktestModelFailureTest extends CliTestBase {
  @Test
  void aBacktestInWhichEveryModelCallFailedReportsTheHeldCyclesAndExitsNonZero() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          byte[] body =
              "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(400, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    provider.start();
    try {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");
      env.put("LLM_MODEL", "x");
      env.put("LLM_MAX_RETRIES", "0");
      Path data = bars(204);
      Path diary = dir.resolve("failed.jsonl");
      int code =
          run(
              "backtest",
              "--data",
              data.toString(),
              "--diary",
              diary.toString(),
              "--warmup",
              "200",
              "--json");
      assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.FAILURE);
      assertThat(calls.get()).as("the model was asked").isPositive();
      assertThat(err.toString())
          .contains("backtest failed: no decision succeeded")
          .contains("all 4 cycles")
          .contains("model overloaded");
      Map<String, Object> json = Json.parseObject(out.toString());
      assertThat(json).containsEntry("cycles", new BigDecimal(4));
      assertThat(json).containsEntry("heldCycles", new BigDecimal(4));
      assertThat(Files.readString(diary)).contains("\"where\":\"decision\"");

      // Without --json the record says how many cycles were held.
      assertThat(
              run(
                  "backtest",
                  "--data",
                  data.toString(),
                  "--diary",
                  diary.toString(),
                  "--warmup",
                  "200"))
          .isEqualTo(ExitCode.FAILURE);
      assertThat(out.toString()).contains("held: 4 of 4 cycles");
    } finally {
      provider.stop(0);
    }
    // The offline model's backtest holds nothing and succeeds.
    env.clear();
    assertThat(run("backtest", "--data", bars(204).toString(), "--warmup", "200", "--json"))
        .as(err.toString())
        .isZero();
    assertThat(Json.parseObject(out.toString())).containsEntry("heldCycles", BigDecimal.ZERO);
  }
}
