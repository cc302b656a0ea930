package dev.rez.core;

import java.math.BigDecimal;

/**
 * An open perpetual position.
 *
 * @param asset the asset
 * @param size signed size in the base asset: positive long, negative short, never zero
 * @param entryPrice average entry price
 * @param unrealizedPnl unrealised PnL at the current mark
 * @param leverage leverage the position runs at, {@code >= 1}
 * @param liquidationPrice estimated liquidation price, null when the exchange reports none
 * @param marginUsed margin committed to the position
 */
public record Position(
    Asset asset,
    BigDecimal size,
    BigDecimal entryPrice,
    BigDecimal unrealizedPnl,
    int leverage,
    BigDecimal liquidationPrice,
    BigDecimal marginUsed) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public Position {
    Checks.notNull(asset, "asset");
    Checks.notNull(size, "size");
    if (size.signum() == 0)
      throw new IllegalArgumentException("position size must not be 0 (asset " + asset + ")");
    Checks.positive(entryPrice, "entryPrice");
    Checks.notNull(unrealizedPnl, "unrealizedPnl");
    if (leverage < 1)
      throw new IllegalArgumentException("leverage must be >= 1 but was " + leverage);
    Checks.nonNegative(marginUsed, "marginUsed");
  }

  /** {@link Side#BUY} for a long, {@link Side#SELL} for a short. */
  public Side side() {
    return size.signum() > 0 ? Side.BUY : Side.SELL;
  }

  /** True for a long position. */
  public boolean isLong() {
    return size.signum() > 0;
  }

  /** Absolute size. */
  public BigDecimal absSize() {
    return size.abs();
  }

  /** Notional at entry: {@code |size| × entryPrice}. */
  public BigDecimal entryNotional() {
    return size.abs().multiply(entryPrice);
  }
}
