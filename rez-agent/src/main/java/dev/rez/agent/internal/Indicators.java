package dev.rez.agent.internal;

import dev.rez.core.Candle;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.indicators.IndicatorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's one door to indicator values: the latest value of each indicator of a spec list such as
 * {@code rsi:14,macd:12:26:9,bb:20:2} over a candle series, computed by rez-indicators. Values are keyed by the
 * canonical spec ({@code rsi:14}); indicators with several outputs by {@code spec.output}
 * ({@code macd:12:26:9.hist}). Values are NaN while warming up. Internal.
 */
public final class Indicators {
  private Indicators() {}

  /** The default set the context carries for every asset and interval. */
  public static final String DEFAULT_SET = "ema:12,ema:26,ema:50,rsi:14,macd:12:26:9,atr:14,bb:20:2";

  /** The most indicators one spec list may name. */
  private static final int MAX_SPECS = 20;

  /**
   * Parses a spec list without computing anything.
   *
   * @throws IllegalArgumentException naming the spec that is unknown or malformed
   */
  public static List<IndicatorSpec> parse(String specList) {
    if (specList == null || specList.isBlank()) throw new IllegalArgumentException("indicators must not be blank");
    List<IndicatorSpec> specs = new java.util.ArrayList<>();
    for (String raw : specList.split(",")) {
      if (raw.isBlank()) continue;
      specs.add(IndicatorRegistry.parse(raw.strip()));
    }
    if (specs.isEmpty()) throw new IllegalArgumentException("indicators must name at least one indicator but was '" + specList + "'");
    if (specs.size() > MAX_SPECS) throw new IllegalArgumentException("at most " + MAX_SPECS + " indicators at once but " + specs.size() + " were given");
    return specs;
  }

  /**
   * The latest value of every indicator in {@code specList}, in spec order.
   *
   * @throws IllegalArgumentException naming the spec that is unknown or malformed
   */
  public static Map<String, Double> latest(String specList, List<Candle> candles) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (IndicatorSpec spec : parse(specList)) {
      Map<String, double[]> series = spec.compute(candles);
      boolean single = spec.outputs().size() == 1;
      for (Map.Entry<String, double[]> e : series.entrySet()) {
        double[] v = e.getValue();
        out.put(single ? spec.spec() : spec.spec() + "." + e.getKey(), v.length == 0 ? Double.NaN : v[v.length - 1]);
      }
    }
    return out;
  }
}
