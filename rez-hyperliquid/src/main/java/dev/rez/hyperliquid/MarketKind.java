package dev.rez.hyperliquid;

/**
 * Perpetual or spot market: decides how many decimals a price may have ({@code 6 - szDecimals} for
 * perps, {@code 8 - szDecimals} for spot).
 */
public enum MarketKind {
  /** Perpetual futures: prices have at most {@code 6 - szDecimals} decimals. */
  PERP(6),
  /** Spot: prices have at most {@code 8 - szDecimals} decimals. */
  SPOT(8);

  private final int maxDecimals;

  MarketKind(int maxDecimals) {
    this.maxDecimals = maxDecimals;
  }

  /** The {@code MAX_DECIMALS} constant: 6 for perps, 8 for spot. */
  public int maxDecimals() {
    return maxDecimals;
  }
}
