package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On random series with random parameters, every indicator equals a direct, unoptimised computation
 * from its definition (whole windows rescanned at every bar), and the streaming face equals the
 * batch face.
 */
class NaiveComparisonTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void matchesDirectComputation(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Candle> candles = TestData.randomCandles(seed, 1500, 1 + r.nextDouble() * 1000);
    int n = candles.size();
    double[] close = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] volume = new double[n];
    for (int i = 0; i < n; i++) {
      close[i] = candles.get(i).close();
      high[i] = candles.get(i).high();
      low[i] = candles.get(i).low();
      volume[i] = candles.get(i).volume();
    }
    int p = 1 + r.nextInt(40);

    double[] sma = new double[n];
    double[] wma = new double[n];
    double[] sd = new double[n];
    double[] roc = new double[n];
    for (int i = 0; i < n; i++) {
      sma[i] = wma[i] = sd[i] = Double.NaN;
      if (i >= p - 1) {
        double s = 0;
        double w = 0;
        for (int j = 0; j < p; j++) {
          s += close[i - p + 1 + j];
          w += (j + 1) * close[i - p + 1 + j];
        }
        sma[i] = s / p;
        wma[i] = w / (p * (p + 1) / 2.0);
        double ss = 0;
        for (int j = i - p + 1; j <= i; j++) ss += (close[j] - sma[i]) * (close[j] - sma[i]);
        sd[i] = Math.sqrt(ss / p);
      }
      roc[i] = i >= p ? (close[i] / close[i - p] - 1) * 100 : Double.NaN;
    }
    assertClose(compute("sma:" + p, candles, "sma"), sma, 1e-12, "sma:" + p);
    assertClose(compute("wma:" + p, candles, "wma"), wma, 1e-12, "wma:" + p);
    assertClose(compute("stddev:" + p, candles, "stddev"), sd, 1e-9, "stddev:" + p);
    assertClose(compute("roc:" + p, candles, "roc"), roc, 1e-12, "roc:" + p);

    double dev = 0.5 + r.nextDouble() * 3;
    Map<String, double[]> bb = IndicatorRegistry.parse("bb:" + p + ":" + dev).compute(candles);
    double[] upper = new double[n];
    double[] pctB = new double[n];
    for (int i = 0; i < n; i++) {
      upper[i] = sma[i] + dev * sd[i];
      double lower = sma[i] - dev * sd[i];
      pctB[i] =
          Double.isNaN(sma[i])
              ? Double.NaN
              : upper[i] > lower ? (close[i] - lower) / (upper[i] - lower) : 0.5;
    }
    // sigma comes from TA-Lib's mean(x²) - mean², whose cancellation costs digits relative to the
    // price
    assertClose(bb.get("upper"), upper, 1e-9, "bb upper");
    assertClose(bb.get("middle"), sma, 1e-12, "bb middle");
    assertClose(bb.get("percentB"), pctB, 1e-7, "bb percentB");

    // EMA from its definition
    double[] ema = new double[n];
    double k = 2.0 / (p + 1);
    for (int i = 0; i < n; i++)
      ema[i] =
          i < p - 1 ? Double.NaN : i == p - 1 ? sma[i] : ema[i - 1] + k * (close[i] - ema[i - 1]);
    assertClose(compute("ema:" + p, candles, "ema"), ema, 1e-12, "ema:" + p);

    // RSI and ATR from Wilder's definition
    double[] rsi = new double[n];
    double[] atr = new double[n];
    double gain = 0;
    double loss = 0;
    double avgTr = 0;
    for (int i = 0; i < n; i++) {
      rsi[i] = atr[i] = Double.NaN;
      if (i == 0) continue;
      double change = close[i] - close[i - 1];
      double tr =
          Math.max(
              high[i] - low[i],
              Math.max(Math.abs(high[i] - close[i - 1]), Math.abs(low[i] - close[i - 1])));
      if (i <= p) {
        gain += Math.max(change, 0) / p;
        loss += Math.max(-change, 0) / p;
        avgTr += tr / p;
      } else {
        gain = (gain * (p - 1) + Math.max(change, 0)) / p;
        loss = (loss * (p - 1) + Math.max(-change, 0)) / p;
        avgTr = (avgTr * (p - 1) + tr) / p;
      }
      if (i >= p) {
        rsi[i] = gain + loss == 0 ? 0 : 100 * gain / (gain + loss);
        atr[i] = avgTr;
      }
    }
    assertClose(compute("rsi:" + p, candles, "rsi"), rsi, 1e-9, "rsi:" + p);
    assertClose(compute("atr:" + p, candles, "atr"), atr, 1e-9, "atr:" + p);

    // Stochastic by rescanning windows
    int fk = 1 + r.nextInt(20);
    int sk = 1 + r.nextInt(5);
    int sdp = 1 + r.nextInt(5);
    double[] raw = new double[n];
    for (int i = fk - 1; i < n; i++) {
      double hh = Double.NEGATIVE_INFINITY;
      double ll = Double.POSITIVE_INFINITY;
      for (int j = i - fk + 1; j <= i; j++) {
        hh = Math.max(hh, high[j]);
        ll = Math.min(ll, low[j]);
      }
      raw[i] = hh > ll ? 100 * (close[i] - ll) / (hh - ll) : 0;
    }
    double[] kk = new double[n];
    double[] dd = new double[n];
    int lookback = fk + sk + sdp - 3;
    for (int i = 0; i < n; i++) {
      kk[i] = dd[i] = Double.NaN;
      if (i < lookback) continue;
      kk[i] = mean(raw, i, sk);
      double s = 0;
      for (int j = 0; j < sdp; j++) s += mean(raw, i - j, sk);
      dd[i] = s / sdp;
    }
    Map<String, double[]> stoch =
        IndicatorRegistry.parse("stoch:" + fk + ":" + sk + ":" + sdp).compute(candles);
    assertClose(stoch.get("k"), kk, 1e-9, "stoch k");
    assertClose(stoch.get("d"), dd, 1e-9, "stoch d");

    // OBV and daily VWAP
    double[] obv = new double[n];
    double[] vwap = new double[n];
    long day = Long.MIN_VALUE;
    double pv = 0;
    double v = 0;
    for (int i = 0; i < n; i++) {
      obv[i] = i == 0 ? volume[0] : obv[i - 1] + Math.signum(close[i] - close[i - 1]) * volume[i];
      long d = Math.floorDiv(candles.get(i).openTime().toEpochMilli(), 86_400_000L);
      if (d != day) {
        day = d;
        pv = v = 0;
      }
      double typical = (high[i] + low[i] + close[i]) / 3;
      pv += typical * volume[i];
      v += volume[i];
      vwap[i] = v > 0 ? pv / v : typical;
    }
    assertClose(compute("obv", candles, "obv"), obv, 1e-12, "obv");
    assertClose(compute("vwap", candles, "vwap"), vwap, 1e-12, "vwap");
  }

  private static double mean(double[] x, int end, int period) {
    double s = 0;
    for (int j = end - period + 1; j <= end; j++) s += x[j];
    return s / period;
  }

  private static double[] compute(String spec, List<Candle> candles, String output) {
    double[] batch = IndicatorRegistry.parse(spec).compute(candles).get(output);
    Indicator streaming = IndicatorRegistry.parse(spec).create();
    for (int i = 0; i < candles.size(); i++) {
      streaming.update(candles.get(i));
      assertThat(Double.valueOf(streaming.value(output)))
          .as("%s streaming at %d", spec, i)
          .isEqualTo(Double.valueOf(batch[i]));
    }
    return batch;
  }

  static void assertClose(double[] actual, double[] expected, double relative, String what) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertThat(actual[i]).as("%s at %d", what, i).isNaN();
      } else {
        assertThat(Math.abs(actual[i] - expected[i]))
            .as("%s at %d: %s vs %s", what, i, actual[i], expected[i])
            .isLessThanOrEqualTo(relative * Math.max(1, Math.abs(expected[i])));
      }
    }
  }
}
