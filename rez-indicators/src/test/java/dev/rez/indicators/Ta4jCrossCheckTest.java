package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.averages.WMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.TRIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Cross-checks against ta4j 0.19 (DoubleNum). Where the definitions agree the values must match to
 * 1e-9; where ta4j seeds its smoothing differently (first value instead of TA-Lib's average) they
 * must agree within 1e-6 once Rez's {@link dev.rez.indicators.Indicator#warmUp()} has passed —
 * which also checks the warm-up counts.
 */
class Ta4jCrossCheckTest {

  /** How a ta4j indicator relates to one Rez output. */
  enum Agreement {
    EXACT,
    AFTER_WARM_UP,
    /**
     * Standard deviation and bands: Rez computes σ as TA-Lib does, from {@code mean(x²) - mean²}
     * over running sums, whose cancellation noise is a few ulps of {@code mean²} (ta4j sums squared
     * deviations). Since {@code |a - b| <= sqrt(|a² - b²|)}, σ may then differ by {@code sqrt(1024
     * ulp(1)) · price} per deviation ({@code scale}).
     */
    VARIANCE_NOISE
  }

  record Case(
      String spec,
      String output,
      Function<BarSeries, Indicator<Num>> ta4j,
      Agreement agreement,
      double scale) {
    @Override
    public String toString() {
      return spec + " " + output + " " + agreement;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "sma:20",
            "sma",
            s -> new SMAIndicator(new ClosePriceIndicator(s), 20),
            Agreement.EXACT,
            0),
        new Case(
            "wma:20",
            "wma",
            s -> new WMAIndicator(new ClosePriceIndicator(s), 20),
            Agreement.EXACT,
            0),
        new Case(
            "stddev:20",
            "stddev",
            s -> new StandardDeviationIndicator(new ClosePriceIndicator(s), 20),
            Agreement.VARIANCE_NOISE,
            1),
        new Case(
            "roc:10",
            "roc",
            s -> new ROCIndicator(new ClosePriceIndicator(s), 10),
            Agreement.EXACT,
            0),
        new Case("tr", "tr", TRIndicator::new, Agreement.EXACT, 0),
        new Case("bb:20:2", "middle", s -> bbMiddle(s), Agreement.EXACT, 0),
        new Case(
            "bb:20:2",
            "upper",
            s -> new BollingerBandsUpperIndicator(bbMiddle(s), sd(s), s.numFactory().two()),
            Agreement.VARIANCE_NOISE,
            2),
        new Case(
            "bb:20:2",
            "lower",
            s -> new BollingerBandsLowerIndicator(bbMiddle(s), sd(s), s.numFactory().two()),
            Agreement.VARIANCE_NOISE,
            2),
        new Case(
            "stoch:14:1:1",
            "k",
            s -> new StochasticOscillatorKIndicator(s, 14),
            Agreement.EXACT,
            0),
        new Case(
            "ema:12",
            "ema",
            s -> new EMAIndicator(new ClosePriceIndicator(s), 12),
            Agreement.AFTER_WARM_UP,
            0),
        new Case(
            "ema:50",
            "ema",
            s -> new EMAIndicator(new ClosePriceIndicator(s), 50),
            Agreement.AFTER_WARM_UP,
            0),
        new Case(
            "rsi:14",
            "rsi",
            s -> new RSIIndicator(new ClosePriceIndicator(s), 14),
            Agreement.AFTER_WARM_UP,
            100),
        new Case("atr:14", "atr", s -> new ATRIndicator(s, 14), Agreement.AFTER_WARM_UP, 0),
        new Case(
            "macd:12:26:9",
            "macd",
            s -> new MACDIndicator(new ClosePriceIndicator(s), 12, 26),
            Agreement.AFTER_WARM_UP,
            -1),
        new Case(
            "macd:12:26:9",
            "signal",
            s -> new MACDIndicator(new ClosePriceIndicator(s), 12, 26).getSignalLine(9),
            Agreement.AFTER_WARM_UP,
            -1),
        new Case("adx:14", "plusDi", s -> new PlusDIIndicator(s, 14), Agreement.AFTER_WARM_UP, 100),
        new Case(
            "adx:14", "minusDi", s -> new MinusDIIndicator(s, 14), Agreement.AFTER_WARM_UP, 100),
        new Case("adx:14", "adx", s -> new ADXIndicator(s, 14), Agreement.AFTER_WARM_UP, 100));
  }

  private static BollingerBandsMiddleIndicator bbMiddle(BarSeries s) {
    return new BollingerBandsMiddleIndicator(new SMAIndicator(new ClosePriceIndicator(s), 20));
  }

  private static StandardDeviationIndicator sd(BarSeries s) {
    return new StandardDeviationIndicator(new ClosePriceIndicator(s), 20);
  }

  static BarSeries series(List<Candle> candles) {
    BarSeries series =
        new BaseBarSeriesBuilder().withNumFactory(DoubleNumFactory.getInstance()).build();
    for (Candle c : candles) {
      series
          .barBuilder()
          .timePeriod(c.interval().duration())
          .endTime(c.closeTime())
          .openPrice(c.open())
          .highPrice(c.high())
          .lowPrice(c.low())
          .closePrice(c.close())
          .volume(c.volume())
          .add();
    }
    return series;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithTa4j(Case c) {
    check(c, TestData.candles("btc_usd_1m_2013.csv", Interval.M1));
    check(c, TestData.randomCandles(7, 3000, 50));
  }

  private static void check(Case c, List<Candle> candles) {
    IndicatorSpec spec = IndicatorRegistry.parse(c.spec());
    double[] rez = spec.compute(candles).get(c.output());
    Indicator<Num> ta4j = c.ta4j().apply(series(candles));
    int from = c.agreement() == Agreement.AFTER_WARM_UP ? spec.warmUp() - 1 : firstDefined(rez);
    int compared = 0;
    for (int i = from; i < candles.size(); i++) {
      double theirs = ta4j.getValue(i).doubleValue();
      if (Double.isNaN(theirs))
        continue; // ta4j's NaN where a range is 0; Rez's definition is checked elsewhere
      double ours = rez[i];
      double scale =
          c.scale() > 0
              ? c.scale()
              : c.scale() < 0 ? candles.get(i).close() : Math.max(Math.abs(theirs), 1);
      double tolerance =
          switch (c.agreement()) {
            case EXACT -> 1e-9 * Math.max(Math.abs(theirs), 1);
            case AFTER_WARM_UP -> 1e-6 * scale;
            case VARIANCE_NOISE ->
                1e-9 * Math.max(Math.abs(theirs), 1)
                    + c.scale()
                        * Math.sqrt(1024 * Math.ulp(1.0))
                        * Math.abs(candles.get(i).close());
          };
      assertThat(Math.abs(ours - theirs))
          .as("%s %s at %d: rez %s, ta4j %s", c.spec(), c.output(), i, ours, theirs)
          .isLessThanOrEqualTo(tolerance);
      compared++;
    }
    assertThat(compared).isGreaterThan(candles.size() / 2);
  }

  private static int firstDefined(double[] values) {
    int i = 0;
    while (Double.isNaN(values[i])) i++;
    return i;
  }

  @org.junit.jupiter.api.Test
  void obvDiffersFromTa4jOnlyByTheFirstVolume() {
    List<Candle> candles = TestData.randomCandles(11, 2000, 80);
    double[] rez = IndicatorRegistry.parse("obv").compute(candles).get("obv");
    Indicator<Num> ta4j = new OnBalanceVolumeIndicator(series(candles));
    for (int i = 0; i < candles.size(); i++) {
      assertThat(rez[i] - ta4j.getValue(i).doubleValue())
          .as("obv at %d", i)
          .isCloseTo(candles.get(0).volume(), org.assertj.core.data.Offset.offset(1e-7));
    }
  }
}
