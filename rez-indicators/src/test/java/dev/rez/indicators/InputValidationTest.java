package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InputValidationTest {

  static List<String> specs() {
    return List.of(
        "sma:5",
        "ema:5",
        "wma:5",
        "rsi:5",
        "macd:3:6:2",
        "atr:5",
        "tr",
        "bb:5:2",
        "stddev:5",
        "stoch:5:3:3",
        "adx:5",
        "obv",
        "vwap",
        "roc:5");
  }

  /** A new indicator of {@code text} fed the first {@code n} of {@code candles}. */
  static Indicator fed(String text, List<Candle> candles, int n) {
    Indicator indicator = IndicatorRegistry.parse(text).create();
    for (int i = 0; i < n; i++) indicator.update(candles.get(i));
    return indicator;
  }

  /** Feeds {@code next} to both and checks that every output stays the same, value for value. */
  static void assertStillEqual(Indicator indicator, Indicator reference, List<Candle> next) {
    for (Candle c : next) {
      indicator.update(c);
      reference.update(c);
      for (int j = 0; j < indicator.outputs().size(); j++) {
        assertThat(Double.valueOf(indicator.value(j)))
            .isEqualTo(Double.valueOf(reference.value(j)));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void rejectsCandlesOutOfOrderAndStaysUnchanged(String text) {
    List<Candle> candles = TestData.randomCandles(1, 40, 100);
    Indicator indicator = fed(text, candles, 30);
    Indicator reference = fed(text, candles, 30);
    Candle earlier = candles.get(10);
    assertThatThrownBy(() -> indicator.update(earlier))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candle at index 30")
        .hasMessageContaining("openTime " + earlier.openTime())
        .hasMessageContaining(
            "not after the previous candle's openTime " + candles.get(29).openTime());
    Candle same = candles.get(29);
    assertThatThrownBy(() -> indicator.update(same)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> indicator.update((Candle) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("candle at index 30 == null");
    assertThat(indicator.count()).isEqualTo(30);
    assertStillEqual(indicator, reference, candles.subList(30, 40));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void rejectsACandleOfAnotherIntervalAndStaysUnchanged(String text) {
    List<Candle> candles = TestData.randomCandles(1, 40, 100);
    Indicator indicator = fed(text, candles, 30);
    Indicator reference = fed(text, candles, 30);
    Candle c = candles.get(30);
    Interval other = c.interval() == Interval.H1 ? Interval.M1 : Interval.H1;
    Candle hourly =
        new Candle(c.openTime(), other, c.open(), c.high(), c.low(), c.close(), c.volume());
    assertThatThrownBy(() -> indicator.update(hourly))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "candle at index 30 is a "
                + other.wire()
                + " candle, but the indicator has been fed "
                + c.interval().wire()
                + " candles");
    assertStillEqual(indicator, reference, candles.subList(30, 40));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void batchNamesTheBadCandle(String text) {
    List<Candle> candles = new ArrayList<>(TestData.randomCandles(2, 20, 100));
    candles.set(12, candles.get(3));
    assertThatThrownBy(() -> IndicatorRegistry.parse(text).compute(candles))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candle at index 12: openTime " + candles.get(3).openTime());
  }

  @Test
  void rejectsNonFiniteValues() {
    for (ValueIndicator indicator :
        List.<ValueIndicator>of(
            new Sma(3),
            new Ema(3),
            new Wma(3),
            new Rsi(3),
            new Macd(2, 3, 2),
            new BollingerBands(3, 2),
            new StdDev(3),
            new Roc(3))) {
      indicator.update(1);
      indicator.update(2);
      for (double bad :
          new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertThatThrownBy(() -> indicator.update(bad))
            .as(indicator.getClass().getSimpleName())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("value at index 2 must be finite but was " + bad);
      }
      assertThat(indicator.count()).isEqualTo(2);
      indicator.update(3);
      indicator.update(4);
      assertThat(indicator.isReady()).isTrue();
      for (int j = 0; j < indicator.outputs().size(); j++)
        assertThat(indicator.value(j)).isFinite();
    }
  }

  @Test
  void badCandlesAreRejectedByTheCandleItself() {
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    assertThatThrownBy(() -> new Candle(t, Interval.M1, 10, 9, 11, 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(t.toString())
        .hasMessageContaining("high 9.0 < low 11.0");
    assertThatThrownBy(() -> new Candle(t, Interval.M1, 10, 11, 9, 10, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("volume");
    assertThatThrownBy(() -> new Candle(t, Interval.M1, 10, 11, 9, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("close");
  }

  @Test
  void validatesConstructorParameters() {
    assertThatThrownBy(() -> new Sma(0)).hasMessage("sma period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new Ema(0)).hasMessage("ema period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new Wma(-1))
        .hasMessage("wma period must be in [1, 100000] but was -1");
    assertThatThrownBy(() -> new Rsi(0)).hasMessage("rsi period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new Atr(0)).hasMessage("atr period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new Adx(0)).hasMessage("adx period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new Roc(0)).hasMessage("roc period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new StdDev(200_000))
        .hasMessage("stddev period must be in [1, 100000] but was 200000");
    assertThatThrownBy(() -> new Macd(12, 12, 9))
        .hasMessage("macd fast period (12) must be < slow period (12)");
    assertThatThrownBy(() -> new BollingerBands(20, Double.POSITIVE_INFINITY))
        .hasMessageContaining("bb deviations");
    assertThatThrownBy(() -> new Stochastic(14, 3, 0))
        .hasMessage("stoch slowD period must be in [1, 100000] but was 0");
    assertThatThrownBy(() -> new Vwap(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Vwap(Interval.D3))
        .hasMessageContaining("vwap session must divide a day");
  }

  @Test
  void periodOneIsTheIdentityWhereItShouldBe() {
    List<Candle> candles = TestData.randomCandles(4, 50, 100);
    Sma sma = new Sma(1);
    Ema ema = new Ema(1);
    Atr atr = new Atr(1);
    TrueRange tr = new TrueRange();
    for (Candle c : candles) {
      sma.update(c);
      ema.update(c);
      atr.update(c);
      tr.update(c);
      assertThat(sma.value()).isEqualTo(c.close());
      assertThat(ema.value()).isEqualTo(c.close());
      assertThat(atr.isReady()).isEqualTo(tr.isReady());
      if (atr.isReady()) assertThat(atr.value()).isEqualTo(tr.value());
    }
  }
}
