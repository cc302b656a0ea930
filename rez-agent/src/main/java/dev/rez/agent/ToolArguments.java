package dev.rez.agent;

import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of one tool call, parsed from the model's JSON. Getters throw {@link ToolException}
 * naming the argument when it is missing or of the wrong kind, which the agent turns into an error
 * the model reads.
 *
 * <pre>{@code
 * Asset asset = args.asset("asset");
 * BigDecimal stop = args.decimal("stop_loss");
 * int leverage = args.integer("leverage").orElse(3);
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class ToolArguments {
  private final Map<String, Object> values;

  private ToolArguments(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Parses a JSON object of arguments (blank text is an empty object).
   *
   * @throws IllegalArgumentException when {@code json} is not a JSON object
   */
  public static ToolArguments parse(String json) {
    if (json == null || json.isBlank()) return new ToolArguments(Map.of());
    return new ToolArguments(Json.parseObject(json));
  }

  /** The arguments as parsed: strings, {@link BigDecimal}s, booleans, lists, maps. */
  public Map<String, Object> asMap() {
    return values;
  }

  /** True when {@code name} is present and not null. */
  public boolean has(String name) {
    return values.get(name) != null;
  }

  /** The required string {@code name}. */
  public String string(String name) {
    return optionalString(name).orElseThrow(() -> missing(name));
  }

  /** The string {@code name}, if present. */
  public Optional<String> optionalString(String name) {
    Object v = values.get(name);
    if (v == null) return Optional.empty();
    if (v instanceof String s) return Optional.of(s);
    if (v instanceof BigDecimal || v instanceof Boolean) return Optional.of(Json.write(v));
    throw wrong(name, "a string", v);
  }

  /** The required number {@code name}; numeric strings such as {@code "65000.5"} are accepted. */
  public BigDecimal decimal(String name) {
    return optionalDecimal(name).orElseThrow(() -> missing(name));
  }

  /** The number {@code name}, if present. */
  public Optional<BigDecimal> optionalDecimal(String name) {
    Object v = values.get(name);
    if (v == null) return Optional.empty();
    if (v instanceof BigDecimal b) return Optional.of(b);
    if (v instanceof String s) {
      try {
        new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        throw wrong(name, "a number", v);
      }
      try {
        return Optional.of(Json.number(s));
      } catch (NumberFormatException e) {
        throw new ToolException("argument '" + name + "': " + e.getMessage());
      }
    }
    throw wrong(name, "a number", v);
  }

  /** The whole number {@code name}, if present. */
  public Optional<Integer> integer(String name) {
    Optional<BigDecimal> d = optionalDecimal(name);
    if (d.isEmpty()) return Optional.empty();
    try {
      return Optional.of(d.get().intValueExact());
    } catch (ArithmeticException e) {
      throw wrong(name, "a whole number", d.get());
    }
  }

  /** The required asset {@code name}, e.g. {@code "BTC"}. */
  public Asset asset(String name) {
    String s = string(name).strip();
    try {
      return Asset.of(s);
    } catch (IllegalArgumentException e) {
      throw new ToolException("argument '" + name + "': " + e.getMessage());
    }
  }

  /** The required candle interval {@code name}, e.g. {@code "5m"}. */
  public Interval interval(String name) {
    String s = string(name).strip();
    try {
      return Interval.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ToolException("argument '" + name + "': " + e.getMessage());
    }
  }

  private static ToolException missing(String name) {
    return new ToolException("missing required argument '" + name + "'");
  }

  private static ToolException wrong(String name, String expected, Object v) {
    return new ToolException(
        "argument '" + name + "' must be " + expected + " but was " + Json.write(v));
  }

  /** The arguments as JSON. */
  @Override
  public String toString() {
    return Json.write(values);
  }
}
