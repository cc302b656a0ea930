package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.hyperliquid.HyperliquidException;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.NonceSource;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real Rez client, unchanged, trading against the simulator; every result checked against a
 * hand computation.
 */
class SimulatorClientEndToEndTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex(SimHttp.KEY);
  static final BigDecimal TAKER = new BigDecimal("0.00045");
  static final BigDecimal MAKER = new BigDecimal("0.00015");
  static final BigDecimal START = new BigDecimal("10000");
  static final BigDecimal SIZE = new BigDecimal("0.5");

  HyperliquidSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) sim.close();
  }

  static Candle c(int i, double o, double h, double l, double cl) {
    return new Candle(T0.plusSeconds(60L * i), Interval.M1, o, h, l, cl, 5);
  }

  /** Candle 0 (99..101, close 100) is history; the others are played by advance(). */
  HyperliquidExchange start(Candle... path) {
    List<Candle> candles = new ArrayList<>();
    candles.add(c(0, 100, 101, 99, 100));
    candles.addAll(List.of(path));
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", candles, 3, 50)
            .history(1)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), START)
            .start();
    return client(KEY);
  }

  HyperliquidExchange client(PrivateKeySigner key) {
    return HyperliquidExchange.builder()
        .network(Network.TESTNET)
        .baseUrl(sim.baseUrl())
        .signer(key)
        .maxRetries(1)
        .build();
  }

  static BigDecimal fee(BigDecimal px, BigDecimal sz, BigDecimal rate) {
    return px.multiply(sz).multiply(rate).setScale(6, RoundingMode.HALF_UP);
  }

  static OrderRequest entry(Side side, String limit, TimeInForce tif, String intent) {
    return new OrderRequest(
        BTC, side, SIZE, new BigDecimal(limit), tif, false, ClientOrderId.derive(intent));
  }

  static TriggerOrder protect(
      Side side, TriggerKind kind, String trigger, String slippageBound, String intent) {
    return new TriggerOrder(
        BTC,
        side,
        SIZE,
        kind,
        new BigDecimal(trigger),
        true,
        new BigDecimal(slippageBound),
        ClientOrderId.derive(intent));
  }

  List<OrderResult> openLongWithTpSl(HyperliquidExchange hl) {
    return hl.placeWithProtection(
        entry(Side.BUY, "101", TimeInForce.IOC, "long"),
        List.of(
            protect(Side.SELL, TriggerKind.TAKE_PROFIT, "110", "99", "long-tp"),
            protect(Side.SELL, TriggerKind.STOP_LOSS, "95", "85", "long-sl")));
  }

  void assertClosedWith(
      HyperliquidExchange hl,
      BigDecimal entryPx,
      BigDecimal exitPx,
      boolean isLong,
      BigDecimal entryRate,
      BigDecimal exitRate) {
    BigDecimal pnl =
        exitPx
            .subtract(entryPx)
            .multiply(SIZE)
            .multiply(isLong ? BigDecimal.ONE : BigDecimal.ONE.negate());
    BigDecimal fees = fee(entryPx, SIZE, entryRate).add(fee(exitPx, SIZE, exitRate));
    List<Fill> fills = hl.recentFills();
    assertThat(fills).hasSize(2);
    Fill exit = fills.getFirst();
    assertThat(exit.price()).isEqualByComparingTo(exitPx);
    assertThat(exit.closedPnl()).isEqualByComparingTo(pnl);
    assertThat(fills.stream().map(Fill::fee).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(fees);
    assertThat(hl.accountState().positions()).isEmpty();
    assertThat(hl.accountState().equity().setScale(2, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo(START.add(pnl).subtract(fees).setScale(2, RoundingMode.HALF_EVEN));
    assertThat(hl.openOrders()).isEmpty();
  }

  @Test
  void longWithTakeProfitAndStopLossClosesAtTheTakeProfit() {
    HyperliquidExchange hl = start(c(1, 100, 103, 99.5, 102), c(2, 102, 111, 101, 110));
    List<OrderResult> r = openLongWithTpSl(hl);
    assertThat(r.get(0))
        .isInstanceOfSatisfying(
            OrderResult.Filled.class,
            f -> assertThat(f.averagePrice()).isEqualByComparingTo("100.01"));
    assertThat(r.subList(1, 3)).allSatisfy(x -> assertThat(x.accepted()).isTrue());
    assertThat(hl.openOrders()).hasSize(2);
    assertThat(hl.accountState().positions())
        .singleElement()
        .satisfies(p -> assertThat(p.size()).isEqualByComparingTo(SIZE));

    sim.advance();
    assertThat(hl.accountState().positions()).hasSize(1);
    sim.advance();
    // 0.5 BTC bought at the ask 100.01 (taker), sold by the TP triggered at 110 at the bid 109.98
    // (taker)
    assertClosedWith(hl, new BigDecimal("100.01"), new BigDecimal("109.98"), true, TAKER, TAKER);
  }

  @Test
  void longClosesAtTheStopLossAndTheStopWinsWhenBothAreInsideOneCandle() {
    HyperliquidExchange hl = start(c(1, 100, 111, 94, 109));
    openLongWithTpSl(hl);
    sim.advance();
    assertClosedWith(hl, new BigDecimal("100.01"), new BigDecimal("94.99"), true, TAKER, TAKER);
  }

  @Test
  void shortWithTakeProfitAndStopLoss() {
    HyperliquidExchange hl = start(c(1, 100, 101, 92, 93), c(2, 93, 94, 89, 90));
    List<OrderResult> r =
        hl.placeWithProtection(
            entry(Side.SELL, "99", TimeInForce.IOC, "short"),
            List.of(
                protect(Side.BUY, TriggerKind.TAKE_PROFIT, "90", "100", "short-tp"),
                protect(Side.BUY, TriggerKind.STOP_LOSS, "105", "115", "short-sl")));
    assertThat(r.get(0))
        .isInstanceOfSatisfying(
            OrderResult.Filled.class,
            f -> assertThat(f.averagePrice()).isEqualByComparingTo("99.99"));
    sim.advance();
    assertThat(hl.accountState().positions())
        .singleElement()
        .satisfies(p -> assertThat(p.size()).isEqualByComparingTo("-0.5"));
    sim.advance();
    assertClosedWith(hl, new BigDecimal("99.99"), new BigDecimal("90.009"), false, TAKER, TAKER);
  }

  @Test
  void limitOrderRestsThenFillsAsMaker() {
    HyperliquidExchange hl =
        start(c(1, 100, 100.5, 99.6, 100), c(2, 100, 100.2, 98.9, 99), c(3, 99, 104.5, 99, 104));
    List<OrderResult> r =
        hl.placeWithProtection(
            entry(Side.BUY, "99.5", TimeInForce.GTC, "dip"),
            List.of(
                protect(Side.SELL, TriggerKind.TAKE_PROFIT, "104", "100", "dip-tp"),
                protect(Side.SELL, TriggerKind.STOP_LOSS, "97", "90", "dip-sl")));
    assertThat(r.get(0)).isInstanceOf(OrderResult.Resting.class);
    assertThat(r.get(1)).isInstanceOf(OrderResult.Waiting.class);
    sim.advance(); // low 99.6: not reached
    assertThat(hl.recentFills()).isEmpty();
    sim.advance(); // low 98.9: fills at 99.5 as maker
    assertThat(hl.recentFills())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.price()).isEqualByComparingTo("99.5");
              assertThat(f.taker()).isFalse();
            });
    sim.advance(); // high 104.5: take profit triggers at 104, sells at the bid 103.98
    assertClosedWith(hl, new BigDecimal("99.5"), new BigDecimal("103.98"), true, MAKER, TAKER);
  }

  @Test
  void reduceOnlyClosesButNeverOpens() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100));
    List<OrderResult> wrongSide =
        hl.place(
            List.of(
                new OrderRequest(
                    BTC,
                    Side.SELL,
                    SIZE,
                    new BigDecimal("99"),
                    TimeInForce.IOC,
                    true,
                    ClientOrderId.derive("ro-0"))));
    assertThat(wrongSide.getFirst())
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class,
            x -> assertThat(x.error()).isEqualTo("Reduce only order would increase position."));
    hl.place(List.of(entry(Side.BUY, "101", TimeInForce.IOC, "ro-open")));
    // a reduce-only sell of twice the position closes exactly the position
    List<OrderResult> close =
        hl.place(
            List.of(
                new OrderRequest(
                    BTC,
                    Side.SELL,
                    new BigDecimal("1"),
                    new BigDecimal("99"),
                    TimeInForce.IOC,
                    true,
                    ClientOrderId.derive("ro-close"))));
    assertThat(close.getFirst())
        .isInstanceOfSatisfying(
            OrderResult.Filled.class, f -> assertThat(f.totalSize()).isEqualByComparingTo(SIZE));
    assertClosedWith(hl, new BigDecimal("100.01"), new BigDecimal("99.99"), true, TAKER, TAKER);
  }

  @Test
  void anUnknownSignatureIsRejected() {
    start(c(1, 100, 101, 99, 100));
    PrivateKeySigner stranger = PrivateKeySigner.fromHex("0x" + "22".repeat(32));
    assertThatThrownBy(
            () -> client(stranger).place(List.of(entry(Side.BUY, "101", TimeInForce.IOC, "x"))))
        .isInstanceOf(HyperliquidException.Rejected.class)
        .hasMessageContaining(
            "User or API Wallet " + stranger.address().toLowerCase() + " does not exist");
  }

  @Test
  void aReplayedNonceIsRejected() {
    start(c(1, 100, 101, 99, 100));
    Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    HyperliquidExchange a =
        HyperliquidExchange.builder()
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .nonceSource(NonceSource.create(frozen))
            .build();
    HyperliquidExchange b =
        HyperliquidExchange.builder()
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .nonceSource(NonceSource.create(frozen))
            .build();
    a.place(List.of(entry(Side.BUY, "95", TimeInForce.GTC, "n1")));
    assertThatThrownBy(() -> b.place(List.of(entry(Side.BUY, "94", TimeInForce.GTC, "n2"))))
        .isInstanceOf(HyperliquidException.Rejected.class)
        .hasMessageContaining("Invalid nonce: duplicate nonce " + frozen.millis());
    assertThat(a.openOrders()).hasSize(1);
  }

  @Test
  void aLostAcknowledgementNeverPlacesTheOrderTwice() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100));
    sim.faults().dropNextOrderAck();
    // The connection closes unanswered; the client resolves the outcome by cloid instead of placing
    // it again.
    List<OrderResult> r = hl.place(List.of(entry(Side.BUY, "95", TimeInForce.GTC, "lost")));
    assertThat(r.getFirst()).isInstanceOf(OrderResult.Resting.class);
    assertThat(hl.openOrders())
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(ClientOrderId.derive("lost")));
  }

  @Test
  void serverErrorsAreRetried() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100));
    sim.faults().failNext(1, 502);
    assertThat(hl.mids().get(BTC)).isEqualByComparingTo("100");
  }

  @Test
  void aFilledEntryWhoseAcknowledgementWasLostIsResolvedByCloidAndPlacedOnce() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100));
    sim.faults().dropNextOrderAck();
    List<OrderResult> r =
        hl.placeWithProtection(
            entry(Side.BUY, "101", TimeInForce.IOC, "lost-entry"),
            List.of(protect(Side.SELL, TriggerKind.STOP_LOSS, "90", "85", "lost-sl")));
    assertThat(r.getFirst())
        .isInstanceOfSatisfying(
            OrderResult.Filled.class, f -> assertThat(f.totalSize()).isEqualByComparingTo(SIZE));
    assertThat(hl.accountState().position(BTC))
        .hasValueSatisfying(p -> assertThat(p.size()).isEqualByComparingTo(SIZE));
    assertThat(hl.fills(T0)).hasSize(1);
    // The same answer is there for a caller resolving the request later, by cloid.
    assertThat(hl.orderResult(ClientOrderId.derive("lost-entry")))
        .hasValueSatisfying(
            o ->
                assertThat(o)
                    .isInstanceOfSatisfying(
                        OrderResult.Filled.class,
                        f -> assertThat(f.totalSize()).isEqualByComparingTo(SIZE)));
    assertThat(hl.orderResult(ClientOrderId.derive("lost-sl")))
        .hasValueSatisfying(o -> assertThat(o).isInstanceOf(OrderResult.Resting.class));
    assertThat(hl.orderResult(ClientOrderId.derive("never-sent"))).isEmpty();
  }
}
