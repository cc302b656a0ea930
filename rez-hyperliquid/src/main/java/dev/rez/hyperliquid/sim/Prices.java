package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Hyperliquid's perp tick and lot rules, and the decimal formats of the wire. */
final class Prices {
  /** Perps allow {@code 6 - szDecimals} price decimals. */
  static final int MAX_DECIMALS = 6;

  static final BigDecimal MIN_ORDER_VALUE = BigDecimal.TEN;

  private Prices() {}

  /**
   * Parses a wire decimal ({@code "65000"}, {@code "0.0147"}): plain digits only, bounded in length and magnitude.
   *
   * @throws NumberFormatException for anything else, e.g. {@code "1e999999999"}
   */
  static BigDecimal parse(String text) {
    try {
      return Json.decimalString(text, "number");
    } catch (Json.BadRequest e) {
      throw new NumberFormatException("not a plain decimal within bounds");
    }
  }

  /** True if {@code px} is a valid perp price: positive, an integer, or at most 5 significant figures and {@code 6 - szDecimals} decimals. */
  static boolean validPrice(BigDecimal px, int szDecimals) {
    if (px.signum() <= 0) return false;
    BigDecimal p = px.stripTrailingZeros();
    if (p.scale() <= 0) return true;
    return p.precision() <= 5 && p.scale() <= MAX_DECIMALS - szDecimals;
  }

  /** True if {@code sz} is positive with at most {@code szDecimals} decimals. */
  static boolean validSize(BigDecimal sz, int szDecimals) {
    return sz.signum() > 0 && sz.stripTrailingZeros().scale() <= szDecimals;
  }

  /** Rounds to a valid price in the given direction (integers above 100000, else 5 significant figures). */
  static BigDecimal roundPrice(BigDecimal px, int szDecimals, RoundingMode mode) {
    BigDecimal p = px.abs().compareTo(BigDecimal.valueOf(100_000)) >= 0 ? px.setScale(0, mode) : px.round(new MathContext(5, mode));
    if (p.scale() > MAX_DECIMALS - szDecimals) p = p.setScale(MAX_DECIMALS - szDecimals, mode);
    return p.stripTrailingZeros();
  }

  /** The price step near {@code px}: one unit of the fifth significant figure, at least one unit of the last allowed decimal, and 1 for prices of 100000 and more. */
  static BigDecimal tick(BigDecimal px, int szDecimals) {
    BigDecimal p = px.abs().stripTrailingZeros();
    int exponent = p.precision() - p.scale() - 1;
    if (exponent >= 5) return BigDecimal.ONE;
    int scale = Math.min(4 - exponent, MAX_DECIMALS - szDecimals);
    return BigDecimal.ONE.scaleByPowerOfTen(-scale);
  }

  /** A decimal string as Hyperliquid writes it: plain, without trailing zeros. */
  static String wire(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.signum() == 0) return "0.0";
    String s = v.toPlainString();
    return s.indexOf('.') < 0 ? s + ".0" : s;
  }

  /** A USDC amount: rounded half-even to 6 decimals. */
  static String usd(BigDecimal value) {
    return wire(value.setScale(6, RoundingMode.HALF_EVEN));
  }
}
