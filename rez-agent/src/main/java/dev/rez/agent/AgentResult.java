package dev.rez.agent;

import dev.rez.core.Asset;
import java.util.List;
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
}
