package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import dev.rez.core.Fill;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process view of an account (positions, orders, fills), the fault counts and the exchange's
 * clock.
 */
class SimulatorSnapshotTest {
  static final PrivateKeySigner KEY = SimulatorClientEndToEndTest.KEY;
  static final BigDecimal SIZE = SimulatorClientEndToEndTest.SIZE;

  final SimulatorClientEndToEndTest base = new SimulatorClientEndToEndTest();
  HyperliquidSimulator sim;

  @AfterEach
  void stop() {
    base.stop();
  }

  HyperliquidExchange start(Candle... path) {
    HyperliquidExchange hl = base.start(path);
    sim = base.sim;
    return hl;
  }

  static Candle c(int i, double o, double h, double l, double cl) {
    return SimulatorClientEndToEndTest.c(i, o, h, l, cl);
  }

  @Test
  void snapshotShowsThePositionItsLiveStopLossAndWaitingChildren() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100));
    assertThat(sim.snapshot(KEY.address()).positions()).isEmpty();
    // A resting parent: its children wait and protect nothing yet.
    hl.placeWithProtection(
        SimulatorClientEndToEndTest.entry(Side.BUY, "90", TimeInForce.GTC, "resting"),
        List.of(
            SimulatorClientEndToEndTest.protect(
                Side.SELL, TriggerKind.STOP_LOSS, "85", "80", "resting-sl")));
    assertThat(sim.snapshot(KEY.address()).orders())
        .filteredOn(AccountSnapshot.Order::stopLoss)
        .singleElement()
        .satisfies(o -> assertThat(o.waiting()).isTrue())
        .satisfies(o -> assertThat(o.isLive()).isFalse());

    List<OrderResult> r = base.openLongWithTpSl(hl);
    assertThat(r.get(0)).isInstanceOf(OrderResult.Filled.class);
    AccountSnapshot s = sim.snapshot(KEY.address());
    assertThat(s.time()).isEqualTo(sim.now());
    assertThat(s.positions()).containsOnlyKeys("BTC");
    assertThat(s.positions().get("BTC")).isEqualByComparingTo(SIZE);
    assertThat(s.orders())
        .filteredOn(o -> o.isLive() && o.stopLoss())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.reduceOnly()).isTrue();
              assertThat(o.buy()).isFalse();
              assertThat(o.triggerPx()).isEqualByComparingTo("95");
              assertThat(o.size()).isEqualByComparingTo(SIZE);
              assertThat(o.cloid()).isEqualTo(dev.rez.core.ClientOrderId.derive("long-sl").hex());
            });
    assertThat(s.orders()).filteredOn(o -> "tp".equals(o.trigger()) && o.isLive()).hasSize(1);
    assertThat(s.cloidReuses()).isZero();
  }

  @Test
  void historyKeepsRejectedOrdersAndCountsCloidReuses() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100));
    sim.faults().rejectNextTriggerOrders(2);
    base.openLongWithTpSl(hl);
    // The same cloids sent again under a new signature: refused, and counted.
    base.openLongWithTpSl(hl);

    AccountSnapshot h = sim.orderHistory(KEY.address());
    assertThat(h.orders())
        .filteredOn(o -> "badTriggerPxRejected".equals(o.status()))
        .extracting(AccountSnapshot.Order::cloid)
        .containsExactly(
            dev.rez.core.ClientOrderId.derive("long-tp").hex(),
            dev.rez.core.ClientOrderId.derive("long-sl").hex());
    assertThat(h.orders())
        .extracting(AccountSnapshot.Order::status)
        .containsExactly("filled", "badTriggerPxRejected", "badTriggerPxRejected");
    assertThat(h.cloidReuses()).isEqualTo(1); // the entry; its children are refused with it
    // A position without any live stop-loss, as a sampler would see it.
    AccountSnapshot s = sim.snapshot(KEY.address());
    assertThat(s.positions()).containsKey("BTC");
    assertThat(s.orders()).noneMatch(AccountSnapshot.Order::stopLoss);
    assertThat(sim.faults().injected()).containsEntry("rejected-trigger", 2L);
  }

  @Test
  void fillsEqualWhatTheClientReadsAndFaultsAreCounted() {
    HyperliquidExchange hl = start(c(1, 100, 101, 99, 100), c(2, 100, 112, 99, 111));
    base.openLongWithTpSl(hl);
    sim.advance(); // the take-profit fires
    sim.advance();
    List<Fill> direct = sim.fills(KEY.address());
    assertThat(direct).hasSize(2);
    assertThat(direct).isEqualTo(hl.fills(java.time.Instant.EPOCH));

    sim.faults().failNext(1, 503).rateLimitNext(1).latency(Duration.ofMillis(1));
    HyperliquidExchange reader =
        HyperliquidExchange.builder().network(Network.TESTNET).baseUrl(sim.baseUrl()).build();
    assertThat(reader.exchangeTime()).isEqualTo(sim.now());
    sim.faults().latency(Duration.ZERO);
    assertThat(sim.faults().injected())
        .containsEntry("http-503", 1L)
        .containsEntry("http-429", 1L)
        .containsEntry("latency", 3L);
  }
}
