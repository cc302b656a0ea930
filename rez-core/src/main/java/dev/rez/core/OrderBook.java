package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The top levels of an order book.
 *
 * @param asset the asset
 * @param bids best first (highest price)
 * @param asks best first (lowest price)
 * @param time snapshot time
 */
public record OrderBook(Asset asset, List<Level> bids, List<Level> asks, Instant time) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public OrderBook {
    Checks.notNull(asset, "asset");
    bids = Checks.list(bids, "bids");
    asks = Checks.list(asks, "asks");
    Checks.notNull(time, "time");
  }

  /**
   * One price level.
   *
   * @param price level price
   * @param size total size at the level
   * @param orders number of orders at the level
   */
  public record Level(BigDecimal price, BigDecimal size, int orders) {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component that is out of range and its value
     * @throws NullPointerException naming a required component that is null
     */
    public Level {
      Checks.positive(price, "price");
      Checks.nonNegative(size, "size");
      if (orders < 0) throw new IllegalArgumentException("orders must be >= 0 but was " + orders);
    }
  }
}
