package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.DiarySchema;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Diary;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies mid-cycle (between an entry's fill and its protection, halfway through a
 * diary line) and starts again on the same exchange, diary and state files.
 */
class CrashRestartTest {
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "4d".repeat(32));

  @TempDir Path dir;

  TradingLoop loop(HyperliquidExchange hl, LoopClock.Stepped clock, Diary diary, String run) {
    RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), clock.asClock());
    return new TradingLoop(
        new TradingLoop.Settings(
            List.of(BTC),
            Interval.M1,
            0,
            3,
            new BigDecimal("0.02"),
            Executor.Settings.defaults(run),
            dir.resolve("diary.jsonl"),
            null,
            true),
        hl,
        hl,
        diary,
        policy,
        r -> DecisionMaker.decisions(List.of()),
        new TokenBudget(1000, null, null, clock.asClock()),
        clock);
  }

  @Test
  void restartLeavesNoUnprotectedPositionAndTheDiaryReadsCleanly() throws Exception {
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .candles("BTC", SimulatorLoopTest.demoCandles(200), 5, 50)
            .history(50)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start()) {
      HyperliquidExchange hl =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(sim.baseUrl())
              .signer(KEY)
              .build();
      LoopClock.Stepped clock = LoopClock.stepped(sim.now(), sim::advanceTo);
      Path file = dir.resolve("diary.jsonl");

      JsonlDiary first = JsonlDiary.open(file);
      TradingLoop before = loop(hl, clock, first, "run-1");
      before.start();
      for (int i = 0; i < 3; i++) {
        clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
        before.runCycle();
      }
      // The crash: an entry filled, its protection never sent; a diary line cut in half; nothing
      // closed.
      BigDecimal mark = sim.markPrice("BTC");
      hl.place(
          List.of(
              new OrderRequest(
                  BTC,
                  Side.BUY,
                  new BigDecimal("1"),
                  mark.multiply(new BigDecimal("1.01")).setScale(0, java.math.RoundingMode.UP),
                  TimeInForce.IOC,
                  false,
                  ClientOrderId.derive("crash-entry"))));
      // A dead process's file lock goes with it; in one JVM the diary is closed instead (what it
      // wrote stays, as
      // after a crash).
      first.close();
      Files.write(
          file,
          "{\"v\":1,\"seq\":999,\"time\":\"2013-11-2".getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.APPEND);
      assertThat(hl.accountState().position(BTC)).isPresent();
      assertThat(hl.openOrders()).isEmpty();

      try (JsonlDiary second = JsonlDiary.open(file)) {
        TradingLoop after = loop(hl, clock, second, "run-2");
        after.start();

        assertThat(hl.openOrders())
            .anySatisfy(
                o -> {
                  assertThat(o.trigger()).isEqualTo(TriggerKind.STOP_LOSS);
                  assertThat(o.side()).isEqualTo(Side.SELL);
                });
        clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
        assertThat(after.runCycle().cycle()).isEqualTo(4); // cycle numbers go on
        second.flush();

        Diary.Page all = second.read(null, 10_000, Diary.Filter.ALL);
        assertThat(all.events())
            .extracting(e -> e.event().type())
            .contains("cycle-start", "cycle-end", "reconcile");
        assertThat(all.events())
            .filteredOn(e -> e.event().type().equals("reconcile"))
            .anySatisfy(e -> assertThat(e.event().json()).contains("stop-loss-missing"));
        // Every line of the file is a whole JSON object except the torn one, which later lines do
        // not depend on.
        long whole =
            Files.readAllLines(file).stream()
                .filter(
                    l -> {
                      try {
                        Json.parseObject(l);
                        return true;
                      } catch (IllegalArgumentException e) {
                        return false;
                      }
                    })
                .count();
        assertThat(whole).isEqualTo(all.events().size());
      }
    }
  }

  @Test
  void fillsRecordedJustBeforeACrashAreNotRecordedAgainOnRestart() throws Exception {
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .candles("BTC", SimulatorLoopTest.demoCandles(200), 5, 50)
            .history(50)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start()) {
      HyperliquidExchange hl =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(sim.baseUrl())
              .signer(KEY)
              .build();
      LoopClock.Stepped clock = LoopClock.stepped(sim.now(), sim::advanceTo);
      Path file = dir.resolve("diary.jsonl");
      Path state = dir.resolve("diary.jsonl.loop.json");

      JsonlDiary first = JsonlDiary.open(file);
      TradingLoop before = loop(hl, clock, first, "run-1");
      before.start();
      clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
      before.runCycle();
      String beforeFill = Files.readString(state);
      BigDecimal mark = sim.markPrice("BTC");
      hl.place(
          List.of(
              new OrderRequest(
                  BTC,
                  Side.BUY,
                  new BigDecimal("1"),
                  mark.multiply(new BigDecimal("1.01")).setScale(0, java.math.RoundingMode.UP),
                  TimeInForce.IOC,
                  false,
                  ClientOrderId.derive("crash-fill"))));
      // Cycle 2 records the fill in the diary; the process dies before the state file (saved at the
      // cycle's start,
      // with the old fill watermark) is written again at its end.
      clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
      before.runCycle();
      first
          .close(); // in one JVM the diary is closed instead of a dead process's lock going with it
      java.util.Map<String, Object> crashed =
          new java.util.LinkedHashMap<>(Json.parseObject(beforeFill));
      crashed.put("lastCycle", 2);
      Files.writeString(state, Json.write(crashed));

      try (JsonlDiary second = JsonlDiary.open(file)) {
        TradingLoop after = loop(hl, clock, second, "run-2");
        after.start();
        clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
        after.runCycle();
        second.flush();
        List<Diary.Entry> fills =
            second.read(null, 10_000, new Diary.Filter("fill", null)).events();
        assertThat(fills).hasSize(hl.fills(java.time.Instant.EPOCH).size()).hasSize(1);
        // The diary kept the exchange's trade id: the restart knew the fill by it.
        Fill recorded = DiarySchema.fillOf(Json.parseObject(fills.get(0).event().json()));
        assertThat(recorded.tradeId()).isNotZero();
        assertThat(recorded.key()).isEqualTo(hl.fills(java.time.Instant.EPOCH).get(0).key());
      }
    }
  }
}
