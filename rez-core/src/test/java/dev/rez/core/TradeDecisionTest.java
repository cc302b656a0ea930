package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TradeDecisionTest {
  private static final Asset BTC = Asset.of("BTC");

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  private static void iae(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void factories() {
    TradeDecision open =
        TradeDecision.open(Side.BUY, BTC, bd("500"), 5, bd("110"), bd("95"), "why");
    assertThat(open.action()).isEqualTo(TradeDecision.Action.OPEN_LONG);
    assertThat(open.entrySide()).isEqualTo(Side.BUY);
    assertThat(
            TradeDecision.open(Side.SELL, BTC, bd("500"), 5, bd("90"), bd("105"), "why")
                .entrySide())
        .isEqualTo(Side.SELL);
    assertThatThrownBy(() -> TradeDecision.open(null, BTC, bd("500"), 5, null, null, "why"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("side");
    assertThat(TradeDecision.close(BTC, "done").action().opens()).isFalse();
    assertThat(TradeDecision.adjustProtection(BTC, null, bd("99"), "trail").stopLoss())
        .isEqualByComparingTo("99");
    assertThat(TradeDecision.hold(BTC, "").action()).isEqualTo(TradeDecision.Action.HOLD);

    TradeDecision smaller = open.withSize(bd("200"), 3);
    assertThat(smaller.notionalUsd()).isEqualByComparingTo("200");
    assertThat(smaller.leverage()).isEqualTo(3);
    assertThat(smaller.takeProfit()).isEqualTo(open.takeProfit());
    assertThat(smaller.rationale()).isEqualTo("why");
  }

  @Test
  void opensNeedAPositiveSizeAndLeverage() {
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, null, 5, null, null, "r"),
        "notionalUsd is required to OPEN_LONG BTC");
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, bd("0"), 5, null, null, "r"),
        "notionalUsd must be > 0 but was 0");
    iae(
        () -> TradeDecision.open(Side.SELL, BTC, bd("-10"), 5, null, null, "r"),
        "notionalUsd must be > 0 but was -10");
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, bd("10"), 0, null, null, "r"),
        "leverage must be >= 1 to OPEN_LONG but was 0");
  }

  @Test
  void protectionLevelsMustBePositiveAndOnTheirSides() {
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, bd("10"), 1, bd("-1"), null, "r"),
        "takeProfit must be > 0 but was -1");
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, bd("10"), 1, null, bd("0"), "r"),
        "stopLoss must be > 0 but was 0");
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, bd("10"), 1, bd("90"), bd("110"), "r"),
        "takeProfit 90 and stopLoss 110 are on the wrong sides for OPEN_LONG");
    iae(
        () -> TradeDecision.open(Side.SELL, BTC, bd("10"), 1, bd("110"), bd("90"), "r"),
        "takeProfit 110 and stopLoss 90 are on the wrong sides for OPEN_SHORT");
    iae(
        () -> TradeDecision.open(Side.BUY, BTC, bd("10"), 1, bd("100"), bd("100"), "r"),
        "wrong sides");
  }

  @Test
  void otherActionsCarryNoSize() {
    iae(
        () -> new TradeDecision(BTC, TradeDecision.Action.CLOSE, bd("1"), 0, null, null, "r"),
        "notionalUsd must be null for CLOSE");
    iae(
        () -> new TradeDecision(BTC, TradeDecision.Action.HOLD, null, 3, null, null, "r"),
        "leverage must be 0 for HOLD but was 3");
    iae(
        () -> new TradeDecision(BTC, TradeDecision.Action.HOLD, null, 0, bd("1"), null, "r"),
        "takeProfit/stopLoss must be null for HOLD");
    iae(
        () -> new TradeDecision(BTC, TradeDecision.Action.CLOSE, null, 0, null, bd("1"), "r"),
        "takeProfit/stopLoss must be null for CLOSE");
    iae(
        () -> TradeDecision.adjustProtection(BTC, null, null, "r"),
        "ADJUST_PROTECTION needs a takeProfit or a stopLoss");
    assertThatThrownBy(() -> TradeDecision.close(BTC, "r").entrySide())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("CLOSE has no entry side");
  }

  @Test
  void nullsAreNamed() {
    assertThatThrownBy(() -> TradeDecision.hold(null, "r"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("asset == null");
    assertThatThrownBy(() -> TradeDecision.hold(BTC, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("rationale == null");
    assertThatThrownBy(() -> new TradeDecision(BTC, null, null, 0, null, null, "r"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("action == null");
  }
}
