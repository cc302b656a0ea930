package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order resting on the exchange, plain or trigger.
 *
 * @param asset the asset
 * @param side the side
 * @param size remaining size
 * @param limitPrice limit price
 * @param orderId the exchange's id
 * @param cloid client order id, null when it had none
 * @param reduceOnly reduce-only flag
 * @param trigger trigger kind, null for a plain limit order
 * @param triggerPrice trigger price, null for a plain limit order
 * @param placedAt when the exchange accepted it
 */
public record OpenOrder(
    Asset asset,
    Side side,
    BigDecimal size,
    BigDecimal limitPrice,
    long orderId,
    ClientOrderId cloid,
    boolean reduceOnly,
    TriggerKind trigger,
    BigDecimal triggerPrice,
    Instant placedAt) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public OpenOrder {
    Checks.notNull(asset, "asset");
    Checks.notNull(side, "side");
    Checks.nonNegative(size, "size");
    Checks.nonNegative(limitPrice, "limitPrice");
    Checks.notNull(placedAt, "placedAt");
    if ((trigger == null) != (triggerPrice == null)) {
      throw new IllegalArgumentException(
          "trigger and triggerPrice must both be set or both be null but were "
              + trigger
              + " and "
              + (triggerPrice == null ? "null" : triggerPrice.toPlainString()));
    }
    if (triggerPrice != null) Checks.positive(triggerPrice, "triggerPrice");
  }

  /** True for take-profit and stop-loss orders. */
  public boolean isTrigger() {
    return trigger != null;
  }
}
