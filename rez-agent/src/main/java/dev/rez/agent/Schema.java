package dev.rez.agent;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks tool arguments against the subset of JSON Schema tools use: {@code type} (object, string,
 * number, integer, boolean, array), {@code properties}, {@code required}, {@code
 * additionalProperties: false}, {@code enum}, {@code minimum}, {@code maximum}, {@code
 * exclusiveMinimum}, {@code minLength}, {@code items}. Internal.
 */
final class Schema {
  private Schema() {}

  /**
   * Parses and sanity-checks a tool's parameter schema.
   *
   * @throws IllegalArgumentException naming the tool when the schema is not a JSON object of type
   *     object
   */
  public static Map<String, Object> parseToolSchema(String tool, String schema) {
    Map<String, Object> s;
    try {
      s = Json.parseObject(schema);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tool '" + tool + "' parameters must be a JSON Schema object: " + e.getMessage(), e);
    }
    Object type = s.get("type");
    if (type != null && !"object".equals(type)) {
      throw new IllegalArgumentException(
          "tool '" + tool + "' parameters must have type object but had " + Json.write(type));
    }
    return s;
  }

  /**
   * Every way {@code value} breaks {@code schema}, as sentences naming the argument; empty when it
   * conforms.
   */
  public static List<String> validate(Map<String, Object> schema, Object value) {
    List<String> errors = new ArrayList<>();
    check(schema, value, "arguments", errors);
    return errors;
  }

  @SuppressWarnings("unchecked")
  private static void check(
      Map<String, Object> schema, Object v, String path, List<String> errors) {
    Object type = schema.get("type");
    if (type instanceof String t && !matches(t, v)) {
      errors.add(path + " must be " + article(t) + " but was " + describe(v));
      return;
    }
    Object en = schema.get("enum");
    if (en instanceof List<?> values && !containsJson(values, v)) {
      errors.add(path + " must be one of " + Json.write(values) + " but was " + describe(v));
    }
    if (v instanceof BigDecimal n) {
      if (schema.get("minimum") instanceof BigDecimal min && n.compareTo(min) < 0) {
        errors.add(path + " must be >= " + min.toPlainString() + " but was " + n.toPlainString());
      }
      if (schema.get("exclusiveMinimum") instanceof BigDecimal min && n.compareTo(min) <= 0) {
        errors.add(path + " must be > " + min.toPlainString() + " but was " + n.toPlainString());
      }
      if (schema.get("maximum") instanceof BigDecimal max && n.compareTo(max) > 0) {
        errors.add(path + " must be <= " + max.toPlainString() + " but was " + n.toPlainString());
      }
    }
    if (v instanceof String s
        && schema.get("minLength") instanceof BigDecimal min
        && s.strip().length() < min.intValue()) {
      errors.add(
          path + " must have at least " + min.intValue() + " characters but was " + describe(v));
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> props =
          schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
      if (schema.get("required") instanceof List<?> req) {
        for (Object name : req) {
          if (!map.containsKey(name) || map.get(name) == null)
            errors.add("missing required argument '" + name + "'");
        }
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = String.valueOf(e.getKey());
        Object ps = props.get(name);
        if (ps instanceof Map<?, ?> sub) {
          if (e.getValue() != null)
            check((Map<String, Object>) sub, e.getValue(), "argument '" + name + "'", errors);
        } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
          errors.add("unknown argument '" + name + "' (expected " + props.keySet() + ")");
        }
      }
    }
    if (v instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < list.size(); i++)
        check((Map<String, Object>) items, list.get(i), path + "[" + i + "]", errors);
    }
  }

  private static boolean matches(String type, Object v) {
    return switch (type) {
      case "object" -> v instanceof Map;
      case "array" -> v instanceof List;
      case "string" -> v instanceof String;
      case "number" -> v instanceof BigDecimal;
      case "integer" -> v instanceof BigDecimal b && isInteger(b);
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      default -> true;
    };
  }

  static boolean isInteger(BigDecimal b) {
    return b.signum() == 0 || b.stripTrailingZeros().scale() <= 0;
  }

  private static boolean containsJson(List<?> values, Object v) {
    for (Object o : values) {
      if (o instanceof BigDecimal a && v instanceof BigDecimal b
          ? a.compareTo(b) == 0
          : java.util.Objects.equals(o, v)) return true;
    }
    return false;
  }

  private static String article(String type) {
    return switch (type) {
      case "object", "array", "integer" -> "an " + type;
      default -> "a " + type;
    };
  }

  private static String describe(Object v) {
    String json = Json.write(v);
    if (json.length() > 60) json = json.substring(0, 60) + "…";
    return json + " (" + Json.kind(v) + ")";
  }
}
