package dev.rez.indicators;

/**
 * TA-Lib's zero tests. TA-Lib treats a value within {@code ±1e-14} of zero as zero wherever a
 * division or square root depends on it (RSI's {@code gain + loss}, the ADX's true-range sum and
 * {@code +DI + −DI}, the variance under the standard deviation's square root). The threshold is
 * absolute, so it matters at small price scales and after long flat stretches, where the smoothed
 * sums decay towards zero; matching TA-Lib means applying it in the same places.
 */
final class TaLib {
  /** TA-Lib's {@code TA_EPSILON}. */
  static final double EPSILON = 1e-14;

  private TaLib() {}

  /** TA-Lib's {@code TA_IS_ZERO}: strictly inside {@code (-EPSILON, EPSILON)}. */
  static boolean isZero(double v) {
    return -EPSILON < v && v < EPSILON;
  }

  /**
   * TA-Lib's standard deviation from a variance: {@code sqrt(variance)}, or 0 when the variance is
   * below {@code EPSILON} ({@code TA_IS_ZERO_OR_NEG}), which also covers negative rounding noise.
   */
  static double sqrtOrZero(double variance) {
    return variance < EPSILON ? 0.0 : Math.sqrt(variance);
  }
}
