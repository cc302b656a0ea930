package dev.rez.agent;

import dev.rez.core.Asset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link Agent#decide}: one decision per asset of the context, the model's closing
 * summary, and the full transcript. When something went wrong the decisions are HOLDs whose
 * rationale says what, and {@link #error()} says it too.
 *
 * <p>Each decision's verdict is the agent's own risk check: advice the model heard while it decided
 * (so that it can correct an oversized or unprotected proposal), not permission to trade. Whoever
 * executes the decisions judges them again with its own risk policy, which is the authority; Rez's
 * trading loop does.
 *
 * @param decisions one per asset of the context, in the context's order
 * @param summary the model's last text (empty when it wrote none)
 * @param error what went wrong, null when the model decided normally
 * @param transcript everything that happened
 * @param context the context payload the decision was made on, null when not known (a scripted
 *     result)
 */
public record AgentResult(
    List<AgentDecision> decisions,
    String summary,
    String error,
    Transcript transcript,
    ContextPayload context) {
  /** Checks the components; see the class description. */
  public AgentResult {
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(transcript, "transcript == null");
  }

  /** A result whose context payload is not known. */
  public AgentResult(
      List<AgentDecision> decisions, String summary, String error, Transcript transcript) {
    this(decisions, summary, error, transcript, null);
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
}
