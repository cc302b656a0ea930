package dev.rez.app.notify;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which diary events become notifications. Each rule names the events it selects; {@code
 * REZ_NOTIFY_RULES} lists the rules by id ({@link #DEFAULTS} when unset).
 */
public enum Rule {
  /** Every {@code fill}. */
  FILLS("fills", Set.of("fill")),
  /**
   * Every {@code protection} event: a stop-loss placed, re-armed, failed or missing, a stale
   * trigger cancelled.
   */
  PROTECTION("protection", Set.of("protection")),
  /**
   * A {@code stale-price} event, an entry refused because the price moved or aged since the
   * decision (a {@code risk-verdict} with a {@code stale-price} reason), or any event whose {@code
   * where}/{@code action}/{@code reason}/{@code code} is {@code stale-price}.
   */
  STALE_PRICE("stale-price", Set.of("stale-price", "protection", "error", "risk-verdict", "order")),
  /**
   * A {@code risk-verdict} that rejected the decision (off by default: one per rejected proposal).
   */
  RISK_REJECTIONS("risk-rejections", Set.of("risk-verdict")),
  /** Safe mode switched on after consecutive failed decisions. */
  SAFE_MODE("safe-mode", Set.of("error")),
  /** The kill switch set or lifted by a person or a command (API, CLI, webhook, Telegram). */
  KILL_SWITCH("kill-switch", Set.of("kill-switch")),
  /** The risk policy's daily-loss halt. */
  DAILY_LOSS("daily-loss", Set.of("kill-switch")),
  /** A drawdown threshold crossed ({@code drawdown} events). */
  DRAWDOWN("drawdown", Set.of("drawdown")),
  /** The app started or stopped. */
  APP("app", Set.of("app-start", "app-stop")),
  /**
   * The exchange or the model failing: {@code error} events other than safe mode and retries still
   * under way.
   */
  OUTAGES("outages", Set.of("error")),
  /** The daily summary. */
  DAILY_SUMMARY("daily-summary", Set.of("daily-summary"));

  /** The rules on when {@code REZ_NOTIFY_RULES} is unset: all but {@link #RISK_REJECTIONS}. */
  public static final Set<Rule> DEFAULTS = EnumSet.complementOf(EnumSet.of(RISK_REJECTIONS));

  private final String id;
  private final Set<String> types;

  Rule(String id, Set<String> types) {
    this.id = id;
    this.types = types;
  }

  /** The id used in {@code REZ_NOTIFY_RULES}. */
  public String id() {
    return id;
  }

  /** The diary event types this rule looks at. */
  Set<String> types() {
    return types;
  }

  /**
   * Parses a list of rule ids separated by commas or spaces; {@code all} means every rule, {@code
   * default} the defaults.
   *
   * @throws IllegalArgumentException naming an unknown id
   */
  public static Set<Rule> parseList(String value) {
    Objects.requireNonNull(value, "value == null");
    Set<Rule> out = EnumSet.noneOf(Rule.class);
    for (String part : value.trim().split("[\\s,]+")) {
      if (part.isEmpty()) continue;
      String p = part.toLowerCase(Locale.ROOT);
      if (p.equals("all")) out.addAll(EnumSet.allOf(Rule.class));
      else if (p.equals("default")) out.addAll(DEFAULTS);
      else out.add(parse(p));
    }
    return out;
  }

  /**
   * Parses one rule id.
   *
   * @throws IllegalArgumentException naming the id and the known ones
   */
  public static Rule parse(String id) {
    for (Rule r : values()) {
      if (r.id.equalsIgnoreCase(id.trim())) return r;
    }
    throw new IllegalArgumentException(
        "unknown notification rule '"
            + id
            + "' (known: all, default, "
            + String.join(", ", java.util.Arrays.stream(values()).map(Rule::id).toList())
            + ")");
  }

  /** True when this rule selects the event of {@code type} with {@code data}. */
  boolean matches(String type, Map<String, Object> data) {
    if (!types.contains(type)) return false;
    return switch (this) {
      case FILLS, PROTECTION, DRAWDOWN, APP, DAILY_SUMMARY -> true;
      case STALE_PRICE ->
          type.equals("stale-price")
              || "stale-price".equals(data.get("where"))
              || "stale-price".equals(data.get("action"))
              || "stale-price".equals(data.get("reason"))
              || "stale-price".equals(data.get("code"))
              || hasReason(data, "stale-price");
      case RISK_REJECTIONS -> "rejected".equals(data.get("outcome"));
      case SAFE_MODE -> "safe-mode".equals(data.get("where"));
      case KILL_SWITCH -> !"risk-policy".equals(data.get("by"));
      case DAILY_LOSS -> "risk-policy".equals(data.get("by"));
      case OUTAGES -> outage(data);
    };
  }

  private static boolean hasReason(Map<String, Object> data, String code) {
    if (!(data.get("reasons") instanceof java.util.List<?> reasons)) return false;
    for (Object r : reasons) {
      if (r instanceof Map<?, ?> m && code.equals(m.get("code"))) return true;
    }
    return false;
  }

  private static boolean outage(Map<String, Object> data) {
    Object where = data.get("where");
    if ("safe-mode".equals(where) || "stale-price".equals(where)) return false;
    if ("exchange".equals(where)
        && data.get("attempt") instanceof Number a
        && data.get("maxAttempts") instanceof Number m) {
      // A failure the client is still retrying is noise; the last attempt's failure is the outage.
      return a.longValue() >= m.longValue();
    }
    return true;
  }
}
