package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backtest whose every model call fails is a failure, not a clean record. */
class BacktestModelFailureTest extends CliTestBase {
  @Test
  void aBacktestInWhichEveryModelCallFailedReportsTheHeldCyclesAndExitsNonZero() throws Exception {
    FakeOpenAiServer provider = FakeOpenAiServer.failing(400, r -> "model overloaded");
    try {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", provider.baseUrl());
      env.put("LLM_MODEL", "x");
      env.put("LLM_MAX_RETRIES", "0");
      Path data = bars(204);
      Path diary = dir.resolve("failed.jsonl");
      String[] args = {
        "backtest", "--data", data.toString(), "--diary", diary.toString(), "--warmup", "200"
      };
      int code =
          run(
              java.util.stream.Stream.concat(
                      java.util.Arrays.stream(args), java.util.stream.Stream.of("--json"))
                  .toArray(String[]::new));
      assertThat(code).as(out + "\n" + err).isEqualTo(ExitCode.FAILURE);
      assertThat(provider.requests).as("the model was asked").isNotEmpty();
      assertThat(err.toString())
          .contains("backtest failed: no decision succeeded")
          .contains("all 4 cycles")
          .contains("model overloaded");
      Map<String, Object> json = Json.parseObject(out.toString());
      assertThat(json).containsEntry("cycles", new BigDecimal(4));
      assertThat(json).containsEntry("heldCycles", new BigDecimal(4));
      assertThat(Files.readString(diary)).contains("\"where\":\"decision\"");

      // Without --json the record says how many cycles were held.
      assertThat(run(args)).isEqualTo(ExitCode.FAILURE);
      assertThat(out.toString()).contains("held: 4 of 4 cycles");
    } finally {
      provider.close();
    }
    // The offline model's backtest holds nothing and succeeds.
    env.clear();
    assertThat(run("backtest", "--data", bars(204).toString(), "--warmup", "200", "--json"))
        .as(err.toString())
        .isZero();
    assertThat(Json.parseObject(out.toString())).containsEntry("heldCycles", BigDecimal.ZERO);
  }
}
