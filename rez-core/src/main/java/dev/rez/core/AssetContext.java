package dev.rez.core;

import java.math.BigDecimal;

/**
 * Live market figures for one asset.
 *
 * @param asset the asset
 * @param markPrice mark price
 * @param midPrice mid of the best bid and ask, null when the book is empty
 * @param fundingRate current hourly funding rate (fraction), zero where the venue has none
 * @param openInterest open interest in the base asset, zero where unknown
 * @param dayVolumeUsd 24-hour notional volume, zero where unknown
 */
public record AssetContext(
    Asset asset,
    BigDecimal markPrice,
    BigDecimal midPrice,
    BigDecimal fundingRate,
    BigDecimal openInterest,
    BigDecimal dayVolumeUsd) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public AssetContext {
    Checks.notNull(asset, "asset");
    Checks.positive(markPrice, "markPrice");
    if (midPrice != null) Checks.positive(midPrice, "midPrice");
    Checks.notNull(fundingRate, "fundingRate");
    Checks.nonNegative(openInterest, "openInterest");
    Checks.nonNegative(dayVolumeUsd, "dayVolumeUsd");
  }
}
