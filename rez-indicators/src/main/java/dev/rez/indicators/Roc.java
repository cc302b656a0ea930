package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Rate of change in percent as TA-Lib's {@code ROC}: {@code (x / x[period ago] - 1) * 100}, 0 when
 * the earlier value is 0; first value at index {@code period}.
 *
 * <pre>{@code
 * Roc roc = new Roc(10);
 * roc.update(candle);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Roc extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final double[] ring;
  private int pos;
  private double roc = Double.NaN;

  /**
   * @param period how many values back to compare with, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Roc(int period) {
    super(List.of("roc"));
    this.period = Params.period(period, "roc period", 1);
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
    if (count() > period) {
      double then = ring[pos];
      roc = then != 0 ? ((x / then) - 1.0) * 100.0 : 0.0;
    }
    ring[pos] = x;
    if (++pos == period) pos = 0;
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
    return roc;
  }

  @Override
  public int lookback() {
    return period;
  }

  @Override
  public int warmUp() {
    return period + 1;
  }
}
