package dev.rez.hyperliquid.sim;

import dev.rez.json.JsonException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as plain trees, read by {@link dev.rez.json.Json} (objects are insertion-ordered
 * maps, numbers exact {@link BigDecimal}s), and field access that answers a bad body with a {@link
 * BadRequest}.
 *
 * <p>Input comes from anyone who can reach the port, so the reader bounds what a body may hold:
 * nesting up to {@value #MAX_DEPTH} levels, numbers of at most {@value #MAX_NUMBER_CHARS}
 * characters whose exponent keeps them within {@code 1e±}{@value #MAX_EXPONENT}. A number such as
 * {@code 1e999999999} would otherwise make every later sum or {@code toPlainString} of it run for
 * minutes.
 */
final class Json {
  static final int MAX_DEPTH = 32;
  static final int MAX_NUMBER_CHARS = 40;
  static final int MAX_EXPONENT = 30;

  private static final dev.rez.json.Json.Limits LIMITS =
      new dev.rez.json.Json.Limits(MAX_DEPTH, MAX_NUMBER_CHARS, MAX_EXPONENT);

  private Json() {}

  /** Raised for a body that is not JSON or not of the expected shape. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  static Object parse(String text) {
    try {
      return dev.rez.json.Json.parse(text, LIMITS);
    } catch (JsonException e) {
      throw new BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
  }

  /** A JSON number literal within the reader's bounds. */
  static BigDecimal number(String literal) {
    try {
      return dev.rez.json.Json.number(literal, LIMITS);
    } catch (NumberFormatException e) {
      throw new BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
  }

  /**
   * A decimal string from the wire ({@code "65000"}, {@code "0.0147"}): plain digits with an
   * optional sign and fraction, within the reader's bounds. Exponents are refused, as the exchange
   * refuses them.
   *
   * @throws BadRequest when the text is not such a decimal
   */
  static BigDecimal decimalString(String text, String field) {
    if (text.length() > MAX_NUMBER_CHARS || !PLAIN_DECIMAL.matcher(text).matches()) {
      throw new BadRequest(
          "Failed to deserialize the JSON body: " + field + " must be a decimal string");
    }
    return number(text);
  }

  private static final java.util.regex.Pattern PLAIN_DECIMAL =
      java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /**
   * Compact JSON by the rules of {@link dev.rez.json.Json}: key order kept, numbers in plain
   * notation.
   */
  static String write(Object value) {
    return dev.rez.json.Json.write(value);
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

  /** The most orders, cancels or modifies one action may carry. */
  static final int MAX_BATCH = 1000;

  /**
   * An array of at most {@value #MAX_BATCH} items: the orders, cancels or modifies of one action.
   */
  static List<Object> batch(Object v, String field) {
    List<Object> list = array(v, field);
    if (list.size() > MAX_BATCH) {
      throw new BadRequest(
          "Failed to deserialize the JSON body: "
              + field
              + " holds "
              + list.size()
              + " items, at most "
              + MAX_BATCH);
    }
    return list;
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
        throw new BadRequest(
            "Failed to deserialize the JSON body: " + field + " must be an integer but was " + d);
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
