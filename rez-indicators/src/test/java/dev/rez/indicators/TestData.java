package dev.rez.indicators;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Loads the bar and reference files under {@code /data}, and makes random series. */
final class TestData {
  private TestData() {}

  static List<String> lines(String resource) {
    InputStream in = TestData.class.getResourceAsStream("/data/" + resource);
    if (in == null) throw new IllegalStateException("missing test resource /data/" + resource);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Candle> candles(String resource, Interval interval) {
    List<String> lines = lines(resource);
    List<Candle> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      out.add(
          new Candle(
              Instant.ofEpochMilli(Long.parseLong(f[0])),
              interval,
              Double.parseDouble(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4]),
              Double.parseDouble(f[5])));
    }
    return out;
  }

  /** Column name → values, NaN for empty cells. */
  static Map<String, double[]> reference(String resource) {
    List<String> lines = lines(resource);
    String[] header = lines.get(0).split(",");
    int n = lines.size() - 1;
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (String h : header) cols.put(h, new double[n]);
    for (int i = 0; i < n; i++) {
      String[] f = Arrays.copyOf(lines.get(i + 1).split(",", -1), header.length);
      for (int j = 0; j < header.length; j++) {
        cols.get(header[j])[i] =
            f[j] == null || f[j].isEmpty() ? Double.NaN : Double.parseDouble(f[j]);
      }
    }
    return cols;
  }

  /**
   * A random walk of {@code n} one-minute candles with gaps, flat stretches and zero-volume bars.
   */
  static List<Candle> randomCandles(long seed, int n, double start) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Candle> out = new ArrayList<>(n);
    double close = start;
    long t = 1_700_000_000_000L;
    for (int i = 0; i < n; i++) {
      t += 60_000L * (r.nextInt(20) == 0 ? 1 + r.nextInt(5) : 1);
      double open = close;
      boolean flat = r.nextInt(15) == 0;
      double next = flat ? open : open * Math.exp(r.nextGaussian() * 0.004);
      double high = Math.max(open, next) * (flat ? 1 : 1 + r.nextDouble() * 0.002);
      double low = Math.min(open, next) * (flat ? 1 : 1 - r.nextDouble() * 0.002);
      double volume = flat ? 0 : r.nextDouble() * 100;
      out.add(new Candle(Instant.ofEpochMilli(t), Interval.M1, open, high, low, next, volume));
      close = next;
    }
    return out;
  }
}
