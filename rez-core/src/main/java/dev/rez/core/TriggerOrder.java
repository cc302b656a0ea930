package dev.rez.core;

import java.math.BigDecimal;

/**
 * A reduce-only take-profit or stop-loss order that becomes active when the mark price crosses
 * {@code triggerPrice}. When {@code market} is true it executes as a market order once triggered;
 * otherwise it rests as a limit order at {@code limitPrice}.
 *
 * <p>Its {@code side} is the side that closes the position: {@link Side#SELL} protects a long.
 *
 * @param asset what it protects
 * @param side the closing side
 * @param size size to close, {@code > 0}
 * @param kind take-profit or stop-loss
 * @param triggerPrice price that fires it, {@code > 0}
 * @param market execute as market once triggered
 * @param limitPrice limit price once triggered; for market triggers the worst price accepted
 *     (slippage bound)
 * @param cloid client order id
 */
public record TriggerOrder(
    Asset asset,
    Side side,
    BigDecimal size,
    TriggerKind kind,
    BigDecimal triggerPrice,
    boolean market,
    BigDecimal limitPrice,
    ClientOrderId cloid) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public TriggerOrder {
    Checks.notNull(asset, "asset");
    Checks.notNull(side, "side");
    Checks.positive(size, "size");
    Checks.notNull(kind, "kind");
    Checks.positive(triggerPrice, "triggerPrice");
    Checks.positive(limitPrice, "limitPrice");
    Checks.notNull(cloid, "cloid");
  }
}
