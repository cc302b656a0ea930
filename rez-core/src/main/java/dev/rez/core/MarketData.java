package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read-only market data from a venue. Implement it (with {@link Exchange}) to put Rez on another
 * venue.
 *
 * <p>Implementations are threadsafe. Failures are unchecked exceptions of the implementation's own
 * family (for Hyperliquid, {@code HyperliquidException}).
 */
public interface MarketData {
  /** The assets the venue trades, with their size precision and leverage limit. */
  List<AssetInfo> assets();

  /**
   * Closed and current candles whose open time lies in {@code [from, to]}, oldest first. The last
   * candle may still be forming.
   */
  List<Candle> candles(Asset asset, Interval interval, Instant from, Instant to);

  /** Mid prices of every asset. */
  Map<Asset, BigDecimal> mids();

  /** Mark price, funding and open interest of every asset. */
  Map<Asset, AssetContext> contexts();

  /** The top {@code depth} levels of each side of {@code asset}'s book. */
  OrderBook orderBook(Asset asset, int depth);
}
