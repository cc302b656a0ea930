package dev.rez.indicators;

/**
 * Mean and population variance over the last {@code period} values, in O(1) per value without drift.
 *
 * <p>Sums are kept relative to a shift {@code k} (a recent value), with compensated additions (each addition's exact rounding error is accumulated separately). To stop
 * rounding errors from accumulating over millions of updates, a second "shadow" set of sums starts empty every
 * {@code period} values and adds only the new values; after {@code period} values it holds exactly the sums of
 * the current window, computed afresh, and replaces the running sums. Each update therefore costs a constant
 * amount of work and the running sums never carry more than {@code 2 * period} updates of history.
 */
final class RollingMoments {
  private static final double NOISE = 0x1p-50; // 4 ulps relative
  private final int period;
  private final double inverse;
  private final double[] ring;
  private int pos;
  private long seen;

  // running sums over the window, relative to k: s1 = sum(x - k), s2 = sum((x - k)^2), with compensations
  private double k;
  private double s1;
  private double c1;
  private double s2;
  private double c2;

  // shadow sums over the values seen since the shadow was (re)started
  private double shadowK;
  private double t1;
  private double e1;
  private double t2;
  private double e2;
  private int shadowCount;

  RollingMoments(int period) {
    this.period = period;
    this.inverse = 1.0 / period;
    this.ring = new double[period];
  }

  void add(double x) {
    if (seen >= period) {
      double out = ring[pos] - k;
      double t = s1 - out;
      c1 += sumError(s1, -out, t);
      s1 = t;
      double sq = out * out;
      t = s2 - sq;
      c2 += sumError(s2, -sq, t);
      s2 = t;
    }
    ring[pos] = x;
    if (++pos == period) pos = 0;
    seen++;

    double d = x - k;
    double t = s1 + d;
    c1 += sumError(s1, d, t);
    s1 = t;
    double sq = d * d;
    t = s2 + sq;
    c2 += sumError(s2, sq, t);
    s2 = t;

    if (shadowCount == 0) shadowK = x;
    d = x - shadowK;
    t = t1 + d;
    e1 += sumError(t1, d, t);
    t1 = t;
    sq = d * d;
    t = t2 + sq;
    e2 += sumError(t2, sq, t);
    t2 = t;
    if (++shadowCount == period) {
      k = shadowK;
      s1 = t1;
      c1 = e1;
      s2 = t2;
      c2 = e2;
      t1 = e1 = t2 = e2 = 0;
      shadowCount = 0;
    }
  }

  /** The exact rounding error of {@code sum = a + b} (Knuth's TwoSum: branch-free, unlike Neumaier's test). */
  private static double sumError(double a, double b, double sum) {
    double bb = sum - a;
    return (a - (sum - bb)) + (b - bb);
  }

  /** Whether {@code period} values have been added. */
  boolean full() {
    return seen >= period;
  }

  /** The mean of the window (valid once full). */
  double mean() {
    return k + (s1 + c1) * inverse;
  }

  /** The population variance of the window (valid once full), never negative. */
  double variance() {
    double m1 = (s1 + c1) * inverse;
    double m2 = (s2 + c2) * inverse;
    double var = m2 - m1 * m1;
    // Below the rounding noise of the subtraction (a few ulps of m2) the window is flat: report exactly zero.
    return var <= NOISE * m2 ? 0.0 : var;
  }
}
