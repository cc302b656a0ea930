package dev.rez.core;

/**
 * What the venue says about trading an asset.
 *
 * @param asset the asset
 * @param index the venue's numeric id of the asset (Hyperliquid's asset index), {@code >= 0}
 * @param sizeDecimals decimals allowed in a size (Hyperliquid's {@code szDecimals}), {@code >= 0}
 * @param maxLeverage the venue's leverage limit, {@code >= 1}
 */
public record AssetInfo(Asset asset, int index, int sizeDecimals, int maxLeverage) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public AssetInfo {
    Checks.notNull(asset, "asset");
    if (index < 0) throw new IllegalArgumentException("index must be >= 0 but was " + index);
    if (sizeDecimals < 0)
      throw new IllegalArgumentException("sizeDecimals must be >= 0 but was " + sizeDecimals);
    if (maxLeverage < 1)
      throw new IllegalArgumentException("maxLeverage must be >= 1 but was " + maxLeverage);
  }
}
