package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Simple moving average of the last {@code period} values (TA-Lib {@code SMA}); first value at
 * index {@code period - 1}.
 *
 * <pre>{@code
 * Sma sma = new Sma(20);
 * sma.update(candle);
 * double v = sma.value();
 * }</pre>
 *
 * <p>The window's sum is rebuilt from the window every {@code period} updates and never subtracts a
 * value that leaves it, so after any number of updates the value equals a fresh average of the
 * window to within a few ulps. Not thread-safe.
 */
public final class Sma extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final RollingMoments window;

  /**
   * @param period number of values averaged, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Sma(int period) {
    super(List.of("sma"));
    this.period = Params.period(period, "sma period", 1);
    this.window = new RollingMoments(period);
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    window.add(candle.close());
  }

  @Override
  public void update(double value) {
    accept(value);
    window.add(value);
  }

  void step(double value) {
    window.add(value);
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
    return window.full() ? window.mean() : Double.NaN;
  }

  @Override
  public int lookback() {
    return period - 1;
  }

  @Override
  public int warmUp() {
    return period;
  }
}
