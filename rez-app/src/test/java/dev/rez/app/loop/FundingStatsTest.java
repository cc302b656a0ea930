package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.cli.Main;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Interval;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funding paid on the simulator enters the diary and the track record: {@code rez stats} net PnL is
 * the equity change.
 */
class FundingStatsTest {
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "6f".repeat(32));

  @TempDir Path dir;
  HyperliquidSimulator sim;

  @AfterEach
  void close() {
    if (sim != null) sim.close();
  }

  @Test
  void statsNetPnlEqualsTheEquityChangeWithFunding() throws Exception {
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", SimulatorLoopTest.demoCandles(400), 5, 50)
            .history(60)
            .afterReplay(AfterReplay.STOP)
            .fundingRate(new BigDecimal("0.001"))
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    HyperliquidExchange hl =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .build();
    LoopClock.Stepped clock = LoopClock.stepped(sim.now(), sim::advanceTo);
    Path diaryPath = dir.resolve("diary.jsonl");
    try (Diary diary = JsonlDiary.open(diaryPath)) {
      RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), clock.asClock());
      TradingLoop loop =
          new TradingLoop(
              new TradingLoop.Settings(
                  List.of(BTC),
                  Interval.M1,
                  0,
                  3,
                  new BigDecimal("0.02"),
                  Executor.Settings.defaults("funding"),
                  diaryPath,
                  null,
                  true),
              hl,
              hl,
              diary,
              policy, // Wide protection: positions are held across funding hours.
              new SimulatorLoopTest.Trend("5000", "1.06", "0.97"),
              new TokenBudget(Long.MAX_VALUE, null, null, clock.asClock()),
              clock);
      loop.start();
      for (int i = 0; i < 150; i++) {
        clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
        loop.runCycle();
      }
      // Close everything, so that the track record (closed trades) covers all of the equity change.
      loop.setKillSwitch(KillSwitch.Level.FLATTEN, "end of the test", "test");
      for (int i = 0; i < 3 && !hl.accountState().positions().isEmpty(); i++) {
        clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
        loop.runCycle();
      }
      assertThat(hl.accountState().positions()).isEmpty();
      loop.finish();

      List<DiaryEvent> funding = new ArrayList<>();
      for (Diary.Entry e : diary.read(null, 10_000, new Diary.Filter("funding", BTC)).events())
        funding.add(e.event());
      assertThat(funding).as("funding paid on the positions held across the hours").isNotEmpty();
      BigDecimal paid =
          funding.stream()
              .map(e -> (BigDecimal) Json.parseObject(e.json()).get("usdc"))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(paid).isNegative(); // longs pay a positive rate
      assertThat(funding)
          .extracting(e -> Json.parseObject(e.json()).get("time"))
          .doesNotHaveDuplicates();
    }

    StringWriter out = new StringWriter();
    int code =
        Main.execute(
            new String[] {"stats", diaryPath.toString(), "--starting-equity", "10000", "--json"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            Map.of(),
            dir);
    assertThat(code).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> stats =
        (Map<String, Object>) Json.parseObject(out.toString().strip()).get("overall");
    BigDecimal equityChange = sim.accountValue(KEY.address()).subtract(new BigDecimal("10000"));
    assertThat((BigDecimal) stats.get("netPnl")).isEqualByComparingTo(equityChange);
    assertThat((BigDecimal) stats.get("funding")).isNegative();
    assertThat(((BigDecimal) stats.get("trades")).intValue()).isPositive();
    if (System.getenv("REZ_DEBUG_TEST") != null)
      System.err.println("stats " + stats + " equity change " + equityChange);
  }
}
