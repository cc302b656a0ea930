package dev.rez.agent.internal;

import dev.rez.core.Candle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's one door to indicator values: the latest value of each indicator of a spec list such as
 * {@code rsi:14,macd:12:26:9,bb:20:2} over a candle series. Multi-output indicators are keyed
 * {@code spec.output} ({@code macd:12:26:9.hist}); values are NaN while warming up. Internal.
 */
public final class Indicators {
  private Indicators() {}

  /** The default set the context carries for every asset and interval. */
  public static final String DEFAULT_SET = "ema:12,ema:26,ema:50,rsi:14,macd:12:26:9,atr:14,bb:20:2";

  /**
   * The latest value of every indicator in {@code specList}, in spec order.
   *
   * @throws IllegalArgumentException naming the spec that is unknown or malformed
   */
  public static Map<String, Double> latest(String specList, List<Candle> candles) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (specList == null || specList.isBlank()) throw new IllegalArgumentException("indicators must not be blank");
    for (String raw : specList.split(",")) {
      String spec = raw.strip().toLowerCase(Locale.ROOT);
      if (spec.isEmpty()) continue;
      compute(spec, candles, out);
    }
    return out;
  }

  private static void compute(String spec, List<Candle> candles, Map<String, Double> out) {
    String[] p = spec.split(":");
    int n = candles.size();
    double[] close = new double[n];
    for (int i = 0; i < n; i++) close[i] = candles.get(i).close();
    switch (p[0]) {
      case "ema" -> out.put(spec, last(ema(close, period(p, 1, 12, spec))));
      case "sma" -> out.put(spec, last(sma(close, period(p, 1, 20, spec))));
      case "rsi" -> out.put(spec, rsi(close, period(p, 1, 14, spec)));
      case "atr" -> out.put(spec, atr(candles, period(p, 1, 14, spec)));
      case "macd" -> {
        int fast = period(p, 1, 12, spec);
        int slow = period(p, 2, 26, spec);
        int signal = period(p, 3, 9, spec);
        double[] f = ema(close, fast);
        double[] s = ema(close, slow);
        double[] line = new double[n];
        int start = -1;
        for (int i = 0; i < n; i++) {
          line[i] = f[i] - s[i];
          if (start < 0 && !Double.isNaN(line[i])) start = i;
        }
        double m = n == 0 ? Double.NaN : line[n - 1];
        double sig = start < 0 ? Double.NaN : last(ema(java.util.Arrays.copyOfRange(line, start, n), signal));
        out.put(spec + ".macd", m);
        out.put(spec + ".signal", sig);
        out.put(spec + ".hist", m - sig);
      }
      case "bb" -> {
        int period = period(p, 1, 20, spec);
        double k = p.length > 2 ? number(p[2], spec) : 2.0;
        double mid = Double.NaN, dev = Double.NaN;
        if (n >= period) {
          double sum = 0, sq = 0;
          for (int i = n - period; i < n; i++) {
            sum += close[i];
            sq += close[i] * close[i];
          }
          mid = sum / period;
          dev = Math.sqrt(Math.max(0, sq / period - mid * mid));
        }
        out.put(spec + ".upper", mid + k * dev);
        out.put(spec + ".middle", mid);
        out.put(spec + ".lower", mid - k * dev);
      }
      default -> throw new IllegalArgumentException("unknown indicator '" + spec + "' (known: ema, sma, rsi, macd, atr, bb)");
    }
  }

  private static int period(String[] p, int i, int dflt, String spec) {
    if (p.length <= i) return dflt;
    double v = number(p[i], spec);
    if (v < 1 || v != Math.floor(v) || v > 10_000) throw new IllegalArgumentException("indicator '" + spec + "': period must be a whole number in 1..10000 but was " + p[i]);
    return (int) v;
  }

  private static double number(String s, String spec) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("indicator '" + spec + "': '" + s + "' is not a number");
    }
  }

  private static double last(double[] v) {
    return v.length == 0 ? Double.NaN : v[v.length - 1];
  }

  private static double[] sma(double[] x, int p) {
    double[] out = new double[x.length];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i];
      if (i >= p) sum -= x[i - p];
      out[i] = i >= p - 1 ? sum / p : Double.NaN;
    }
    return out;
  }

  private static double[] ema(double[] x, int p) {
    double[] out = new double[x.length];
    double k = 2.0 / (p + 1), e = 0;
    for (int i = 0; i < x.length; i++) {
      if (i < p - 1) {
        e += x[i];
        out[i] = Double.NaN;
      } else if (i == p - 1) {
        e = (e + x[i]) / p;
        out[i] = e;
      } else {
        e = (x[i] - e) * k + e;
        out[i] = e;
      }
    }
    return out;
  }

  private static double rsi(double[] x, int p) {
    if (x.length <= p) return Double.NaN;
    double gain = 0, loss = 0;
    for (int i = 1; i <= p; i++) {
      double d = x[i] - x[i - 1];
      if (d > 0) gain += d;
      else loss -= d;
    }
    gain /= p;
    loss /= p;
    for (int i = p + 1; i < x.length; i++) {
      double d = x[i] - x[i - 1];
      gain = (gain * (p - 1) + Math.max(d, 0)) / p;
      loss = (loss * (p - 1) + Math.max(-d, 0)) / p;
    }
    return gain + loss == 0 ? 0 : 100 * gain / (gain + loss);
  }

  private static double atr(List<Candle> c, int p) {
    if (c.size() <= p) return Double.NaN;
    double a = 0;
    for (int i = 1; i <= p; i++) a += trueRange(c, i);
    a /= p;
    for (int i = p + 1; i < c.size(); i++) a = (a * (p - 1) + trueRange(c, i)) / p;
    return a;
  }

  private static double trueRange(List<Candle> c, int i) {
    Candle b = c.get(i);
    double prev = c.get(i - 1).close();
    return Math.max(b.high() - b.low(), Math.max(Math.abs(b.high() - prev), Math.abs(b.low() - prev)));
  }
}
