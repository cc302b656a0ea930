package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Average true range with Wilder's smoothing, as TA-Lib's {@code ATR}: the first value is the mean
 * of the true ranges of bars 1..{@code period}, then {@code atr = (atr * (period - 1) + tr) /
 * period}. First value at index {@code period}.
 *
 * <pre>{@code
 * Atr atr = new Atr(14);
 * atr.update(candle);
 * }</pre>
 *
 * <p>{@link #warmUp()} is 202 candles for period 14. Not thread-safe.
 */
public final class Atr extends AbstractIndicator {
  private final int period;
  private final double retain; // (period - 1) / period
  private final double share; // 1 / period
  private double prevClose;
  private double sum;
  private double atr = Double.NaN;

  /**
   * @param period the smoothing period, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Atr(int period) {
    super(List.of("atr"));
    this.period = Params.period(period, "atr period", 1);
    this.retain = (period - 1) / (double) period;
    this.share = 1.0 / period;
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    long n = count(); // this candle's 1-based position
    double close = candle.close();
    if (n > period + 1) {
      // Wilder's (atr * (period - 1) + tr) / period as one fused multiply-add: no division in the
      // chain
      atr = Math.fma(atr, retain, TrueRange.of(candle.high(), candle.low(), prevClose) * share);
    } else if (n > 1) {
      sum += TrueRange.of(candle.high(), candle.low(), prevClose);
      if (n == period + 1) atr = sum / period;
    }
    prevClose = close;
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
    return atr;
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
