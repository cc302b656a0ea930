package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A parsed indicator specification such as {@code macd:12:26:9}: names the outputs, creates
 * streaming instances and computes whole series. Obtain one from {@link
 * IndicatorRegistry#parse(String)}.
 *
 * <pre>{@code
 * IndicatorSpec spec = IndicatorRegistry.parse("bb:20:2");
 * Map<String, double[]> bands = spec.compute(candles);   // upper, middle, lower, percentB, bandwidth
 * double[] upper = bands.get("upper");                    // NaN for the first spec.lookback() candles
 * Indicator live = spec.create();                         // the same computation, one candle at a time
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; the indicators they create are not.
 */
public final class IndicatorSpec {
  private final String name;
  private final String text;
  private final Supplier<Indicator> factory;
  private final List<String> outputs;
  private final int lookback;
  private final int warmUp;

  IndicatorSpec(String name, String text, Supplier<Indicator> factory) {
    this.name = name;
    this.text = text;
    this.factory = factory;
    Indicator prototype = factory.get();
    this.outputs = prototype.outputs();
    this.lookback = prototype.lookback();
    this.warmUp = prototype.warmUp();
  }

  /** The indicator's registry name, e.g. {@code macd}. */
  public String name() {
    return name;
  }

  /** The canonical spec with every parameter spelled out, e.g. {@code rsi:14} for {@code RSI}. */
  public String spec() {
    return text;
  }

  /** The output names, primary first, e.g. {@code [macd, signal, hist]}. Immutable. */
  public List<String> outputs() {
    return outputs;
  }

  /** The number of candles before the first value (see {@link Indicator#lookback()}). */
  public int lookback() {
    return lookback;
  }

  /** The number of candles after which values are trustworthy (see {@link Indicator#warmUp()}). */
  public int warmUp() {
    return warmUp;
  }

  /** A new streaming instance in its initial state. */
  public Indicator create() {
    return factory.get();
  }

  /**
   * Computes every output over {@code candles} (the batch face of the same implementation as {@link
   * #create()}).
   *
   * @param candles candles in strictly increasing open-time order
   * @return output name → one value per candle, in {@link #outputs()} order, {@code NaN} where the
   *     indicator is not yet defined; an unmodifiable map of arrays the caller owns
   * @throws IllegalArgumentException if a candle is out of order (the message names its index and
   *     time)
   * @throws NullPointerException if {@code candles} or one of them is null
   */
  public Map<String, double[]> compute(List<Candle> candles) {
    Objects.requireNonNull(candles, "candles == null");
    int m = outputs.size();
    double[][] columns = new double[m][candles.size()];
    ((AbstractIndicator) factory.get()).fill(candles, columns);
    Map<String, double[]> result = new LinkedHashMap<>();
    for (int j = 0; j < m; j++) result.put(outputs.get(j), columns[j]);
    return Collections.unmodifiableMap(result);
  }

  /** Specs are equal when their canonical texts are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IndicatorSpec other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The canonical spec, as {@link #spec()}. */
  @Override
  public String toString() {
    return text;
  }
}
