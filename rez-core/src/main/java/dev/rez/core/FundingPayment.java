package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One funding payment on a perpetual position (Hyperliquid pays funding every hour).
 *
 * <pre>{@code
 * new FundingPayment(Asset.of("BTC"), Instant.parse("2024-05-01T10:00:00Z"), new BigDecimal("-0.42"),
 *     new BigDecimal("0.0000125"), new BigDecimal("0.5"));
 * }</pre>
 *
 * @param asset the asset of the position
 * @param time when it was paid
 * @param usdc what the account received in USD: negative when it paid
 * @param rate the hourly funding rate applied (a fraction)
 * @param positionSize the signed position size it was paid on
 */
public record FundingPayment(
    Asset asset, Instant time, BigDecimal usdc, BigDecimal rate, BigDecimal positionSize) {
  /**
   * Checks every component.
   *
   * @throws NullPointerException naming a component that is null
   */
  public FundingPayment {
    Checks.notNull(asset, "asset");
    Checks.notNull(time, "time");
    Checks.notNull(usdc, "usdc");
    Checks.notNull(rate, "rate");
    Checks.notNull(positionSize, "positionSize");
  }
}
