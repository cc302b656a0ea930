package dev.rez.agent;

import dev.rez.core.TradeDecision;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that happened in one decision, in order: system prompt, context, each assistant turn,
 * each tool call with its arguments and result, each proposal with its verdict, and any problem;
 * with token usage, cost and timings.
 *
 * <p>Instances are immutable.
 *
 * @param startedAt when the decision started
 * @param duration how long it took
 * @param model the model's name as the agent knows it
 * @param entries every entry, in order
 * @param tokens tokens of all turns together, the repair model's included
 * @param cost USD cost of those tokens, each model's at its own price (the repair model's at the
 *     model's when it has none), null when no price is configured
 */
public record Transcript(
    Instant startedAt,
    Duration duration,
    String model,
    List<TranscriptEntry> entries,
    TokenUsage tokens,
    BigDecimal cost) {
  /** Checks the components; see the class description. */
  public Transcript {
    Objects.requireNonNull(startedAt, "startedAt == null");
    Objects.requireNonNull(duration, "duration == null");
    Objects.requireNonNull(model, "model == null");
    entries = List.copyOf(entries);
    Objects.requireNonNull(tokens, "tokens == null");
  }

  /** The cost, when a price was configured. */
  public Optional<BigDecimal> costUsd() {
    return Optional.ofNullable(cost);
  }

  /** The system prompt the model was first given (empty if the transcript has none). */
  public String systemPrompt() {
    for (TranscriptEntry e : entries)
      if (e instanceof TranscriptEntry.SystemPrompt s) return s.text();
    return "";
  }

  /**
   * The first user message: the context as the model read it (empty if the transcript has none).
   */
  public String contextMessage() {
    for (TranscriptEntry e : entries)
      if (e instanceof TranscriptEntry.UserMessage u) return u.text();
    return "";
  }

  /** The number of model turns. */
  public int steps() {
    int n = 0;
    for (TranscriptEntry e : entries) if (e instanceof TranscriptEntry.AssistantTurn) n++;
    return n;
  }

  /** The entries of one kind, in order. */
  public <T extends TranscriptEntry> List<T> entries(Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (TranscriptEntry e : entries) if (kind.isInstance(e)) out.add(kind.cast(e));
    return out;
  }

  /**
   * The transcript as one JSON object: {@code {startedAt, durationMs, model, tokens:{input,output},
   * costUsd, entries:[{kind, step, …}]}} with entry kinds {@code system}, {@code user}, {@code
   * assistant}, {@code tool-call}, {@code proposal}, {@code problem}, {@code final}; the repair
   * model's {@code assistant} entry says {@code "model": "repair"}.
   */
  public String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("startedAt", startedAt.toString());
    root.put("durationMs", duration.toMillis());
    root.put("model", model);
    root.put("tokens", Json.obj("input", tokens.input(), "output", tokens.output()));
    root.put("costUsd", cost);
    List<Object> list = new ArrayList<>();
    for (TranscriptEntry e : entries) list.add(entryMap(e));
    root.put("entries", list);
    return Json.write(root);
  }

  static Map<String, Object> entryMap(TranscriptEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (e) {
      case TranscriptEntry.SystemPrompt s -> {
        m.put("kind", "system");
        m.put("step", s.step());
        m.put("version", s.version());
        m.put("text", s.text());
      }
      case TranscriptEntry.UserMessage u -> {
        m.put("kind", "user");
        m.put("step", u.step());
        m.put("text", u.text());
      }
      case TranscriptEntry.AssistantTurn a -> {
        m.put("kind", "assistant");
        m.put("step", a.step());
        if (a.role() == ModelRole.REPAIR) m.put("model", "repair");
        m.put("text", a.text());
        if (!a.thinking().isEmpty()) m.put("thinking", a.thinking());
        m.put("toolCalls", a.toolCalls());
        m.put("tokens", Json.obj("input", a.tokens().input(), "output", a.tokens().output()));
        m.put("latencyMs", a.latency().toMillis());
      }
      case TranscriptEntry.ToolCall t -> {
        m.put("kind", "tool-call");
        m.put("step", t.step());
        m.put("id", t.id());
        m.put("tool", t.tool());
        m.put("arguments", t.arguments());
        m.put("result", t.result());
        m.put("error", t.error());
        m.put("durationMs", t.duration().toMillis());
      }
      case TranscriptEntry.Proposal p -> {
        m.put("kind", "proposal");
        m.put("step", p.step());
        m.put("decision", decisionMap(p.proposal()));
        m.put("outcome", p.verdict().outcome());
        List<Object> reasons = new ArrayList<>();
        for (var r : p.verdict().reasons())
          reasons.add(Json.obj("code", r.code(), "message", r.message()));
        m.put("reasons", reasons);
        m.put("approved", decisionMap(p.verdict().decision()));
      }
      case TranscriptEntry.FinalDecision f -> {
        m.put("kind", "final");
        m.put("step", f.step());
        m.put("decision", decisionMap(f.decision().executable()));
        m.put("outcome", f.decision().verdict().outcome());
      }
      case TranscriptEntry.Problem p -> {
        m.put("kind", "problem");
        m.put("step", p.step());
        m.put("message", p.message());
      }
    }
    return m;
  }

  /** A decision as a JSON-ready map: its asset, then its {@link #decisionFields fields}. */
  static Map<String, Object> decisionMap(TradeDecision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asset", d.asset().name());
    m.putAll(decisionFields(d));
    return m;
  }

  /**
   * A decision's fields as a new, mutable, JSON-ready map, in the order a transcript and the app's
   * diary write them: {@code action} (spelled {@code open_long}, {@code open_short}, {@code close},
   * {@code adjust_protection} or {@code hold}), {@code notionalUsd}, {@code leverage}, {@code
   * takeProfit}, {@code stopLoss} (numbers or null) and {@code rationale}. The asset is left out:
   * the diary writes it on the event, a transcript beside it.
   *
   * @param d the decision
   * @return its fields, by name
   */
  public static Map<String, Object> decisionFields(TradeDecision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", d.action().name().toLowerCase(Locale.ROOT));
    m.put("notionalUsd", d.notionalUsd());
    m.put("leverage", d.leverage());
    m.put("takeProfit", d.takeProfit());
    m.put("stopLoss", d.stopLoss());
    m.put("rationale", d.rationale());
    return m;
  }
}
