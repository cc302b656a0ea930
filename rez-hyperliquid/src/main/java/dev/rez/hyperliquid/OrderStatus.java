package dev.rez.hyperliquid;

import dev.rez.core.OpenOrder;
import java.time.Instant;

/**
 * What {@code orderStatus} says about one order, looked up by order id or client order id.
 *
 * @param status the exchange's status word: {@code open}, {@code filled}, {@code canceled}, {@code
 *     triggered}, {@code rejected}, {@code marginCanceled}, … (an open set)
 * @param order the order as last known; its size is what remains open
 * @param originalSize the size the order was placed with
 * @param statusTime when the status was reached
 */
public record OrderStatus(
    String status, OpenOrder order, java.math.BigDecimal originalSize, Instant statusTime) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public OrderStatus {
    if (status == null) throw new NullPointerException("status == null");
    if (order == null) throw new NullPointerException("order == null");
    if (originalSize == null) throw new NullPointerException("originalSize == null");
    if (statusTime == null) throw new NullPointerException("statusTime == null");
  }

  /** True when the order rests on the book (or waits for its trigger). */
  public boolean isOpen() {
    return status.equals("open");
  }

  /** True when the order filled completely. */
  public boolean isFilled() {
    return status.equals("filled");
  }
}
