package dev.rez.app.cli;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field structure of parsed JSON (maps, lists, {@link BigDecimal}s, strings, booleans, null):
 * whether a live answer has the same keys and JSON types, recursively, as a recorded one, and the
 * pretty text a recording is kept in.
 *
 * <p>Rules: an object must have exactly the recorded object's keys; a null on either side matches
 * any type (a nullable field is recorded with whichever value it had); an empty list on either side
 * matches any list; each element of a live list must match at least one element of the recorded
 * list, and an element with a string {@code type} (a diary event) one of the recorded elements with
 * the same {@link #eventKey key}: its type and, when its {@code data} has one, its {@code
 * data.kind} (an {@code order} event's {@code request} is an object when it opens and a list when
 * it retries or replaces protection). When the recording has no element with that key, the live
 * element is not judged: the recording did not see that kind of event.
 *
 * <p>A diary event's {@code data} is free-form: its fields depend on the event's variant (an order
 * that opens or closes, a tool's arguments), so there a field may be missing or new, and only the
 * fields both sides have must agree in type. Its envelope ({@code id}, {@code time}, {@code cycle},
 * {@code type}, {@code asset}) is strict.
 */
final class JsonShape {
  private JsonShape() {}

  /**
   * Every difference between the structure of {@code live} and that of {@code golden}; empty when
   * they agree.
   */
  static List<String> differences(Object golden, Object live) {
    List<String> out = new ArrayList<>();
    compare("$", golden, live, out, false);
    return out;
  }

  private static final java.util.regex.Pattern EVENT_DATA =
      java.util.regex.Pattern.compile(".*\\.events\\[\\d+]\\.data");

  private static void compare(
      String path, Object golden, Object live, List<String> out, boolean lenient) {
    if (golden == null || live == null) return;
    lenient = lenient || EVENT_DATA.matcher(path).matches();
    String g = type(golden);
    String l = type(live);
    if (!g.equals(l)) {
      out.add(path + ": " + l + " where the golden has " + g);
      return;
    }
    if (golden instanceof Map<?, ?> gm && live instanceof Map<?, ?> lm) {
      for (Object k : gm.keySet()) {
        if (!lm.containsKey(k) && !lenient)
          out.add(path + ": no field \"" + k + "\" (has " + new TreeSet<>(keys(lm)) + ")");
      }
      for (Object k : lm.keySet()) {
        if (!gm.containsKey(k)) {
          if (!lenient) out.add(path + ": field \"" + k + "\" that the golden does not have");
        } else {
          compare(path + "." + k, gm.get(k), lm.get(k), out, lenient);
        }
      }
    } else if (golden instanceof List<?> gl && live instanceof List<?> ll) {
      if (gl.isEmpty()) return;
      for (int i = 0; i < ll.size(); i++) {
        Object e = ll.get(i);
        List<?> candidates = gl;
        String key = eventKey(e);
        if (key != null) {
          candidates = gl.stream().filter(c -> key.equals(eventKey(c))).toList();
          if (candidates.isEmpty()) continue; // a kind of event the recording did not see
        }
        List<String> best = null;
        for (Object candidate : candidates) {
          List<String> d = new ArrayList<>();
          compare(path + "[" + i + "]", candidate, e, d, lenient);
          if (best == null || d.size() < best.size()) best = d;
          if (d.isEmpty()) break;
        }
        if (!best.isEmpty()) {
          out.addAll(best);
          return; // one element's differences say it; the others usually repeat them
        }
      }
    }
  }

  /**
   * The key a diary event is compared by: its {@code type}, with its {@code data.kind} when it has
   * one ({@code "order/open"}); null for an element that is not an event.
   */
  static String eventKey(Object v) {
    if (!(v instanceof Map<?, ?> m && m.get("type") instanceof String t)) return null;
    return m.get("data") instanceof Map<?, ?> data && data.get("kind") instanceof String kind
        ? t + "/" + kind
        : t;
  }

  private static Set<String> keys(Map<?, ?> m) {
    Set<String> s = new LinkedHashSet<>();
    for (Object k : m.keySet()) s.add(String.valueOf(k));
    return s;
  }

  /** The JSON type of a parsed value. */
  static String type(Object v) {
    if (v == null) return "null";
    if (v instanceof Map) return "object";
    if (v instanceof List) return "array";
    if (v instanceof Number) return "number";
    if (v instanceof String) return "string";
    if (v instanceof Boolean) return "boolean";
    throw new IllegalArgumentException("not a parsed JSON value: " + v.getClass().getName());
  }

  /**
   * A signature of the structure of {@code v}: object keys and element types, recursively, with
   * nulls and empty lists left out. Two values with the same signature need only be recorded once.
   */
  static String signature(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      for (String k : new TreeSet<>(keys(m))) {
        Object x = m.get(k);
        sb.append(k).append(':').append(x == null ? "" : signature(x)).append(',');
      }
      return sb.append('}').toString();
    }
    if (v instanceof List<?> l) {
      Set<String> s = new TreeSet<>();
      for (Object x : l) if (x != null) s.add(signature(x));
      return "[" + String.join("|", s) + "]";
    }
    return type(v);
  }

  /**
   * {@code list} with only the first element of each {@link #eventKey} and {@link #signature} (the
   * order kept): one diary event of each structure for each type and kind, so that every key the
   * comparison looks up is there.
   */
  static List<Object> distinct(List<?> list) {
    Map<String, Object> seen = new LinkedHashMap<>();
    for (Object x : list) seen.putIfAbsent(eventKey(x) + " " + signature(x), x);
    return new ArrayList<>(seen.values());
  }

  /**
   * Pretty JSON text of a parsed value: two-space indents, keys in their order, scalars as {@link
   * Json#write}.
   */
  static String pretty(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, "");
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, String indent) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      String inner = indent + "  ";
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(inner);
        sb.append(Json.write(String.valueOf(e.getKey())));
        sb.append(": ");
        write(sb, e.getValue(), inner);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      sb.append(indent).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      boolean flat = l.stream().noneMatch(x -> x instanceof Map || x instanceof List);
      if (flat) {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) sb.append(", ");
          write(sb, l.get(i), indent);
        }
        sb.append(']');
        return;
      }
      sb.append("[\n");
      String inner = indent + "  ";
      for (int i = 0; i < l.size(); i++) {
        sb.append(inner);
        write(sb, l.get(i), inner);
        sb.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      sb.append(indent).append(']');
    } else {
      sb.append(Json.write(v)); // strings, numbers, booleans, null
    }
  }
}
