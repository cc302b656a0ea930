package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value and every empty warm-up cell of TA-Lib's output for real bars, through the registry's
 * batch face and through the streaming face.
 */
class TaLibReferenceTest {
  private static final double TOLERANCE = 1e-9;

  static Stream<Arguments> cases() {
    String[][] columns = {
      {"rsi:14", "rsi", "rsi14"},
      {"ema:12", "ema", "ema12"},
      {"ema:26", "ema", "ema26"},
      {"ema:50", "ema", "ema50"},
      {"sma:20", "sma", "sma20"},
      {"macd:12:26:9", "macd", "macd"},
      {"macd:12:26:9", "signal", "macd_signal"},
      {"macd:12:26:9", "hist", "macd_hist"},
      {"atr:14", "atr", "atr14"},
      {"bb:20:2", "upper", "bb_upper"},
      {"bb:20:2", "middle", "bb_middle"},
      {"bb:20:2", "lower", "bb_lower"},
      {"stoch:14:3:3", "k", "stoch_k"},
      {"stoch:14:3:3", "d", "stoch_d"},
      {"adx:14", "adx", "adx14"},
    };
    List<Arguments> args = new ArrayList<>();
    for (String file : List.of("btc_usd_1m_2013", "aapl_1d_2013")) {
      for (String[] c : columns) args.add(Arguments.of(file, c[0], c[1], c[2]));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void matchesTaLib(String file, String spec, String output, String column) {
    Interval interval = file.startsWith("btc") ? Interval.M1 : Interval.D1;
    List<Candle> candles = TestData.candles(file + ".csv", interval);
    double[] expected = TestData.reference(file + ".talib.csv").get(column);
    assertThat(expected).hasSize(candles.size());

    assertBothFacesMatch(spec, output, candles, expected, file + " " + spec + " " + output);
  }

  /**
   * Checks the batch face and the streaming face (values and {@code isReady()}) of {@code spec}'s
   * {@code output} against TA-Lib's values, and that TA-Lib's first value sits at the lookback
   * (except for the ADX's DI outputs, which TA-Lib starts at the period, before the ADX).
   */
  static void assertBothFacesMatch(
      String spec, String output, List<Candle> candles, double[] expected, String what) {
    IndicatorSpec parsed = IndicatorRegistry.parse(spec);
    double[] batch = parsed.compute(candles).get(output);
    assertMatches(expected, batch, what + " (batch)");

    Indicator streaming = parsed.create();
    int outputIndex = streaming.outputs().indexOf(output);
    double[] streamed = new double[candles.size()];
    for (int i = 0; i < candles.size(); i++) {
      streaming.update(candles.get(i));
      streamed[i] = streaming.value(outputIndex);
      assertThat(streaming.isReady()).as("isReady at %d", i).isEqualTo(i >= streaming.lookback());
    }
    assertMatches(expected, streamed, what + " (streaming)");

    if (output.endsWith("Di")) return;
    int firstExpected = 0;
    while (firstExpected < expected.length && Double.isNaN(expected[firstExpected]))
      firstExpected++;
    assertThat(parsed.lookback()).as("%s: TA-Lib's first value", what).isEqualTo(firstExpected);
  }

  static void assertMatches(double[] expected, double[] actual, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e)) {
        assertThat(a).as("%s at %d: TA-Lib has no value", what, i).isNaN();
      } else {
        double allowed = Math.abs(e) < 1 ? TOLERANCE : TOLERANCE * Math.abs(e);
        assertThat(Math.abs(a - e))
            .as("%s at %d: expected %s but was %s", what, i, e, a)
            .isLessThanOrEqualTo(allowed);
      }
    }
  }
}
