package dev.rez.app.api;

import dev.rez.core.Candle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicator overlays of {@code /api/candles}: {@code ema:N}, {@code sma:N}, {@code rsi:N}, {@code atr:N},
 * {@code bb:N:K} (upper, middle, lower) and {@code macd:FAST:SLOW:SIGNAL} (macd, signal, histogram), each a
 * series aligned to the candles with NaN (written as {@code null}) during warm-up. Standard definitions: EMA
 * seeded with the SMA of its first period, Wilder smoothing for RSI and ATR, population deviation for the bands.
 */
final class ChartIndicators {
  static final int MAX_SPECS = 12;

  private ChartIndicators() {}

  record Spec(String text, String name, int[] periods, double k) {}

  static List<Spec> parse(String param) {
    List<Spec> out = new ArrayList<>();
    if (param == null || param.isBlank()) return out;
    for (String raw : param.split(",", -1)) {
      String text = raw.strip();
      String[] parts = text.split(":", -1);
      String name = parts[0];
      int expected = switch (name) {
        case "ema", "sma", "rsi", "atr" -> 1;
        case "bb" -> 2;
        case "macd" -> 3;
        default -> throw ApiException.badParameter("indicators: unknown indicator '" + Params.shown(text) + "' (expected ema:N, sma:N, rsi:N, atr:N, bb:N:K or macd:F:S:SIGNAL)");
      };
      if (parts.length != expected + 1) throw ApiException.badParameter("indicators: '" + Params.shown(text) + "' needs " + expected + " parameter(s)");
      int periods = name.equals("bb") ? 1 : expected;
      int[] p = new int[periods];
      for (int i = 0; i < periods; i++) p[i] = period(text, parts[i + 1]);
      double k = 0;
      if (name.equals("bb")) {
        try {
          k = Double.parseDouble(parts[2]);
        } catch (NumberFormatException e) {
          k = Double.NaN;
        }
        if (!(k > 0 && k <= 10)) throw ApiException.badParameter("indicators: '" + Params.shown(text) + "' needs a deviation multiplier in (0, 10]");
      }
      if (name.equals("macd") && p[0] >= p[1]) throw ApiException.badParameter("indicators: '" + Params.shown(text) + "' needs FAST < SLOW");
      out.add(new Spec(text, name, p, k));
    }
    if (out.size() > MAX_SPECS) throw ApiException.badParameter("indicators lists at most " + MAX_SPECS + " indicators but listed " + out.size());
    return out;
  }

  private static int period(String text, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 1000) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badParameter("indicators: '" + Params.shown(text) + "' needs periods in 1..1000");
  }

  /** The series of one spec, by their names in the response. */
  static Map<String, double[]> compute(Spec s, List<Candle> candles) {
    int n = candles.size();
    double[] close = new double[n];
    for (int i = 0; i < n; i++) close[i] = candles.get(i).close();
    Map<String, double[]> out = new LinkedHashMap<>();
    switch (s.name()) {
      case "sma" -> out.put(s.text(), sma(close, s.periods()[0]));
      case "ema" -> out.put(s.text(), ema(close, s.periods()[0]));
      case "rsi" -> out.put(s.text(), rsi(close, s.periods()[0]));
      case "atr" -> out.put(s.text(), atr(candles, s.periods()[0]));
      case "bb" -> {
        int p = s.periods()[0];
        double[] mid = sma(close, p);
        double[] up = nan(n);
        double[] lo = nan(n);
        for (int i = p - 1; i < n; i++) {
          double var = 0;
          for (int j = i - p + 1; j <= i; j++) var += (close[j] - mid[i]) * (close[j] - mid[i]);
          double sd = Math.sqrt(var / p);
          up[i] = mid[i] + s.k() * sd;
          lo[i] = mid[i] - s.k() * sd;
        }
        out.put(s.text() + ".upper", up);
        out.put(s.text() + ".middle", mid);
        out.put(s.text() + ".lower", lo);
      }
      case "macd" -> {
        double[] fast = ema(close, s.periods()[0]);
        double[] slow = ema(close, s.periods()[1]);
        double[] macd = nan(n);
        for (int i = 0; i < n; i++) macd[i] = fast[i] - slow[i];
        int start = s.periods()[1] - 1;
        double[] signal = nan(n);
        if (start < n) {
          double[] tail = ema(java.util.Arrays.copyOfRange(macd, start, n), s.periods()[2]);
          System.arraycopy(tail, 0, signal, start, tail.length);
        }
        double[] hist = nan(n);
        for (int i = 0; i < n; i++) hist[i] = macd[i] - signal[i];
        out.put(s.text() + ".macd", macd);
        out.put(s.text() + ".signal", signal);
        out.put(s.text() + ".histogram", hist);
      }
      default -> throw new IllegalStateException(s.name());
    }
    return out;
  }

  private static double[] nan(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  static double[] sma(double[] x, int p) {
    double[] out = nan(x.length);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i];
      if (i >= p) sum -= x[i - p];
      if (i >= p - 1) out[i] = sum / p;
    }
    return out;
  }

  static double[] ema(double[] x, int p) {
    double[] out = nan(x.length);
    if (x.length < p) return out;
    double sum = 0;
    for (int i = 0; i < p; i++) sum += x[i];
    double v = sum / p;
    out[p - 1] = v;
    double k = 2.0 / (p + 1);
    for (int i = p; i < x.length; i++) {
      v += k * (x[i] - v);
      out[i] = v;
    }
    return out;
  }

  static double[] rsi(double[] x, int p) {
    double[] out = nan(x.length);
    if (x.length <= p) return out;
    double gain = 0;
    double loss = 0;
    for (int i = 1; i <= p; i++) {
      double d = x[i] - x[i - 1];
      if (d > 0) gain += d;
      else loss -= d;
    }
    gain /= p;
    loss /= p;
    out[p] = rsiOf(gain, loss);
    for (int i = p + 1; i < x.length; i++) {
      double d = x[i] - x[i - 1];
      gain = (gain * (p - 1) + Math.max(d, 0)) / p;
      loss = (loss * (p - 1) + Math.max(-d, 0)) / p;
      out[i] = rsiOf(gain, loss);
    }
    return out;
  }

  private static double rsiOf(double gain, double loss) {
    if (gain + loss == 0) return 50;
    return 100 * gain / (gain + loss);
  }

  static double[] atr(List<Candle> c, int p) {
    int n = c.size();
    double[] out = nan(n);
    if (n <= p) return out;
    double sum = 0;
    for (int i = 1; i <= p; i++) sum += trueRange(c, i);
    double v = sum / p;
    out[p] = v;
    for (int i = p + 1; i < n; i++) {
      v = (v * (p - 1) + trueRange(c, i)) / p;
      out[i] = v;
    }
    return out;
  }

  private static double trueRange(List<Candle> c, int i) {
    Candle k = c.get(i);
    double prev = c.get(i - 1).close();
    return Math.max(k.high() - k.low(), Math.max(Math.abs(k.high() - prev), Math.abs(k.low() - prev)));
  }
}
