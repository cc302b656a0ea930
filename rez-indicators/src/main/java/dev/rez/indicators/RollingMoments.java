package dev.rez.indicators;

/**
 * Mean over the last {@code period} values, in amortised O(1) per value, without drift and without
 * ever subtracting a value that leaves the window.
 *
 * <p>The values arrive in blocks of {@code period} (the ring buffer's laps). When a block is
 * complete, the reference {@code k} becomes its last value and one backward pass over the block
 * stores its suffix sums {@code suf[i] = Σ_{j≥i} (x_j - k)}. While the next block fills, the sum of
 * its first {@code pos} values, {@code cur}, grows by one term per value; the window is the old
 * block from {@code pos} on plus the new block's head, so its sum is {@code suf[pos] + cur}.
 *
 * <p>Only additions of fresh terms: a spike leaving the window is never subtracted from the sum (no
 * catastrophic cancellation), and no sum holds more than {@code period} terms, so nothing
 * accumulates however long the stream runs. Because {@code k} is always a value inside the window,
 * a flat window gives exactly its value, and the deviations summed are at most the window's own
 * spread. Windows longer than {@link #PLAIN_MAX} use compensated additions (each addition's exact
 * rounding error is summed separately). The rebuild costs one short loop per {@code period} values.
 */
final class RollingMoments {
  /** Longest window summed without compensation. */
  static final int PLAIN_MAX = 32;

  private final boolean compensated;
  private final double inverse;
  private final double[] ring;
  private final double[] suf;
  private int pos;
  private boolean full;
  private double k;
  // sum of the current block's values so far, relative to k, and (when compensated) the accumulated
  // exact errors of its additions
  private double cur;
  private double err;

  RollingMoments(int period) {
    this.compensated = period > PLAIN_MAX;
    this.inverse = 1.0 / period;
    this.ring = new double[period];
    this.suf = new double[period];
  }

  void add(double x) {
    int p = pos;
    double[] r = ring;
    r[p] = x;
    double d = x - k;
    if (compensated) {
      double t = cur + d;
      err += sumError(cur, d, t);
      cur = t;
    } else {
      cur += d;
    }
    if (++p == r.length) {
      // a block is complete: it becomes the old block, as suffix sums relative to its last value.
      // The loop is written here rather than in a method so that no call sits in a caller's hot
      // loop.
      double ref = x;
      double[] a = suf;
      double s = 0;
      double e = 0;
      for (int i = p - 1; i >= 0; i--) {
        double dev = r[i] - ref;
        double t = s + dev;
        if (compensated) e += sumError(s, dev, t);
        s = t;
        a[i] = s + e;
      }
      k = ref;
      cur = err = 0;
      p = 0;
      full = true;
    }
    pos = p;
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
    return k + (suf[pos] + (cur + err)) * inverse;
  }
}
