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
 * Every value and every empty warm-up cell of TA-Lib's output for series with the awkward stretches
 * of real markets (long flat stretches, one-trade bars with high == low, zero volume, single huge
 * gaps, prices of 1e-6 and 1e6, monotone runs, prices through zero), for typical parameters and
 * periods of 2, through both faces. The reference files name each column {@code spec/output}; they
 * were made by {@code scripts/talib-oracle/talib-oracle.sh} (see the data README).
 */
class TaLibEdgeCaseTest {
  private static final List<String> FILES =
      List.of(
          "edge_flat", "edge_gap", "edge_tiny", "edge_huge", "edge_monotone", "edge_through_zero");

  static Stream<Arguments> cases() {
    List<Arguments> args = new ArrayList<>();
    for (String file : FILES) {
      for (String column : TestData.reference(file + ".talib.csv").keySet()) {
        if (!column.equals("time")) args.add(Arguments.of(file, column));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesTaLib(String file, String column) {
    List<Candle> candles = TestData.candles(file + ".csv", Interval.M1);
    double[] expected = TestData.reference(file + ".talib.csv").get(column);
    assertThat(expected).hasSize(candles.size());
    String spec = column.substring(0, column.indexOf('/'));
    String output = column.substring(column.indexOf('/') + 1);
    TaLibReferenceTest.assertBothFacesMatch(spec, output, candles, expected, file + " " + column);
  }
}
