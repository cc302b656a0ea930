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
 * Reads candle files for replay: CSV with the header {@code time,open,high,low,close,volume}
 * (optional; a leading byte-order mark and spaces are ignored), {@code time} the bar's open time in
 * epoch milliseconds (UTC), one bar a line with exactly six columns, times strictly increasing.
 * Blank lines are skipped. The interval, unless given, is the smallest gap between consecutive
 * bars, so a file with missing bars still reads at its true interval.
 *
 * <pre>{@code
 * List<Candle> btc = CandleCsv.read(Path.of("btc_usd_1m.csv"));
 * }</pre>
 */
public final class CandleCsv {
  /** The header line, column by column. */
  public static final String HEADER = "time,open,high,low,close,volume";

  private CandleCsv() {}

  /**
   * Reads a file, inferring the interval.
   *
   * @throws IllegalArgumentException naming the line of a malformed row, or an interval Rez does
   *     not know
   * @throws IOException when the file cannot be read
   */
  public static List<Candle> read(Path file) throws IOException {
    return read(file, null);
  }

  /**
   * Reads a file; {@code interval} may be null to infer it.
   *
   * @throws IllegalArgumentException naming the line of a malformed row, or an interval Rez does
   *     not know
   * @throws IOException when the file cannot be read
   */
  public static List<Candle> read(Path file, Interval interval) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, interval);
    }
  }

  /**
   * Parses CSV text; {@code interval} may be null to infer it.
   *
   * @throws IllegalArgumentException naming the line of a malformed row (wrong header, column
   *     count, number, a time not after the previous bar's, a bar the {@link Candle} checks
   *     refuse), an empty text, or an interval that cannot be inferred
   * @throws IOException when the reader fails
   */
  public static List<Candle> parse(Reader reader, Interval interval) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    List<Long> times = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    String line;
    int lineNo = 0;
    boolean first = true;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (lineNo == 1 && t.startsWith("\uFEFF")) t = t.substring(1).strip();
      if (t.isEmpty()) continue;
      if (first) {
        first = false;
        if (!Character.isDigit(t.charAt(0)) && t.charAt(0) != '-') {
          if (!t.replace(" ", "").equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException(
                "line " + lineNo + ": expected the header " + HEADER + " but found '" + t + "'");
          }
          continue;
        }
      }
      String[] f = t.split(",", -1);
      if (f.length != 6)
        throw new IllegalArgumentException(
            "line " + lineNo + ": expected 6 columns (" + HEADER + ") but found " + f.length);
      long time;
      double[] row = new double[5];
      try {
        time = Long.parseLong(f[0].strip());
        for (int i = 0; i < 5; i++) row[i] = Double.parseDouble(f[i + 1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("line " + lineNo + ": not a number in '" + t + "'", e);
      }
      if (!times.isEmpty() && time <= times.getLast()) {
        throw new IllegalArgumentException(
            "line " + lineNo + ": time " + time + " is not after the previous bar's");
      }
      times.add(time);
      lines.add(lineNo);
      rows.add(row);
    }
    if (rows.isEmpty())
      throw new IllegalArgumentException(
          first ? "the CSV is empty" : "the CSV has a header but no bars");
    Interval iv = interval != null ? interval : infer(times);
    List<Candle> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      double[] r = rows.get(i);
      try {
        out.add(new Candle(Instant.ofEpochMilli(times.get(i)), iv, r[0], r[1], r[2], r[3], r[4]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + lines.get(i) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The smallest gap between consecutive times (they strictly increase) as an interval. */
  private static Interval infer(List<Long> times) {
    if (times.size() < 2)
      throw new IllegalArgumentException("one bar: the interval cannot be inferred");
    long min = Long.MAX_VALUE;
    for (int i = 1; i < times.size(); i++) min = Math.min(min, times.get(i) - times.get(i - 1));
    for (Interval i : Interval.values()) if (i.duration().equals(Duration.ofMillis(min))) return i;
    throw new IllegalArgumentException(
        "the smallest gap between bars, " + Duration.ofMillis(min) + ", is no known interval");
  }
}
