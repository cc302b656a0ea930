package dev.rez.app.diary;

import dev.rez.agent.TokenUsage;
import dev.rez.agent.Transcript;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The diary's event types and the data each carries: the one definition the trading loop writes
 * with and the API ({@code /api/cycles}), {@code rez stats}, the agent's memory and the
 * token-budget restore read with. docs/API.md lists the same types and fields (a test holds them
 * together).
 *
 * <p>Data maps are JSON-ready: strings, {@link BigDecimal}s, longs, booleans, instants, lists and
 * maps. Readers accept the numbers of any JSON parser ({@link Number}) and the older spellings of
 * earlier diaries: an action written {@code open-long} reads as {@code open_long}.
 */
public final class DiarySchema {
  private DiarySchema() {}

  /**
   * Every event type and the fields its data may carry, in the order they are written. Optional
   * fields (those only some events of a type carry) are listed too.
   */
  public static final Map<String, List<String>> TYPES = types();

  /**
   * The spellings of {@link TradeDecision.Action} in the diary, the API and the dashboard, in
   * declaration order.
   */
  public static final List<String> ACTIONS =
      List.of("open_long", "open_short", "close", "adjust_protection", "hold");

  private static Map<String, List<String>> types() {
    Map<String, List<String>> t = new LinkedHashMap<>();
    t.put(
        "app-start",
        List.of(
            "mode",
            "network",
            "address",
            "signer",
            "assets",
            "interval",
            "model",
            "riskProfile",
            "history",
            "blind",
            "schema",
            "equity",
            "runId",
            "tools"));
    t.put("app-stop", List.of("reason", "runId"));
    t.put("drawdown", List.of("fraction", "threshold", "equity", "peak", "message"));
    t.put(
        "daily-summary",
        List.of(
            "date", "from", "to", "pnl", "fees", "funding", "net", "fills", "trades", "error",
            "cycles", "tokens", "costUsd"));
    t.put("cycle-start", List.of("cycle", "assets"));
    t.put("context", List.of("version", "payload"));
    t.put("prompt", List.of("version", "system", "user"));
    t.put("reasoning", List.of("step", "text"));
    t.put("tool-call", List.of("step", "tool", "arguments", "result", "error", "durationMs"));
    t.put(
        "model-answer",
        List.of(
            "step",
            "requestHash",
            "text",
            "thinking",
            "tools",
            "arguments",
            "inputTokens",
            "outputTokens",
            "model"));
    t.put("model-view", List.of("role", "text"));
    t.put("warning", List.of("message"));
    t.put("lookahead", List.of("cycle", "source", "detail"));
    t.put(
        "decision",
        List.of("action", "notionalUsd", "leverage", "takeProfit", "stopLoss", "rationale"));
    t.put(
        "risk-verdict",
        List.of(
            "outcome",
            "reasons",
            "decision",
            "stage",
            "decisionMark",
            "freshMark",
            "freshMarkAgeMs"));
    t.put("order", List.of("kind", "reason", "request", "results", "latencyMs", "error"));
    t.put(
        "fill",
        List.of(
            "time",
            "asset",
            "side",
            "price",
            "size",
            "notional",
            "fee",
            "closedPnl",
            "orderId",
            "cloid",
            "taker",
            "hash",
            "tradeId",
            "startPosition",
            "explorerUrl"));
    t.put("funding", List.of("time", "asset", "usdc", "rate", "positionSize"));
    t.put("protection", List.of("action", "detail"));
    t.put("stream", List.of("state", "detail"));
    t.put("reconcile", List.of("action", "detail", "request", "cloids", "found"));
    t.put("kill-switch", List.of("state", "by", "reason", "until", "restored"));
    t.put(
        "error",
        List.of("where", "message", "request", "status", "attempt", "maxAttempts", "delayMs"));
    t.put(
        "cycle-end",
        List.of("cycle", "durationMs", "ok", "tokens", "costUsd", "decisionLatencyMs", "safeMode"));
    return java.util.Collections.unmodifiableMap(t);
  }

  /**
   * The diary's spelling of {@code action}: {@code open_long}, {@code open_short}, {@code close}, …
   */
  public static String action(TradeDecision.Action action) {
    return action.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The action a diary, an API parameter or the dashboard spells {@code text}, in any of the
   * spellings diaries have used ({@code open_long}, {@code open-long}, {@code OPEN_LONG}); empty
   * when it names none.
   */
  public static Optional<TradeDecision.Action> parseAction(Object text) {
    if (!(text instanceof String s)) return Optional.empty();
    String name = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (TradeDecision.Action a : TradeDecision.Action.values())
      if (a.name().equals(name)) return Optional.of(a);
    return Optional.empty();
  }

  /**
   * {@code text} in the diary's spelling of actions when it names one, else {@code text} as it is
   * (null stays null).
   */
  public static String normalizeAction(Object text) {
    return parseAction(text).map(DiarySchema::action).orElse(text instanceof String s ? s : null);
  }

  /**
   * The data of a {@code decision} event (the asset goes on the event), also the {@code decision}
   * of a {@code risk-verdict}: the agent's {@link Transcript#decisionFields}, the one encoding of a
   * decision.
   */
  public static Map<String, Object> decision(TradeDecision d) {
    return Transcript.decisionFields(d);
  }

  /**
   * The data of a {@code fill} event: the {@code /api/fills} item shape, and the fill's {@code
   * startPosition}. {@code tradeId} is the exchange's trade id, null when not known; diaries
   * written before it was recorded lack it.
   */
  public static Map<String, Object> fill(Fill f, String explorerUrl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", f.time());
    m.put("asset", f.asset().name());
    m.put("side", f.side());
    m.put("price", f.price());
    m.put("size", f.size());
    m.put("notional", f.notional());
    m.put("fee", f.fee());
    m.put("closedPnl", f.closedPnl());
    m.put("orderId", f.orderId());
    m.put("cloid", f.cloid() == null ? null : f.cloid().hex());
    m.put("taker", f.taker());
    m.put("hash", f.hash());
    m.put("tradeId", tradeId(f));
    m.put("startPosition", f.startPosition());
    m.put("explorerUrl", explorerUrl);
    return m;
  }

  /**
   * The fill's trade id as the diary and the API write it: the number, or null when not known
   * ({@link Fill#tradeId()} 0).
   */
  public static Long tradeId(Fill f) {
    return f.tradeId() == 0 ? null : f.tradeId();
  }

  /**
   * The fill a {@code fill} event's data describes (the inverse of {@link #fill(Fill, String)}).
   * Without a {@code tradeId} (null, or an event of an older diary) the fill's trade id is 0: not
   * known.
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong type
   */
  public static Fill fillOf(Map<String, ?> d) {
    return decoded(
        () -> {
          Object cloid = d.get("cloid");
          return new Fill(
              Asset.of(text(d, "asset")),
              Side.parse(text(d, "side")),
              decimal(d, "price"),
              decimal(d, "size"),
              Instant.parse(text(d, "time")),
              decimal(d, "fee"),
              decimal(d, "closedPnl"),
              integer(d, "orderId"),
              cloid == null ? null : ClientOrderId.of((String) cloid),
              d.get("startPosition") == null ? null : decimal(d, "startPosition"),
              Boolean.TRUE.equals(d.get("taker")),
              (String) d.get("hash"),
              d.get("tradeId") == null ? 0 : integer(d, "tradeId"));
        });
  }

  /** The data of a {@code funding} event. */
  public static Map<String, Object> funding(FundingPayment f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", f.time());
    m.put("asset", f.asset().name());
    m.put("usdc", f.usdc());
    m.put("rate", f.rate());
    m.put("positionSize", f.positionSize());
    return m;
  }

  /**
   * The funding payment a {@code funding} event's data describes (the inverse of {@link
   * #funding(FundingPayment)}).
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong type
   */
  public static FundingPayment fundingOf(Map<String, ?> d) {
    return decoded(
        () ->
            new FundingPayment(
                Asset.of(text(d, "asset")),
                Instant.parse(text(d, "time")),
                decimal(d, "usdc"),
                decimal(d, "rate"),
                decimal(d, "positionSize")));
  }

  /**
   * {@code decode}'s value; any failure of it as an {@link IllegalArgumentException} that says what
   * is wrong.
   */
  private static <T> T decoded(java.util.function.Supplier<T> decode) {
    try {
      return decode.get();
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }
  }

  /** The {@code tokens} of a {@code cycle-end} (or {@code daily-summary}) event's data. */
  public static Map<String, Object> tokens(TokenUsage t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input", t.input());
    m.put("output", t.output());
    return m;
  }

  /**
   * The tokens a {@code cycle-end} event's data records; {@link TokenUsage#ZERO} when it records
   * none.
   */
  public static TokenUsage tokensOf(Map<String, ?> cycleEnd) {
    if (!(cycleEnd.get("tokens") instanceof Map<?, ?> t)) return TokenUsage.ZERO;
    long input = t.get("input") instanceof Number n ? n.longValue() : 0;
    long output = t.get("output") instanceof Number n ? n.longValue() : 0;
    return new TokenUsage(Math.max(0, input), Math.max(0, output));
  }

  /**
   * What a {@code cycle-end} event's tokens cost in USD, each model's at its own price; null when
   * it records no cost (no price was configured, or the diary is older than the field) or one that
   * is not a number of at least zero.
   */
  public static BigDecimal costOf(Map<String, ?> cycleEnd) {
    if (!(cycleEnd.get("costUsd") instanceof Number)) return null;
    BigDecimal cost = decimal(cycleEnd, "costUsd");
    return cost.signum() < 0 ? null : cost;
  }

  private static String text(Map<String, ?> d, String field) {
    if (d.get(field) instanceof String s) return s;
    throw new IllegalArgumentException(
        "field " + field + " is " + (d.get(field) == null ? "missing" : "not a string"));
  }

  private static long integer(Map<String, ?> d, String field) {
    try {
      return decimal(d, field).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "field " + field + " is not a whole number of 64 bits: " + d.get(field), e);
    }
  }

  private static BigDecimal decimal(Map<String, ?> d, String field) {
    return switch (d.get(field)) {
      case BigDecimal b -> b;
      case Long l -> BigDecimal.valueOf(l);
      case Integer i -> BigDecimal.valueOf(i);
      case Number n -> new BigDecimal(n.toString());
      case null -> throw new IllegalArgumentException("field " + field + " is missing");
      default -> throw new IllegalArgumentException("field " + field + " is not a number");
    };
  }
}
