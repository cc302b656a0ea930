package dev.rez.indicators;

import dev.rez.core.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds indicators from short text specs: a name, then parameters separated by {@code :}; trailing
 * parameters may be left out and take their defaults.
 *
 * <pre>{@code
 * IndicatorSpec macd = IndicatorRegistry.parse("macd:12:26:9");
 * macd.outputs();                       // [macd, signal, hist]
 * Map<String, double[]> series = macd.compute(candles);
 * Indicator live = IndicatorRegistry.parse("rsi").create();   // rsi:14
 * }</pre>
 *
 * <table>
 *   <caption>Known indicators</caption>
 *   <tr><th>spec</th><th>outputs</th></tr>
 *   <tr><td>{@code sma:period=20}, {@code ema:period=20}, {@code wma:period=20}</td><td>{@code sma}, {@code ema}, {@code wma}</td></tr>
 *   <tr><td>{@code rsi:period=14}</td><td>{@code rsi}</td></tr>
 *   <tr><td>{@code macd:fast=12:slow=26:signal=9}</td><td>{@code macd, signal, hist}</td></tr>
 *   <tr><td>{@code atr:period=14}, {@code tr}</td><td>{@code atr}, {@code tr}</td></tr>
 *   <tr><td>{@code bb:period=20:deviations=2}</td><td>{@code upper, middle, lower, percentB, bandwidth}</td></tr>
 *   <tr><td>{@code stddev:period=20}</td><td>{@code stddev}</td></tr>
 *   <tr><td>{@code stoch:fastK=14:slowK=3:slowD=3}</td><td>{@code k, d}</td></tr>
 *   <tr><td>{@code adx:period=14}</td><td>{@code adx, plusDi, minusDi}</td></tr>
 *   <tr><td>{@code obv}</td><td>{@code obv}</td></tr>
 *   <tr><td>{@code vwap:session=1d}</td><td>{@code vwap}</td></tr>
 *   <tr><td>{@code roc:period=10}</td><td>{@code roc}</td></tr>
 * </table>
 *
 * <p>This class is thread-safe.
 */
public final class IndicatorRegistry {
  private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

  static {
    define("sma", "simple moving average", p -> new Sma(p.integer(0)), intParam("period", 20));
    define(
        "ema",
        "exponential moving average (SMA-seeded)",
        p -> new Ema(p.integer(0)),
        intParam("period", 20));
    define(
        "wma",
        "linearly weighted moving average",
        p -> new Wma(p.integer(0)),
        intParam("period", 20));
    define(
        "rsi",
        "relative strength index (Wilder)",
        p -> new Rsi(p.integer(0)),
        intParam("period", 14));
    define(
        "macd",
        "moving average convergence/divergence",
        p -> new Macd(p.integer(0), p.integer(1), p.integer(2)),
        intParam("fast", 12),
        intParam("slow", 26),
        intParam("signal", 9));
    define(
        "atr", "average true range (Wilder)", p -> new Atr(p.integer(0)), intParam("period", 14));
    define("tr", "true range", p -> new TrueRange());
    define(
        "bb",
        "Bollinger Bands",
        p -> new BollingerBands(p.integer(0), p.real(1)),
        intParam("period", 20),
        realParam("deviations", 2));
    define(
        "stddev",
        "population standard deviation",
        p -> new StdDev(p.integer(0)),
        intParam("period", 20));
    define(
        "stoch",
        "slow stochastic oscillator",
        p -> new Stochastic(p.integer(0), p.integer(1), p.integer(2)),
        intParam("fastK", 14),
        intParam("slowK", 3),
        intParam("slowD", 3));
    define(
        "adx",
        "average directional index with +DI/-DI",
        p -> new Adx(p.integer(0)),
        intParam("period", 14));
    define("obv", "on-balance volume", p -> new Obv());
    define(
        "vwap",
        "session-anchored volume-weighted average price",
        p -> new Vwap(p.interval(0)),
        new Param("session", Kind.INTERVAL, "1d"));
    define("roc", "rate of change in percent", p -> new Roc(p.integer(0)), intParam("period", 10));
  }

  private IndicatorRegistry() {}

  /**
   * Parses a spec such as {@code rsi:14}, {@code macd:12:26:9} or {@code bb:20:2}. Names are
   * case-insensitive; omitted trailing parameters take their defaults.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the known ones), a
   *     wrong number of parameters, a malformed number or a parameter out of range; the message
   *     quotes the spec
   * @throws NullPointerException if {@code spec} is null
   */
  public static IndicatorSpec parse(String spec) {
    Objects.requireNonNull(spec, "spec == null");
    String[] parts = spec.trim().split(":", -1);
    String name = parts[0].trim().toLowerCase(Locale.ROOT);
    Definition def = DEFINITIONS.get(name);
    if (def == null) {
      throw new IllegalArgumentException(
          "unknown indicator '"
              + parts[0].trim()
              + "' in spec '"
              + spec
              + "' (known: "
              + String.join(", ", DEFINITIONS.keySet())
              + ")");
    }
    int given = parts.length - 1;
    if (given > def.params.length) {
      throw new IllegalArgumentException(
          "indicator spec '"
              + spec
              + "': "
              + name
              + " takes at most "
              + def.params.length
              + " parameter(s) ("
              + def.usage()
              + ") but "
              + given
              + " were given");
    }
    Object[] values = new Object[def.params.length];
    StringBuilder canonical = new StringBuilder(name);
    for (int i = 0; i < def.params.length; i++) {
      Param param = def.params[i];
      String raw = i < given ? parts[i + 1].trim() : param.defaultValue;
      if (raw.isEmpty()) {
        throw new IllegalArgumentException(
            "indicator spec '"
                + spec
                + "': "
                + name
                + " parameter '"
                + param.name
                + "' is empty (usage: "
                + def.usage()
                + ")");
      }
      values[i] = param.parse(raw, spec, name);
      canonical.append(':').append(param.format(values[i]));
    }
    Function<Values, Indicator> factory = def.factory;
    Values parsed = new Values(values);
    try {
      return new IndicatorSpec(name, canonical.toString(), () -> factory.apply(parsed));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("indicator spec '" + spec + "': " + e.getMessage(), e);
    }
  }

  /** The known indicator names, in a stable order. */
  public static List<String> names() {
    return List.copyOf(DEFINITIONS.keySet());
  }

  /**
   * One line per indicator with its syntax, defaults and outputs, e.g. {@code
   * macd[:fast=12[:slow=26[:signal=9]]] — moving average convergence/divergence → macd, signal,
   * hist}; suitable for a help text or a tool description.
   */
  public static List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Definition> e : DEFINITIONS.entrySet()) {
      Definition def = e.getValue();
      List<String> outputs = parse(e.getKey()).outputs();
      lines.add(def.usage() + " — " + def.description + " → " + String.join(", ", outputs));
    }
    return List.copyOf(lines);
  }

  private static void define(
      String name, String description, Function<Values, Indicator> factory, Param... params) {
    DEFINITIONS.put(name, new Definition(name, description, factory, params));
  }

  private static Param intParam(String name, int defaultValue) {
    return new Param(name, Kind.INT, Integer.toString(defaultValue));
  }

  private static Param realParam(String name, double defaultValue) {
    return new Param(name, Kind.REAL, Kind.REAL.format(defaultValue));
  }

  private enum Kind {
    INT,
    REAL,
    INTERVAL;

    String format(Object value) {
      if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15)
        return Long.toString(d.longValue());
      return value.toString();
    }
  }

  private record Param(String name, Kind kind, String defaultValue) {
    Object parse(String raw, String spec, String indicator) {
      String where = "indicator spec '" + spec + "': " + indicator + " parameter '" + name + "'";
      switch (kind) {
        case INT -> {
          try {
            return Integer.parseInt(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be an integer but was '" + raw + "'");
          }
        }
        case REAL -> {
          double v;
          try {
            v = Double.parseDouble(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a number but was '" + raw + "'");
          }
          if (!Double.isFinite(v))
            throw new IllegalArgumentException(where + " must be finite but was '" + raw + "'");
          return v;
        }
        default -> {
          try {
            return Interval.parse(raw);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
          }
        }
      }
    }

    String format(Object value) {
      return kind.format(value);
    }
  }

  private record Definition(
      String name, String description, Function<Values, Indicator> factory, Param[] params) {
    String usage() {
      StringBuilder s = new StringBuilder(name);
      for (Param p : params) s.append("[:").append(p.name).append('=').append(p.defaultValue);
      s.append("]".repeat(params.length));
      return s.toString();
    }
  }

  private record Values(Object[] values) {
    int integer(int i) {
      return (Integer) values[i];
    }

    double real(int i) {
      return (Double) values[i];
    }

    Interval interval(int i) {
      return (Interval) values[i];
    }
  }
}
