package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * After ten million streaming updates the SMA's and WMA's windows still equal a fresh, exact
 * computation. (The standard deviation follows TA-Lib's running sums on purpose; {@code
 * RunningVarianceTest} checks how it restarts them.)
 */
class PrecisionTest {
  private static final int UPDATES = 10_000_007;

  @Test
  void rollingSumsDoNotDrift() {
    int[] periods = {20, 333};
    Sma[] smas = new Sma[periods.length];
    Wma[] wmas = new Wma[periods.length];
    for (int i = 0; i < periods.length; i++) {
      smas[i] = new Sma(periods[i]);
      wmas[i] = new Wma(periods[i]);
    }
    int keep = 333;
    double[] recent = new double[keep];
    SplittableRandom r = new SplittableRandom(42);
    // a trending, jumpy random walk far from zero with small local variation: hard for naive
    // running sums
    double x = 10_000;
    int checks = 0;
    for (int n = 0; n < UPDATES; n++) {
      x += r.nextGaussian() * 0.01 + 0.0005;
      if (r.nextInt(100_000) == 0) x *= 1.5;
      double value = Math.rint(x * 100) / 100;
      recent[n % keep] = value;
      for (int i = 0; i < periods.length; i++) {
        smas[i].update(value);
        wmas[i].update(value);
      }
      if (n == 1_234_567 || n == 5_555_555 || n == UPDATES - 1) {
        checks++;
        for (int i = 0; i < periods.length; i++) {
          int p = periods[i];
          BigDecimal sum = BigDecimal.ZERO;
          BigDecimal weighted = BigDecimal.ZERO;
          for (int j = 0; j < p; j++) {
            BigDecimal v = new BigDecimal(recent[Math.floorMod(n - p + 1 + j, keep)]);
            sum = sum.add(v);
            weighted = weighted.add(v.multiply(BigDecimal.valueOf(j + 1)));
          }
          MathContext mc = MathContext.DECIMAL128;
          BigDecimal mean = sum.divide(BigDecimal.valueOf(p), mc);
          double wma =
              weighted.divide(BigDecimal.valueOf((long) p * (p + 1) / 2), mc).doubleValue();
          assertRelative(smas[i].value(), mean.doubleValue(), "sma:" + p + " after " + (n + 1));
          assertRelative(wmas[i].value(), wma, "wma:" + p + " after " + (n + 1));
        }
      }
    }
    assertThat(checks).isEqualTo(3);
  }

  private static void assertRelative(double actual, double exact, String what) {
    assertThat(Math.abs(actual - exact))
        .as("%s: %s vs exact %s", what, actual, exact)
        .isLessThanOrEqualTo(1e-12 * Math.abs(exact));
  }
}
