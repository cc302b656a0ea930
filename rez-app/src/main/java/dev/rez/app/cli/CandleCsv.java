package dev.rez.app.cli;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CLI's candle files: {@link dev.rez.hyperliquid.sim.CandleCsv} reads them (its format, its
 * interval inference), this class turns what it refuses into a {@link CliException} for a bad file
 * and holds the bundled demo data.
 */
final class CandleCsv {
  private CandleCsv() {}

  /** The bundled demo data: one-minute BTC/USD bars (see the README next to it). */
  static final String DEMO_RESOURCE = "/dev/rez/app/data/btc_usd_1m_2013.csv";

  /** Reads {@code file}; {@code interval} may be null to infer it. */
  static List<Candle> read(Path file, Interval interval) {
    if (!Files.isRegularFile(file))
      throw CliException.badFile("candle file " + file + " does not exist or is not a file");
    try {
      return dev.rez.hyperliquid.sim.CandleCsv.read(file, interval);
    } catch (IllegalArgumentException e) {
      throw CliException.badFile(
          file
              + (e.getMessage().startsWith("line ") ? " " : ": ")
              + e.getMessage()); // "f.csv line 3: …"
    } catch (IOException e) {
      throw new CliException(
          ExitCode.BAD_FILE, "cannot read candle file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The bars a replay ({@code backtest}, {@code arena}) reads from {@code file}, shown as {@code
   * shown}: more than {@code warmup}, which must be in 1..5000.
   *
   * @throws CliException usage for a bad warm-up, bad file for a missing, malformed or too short
   *     file
   */
  static List<Candle> replay(Path file, Path shown, int warmup) {
    if (warmup < 1 || warmup > 5000)
      throw CliException.usage("--warmup must be in 1..5000 but was " + warmup);
    List<Candle> candles = read(file, null);
    if (candles.size() <= warmup) {
      throw CliException.badFile(
          shown
              + " has "
              + candles.size()
              + " bars: more than the "
              + warmup
              + " of --warmup are needed");
    }
    refuseOffBoundary(candles, shown);
    return candles;
  }

  /**
   * Refuses bars that do not open on their interval's boundaries (multiples of the interval since
   * the epoch, where the loop's cycles fall): the loop would decide in the middle of a bar, on a
   * partial candle. A month is left alone (its bars are calendar months).
   */
  private static void refuseOffBoundary(List<Candle> candles, Path shown) {
    Interval iv = candles.getFirst().interval();
    if (iv == Interval.MONTH1) return;
    long step = iv.duration().toMillis();
    for (Candle c : candles) {
      long t = c.openTime().toEpochMilli();
      if (Math.floorMod(t, step) != 0)
        throw CliException.badFile(
            shown
                + ": the bar at "
                + c.openTime()
                + " does not open on a "
                + iv.wire()
                + " boundary (a multiple of "
                + iv.wire()
                + " since 1970-01-01T00:00Z, where the loop's cycles fall) but "
                + Math.floorMod(t, step)
                + " ms after one: the loop would decide in the middle of each bar; shift the"
                + " file's times onto the boundaries");
    }
  }

  /**
   * {@code candles} with every missing bar filled by a flat bar of volume 0 at the previous close:
   * the replay plays bars one interval apart, so a gap left open would be closed up and every later
   * bar's time shifted (a daily file without weekends, a minute without trades). A month is left
   * alone.
   */
  static List<Candle> withGapsFilled(List<Candle> candles) {
    Interval iv = candles.getFirst().interval();
    if (iv == Interval.MONTH1) return candles;
    long step = iv.duration().toMillis();
    List<Candle> out = new java.util.ArrayList<>(candles.size());
    for (Candle c : candles) {
      if (!out.isEmpty()) {
        Candle last = out.getLast();
        for (long t = last.openTime().toEpochMilli() + step;
            t < c.openTime().toEpochMilli();
            t += step) {
          double px = last.close();
          out.add(new Candle(java.time.Instant.ofEpochMilli(t), iv, px, px, px, px, 0));
        }
      }
      out.add(c);
    }
    return out;
  }

  static List<Candle> demo() {
    InputStream in = CandleCsv.class.getResourceAsStream(DEMO_RESOURCE);
    if (in == null)
      throw new IllegalStateException(
          "the demo data " + DEMO_RESOURCE + " is missing from the jar");
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return dev.rez.hyperliquid.sim.CandleCsv.parse(r, Interval.M1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo data: " + e.getMessage(), e);
    }
  }
}
