package dev.rez.agent;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Minimal JSON tree reading and writing on Moshi's streaming API. Numbers are read as {@link BigDecimal} so that
 * prices keep every digit; objects become insertion-ordered maps. Internal.
 */
final class Json {
  private Json() {}

  /** Thrown when text is not JSON. */
  public static final class MalformedJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message) {
      super(message);
    }
  }

  /** The largest decimal exponent, either way, and the most digits a number read from a model may have. */
  static final int MAX_NUMBER_EXPONENT = 100;

  /**
   * Reads a decimal number, refusing magnitudes a trading tool never needs: {@code 1e99999999} is a few characters
   * but a hundred million digits once scaled to cents or printed plainly, which would stall whoever computes with it.
   * Zero comes back as plain {@code 0} whatever its exponent.
   *
   * @throws NumberFormatException naming the text when it is not a number or out of range
   */
  public static BigDecimal number(String text) {
    BigDecimal d;
    try {
      d = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new NumberFormatException("not a number: " + shorten(text));
    }
    if (d.signum() == 0) return BigDecimal.ZERO;
    long exponent = (long) d.precision() - d.scale() - 1;
    if (exponent > MAX_NUMBER_EXPONENT || exponent < -MAX_NUMBER_EXPONENT || d.precision() > MAX_NUMBER_EXPONENT) {
      throw new NumberFormatException("number " + shorten(text) + " is out of range: numbers must lie between 1e-" + MAX_NUMBER_EXPONENT
          + " and 1e" + MAX_NUMBER_EXPONENT + " in magnitude, with at most " + MAX_NUMBER_EXPONENT + " digits");
    }
    return d;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /**
   * Parses one JSON value: maps, lists, strings, {@link BigDecimal}s, booleans or null.
   *
   * @throws MalformedJsonException when {@code text} is not exactly one JSON value
   */
  public static Object parse(String text) {
    if (text == null) throw new MalformedJsonException("no JSON text (null)");
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) throw new MalformedJsonException("unexpected text after the JSON value at " + reader.getPath());
      return value;
    } catch (IOException | JsonDataException e) {
      throw new MalformedJsonException("not valid JSON" + where(e));
    }
  }

  /** Moshi's message without its advice to the programmer: where the text stops being JSON. */
  private static String where(Exception e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int at = m.lastIndexOf(" at path ");
    if (e instanceof java.io.EOFException) return " (it ends too early)";
    return at >= 0 ? " (at " + m.substring(at + 9) + ")" : m.isBlank() ? "" : " (" + m + ")";
  }

  /** Parses a JSON object. @throws MalformedJsonException when the text is not JSON or not an object */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) throw new MalformedJsonException("expected a JSON object but got " + kind(v));
    return (Map<String, Object>) v;
  }

  /** The JSON kind of a parsed value, for messages. */
  public static String kind(Object v) {
    if (v == null) return "null";
    if (v instanceof Map) return "an object";
    if (v instanceof List) return "an array";
    if (v instanceof String) return "a string";
    if (v instanceof Number) return "a number";
    if (v instanceof Boolean) return "a boolean";
    return v.getClass().getSimpleName();
  }

  private static Object read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          map.put(name, read(r));
        }
        r.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) list.add(read(r));
        r.endArray();
        return list;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        String s = r.nextString();
        try {
          return number(s);
        } catch (NumberFormatException e) {
          throw new MalformedJsonException(e.getMessage());
        }
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        return r.<Object>nextNull();
      }
      default -> throw new MalformedJsonException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  /**
   * Writes a value as compact JSON. Accepts maps (string keys), iterables, arrays of objects, strings, numbers
   * (non-finite doubles become null), booleans, null, enums (lower-case name) and anything else by
   * {@code toString()}.
   */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.setSerializeNulls(true);
      write(w, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof Map<?, ?> map) {
      w.beginObject();
      // Maps without a defined order (Map.of, HashMap) are written with sorted keys, so output is reproducible.
      Iterable<? extends Map.Entry<?, ?>> entries = map instanceof java.util.LinkedHashMap<?, ?> || map instanceof java.util.SortedMap<?, ?>
          ? map.entrySet()
          : sorted(map);
      for (Map.Entry<?, ?> e : entries) {
        w.name(String.valueOf(e.getKey()));
        write(w, e.getValue());
      }
      w.endObject();
    } else if (v instanceof Iterable<?> it) {
      w.beginArray();
      for (Object o : it) write(w, o);
      w.endArray();
    } else if (v instanceof Object[] arr) {
      w.beginArray();
      for (Object o : arr) write(w, o);
      w.endArray();
    } else if (v instanceof double[] arr) {
      w.beginArray();
      for (double d : arr) write(w, d);
      w.endArray();
    } else if (v instanceof String s) {
      w.value(s);
    } else if (v instanceof BigDecimal b) {
      w.value(new PlainNumber(b));
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) w.nullValue();
      else w.value(d);
    } else if (v instanceof Float f) {
      write(w, f.doubleValue());
    } else if (v instanceof Number n) {
      w.value(n);
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else if (v instanceof Enum<?> e) {
      w.value(e.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      w.value(v.toString());
    }
  }

  private static List<Map.Entry<?, ?>> sorted(Map<?, ?> map) {
    List<Map.Entry<?, ?>> list = new ArrayList<>(map.entrySet());
    list.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
    return list;
  }

  /** An insertion-ordered map from alternating keys and values: {@code obj("a", 1, "b", 2)}. */
  public static Map<String, Object> obj(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must come in pairs");
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    return m;
  }

  /** A BigDecimal written in plain notation (never {@code 1E+3}) without going through a double. */
  private static final class PlainNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final BigDecimal value;

    PlainNumber(BigDecimal value) {
      this.value = value;
    }

    @Override public int intValue() { return value.intValue(); }
    @Override public long longValue() { return value.longValue(); }
    @Override public float floatValue() { return value.floatValue(); }
    @Override public double doubleValue() { return value.doubleValue(); }

    @Override
    public String toString() {
      String s = value.stripTrailingZeros().toPlainString();
      return s;
    }
  }

  /** A JSON string literal for {@code s}. */
  public static String quote(String s) {
    return write(s);
  }
}
