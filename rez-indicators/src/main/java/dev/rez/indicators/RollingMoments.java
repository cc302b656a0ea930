package dev.rez.indicators;

/**
 * Mean and population variance over the last {@code period} values, in O(1) per value without drift.
 *
 * <p>Sums are kept relative to a shift {@code k} (a recent value), with Neumaier-compensated additions. To stop
 * rounding errors from accumulating over millions of updates, a second "shadow" set of sums starts empty every
 * {@code period} values and adds only the new values; after {@code period} values it holds exactly the sums of
 * the current window, computed afresh, and replaces the running sums. Each update therefore costs a constant
 * amount of work and the running sums never carry more than {@code 2 * period} updates of history.
 */
final class RollingMoments {
  private final int period;
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
    this.ring = new double[period];
  }

  void add(double x) {
    if (seen >= period) {
      double out = ring[pos] - k;
      // Neumaier: subtract the leaving value
      double v = -out;
      double t = s1 + v;
      c1 += Math.abs(s1) >= Math.abs(v) ? (s1 - t) + v : (v - t) + s1;
      s1 = t;
      v = -out * out;
      t = s2 + v;
      c2 += Math.abs(s2) >= Math.abs(v) ? (s2 - t) + v : (v - t) + s2;
      s2 = t;
    }
    ring[pos] = x;
    if (++pos == period) pos = 0;
    seen++;

    double d = x - k;
    double t = s1 + d;
    c1 += Math.abs(s1) >= Math.abs(d) ? (s1 - t) + d : (d - t) + s1;
    s1 = t;
    double d2 = d * d;
    t = s2 + d2;
    c2 += Math.abs(s2) >= Math.abs(d2) ? (s2 - t) + d2 : (d2 - t) + s2;
    s2 = t;

    if (shadowCount == 0) shadowK = x;
    d = x - shadowK;
    t = t1 + d;
    e1 += Math.abs(t1) >= Math.abs(d) ? (t1 - t) + d : (d - t) + t1;
    t1 = t;
    d2 = d * d;
    t = t2 + d2;
    e2 += Math.abs(t2) >= Math.abs(d2) ? (t2 - t) + d2 : (d2 - t) + t2;
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

  /** Whether {@code period} values have been added. */
  boolean full() {
    return seen >= period;
  }

  /** The mean of the window (valid once full). */
  double mean() {
    return k + (s1 + c1) / period;
  }

  /** The population variance of the window (valid once full), never negative. */
  double variance() {
    double m1 = (s1 + c1) / period;
    double m2 = (s2 + c2) / period;
    double var = m2 - m1 * m1;
    // Below the rounding noise of the subtraction the window is flat: report exactly zero.
    return var <= 4 * Math.ulp(m2) ? 0.0 : var;
  }
}
