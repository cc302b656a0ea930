package dev.rez.app.loop;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal JSON for diary payloads and state files: writes maps, lists, strings, numbers (a {@link BigDecimal}
 * as its exact plain digits), booleans, instants (ISO-8601 strings), enums (lower-case kebab) and
 * {@link Raw} pre-rendered JSON; parses text into maps, lists, strings, {@link BigDecimal}s, booleans and
 * null.
 *
 * <pre>{@code
 * String json = Json.write(Json.obj("cycle", 12, "ok", true));
 * Map<String, Object> back = Json.parseObject(json);
 * }</pre>
 *
 * <p>Stateless and threadsafe.
 */
public final class Json {
  private Json() {}

  /**
   * JSON text inserted as is.
   *
   * @param json valid JSON
   */
  public record Raw(String json) {}

  /** An insertion-ordered map from alternating keys and values: {@code obj("a", 1, "b", null)}. */
  public static Map<String, Object> obj(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("obj needs key/value pairs but got " + keysAndValues.length + " arguments");
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }

  /** {@code value} as JSON text. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    switch (v) {
      case null -> sb.append("null");
      case Raw r -> sb.append(r.json());
      case String s -> string(sb, s);
      case BigDecimal d -> sb.append(d.stripTrailingZeros().toPlainString());
      case Double d -> sb.append(Double.isFinite(d) ? d.toString() : "null");
      case Float f -> sb.append(Float.isFinite(f) ? f.toString() : "null");
      case Number n -> sb.append(n.toString());
      case Boolean b -> sb.append(b);
      case Instant t -> string(sb, t.toString());
      case Enum<?> e -> string(sb, e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
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
      case Collection<?> c -> {
        sb.append('[');
        boolean first = true;
        for (Object o : c) {
          if (!first) sb.append(',');
          first = false;
          write(sb, o);
        }
        sb.append(']');
      }
      default -> string(sb, v.toString());
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
          if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException when the text is not JSON or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) throw new IllegalArgumentException("expected a JSON object but got " + (v == null ? "null" : v.getClass().getSimpleName()));
    return (Map<String, Object>) v;
  }

  /**
   * Parses any JSON value: objects become maps (insertion-ordered), arrays lists, numbers {@link BigDecimal}s.
   *
   * @throws IllegalArgumentException naming the position when the text is not JSON
   */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) throw p.error("trailing characters");
    return v;
  }

  private static final class Parser {
    final String s;
    int i;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
    }

    void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    Object value() {
      if (i >= s.length()) throw error("unexpected end");
      char c = s.charAt(i);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> str();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) throw error("unexpected character '" + s.charAt(i) + "'");
      i += word.length();
      return v;
    }

    Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (i < s.length() && s.charAt(i) == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        if (i >= s.length() || s.charAt(i) != '"') throw error("expected a string key");
        String k = str();
        ws();
        if (i >= s.length() || s.charAt(i) != ':') throw error("expected ':'");
        i++;
        ws();
        m.put(k, value());
        ws();
        if (i >= s.length()) throw error("unterminated object");
        char c = s.charAt(i++);
        if (c == '}') return m;
        if (c != ',') throw error("expected ',' or '}'");
      }
    }

    List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
        return l;
      }
      while (true) {
        ws();
        l.add(value());
        ws();
        if (i >= s.length()) throw error("unterminated array");
        char c = s.charAt(i++);
        if (c == ']') return l;
        if (c != ',') throw error("expected ',' or ']'");
      }
    }

    String str() {
      StringBuilder sb = new StringBuilder();
      i++;
      while (true) {
        if (i >= s.length()) throw error("unterminated string");
        char c = s.charAt(i++);
        if (c == '"') return sb.toString();
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (i >= s.length()) throw error("unterminated escape");
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) throw error("bad unicode escape");
            try {
              sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad unicode escape");
            }
            i += 4;
          }
          default -> throw error("bad escape '\\" + e + "'");
        }
      }
    }

    BigDecimal number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      if (start == i) throw error("unexpected character '" + s.charAt(i) + "'");
      try {
        return new BigDecimal(s.substring(start, i));
      } catch (NumberFormatException ex) {
        i = start;
        throw error("bad number");
      }
    }
  }
}
