package dev.rez.app.cli;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads candle files: CSV with the header {@code time,open,high,low,close,volume}, {@code time} the bar's open
 * time in epoch milliseconds (UTC), bars oldest first and evenly spaced. The interval is the spacing of the
 * first two bars unless given.
 */
final class CandleCsv {
  private CandleCsv() {}

  /** The bundled demo data: one-minute BTC/USD bars (see the README next to it). */
  static final String DEMO_RESOURCE = "/dev/rez/app/data/btc_usd_1m_2013.csv";

  static List<Candle> read(Path file, Interval interval) {
    if (!Files.isRegularFile(file)) throw CliException.badFile("candle file " + file + " does not exist or is not a file");
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(r, file.toString(), interval);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot read candle file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The bars a replay ({@code backtest}, {@code arena}) reads from {@code file}, shown as {@code shown}: more than
   * {@code warmup}, which must be in 1..5000.
   *
   * @throws CliException usage for a bad warm-up, bad file for a missing, malformed or too short file
   */
  static List<Candle> replay(Path file, Path shown, int warmup) {
    if (warmup < 1 || warmup > 5000) throw CliException.usage("--warmup must be in 1..5000 but was " + warmup);
    List<Candle> candles = read(file, null);
    if (candles.size() <= warmup) {
      throw CliException.badFile(shown + " has " + candles.size() + " bars: more than the " + warmup + " of --warmup are needed");
    }
    return candles;
  }

  static List<Candle> demo() {
    InputStream in = CandleCsv.class.getResourceAsStream(DEMO_RESOURCE);
    if (in == null) throw new IllegalStateException("the demo data " + DEMO_RESOURCE + " is missing from the jar");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(r, "demo data", Interval.M1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo data: " + e.getMessage(), e);
    }
  }

  static List<Candle> parse(BufferedReader r, String source, Interval interval) throws IOException {
    String header = r.readLine();
    if (header == null) throw CliException.badFile(source + " is empty");
    String h = header.strip().replace(" ", "");
    if (h.startsWith("\uFEFF")) h = h.substring(1);
    if (!h.equalsIgnoreCase("time,open,high,low,close,volume")) {
      throw CliException.badFile(source + " line 1: expected the header time,open,high,low,close,volume but found '" + header + "'");
    }
    List<long[]> times = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    String line;
    int n = 1;
    while ((line = r.readLine()) != null) {
      n++;
      if (line.isBlank()) continue;
      String[] parts = line.split(",", -1);
      if (parts.length != 6) throw CliException.badFile(source + " line " + n + ": expected 6 columns but found " + parts.length);
      long t;
      double[] v = new double[5];
      try {
        t = Long.parseLong(parts[0].strip());
        for (int i = 0; i < 5; i++) v[i] = Double.parseDouble(parts[i + 1].strip());
      } catch (NumberFormatException e) {
        throw CliException.badFile(source + " line " + n + ": not a number (" + e.getMessage() + ")");
      }
      if (!times.isEmpty() && t <= times.get(times.size() - 1)[0]) {
        throw CliException.badFile(source + " line " + n + ": time " + t + " is not after the previous bar's");
      }
      times.add(new long[] {t, n});
      values.add(v);
    }
    if (times.isEmpty()) throw CliException.badFile(source + " has a header but no bars");
    Interval iv = interval;
    if (iv == null) {
      if (times.size() < 2) throw CliException.badFile(source + " has one bar: the interval cannot be inferred (pass --interval)");
      Duration step = Duration.ofMillis(times.get(1)[0] - times.get(0)[0]);
      for (Interval i : Interval.values()) if (i.duration().equals(step)) iv = i;
      if (iv == null) throw CliException.badFile(source + ": bars are " + step + " apart, which is no known interval");
    }
    List<Candle> out = new ArrayList<>(times.size());
    for (int i = 0; i < times.size(); i++) {
      double[] v = values.get(i);
      try {
        out.add(new Candle(Instant.ofEpochMilli(times.get(i)[0]), iv, v[0], v[1], v[2], v[3], v[4]));
      } catch (IllegalArgumentException e) {
        throw CliException.badFile(source + " line " + times.get(i)[1] + ": " + e.getMessage());
      }
    }
    return out;
  }
}
