package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads candle files for replay: CSV with the header {@code time,open,high,low,close,volume}, {@code time} the
 * open time in epoch milliseconds, oldest first.
 *
 * <pre>{@code
 * List<Candle> btc = CandleCsv.read(Path.of("btc_usd_1m.csv"));
 * }</pre>
 */
public final class CandleCsv {
  private CandleCsv() {}

  /**
   * Reads a file, inferring the interval from the smallest gap between consecutive open times.
   *
   * @throws IllegalArgumentException naming the line of a malformed row or an interval Rez does not know
   * @throws IOException when the file cannot be read
   */
  public static List<Candle> read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, null);
    }
  }

  /**
   * Parses CSV text; {@code interval} may be null to infer it.
   *
   * @throws IllegalArgumentException naming the line of a malformed row
   * @throws IOException when the reader fails
   */
  public static List<Candle> parse(Reader reader, Interval interval) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<long[]> times = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || lineNo == 1 && t.startsWith("time")) continue;
      String[] f = t.split(",");
      if (f.length < 6) throw new IllegalArgumentException("line " + lineNo + ": expected time,open,high,low,close,volume but was '" + t + "'");
      try {
        times.add(new long[] {Long.parseLong(f[0].strip())});
        rows.add(new double[] {d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5])});
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + lineNo + ": not a number in '" + t + "'", e);
      }
    }
    if (rows.isEmpty()) throw new IllegalArgumentException("no candles in the CSV");
    Interval iv = interval != null ? interval : infer(times);
    List<Candle> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      out.add(new Candle(Instant.ofEpochMilli(times.get(i)[0]), iv, r[0], r[1], r[2], r[3], r[4]));
    }
    return out;
  }

  private static double d(String s) {
    return Double.parseDouble(s.strip());
  }

  private static Interval infer(List<long[]> times) {
    long min = Long.MAX_VALUE;
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i)[0] - times.get(i - 1)[0];
      if (gap > 0) min = Math.min(min, gap);
    }
    if (min == Long.MAX_VALUE) throw new IllegalArgumentException("cannot infer the interval from fewer than two distinct times");
    for (Interval i : Interval.values()) if (i.duration().equals(Duration.ofMillis(min))) return i;
    throw new IllegalArgumentException("the smallest gap between candles, " + Duration.ofMillis(min) + ", is not a known interval");
  }
}
