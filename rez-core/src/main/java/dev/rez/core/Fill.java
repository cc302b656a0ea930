package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution, as the exchange reports it. The exchange is the source of truth for PnL and fees.
 *
 * @param asset the asset
 * @param side buy or sell
 * @param price execution price
 * @param size executed size, {@code > 0}
 * @param time execution time
 * @param fee fee paid (negative for a rebate)
 * @param closedPnl realised PnL of the part of a position this fill closed, before fees; zero for
 *     opening fills
 * @param orderId the exchange's order id
 * @param cloid client order id, null when the order had none
 * @param startPosition signed position size before the fill
 * @param taker true when the fill took liquidity
 * @param hash the exchange's transaction hash (may be a synthetic id on a simulator), never null
 */
public record Fill(
    Asset asset,
    Side side,
    BigDecimal price,
    BigDecimal size,
    Instant time,
    BigDecimal fee,
    BigDecimal closedPnl,
    long orderId,
    ClientOrderId cloid,
    BigDecimal startPosition,
    boolean taker,
    String hash) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public Fill {
    Checks.notNull(asset, "asset");
    Checks.notNull(side, "side");
    Checks.positive(price, "price");
    Checks.positive(size, "size");
    Checks.notNull(time, "time");
    Checks.notNull(fee, "fee");
    Checks.notNull(closedPnl, "closedPnl");
    Checks.notNull(startPosition, "startPosition");
    Checks.notNull(hash, "hash");
  }

  /** Notional value: {@code size × price}. */
  public BigDecimal notional() {
    return size.multiply(price);
  }

  /** True when the fill reduced an existing position (it then carries the closed PnL). */
  public boolean closing() {
    return startPosition.signum() != 0 && startPosition.signum() != side.sign();
  }
}
