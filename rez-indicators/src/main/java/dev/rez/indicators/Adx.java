package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Average directional index with the directional indicators, as TA-Lib's {@code ADX}, {@code
 * PLUS_DI} and {@code MINUS_DI}. +DM, −DM and the true range are kept as Wilder sums (seeded with
 * the plain sum of the first {@code period - 1}); {@code plusDi = 100 * +DM / TR}, {@code minusDi =
 * 100 * −DM / TR} (0 while TR is zero by TA-Lib's test, below 1e-14), first defined at index {@code
 * period}; {@code dx = 100 * |plusDi - minusDi| / (plusDi + minusDi)}; the first ADX is the mean of
 * {@code period} DX values, then Wilder's average, first defined at index {@code 2 * period - 1}. A
 * bar where the DX is undefined (TR or {@code plusDi + minusDi} below 1e-14: no range or no
 * directional movement, also once the Wilder sums have decayed that far in a flat stretch) leaves
 * the ADX unchanged.
 *
 * <pre>{@code
 * Adx adx = new Adx(14);
 * adx.update(candle);
 * double strength = adx.adx();
 * }</pre>
 *
 * <p>{@link #isReady()} refers to the ADX. Not thread-safe.
 */
public final class Adx extends AbstractIndicator {
  private final int period;
  private long seen;
  private double prevHigh;
  private double prevLow;
  private double prevClose;
  private double plusDm;
  private double minusDm;
  private double tr;
  private double sumDx;
  private double adx = Double.NaN;
  private double plusDi = Double.NaN;
  private double minusDi = Double.NaN;

  /**
   * @param period the smoothing period, in [1, 100000]
   * @throws IllegalArgumentException if {@code period} is out of range
   */
  public Adx(int period) {
    super(List.of("adx", "plusDi", "minusDi"));
    this.period = Params.period(period, "adx period", 1);
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    long n = ++seen;
    double high = candle.high();
    double low = candle.low();
    if (n > 1) {
      double diffP = high - prevHigh;
      double diffM = prevLow - low;
      double range = TrueRange.of(high, low, prevClose);
      if (n > period) {
        minusDm -= minusDm / period;
        plusDm -= plusDm / period;
        tr = tr - (tr / period) + range;
      } else {
        tr += range;
      }
      if (diffM > 0 && diffP < diffM) minusDm += diffM;
      else if (diffP > 0 && diffP > diffM) plusDm += diffP;
      if (n > period) directional(n);
    }
    prevHigh = high;
    prevLow = low;
    prevClose = candle.close();
  }

  private void directional(long n) {
    double dx = Double.NaN;
    if (!TaLib.isZero(tr)) {
      minusDi = 100.0 * (minusDm / tr);
      plusDi = 100.0 * (plusDm / tr);
      double sum = minusDi + plusDi;
      if (!TaLib.isZero(sum)) dx = 100.0 * (Math.abs(minusDi - plusDi) / sum);
    } else {
      minusDi = 0.0;
      plusDi = 0.0;
    }
    if (n <= 2L * period) {
      if (dx == dx) sumDx += dx;
      if (n == 2L * period) adx = sumDx / period;
    } else if (dx == dx) {
      adx = ((adx * (period - 1)) + dx) / period;
    }
  }

  /** The ADX, NaN until ready. */
  public double adx() {
    return adx;
  }

  /** +DI, NaN before index {@code period}. */
  public double plusDi() {
    return plusDi;
  }

  /** −DI, NaN before index {@code period}. */
  public double minusDi() {
    return minusDi;
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    for (int i = 0; i < out[0].length; i++) {
      update(candles.get(i));
      out[0][i] = adx;
      out[1][i] = plusDi;
      out[2][i] = minusDi;
    }
  }

  @Override
  public double value(int index) {
    return switch (index) {
      case 0 -> adx;
      case 1 -> plusDi;
      case 2 -> minusDi;
      default -> throw noOutput(index);
    };
  }

  @Override
  public int lookback() {
    return 2 * period - 1;
  }

  /** Conservative: the Wilder sums' seed decay followed by the ADX's own. */
  @Override
  public int warmUp() {
    return 2 * period + 2 * Params.decay(Params.wilderRetain(period));
  }
}
