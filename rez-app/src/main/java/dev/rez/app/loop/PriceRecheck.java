package dev.rez.app.loop;

import dev.rez.core.TradeDecision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The executor's last look before an entry is sent: the proposal was judged at the cycle's mark,
 * the model may have thought for minutes since, so the entry is refused ({@code stale-price}) when
 * the fresh mark moved beyond the tolerance or left the stop-loss or take-profit on the wrong side
 * of the market. Internal.
 */
final class PriceRecheck {
  private PriceRecheck() {}

  /**
   * Why the entry must not be sent at {@code fresh}, or empty when it may.
   *
   * @param judged the mark the risk policy judged the proposal at
   * @param fresh the mark now
   * @param toleranceBps the largest move allowed, in basis points of {@code judged}
   */
  static Optional<String> stale(
      TradeDecision d, BigDecimal judged, BigDecimal fresh, BigDecimal toleranceBps) {
    boolean isLong = d.action() == TradeDecision.Action.OPEN_LONG;
    if (d.stopLoss() != null
        && (isLong ? d.stopLoss().compareTo(fresh) >= 0 : d.stopLoss().compareTo(fresh) <= 0)) {
      return Optional.of(
          "the stop-loss "
              + d.stopLoss().toPlainString()
              + " is already on the wrong side of the mark "
              + fresh.toPlainString()
              + " (judged at "
              + judged.toPlainString()
              + ")");
    }
    if (d.takeProfit() != null
        && (isLong ? d.takeProfit().compareTo(fresh) <= 0 : d.takeProfit().compareTo(fresh) >= 0)) {
      return Optional.of(
          "the take-profit "
              + d.takeProfit().toPlainString()
              + " is already on the wrong side of the mark "
              + fresh.toPlainString()
              + " (judged at "
              + judged.toPlainString()
              + ")");
    }
    BigDecimal movedBps =
        fresh
            .subtract(judged)
            .abs()
            .movePointRight(4)
            .divide(judged, new MathContext(6, RoundingMode.HALF_UP));
    if (movedBps.compareTo(toleranceBps) > 0) {
      return Optional.of(
          "the mark moved "
              + movedBps.setScale(1, RoundingMode.HALF_UP).toPlainString()
              + " bps, from "
              + judged.toPlainString()
              + " to "
              + fresh.toPlainString()
              + ", beyond the tolerance of "
              + toleranceBps.stripTrailingZeros().toPlainString()
              + " bps");
    }
    return Optional.empty();
  }
}
