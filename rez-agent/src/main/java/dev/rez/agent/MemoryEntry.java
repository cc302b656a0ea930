package dev.rez.agent;

import dev.rez.core.Asset;
import java.time.Instant;
import java.util.Objects;

/**
 * One remembered decision and what came of it, for the context's short memory.
 *
 * <pre>{@code
 * new MemoryEntry(Instant.parse("2024-05-01T10:00:00Z"), Asset.of("BTC"), "open_long",
 *     "EMA cross with RSI above 50", "closed at take-profit, +$12.40");
 * }</pre>
 *
 * @param time when the decision was made
 * @param asset the asset
 * @param action the action, e.g. {@code open_long}, {@code hold}
 * @param rationale the decision's rationale
 * @param outcome what happened since, free text (empty when not known yet)
 * @param trade what an opening decision led to on the exchange (filled, exit, PnL, fees, holding
 *     time); null for other decisions and while not known
 */
public record MemoryEntry(
    Instant time,
    Asset asset,
    String action,
    String rationale,
    String outcome,
    TradeOutcome trade) {
  /** Checks the components; see the class description. */
  public MemoryEntry {
    Objects.requireNonNull(time, "time == null");
    Objects.requireNonNull(asset, "asset == null");
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(rationale, "rationale == null");
    Objects.requireNonNull(outcome, "outcome == null");
  }

  /** An entry without a trade outcome. */
  public MemoryEntry(Instant time, Asset asset, String action, String rationale, String outcome) {
    this(time, asset, action, rationale, outcome, null);
  }
}
