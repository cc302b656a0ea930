package dev.rez.agent;

import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import java.util.Objects;

/**
 * The agent's decision for one asset, with the risk policy's verdict on it. When the verdict
 * adjusted the proposal, {@code verdict.decision()} is what may be executed.
 *
 * <p>The verdict is advice: the agent's check, whose reasons the model heard while it decided. The
 * caller that trades judges the proposal again with its own risk policy, and that check is the
 * authority (Rez's trading loop records its own {@code risk-verdict} and executes only what it
 * approved).
 *
 * @param proposal what the model proposed (a HOLD the agent made when the model decided nothing for
 *     the asset)
 * @param verdict the risk policy's verdict on the proposal
 */
public record AgentDecision(TradeDecision proposal, RiskVerdict verdict) {
  /** Checks the components; see the class description. */
  public AgentDecision {
    Objects.requireNonNull(proposal, "proposal == null");
    Objects.requireNonNull(verdict, "verdict == null");
  }

  /**
   * The decision to execute: the verdict's (possibly adjusted) decision, or a HOLD when it was
   * rejected.
   */
  public TradeDecision executable() {
    if (verdict.allowed()) return verdict.decision();
    return TradeDecision.hold(
        proposal.asset(), "rejected by the risk policy: " + verdict.summary());
  }
}
