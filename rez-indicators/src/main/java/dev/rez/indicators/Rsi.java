package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Relative Strength Index with Wilder's smoothing, as TA-Lib's {@code RSI}: the first average gain
 * and loss are the means of the first {@code period} changes, then {@code avg = (avg * (period - 1)
 * + change) / period}; {@code rsi = 100 * gain / (gain + loss)}. First value at index {@code
 * period}. When {@code gain + loss} is zero by TA-Lib's test (below 1e-14: no movement at all, or
 * averages decayed that far in a long flat stretch or at a tiny price scale) the value is 0, as in
 * TA-Lib.
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
  private final double halfShare; // 1 / (2 period)
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
    this.halfShare = 0.5 / period;
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
    // Branch-free split of the change: (|c| + c) / 2 is exactly max(c, 0) and (|c| - c) / 2 exactly
    // max(-c, 0)
    // (doubling and halving are exact), and adding 0.0 leaves a sum unchanged, so this is TA-Lib's
    // arithmetic.
    double size = Math.abs(change);
    double up2 = size + change; // twice the gain
    double down2 = size - change; // twice the loss
    if (n > period + 1) {
      // Wilder's (avg * (period - 1) + change) / period as one fused multiply-add: no division in
      // the chain
      loss = Math.fma(loss, retain, down2 * halfShare);
      gain = Math.fma(gain, retain, up2 * halfShare);
    } else {
      if (n == 1) return;
      double up = up2 * 0.5;
      double down = down2 * 0.5;
      loss += down;
      gain += up;
      if (n < period + 1) return;
      loss /= period;
      gain /= period;
    }
    double total = gain + loss;
    rsi = TaLib.isZero(total) ? 0.0 : 100.0 * (gain / total);
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
