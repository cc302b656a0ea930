package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Relative Strength Index with Wilder's smoothing, as TA-Lib's {@code RSI}: the first average gain and loss are
 * the means of the first {@code period} changes, then {@code avg = (avg * (period - 1) + change) / period};
 * {@code rsi = 100 * gain / (gain + loss)}. First value at index {@code period}. When there has been no
 * movement at all ({@code gain + loss == 0}) the value is 0, as in TA-Lib.
 *
 * <pre>{@code
 * Rsi rsi = new Rsi(14);
 * rsi.update(candle);
 * }</pre>
 *
 * <p>{@link #warmUp()} is 202 values for period 14. Not thread-safe.
 */
public final class Rsi extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final double retain; // (period - 1) / period
  private final double share; // 1 / period
  private double prev;
  private double gain;
  private double loss;
  private double rsi = Double.NaN;

  /**
   * @param period the smoothing period, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Rsi(int period) {
    super(List.of("rsi"));
    this.period = Params.period(period, "rsi period", 1);
    this.retain = (period - 1) / (double) period;
    this.share = 1.0 / period;
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
    long n = count(); // this value's 1-based position
    double change = x - prev;
    prev = x;
    // branch-free split of the change (adding 0.0 leaves a sum unchanged, so this is TA-Lib's arithmetic)
    double up = Math.max(change, 0.0);
    double down = Math.max(-change, 0.0);
    if (n > period + 1) {
      // Wilder's (avg * (period - 1) + change) / period as one fused multiply-add: no division in the chain
      loss = Math.fma(loss, retain, down * share);
      gain = Math.fma(gain, retain, up * share);
    } else {
      if (n == 1) return;
      loss += down;
      gain += up;
      if (n < period + 1) return;
      loss /= period;
      gain /= period;
    }
    double total = gain + loss;
    rsi = total != 0 ? 100.0 * (gain / total) : 0.0;
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
    return rsi;
  }

  @Override
  public int lookback() {
    return period;
  }

  @Override
  public int warmUp() {
    return period + 1 + Params.decay(Params.wilderRetain(period));
  }
}
