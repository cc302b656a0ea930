package dev.rez.indicators;

/**
 * Mean and population variance over the last {@code period} values, in amortised O(1) per value,
 * without drift and without ever subtracting a value that leaves the window.
 *
 * <p>The values arrive in blocks of {@code period} (the ring buffer's laps). When a block is
 * complete, the reference {@code k} becomes its last value and one backward pass over the block
 * stores its suffix sums {@code suf1[i] = Σ_{j≥i} (x_j - k)} and {@code suf2[i] = Σ_{j≥i} (x_j -
 * k)²}. While the next block fills, the sums of its first {@code pos} values, {@code cur1} and
 * {@code cur2}, grow by one term per value; the window is the old block from {@code pos} on plus
 * the new block's head, so its sums are {@code suf[pos] + cur}.
 *
 * <p>Only additions of fresh terms: a spike leaving the window is never subtracted from the sums
 * (no catastrophic cancellation), and no sum holds more than {@code period} terms, so nothing
 * accumulates however long the stream runs. Because {@code k} is always a value inside the window,
 * a flat window gives exactly zero deviations (variance exactly 0), and otherwise {@code (mean -
 * k)² ≤ (period - 1) · variance}: even after a level shift the second moment exceeds the variance
 * by at most a factor {@code period}, so plain sums of {@code n ≤ period} terms bound the
 * variance's relative error by about {@code period² · 2⁻⁵³} (with {@code ≤ PLAIN_MAX} terms, below
 * 1.2e-13 for the standard deviation; realistic series stay near 1e-15). Longer windows use
 * compensated additions (each addition's and each square's exact rounding error is summed
 * separately), which brings the bound down to about {@code period · 2⁻⁵³}. The rebuild costs one
 * short loop per {@code period} values.
 */
final class RollingMoments {
  /** Longest window summed without compensation: its worst-case error is below 1.2e-13 relative. */
  static final int PLAIN_MAX = 32;

  private final boolean compensated;
  private final double inverse;
  private final double[] ring;
  private final double[] suf1;
  private final double[] suf2;
  private int pos;
  private boolean full;
  private double k;
  // sums of the current block's values so far, relative to k, and (when compensated) the
  // accumulated exact
  // errors of their additions and, for the squares, of the products
  private double cur1;
  private double err1;
  private double cur2;
  private double err2;

  RollingMoments(int period) {
    this.compensated = period > PLAIN_MAX;
    this.inverse = 1.0 / period;
    this.ring = new double[period];
    this.suf1 = new double[period];
    this.suf2 = new double[period];
  }

  void add(double x) {
    int p = pos;
    double[] r = ring;
    r[p] = x;
    double d = x - k;
    if (compensated) {
      addCompensated(d);
    } else {
      cur1 += d;
      cur2 = Math.fma(d, d, cur2);
    }
    if (++p == r.length) {
      // a block is complete: it becomes the old block, as suffix sums relative to its last value.
      // The loop is
      // written here rather than in a method so that no call sits in a caller's hot loop.
      double ref = x;
      if (compensated) {
        suffixSumsCompensated(ref);
      } else {
        double[] a = suf1;
        double[] b = suf2;
        double s1 = 0;
        double s2 = 0;
        for (int i = p - 1; i >= 0; i--) {
          double e = r[i] - ref;
          s1 += e;
          s2 = Math.fma(e, e, s2);
          a[i] = s1;
          b[i] = s2;
        }
      }
      k = ref;
      cur1 = err1 = cur2 = err2 = 0;
      p = 0;
      full = true;
    }
    pos = p;
  }

  private void addCompensated(double d) {
    double t = cur1 + d;
    err1 += sumError(cur1, d, t);
    cur1 = t;
    double sq = d * d;
    t = cur2 + sq;
    err2 += sumError(cur2, sq, t) + Math.fma(d, d, -sq);
    cur2 = t;
  }

  /** The completed block's suffix sums relative to {@code ref}, with compensated additions. */
  private void suffixSumsCompensated(double ref) {
    double[] r = ring;
    double[] a = suf1;
    double[] b = suf2;
    int last = r.length - 1;
    double s1 = 0;
    double e1 = 0;
    double s2 = 0;
    double e2 = 0;
    for (int i = last; i >= 0; i--) {
      double d = r[i] - ref;
      double t = s1 + d;
      e1 += sumError(s1, d, t);
      s1 = t;
      double sq = d * d;
      t = s2 + sq;
      e2 += sumError(s2, sq, t) + Math.fma(d, d, -sq);
      s2 = t;
      a[i] = s1 + e1;
      b[i] = s2 + e2;
    }
  }

  /** The exact rounding error of {@code sum = a + b} (Knuth's TwoSum: branch-free). */
  private static double sumError(double a, double b, double sum) {
    double bb = sum - a;
    return (a - (sum - bb)) + (b - bb);
  }

  /** Whether {@code period} values have been added. */
  boolean full() {
    return full;
  }

  /** The mean of the window (valid once full). */
  double mean() {
    return k + (suf1[pos] + (cur1 + err1)) * inverse;
  }

  /**
   * The population variance of the window (valid once full): exactly 0 for a flat window, never
   * negative.
   */
  double variance() {
    int p = pos;
    double m1 = (suf1[p] + (cur1 + err1)) * inverse;
    double var = Math.fma(suf2[p] + (cur2 + err2), inverse, -m1 * m1);
    return var > 0 ? var : 0.0;
  }
}
