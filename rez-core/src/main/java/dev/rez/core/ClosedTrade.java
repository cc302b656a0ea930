package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One round-trip trade: a position opened from flat (possibly added to and partly closed on the
 * way) until it was flat again. {@link TrackRecord#fromFills} builds these from fills; build them
 * directly to compute a track record from another source, e.g. a backtest.
 *
 * <pre>{@code
 * ClosedTrade t = new ClosedTrade(Asset.of("BTC"), Side.BUY, new BigDecimal("0.01"),
 *     new BigDecimal("60000"), new BigDecimal("61000"),
 *     Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T06:00:00Z"),
 *     new BigDecimal("10"), new BigDecimal("0.55"), new BigDecimal("1210"));
 * t.netPnl(); // 9.45
 * }</pre>
 *
 * @param asset the asset
 * @param side the direction of the trade: {@link Side#BUY} for a long, {@link Side#SELL} for a
 *     short
 * @param size the total size closed, in the base asset, {@code > 0}
 * @param entryPrice the average entry price, {@code > 0}
 * @param exitPrice the average exit price, {@code > 0}
 * @param openTime when the first fill of the trade happened
 * @param closeTime when the position was flat again, not before {@code openTime}
 * @param realizedPnl the realised PnL before fees, as the exchange reported it
 * @param fees every fee paid on the trade's fills, entry and exit (negative for a net rebate)
 * @param volume the notional traded, entries and exits together ({@code Σ size × price}), {@code >=
 *     0}
 */
public record ClosedTrade(
    Asset asset,
    Side side,
    BigDecimal size,
    BigDecimal entryPrice,
    BigDecimal exitPrice,
    Instant openTime,
    Instant closeTime,
    BigDecimal realizedPnl,
    BigDecimal fees,
    BigDecimal volume) {

  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the first component that is out of range and its value
   * @throws NullPointerException naming the first component that is null
   */
  public ClosedTrade {
    Checks.notNull(asset, "asset");
    Checks.notNull(side, "side");
    Checks.positive(size, "size");
    Checks.positive(entryPrice, "entryPrice");
    Checks.positive(exitPrice, "exitPrice");
    Checks.notNull(openTime, "openTime");
    Checks.notNull(closeTime, "closeTime");
    if (closeTime.isBefore(openTime)) {
      throw new IllegalArgumentException(
          "closeTime " + closeTime + " must not be before openTime " + openTime);
    }
    Checks.notNull(realizedPnl, "realizedPnl");
    Checks.notNull(fees, "fees");
    Checks.nonNegative(volume, "volume");
  }

  /**
   * The PnL after fees: {@code realizedPnl − fees}. The track record's win/loss statistics use
   * this.
   */
  public BigDecimal netPnl() {
    return realizedPnl.subtract(fees);
  }

  /** True when the trade made money after fees. */
  public boolean isWin() {
    return netPnl().signum() > 0;
  }

  /**
   * True when the trade lost money after fees. A trade that nets exactly zero is neither a win nor
   * a loss.
   */
  public boolean isLoss() {
    return netPnl().signum() < 0;
  }

  /** True for a long trade. */
  public boolean isLong() {
    return side == Side.BUY;
  }
}
