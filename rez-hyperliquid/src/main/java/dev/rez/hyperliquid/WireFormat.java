package dev.rez.hyperliquid;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Numbers on the Hyperliquid wire: decimal strings without superfluous zeros, prices of at most 5
 * significant figures and {@code MAX_DECIMALS - szDecimals} decimals (integers always allowed),
 * sizes of at most {@code szDecimals} decimals.
 *
 * <p>Rounding always takes an explicit {@link RoundingMode}, so a caller can keep a stop-loss on
 * the safe side of the level it approved (a long's stop rounds up, towards the market; a short's
 * stop rounds down).
 *
 * <pre>{@code
 * BigDecimal px = WireFormat.roundPrice(new BigDecimal("1234.567"), 3, MarketKind.PERP, RoundingMode.FLOOR); // 1234.5
 * String wire = WireFormat.toWire(px); // "1234.5"
 * boolean ok = WireFormat.isValidPrice(new BigDecimal("1234.56"), 3, MarketKind.PERP); // false: 6 sig figs
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class WireFormat {
  /** Significant figures a non-integer price may have. */
  public static final int PRICE_SIG_FIGS = 5;

  private WireFormat() {}

  /**
   * The wire string of a decimal: plain notation, trailing zeros and a trailing dot removed ({@code
   * "100"}, {@code "0.0147"}, {@code "0"}). Equals the SDK's {@code float_to_wire} for every value
   * it accepts.
   *
   * @throws IllegalArgumentException when the value needs more than 8 decimals
   */
  public static String toWire(BigDecimal value) {
    if (value == null) throw new NullPointerException("value == null");
    if (value.signum() == 0) return "0";
    BigDecimal s = value.stripTrailingZeros();
    if (s.scale() > 8)
      throw new IllegalArgumentException(
          "value " + value.toPlainString() + " has more than 8 decimals");
    return s.toPlainString();
  }

  /**
   * The SDK's {@code float_to_wire} for a {@code double}, byte for byte: the exact binary value
   * rounded half-even to 8 decimals, rejected when that moves it by {@code 1e-12} or more, then
   * normalised. Like Python it returns {@code "-0"} for negative zero. Prefer {@link
   * #toWire(BigDecimal)}.
   *
   * @throws IllegalArgumentException when rounding to 8 decimals would change the value, or it is
   *     not finite
   */
  public static String floatToWire(double x) {
    if (!Double.isFinite(x))
      throw new IllegalArgumentException("value must be finite but was " + x);
    String rounded = new BigDecimal(x).setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    if (Math.abs(Double.parseDouble(rounded) - x) >= 1e-12) {
      throw new IllegalArgumentException("float_to_wire causes rounding: " + x);
    }
    BigDecimal d = new BigDecimal(rounded);
    // Python keeps the sign of a zero (format(-0.0, ".8f") is "-0.00000000"); BigDecimal has no
    // negative zero.
    if (d.signum() == 0)
      return (x < 0 || Double.doubleToRawLongBits(x) == Long.MIN_VALUE) ? "-0" : "0";
    return d.stripTrailingZeros().toPlainString();
  }

  /**
   * The SDK's {@code float_to_int_for_hashing}: {@code x * 10^8} rounded half-even, rejected when
   * that rounding moves it by {@code 1e-3} or more. Computed in {@code double} like Python does for
   * floats.
   *
   * @throws IllegalArgumentException when {@code x} has more precision than 8 decimals carry
   */
  public static BigInteger floatToIntForHashing(double x) {
    return floatToInt(x, 8);
  }

  /**
   * {@link #floatToIntForHashing(double)} for an integer, computed exactly as Python does for ints.
   */
  public static BigInteger floatToIntForHashing(long x) {
    return BigInteger.valueOf(x).multiply(BigInteger.TEN.pow(8));
  }

  /** The SDK's {@code float_to_usd_int}: USD amount × 10^6 (e.g. isolated margin {@code ntli}). */
  public static BigInteger floatToUsdInt(double x) {
    return floatToInt(x, 6);
  }

  private static BigInteger floatToInt(double x, int power) {
    if (!Double.isFinite(x))
      throw new IllegalArgumentException("value must be finite but was " + x);
    double w = x * Math.pow(10, power);
    double r = Math.rint(w);
    if (Math.abs(r - w) >= 1e-3)
      throw new IllegalArgumentException("float_to_int causes rounding: " + x);
    return new BigDecimal(r).toBigIntegerExact();
  }

  /** Decimals a price may have: {@code kind.maxDecimals() - szDecimals}. */
  public static int maxPriceDecimals(int szDecimals, MarketKind kind) {
    checkSzDecimals(szDecimals, kind);
    return kind.maxDecimals() - szDecimals;
  }

  /**
   * True when {@code price} is positive and either an integer or has at most 5 significant figures
   * and at most {@code maxPriceDecimals} decimals.
   */
  public static boolean isValidPrice(BigDecimal price, int szDecimals, MarketKind kind) {
    if (price == null) throw new NullPointerException("price == null");
    int maxDecimals = maxPriceDecimals(szDecimals, kind);
    if (price.signum() <= 0) return false;
    BigDecimal s = price.stripTrailingZeros();
    if (s.scale() <= 0) return true;
    return s.scale() <= maxDecimals && s.precision() <= PRICE_SIG_FIGS;
  }

  /** True when {@code size} is positive with at most {@code szDecimals} decimals. */
  public static boolean isValidSize(BigDecimal size, int szDecimals) {
    if (size == null) throw new NullPointerException("size == null");
    if (szDecimals < 0)
      throw new IllegalArgumentException("szDecimals must be >= 0 but was " + szDecimals);
    return size.signum() > 0 && size.stripTrailingZeros().scale() <= szDecimals;
  }

  /**
   * Rounds a price to the nearest valid tick in the given direction: to 5 significant figures and
   * at most {@code maxPriceDecimals} decimals, never below zero decimals (integer prices are always
   * valid).
   *
   * @param mode e.g. {@link RoundingMode#FLOOR} never rounds up, {@link RoundingMode#CEILING} never
   *     rounds down, {@link RoundingMode#UNNECESSARY} only validates
   * @return the rounded price, trailing zeros stripped
   * @throws IllegalArgumentException when the price is not positive, rounds to zero, or needs
   *     rounding under {@link RoundingMode#UNNECESSARY}
   */
  public static BigDecimal roundPrice(
      BigDecimal price, int szDecimals, MarketKind kind, RoundingMode mode) {
    if (price == null) throw new NullPointerException("price == null");
    if (mode == null) throw new NullPointerException("mode == null");
    int maxDecimals = maxPriceDecimals(szDecimals, kind);
    if (price.signum() <= 0)
      throw new IllegalArgumentException("price must be > 0 but was " + price.toPlainString());
    int decimals = priceDecimals(price, maxDecimals);
    BigDecimal r;
    try {
      r = price.setScale(decimals, mode);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "price "
              + price.toPlainString()
              + " is not a valid tick (at most 5 significant figures and "
              + maxDecimals
              + " decimals)");
    }
    if (r.signum() <= 0) {
      throw new IllegalArgumentException(
          "price " + price.toPlainString() + " rounds to 0 with " + decimals + " decimals");
    }
    return plain(r);
  }

  /**
   * The price step (tick) at {@code price}: one unit of its fifth significant figure, but no finer
   * than {@code maxPriceDecimals} decimals and no coarser than 1 (integer prices are always valid).
   * For example {@code 0.1} at 1234.5, {@code 1} at 123456.7, {@code 0.01} at 1.2345 with {@code
   * szDecimals} 4.
   *
   * @throws IllegalArgumentException when the price is not positive
   */
  public static BigDecimal priceStep(BigDecimal price, int szDecimals, MarketKind kind) {
    if (price == null) throw new NullPointerException("price == null");
    int maxDecimals = maxPriceDecimals(szDecimals, kind);
    if (price.signum() <= 0)
      throw new IllegalArgumentException("price must be > 0 but was " + price.toPlainString());
    return BigDecimal.ONE.movePointLeft(priceDecimals(price, maxDecimals));
  }

  /**
   * Decimals of a price's tick: 5 significant figures, at most {@code maxDecimals}, never fewer
   * than 0.
   */
  private static int priceDecimals(BigDecimal price, int maxDecimals) {
    int leadingExponent =
        price.precision() - price.scale() - 1; // 10^e of the first significant digit
    return Math.max(0, Math.min(maxDecimals, PRICE_SIG_FIGS - 1 - leadingExponent));
  }

  /**
   * Rounds a size to {@code szDecimals} decimals in the given direction.
   *
   * @throws IllegalArgumentException when the size is not positive, rounds to zero, or needs
   *     rounding under {@link RoundingMode#UNNECESSARY}
   */
  public static BigDecimal roundSize(BigDecimal size, int szDecimals, RoundingMode mode) {
    if (size == null) throw new NullPointerException("size == null");
    if (mode == null) throw new NullPointerException("mode == null");
    if (szDecimals < 0)
      throw new IllegalArgumentException("szDecimals must be >= 0 but was " + szDecimals);
    if (size.signum() <= 0)
      throw new IllegalArgumentException("size must be > 0 but was " + size.toPlainString());
    BigDecimal r;
    try {
      r = size.setScale(szDecimals, mode);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "size " + size.toPlainString() + " has more than " + szDecimals + " decimals");
    }
    if (r.signum() == 0)
      throw new IllegalArgumentException(
          "size " + size.toPlainString() + " rounds to 0 with " + szDecimals + " decimals");
    return plain(r);
  }

  /** Strips trailing zeros without going to a negative scale, so {@code toString()} stays plain. */
  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private static void checkSzDecimals(int szDecimals, MarketKind kind) {
    if (kind == null) throw new NullPointerException("kind == null");
    if (szDecimals < 0 || szDecimals > kind.maxDecimals()) {
      throw new IllegalArgumentException(
          "szDecimals must be in [0, " + kind.maxDecimals() + "] but was " + szDecimals);
    }
  }
}
