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
 * @param tradeId the exchange's id of the trade, which tells apart fills that share everything else
 *     (one order filled by two equal resting orders at one price); 0 when not known (a fill read
 *     back from a diary)
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
    String hash,
    long tradeId) {
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

  /**
   * What tells this fill apart from every other fill of the account across reads: its trade id when
   * known, else its {@link #contentKey()}.
   */
  public String key() {
    return tradeId != 0 ? "tid|" + tradeId : contentKey();
  }

  /**
   * Hash, order, time, side, size and price, numbers without trailing zeros (a diary may write
   * {@code 1} for the exchange's {@code 1.0}): what a fill read back without its trade id is known
   * by. Two fills of one order at one price and size in one millisecond share it.
   */
  public String contentKey() {
    return hash
        + "|"
        + orderId
        + "|"
        + time.toEpochMilli()
        + "|"
        + side
        + "|"
        + size.stripTrailingZeros().toPlainString()
        + "|"
        + price.stripTrailingZeros().toPlainString();
  }

  /** True when the fill reduced an existing position (it then carries the closed PnL). */
  public boolean closing() {
    return startPosition.signum() != 0 && startPosition.signum() != side.sign();
  }
}
