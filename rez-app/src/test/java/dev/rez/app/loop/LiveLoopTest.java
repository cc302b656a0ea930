package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.live.LiveView;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop with a live view that follows the simulator's WebSocket: the protection watchdog between
 * cycles, the re-check of an entry against the fresh mark, fills as they happen, and the REST
 * fallback when the socket dies. The simulator runs on a stepped clock, so prices move only when a
 * test moves them.
 */
class LiveLoopTest {
  static final Asset BTC = Asset.of("BTC");
  static final Asset ETH = Asset.of("ETH");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "4d".repeat(32));
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  HyperliquidSimulator sim;
  LiveView live;
  HyperliquidExchange hl;

  /** Another client of the same account: a trader acting by hand. */
  HyperliquidExchange hand;

  /** While set, the loop's closes find no liquidity (the exchange rejects its reduce-only IOCs). */
  volatile boolean noLiquidity;

  /** The assets whose trigger orders the exchange refuses (none by default). */
  volatile java.util.function.Predicate<Asset> protectionRefused = a -> false;

  /** While set, the live view's REST reads of the account and its orders fail. */
  volatile boolean accountReadsFail;

  /** The loop's requests to place trigger orders on a position. */
  final java.util.concurrent.atomic.AtomicInteger protectionRequests =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The same, per asset. */
  final Map<Asset, java.util.concurrent.atomic.AtomicInteger> protectionRequestsOf =
      new java.util.concurrent.ConcurrentHashMap<>();

  MemoryDiary diary;
  TradingLoop loop;
  RiskPolicy policy;
  LoopClock.Stepped clock;

  @AfterEach
  void close() {
    if (loop != null) loop.finish();
    if (live != null) live.close();
    if (sim != null) sim.close();
  }

  void setUp(DecisionMaker dm, BigDecimal toleranceBps) throws Exception {
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", SimulatorLoopTest.demoCandles(400), 5, 50)
            .synthetic("ETH", 3000, 4, 50)
            .history(60)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    hl =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .build();
    hand =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .build();
    clock = LoopClock.stepped(sim.now(), sim::advanceTo);
    live =
        LiveView.builder(accountReadsFailWhenAsked(hl), hl).stream(
                sim.webSocketUrl(), KEY.address())
            .clock(clock.asClock())
            .build();
    diary = new MemoryDiary();
    policy = new RiskPolicy(RiskProfile.MODERATE.limits(), clock.asClock());
    loop =
        new TradingLoop(
            new TradingLoop.Settings(
                List.of(BTC),
                Interval.M1,
                60,
                3,
                new BigDecimal("0.02"),
                Executor.Settings.defaults("live-test"),
                dir.resolve("diary.jsonl"),
                null,
                true),
            closesFailWithoutLiquidity(hl),
            hl,
            live,
            toleranceBps,
            diary,
            policy,
            dm,
            new TokenBudget(1_000_000, null, null, clock.asClock()),
            clock);
    loop.start();
    await("the socket connects", live::streaming);
  }

  /**
   * {@code exchange} as the loop sees it: while {@link #noLiquidity} is set, an order list of
   * reduce-only orders is rejected as the exchange rejects an IOC that finds nothing to match.
   */
  Exchange closesFailWithoutLiquidity(Exchange exchange) {
    return (Exchange)
        java.lang.reflect.Proxy.newProxyInstance(
            Exchange.class.getClassLoader(),
            new Class<?>[] {Exchange.class},
            (proxy, method, args) -> {
              if (method.getName().equals("placeProtection")) {
                protectionRequests.incrementAndGet();
                Asset asset = ((List<dev.rez.core.TriggerOrder>) args[0]).getFirst().asset();
                protectionRequestsOf
                    .computeIfAbsent(asset, a -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
                if (protectionRefused.test(asset))
                  return ((List<?>) args[0])
                      .stream()
                          .map(
                              t ->
                                  (OrderResult)
                                      new OrderResult.Rejected(
                                          "refused by the test's exchange",
                                          ((dev.rez.core.TriggerOrder) t).cloid()))
                          .toList();
              }
              if (noLiquidity
                  && method.getName().equals("place")
                  && ((List<?>) args[0])
                      .stream().allMatch(o -> o instanceof OrderRequest r && r.reduceOnly())) {
                return ((List<?>) args[0])
                    .stream()
                        .map(
                            o ->
                                (OrderResult)
                                    new OrderResult.Rejected(
                                        "Order could not immediately match against any resting"
                                            + " orders.",
                                        ((OrderRequest) o).cloid()))
                        .toList();
              }
              try {
                return method.invoke(exchange, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * {@code exchange} as the live view reads it: while {@link #accountReadsFail} is set, failing.
   */
  Exchange accountReadsFailWhenAsked(Exchange exchange) {
    return (Exchange)
        java.lang.reflect.Proxy.newProxyInstance(
            Exchange.class.getClassLoader(),
            new Class<?>[] {Exchange.class},
            (proxy, method, args) -> {
              if (accountReadsFail
                  && (method.getName().equals("accountState")
                      || method.getName().equals("openOrders")))
                throw new java.io.UncheckedIOException(
                    new java.io.IOException("connection reset (the test's exchange)"));
              try {
                return method.invoke(exchange, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Buys 0.5 BTC by hand with an IOC 1 % above the mark: a position the loop did not open. */
  List<OrderResult> buyByHand(String cloid) {
    return buyByHand(BTC, cloid);
  }

  /** Buys 0.5 of {@code asset} by hand with an IOC 1 % above the mark. */
  List<OrderResult> buyByHand(Asset asset, String cloid) {
    BigDecimal mark = sim.markPrice(asset.name());
    return hand.place(
        List.of(
            new OrderRequest(
                asset,
                Side.BUY,
                new BigDecimal("0.5"),
                hand.roundPrice(asset, mark.multiply(new BigDecimal("1.01")), RoundingMode.FLOOR),
                TimeInForce.IOC,
                false,
                ClientOrderId.derive(cloid))));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(20);
    }
  }

  void nextCycle() {
    clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
    loop.runCycle();
  }

  Optional<OpenOrder> stopLoss() {
    return hl.openOrders().stream()
        .filter(o -> o.asset().equals(BTC) && o.trigger() == TriggerKind.STOP_LOSS)
        .findFirst();
  }

  /**
   * Opens a long with a stop 3 % below and a take-profit 6 % above the cycle's mark, once; holds
   * otherwise.
   */
  static final class LongOnce implements DecisionMaker {
    final List<String> feedback = new ArrayList<>();
    Runnable whileThinking = () -> {};
    boolean done;

    @Override
    public dev.rez.agent.AgentResult decide(Request r) {
      if (done || r.account().position(BTC).isPresent())
        return DecisionMaker.decisions(List.of(TradeDecision.hold(BTC, "in a position")));
      done = true;
      BigDecimal mark = r.markets().get(BTC).markPrice();
      whileThinking.run();
      return DecisionMaker.decisions(
          List.of(
              TradeDecision.open(
                  Side.BUY,
                  BTC,
                  new BigDecimal("1000"),
                  3,
                  mark.multiply(new BigDecimal("1.06")).setScale(2, RoundingMode.HALF_UP),
                  mark.multiply(new BigDecimal("0.97")).setScale(2, RoundingMode.HALF_UP),
                  "go long")));
    }

    @Override
    public void feedback(TradeDecision proposal, String outcome) {
      feedback.add(outcome);
    }
  }

  /** Holds every cycle. */
  static final class Holding implements DecisionMaker {
    @Override
    public dev.rez.agent.AgentResult decide(Request r) {
      return DecisionMaker.decisions(List.of(TradeDecision.hold(BTC, "wait")));
    }
  }

  @Test
  void aStopCancelledFromOutsideIsPlacedAgainBetweenCycles() throws Exception {
    setUp(new LongOnce(), null);
    nextCycle();
    OpenOrder sl = stopLoss().orElseThrow(() -> new AssertionError("the entry's stop-loss rests"));

    assertThat(hand.cancel(BTC, sl.orderId())).isTrue();
    await("the watchdog places a stop-loss again", () -> stopLoss().isPresent());

    OpenOrder again = stopLoss().get();
    assertThat(again.orderId()).isNotEqualTo(sl.orderId());
    // A second outside cancel in the same cycle is repaired too (with client order ids of its own).
    assertThat(hand.cancel(BTC, again.orderId())).isTrue();
    await(
        "the watchdog places a stop-loss a second time",
        () -> stopLoss().filter(o -> o.orderId() != again.orderId()).isPresent());
    assertThat(hl.accountState().position(BTC))
        .as("the position stays open, protected")
        .isPresent();
    assertThat(diary.data("protection"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "watchdog"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "stop-loss-placed"));
    // No second position, no entry of the watchdog's own.
    assertThat(diary.data("order")).filteredOn(m -> "open".equals(m.get("kind"))).hasSize(1);
  }

  @Test
  void aPositionOpenedByHandGetsAStopLossByThePolicy() throws Exception {
    setUp(new Holding(), null);
    BigDecimal mark = sim.markPrice("BTC");
    List<?> r = buyByHand("by-hand");
    assertThat(r).hasSize(1);

    await("the watchdog protects the hand-opened position", () -> stopLoss().isPresent());

    Position p = hl.accountState().position(BTC).orElseThrow();
    OpenOrder sl = stopLoss().get();
    assertThat(sl.side()).isEqualTo(Side.SELL);
    // The reconciler's rule: 2 % beyond the worse of entry and mark.
    BigDecimal base = p.entryPrice().min(mark);
    assertThat(sl.triggerPrice().doubleValue())
        .isCloseTo(base.doubleValue() * 0.98, org.assertj.core.data.Percentage.withPercentage(0.1));
    assertThat(diary.data("protection"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "stop-loss-placed"));
  }

  @Test
  void aRepairThatKeepsFailingIsTriedAgainAfterAGrowingPauseNotAtEveryRound() throws Exception {
    setUp(new Holding(), null);
    protectionRefused = a -> true;
    noLiquidity = true; // and the close of the unprotected position finds nothing either
    buyByHand("by-hand");
    await("the watchdog tries to protect the position", () -> protectionRequests.get() > 0);
    int first = protectionRequests.get();
    Thread.sleep(5_000);
    int during = protectionRequests.get() - first;

    // A try places the stop-loss twice, then tries to close. With pauses of 1, 2 and 4 s between
    // tries, two or three fit in 5 s; without them the watchdog's own reads woke it at once, and it
    // tried hundreds of times.
    assertThat(during).isBetween(1, 12);
    assertThat(hl.accountState().position(BTC)).isPresent();
  }

  @Test
  void aPositionInItsRepairPauseIsNotTriedWhenAnotherPositionIsRepaired() throws Exception {
    setUp(new Holding(), null);
    protectionRefused = a -> a.equals(BTC);
    noLiquidity = true;
    assertThat(buyByHand("by-hand")).singleElement().isInstanceOf(OrderResult.Filled.class);
    // Three repairs of BTC that did not hold: the pause after the third is 4 s.
    // A repair places the stop-loss twice (both refused), then tries to close; the diary has its
    // event first.
    await(
        "BTC's third repair, done",
        () ->
            watchdogRepairs(BTC) >= 3
                && protectionRequestsOf.get(BTC).get() >= 2 * watchdogRepairs(BTC));
    int btcPlacements = protectionRequestsOf.get(BTC).get();
    int btcRepairs = watchdogRepairs(BTC);

    assertThat(buyByHand(ETH, "by-hand-eth"))
        .singleElement()
        .isInstanceOf(OrderResult.Filled.class);
    await(
        "the watchdog protects ETH",
        () ->
            hl.openOrders().stream()
                .anyMatch(o -> o.asset().equals(ETH) && o.trigger() == TriggerKind.STOP_LOSS));

    assertThat(watchdogRepairs(BTC)).as("BTC waits out its pause").isEqualTo(btcRepairs);
    assertThat(protectionRequestsOf.get(BTC).get()).isEqualTo(btcPlacements);
  }

  /** The watchdog's repairs of {@code asset} so far, as the diary records them. */
  int watchdogRepairs(Asset asset) {
    return (int)
        diary.ofType("protection").stream()
            .filter(e -> asset.equals(e.asset()) && e.json().contains("\"action\":\"watchdog\""))
            .count();
  }

  @Test
  void theWatchdogsPauseAfterARepairThatDidNotHoldDoublesUpToItsCap() {
    TradingLoop.Backoff b = new TradingLoop.Backoff(0, TradingLoop.REPAIR_BACKOFF_MIN);
    assertThat(b.over(999_999_999)).isFalse();
    assertThat(b.over(1_000_000_000)).isTrue();
    List<Long> pauses = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      b = b.next(i);
      pauses.add(b.pause().toSeconds());
    }
    assertThat(pauses).containsExactly(2L, 4L, 8L, 16L, 30L, 30L, 30L);
    assertThat(b.triedAtNanos()).isEqualTo(6);
  }

  @Test
  void theWatchdogClosesAPositionOpenedByHandWhileTheKillSwitchFlattens() throws Exception {
    setUp(new Holding(), null);
    loop.setKillSwitch(KillSwitch.Level.FLATTEN, "test", "test");
    buyByHand("by-hand-2");
    assertThat(hl.accountState().position(BTC)).isPresent();

    // No cycle runs: the watchdog carries the flatten out between cycles.
    await("the watchdog closes the position", () -> hl.accountState().positions().isEmpty());
    // The diary records the close once the exchange has answered: a moment after the position is
    // gone.
    await(
        "the close is in the diary",
        () ->
            diary.data("order").stream()
                .anyMatch(m -> "close".equals(m.get("kind")) && "flatten".equals(m.get("reason"))));
    await("the fills reach the diary", () -> diary.ofType("fill").size() == 2);
  }

  @Test
  void underFlattenAStopThatDisappearsIsRepairedAndTheCloseTriedAgain() throws Exception {
    setUp(new LongOnce(), null);
    nextCycle();
    assertThat(stopLoss()).isPresent();
    noLiquidity = true;
    loop.setKillSwitch(KillSwitch.Level.FLATTEN, "test", "test");
    loop.applyKillSwitch(); // three closes, none fills: the position keeps its stop-loss
    assertThat(hl.accountState().position(BTC)).isPresent();
    OpenOrder sl = stopLoss().orElseThrow();

    // The stop disappears (an outside cancel): the watchdog puts one back before it may close
    // again.
    assertThat(hand.cancel(BTC, sl.orderId())).isTrue();
    await("the watchdog places a stop-loss again", () -> stopLoss().isPresent());
    assertThat(hl.accountState().position(BTC)).isPresent();
    long closesBefore =
        diary.data("order").stream().filter(m -> "close".equals(m.get("kind"))).count();
    // The flatten's closes (the watchdog's own try may come first: the switch was set before it).
    assertThat(closesBefore).isGreaterThanOrEqualTo(TradingLoop.FLATTEN_ATTEMPTS);

    // Liquidity is back and the retry interval has passed: the watchdog flattens again.
    noLiquidity = false;
    clock.advanceTo(clock.now().plus(TradingLoop.FLATTEN_RETRY_EVERY));
    await("the watchdog closes the position", () -> hl.accountState().positions().isEmpty());
    await("its stop-loss is cancelled", () -> stopLoss().isEmpty());
    assertThat(diary.data("order").stream().filter(m -> "close".equals(m.get("kind"))).count())
        .isGreaterThan(closesBefore);
  }

  @Test
  void anEntryIsRefusedWhenThePriceJumpedWhileTheModelThought() throws Exception {
    LongOnce dm = new LongOnce();
    setUp(dm, new BigDecimal("5"));
    BigDecimal judged = hl.contexts().get(BTC).markPrice();
    dm.whileThinking =
        () -> {
          // A slow model: the market moves on meanwhile, beyond the 5 bps tolerance.
          try {
            for (int i = 0; i < 100; i++) {
              clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
              BigDecimal now = hl.mids().get(BTC);
              if (now.subtract(judged).abs().compareTo(judged.multiply(new BigDecimal("0.002")))
                  > 0) {
                await(
                    "the live view sees the move",
                    () -> live.mark(BTC).get().value().compareTo(now) == 0);
                return;
              }
            }
            throw new AssertionError("the data never moved 20 bps");
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        };
    nextCycle();

    List<Map<String, Object>> verdicts = diary.data("risk-verdict");
    assertThat(verdicts)
        .anySatisfy(
            m -> {
              assertThat(m).containsEntry("outcome", "rejected").containsEntry("stage", "recheck");
              assertThat(m.get("reasons").toString()).contains("stale-price");
              assertThat((BigDecimal) m.get("decisionMark")).isEqualByComparingTo(judged);
              assertThat(((BigDecimal) m.get("freshMark")).compareTo(judged)).isNotZero();
            });
    assertThat(diary.data("order")).noneSatisfy(m -> assertThat(m).containsEntry("kind", "open"));
    assertThat(hl.accountState().positions()).isEmpty();
    assertThat(dm.feedback).singleElement().asString().startsWith("not sent (stale-price)");
  }

  @Test
  void anEntryIsNotSentOnAnAccountTheViewHasNotReadForTwoResyncPeriods() throws Exception {
    LongOnce dm = new LongOnce();
    setUp(dm, null);
    dm.whileThinking =
        () -> {
          // The socket stays up and keeps the marks current; the account's REST reads fail.
          accountReadsFail = true;
          clock.advanceTo(clock.now().plus(Duration.ofMinutes(2))); // resync: every 30 s
        };
    nextCycle();

    assertThat(diary.data("order")).noneSatisfy(m -> assertThat(m).containsEntry("kind", "open"));
    assertThat(hl.accountState().positions()).isEmpty();
    assertThat(diary.data("error"))
        .anySatisfy(
            m -> assertThat(m.get("message").toString()).contains("the account could not be read"));
    assertThat(live.streaming()).isTrue();
  }

  @Test
  void withoutAJumpTheEntryIsSentPricedFromTheFreshMark() throws Exception {
    LongOnce dm = new LongOnce();
    setUp(dm, new BigDecimal("5"));
    nextCycle();

    assertThat(diary.data("risk-verdict"))
        .noneSatisfy(m -> assertThat(m.get("reasons").toString()).contains("stale-price"));
    assertThat(diary.data("order")).anySatisfy(m -> assertThat(m).containsEntry("kind", "open"));
    assertThat(hl.accountState().position(BTC)).isPresent();
    assertThat(stopLoss()).isPresent();
  }

  /**
   * Opens a long at its first cycle; at the next, moves the market at least {@code bps} while it
   * "thinks", then answers {@code then.apply(judged, fresh)}.
   */
  final class AfterAMove implements DecisionMaker {
    final List<String> feedback = new ArrayList<>();
    final LongOnce opener = new LongOnce();
    final int bps;
    final java.util.function.BiFunction<BigDecimal, BigDecimal, TradeDecision> then;
    BigDecimal judged;
    BigDecimal fresh;

    AfterAMove(int bps, java.util.function.BiFunction<BigDecimal, BigDecimal, TradeDecision> then) {
      this.bps = bps;
      this.then = then;
    }

    @Override
    public dev.rez.agent.AgentResult decide(Request r) {
      if (!opener.done || judged != null) return opener.decide(r);
      judged = r.markets().get(BTC).markPrice();
      fresh = moveAtLeast(judged, bps);
      return DecisionMaker.decisions(List.of(then.apply(judged, fresh)));
    }

    @Override
    public void feedback(TradeDecision proposal, String outcome) {
      feedback.add(outcome);
    }
  }

  /** Steps the clock a minute at a time until the mark is {@code bps} or more from {@code from}. */
  BigDecimal moveAtLeast(BigDecimal from, int bps) {
    BigDecimal least = from.multiply(BigDecimal.valueOf(bps)).movePointLeft(4);
    try {
      for (int i = 0; i < 300; i++) {
        clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
        BigDecimal now = hl.mids().get(BTC);
        if (now.subtract(from).abs().compareTo(least) >= 0) {
          await(
              "the live view sees the move",
              () -> live.mark(BTC).get().value().compareTo(now) == 0);
          return now;
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the data never moved " + bps + " bps");
  }

  static BigDecimal times(BigDecimal price, String factor) {
    return price.multiply(new BigDecimal(factor)).setScale(0, RoundingMode.HALF_UP);
  }

  @Test
  void anEntryThatBreaksTheLimitsAtTheFreshMarkIsNotSent() throws Exception {
    // Judged at the cycle's mark the reward is 1.2 times the minimum; by the time it is sent the
    // market has moved 30 bps towards the take-profit, and the ratio is below the minimum. The
    // move is within the tolerance (500 bps): only the policy, judging again, refuses it.
    BigDecimal minimum = RiskProfile.MODERATE.limits().minRewardRisk();
    BigDecimal reward = minimum.multiply(new BigDecimal("1.2")).movePointLeft(2);
    List<String> feedback = new ArrayList<>();
    BigDecimal[] marks = new BigDecimal[2];
    DecisionMaker dm =
        new DecisionMaker() {
          @Override
          public dev.rez.agent.AgentResult decide(Request r) {
            if (marks[0] != null)
              return DecisionMaker.decisions(List.of(TradeDecision.hold(BTC, "done")));
            BigDecimal judged = r.markets().get(BTC).markPrice();
            BigDecimal fresh = moveAtLeast(judged, 30);
            marks[0] = judged;
            marks[1] = fresh;
            boolean up = fresh.compareTo(judged) > 0;
            BigDecimal tp = judged.multiply(BigDecimal.ONE.add(up ? reward : reward.negate()));
            BigDecimal sl = times(judged, up ? "0.99" : "1.01");
            return DecisionMaker.decisions(
                List.of(
                    TradeDecision.open(
                        up ? Side.BUY : Side.SELL,
                        BTC,
                        new BigDecimal("1000"),
                        3,
                        tp.setScale(0, RoundingMode.HALF_UP),
                        sl,
                        "towards the move")));
          }

          @Override
          public void feedback(TradeDecision proposal, String outcome) {
            feedback.add(outcome);
          }
        };
    setUp(dm, new BigDecimal("500"));
    nextCycle();

    assertThat(diary.data("risk-verdict"))
        .anySatisfy(m -> assertThat(m).containsEntry("outcome", "approved"))
        .anySatisfy(
            m -> {
              assertThat(m).containsEntry("outcome", "rejected").containsEntry("stage", "recheck");
              assertThat(m.get("reasons").toString()).contains("reward-risk-too-low");
              assertThat((BigDecimal) m.get("freshMark")).isEqualByComparingTo(marks[1]);
            });
    assertThat(diary.data("order")).noneSatisfy(m -> assertThat(m).containsEntry("kind", "open"));
    assertThat(hl.accountState().positions()).isEmpty();
    assertThat(feedback).singleElement().asString().startsWith("not sent (reward-risk-too-low)");
  }

  @Test
  void anEntryTheRecheckAdjustsIsRecordedAsSent() throws Exception {
    // The market moves away from the stop while the model thinks: at the fresh mark the stop is
    // farther, and the policy lowers the leverage to keep it clear of liquidation. The entry goes
    // out at the lower leverage, and the diary says so.
    List<TradeDecision> chosen = new ArrayList<>();
    DecisionMaker dm =
        new DecisionMaker() {
          @Override
          public dev.rez.agent.AgentResult decide(Request r) {
            if (!chosen.isEmpty())
              return DecisionMaker.decisions(List.of(TradeDecision.hold(BTC, "done")));
            BigDecimal judged = r.markets().get(BTC).markPrice();
            BigDecimal fresh = moveAtLeast(judged, 30);
            boolean up = fresh.compareTo(judged) > 0;
            dev.rez.core.AssetInfo info =
                hl.assets().stream().filter(a -> a.asset().equals(BTC)).findFirst().orElseThrow();
            int leverage = policy.limits().maxLeverage();
            // The widest stop the policy takes at this leverage at the judged mark, but not at
            // the fresh one.
            for (int bps = 10; bps < 2000; bps += 5) {
              BigDecimal s = BigDecimal.valueOf(bps).movePointLeft(4);
              BigDecimal stop =
                  judged.multiply(up ? BigDecimal.ONE.subtract(s) : BigDecimal.ONE.add(s));
              BigDecimal tp =
                  judged.multiply(
                      up
                          ? BigDecimal.ONE.add(s.multiply(BigDecimal.valueOf(4)))
                          : BigDecimal.ONE.subtract(s.multiply(BigDecimal.valueOf(4))));
              TradeDecision d =
                  TradeDecision.open(
                      up ? Side.BUY : Side.SELL,
                      BTC,
                      new BigDecimal("1000"),
                      leverage,
                      tp.setScale(0, RoundingMode.HALF_UP),
                      stop.setScale(0, RoundingMode.HALF_UP),
                      "wide stop");
              if (policy.evaluate(d, r.account(), judged, info).outcome()
                      == dev.rez.core.RiskVerdict.Outcome.APPROVED
                  && policy.evaluate(d, r.account(), fresh, info).outcome()
                      == dev.rez.core.RiskVerdict.Outcome.ADJUSTED) {
                chosen.add(d);
                return DecisionMaker.decisions(List.of(d));
              }
            }
            throw new AssertionError(
                "no stop is approved at " + judged + " and adjusted at " + fresh);
          }
        };
    setUp(dm, new BigDecimal("500"));
    nextCycle();

    assertThat(chosen).hasSize(1);
    Map<String, Object> recheck =
        diary.data("risk-verdict").stream()
            .filter(m -> "recheck".equals(m.get("stage")))
            .findFirst()
            .orElseThrow();
    assertThat(recheck).containsEntry("outcome", "adjusted");
    int sent = ((Number) ((Map<?, ?>) recheck.get("decision")).get("leverage")).intValue();
    assertThat(sent).isLessThan(chosen.get(0).leverage());
    assertThat(hl.accountState().position(BTC))
        .hasValueSatisfying(p -> assertThat(p.leverage()).isEqualTo(sent));
  }

  @Test
  void aProtectionMoveTheMarketHasPassedIsNotPlaced() throws Exception {
    // Judged at the cycle's mark, the new level is on the right side; the market has since passed
    // it (a stop-loss would fire at once, a take-profit would be on the wrong side).
    AfterAMove dm =
        new AfterAMove(
            60,
            (judged, fresh) ->
                fresh.compareTo(judged) < 0
                    ? TradeDecision.adjustProtection(
                        BTC, null, times(judged, "0.997"), "trail the stop")
                    : TradeDecision.adjustProtection(
                        BTC, times(judged, "1.003"), null, "nearer take-profit"));
    setUp(dm, null);
    nextCycle();
    Optional<OpenOrder> stop = stopLoss();
    assertThat(stop).isPresent();
    nextCycle();

    assertThat(dm.fresh).isNotNull();
    assertThat(diary.data("risk-verdict"))
        .anySatisfy(
            m -> {
              assertThat(m).containsEntry("outcome", "rejected").containsEntry("stage", "recheck");
              assertThat(m.get("reasons").toString()).contains("wrong-side");
            });
    assertThat(diary.data("order"))
        .noneSatisfy(m -> assertThat(String.valueOf(m.get("kind"))).startsWith("adjust"));
    // The position keeps its protection as it was.
    assertThat(hl.accountState().position(BTC)).isPresent();
    assertThat(stopLoss().map(OpenOrder::orderId)).contains(stop.get().orderId());
    assertThat(dm.feedback).singleElement().asString().startsWith("not sent (");
  }

  @Test
  void aCloseIsPricedFromTheFreshMark() throws Exception {
    AfterAMove dm = new AfterAMove(60, (judged, fresh) -> TradeDecision.close(BTC, "take it"));
    setUp(dm, null);
    nextCycle();
    assertThat(hl.accountState().position(BTC)).isPresent();
    nextCycle();

    Map<String, Object> close =
        diary.data("order").stream()
            .filter(m -> "close".equals(m.get("kind")))
            .findFirst()
            .orElseThrow();
    BigDecimal limit =
        Json.number(String.valueOf(((Map<?, ?>) close.get("request")).get("limitPrice")));
    // A sell 1 % through the fresh mark, not through the mark the model saw.
    BigDecimal expected = dm.fresh.multiply(new BigDecimal("0.99"));
    assertThat(limit.subtract(expected).abs())
        .isLessThan(dm.fresh.subtract(dm.judged).abs().divide(new BigDecimal("4")));
    assertThat(hl.accountState().positions()).isEmpty();
  }

  @Test
  void aStopLossFillBetweenCyclesReachesTheDiaryAndThePolicyAtOnce() throws Exception {
    setUp(new SimulatorLoopTest.Trend(), null);
    nextCycle();
    OpenOrder sl = stopLoss().orElseThrow();
    int fillsBefore = diary.ofType("fill").size();
    // Between cycles the market falls through the stop (the stepped clock moves, no cycle runs).
    for (int i = 0; i < 300 && hl.accountState().position(BTC).isPresent(); i++) sim.advance();
    assertThat(hl.accountState().positions())
        .as("the data reaches the stop or the take-profit")
        .isEmpty();

    await("the closing fill reaches the diary", () -> diary.ofType("fill").size() > fillsBefore);
    List<Fill> exchangeFills = hl.fills(Instant.EPOCH);
    assertThat(exchangeFills).anySatisfy(f -> assertThat(f.closing()).isTrue());
    await("every fill is in the diary", () -> diary.ofType("fill").size() == exchangeFills.size());
    assertThat(live.fills()).hasSameSizeAs(exchangeFills);
    // The close is recorded under the last cycle, before any next cycle ran, and the policy's
    // cooldown started.
    assertThat(diary.ofType("fill").getLast().cycle()).isEqualTo(1);
    BigDecimal mark = hl.contexts().get(BTC).markPrice();
    var verdict =
        policy.evaluate(
            TradeDecision.open(
                Side.BUY,
                BTC,
                new BigDecimal("1000"),
                3,
                mark.multiply(new BigDecimal("1.06")).setScale(2, RoundingMode.HALF_UP),
                mark.multiply(new BigDecimal("0.97")).setScale(2, RoundingMode.HALF_UP),
                "again"),
            hl.accountState(),
            mark);
    assertThat(verdict.reasons()).anySatisfy(r -> assertThat(r.code()).isEqualTo("cooldown"));
    assertThat(sl.orderId()).isPositive();
  }

  @Test
  void aDeadSocketIsRecordedTheViewPollsAndResyncsAndNoFillIsLost() throws Exception {
    setUp(new SimulatorLoopTest.Trend(), null);
    nextCycle();
    sim.webSocketDown(true);
    await(
        "the drop is in the diary",
        () -> diary.data("error").stream().anyMatch(m -> "stream".equals(m.get("where"))));
    assertThat(live.streaming()).isFalse();

    // Prices still move in the view: REST polling at least once a second.
    BigDecimal before = live.mark(BTC).get().value();
    for (int i = 0; i < 50 && hl.mids().get(BTC).compareTo(before) == 0; i++) sim.advance();
    BigDecimal moved = hl.mids().get(BTC);
    await(
        "the polled mark follows the exchange",
        () -> live.mark(BTC).get().value().compareTo(moved) == 0);
    for (int i = 0; i < 10; i++) nextCycle();

    sim.webSocketDown(false);
    await("the socket is back", live::streaming);
    await(
        "the reconnect is in the diary",
        () -> diary.data("stream").stream().anyMatch(m -> "connected".equals(m.get("state"))));
    for (int i = 0; i < 30; i++) nextCycle();

    List<Fill> exchangeFills = hl.fills(Instant.EPOCH);
    assertThat(exchangeFills).isNotEmpty();
    await(
        "the diary has every fill of the exchange",
        () -> diary.ofType("fill").size() == exchangeFills.size());
    List<String> diaryKeys =
        diary.ofType("fill").stream()
            .map(DiaryEvent::json)
            .map(j -> SimulatorLoopTest.fillOf(Json.parseObject(j)).key())
            .sorted()
            .toList();
    assertThat(diaryKeys).isEqualTo(exchangeFills.stream().map(Fill::key).sorted().toList());
  }
}
