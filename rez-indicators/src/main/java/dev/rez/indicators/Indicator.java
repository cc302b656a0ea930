package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * A streaming technical indicator: feed it one candle at a time, read its current value(s).
 *
 * <pre>{@code
 * Rsi rsi = new Rsi(14);
 * for (Candle c : candles) {
 *   rsi.update(c);
 *   if (rsi.isReady()) System.out.println(c.openTime() + " " + rsi.value());
 * }
 * }</pre>
 *
 * <p>Every update runs in constant time and allocates nothing. Values are {@code NaN} until {@link
 * #isReady()} (that is, for the first {@link #lookback()} inputs), exactly where TA-Lib leaves its
 * output empty; after that no output is ever {@code NaN} while the arithmetic stays finite (inputs
 * below about 1e150 in size; a variance squares its inputs, VWAP multiplies price by volume). Bad
 * input (a candle not strictly after the previous one, a non-finite value) is rejected with an
 * {@link IllegalArgumentException} naming the input's index and field, and leaves the indicator
 * unchanged.
 *
 * <p>Instances are not thread-safe: confine each one to a thread, or guard it.
 */
public interface Indicator {

  /**
   * Adds the next candle. Candles must come in strictly increasing {@link Candle#openTime()} order.
   *
   * @throws IllegalArgumentException if the candle is not after the previous one (the message names
   *     its index and time)
   * @throws NullPointerException if {@code candle} is null
   */
  void update(Candle candle);

  /**
   * Whether the current values are defined, i.e. more than {@link #lookback()} inputs have been
   * seen.
   */
  boolean isReady();

  /**
   * TA-Lib's lookback: the number of inputs consumed before the first value; the first value is at
   * index {@code lookback()}.
   */
  int lookback();

  /**
   * The number of inputs after which the values are trustworthy: for indicators smoothed with an
   * EMA or Wilder's average, the count after which the effect of the seed has decayed below 1e-6 of
   * its initial size (so the value is within 1e-6 of the one a longer history would give); for
   * window indicators {@code lookback() + 1}. A data feed should fetch at least this many candles.
   */
  int warmUp();

  /**
   * The names of the outputs, primary first, e.g. {@code [macd, signal, hist]}. The list is
   * immutable.
   */
  List<String> outputs();

  /** The primary output (the first of {@link #outputs()}), {@code NaN} until ready. */
  double value();

  /**
   * The output at {@code index} in {@link #outputs()}, {@code NaN} until ready.
   *
   * @throws IndexOutOfBoundsException if there is no such output
   */
  double value(int index);

  /**
   * The output called {@code name}, {@code NaN} until ready.
   *
   * @throws IllegalArgumentException if there is no such output (the message lists the names)
   */
  double value(String name);

  /** How many inputs have been accepted so far. */
  long count();
}
