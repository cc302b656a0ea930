package dev.rez.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What an opening decision led to on the exchange, from its fills: whether the entry filled, how
 * the position ended and what it earned.
 *
 * <pre>{@code
 * new TradeOutcome(TradeOutcome.Status.CLOSED, "stop-loss", new BigDecimal("-8.20"), new BigDecimal("1.30"),
 *     Duration.ofMinutes(14));
 * }</pre>
 *
 * @param status whether the entry filled and whether the position is still open
 * @param exit how the position was closed: {@code take-profit}, {@code stop-loss}, {@code
 *     close-decision} (the agent closed it), {@code flatten} (the kill switch), {@code
 *     closed-unprotected} (its stop-loss could not be placed), {@code manual-close} (closed outside
 *     the loop); null unless closed
 * @param realisedPnl the closed PnL of the position's closing fills before fees, zero until it
 *     closes
 * @param fees the fees of the entry and closing fills so far
 * @param holding entry fill to the fill that closed the position; null unless closed
 */
public record TradeOutcome(
    Status status, String exit, BigDecimal realisedPnl, BigDecimal fees, Duration holding) {
  /** Where the decision's trade stands. */
  public enum Status {
    /** The entry did not fill (or was rejected by the exchange). */
    NOT_FILLED,
    /** The entry filled and the position is still open. */
    OPEN,
    /** The position was closed. */
    CLOSED
  }

  /** Checks the components; see the class description. */
  public TradeOutcome {
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(realisedPnl, "realisedPnl == null");
    Objects.requireNonNull(fees, "fees == null");
    if (status == Status.CLOSED && (exit == null || holding == null))
      throw new IllegalArgumentException("a closed trade needs its exit and holding time");
  }

  /** Realised PnL after fees. */
  public BigDecimal netPnl() {
    return realisedPnl.subtract(fees);
  }

  /**
   * A sentence for the model, e.g. {@code closed by stop-loss after 14 min: net -9.50 USD (PnL
   * -8.20, fees 1.30), a loss}.
   */
  public String describe() {
    return switch (status) {
      case NOT_FILLED -> "the entry did not fill";
      case OPEN ->
          "filled, position still open (entry fees "
              + fees.stripTrailingZeros().toPlainString()
              + " USD)";
      case CLOSED ->
          "closed by "
              + exit
              + " after "
              + minutes(holding)
              + ": net "
              + usd(netPnl())
              + " USD (PnL "
              + usd(realisedPnl)
              + ", fees "
              + fees.stripTrailingZeros().toPlainString()
              + "), "
              + (netPnl().signum() < 0 ? "a loss" : netPnl().signum() > 0 ? "a win" : "break-even");
    };
  }

  private static String minutes(Duration d) {
    long s = d.toSeconds();
    return s < 60
        ? s + " s"
        : s < 3600 * 3
            ? (s / 60) + " min"
            : String.format(java.util.Locale.ROOT, "%.1f h", s / 3600.0);
  }

  private static String usd(BigDecimal v) {
    return (v.signum() > 0 ? "+" : "")
        + v.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }
}
