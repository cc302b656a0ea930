package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Short series at TA-Lib's edges: long flat stretches, zero ranges and zero variance. The expected
 * numbers are TA-Lib C 0.6.0's output for the same inputs (the source bundled in the npm package
 * {@code talib} 2.0.5, compiled with gcc, one call over the series, default unstable period; see
 * {@code scripts/talib-oracle/oracle.c}), printed with 17 significant digits.
 */
class TaLibEdgeValuesTest {
  private static final double TOLERANCE = 1e-9;

  private static Candle bar(int minute, double open, double high, double low, double close) {
    return new Candle(Instant.ofEpochSecond(60L * minute), Interval.M1, open, high, low, close, 1);
  }

  private static List<Candle> withFlatTail(List<Candle> head, int flatBars) {
    List<Candle> out = new ArrayList<>(head);
    double c = head.get(head.size() - 1).close();
    for (int i = 0; i < flatBars; i++) out.add(bar(out.size(), c, c, c, c));
    return out;
  }

  private static void assertClose(double actual, double expected, String what) {
    double allowed = Math.abs(expected) < 1 ? TOLERANCE : TOLERANCE * Math.abs(expected);
    assertThat(Math.abs(actual - expected))
        .as("%s: expected %s but was %s", what, expected, actual)
        .isLessThanOrEqualTo(allowed);
  }

  @Test
  void rsiFallsToZeroOnceGainAndLossDecayBelowTaLibsEpsilon() {
    // closes 100, 101, 100.5, then 100.5 for 60 bars; RSI(2): gain 0.5 and loss 0.25 halve every
    // flat bar, their sum drops below 1e-14 at index 49, where TA-Lib reports 0
    Rsi rsi = new Rsi(2);
    double[] closes = new double[63];
    closes[0] = 100;
    closes[1] = 101;
    for (int i = 2; i < closes.length; i++) closes[i] = 100.5;
    for (int i = 0; i < closes.length; i++) {
      rsi.update(closes[i]);
      if (i < 2) continue;
      assertClose(rsi.value(), i < 49 ? 66.666666666666657 : 0.0, "rsi at " + i);
    }
  }

  @Test
  void directionalIndexesFallToZeroOnceTheTrueRangeSumDecaysBelowTaLibsEpsilon() {
    List<Candle> bars =
        withFlatTail(
            List.of(
                bar(0, 100, 101, 99, 100),
                bar(1, 100, 102, 100, 101),
                bar(2, 101, 101.5, 99.5, 100),
                bar(3, 100, 103, 100, 102),
                bar(4, 102, 102.5, 101, 101.5)),
            60);
    // TA-Lib ADX / PLUS_DI / MINUS_DI, period 2
    double[][] expected = {
      {3, 37.5, 38.888888888888893, 5.5555555555555554},
      {4, 56.250000000000007, 23.333333333333332, 3.3333333333333335},
      {52, 74.999999999999943, 23.333333333333332, 3.3333333333333335},
      {53, 74.999999999999943, 0, 0},
      {64, 74.999999999999943, 0, 0},
    };
    Adx adx = new Adx(2);
    int next = 0;
    for (int i = 0; i < bars.size(); i++) {
      adx.update(bars.get(i));
      if (next < expected.length && expected[next][0] == i) {
        assertClose(adx.adx(), expected[next][1], "adx at " + i);
        assertClose(adx.plusDi(), expected[next][2], "+DI at " + i);
        assertClose(adx.minusDi(), expected[next][3], "-DI at " + i);
        next++;
      }
    }
    assertThat(next).isEqualTo(expected.length);
  }
}
