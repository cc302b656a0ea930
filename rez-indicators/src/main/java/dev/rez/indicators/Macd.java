package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Moving Average Convergence/Divergence as TA-Lib's {@code MACD}: {@code macd = EMA(fast) -
 * EMA(slow)}, {@code signal = EMA(signal period)} of the macd line, {@code hist = macd - signal};
 * all three first defined at index {@code slow + signal - 2}.
 *
 * <p>As in TA-Lib, both EMAs start at the same bar: the fast EMA is seeded with the average of the
 * {@code fast} closes ending at index {@code slow - 1} (not at index {@code fast - 1}), so the macd
 * line differs from {@code new Ema(fast) - new Ema(slow)} until that difference decays.
 *
 * <pre>{@code
 * Macd macd = new Macd(12, 26, 9);
 * macd.update(candle);
 * double hist = macd.hist();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Macd extends AbstractIndicator implements ValueIndicator {
  private final int fast;
  private final int slow;
  private final int signalPeriod;
  private final Ema fastEma;
  private final Ema slowEma;
  private final Ema signalEma;
  private double macd = Double.NaN;
  private double signal = Double.NaN;
  private double hist = Double.NaN;

  /**
   * @param fast the fast EMA period, in [1, 100000]
   * @param slow the slow EMA period, greater than {@code fast}
   * @param signal the signal EMA period, in [1, 100000]
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public Macd(int fast, int slow, int signal) {
    super(List.of("macd", "signal", "hist"));
    this.fast = Params.period(fast, "macd fast period", 1);
    this.slow = Params.period(slow, "macd slow period", 1);
    this.signalPeriod = Params.period(signal, "macd signal period", 1);
    if (fast >= slow) {
      throw new IllegalArgumentException(
          "macd fast period (" + fast + ") must be < slow period (" + slow + ")");
    }
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
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
    slowEma.step(x);
    if (n <= slow - fast) return;
    fastEma.step(x);
    if (n < slow) return;
    double line = fastEma.current() - slowEma.current();
    signalEma.step(line);
    if (n < slow + signalPeriod - 1) return;
    macd = line;
    signal = signalEma.current();
    hist = macd - signal;
  }

  /** The macd line, NaN until ready. */
  public double macd() {
    return macd;
  }

  /** The signal line, NaN until ready. */
  public double signal() {
    return signal;
  }

  /** The histogram, {@code macd - signal}, NaN until ready. */
  public double hist() {
    return hist;
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    for (int i = 0; i < out[0].length; i++) {
      update(candles.get(i));
      out[0][i] = macd;
      out[1][i] = signal;
      out[2][i] = hist;
    }
  }

  @Override
  public double value(int index) {
    return switch (index) {
      case 0 -> macd;
      case 1 -> signal;
      case 2 -> hist;
      default -> throw noOutput(index);
    };
  }

  @Override
  public int lookback() {
    return slow + signalPeriod - 2;
  }

  /** Conservative: the slow EMA's seed decay followed by the signal EMA's. */
  @Override
  public int warmUp() {
    return lookback()
        + 1
        + Params.decay(Params.emaRetain(slow))
        + Params.decay(Params.emaRetain(signalPeriod));
  }
}
