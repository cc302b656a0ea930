package dev.rez.benchmarks.indicators;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.NumFactory;

/**
 * The benchmark data: one deterministic random walk of one-minute candles, and the same bars for
 * ta4j.
 */
final class Bars {
  private Bars() {}

  /** {@code n} one-minute candles of a geometric random walk starting at 30,000 (fixed seed). */
  static List<Candle> randomWalk(int n) {
    SplittableRandom r = new SplittableRandom(20131125);
    List<Candle> out = new ArrayList<>(n);
    double close = 30_000;
    long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < n; i++) {
      double open = close;
      close = open * Math.exp(r.nextGaussian() * 0.001);
      double high = Math.max(open, close) * (1 + r.nextDouble() * 0.0005);
      double low = Math.min(open, close) * (1 - r.nextDouble() * 0.0005);
      out.add(
          new Candle(
              Instant.ofEpochMilli(t + 60_000L * i),
              Interval.M1,
              open,
              high,
              low,
              close,
              r.nextDouble() * 10));
    }
    return out;
  }

  /**
   * The candles as ta4j bars with the given number type, built once so benchmarks measure only
   * ta4j's indicators.
   */
  static Bar[] ta4jBars(List<Candle> candles, NumFactory numbers) {
    BarSeries builder = series(numbers);
    Bar[] bars = new Bar[candles.size()];
    for (int i = 0; i < bars.length; i++) {
      Candle c = candles.get(i);
      bars[i] =
          builder
              .barBuilder()
              .timePeriod(c.interval().duration())
              .endTime(c.closeTime())
              .openPrice(c.open())
              .highPrice(c.high())
              .lowPrice(c.low())
              .closePrice(c.close())
              .volume(c.volume())
              .build();
    }
    return bars;
  }

  /** An empty ta4j series with the given number type. */
  static BarSeries series(NumFactory numbers) {
    return new BaseBarSeriesBuilder().withNumFactory(numbers).build();
  }

  /** A ta4j series holding all {@code bars}. */
  static BarSeries fullSeries(Bar[] bars, NumFactory numbers) {
    BarSeries series = series(numbers);
    for (Bar bar : bars) series.addBar(bar);
    return series;
  }
}
