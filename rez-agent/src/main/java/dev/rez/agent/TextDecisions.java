package dev.rez.agent;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads decisions from a text answer, for models that answer in text instead of calling tools. Two
 * JSON shapes are accepted, strictly: Rez's {@code {"reasoning", "decisions": [{asset, action,
 * size_usd|size, leverage, take_profit, stop_loss, rationale}]}} and the older {@code {"reasoning",
 * "summary", "trade_decisions": [{asset, action: buy|sell|hold|close, percentage, leverage,
 * tp_price, sl_price}]}} (percentage: percent of equity committed as margin). Each decision becomes
 * a call of the matching action tool, so it passes the same checks. Internal.
 */
final class TextDecisions {
  private TextDecisions() {}

  /** One action tool call read from text. */
  public record Call(String tool, Map<String, Object> arguments) {}

  /** The calls, or why none could be read. */
  public record Parsed(List<Call> calls, String error) {
    /** True when decisions were read. */
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Reads {@code text}: the decisions of the model's final answer. Every balanced JSON object in
   * the text is a candidate ({@link #objects}: the whole text, a fenced block, an object after
   * prose). An object with a {@code "decisions"} (or {@code "trade_decisions"}) array is a full
   * answer; the last full answer in the text is read, so an echoed format example or a draft
   * written before the answer is not traded. Only when the text holds no full answer is a lone
   * decision object ({@code asset} and {@code action}) read, the last one; lone objects for
   * different assets, or a final answer cut short after the one chosen, are refused instead of
   * guessed at.
   *
   * @param equity the account's equity, asked only for the {@code percentage} shape
   */
  @SuppressWarnings("unchecked")
  public static Parsed parse(String text, Supplier<BigDecimal> equity) {
    if (text == null || text.isBlank()) return new Parsed(List.of(), "the answer was empty");
    String t = text.strip();
    Answer answer = answer(t);
    if (answer.error() != null) return new Parsed(List.of(), answer.error());
    Map<String, Object> root = answer.root();
    String reasoning =
        root.get("reasoning") instanceof String s
            ? s
            : root.get("summary") instanceof String s2 ? s2 : "";
    List<Object> list;
    boolean legacy = false;
    if (root.get("decisions") instanceof List<?> l) {
      list = (List<Object>) l;
    } else if (root.get("trade_decisions") instanceof List<?> l) {
      list = (List<Object>) l;
      legacy = true;
    } else if (root.containsKey("asset") && root.containsKey("action")) {
      list = List.of(root);
    } else {
      return new Parsed(
          List.of(), "the JSON object has no \"decisions\" array (keys: " + root.keySet() + ")");
    }
    if (list.isEmpty()) return new Parsed(List.of(), "the \"decisions\" array is empty");
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = (legacy ? "trade_decisions[" : "decisions[") + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m))
        return new Parsed(
            List.of(), where + " must be an object but was " + Json.kind(list.get(i)));
      try {
        calls.add(
            legacy
                ? legacy((Map<String, Object>) m, where, reasoning, equity)
                : rez((Map<String, Object>) m, where, reasoning));
      } catch (IllegalArgumentException e) {
        return new Parsed(List.of(), e.getMessage());
      }
    }
    return new Parsed(calls, null);
  }

  private static Call rez(Map<String, Object> m, String where, String reasoning) {
    String action = action(m, where);
    String tool =
        switch (action) {
          case "open_long", "long", "buy" -> "open_long";
          case "open_short", "short", "sell" -> "open_short";
          case "close", "close_position" -> "close_position";
          case "move_protection", "adjust_protection" -> "move_protection";
          case "hold" -> "hold";
          default ->
              throw new IllegalArgumentException(
                  where
                      + ".action '"
                      + action
                      + "' is not one of open_long, open_short, close_position, move_protection, hold");
        };
    Map<String, Object> args = new LinkedHashMap<>(m);
    args.remove("action");
    if (!(args.get("rationale") instanceof String r) || r.isBlank())
      args.put("rationale", reasoning.isBlank() ? "(no rationale given)" : reasoning);
    requireAsset(args, where);
    return new Call(tool, args);
  }

  private static Call legacy(
      Map<String, Object> m, String where, String reasoning, Supplier<BigDecimal> equity) {
    String action = action(m, where);
    Map<String, Object> args = new LinkedHashMap<>();
    requireAsset(m, where);
    args.put("asset", m.get("asset"));
    Object rationale = m.get("rationale") != null ? m.get("rationale") : m.get("reason");
    args.put(
        "rationale",
        rationale instanceof String r && !r.isBlank()
            ? r
            : reasoning.isBlank() ? "(no rationale given)" : reasoning);
    switch (action) {
      case "hold" -> {
        return new Call("hold", args);
      }
      case "close", "close_position" -> {
        return new Call("close_position", args);
      }
      case "buy", "sell", "long", "short" -> {
        BigDecimal pct = number(m, "percentage", where);
        BigDecimal lev = number(m, "leverage", where);
        BigDecimal margin =
            equity
                .get()
                .multiply(pct, MathContext.DECIMAL64)
                .divide(BigDecimal.valueOf(100), MathContext.DECIMAL64);
        args.put("size_usd", margin.multiply(lev).setScale(2, RoundingMode.DOWN));
        args.put("leverage", lev);
        args.put("take_profit", m.get("tp_price"));
        args.put("stop_loss", m.get("sl_price"));
        return new Call(
            action.equals("buy") || action.equals("long") ? "open_long" : "open_short", args);
      }
      default ->
          throw new IllegalArgumentException(
              where + ".action '" + action + "' is not one of buy, sell, hold, close");
    }
  }

  private static String action(Map<String, Object> m, String where) {
    if (!(m.get("action") instanceof String a) || a.isBlank())
      throw new IllegalArgumentException(where + ".action is missing");
    return a.strip().toLowerCase(Locale.ROOT);
  }

  private static void requireAsset(Map<String, Object> m, String where) {
    if (!(m.get("asset") instanceof String a) || a.isBlank())
      throw new IllegalArgumentException(where + ".asset is missing");
  }

  private static BigDecimal number(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v instanceof BigDecimal b && b.signum() > 0) return b;
    throw new IllegalArgumentException(
        where + "." + key + " must be a positive number but was " + Json.write(v));
  }

  /** The object holding the model's answer, or why none can be read. */
  private record Answer(Map<String, Object> root, String error) {
    static Answer refused(String error) {
      return new Answer(null, error);
    }
  }

  /** The object of {@code t} that holds the model's answer (see {@link #parse}). */
  private static Answer answer(String t) {
    List<Span> spans = objects(t);
    List<Span> full = new ArrayList<>();
    List<Span> lone = new ArrayList<>();
    List<Map<String, Object>> fullRoots = new ArrayList<>();
    List<Map<String, Object>> loneRoots = new ArrayList<>();
    Span other = null;
    Map<String, Object> otherRoot = null;
    for (Span s : spans) {
      Map<String, Object> o;
      try {
        o = Json.parseObject(t.substring(s.from(), s.to()));
      } catch (IllegalArgumentException notJson) {
        continue; // prose with braces
      }
      if (o.get("decisions") instanceof List<?> || o.get("trade_decisions") instanceof List<?>) {
        if (!full.isEmpty() && full.getLast().contains(s)) continue; // inside a full answer
        full.add(s);
        fullRoots.add(o);
      } else if (o.containsKey("asset") && o.containsKey("action")) {
        if (!lone.isEmpty() && lone.getLast().contains(s)) continue;
        lone.add(s);
        loneRoots.add(o);
      } else if (other == null || !other.contains(s)) {
        other = s;
        otherRoot = o;
      }
    }
    Span span;
    Map<String, Object> root;
    if (!full.isEmpty()) {
      span = full.getLast();
      root = fullRoots.getLast();
      // A draft or an echoed example shares assets with the final answer; answers that share none
      // are pieces of one answer (one object per asset), and reading the last would drop the
      // others.
      Set<String> last = assetsOf(root);
      for (Map<String, Object> earlier : fullRoots.subList(0, fullRoots.size() - 1)) {
        Set<String> shared = assetsOf(earlier);
        shared.retainAll(last);
        if (shared.isEmpty())
          return Answer.refused(
              "the answer holds separate {\"decisions\"} objects for "
                  + String.join(", ", assetsOf(earlier))
                  + " and for "
                  + String.join(", ", last)
                  + ": answer with one {\"decisions\": [...]} object");
      }
    } else if (!lone.isEmpty()) {
      Set<String> assets = new LinkedHashSet<>();
      for (Map<String, Object> o : loneRoots) assets.add(String.valueOf(o.get("asset")));
      if (assets.size() > 1)
        return Answer.refused(
            "the answer holds separate decision objects for "
                + String.join(", ", assets)
                + ": answer with one {\"decisions\": [...]} object");
      span = lone.getLast();
      root = loneRoots.getLast();
    } else if (otherRoot != null) {
      span = other;
      root = otherRoot;
    } else {
      String why;
      try {
        Json.parseObject(t);
        why = "";
      } catch (IllegalArgumentException e) {
        why = " (" + e.getMessage() + ")";
      }
      return Answer.refused("the answer held no JSON decision object" + why);
    }
    if (unfinished(t, spans)) return Answer.refused("the answer holds an unfinished JSON object");
    return new Answer(root, null);
  }

  /** The assets a {@code {"decisions": [...]}} object decides. */
  private static Set<String> assetsOf(Map<String, Object> root) {
    Object list = root.get("decisions") instanceof List<?> l ? l : root.get("trade_decisions");
    Set<String> assets = new LinkedHashSet<>();
    if (list instanceof List<?> l)
      for (Object d : l) if (d instanceof Map<?, ?> m) assets.add(String.valueOf(m.get("asset")));
    return assets;
  }

  /**
   * Whether a JSON object opens in {@code t} and never closes: an answer cut short (a final answer
   * after a draft, or the rest of the very object a decision was found in), which must not leave an
   * earlier or a partial object to be read. A brace of prose does not count: an object opens with
   * <code>{"</code>, and braces inside a complete object's strings are its own.
   */
  private static boolean unfinished(String t, List<Span> spans) {
    Set<Integer> closed = new HashSet<>();
    for (Span s : spans) closed.add(s.from());
    List<Span> json = new ArrayList<>();
    for (Span s : spans) {
      if (json.isEmpty() || !json.getLast().contains(s)) {
        try {
          Json.parseObject(t.substring(s.from(), s.to()));
          json.add(s);
        } catch (IllegalArgumentException prose) {
          // not an object of its own
        }
      }
    }
    for (int open = t.indexOf('{'); open >= 0; open = t.indexOf('{', open + 1)) {
      if (closed.contains(open)) continue;
      int at = open;
      if (json.stream().anyMatch(s -> s.from() < at && at < s.to())) continue;
      int next = open + 1;
      while (next < t.length() && Character.isWhitespace(t.charAt(next))) next++;
      if (next < t.length() && t.charAt(next) == '"') return true;
    }
    return false;
  }

  /** Where a text's object runs: {@code text.substring(from, to)}. */
  record Span(int from, int to) {
    /** Whether {@code other} lies within this span. */
    boolean contains(Span other) {
      return other.from() >= from && other.to() <= to;
    }
  }

  /**
   * Every balanced <code>{…}</code> in {@code text}, nested ones too, in the order of their opening
   * brace; braces inside JSON strings do not count. A JSON object anywhere in the text (in a fence,
   * after prose with braces) is one of them.
   */
  static List<Span> objects(String text) {
    List<Span> out = new ArrayList<>();
    for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
      int depth = 0;
      boolean quoted = false;
      for (int i = open; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '\\') i++;
          else if (c == '"') quoted = false;
        } else if (c == '"') quoted = true;
        else if (c == '{') depth++;
        else if (c == '}' && --depth == 0) {
          out.add(new Span(open, i + 1));
          break;
        }
      }
    }
    return out;
  }
}
