package dev.rez.app.loop;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Hyperliquid's price and size rules for perps: a price has at most 5 significant figures and at most
 * {@code 6 - szDecimals} decimals (whole numbers are always allowed); a size at most {@code szDecimals} decimals.
 * Internal.
 */
final class Prices {
  private Prices() {}

  static BigDecimal price(BigDecimal px, int sizeDecimals, RoundingMode mode) {
    if (px.signum() <= 0) throw new IllegalArgumentException("price must be > 0 but was " + px.toPlainString());
    BigDecimal r = px.round(new MathContext(5, mode));
    int maxDecimals = Math.max(0, 6 - sizeDecimals);
    if (r.scale() > maxDecimals) r = r.setScale(maxDecimals, mode);
    if (r.signum() <= 0) r = BigDecimal.ONE.movePointLeft(maxDecimals);
    return r.stripTrailingZeros();
  }

  static BigDecimal size(BigDecimal size, int sizeDecimals) {
    return size.setScale(sizeDecimals, RoundingMode.DOWN).stripTrailingZeros();
  }
}
