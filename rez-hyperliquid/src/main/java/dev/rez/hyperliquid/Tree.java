package dev.rez.hyperliquid;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON with errors that say which response and field were wrong. Internal.
 */
final class Tree {
  private Tree() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> obj(Object v, String what) {
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new HyperliquidException.Malformed(
        what + ": expected an object but got " + Json.kind(v), null);
  }

  @SuppressWarnings("unchecked")
  static List<Object> arr(Object v, String what) {
    if (v instanceof List<?> l) return (List<Object>) l;
    throw new HyperliquidException.Malformed(
        what + ": expected an array but got " + Json.kind(v), null);
  }

  static Object get(Map<String, Object> m, String key, String what) {
    Object v = m.get(key);
    if (v == null)
      throw new HyperliquidException.Malformed(what + ": field '" + key + "' is missing", null);
    return v;
  }

  static String str(Map<String, Object> m, String key, String what) {
    Object v = get(m, key, what);
    if (v instanceof String s) return s;
    throw new HyperliquidException.Malformed(
        what + ": field '" + key + "' must be a string but was " + v, null);
  }

  static String strOrNull(Map<String, Object> m, String key, String what) {
    return m.get(key) == null ? null : str(m, key, what);
  }

  static BigDecimal dec(Map<String, Object> m, String key, String what) {
    return toDecimal(get(m, key, what), key, what);
  }

  static BigDecimal decOrNull(Map<String, Object> m, String key, String what) {
    Object v = m.get(key);
    return v == null ? null : toDecimal(v, key, what);
  }

  static BigDecimal toDecimal(Object v, String key, String what) {
    try {
      return switch (v) {
        case String s -> new BigDecimal(s);
        case BigDecimal b -> b;
        case Long l -> BigDecimal.valueOf(l);
        case java.math.BigInteger bi -> new BigDecimal(bi);
        default -> throw new NumberFormatException();
      };
    } catch (NumberFormatException e) {
      throw new HyperliquidException.Malformed(
          what + ": field '" + key + "' must be a decimal but was " + v, null);
    }
  }

  static long lng(Map<String, Object> m, String key, String what) {
    Object v = get(m, key, what);
    if (v instanceof Long l) return l;
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException ignored) {
        // fall through
      }
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    throw new HyperliquidException.Malformed(
        what + ": field '" + key + "' must be an integer but was " + v, null);
  }

  static boolean bool(Map<String, Object> m, String key, boolean dflt) {
    return m.get(key) instanceof Boolean b ? b : dflt;
  }
}
