package dev.rez.hyperliquid;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * JSON for signed payloads: parsing keeps object key order and exact numbers, writing keeps map order.
 *
 * <p>Objects parse to {@link LinkedHashMap}, arrays to {@link ArrayList}, integers to {@link Long} (or
 * {@link BigInteger} beyond 64 bits), other numbers to {@link BigDecimal}. A generic JSON library would turn
 * ids into doubles and reorder keys; this keeps what the signature covers intact, so
 * {@code Signing.recoverL1Signer((Map) Json.parse(body).get("action"), …)} verifies a request body.
 *
 * <pre>{@code
 * Map<String, Object> body = Json.parseObject("{\"action\":{\"type\":\"noop\"},\"nonce\":1}");
 * String text = Json.write(body); // {"action":{"type":"noop"},"nonce":1}
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class Json {
  private Json() {}

  /**
   * Parses any JSON value.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static Object parse(String json) {
    if (json == null) throw new NullPointerException("json == null");
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      Object value = read(reader);
      boolean trailing;
      try {
        trailing = reader.peek() != JsonReader.Token.END_DOCUMENT;
      } catch (JsonEncodingException e) {
        trailing = true;
      }
      if (trailing) throw new IllegalArgumentException("not JSON: trailing data after the JSON value");
      return value;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException when the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String json) {
    Object v = parse(json);
    if (!(v instanceof Map)) throw new IllegalArgumentException("expected a JSON object but got " + describe(v));
    return (Map<String, Object>) v;
  }

  private static Object read(JsonReader r) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) m.put(r.nextName(), read(r));
        r.endObject();
        return m;
      }
      case BEGIN_ARRAY -> {
        List<Object> l = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) l.add(read(r));
        r.endArray();
        return l;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        return number(r.nextString());
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        return r.nextNull();
      }
      default -> throw new IllegalArgumentException("unexpected JSON token " + r.peek() + " at " + r.getPath());
    }
  }

  private static Object number(String literal) {
    if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
      BigInteger bi = new BigInteger(literal);
      return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
    }
    return new BigDecimal(literal);
  }

  /**
   * Writes maps (in iteration order), lists, strings, booleans, numbers ({@link BigDecimal} in plain
   * notation) and nulls as compact JSON.
   *
   * @throws IllegalArgumentException for other types or non-finite doubles
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(128);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    switch (v) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Boolean b -> sb.append(b);
      case BigDecimal bd -> sb.append(bd.toPlainString());
      case Double d -> {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("cannot write " + d + " as JSON");
        sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
      }
      case Number n -> sb.append(n);
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) sb.append(',');
          first = false;
          string(sb, String.valueOf(e.getKey()));
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) sb.append(',');
          write(sb, l.get(i));
        }
        sb.append(']');
      }
      default -> throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }

  private static void string(StringBuilder sb, String s) {
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

  static String describe(Object v) {
    return v == null ? "null" : v instanceof Map ? "an object" : v instanceof List ? "an array" : v instanceof String ? "a string" : "a " + v.getClass().getSimpleName();
  }
}
