package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TrackRecord;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.CandleCsv;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop trading the bundled BTC minutes on the embedded simulator through the real Hyperliquid
 * client.
 */
class SimulatorLoopTest {
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "3c".repeat(32));

  @TempDir Path dir;
  HyperliquidSimulator sim;
  // Markets besides BTC's replayed minutes: generated, and traded too.
  List<Asset> generated = List.of();

  @AfterEach
  void close() {
    if (sim != null) sim.close();
  }

  static List<Candle> demoCandles(int n) throws Exception {
    try (Reader r =
        new InputStreamReader(
            SimulatorLoopTest.class.getResourceAsStream("/dev/rez/app/data/btc_usd_1m_2013.csv"),
            StandardCharsets.UTF_8)) {
      return CandleCsv.parse(r, Interval.M1).subList(0, n);
    }
  }

  /** Opens a long when flat: by default $2,000 at 5x, stop 0.4 % below, take-profit 0.8 % above. */
  public static final class Trend implements DecisionMaker {
    private final BigDecimal notional;
    private final BigDecimal takeProfit;
    private final BigDecimal stopLoss;

    public Trend() {
      this("2000", "1.008", "0.996");
    }

    /**
     * Opens {@code notional} USD with the take-profit and stop-loss at these multiples of the mark.
     */
    public Trend(String notional, String takeProfit, String stopLoss) {
      this.notional = new BigDecimal(notional);
      this.takeProfit = new BigDecimal(takeProfit);
      this.stopLoss = new BigDecimal(stopLoss);
    }

    @Override
    public dev.rez.agent.AgentResult decide(Request r) {
      List<TradeDecision> out = new ArrayList<>();
      for (Asset a : r.assets()) {
        if (r.account().position(a).isPresent() || !r.entriesAllowed()) {
          out.add(TradeDecision.hold(a, "in a position"));
          continue;
        }
        BigDecimal mark = r.markets().get(a).markPrice();
        out.add(
            TradeDecision.open(
                Side.BUY,
                a,
                notional,
                5,
                mark.multiply(takeProfit).setScale(2, RoundingMode.HALF_UP),
                mark.multiply(stopLoss).setScale(2, RoundingMode.HALF_UP),
                "flat: go long"));
      }
      return DecisionMaker.decisions(out);
    }
  }

  record Run(HyperliquidExchange hl, MemoryDiary diary, TradingLoop loop, Instant start) {}

  Run run(int cycles, int maxRetries, java.util.function.IntConsumer beforeCycle) throws Exception {
    return run(
        cycles,
        maxRetries,
        beforeCycle,
        RiskProfile.MODERATE.limits().toBuilder().cooldown(Duration.ofMinutes(2)).build(),
        new Trend());
  }

  Run run(
      int cycles,
      int maxRetries,
      java.util.function.IntConsumer beforeCycle,
      dev.rez.core.RiskLimits limits,
      DecisionMaker model)
      throws Exception {
    HyperliquidSimulator.Builder b =
        HyperliquidSimulator.builder()
            .candles("BTC", demoCandles(400), 5, 50)
            .history(60)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"));
    for (Asset a : generated) b.synthetic(a.name(), 3000, 3, 50);
    sim = b.start();
    List<Asset> assets = new ArrayList<>(List.of(BTC));
    assets.addAll(generated);
    ClientFaultRecorder faults = new ClientFaultRecorder();
    HyperliquidExchange hl =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .maxRetries(maxRetries)
            .retryBackoff(Duration.ofMillis(5))
            .listener(faults)
            .build();
    Instant start = sim.now();
    LoopClock.Stepped clock = LoopClock.stepped(start, sim::advanceTo);
    MemoryDiary diary = new MemoryDiary();
    RiskPolicy policy = new RiskPolicy(limits, clock.asClock());
    TradingLoop loop =
        new TradingLoop(
            new TradingLoop.Settings(
                assets,
                Interval.M1,
                60,
                3,
                new BigDecimal("0.02"),
                Executor.Settings.defaults("sim-test"),
                dir.resolve("diary.jsonl"),
                null,
                true),
            hl,
            hl,
            diary,
            policy,
            model,
            new TokenBudget(1_000_000, null, null, clock.asClock()),
            clock);
    faults.attach(loop);
    loop.start();
    for (int i = 0; i < cycles; i++) {
      beforeCycle.accept(i);
      clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
      loop.runCycle();
      assertEveryPositionHasAStop(hl);
    }
    return new Run(hl, diary, loop, start);
  }

  static void assertEveryPositionHasAStop(HyperliquidExchange hl) {
    AccountState account = hl.accountState();
    List<OpenOrder> orders = hl.openOrders();
    for (Position p : account.positions()) {
      assertThat(orders)
          .as("stop-loss of " + p)
          .anySatisfy(
              o -> {
                assertThat(o.asset()).isEqualTo(p.asset());
                assertThat(o.trigger()).isEqualTo(TriggerKind.STOP_LOSS);
                assertThat(o.side()).isEqualTo(p.side().opposite());
              });
    }
  }

  @Test
  void tradesAreOpenedProtectedAndClosedByTheirTriggersAndTheDiaryFollowsTheExchange()
      throws Exception {
    Run r = run(120, 3, i -> {});

    List<Map<String, Object>> orders = r.diary().data("order");
    assertThat(orders).anySatisfy(o -> assertThat(o).containsEntry("kind", "open"));
    List<Fill> exchangeFills = r.hl().fills(r.start());
    List<Fill> closes = exchangeFills.stream().filter(Fill::closing).toList();
    assertThat(closes).isNotEmpty();
    // Closed by a trigger: the closing fills carry the take-profit or stop-loss cloid of the
    // opening cycle.
    assertThat(closes).anySatisfy(f -> assertThat(f.cloid()).isNotNull());
    assertThat(r.diary().data("cycle-end"))
        .hasSize(120)
        .allSatisfy(m -> assertThat(m).containsEntry("ok", true));

    // The diary's fills are the exchange's fills, once each.
    List<DiaryEvent> fillEvents = r.diary().ofType("fill");
    assertThat(fillEvents).hasSize(exchangeFills.size());
    BigDecimal start = new BigDecimal("10000");
    TrackRecord fromExchange = TrackRecord.fromFills(exchangeFills, start);
    TrackRecord fromDiary =
        TrackRecord.fromFills(
            fillEvents.stream().map(e -> fillOf(Json.parseObject(e.json()))).toList(), start);
    assertThat(fromDiary.tradeCount()).isEqualTo(fromExchange.tradeCount()).isPositive();
    assertThat(fromDiary.netPnl()).isEqualByComparingTo(fromExchange.netPnl());
    assertThat(fromDiary.fees()).isEqualByComparingTo(fromExchange.fees());
    assertThat(fromDiary.maxDrawdown()).isEqualByComparingTo(fromExchange.maxDrawdown());
  }

  @Test
  void entriesClippedToTheFreeMarginAreAcceptedByTheExchange() throws Exception {
    // 60 % of the equity may serve as margin per position, and the model asks for far more in two
    // markets at once: the second entry is clipped to the margin the first one left free.
    generated = List.of(Asset.of("ETH"));
    Run r =
        run(
            60,
            3,
            i -> {},
            RiskProfile.MODERATE.limits().toBuilder()
                .maxMarginFraction(new BigDecimal("0.6"))
                .cooldown(Duration.ofMinutes(2))
                .build(),
            new Trend("1000000", "1.008", "0.996"));

    List<Map<String, Object>> verdicts = r.diary().data("risk-verdict");
    assertThat(verdicts)
        .anySatisfy(v -> assertThat(v.toString()).contains("available-margin-clipped"));
    List<Map<String, Object>> opens =
        r.diary().data("order").stream().filter(o -> "open".equals(o.get("kind"))).toList();
    assertThat(opens).hasSizeGreaterThanOrEqualTo(2);
    assertThat(r.diary().ofType("order").stream().map(DiaryEvent::json).toList())
        .noneSatisfy(j -> assertThat(j).contains("Insufficient margin"));
    assertThat(r.hl().fills(r.start()).stream().filter(f -> !f.closing()).count())
        .isEqualTo(opens.size());
  }

  @Test
  void faultsDuringARunLeaveNoDuplicateAndNoUnprotectedPosition() throws Exception {
    Run r =
        run(
            60,
            2,
            i -> {
              switch (i % 12) {
                case 2 -> sim.faults().rejectNextTriggerOrders(1);
                case 5 -> sim.faults().dropNextOrderAck();
                case 7 -> sim.faults().failNext(1, 503);
                case 9 -> sim.faults().rateLimitNext(1);
                default -> {}
              }
            });

    // Never more than one entry per cycle: a lost acknowledgement was not answered with a second
    // order.
    List<Fill> opens = r.hl().fills(r.start()).stream().filter(f -> !f.closing()).toList();
    assertThat(opens.stream().map(Fill::cloid).distinct().count())
        .isEqualTo(opens.stream().map(Fill::orderId).distinct().count());
    // Every fault shows in the diary, also those the client recovered from by itself: lost
    // acknowledgements
    // recovered by cloid, HTTP errors that a retry got past, rejected triggers.
    assertThat(r.diary().data("reconcile"))
        .anySatisfy(
            m -> {
              assertThat((String) m.get("detail")).contains("acknowledgement lost");
              assertThat(m).containsEntry("request", "order").containsEntry("found", true);
              assertThat((List<?>) m.get("cloids")).isNotEmpty();
            });
    assertThat(r.diary().data("error"))
        .anySatisfy(
            m -> {
              assertThat(m)
                  .containsEntry("where", "exchange")
                  .containsEntry("status", new BigDecimal("503"));
              assertThat((String) m.get("message")).contains("HTTP 503").contains("retry 1 of 2");
            })
        .anySatisfy(
            m -> {
              assertThat(m)
                  .containsEntry("where", "exchange")
                  .containsEntry("status", new BigDecimal("429"));
              assertThat((String) m.get("message")).contains("HTTP 429");
            });
    // Each retried failure is recorded under the cycle it happened in (faults armed before cycle i
    // hit cycle i + 1).
    List<DiaryEvent> retried =
        r.diary().ofType("error").stream()
            .filter(e -> e.json().contains("\"where\":\"exchange\""))
            .toList();
    assertThat(retried).hasSize(10).allSatisfy(e -> assertThat((e.cycle() - 1) % 12).isIn(7L, 9L));
    assertThat(r.diary().data("protection"))
        .anySatisfy(m -> assertThat((String) m.get("action")).isIn("retry", "closed-unprotected"));
    assertThat(r.diary().data("cycle-end"))
        .hasSize(60)
        .allSatisfy(m -> assertThat(m).containsEntry("ok", true));
    // The diary still has every fill the exchange made, once.
    assertThat(r.diary().ofType("fill")).hasSize(r.hl().fills(r.start()).size());
    if (System.getenv("REZ_DEBUG_TEST") != null) {
      for (DiaryEvent e : r.diary().events)
        if (!List.of("context", "cycle-start", "cycle-end", "decision", "risk-verdict")
            .contains(e.type())) System.err.println(e.cycle() + " " + e.type() + " " + e.json());
    }
  }

  static Fill fillOf(Map<String, Object> d) {
    return dev.rez.app.diary.DiarySchema.fillOf(d);
  }

  @SuppressWarnings("unused")
  private static final MathContext MC = MathContext.DECIMAL64;
}
