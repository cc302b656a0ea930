package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SMA's rolling window (plain sums up to {@link RollingMoments#PLAIN_MAX} values, compensated
 * beyond) equals an exact recomputation of the window after every single update, through the cases
 * that break running sums: a huge spike entering and later leaving the window, a sudden level
 * shift, flat stretches, values near zero and of mixed sign. (Standard deviation and Bollinger
 * Bands use TA-Lib's running sums on purpose, to give TA-Lib's values; see {@code
 * RunningVarianceTest}.)
 */
class RollingWindowExactnessTest {
  private static final MathContext MC = new MathContext(50);

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 20, RollingMoments.PLAIN_MAX, RollingMoments.PLAIN_MAX + 1, 333})
  void spikeEnteringAndLeaving(int period) {
    SplittableRandom r = new SplittableRandom(7);
    int[] n = {0};
    check(
        period,
        3_000,
        () -> {
          n[0]++;
          if (n[0] % 997 == 0) return 1e9; // a spike 1e9 times the local variation
          if (n[0] % 1409 == 0) return -3e8;
          return 1.0 + 1e-3 * r.nextGaussian();
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 20, RollingMoments.PLAIN_MAX, RollingMoments.PLAIN_MAX + 1, 333})
  void levelShiftsAndFlatStretches(int period) {
    SplittableRandom r = new SplittableRandom(11);
    double[] x = {10_000};
    int[] n = {0};
    check(
        period,
        3_000,
        () -> {
          n[0]++;
          if (n[0] % 1_000 == 0) x[0] *= 1.5; // the level jumps far above the window's spread
          if (n[0] % 1_000 < 400) return Math.rint(x[0] * 100) / 100; // flat stretch
          x[0] += r.nextGaussian() * 0.01 + 0.0005;
          return Math.rint(x[0] * 100) / 100;
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 20, 333})
  void smallValuesOfMixedSign(int period) {
    SplittableRandom r = new SplittableRandom(13);
    check(period, 2_000, () -> r.nextGaussian() * 1e-7 + (r.nextInt(50) == 0 ? 5e-6 : 0));
  }

  private static void check(int period, int updates, DoubleSupplier source) {
    Sma sma = new Sma(period);
    double[] values = new double[updates];
    for (int n = 0; n < updates; n++) {
      double v = source.getAsDouble();
      values[n] = v;
      sma.update(v);
      if (n < period - 1) {
        assertThat(sma.isReady()).isFalse();
        continue;
      }
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal squares = BigDecimal.ZERO;
      boolean flat = true;
      for (int j = n - period + 1; j <= n; j++) {
        BigDecimal b = new BigDecimal(values[j]);
        sum = sum.add(b);
        squares = squares.add(b.multiply(b));
        flat &= values[j] == v;
      }
      BigDecimal p = BigDecimal.valueOf(period);
      double mean = sum.divide(p, MC).doubleValue();
      String at = "period " + period + " after " + (n + 1) + " values";
      if (flat) {
        assertThat(sma.value()).as("sma of a flat window, %s", at).isEqualTo(v);
        continue;
      }
      // the mean is checked against the window's scale (mean and spread), as any floating-point sum
      // must be
      double sigma =
          Math.sqrt(
              squares
                  .multiply(p)
                  .subtract(sum.multiply(sum))
                  .divide(p.multiply(p), MC)
                  .doubleValue());
      double scale = Math.max(Math.abs(mean), sigma);
      assertThat(Math.abs(sma.value() - mean)).as("sma, %s", at).isLessThanOrEqualTo(1e-12 * scale);
    }
  }
}
