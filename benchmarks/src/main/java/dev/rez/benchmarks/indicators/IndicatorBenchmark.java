package dev.rez.benchmarks.indicators;

import dev.rez.core.Candle;
import dev.rez.indicators.Atr;
import dev.rez.indicators.BollingerBands;
import dev.rez.indicators.Ema;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.indicators.IndicatorSpec;
import dev.rez.indicators.Macd;
import dev.rez.indicators.Rsi;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;
import org.ta4j.core.num.NumFactory;

/**
 * Rez's indicators against ta4j 0.19 (with {@code DoubleNum} and {@code DecimalNum}) over the same
 * 100,000 one-minute candles; every figure is per bar.
 *
 * <p>Streaming cases start from empty indicators and, for each bar, add it and read every output at
 * the new bar, the way a live feed drives them (ta4j: {@code series.addBar(bar)} then {@code
 * getValue(endIndex)} on each indicator). Batch cases compute whole series: Rez through {@link
 * IndicatorSpec#compute(List)}, ta4j by reading every index of fresh indicators over a full series.
 * The default set is the agent's: RSI 14, EMA 12/26/50, MACD 12/26/9 (line, signal, histogram), ATR
 * 14, Bollinger 20/2 (upper, middle, lower).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IndicatorBenchmark {
  static final int BARS = 100_000;

  private static final NumFactory DOUBLE = DoubleNumFactory.getInstance();
  private static final NumFactory DECIMAL = DecimalNumFactory.getInstance();

  List<Candle> candles;
  Bar[] doubleBars;
  Bar[] decimalBars;
  BarSeries doubleSeries;
  BarSeries decimalSeries;
  IndicatorSpec[] defaultSet;

  /** Generates the candles and their ta4j twins once. */
  @Setup
  public void setUp() {
    candles = Bars.randomWalk(BARS);
    doubleBars = Bars.ta4jBars(candles, DOUBLE);
    decimalBars = Bars.ta4jBars(candles, DECIMAL);
    doubleSeries = Bars.fullSeries(doubleBars, DOUBLE);
    decimalSeries = Bars.fullSeries(decimalBars, DECIMAL);
    defaultSet =
        new IndicatorSpec[] {
          IndicatorRegistry.parse("rsi:14"), IndicatorRegistry.parse("ema:12"),
              IndicatorRegistry.parse("ema:26"),
          IndicatorRegistry.parse("ema:50"), IndicatorRegistry.parse("macd:12:26:9"),
              IndicatorRegistry.parse("atr:14"),
          IndicatorRegistry.parse("bb:20:2"),
        };
  }

  // ---------------------------------------------------------------- RSI 14

  @Benchmark
  @OperationsPerInvocation(BARS)
  public double rsi_rez() {
    Rsi rsi = new Rsi(14);
    double sum = 0;
    for (Candle c : candles) {
      rsi.update(c);
      sum += rsi.value();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void rsi_ta4jDouble(Blackhole bh) {
    rsiTa4j(doubleBars, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void rsi_ta4jDecimal(Blackhole bh) {
    rsiTa4j(decimalBars, DECIMAL, bh);
  }

  private static void rsiTa4j(Bar[] bars, NumFactory numbers, Blackhole bh) {
    BarSeries series = Bars.series(numbers);
    RSIIndicator rsi = new RSIIndicator(new ClosePriceIndicator(series), 14);
    for (Bar bar : bars) {
      series.addBar(bar);
      bh.consume(rsi.getValue(series.getEndIndex()));
    }
  }

  // ---------------------------------------------------------------- EMA 20

  @Benchmark
  @OperationsPerInvocation(BARS)
  public double ema_rez() {
    Ema ema = new Ema(20);
    double sum = 0;
    for (Candle c : candles) {
      ema.update(c);
      sum += ema.value();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void ema_ta4jDouble(Blackhole bh) {
    emaTa4j(doubleBars, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void ema_ta4jDecimal(Blackhole bh) {
    emaTa4j(decimalBars, DECIMAL, bh);
  }

  private static void emaTa4j(Bar[] bars, NumFactory numbers, Blackhole bh) {
    BarSeries series = Bars.series(numbers);
    EMAIndicator ema = new EMAIndicator(new ClosePriceIndicator(series), 20);
    for (Bar bar : bars) {
      series.addBar(bar);
      bh.consume(ema.getValue(series.getEndIndex()));
    }
  }

  // ---------------------------------------------------------------- MACD 12/26/9: line, signal,
  // histogram

  @Benchmark
  @OperationsPerInvocation(BARS)
  public double macd_rez() {
    Macd macd = new Macd(12, 26, 9);
    double sum = 0;
    for (Candle c : candles) {
      macd.update(c);
      sum += macd.macd() + macd.signal() + macd.hist();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void macd_ta4jDouble(Blackhole bh) {
    macdTa4j(doubleBars, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void macd_ta4jDecimal(Blackhole bh) {
    macdTa4j(decimalBars, DECIMAL, bh);
  }

  private static void macdTa4j(Bar[] bars, NumFactory numbers, Blackhole bh) {
    BarSeries series = Bars.series(numbers);
    MACDIndicator macd = new MACDIndicator(new ClosePriceIndicator(series), 12, 26);
    Indicator<Num> signal = macd.getSignalLine(9);
    Indicator<Num> hist = macd.getHistogram(9);
    for (Bar bar : bars) {
      series.addBar(bar);
      int i = series.getEndIndex();
      bh.consume(macd.getValue(i));
      bh.consume(signal.getValue(i));
      bh.consume(hist.getValue(i));
    }
  }

  // ---------------------------------------------------------------- ATR 14

  @Benchmark
  @OperationsPerInvocation(BARS)
  public double atr_rez() {
    Atr atr = new Atr(14);
    double sum = 0;
    for (Candle c : candles) {
      atr.update(c);
      sum += atr.value();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void atr_ta4jDouble(Blackhole bh) {
    atrTa4j(doubleBars, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void atr_ta4jDecimal(Blackhole bh) {
    atrTa4j(decimalBars, DECIMAL, bh);
  }

  private static void atrTa4j(Bar[] bars, NumFactory numbers, Blackhole bh) {
    BarSeries series = Bars.series(numbers);
    ATRIndicator atr = new ATRIndicator(series, 14);
    for (Bar bar : bars) {
      series.addBar(bar);
      bh.consume(atr.getValue(series.getEndIndex()));
    }
  }

  // ---------------------------------------------------------------- Bollinger 20/2: upper, middle,
  // lower

  @Benchmark
  @OperationsPerInvocation(BARS)
  public double bollinger_rez() {
    BollingerBands bb = new BollingerBands(20, 2);
    double sum = 0;
    for (Candle c : candles) {
      bb.update(c);
      sum += bb.upper() + bb.middle() + bb.lower();
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void bollinger_ta4jDouble(Blackhole bh) {
    bollingerTa4j(doubleBars, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void bollinger_ta4jDecimal(Blackhole bh) {
    bollingerTa4j(decimalBars, DECIMAL, bh);
  }

  private static void bollingerTa4j(Bar[] bars, NumFactory numbers, Blackhole bh) {
    BarSeries series = Bars.series(numbers);
    Ta4jBands bands = new Ta4jBands(new ClosePriceIndicator(series), numbers);
    for (Bar bar : bars) {
      series.addBar(bar);
      bands.consume(series.getEndIndex(), bh);
    }
  }

  /**
   * ta4j's Bollinger Bands as its documentation builds them: SMA middle, population standard
   * deviation.
   */
  private static final class Ta4jBands {
    final BollingerBandsMiddleIndicator middle;
    final BollingerBandsUpperIndicator upper;
    final BollingerBandsLowerIndicator lower;

    Ta4jBands(ClosePriceIndicator close, NumFactory numbers) {
      middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
      StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
      upper = new BollingerBandsUpperIndicator(middle, sd, numbers.two());
      lower = new BollingerBandsLowerIndicator(middle, sd, numbers.two());
    }

    void consume(int i, Blackhole bh) {
      bh.consume(upper.getValue(i));
      bh.consume(middle.getValue(i));
      bh.consume(lower.getValue(i));
    }
  }

  // ---------------------------------------------------------------- the agent's default set,
  // streaming

  @Benchmark
  @OperationsPerInvocation(BARS)
  public double defaultSetStreaming_rez() {
    Rsi rsi = new Rsi(14);
    Ema ema12 = new Ema(12);
    Ema ema26 = new Ema(26);
    Ema ema50 = new Ema(50);
    Macd macd = new Macd(12, 26, 9);
    Atr atr = new Atr(14);
    BollingerBands bb = new BollingerBands(20, 2);
    double sum = 0;
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
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void defaultSetStreaming_ta4jDouble(Blackhole bh) {
    defaultSetStreamingTa4j(doubleBars, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void defaultSetStreaming_ta4jDecimal(Blackhole bh) {
    defaultSetStreamingTa4j(decimalBars, DECIMAL, bh);
  }

  private static void defaultSetStreamingTa4j(Bar[] bars, NumFactory numbers, Blackhole bh) {
    BarSeries series = Bars.series(numbers);
    Ta4jDefaultSet set = new Ta4jDefaultSet(series, numbers);
    for (Bar bar : bars) {
      series.addBar(bar);
      set.consume(series.getEndIndex(), bh);
    }
  }

  /** The agent's default set, built from ta4j's indicators. */
  private static final class Ta4jDefaultSet {
    final RSIIndicator rsi;
    final EMAIndicator ema12;
    final EMAIndicator ema26;
    final EMAIndicator ema50;
    final MACDIndicator macd;
    final Indicator<Num> signal;
    final Indicator<Num> hist;
    final ATRIndicator atr;
    final Ta4jBands bands;

    Ta4jDefaultSet(BarSeries series, NumFactory numbers) {
      ClosePriceIndicator close = new ClosePriceIndicator(series);
      rsi = new RSIIndicator(close, 14);
      ema12 = new EMAIndicator(close, 12);
      ema26 = new EMAIndicator(close, 26);
      ema50 = new EMAIndicator(close, 50);
      macd = new MACDIndicator(close, 12, 26);
      signal = macd.getSignalLine(9);
      hist = macd.getHistogram(9);
      atr = new ATRIndicator(series, 14);
      bands = new Ta4jBands(close, numbers);
    }

    void consume(int i, Blackhole bh) {
      bh.consume(rsi.getValue(i));
      bh.consume(ema12.getValue(i));
      bh.consume(ema26.getValue(i));
      bh.consume(ema50.getValue(i));
      bh.consume(macd.getValue(i));
      bh.consume(signal.getValue(i));
      bh.consume(hist.getValue(i));
      bh.consume(atr.getValue(i));
      bands.consume(i, bh);
    }
  }

  // ---------------------------------------------------------------- the agent's default set, batch

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void defaultSetBatch_rez(Blackhole bh) {
    for (IndicatorSpec spec : defaultSet) bh.consume(spec.compute(candles));
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void defaultSetBatch_ta4jDouble(Blackhole bh) {
    defaultSetBatchTa4j(doubleSeries, DOUBLE, bh);
  }

  @Benchmark
  @OperationsPerInvocation(BARS)
  public void defaultSetBatch_ta4jDecimal(Blackhole bh) {
    defaultSetBatchTa4j(decimalSeries, DECIMAL, bh);
  }

  private static void defaultSetBatchTa4j(BarSeries series, NumFactory numbers, Blackhole bh) {
    Ta4jDefaultSet set = new Ta4jDefaultSet(series, numbers);
    for (int i = series.getBeginIndex(); i <= series.getEndIndex(); i++) set.consume(i, bh);
  }
}
