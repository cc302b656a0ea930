package dev.rez.indicators;

/**
 * Mean and population variance of the last {@code period} values computed the way TA-Lib's {@code
 * VAR}, {@code STDDEV} and {@code BBANDS} compute them, operation for operation: running sums of
 * {@code x} and {@code x²} over the whole stream, to which each value is added and from which it is
 * subtracted again when it leaves the window; {@code mean = sum / period}, {@code variance =
 * sumOfSquares / period - mean * mean}.
 *
 * <p>Identical arithmetic gives identical results, including TA-Lib's rounding noise: over a flat
 * window the variance is not 0 but the cancellation error of {@code mean(x²) - mean²} (about {@code
 * 1e-16 · mean²}), and after a large move the sums keep the rounding error of the large values.
 * {@link TaLib#sqrtOrZero(double)} turns the variance into TA-Lib's standard deviation.
 *
 * <p>TA-Lib runs over a finite series; a stream does not end, and running sums would keep every
 * rounding error they ever made (a spike's, long after it left the window). So every {@link
 * #RESTART} values the sums are recomputed from the window's newest {@code period - 1} values, in
 * order, exactly as TA-Lib starts a call: the values are then always TA-Lib's for a call over the
 * series starting at most {@code RESTART + period} values back, bit for bit, and identical to a
 * call over the whole series for the first {@code RESTART} outputs. O(1) per value (the restart
 * costs {@code period} additions once per {@code RESTART} values), no allocation.
 */
final class RunningVariance {
  /** Values between two recomputations of the sums: about two years of one-minute bars. */
  static final int RESTART = 1 << 20;

  private final int period;
  private final double[] ring;
  private int pos;
  private long seen;
  private int sinceRestart;
  private double sum;
  private double sumOfSquares;
  private double mean = Double.NaN;
  private double variance = Double.NaN;

  RunningVariance(int period) {
    this.period = period;
    this.ring = new double[period];
  }

  void add(double x) {
    double[] r = ring;
    int p = pos;
    r[p] = x;
    if (++p == r.length) p = 0;
    pos = p;
    sum += x;
    sumOfSquares += x * x;
    if (++seen < period) return;
    double m = sum / period;
    double m2 = sumOfSquares / period;
    // the oldest value of the window leaves the sums (for period 1: the value just added)
    double oldest = r[p];
    sum -= oldest;
    sumOfSquares -= oldest * oldest;
    mean = m;
    variance = m2 - m * m;
    if (++sinceRestart == RESTART) restart(p);
  }

  /** Recomputes the sums from the window's newest {@code period - 1} values, oldest first. */
  private void restart(int oldest) {
    double[] r = ring;
    double s1 = 0;
    double s2 = 0;
    for (int j = 1; j < r.length; j++) {
      int i = oldest + j;
      double v = r[i < r.length ? i : i - r.length];
      s1 += v;
      s2 += v * v;
    }
    sum = s1;
    sumOfSquares = s2;
    sinceRestart = 0;
  }

  /** Whether {@code period} values have been added. */
  boolean full() {
    return seen >= period;
  }

  /** TA-Lib's mean of the window (TA-Lib's SMA), NaN until full. */
  double mean() {
    return mean;
  }

  /** TA-Lib's variance of the window: may be slightly negative or noise-sized; NaN until full. */
  double variance() {
    return variance;
  }
}
