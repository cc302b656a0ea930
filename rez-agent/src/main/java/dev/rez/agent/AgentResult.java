package dev.rez.agent;

import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.core.RiskVerdict;
import dev.rez.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Agent#decide}: one decision per asset of the context, the model's closing summary, and
 * the full transcript. When something went wrong the decisions are HOLDs whose rationale says what, and
 * {@link #error()} says it too.
 *
 * @param decisions one per asset of the context, in the context's order
 * @param summary the model's last text (empty when it wrote none)
 * @param error what went wrong, null when the model decided normally
 * @param transcript everything that happened
 */
public record AgentResult(List<AgentDecision> decisions, String summary, String error, Transcript transcript) {
  /** Checks the components; see the class description. */
  public AgentResult {
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(transcript, "transcript == null");
  }

  /** What went wrong, if the decision fell back to HOLD because of an error. */
  public Optional<String> failure() {
    return Optional.ofNullable(error);
  }

  /** The decision for {@code asset}. */
  public Optional<AgentDecision> decision(Asset asset) {
    for (AgentDecision d : decisions) if (d.proposal().asset().equals(asset)) return Optional.of(d);
    return Optional.empty();
  }

  /**
   * The decision as diary events, in order: {@code prompt} {system, user}; per turn {@code reasoning} {step, text}
   * and {@code tool-call} {step, tool, arguments, result, error, durationMs}; then per asset {@code decision}
   * {action, notionalUsd, leverage, takeProfit, stopLoss, rationale} and {@code risk-verdict}
   * {outcome, reasons: [{code, message}], decision}; and an {@code error} {where, message} when the decision failed.
   *
   * @param cycle the trading cycle, {@code >= 0}
   * @param time the time to stamp on every event
   */
  public List<DiaryEvent> diaryEvents(long cycle, Instant time) {
    List<DiaryEvent> out = new ArrayList<>();
    String system = "";
    String user = null;
    for (TranscriptEntry e : transcript.entries()) {
      switch (e) {
        case TranscriptEntry.SystemPrompt s -> system = s.text();
        case TranscriptEntry.UserMessage u -> {
          if (user == null) {
            user = u.text();
            out.add(new DiaryEvent(time, cycle, "prompt", null, Json.write(Json.obj("system", system, "user", user))));
          } else {
            out.add(new DiaryEvent(time, cycle, "reasoning", null, Json.write(Json.obj("step", u.step(), "role", "user", "text", u.text()))));
          }
        }
        case TranscriptEntry.AssistantTurn a -> {
          if (!a.text().isBlank() || !a.thinking().isBlank()) {
            Map<String, Object> data = Json.obj("step", a.step(), "text", a.text());
            if (!a.thinking().isBlank()) data.put("thinking", a.thinking());
            out.add(new DiaryEvent(time, cycle, "reasoning", null, Json.write(data)));
          }
        }
        case TranscriptEntry.ToolCall t -> {
          Object args;
          try {
            args = Json.parse(t.arguments());
          } catch (IllegalArgumentException notJson) {
            args = t.arguments();
          }
          out.add(new DiaryEvent(time, cycle, "tool-call", null, Json.write(Json.obj("step", t.step(), "tool", t.tool(), "arguments", args,
              "result", t.result(), "error", t.error(), "durationMs", t.duration().toMillis()))));
        }
        default -> { }
      }
    }
    for (AgentDecision d : decisions) {
      Map<String, Object> decision = new LinkedHashMap<>(Transcript.decisionMap(d.proposal()));
      decision.remove("asset");
      out.add(new DiaryEvent(time, cycle, "decision", d.proposal().asset(), Json.write(decision)));
      List<Object> reasons = new ArrayList<>();
      for (RiskVerdict.Reason r : d.verdict().reasons()) reasons.add(Json.obj("code", r.code(), "message", r.message()));
      Map<String, Object> approved = new LinkedHashMap<>(Transcript.decisionMap(d.verdict().decision()));
      approved.remove("asset");
      out.add(new DiaryEvent(time, cycle, "risk-verdict", d.proposal().asset(),
          Json.write(Json.obj("outcome", d.verdict().outcome(), "reasons", reasons, "decision", approved))));
    }
    if (error != null) out.add(new DiaryEvent(time, cycle, "error", null, Json.write(Json.obj("where", "agent", "message", error))));
    return out;
  }
}
