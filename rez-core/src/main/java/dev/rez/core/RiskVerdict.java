package dev.rez.core;

import java.util.List;

/**
 * What {@link RiskPolicy} decided about a {@link TradeDecision}, with every reason.
 *
 * @param outcome approved as proposed, approved after adjustment, or rejected
 * @param decision the decision to execute (the adjusted one when {@code ADJUSTED}; the proposal
 *     when rejected)
 * @param reasons why it was adjusted or rejected, in the order the checks ran; empty when approved
 *     as is
 */
public record RiskVerdict(Outcome outcome, TradeDecision decision, List<Reason> reasons) {
  /** The three outcomes. */
  public enum Outcome {
    /** Approved as proposed. */
    APPROVED,
    /** Approved with a smaller leverage or size; the reasons say what changed. */
    ADJUSTED,
    /** Rejected; the reasons say why. */
    REJECTED
  }

  /**
   * One reason.
   *
   * @param code a stable kebab-case code, e.g. {@code leverage-clipped}, {@code stop-loss-missing}
   * @param message a sentence for the agent and the diary
   */
  public record Reason(String code, String message) {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component that is out of range and its value
     * @throws NullPointerException naming a required component that is null
     */
    public Reason {
      Checks.notBlank(code, "code");
      Checks.notBlank(message, "message");
    }
  }

  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public RiskVerdict {
    Checks.notNull(outcome, "outcome");
    Checks.notNull(decision, "decision");
    reasons = List.copyOf(Checks.notNull(reasons, "reasons"));
    if (outcome != Outcome.APPROVED && reasons.isEmpty())
      throw new IllegalArgumentException(outcome + " needs at least one reason");
  }

  /** True unless rejected. */
  public boolean allowed() {
    return outcome != Outcome.REJECTED;
  }

  /** The reasons as one line, for logs and tool results. */
  public String summary() {
    if (reasons.isEmpty()) return outcome.name().toLowerCase(java.util.Locale.ROOT);
    StringBuilder sb =
        new StringBuilder(outcome.name().toLowerCase(java.util.Locale.ROOT)).append(": ");
    for (int i = 0; i < reasons.size(); i++)
      sb.append(i == 0 ? "" : "; ").append(reasons.get(i).message());
    return sb.toString();
  }
}
