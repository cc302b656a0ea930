package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted demo on the same diary continues the same simulated account, orders and clock. */
class DemoContinuationTest {
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;

  TradingApp.Spec spec(Path diary) {
    AppConfig cfg = AppConfig.fromVariables(Map.of());
    return DemoSpecs.btc(cfg, diary, 2400, "cont");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> starts(Path diary) throws Exception {
    return Files.readAllLines(diary).stream()
        .map(Json::parseObject)
        .filter(e -> "app-start".equals(e.get("type")))
        .map(e -> (Map<String, Object>) e.get("data"))
        .toList();
  }

  @Test
  void aRestartedDemoContinuesItsAccountAndStatsReadTheWholeDiary() throws Exception {
    Path diary = dir.resolve("diary.jsonl");
    Instant stoppedAt;
    String address;
    int fillsBefore;
    try (TradingApp app = TradingApp.create(spec(diary), new Serving.Diaries())) {
      app.limitCycles(25);
      app.runLoop();
      // A position of our own besides whatever the model did: it must be there after the restart.
      var buy =
          app.exchange.marketOrder(
              BTC,
              dev.rez.core.Side.BUY,
              new java.math.BigDecimal("2"),
              new java.math.BigDecimal("0.05"),
              dev.rez.core.ClientOrderId.derive("continuation-test"));
      app.exchange.place(List.of(buy));
      stoppedAt = app.sim.now();
      address = app.address;
      fillsBefore = app.exchange.fills(Instant.EPOCH).size();
      assertThat(fillsBefore).isPositive();
    }
    Path key = DemoAccount.keyFile(diary);
    assertThat(key).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String secret = Files.readString(key).strip();

    try (TradingApp app = TradingApp.create(spec(diary), new Serving.Diaries())) {
      assertThat(app.address).isEqualTo(address);
      assertThat(app.sim.now()).isAfterOrEqualTo(stoppedAt).isBefore(stoppedAt.plusSeconds(3600));
      assertThat(app.exchange.fills(Instant.EPOCH)).hasSize(fillsBefore);
      assertThat(app.exchange.orderStatus(dev.rez.core.ClientOrderId.derive("continuation-test")))
          .isPresent();
      assertThat(app.exchange.accountState().positions()).isNotEmpty();
      app.limitCycles(25);
      app.runLoop();
    }

    List<Map<String, Object>> starts = starts(diary);
    assertThat(starts).hasSize(2);
    assertThat(starts.get(1))
        .containsEntry("address", starts.get(0).get("address"))
        .containsEntry("exchange", starts.get(0).get("exchange"));
    assertThat(Files.readString(diary)).doesNotContain(secret);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"stats", diary.toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            dir);
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).doesNotContain("runs").doesNotContain(secret);
  }

  @Test
  void aDemoOnANewDiaryStartsAfresh() throws Exception {
    Path diary = dir.resolve("diary.jsonl");
    String first;
    try (TradingApp app = TradingApp.create(spec(diary), new Serving.Diaries())) {
      first = app.address;
    }
    Files.delete(diary);
    try (TradingApp app = TradingApp.create(spec(diary), new Serving.Diaries())) {
      assertThat(app.address).isNotEqualTo(first);
    }
  }
}
