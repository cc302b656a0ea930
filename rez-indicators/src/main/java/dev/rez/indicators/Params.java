package dev.rez.indicators;

/** Parameter checks and warm-up arithmetic. */
final class Params {
  /** The largest period accepted (TA-Lib's own limit); bounds the memory a spec can ask for. */
  static final int MAX_PERIOD = 100_000;

  /** Relative size the seed's influence must decay to before a value counts as warmed up. */
  static final double CONVERGENCE = 1e-6;

  private Params() {}

  static int period(int value, String field, int min) {
    if (value < min || value > MAX_PERIOD) {
      throw new IllegalArgumentException(
          field + " must be in [" + min + ", " + MAX_PERIOD + "] but was " + value);
    }
    return value;
  }

  /**
   * Updates after which a factor applied once per update, {@code retain}, has shrunk a seed error
   * below 1e-6.
   */
  static int decay(double retain) {
    if (retain <= 0) return 0;
    return (int) Math.ceil(Math.log(CONVERGENCE) / Math.log(retain));
  }

  /** The per-update retention of an EMA of {@code period}: {@code 1 - 2 / (period + 1)}. */
  static double emaRetain(int period) {
    return 1.0 - 2.0 / (period + 1);
  }

  /** The per-update retention of Wilder's average of {@code period}: {@code 1 - 1 / period}. */
  static double wilderRetain(int period) {
    return 1.0 - 1.0 / period;
  }
}
