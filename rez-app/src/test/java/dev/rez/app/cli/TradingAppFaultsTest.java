package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's exchange client reports the faults it recovers from by itself to the app's diary. */
class TradingAppFaultsTest {
  static final String KEY = "0x" + "6f".repeat(32);
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void httpFailuresTheClientRetriedPastAreErrorEventsInTheDiary() throws Exception {
    AppConfig cfg = AppConfig.fromVariables(Map.of("HYPERLIQUID_PRIVATE_KEY", KEY));
    Path diaryPath = dir.resolve("diary.jsonl");
    TradingApp.Spec spec = DemoSpecs.btc(cfg, diaryPath, 2400, "faults");
    try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
      app.limitCycles(2);
      app.sim.faults().failNext(1, 503).rateLimitNext(1);
      app.runLoop();
    }

    List<Map<String, Object>> events =
        Files.readAllLines(diaryPath).stream().map(Json::parseObject).toList();
    List<Map<String, Object>> retried =
        events.stream()
            .filter(e -> "error".equals(e.get("type")))
            .map(e -> (Map<String, Object>) e.get("data"))
            .filter(d -> "exchange".equals(d.get("where")))
            .toList();
    assertThat(retried)
        .extracting(d -> ((BigDecimal) d.get("status")).intValue())
        .containsExactlyInAnyOrder(503, 429);
    assertThat(retried)
        .allSatisfy(
            d -> {
              assertThat((String) d.get("message"))
                  .contains("HTTP " + d.get("status"))
                  .contains("retry");
              assertThat(d).containsKeys("request", "attempt", "maxAttempts", "delayMs");
            });
    // The client got past both: every cycle ended well.
    assertThat(events)
        .filteredOn(e -> "cycle-end".equals(e.get("type")))
        .hasSize(2)
        .allSatisfy(e -> assertThat((Map<String, Object>) e.get("data")).containsEntry("ok", true));
    assertThat(Files.readString(diaryPath)).doesNotContain(KEY.substring(2));
  }

  @Test
  void aStartThatFailsAfterOpeningTheDiaryReleasesIt() {
    // The model has no key: the start fails after the diary is open.
    AppConfig cfg =
        AppConfig.fromVariables(
            Map.of(
                "HYPERLIQUID_PRIVATE_KEY", KEY, "LLM_PROVIDER", "openai", "LLM_MODEL", "gpt-test"));
    Path diaryPath = dir.resolve("diary.jsonl");
    TradingApp.Spec spec = DemoSpecs.btc(cfg, diaryPath, 2400, "fails");
    Serving.Diaries diaries = new Serving.Diaries();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TradingApp.create(spec, diaries))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("API key");
    assertThat(diaries.last).isNotNull();

    try (dev.rez.app.diary.JsonlDiary again =
        dev.rez.app.diary.JsonlDiary.open(diaryPath)) { // not held by the failed start
      assertThat(again.health().ok()).isTrue();
    }
  }
}
