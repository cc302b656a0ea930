package dev.rez.agent.internal;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The agent's JSON: {@link dev.rez.json.Json} with its default bounds, which are the guard on absurd numbers
 * from a model ({@code 1e99999999} in a tool argument is refused, not scaled). Internal.
 */
public final class Json {
  private Json() {}

  /**
   * Reads a decimal number, refusing magnitudes a trading tool never needs (beyond {@code 1e±100}) and
   * literals of more than 100 characters. Zero comes back as plain {@code 0} whatever its exponent.
   *
   * @throws NumberFormatException naming the text when it is not a number or out of range
   */
  public static BigDecimal number(String text) {
    return dev.rez.json.Json.number(text);
  }

  /**
   * Parses one JSON value: maps, lists, strings, {@link BigDecimal}s, booleans or null.
   *
   * @throws dev.rez.json.JsonException when {@code text} is not exactly one JSON value or holds an absurd number
   */
  public static Object parse(String text) {
    return dev.rez.json.Json.parse(text);
  }

  /** Parses a JSON object. @throws dev.rez.json.JsonException when the text is not JSON or not an object */
  public static Map<String, Object> parseObject(String text) {
    return dev.rez.json.Json.parseObject(text);
  }

  /** The JSON kind of a parsed value, for messages. */
  public static String kind(Object v) {
    return dev.rez.json.Json.kind(v);
  }

  /**
   * Writes a value as compact JSON by the rules of {@link dev.rez.json.Json}.
   *
   * @throws dev.rez.json.JsonException for NaN and infinities (write null for an unknown number explicitly)
   */
  public static String write(Object value) {
    return dev.rez.json.Json.write(value);
  }

  /** An insertion-ordered map from alternating keys and values: {@code obj("a", 1, "b", 2)}. */
  public static Map<String, Object> obj(Object... keysAndValues) {
    return dev.rez.json.Json.obj(keysAndValues);
  }

  /** A JSON string literal for {@code s}. */
  public static String quote(String s) {
    return dev.rez.json.Json.quote(s);
  }
}
