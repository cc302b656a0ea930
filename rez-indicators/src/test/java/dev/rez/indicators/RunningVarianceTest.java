package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Standard deviation and Bollinger Bands follow TA-Lib's running sums operation for operation, and
 * restart them from the window every {@link RunningVariance#RESTART} values.
 */
class RunningVarianceTest {
  private static final int PERIOD = 20;

  /**
   * TA-Lib's {@code VAR} over a whole series, written out from its definition: the sums of the
   * first {@code period - 1} values, then per output add the newest value, take {@code sum / p} and
   * {@code sumOfSquares / p}, subtract the oldest value; variance {@code mean(x²) - mean²}.
   */
  private static double[][] taLibMeanAndVariance(double[] x, int from, int to, int p) {
    double[] mean = new double[to];
    double[] variance = new double[to];
    double s1 = 0;
    double s2 = 0;
    for (int i = from; i < from + p - 1; i++) {
      s1 += x[i];
      s2 += x[i] * x[i];
    }
    for (int i = from + p - 1; i < to; i++) {
      s1 += x[i];
      s2 += x[i] * x[i];
      double m = s1 / p;
      double m2 = s2 / p;
      double oldest = x[i - p + 1];
      s1 -= oldest;
      s2 -= oldest * oldest;
      mean[i] = m;
      variance[i] = m2 - m * m;
    }
    return new double[][] {mean, variance};
  }

  /** Prices with a spike whose rounding error TA-Lib's sums keep, then a long flat stretch at 7. */
  private static double[] series(int n) {
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[n];
    double level = 100;
    for (int i = 0; i < n; i++) {
      if (i == 50) x[i] = 1e9;
      else if (i < 5_000) x[i] = level += Math.rint(r.nextGaussian() * 100) / 100;
      else x[i] = 7;
    }
    return x;
  }

  @Test
  void matchesTaLibsArithmeticBitForBitThenRestartsFromTheWindow() {
    int restartAt = PERIOD - 1 + RunningVariance.RESTART - 1; // index of the RESTART-th output
    int n = restartAt + 3_000;
    double[] x = series(n);
    double[][] whole = taLibMeanAndVariance(x, 0, n, PERIOD);
    // after the restart: TA-Lib started PERIOD - 1 values before the first output that follows it
    double[][] restarted = taLibMeanAndVariance(x, restartAt - PERIOD + 2, n, PERIOD);
    StdDev sd = new StdDev(PERIOD);
    BollingerBands bb = new BollingerBands(PERIOD, 2);
    for (int i = 0; i < n; i++) {
      sd.update(x[i]);
      bb.update(x[i]);
      if (i < PERIOD - 1) continue;
      double[][] ref = i <= restartAt ? whole : restarted;
      double sigma = TaLib.sqrtOrZero(ref[1][i]);
      if (sd.value() != sigma || bb.middle() != ref[0][i] || bb.upper() != ref[0][i] + sigma * 2) {
        throw new AssertionError(
            "at "
                + i
                + ": stddev "
                + sd.value()
                + " vs "
                + sigma
                + ", middle "
                + bb.middle()
                + " vs "
                + ref[0][i]);
      }
    }
    // the spike's rounding error stayed in the sums over the flat stretch until the restart, as in
    // TA-Lib, and is gone after it
    assertThat(Math.abs(whole[1][restartAt]))
        .as("TA-Lib's variance of 20 sevens, a million values after a 1e9 spike")
        .isGreaterThan(1);
    assertThat(sd.value()).as("sigma of 20 sevens after the restart").isZero();
    assertThat(bb.upper()).isEqualTo(7);
  }

  @Test
  void varianceBelowTaLibsEpsilonGivesZero() {
    // closes near 1e-6 moving by 0.1%: the variance (~1e-18) is below 1e-14, TA-Lib's STDDEV and
    // BBANDS report sigma 0 (TA-Lib C 0.6.0: stddev 0 and upper band == middle band here)
    StdDev sd = new StdDev(5);
    BollingerBands bb = new BollingerBands(5, 2);
    double[] closes = {1e-6, 1.001e-6, 0.999e-6, 1.002e-6, 1.0005e-6};
    for (double c : closes) {
      sd.update(c);
      bb.update(c);
    }
    assertThat(sd.value()).isZero();
    assertThat(bb.upper()).isEqualTo(bb.middle());
    assertThat(bb.percentB()).isEqualTo(0.5);
  }
}
