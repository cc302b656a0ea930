package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Slow stochastic oscillator as TA-Lib's {@code STOCH} with simple averages: raw %K is {@code
 * (close - lowest low) / ((highest high - lowest low) / 100)} over {@code fastK} candles (0 when
 * the range is 0), {@code k} is its SMA over {@code slowK}, {@code d} the SMA of {@code k} over
 * {@code slowD}. As in TA-Lib, both outputs start at index {@code fastK + slowK + slowD - 3}, where
 * {@code d} starts.
 *
 * <pre>{@code
 * Stochastic stoch = new Stochastic(14, 3, 3);
 * stoch.update(candle);
 * double k = stoch.k(), d = stoch.d();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Stochastic extends AbstractIndicator {
  private final int fastK;
  private final int slowKPeriod;
  private final int slowDPeriod;
  private final RollingExtreme highest;
  private final RollingExtreme lowest;
  private final Sma slowK;
  private final Sma slowD;
  private long seen;
  private double k = Double.NaN;
  private double d = Double.NaN;

  /**
   * @param fastK the look-back of the highest high and lowest low, in [1, 100000]
   * @param slowK the smoothing of raw %K into %K, in [1, 100000]
   * @param slowD the smoothing of %K into %D, in [1, 100000]
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public Stochastic(int fastK, int slowK, int slowD) {
    super(List.of("k", "d"));
    this.fastK = Params.period(fastK, "stoch fastK period", 1);
    this.slowKPeriod = Params.period(slowK, "stoch slowK period", 1);
    this.slowDPeriod = Params.period(slowD, "stoch slowD period", 1);
    this.highest = new RollingExtreme(fastK, true);
    this.lowest = new RollingExtreme(fastK, false);
    this.slowK = new Sma(slowK);
    this.slowD = new Sma(slowD);
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    long n = ++seen;
    highest.add(candle.high());
    lowest.add(candle.low());
    if (n < fastK) return;
    double low = lowest.get();
    double diff = (highest.get() - low) / 100.0;
    double raw = diff != 0.0 ? (candle.close() - low) / diff : 0.0;
    slowK.step(raw);
    if (n < fastK + slowKPeriod - 1) return;
    double kNow = slowK.value(0);
    slowD.step(kNow);
    if (n < fastK + slowKPeriod + slowDPeriod - 2) return;
    k = kNow;
    d = slowD.value(0);
  }

  /** Slow %K, NaN until ready. */
  public double k() {
    return k;
  }

  /** %D, NaN until ready. */
  public double d() {
    return d;
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    for (int i = 0; i < out[0].length; i++) {
      update(candles.get(i));
      out[0][i] = k;
      out[1][i] = d;
    }
  }

  @Override
  public double value(int index) {
    return switch (index) {
      case 0 -> k;
      case 1 -> d;
      default -> throw noOutput(index);
    };
  }

  @Override
  public int lookback() {
    return fastK + slowKPeriod + slowDPeriod - 3;
  }

  @Override
  public int warmUp() {
    return lookback() + 1;
  }
}
