package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backtest that ends with a position open closes it, so that its record counts it. */
class BacktestEndTest extends CliTestBase {
  static final String OPEN =
      "{\"reasoning\":\"up\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_long\","
          + "\"size_usd\":1000,\"leverage\":2,\"take_profit\":950,\"stop_loss\":750,"
          + "\"rationale\":\"trend and momentum agree\"}]}";

  @Test
  void aPositionStillOpenAfterTheLastCycleIsClosedAndCounted() throws Exception {
    // The model opens a long at the first cycle, far from its take-profit and stop-loss, then
    // holds.
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body -> {
              return asked.getAndIncrement() == 0 ? OPEN : LookaheadAuditTest.HOLD;
            })) {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", server.baseUrl());
      env.put("LLM_MODEL", "x");
      env.put("LLM_MAX_RETRIES", "0");
      Path diary = dir.resolve("end.jsonl");
      backtest(bars(204), diary);
    }

    Map<String, Object> record = Json.parseObject(out.toString());
    assertThat(record).containsEntry("trades", BigDecimal.ONE);
    List<Map<String, Object>> events =
        Files.readAllLines(dir.resolve("end.jsonl")).stream().map(Json::parseObject).toList();
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e).containsEntry("type", "kill-switch");
              assertThat(e.toString()).contains("flatten", "backtest");
            });
    assertThat(events.stream().filter(e -> "fill".equals(e.get("type")))).hasSize(2);
  }
}
