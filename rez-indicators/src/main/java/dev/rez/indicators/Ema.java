package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Exponential moving average, {@code ema = (x - ema) * k + ema} with {@code k = 2 / (period + 1)},
 * seeded with the simple average of the first {@code period} values, exactly as TA-Lib's {@code
 * EMA}; first value at index {@code period - 1}.
 *
 * <pre>{@code
 * Ema ema = new Ema(12);
 * ema.update(candle);
 * }</pre>
 *
 * <p>The seed's influence decays by {@code 1 - k} per update; {@link #warmUp()} is the count after
 * which it is below 1e-6 (95 values for period 12, 206 for 26, 396 for 50). Not thread-safe.
 */
public final class Ema extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final double k;
  private int seen;
  private double seed;
  private double ema = Double.NaN;

  /**
   * @param period the EMA period, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Ema(int period) {
    super(List.of("ema"));
    this.period = Params.period(period, "ema period", 1);
    this.k = 2.0 / (period + 1);
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

  /** Adds a value that is already validated (used by indicators built on EMAs). */
  void step(double x) {
    if (seen >= period) {
      ema = Math.fma(x - ema, k, ema);
      return;
    }
    seed += x;
    if (++seen == period) ema = seed / period;
  }

  /** The current EMA, NaN before {@code period} values. */
  double current() {
    return ema;
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
    return ema;
  }

  @Override
  public int lookback() {
    return period - 1;
  }

  @Override
  public int warmUp() {
    return period + Params.decay(Params.emaRetain(period));
  }
}
