package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * True range (TA-Lib {@code TRANGE}): the largest of {@code high - low}, {@code |high - previous
 * close|} and {@code |low - previous close|}; first value at index 1.
 *
 * <pre>{@code
 * TrueRange tr = new TrueRange();
 * tr.update(candle);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class TrueRange extends AbstractIndicator {
  private double prevClose;
  private double tr = Double.NaN;

  /** Creates a true range indicator. */
  public TrueRange() {
    super(List.of("tr"));
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    if (count() > 1) tr = of(candle.high(), candle.low(), prevClose);
    prevClose = candle.close();
  }

  /**
   * TA-Lib's true range. For {@code high >= low} the largest of the three differences is always the
   * distance from {@code max(high, prevClose)} down to {@code min(low, prevClose)}, and it is
   * computed by that very subtraction, so this single difference is bit-for-bit TA-Lib's value
   * (branch-free; inputs are finite).
   */
  static double of(double high, double low, double prevClose) {
    return Math.max(high, prevClose) - Math.min(low, prevClose);
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    double[] o = out[0];
    for (int i = 0; i < o.length; i++) {
      update(candles.get(i));
      o[i] = value(0);
    }
  }

  @Override
  public double value(int index) {
    if (index != 0) throw noOutput(index);
    return tr;
  }

  @Override
  public int lookback() {
    return 1;
  }

  @Override
  public int warmUp() {
    return 2;
  }
}
