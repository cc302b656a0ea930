package dev.rez.indicators;

/**
 * An indicator computed from a single series of values. {@link #update(dev.rez.core.Candle)} feeds
 * it the candle's close; {@link #update(double)} feeds any series (another indicator's output, a
 * spread, ...).
 *
 * <pre>{@code
 * Ema ema = new Ema(12);
 * for (double x : closes) ema.update(x);
 * }</pre>
 */
public interface ValueIndicator extends Indicator {

  /**
   * Adds the next value.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite (the message names its
   *     index)
   */
  void update(double value);
}
