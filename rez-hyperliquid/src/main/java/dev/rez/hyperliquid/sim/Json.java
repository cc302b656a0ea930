package dev.rez.hyperliquid.sim;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * JSON as plain trees: objects are insertion-ordered maps, arrays lists, numbers {@link BigDecimal} (exact, so
 * nonces and ids survive), strings, booleans and null.
 */
final class Json {
  private Json() {}

  /** Raised for a body that is not JSON or not of the expected shape. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  static Object parse(String text) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) throw new BadRequest("trailing data after the JSON value");
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadRequest b) throw b;
      throw new BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
  }

  private static Object read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) map.put(r.nextName(), read(r));
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
        return new BigDecimal(r.nextString());
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        return r.nextNull();
      }
      default -> throw new BadRequest("unexpected JSON token " + r.peek());
    }
  }

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> quote(s, sb);
      case Boolean b -> sb.append(b);
      case BigDecimal d -> sb.append(d.toPlainString());
      case Number n -> sb.append(n);
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          quote(String.valueOf(e.getKey()), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) sb.append(',');
          write(l.get(i), sb);
        }
        sb.append(']');
      }
      default -> throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  // ------------------------------------------------------------ field access with clear errors

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v, String field) {
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be an object");
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object v, String field) {
    if (v instanceof List<?> l) return (List<Object>) l;
    throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be an array");
  }

  static String string(Map<String, Object> m, String field) {
    if (m.get(field) instanceof String s) return s;
    throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be a string");
  }

  static String optString(Map<String, Object> m, String field) {
    Object v = m.get(field);
    if (v == null) return null;
    if (v instanceof String s) return s;
    throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be a string");
  }

  static long integer(Map<String, Object> m, String field) {
    if (m.get(field) instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be an integer but was " + d);
      }
    }
    throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be an integer");
  }

  static Long optInteger(Map<String, Object> m, String field) {
    return m.get(field) == null ? null : integer(m, field);
  }

  static boolean bool(Map<String, Object> m, String field) {
    if (m.get(field) instanceof Boolean b) return b;
    throw new BadRequest("Failed to deserialize the JSON body: " + field + " must be a boolean");
  }
}
