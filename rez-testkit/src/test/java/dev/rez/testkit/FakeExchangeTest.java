package dev.rez.testkit;

import static dev.rez.testkit.FakeExchange.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.ClientOrderId;
import dev.rez.core.MarginMode;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake's own controls and faults (its trading behaviour is {@link ExchangeContract}'s). */
class FakeExchangeTest {
  final FakeExchange ex = new FakeExchange();

  static OrderRequest buy(String size, String limit, String intent) {
    return new OrderRequest(
        BTC,
        Side.BUY,
        new BigDecimal(size),
        new BigDecimal(limit),
        TimeInForce.IOC,
        false,
        ClientOrderId.derive(intent));
  }

  static TriggerOrder stop(String size, String trigger, String intent) {
    return new TriggerOrder(
        BTC,
        Side.SELL,
        new BigDecimal(size),
        TriggerKind.STOP_LOSS,
        new BigDecimal(trigger),
        true,
        new BigDecimal("40000"),
        ClientOrderId.derive(intent));
  }

  @Test
  void aStopFiresWhenTheMarkCrossesItAndClosesWithItsPnl() {
    ex.placeWithProtection(buy("0.1", "50500", "entry"), List.of(stop("0.1", "49000", "sl")));
    ex.setMark(BTC, "49500");
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS)).hasSize(1);
    ex.setMark(BTC, "48900");
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS)).isEmpty();
    assertThat(ex.positionSize(BTC)).isZero();
    assertThat(ex.allFills()).hasSize(2);
    assertThat(ex.allFills().getLast().closedPnl())
        .isEqualByComparingTo("-110"); // (48900 - 50000) * 0.1
    assertThat(ex.accountState().equity()).isEqualByComparingTo("9890");
  }

  @Test
  void aLostAcknowledgementStillActsAndTheOrderIsFoundByCloid() {
    ex.dropNextAck();
    assertThatIllegalStateException()
        .isThrownBy(() -> ex.place(List.of(buy("0.1", "50500", "lost"))))
        .withMessageContaining("acknowledgement lost");
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.1");
    assertThat(ex.orderResult(ClientOrderId.derive("lost")))
        .get()
        .isInstanceOf(OrderResult.Filled.class);
  }

  @Test
  void aReusedCloidIsRefusedLikeTheExchangeDoesAndCounted() {
    ex.unfillableCloses(1);
    ex.place(List.of(buy("0.1", "50500", "entry")));
    OrderRequest close =
        new OrderRequest(
            BTC,
            Side.SELL,
            new BigDecimal("0.1"),
            new BigDecimal("49500"),
            TimeInForce.IOC,
            true,
            ClientOrderId.derive("close"));
    assertThat(ex.place(List.of(close))).singleElement().isInstanceOf(OrderResult.Rejected.class);

    // The same cloid again: refused although liquidity is back; an unfilled order used it up.
    assertThat(ex.place(List.of(close)))
        .singleElement()
        .satisfies(
            r -> assertThat(((OrderResult.Rejected) r).error()).startsWith("Cloid already used"));
    assertThat(ex.placeProtection(List.of(stop("0.1", "49000", "entry"))))
        .singleElement()
        .isInstanceOf(OrderResult.Rejected.class);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.1");
    assertThat(ex.reusedCloids()).isEqualTo(2);
    // The first order's outcome stays what it was.
    assertThat(ex.orderResult(ClientOrderId.derive("entry")))
        .get()
        .isInstanceOf(OrderResult.Filled.class);
  }

  @Test
  void injectedFaultsFailTheCallsTheyName() {
    ex.failNextPlacements(1);
    assertThatIllegalStateException().isThrownBy(() -> ex.place(List.of(buy("0.1", "50500", "a"))));
    assertThat(ex.place(List.of(buy("0.1", "50500", "b"))))
        .singleElement()
        .isInstanceOf(OrderResult.Filled.class);

    ex.rejectTriggers(TriggerKind.STOP_LOSS, 1);
    assertThat(ex.placeProtection(List.of(stop("0.1", "49000", "sl-1"))))
        .singleElement()
        .isInstanceOf(OrderResult.Rejected.class);
    assertThat(ex.placeProtection(List.of(stop("0.1", "49000", "sl-2"))))
        .singleElement()
        .isInstanceOf(OrderResult.Resting.class);

    ex.laggingOrderReads(1);
    assertThat(ex.openOrders()).isEmpty();
    assertThat(ex.openOrders()).hasSize(1);

    ex.failAccountReads("venue unreachable");
    assertThatIllegalStateException().isThrownBy(ex::accountState).withMessage("venue unreachable");
    ex.failAccountReads(null);
    ex.down(true);
    assertThatIllegalStateException().isThrownBy(ex::mids);
    ex.down(false);
    assertThat(ex.accountState().position(BTC)).isPresent();
  }

  @Test
  void aReadOnlyFakeFailsTheTestOnAnyTradeButReportsWhatItWasGiven() {
    FakeExchange ro = FakeExchange.readOnly();
    ro.putPosition(
        new Position(
            BTC,
            new BigDecimal("-0.3"),
            new BigDecimal("900"),
            new BigDecimal("-12.5"),
            10,
            new BigDecimal("980"),
            new BigDecimal("27")));
    assertThat(ro.accountState().positions())
        .singleElement()
        .satisfies(p -> assertThat(p.unrealizedPnl()).isEqualByComparingTo("-12.5"));
    assertThat(ro.accountState().marginUsed()).isEqualByComparingTo("27");
    assertThatThrownBy(() -> ro.place(List.of(buy("0.1", "50500", "x"))))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ro.setLeverage(BTC, 5, MarginMode.CROSS))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ro.cancel(BTC, 1)).isInstanceOf(AssertionError.class);
  }
}
