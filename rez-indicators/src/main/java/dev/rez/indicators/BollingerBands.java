package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * Bollinger Bands (TA-Lib {@code BBANDS} with a simple average): {@code middle} is the SMA of the
 * last {@code period} values, {@code upper}/{@code lower} are {@code middle ± deviations * σ} with
 * σ the population standard deviation; first value at index {@code period - 1}. Mean and σ are
 * computed with TA-Lib's running sums, operation for operation (see {@code RunningVariance}), σ
 * being 0 when the variance is below 1e-14, so the bands carry TA-Lib's rounding noise (over a flat
 * window they are not exactly the price). Also {@code percentB = (x - lower) / (upper - lower)}
 * (0.5 when the bands coincide, σ being 0) and {@code bandwidth = (upper - lower) / middle}.
 *
 * <pre>{@code
 * BollingerBands bb = new BollingerBands(20, 2.0);
 * bb.update(candle);
 * double upper = bb.upper();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class BollingerBands extends AbstractIndicator implements ValueIndicator {
  private final int period;
  private final double deviations;
  private final RunningVariance window;
  private double middle = Double.NaN;
  private double upper = Double.NaN;
  private double lower = Double.NaN;
  private double last;

  /**
   * @param period number of values, in [1, 100000]
   * @param deviations width of the bands in standard deviations, finite and {@code > 0}
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public BollingerBands(int period, double deviations) {
    super(List.of("upper", "middle", "lower", "percentB", "bandwidth"));
    this.period = Params.period(period, "bb period", 1);
    if (!(deviations > 0) || !Double.isFinite(deviations)) {
      throw new IllegalArgumentException(
          "bb deviations must be finite and > 0 but was " + deviations);
    }
    this.deviations = deviations;
    this.window = new RunningVariance(period);
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
    window.add(x);
    if (!window.full()) return;
    middle = window.mean();
    double width = TaLib.sqrtOrZero(window.variance()) * deviations;
    upper = middle + width;
    lower = middle - width;
    last = x;
  }

  /** The upper band, NaN until ready. */
  public double upper() {
    return upper;
  }

  /** The middle band (the SMA), NaN until ready. */
  public double middle() {
    return middle;
  }

  /** The lower band, NaN until ready. */
  public double lower() {
    return lower;
  }

  /**
   * Where the last value sits between the bands: 0 at the lower band, 1 at the upper; NaN until
   * ready.
   */
  public double percentB() {
    double range = upper - lower;
    return range > 0 ? (last - lower) / range : range == 0 ? 0.5 : Double.NaN;
  }

  /**
   * The bands' width relative to the middle band (0 when they coincide, infinite if the middle is
   * 0); NaN until ready.
   */
  public double bandwidth() {
    double range = upper - lower;
    return range > 0 ? range / middle : range == 0 ? 0.0 : Double.NaN;
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    for (int i = 0; i < out[0].length; i++) {
      update(candles.get(i));
      out[0][i] = upper;
      out[1][i] = middle;
      out[2][i] = lower;
      out[3][i] = percentB();
      out[4][i] = bandwidth();
    }
  }

  @Override
  public double value(int index) {
    return switch (index) {
      case 0 -> upper;
      case 1 -> middle;
      case 2 -> lower;
      case 3 -> percentB();
      case 4 -> bandwidth();
      default -> throw noOutput(index);
    };
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
