package dev.rez.hyperliquid;

import dev.rez.core.Asset;
import dev.rez.core.Side;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One public trade from the {@code trades} stream.
 *
 * @param asset the asset
 * @param side the taker's side ({@link Side#BUY} when the buyer took liquidity)
 * @param price execution price
 * @param size executed size
 * @param time execution time
 * @param tradeId the exchange's trade id
 * @param hash the transaction hash, empty when absent
 */
public record Trade(
    Asset asset,
    Side side,
    BigDecimal price,
    BigDecimal size,
    Instant time,
    long tradeId,
    String hash) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public Trade {
    if (asset == null) throw new NullPointerException("asset == null");
    if (side == null) throw new NullPointerException("side == null");
    if (price == null) throw new NullPointerException("price == null");
    if (size == null) throw new NullPointerException("size == null");
    if (time == null) throw new NullPointerException("time == null");
    if (hash == null) throw new NullPointerException("hash == null");
  }
}
