package dev.rez.agent;

import dev.rez.core.Candle;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.indicators.IndicatorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's one door to indicator values: the latest value of each indicator of a spec list such
 * as {@code rsi:14,macd:12:26:9,bb:20:2} over a candle series, computed by rez-indicators. Values
 * are keyed by the canonical spec ({@code rsi:14}); indicators with several outputs by {@code
 * spec.output} ({@code macd:12:26:9.hist}). A value is NaN while its indicator warms up: until the
 * series holds {@link IndicatorSpec#warmUp()} bars, the count after which the value is within 1e-6
 * of the one a longer history gives. Callers fetch {@link #barsFor} bars, capped at {@link
 * #MAX_BARS}. Internal.
 */
final class Indicators {
  private Indicators() {}

  /** The default set the context carries for every asset and interval. */
  public static final String DEFAULT_SET =
      "ema:12,ema:26,ema:50,rsi:14,macd:12:26:9,atr:14,bb:20:2";

  /**
   * The most bars fetched to warm indicators up: enough for every default indicator (ADX 14 needs
   * 402 bars, EMA 50 396) and for an EMA up to period 250; an indicator needing more stays null,
   * saying how many bars it needs.
   */
  public static final int MAX_BARS = 2000;

  /** The most indicators one spec list may name. */
  private static final int MAX_SPECS = 20;

  /**
   * Parses a spec list without computing anything.
   *
   * @throws IllegalArgumentException naming the spec that is unknown or malformed
   */
  public static List<IndicatorSpec> parse(String specList) {
    if (specList == null || specList.isBlank())
      throw new IllegalArgumentException("indicators must not be blank");
    // The same few lists come every cycle (the context's, the tools' defaults): parsed once.
    List<IndicatorSpec> known = PARSED.get(specList);
    if (known != null) return known;
    List<IndicatorSpec> specs = parseList(specList);
    if (PARSED.size() >= MAX_PARSED) PARSED.clear();
    PARSED.put(specList, specs);
    return specs;
  }

  /** Spec lists parsed so far (specs are immutable); cleared when it holds {@link #MAX_PARSED}. */
  private static final Map<String, List<IndicatorSpec>> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MAX_PARSED = 64;

  private static List<IndicatorSpec> parseList(String specList) {
    List<IndicatorSpec> specs = new java.util.ArrayList<>();
    for (String raw : specList.split(",")) {
      if (raw.isBlank()) continue;
      specs.add(IndicatorRegistry.parse(raw.strip()));
    }
    if (specs.isEmpty())
      throw new IllegalArgumentException(
          "indicators must name at least one indicator but was '" + specList + "'");
    if (specs.size() > MAX_SPECS)
      throw new IllegalArgumentException(
          "at most " + MAX_SPECS + " indicators at once but " + specs.size() + " were given");
    return List.copyOf(specs);
  }

  /**
   * How many bars to fetch for {@code specList}: the largest {@link IndicatorSpec#warmUp()}, at
   * least {@code minBars}, at most {@link #MAX_BARS} (or {@code minBars} when that is larger).
   *
   * @throws IllegalArgumentException naming the spec that is unknown or malformed
   */
  public static int barsFor(String specList, int minBars) {
    int need = minBars;
    for (IndicatorSpec spec : parse(specList))
      need = Math.max(need, Math.min(spec.warmUp(), MAX_BARS));
    return need;
  }

  /**
   * The specs of {@code specList} still warming up over {@code bars} bars, each with the bars it
   * needs, in spec order; empty when every value is warmed up.
   *
   * @throws IllegalArgumentException naming the spec that is unknown or malformed
   */
  public static Map<String, Integer> warmingUp(String specList, int bars) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (IndicatorSpec spec : parse(specList))
      if (bars < spec.warmUp()) out.put(spec.spec(), spec.warmUp());
    return out;
  }

  /**
   * The latest value of every indicator in {@code specList}, in spec order; NaN for an indicator
   * not warmed up over {@code candles} (see {@link #warmingUp}).
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
        boolean warm = candles.size() >= spec.warmUp() && v.length > 0;
        out.put(
            single ? spec.spec() : spec.spec() + "." + e.getKey(),
            warm ? v[v.length - 1] : Double.NaN);
      }
    }
    return out;
  }
}
