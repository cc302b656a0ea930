package dev.rez.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A streaming writer of compact JSON, following the rules of {@link Json} (plain numbers without
 * trailing zeros, NaN refused, stable key order, enums in lower case). Calls chain; {@link #text()}
 * returns what was written.
 *
 * <pre>{@code
 * String s = new JsonOut().begin().field("coin", "BTC").field("px", new BigDecimal("65000.50"))
 *     .name("levels").value(List.of(1, 2)).end().text(); // {"coin":"BTC","px":65000.5,"levels":[1,2]}
 * }</pre>
 *
 * <p>The caller keeps the structure valid (a name before each value in an object); {@link #text()}
 * checks that every object and array was closed. Not threadsafe: one writer per document.
 */
public final class JsonOut {
  private static final Class<?> UNORDERED_IMMUTABLE_MAP = Map.of("a", 1, "b", 2).getClass();

  private final StringBuilder sb;
  private boolean comma;
  private int depth;

  /** An empty writer. */
  public JsonOut() {
    this(128);
  }

  /** An empty writer with room for about {@code capacity} characters. */
  public JsonOut(int capacity) {
    sb = new StringBuilder(capacity);
  }

  /** Opens an object. */
  public JsonOut begin() {
    separate();
    sb.append('{');
    depth++;
    comma = false;
    return this;
  }

  /** Closes the innermost object. */
  public JsonOut end() {
    return close('}');
  }

  /** Opens an array. */
  public JsonOut beginArray() {
    separate();
    sb.append('[');
    depth++;
    comma = false;
    return this;
  }

  /** Closes the innermost array. */
  public JsonOut endArray() {
    return close(']');
  }

  private JsonOut close(char c) {
    if (depth == 0) throw new IllegalStateException("nothing to close with '" + c + "'");
    depth--;
    sb.append(c);
    comma = true;
    return this;
  }

  /** The name of the next member of the current object. */
  public JsonOut name(String name) {
    separate();
    string(name);
    sb.append(':');
    comma = false;
    return this;
  }

  /** A string, or null. */
  public JsonOut value(String s) {
    separate();
    if (s == null) sb.append("null");
    else string(s);
    comma = true;
    return this;
  }

  /** An integer. */
  public JsonOut value(long v) {
    separate();
    sb.append(v);
    comma = true;
    return this;
  }

  /** {@code true} or {@code false}. */
  public JsonOut value(boolean v) {
    separate();
    sb.append(v);
    comma = true;
    return this;
  }

  /**
   * A finite double in plain notation: {@code 3.0} as {@code 3}, {@code 1.0E-5} as {@code 0.00001}.
   *
   * @throws JsonException for NaN and infinities, which JSON cannot express
   */
  public JsonOut value(double v) {
    separate();
    appendDouble(v);
    comma = true;
    return this;
  }

  /** A decimal in plain notation without trailing zeros ({@code 1.50} as {@code 1.5}), or null. */
  public JsonOut value(BigDecimal v) {
    separate();
    if (v == null) sb.append("null");
    else appendDecimal(v);
    comma = true;
    return this;
  }

  /**
   * Any value by the rules of {@link Json#write(Object)}: maps, collections, arrays, strings,
   * numbers, booleans, enums, {@link RawJson}, null, and anything else as the string of its {@code
   * toString()}.
   *
   * @throws JsonException for NaN and infinities
   */
  public JsonOut value(Object v) {
    separate();
    any(v);
    comma = true;
    return this;
  }

  /** {@code null}. */
  public JsonOut nullValue() {
    separate();
    sb.append("null");
    comma = true;
    return this;
  }

  /** Already-valid JSON text as the next value, inserted as is. */
  public JsonOut raw(String json) {
    separate();
    sb.append(json);
    comma = true;
    return this;
  }

  /** A string member. */
  public JsonOut field(String name, String v) {
    return name(name).value(v);
  }

  /** An integer member. */
  public JsonOut field(String name, long v) {
    return name(name).value(v);
  }

  /** A boolean member. */
  public JsonOut field(String name, boolean v) {
    return name(name).value(v);
  }

  /** A finite double member. @throws JsonException for NaN and infinities */
  public JsonOut field(String name, double v) {
    return name(name).value(v);
  }

  /** A decimal member (null allowed). */
  public JsonOut field(String name, BigDecimal v) {
    return name(name).value(v);
  }

  /** A member of any value, by the rules of {@link #value(Object)}. */
  public JsonOut field(String name, Object v) {
    return name(name).value(v);
  }

  /**
   * The JSON written so far.
   *
   * @throws IllegalStateException when an object or array is still open
   */
  public String text() {
    if (depth != 0) throw new IllegalStateException(depth + " object(s) or array(s) still open");
    return sb.toString();
  }

  private void separate() {
    if (comma) sb.append(',');
  }

  // ------------------------------------------------------------ values

  private void any(Object v) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(s);
      case BigDecimal d -> appendDecimal(d);
      case Double d -> appendDouble(d);
      case Float f -> appendFloat(f);
      case Number n -> sb.append(n.toString());
      case Boolean b -> sb.append(b.booleanValue());
      case Map<?, ?> m -> map(m);
      case Collection<?> c -> {
        sb.append('[');
        boolean first = true;
        for (Object o : c) {
          if (!first) sb.append(',');
          first = false;
          any(o);
        }
        sb.append(']');
      }
      case Object[] a -> any(java.util.Arrays.asList(a));
      case double[] a -> {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
          if (i > 0) sb.append(',');
          appendDouble(a[i]);
        }
        sb.append(']');
      }
      case long[] a -> {
        sb.append('[');
        for (int i = 0; i < a.length; i++) {
          if (i > 0) sb.append(',');
          sb.append(a[i]);
        }
        sb.append(']');
      }
      case Enum<?> e -> string(e.name().toLowerCase(Locale.ROOT));
      case RawJson r -> sb.append(r.json());
      default -> string(v.toString());
    }
  }

  private void map(Map<?, ?> m) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : unordered(m) ? sorted(m) : m.entrySet()) {
      if (!first) sb.append(',');
      first = false;
      string(String.valueOf(e.getKey()));
      sb.append(':');
      any(e.getValue());
    }
    sb.append('}');
  }

  /**
   * Maps whose iteration order is not one anybody chose (and, for {@code Map.of}, changes from run
   * to run).
   */
  static boolean unordered(Map<?, ?> m) {
    if (m.size() < 2 || m instanceof LinkedHashMap) return false;
    return m.getClass() == UNORDERED_IMMUTABLE_MAP
        || m instanceof HashMap
        || m instanceof ConcurrentHashMap
        || m instanceof Hashtable;
  }

  private static List<Map.Entry<?, ?>> sorted(Map<?, ?> m) {
    List<Map.Entry<?, ?>> list = new ArrayList<>(m.entrySet());
    list.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
    return list;
  }

  private void appendDecimal(BigDecimal d) {
    if (d.signum() == 0) sb.append('0');
    else if (d.scale() > 0) sb.append(d.stripTrailingZeros().toPlainString());
    else sb.append(d.toPlainString());
  }

  private void appendDouble(double d) {
    if (!Double.isFinite(d)) throw nonFinite(d);
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      sb.append((long) d);
      return;
    }
    plain(Double.toString(d));
  }

  private void appendFloat(float f) {
    if (!Float.isFinite(f)) throw nonFinite(f);
    if (f == Math.rint(f) && Math.abs(f) < 1e7f) {
      sb.append((long) f);
      return;
    }
    plain(Float.toString(f));
  }

  private void plain(String shortest) {
    if (shortest.indexOf('E') < 0) sb.append(shortest);
    else sb.append(new BigDecimal(shortest).stripTrailingZeros().toPlainString());
  }

  private static JsonException nonFinite(double d) {
    return new JsonException(
        "cannot write "
            + d
            + " as JSON: NaN and infinities have no JSON form (write null or a string for them explicitly)");
  }

  private void string(String s) {
    sb.append('"');
    int run = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029) continue;
      sb.append(s, run, i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          sb.append("\\u");
          String hex = Integer.toHexString(c);
          for (int k = hex.length(); k < 4; k++) sb.append('0');
          sb.append(hex);
        }
      }
      run = i + 1;
    }
    sb.append(s, run, n);
    sb.append('"');
  }
}
