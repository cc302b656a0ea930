package dev.rez.benchmarks.indicators;

import dev.rez.core.Candle;
import dev.rez.indicators.Atr;
import dev.rez.indicators.BollingerBands;
import dev.rez.indicators.Ema;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.indicators.IndicatorSpec;
import dev.rez.indicators.Macd;
import dev.rez.indicators.Rsi;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * A companion to {@link IndicatorBenchmark} for shared, overloaded machines: the same Rez loops
 * over the same 100,000 candles, timed with the thread's CPU time (so time spent descheduled does
 * not count), reporting the best of many passes in ns per bar. It is no substitute for JMH; it
 * tells how much of a JMH figure is waiting for a core.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.indicators.CpuTimePerBar
 * }</pre>
 */
public final class CpuTimePerBar {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimePerBar() {}

  /**
   * Runs every case, printing one line each.
   *
   * @param args optional: the number of passes per case (default 60)
   */
  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    List<Candle> candles = Bars.randomWalk(IndicatorBenchmark.BARS);
    IndicatorSpec[] defaultSet = {
      IndicatorRegistry.parse("rsi:14"), IndicatorRegistry.parse("ema:12"),
          IndicatorRegistry.parse("ema:26"),
      IndicatorRegistry.parse("ema:50"), IndicatorRegistry.parse("macd:12:26:9"),
          IndicatorRegistry.parse("atr:14"),
      IndicatorRegistry.parse("bb:20:2"),
    };
    String[] cases = {
      "rsi", "ema", "macd", "atr", "bollinger", "defaultSetStreaming", "defaultSetBatch"
    };
    double sink = 0;
    for (String name : cases) {
      double best = Double.MAX_VALUE;
      for (int p = 0; p < passes; p++) {
        long start = THREADS.getCurrentThreadCpuTime();
        sink += run(name, candles, defaultSet);
        best =
            Math.min(best, (THREADS.getCurrentThreadCpuTime() - start) / (double) candles.size());
      }
      System.out.printf("%-20s %8.1f ns/bar (thread CPU time, best of %d)%n", name, best, passes);
    }
    if (sink == 42) System.out.println();
  }

  private static double run(String name, List<Candle> candles, IndicatorSpec[] defaultSet) {
    double sum = 0;
    switch (name) {
      case "rsi" -> {
        Rsi rsi = new Rsi(14);
        for (Candle c : candles) {
          rsi.update(c);
          sum += rsi.value();
        }
      }
      case "ema" -> {
        Ema ema = new Ema(20);
        for (Candle c : candles) {
          ema.update(c);
          sum += ema.value();
        }
      }
      case "macd" -> {
        Macd macd = new Macd(12, 26, 9);
        for (Candle c : candles) {
          macd.update(c);
          sum += macd.macd() + macd.signal() + macd.hist();
        }
      }
      case "atr" -> {
        Atr atr = new Atr(14);
        for (Candle c : candles) {
          atr.update(c);
          sum += atr.value();
        }
      }
      case "bollinger" -> {
        BollingerBands bb = new BollingerBands(20, 2);
        for (Candle c : candles) {
          bb.update(c);
          sum += bb.upper() + bb.middle() + bb.lower();
        }
      }
      case "defaultSetStreaming" -> {
        Rsi rsi = new Rsi(14);
        Ema ema12 = new Ema(12);
        Ema ema26 = new Ema(26);
        Ema ema50 = new Ema(50);
        Macd macd = new Macd(12, 26, 9);
        Atr atr = new Atr(14);
        BollingerBands bb = new BollingerBands(20, 2);
        for (Candle c : candles) {
          rsi.update(c);
          ema12.update(c);
          ema26.update(c);
          ema50.update(c);
          macd.update(c);
          atr.update(c);
          bb.update(c);
          sum +=
              rsi.value()
                  + ema12.value()
                  + ema26.value()
                  + ema50.value()
                  + macd.macd()
                  + macd.signal()
                  + macd.hist()
                  + atr.value()
                  + bb.upper()
                  + bb.middle()
                  + bb.lower();
        }
      }
      default -> {
        for (IndicatorSpec spec : defaultSet) sum += spec.compute(candles).size();
      }
    }
    return sum;
  }
}
