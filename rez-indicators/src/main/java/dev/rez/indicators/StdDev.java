package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Population standard deviation of the last {@code period} values, as TA-Lib's {@code STDDEV} with
 * one deviation: {@code sqrt(mean(x²) - mean²)} from running sums, 0 when that variance is below
 * 1e-14 (so at prices below about 1e-5 it is often 0, as in TA-Lib); first value at index {@code
 * period - 1}.
 *
 * <pre>{@code
 * StdDev sd = new StdDev(20);
 * sd.update(candle);
 * }</pre>
 *
 * <p>The arithmetic is TA-Lib's, operation for operation (see {@code RunningVariance}), so the
 * values carry TA-Lib's rounding noise too: over a flat window the running sums usually leave a
 * small σ, not 0 (about 3.6e-5 at price 816 in a long BTC series). Not thread-safe.
 */
public final class StdDev extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final RunningVariance window;

  /**
   * @param period number of values, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public StdDev(int period) {
    super(List.of("stddev"));
    this.period = Params.period(period, "stddev period", 1);
    this.window = new RunningVariance(period);
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
    return window.full() ? TaLib.sqrtOrZero(window.variance()) : Double.NaN;
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
