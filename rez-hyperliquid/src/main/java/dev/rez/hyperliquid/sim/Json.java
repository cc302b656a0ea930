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

  /** Compact JSON in the client's own writer: key order kept, {@link BigDecimal} in plain notation. */
  static String write(Object value) {
    return dev.rez.hyperliquid.Json.write(value);
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
