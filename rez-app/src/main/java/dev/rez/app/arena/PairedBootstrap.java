package dev.rez.app.arena;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The paired bootstrap of the mean difference of two per-cycle return series: resample the cycles
 * with replacement, keeping each cycle's pair together, and take the percentiles of the resampled
 * means. Seeded, so the same series give the same interval.
 */
final class PairedBootstrap {
  private PairedBootstrap() {}

  /**
   * The {@code 1 - alpha} percentile interval of the mean of {@code a[i] - b[i]}.
   *
   * @return {@code [low, high]}; {@code [0, 0]} for empty series
   * @throws IllegalArgumentException when the series differ in length
   */
  static double[] interval(double[] a, double[] b, int resamples, double alpha, long seed) {
    if (a.length != b.length)
      throw new IllegalArgumentException(
          "paired series differ in length: " + a.length + " and " + b.length);
    if (resamples < 1)
      throw new IllegalArgumentException("resamples must be >= 1 but was " + resamples);
    int n = a.length;
    if (n == 0) return new double[] {0, 0};
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = a[i] - b[i];
    SplittableRandom random = new SplittableRandom(seed);
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) sum += d[random.nextInt(n)];
      means[r] = sum / n;
    }
    Arrays.sort(means);
    return new double[] {percentile(means, alpha / 2), percentile(means, 1 - alpha / 2)};
  }

  /** The nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }
}
