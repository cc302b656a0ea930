package dev.rez.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * The one JSON codec of Rez: text to plain trees and back, over Moshi's streaming reader.
 *
 * <p>The rules, the same wherever Rez reads or writes JSON:
 *
 * <ul>
 *   <li><b>Trees.</b> Objects read as insertion-ordered {@link LinkedHashMap}s, arrays as {@link
 *       ArrayList}s, strings, booleans and null as themselves.
 *   <li><b>Numbers read as {@link BigDecimal}</b>, exactly as written ({@code 1.50} keeps its
 *       scale; ids and nonces keep every digit), except that every zero reads as {@link
 *       BigDecimal#ZERO}. A number must lie within the reader's {@link Limits}: by default at most
 *       {@value #MAX_DIGITS} characters and a magnitude between {@code 1e-}{@value #MAX_EXPONENT}
 *       and {@code 1e}{@value #MAX_EXPONENT}, because a literal such as {@code 1e999999999} is
 *       short but would stall whoever prints or scales it (a model or a stranger can send one).
 *       {@link #number(String)} applies the same guard to a number inside a string.
 *   <li><b>Numbers write in plain notation</b>, never with an exponent: a {@link BigDecimal}
 *       without trailing zeros ({@code 1.50} as {@code 1.5}, {@code 1E+3} as {@code 1000}), a
 *       double as its shortest decimal ({@code 3.0} as {@code 3}, {@code 1.0E-5} as {@code
 *       0.00001}), integers as their digits. A value thus survives a round trip ({@code compareTo}
 *       equal), not its scale.
 *   <li><b>No NaN.</b> NaN and infinities are refused with a {@link JsonException} on write, and
 *       the reader refuses {@code NaN} and {@code Infinity} literals, as JSON does; write null or a
 *       string explicitly.
 *   <li><b>Stable key order.</b> A map writes in its iteration order (insertion order for the trees
 *       this class reads and for {@link #obj}); maps without a chosen order ({@link
 *       java.util.HashMap}, {@code Map.of}, {@link java.util.concurrent.ConcurrentHashMap}) write
 *       with their keys sorted, so output never changes from run to run.
 *   <li><b>Enums</b> write as their name in lower case, underscores kept: {@code OPEN_LONG} as
 *       {@code "open_long"}.
 *   <li>{@link RawJson} writes its text as is; anything else writes as the string of its {@code
 *       toString()} ({@link java.time.Instant} as ISO-8601).
 *   <li>Output is compact (no whitespace); strings escape quotes, backslashes, control characters
 *       and U+2028/9.
 * </ul>
 *
 * <pre>{@code
 * Map<String, Object> m = Json.parseObject("{\"px\":\"65000\",\"sz\":0.010,\"oid\":77}");
 * BigDecimal sz = (BigDecimal) m.get("sz");      // 0.010
 * String text = Json.write(Json.obj("coin", "BTC", "sz", sz)); // {"coin":"BTC","sz":0.01}
 * }</pre>
 *
 * <p>Stateless and threadsafe. For writing piece by piece, see {@link JsonOut}.
 */
public final class Json {
  /** The most characters (and so digits) a number may have by default. */
  public static final int MAX_DIGITS = 100;

  /** The largest decimal exponent, either way, of a number by default. */
  public static final int MAX_EXPONENT = 100;

  /**
   * Bounds on what a text may hold.
   *
   * @param maxDepth the deepest nesting of objects and arrays
   * @param maxNumberLength the most characters of a number literal
   * @param maxExponent the largest decimal exponent, either way, of a non-zero number: {@code 1e30}
   *     has 30, {@code 0.001} has -3
   */
  public record Limits(int maxDepth, int maxNumberLength, int maxExponent) {
    /**
     * The defaults: nesting 200 deep, numbers of {@value Json#MAX_DIGITS} characters within {@code
     * 1e±}{@value Json#MAX_EXPONENT}.
     */
    public static final Limits DEFAULT = new Limits(200, MAX_DIGITS, MAX_EXPONENT);

    /** Validates the bounds. */
    public Limits {
      if (maxDepth < 1 || maxDepth > 250)
        throw new IllegalArgumentException("maxDepth must be 1..250 but was " + maxDepth);
      if (maxNumberLength < 1)
        throw new IllegalArgumentException(
            "maxNumberLength must be positive but was " + maxNumberLength);
      if (maxExponent < 0)
        throw new IllegalArgumentException(
            "maxExponent must not be negative but was " + maxExponent);
    }
  }

  private Json() {}

  /**
   * Parses one JSON value within the default {@link Limits}.
   *
   * @throws JsonException when {@code text} is not exactly one JSON value, or a number is out of
   *     bounds
   */
  public static Object parse(String text) {
    return parse(text, Limits.DEFAULT);
  }

  /**
   * Parses one JSON value within {@code limits}.
   *
   * @throws JsonException when {@code text} is not exactly one JSON value, or exceeds the limits
   */
  public static Object parse(String text, Limits limits) {
    if (text == null) throw new JsonException("no JSON text (null)");
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      Object value = read(reader, 0, limits);
      if (!ended(reader)) throw new JsonException("not JSON: unexpected text after the JSON value");
      return value;
    } catch (IOException | JsonDataException e) {
      throw new JsonException("not JSON" + where(e));
    }
  }

  /**
   * Parses a JSON object within the default {@link Limits}.
   *
   * @throws JsonException when the text is not JSON or not an object
   */
  public static Map<String, Object> parseObject(String text) {
    return object(parse(text));
  }

  /**
   * Parses a JSON object within {@code limits}.
   *
   * @throws JsonException when the text is not JSON or not an object
   */
  public static Map<String, Object> parseObject(String text, Limits limits) {
    return object(parse(text, limits));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object v) {
    if (!(v instanceof Map)) throw new JsonException("expected a JSON object but got " + kind(v));
    return (Map<String, Object>) v;
  }

  /**
   * Checks, without building a tree, that {@code text} is exactly one JSON object.
   *
   * @throws JsonException naming what is wrong when it is not
   */
  public static void requireObject(String text) {
    if (text == null) throw new JsonException("no JSON text (null)");
    // The common case in one allocation-free pass; the reader decides (and explains) the rest.
    if (!JsonScan.isObject(text)) requireObjectByReader(text);
  }

  /** {@link #requireObject} by Moshi's strict reader alone. */
  static void requireObjectByReader(String text) {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(text))) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT)
        throw new JsonException(
            "expected a JSON object but got " + r.peek().name().toLowerCase(java.util.Locale.ROOT));
      r.skipValue();
      if (!ended(r)) throw new JsonException("not JSON: unexpected text after the object");
    } catch (IOException | JsonDataException e) {
      throw new JsonException("not JSON" + where(e));
    }
  }

  /**
   * True when nothing but whitespace follows the value read (a strict reader fails on a second
   * value).
   */
  private static boolean ended(JsonReader r) {
    try {
      return r.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | JsonDataException e) {
      return false;
    }
  }

  /** Moshi's message without its advice to the programmer: where the text stops being JSON. */
  private static String where(Exception e) {
    if (e instanceof EOFException) return " (it ends too early)";
    String m = e.getMessage() == null ? "" : e.getMessage().strip();
    if (m.startsWith("Use JsonReader.setLenient")) {
      int at = m.lastIndexOf(" at path ");
      return at < 0 ? "" : " (at " + m.substring(at + 9) + ")";
    }
    return m.isBlank() ? "" : " (" + m.replace(" at path ", " at ") + ")";
  }

  private static Object read(JsonReader r, int depth, Limits limits) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        if (depth >= limits.maxDepth())
          throw new JsonException(
              "not JSON we accept: nested deeper than " + limits.maxDepth() + " levels");
        Map<String, Object> map = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          map.put(name, read(r, depth + 1, limits));
        }
        r.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        if (depth >= limits.maxDepth())
          throw new JsonException(
              "not JSON we accept: nested deeper than " + limits.maxDepth() + " levels");
        List<Object> list = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) list.add(read(r, depth + 1, limits));
        r.endArray();
        return list;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        String literal = r.nextString();
        try {
          return number(literal, limits);
        } catch (NumberFormatException e) {
          throw new JsonException(e.getMessage() + " at " + r.getPath());
        }
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        return r.nextNull();
      }
      default -> throw new JsonException("not JSON: unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  /**
   * Reads a decimal number (surrounding whitespace ignored) within the default {@link Limits}: the
   * guard for numbers from a model or a stranger. Zero comes back as {@link BigDecimal#ZERO}
   * whatever its exponent.
   *
   * @throws NumberFormatException naming the text when it is not a number or out of bounds
   */
  public static BigDecimal number(String text) {
    return number(text.strip(), Limits.DEFAULT);
  }

  /**
   * Reads a decimal number within {@code limits}.
   *
   * @throws NumberFormatException naming the text when it is not a number or out of bounds
   */
  public static BigDecimal number(String text, Limits limits) {
    if (text.length() > limits.maxNumberLength()) {
      throw new NumberFormatException(
          "number "
              + shorten(text)
              + " is too long: "
              + text.length()
              + " characters, at most "
              + limits.maxNumberLength());
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("not a number: " + shorten(text));
    }
    if (d.signum() == 0) return BigDecimal.ZERO;
    long exponent = (long) d.precision() - d.scale() - 1;
    if (exponent > limits.maxExponent() || exponent < -limits.maxExponent()) {
      throw new NumberFormatException(
          "number "
              + shorten(text)
              + " is out of range: numbers must lie between 1e-"
              + limits.maxExponent()
              + " and 1e"
              + limits.maxExponent()
              + " in magnitude");
    }
    return d;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** The JSON kind of a parsed value, for messages: "an object", "a number", "null", … */
  public static String kind(Object v) {
    if (v == null) return "null";
    if (v instanceof Map) return "an object";
    if (v instanceof List) return "an array";
    if (v instanceof String) return "a string";
    if (v instanceof Number) return "a number";
    if (v instanceof Boolean) return "a boolean";
    return "a " + v.getClass().getSimpleName();
  }

  /**
   * Writes a value as compact JSON by the rules above.
   *
   * @throws JsonException for NaN and infinities
   */
  public static String write(Object value) {
    return new JsonOut().value(value).text();
  }

  /**
   * A JSON string literal for {@code s}: {@code quote("a\"b")} is {@code "a\"b"} with the quote
   * escaped.
   */
  public static String quote(String s) {
    return new JsonOut(s.length() + 8).value(s).text();
  }

  /**
   * An insertion-ordered map from alternating keys and values: {@code obj("a", 1, "b", null)}.
   *
   * @throws IllegalArgumentException when the arguments do not come in pairs
   */
  public static Map<String, Object> obj(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0)
      throw new IllegalArgumentException(
          "obj needs key/value pairs but got " + keysAndValues.length + " arguments");
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2)
      m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    return m;
  }
}
