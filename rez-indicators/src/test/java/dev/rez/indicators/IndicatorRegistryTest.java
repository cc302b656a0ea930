package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Candle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorRegistryTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      rsi:14        | rsi:14            | rsi                                    | 14
      ema:12        | ema:12            | ema                                    | 11
      macd:12:26:9  | macd:12:26:9      | macd signal hist                       | 33
      atr:14        | atr:14            | atr                                    | 14
      bb:20:2       | bb:20:2           | upper middle lower percentB bandwidth  | 19
      bb:20:2.5     | bb:20:2.5         | upper middle lower percentB bandwidth  | 19
      stoch:14:3:3  | stoch:14:3:3      | k d                                    | 17
      adx:14        | adx:14            | adx plusDi minusDi                     | 27
      obv           | obv               | obv                                    | 0
      vwap          | vwap:1d           | vwap                                   | 0
      vwap:4h       | vwap:4h           | vwap                                   | 0
      roc:10        | roc:10            | roc                                    | 10
      sma:20        | sma:20            | sma                                    | 19
      wma:20        | wma:20            | wma                                    | 19
      stddev:20     | stddev:20         | stddev                                 | 19
      tr            | tr                | tr                                     | 1
      rsi           | rsi:14            | rsi                                    | 14
      macd:5:35     | macd:5:35:9       | macd signal hist                       | 42
      ' RSI : 7 '   | rsi:7             | rsi                                    | 7
      """)
  void parsesSpecs(String text, String canonical, String outputs, int lookback) {
    IndicatorSpec spec = IndicatorRegistry.parse(text);
    assertThat(spec.spec()).isEqualTo(canonical);
    assertThat(spec.toString()).isEqualTo(canonical);
    assertThat(spec.outputs()).containsExactly(outputs.split(" "));
    assertThat(spec.lookback()).isEqualTo(lookback);
    assertThat(spec.warmUp()).isGreaterThan(lookback);
    Indicator indicator = spec.create();
    assertThat(indicator.outputs()).isEqualTo(spec.outputs());
    assertThat(indicator.lookback()).isEqualTo(lookback);
    assertThat(indicator.isReady()).isFalse();
    assertThat(spec.create()).isNotSameAs(indicator);
    assertThat(IndicatorRegistry.parse(canonical)).isEqualTo(spec).hasSameHashCodeAs(spec);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      foo:3         | unknown indicator 'foo' in spec 'foo:3' (known: sma, ema, wma, rsi, macd, atr, tr, bb, stddev, stoch, adx, obv, vwap, roc)
      ''            | unknown indicator ''
      rsi:14:3      | rsi takes at most 1 parameter(s) (rsi[:period=14]) but 2 were given
      obv:3         | obv takes at most 0 parameter(s) (obv) but 1 were given
      rsi:x         | indicator spec 'rsi:x': rsi parameter 'period' must be an integer but was 'x'
      rsi:14.5      | rsi parameter 'period' must be an integer but was '14.5'
      rsi:          | rsi parameter 'period' is empty
      rsi:0         | indicator spec 'rsi:0': rsi period must be in [1, 100000] but was 0
      ema:-3        | ema period must be in [1, 100000] but was -3
      sma:100001    | sma period must be in [1, 100000] but was 100001
      macd:26:12:9  | macd fast period (26) must be < slow period (12)
      macd:12:26:0  | macd signal period must be in [1, 100000] but was 0
      bb:20:0       | bb deviations must be finite and > 0 but was 0.0
      bb:20:-1      | bb deviations must be finite and > 0 but was -1.0
      bb:20:NaN     | bb parameter 'deviations' must be finite but was 'NaN'
      bb:20:two     | bb parameter 'deviations' must be a number but was 'two'
      stoch:14:0:3  | stoch slowK period must be in [1, 100000] but was 0
      vwap:1w       | vwap session must divide a day (1m ... 1d) but was 1w
      vwap:7m       | vwap parameter 'session': unknown interval '7m'
      """)
  void rejectsBadSpecsWithClearMessages(String text, String message) {
    assertThatThrownBy(() -> IndicatorRegistry.parse(text == null ? "" : text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> IndicatorRegistry.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("spec == null");
  }

  @Test
  void describesEveryIndicator() {
    List<String> lines = IndicatorRegistry.describe();
    assertThat(lines).hasSameSizeAs(IndicatorRegistry.names());
    assertThat(lines)
        .contains(
            "macd[:fast=12[:slow=26[:signal=9]]] — moving average convergence/divergence → macd, signal, hist");
    assertThat(lines).contains("obv — on-balance volume → obv");
    for (String name : IndicatorRegistry.names())
      assertThat(IndicatorRegistry.parse(name).name()).isEqualTo(name);
  }

  @Test
  void computeReturnsOneColumnPerOutputInOrder() {
    List<Candle> candles = TestData.randomCandles(3, 200, 100);
    Map<String, double[]> result = IndicatorRegistry.parse("macd").compute(candles);
    assertThat(result.keySet()).containsExactly("macd", "signal", "hist");
    for (double[] column : result.values()) {
      assertThat(column).hasSize(200);
      for (int i = 0; i < 200; i++)
        assertThat(Double.isNaN(column[i])).as("index %d", i).isEqualTo(i < 33);
    }
    assertThatThrownBy(() -> result.put("x", new double[0]))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(IndicatorRegistry.parse("rsi").compute(List.of()).get("rsi")).isEmpty();
    assertThatThrownBy(() -> IndicatorRegistry.parse("rsi").compute(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void valueByNameAndIndex() {
    Indicator bb = IndicatorRegistry.parse("bb:3:2").create();
    for (Candle c : TestData.randomCandles(5, 10, 100)) bb.update(c);
    assertThat(bb.value("middle")).isEqualTo(bb.value(1));
    assertThat(bb.value()).isEqualTo(bb.value("upper"));
    assertThatThrownBy(() -> bb.value("mid"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown output 'mid' (outputs: upper, middle, lower, percentB, bandwidth)");
    assertThatThrownBy(() -> bb.value(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
