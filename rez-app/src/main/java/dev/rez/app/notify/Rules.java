package dev.rez.app.notify;

import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of {@link Rule}s: turns the diary events they select into {@link Notification}s. Immutable.
 */
final class Rules {
  private final Set<Rule> rules;
  private final Set<String> types;

  Rules(Set<Rule> rules) {
    this.rules = rules.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(rules);
    Set<String> t = new HashSet<>();
    for (Rule r : rules) t.addAll(r.types());
    this.types = Set.copyOf(t);
  }

  /** The diary event types any rule looks at. */
  Set<String> types() {
    return types;
  }

  /** The notification for {@code entry}, or null when no rule selects it. */
  Notification select(Diary.Entry entry) {
    DiaryEvent e = entry.event();
    if (!types.contains(e.type())) return null;
    Map<String, Object> data;
    try {
      data = Json.parseObject(e.json());
    } catch (RuntimeException bad) {
      data = Map.of();
    }
    for (Rule r : rules) {
      if (r.matches(e.type(), data)) {
        return new Notification(
            entry.cursor(),
            r.id(),
            e.type(),
            e.time(),
            e.cycle(),
            e.asset() == null ? null : e.asset().name(),
            text(r, e, data),
            e.json(),
            null,
            null);
      }
    }
    return null;
  }

  /** A one-line summary for a chat. */
  static String text(Rule rule, DiaryEvent e, Map<String, Object> d) {
    String asset = e.asset() == null ? "" : " " + e.asset().name();
    return switch (rule) {
      case FILLS ->
          "Fill"
              + asset
              + fill(": {side} {size} @ {price} (fee {fee}", d)
              + nonZero(", PnL ", d.get("closedPnl"))
              + ")";
      case PROTECTION -> "Protection" + asset + ": " + s(d.get("action")) + detail(d.get("detail"));
      case STALE_PRICE ->
          "Stale price"
              + asset
              + ": "
              + (d.get("reasons") instanceof List<?>
                  ? reasons(d.get("reasons"))
                  : firstOf(d, "message", "detail", "reason"));
      case RISK_REJECTIONS -> "Risk rejected" + asset + ": " + reasons(d.get("reasons"));
      case SAFE_MODE -> "Safe mode on: " + s(d.get("message"));
      case KILL_SWITCH -> fill("Kill switch {state} (by {by})", d) + detail(d.get("reason"));
      case DAILY_LOSS ->
          "Daily-loss halt: "
              + s(d.get("state"))
              + detail(d.get("reason"))
              + (d.get("until") == null ? "" : " until " + d.get("until"));
      case DRAWDOWN -> "Drawdown: " + firstOf(d, "message", "fraction", "detail");
      case APP ->
          e.type().equals("app-start")
              ? fill("Rez started: {mode} on {network}, {assets}, model {model}", d)
              : "Rez stopped" + detail(d.get("reason"));
      case OUTAGES -> "Error (" + s(d.get("where")) + ")" + asset + ": " + s(d.get("message"));
      case DAILY_SUMMARY ->
          fill(
                  "Daily summary {date}: PnL {pnl}, fees {fees}, funding {funding}, net {net},"
                      + " trades {trades}, fills {fills}, tokens {tokens}",
                  d)
              + (d.get("costUsd") == null ? "" : ", cost $" + d.get("costUsd"));
    };
  }

  private static String s(Object o) {
    if (o == null) return "-";
    if (o instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
    if (o instanceof Map<?, ?> m) return Json.write(m);
    if (o instanceof List<?> l) return String.join(" ", l.stream().map(Rules::s).toList());
    return o.toString();
  }

  /**
   * {@code template} with each {@code {key}} replaced by {@code d}'s value for it, as {@link #s}.
   */
  private static String fill(String template, Map<String, Object> d) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
      int close = template.indexOf('}', open);
      out.append(template, from, open).append(s(d.get(template.substring(open + 1, close))));
      from = close + 1;
    }
    return out.append(template, from, template.length()).toString();
  }

  private static String detail(Object o) {
    return o == null ? "" : ": " + s(o);
  }

  private static String nonZero(String label, Object o) {
    return o instanceof BigDecimal b && b.signum() != 0 ? label + s(b) : "";
  }

  private static String firstOf(Map<String, Object> d, String... keys) {
    for (String k : keys) {
      if (d.get(k) != null) return s(d.get(k));
    }
    return "-";
  }

  private static String reasons(Object o) {
    if (!(o instanceof List<?> l) || l.isEmpty()) return "-";
    return String.join(
        "; ",
        l.stream()
            .map(
                r ->
                    r instanceof Map<?, ?> m && m.get("message") != null
                        ? s(m.get("message"))
                        : s(r))
            .toList());
  }
}
