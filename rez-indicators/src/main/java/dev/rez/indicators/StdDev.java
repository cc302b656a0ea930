package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Population standard deviation of the last {@code period} values (TA-Lib {@code STDDEV} with one
 * deviation); first value at index {@code period - 1}.
 *
 * <pre>{@code
 * StdDev sd = new StdDev(20);
 * sd.update(candle);
 * }</pre>
 *
 * <p>Computed from sums relative to a value inside the window, rebuilt from the window every {@code
 * period} updates and never subtracting a value that leaves it: after any number of updates it
 * matches an exact computation over the window to about 1e-13 relative or better, and a flat window
 * gives exactly 0. Not thread-safe.
 */
public final class StdDev extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final RollingMoments window;

  /**
   * @param period number of values, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public StdDev(int period) {
    super(List.of("stddev"));
    this.period = Params.period(period, "stddev period", 1);
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
    return window.full() ? Math.sqrt(window.variance()) : Double.NaN;
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
