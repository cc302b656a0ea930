package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Linearly weighted moving average (TA-Lib {@code WMA}): the newest of the last {@code period}
 * values has weight {@code period}, the oldest weight 1, divided by {@code period * (period + 1) /
 * 2}; first value at index {@code period - 1}.
 *
 * <pre>{@code
 * Wma wma = new Wma(20);
 * wma.update(candle);
 * }</pre>
 *
 * <p>The running sums are rebuilt from the window every {@code period} updates (without extra work
 * per update), so they do not drift. Not thread-safe.
 */
public final class Wma extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final double divider;
  private final double[] ring;
  private int pos;
  private long seen;
  // sum of the window and weighted sum of the window
  private double sum;
  private double weighted;
  // the same sums over the values since the last rebuild
  private double shadowSum;
  private double shadowWeighted;
  private int shadowCount;

  /**
   * @param period number of values weighted, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Wma(int period) {
    super(List.of("wma"));
    this.period = Params.period(period, "wma period", 1);
    this.divider = (double) period * (period + 1) / 2;
    this.ring = new double[period];
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    step(candle.close());
  }

  @Override
  public void update(double value) {
    accept(value);
    step(value);
  }

  private void step(double x) {
    if (seen >= period) {
      // every weight drops by one (the leaving value's weight 1 drops to 0), the new value gets
      // weight period
      weighted = weighted - sum + period * x;
      sum = sum - ring[pos] + x;
    } else {
      weighted += (seen + 1) * x;
      sum += x;
    }
    ring[pos] = x;
    if (++pos == period) pos = 0;
    seen++;
    shadowCount++;
    shadowWeighted += shadowCount * x;
    shadowSum += x;
    if (shadowCount == period) {
      weighted = shadowWeighted;
      sum = shadowSum;
      shadowWeighted = shadowSum = 0;
      shadowCount = 0;
    }
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
    return seen >= period ? weighted / divider : Double.NaN;
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
