package dev.rez.indicators;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.time.Instant;
import java.util.List;

/** Input validation, counting and output lookup shared by every indicator. */
abstract class AbstractIndicator implements Indicator {
  private final List<String> outputs;
  private long count;
  // the previous candle's open time as primitives: no reference store (and GC barrier) per update
  private long lastSecond = Long.MIN_VALUE;
  private int lastNano;
  // the first candle's interval: every later one must have it
  private Interval interval;

  AbstractIndicator(List<String> outputs) {
    this.outputs = outputs;
  }

  /**
   * The batch face: feeds every candle through {@link #update(Candle)} and stores output {@code j}
   * after candle {@code i} in {@code out[j][i]}. Each class declares its own copy so that the loop
   * sees a single receiver type and the JIT inlines the update.
   */
  abstract void fill(List<Candle> candles, double[][] out);

  /** Validates {@code candle} against the previous one, then counts it. */
  final void accept(Candle candle) {
    if (candle == null) throw nullCandle();
    Instant t = candle.openTime();
    long second = t.getEpochSecond();
    int nano = t.getNano();
    // one well-predicted branch on the hot path; the messages are built out of line
    if (second <= lastSecond && (second < lastSecond || nano <= lastNano)) throw outOfOrder(t);
    if (candle.interval() != interval) {
      if (interval != null) throw otherInterval(candle.interval());
      interval = candle.interval();
    }
    lastSecond = second;
    lastNano = nano;
    count++;
  }

  /** Validates {@code value}, then counts it. */
  final void accept(double value) {
    if (!Double.isFinite(value)) throw notFinite(value);
    count++;
  }

  private NullPointerException nullCandle() {
    return new NullPointerException("candle at index " + count + " == null");
  }

  private IllegalArgumentException outOfOrder(Instant t) {
    return new IllegalArgumentException(
        "candle at index "
            + count
            + ": openTime "
            + t
            + " is not after the previous candle's openTime "
            + Instant.ofEpochSecond(lastSecond, lastNano));
  }

  private IllegalArgumentException otherInterval(Interval other) {
    return new IllegalArgumentException(
        "candle at index "
            + count
            + " is a "
            + other.wire()
            + " candle, but the indicator has been fed "
            + interval.wire()
            + " candles");
  }

  private IllegalArgumentException notFinite(double value) {
    return new IllegalArgumentException(
        "value at index " + count + " must be finite but was " + value);
  }

  @Override
  public final long count() {
    return count;
  }

  @Override
  public final boolean isReady() {
    return count > lookback();
  }

  @Override
  public final List<String> outputs() {
    return outputs;
  }

  @Override
  public final double value() {
    return value(0);
  }

  @Override
  public final double value(String name) {
    int i = outputs.indexOf(name);
    if (i < 0)
      throw new IllegalArgumentException(
          "unknown output '" + name + "' (outputs: " + String.join(", ", outputs) + ")");
    return value(i);
  }

  final IndexOutOfBoundsException noOutput(int index) {
    return new IndexOutOfBoundsException(
        "output index " + index + " out of range [0, " + outputs.size() + ")");
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[count=" + count + ", ready=" + isReady() + "]";
  }
}
