package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two instances started {@code offset} candles apart (so seeded from different data) agree within
 * 1e-6 once the later one has seen {@link Indicator#warmUp()} candles.
 */
class WarmUpTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ema:12       | 95  | value
      ema:26       | 206 | value
      ema:50       | 396 | value
      rsi:14       | 202 | 100
      atr:14       | 202 | value
      macd:12:26:9 | 276 | price
      adx:14       | 402 | 100
      sma:20       | 20  | value
      bb:20:2      | 20  | value
      stoch:14:3:3 | 18  | 100
      """)
  void laterStartConvergesWithinWarmUp(String text, int warmUp, String scale) {
    IndicatorSpec spec = IndicatorRegistry.parse(text);
    assertThat(spec.warmUp()).isEqualTo(warmUp);
    for (long seed = 1; seed <= 4; seed++) {
      List<Candle> candles = TestData.randomCandles(seed, 3000, 100);
      int offset = 700 + (int) seed * 37;
      Indicator early = spec.create();
      Indicator late = spec.create();
      for (int i = 0; i < candles.size(); i++) {
        early.update(candles.get(i));
        if (i >= offset) late.update(candles.get(i));
        if (i < offset + warmUp - 1) continue;
        for (int j = 0; j < early.outputs().size(); j++) {
          double a = early.value(j);
          double b = late.value(j);
          double s =
              switch (scale) {
                case "100" -> 100;
                case "price" -> candles.get(i).close();
                default -> Math.abs(a);
              };
          assertThat(Math.abs(a - b))
              .as("%s %s at %d (late start %d)", text, early.outputs().get(j), i, offset)
              .isLessThanOrEqualTo(1e-6 * s);
        }
      }
    }
  }
}
