package dev.rez.core;

import java.math.BigDecimal;

/**
 * What the agent wants to do with one asset. A decision is only a proposal: {@link RiskPolicy}
 * approves, adjusts or rejects it before any order is built.
 *
 * <pre>{@code
 * TradeDecision d = TradeDecision.open(Side.BUY, Asset.of("BTC"), new BigDecimal("500"), 5,
 *     new BigDecimal("70000"), new BigDecimal("64000"), "RSI reclaiming 50 above the 4h EMA50");
 * }</pre>
 *
 * @param asset the asset
 * @param action what to do
 * @param notionalUsd position size as USD notional ({@code size × price}); required and {@code > 0}
 *     for opens, null otherwise
 * @param leverage leverage for opens ({@code >= 1}); 0 for other actions
 * @param takeProfit take-profit trigger price; for opens required by the risk policy, null to keep
 *     the current one when adjusting
 * @param stopLoss stop-loss trigger price; for opens required by the risk policy, null to keep the
 *     current one when adjusting
 * @param rationale the agent's one-paragraph reason, never null
 */
public record TradeDecision(
    Asset asset,
    Action action,
    BigDecimal notionalUsd,
    int leverage,
    BigDecimal takeProfit,
    BigDecimal stopLoss,
    String rationale) {

  /** The kinds of decision. */
  public enum Action {
    /** Open a long position (buy). */
    OPEN_LONG,
    /** Open a short position (sell). */
    OPEN_SHORT,
    /** Close the whole position in the asset. */
    CLOSE,
    /** Move the take-profit and/or stop-loss of the open position. */
    ADJUST_PROTECTION,
    /** Do nothing. */
    HOLD;

    /** True for {@link #OPEN_LONG} and {@link #OPEN_SHORT}. */
    public boolean opens() {
      return this == OPEN_LONG || this == OPEN_SHORT;
    }
  }

  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public TradeDecision {
    Checks.notNull(asset, "asset");
    Checks.notNull(action, "action");
    Checks.notNull(rationale, "rationale");
    if (takeProfit != null) Checks.positive(takeProfit, "takeProfit");
    if (stopLoss != null) Checks.positive(stopLoss, "stopLoss");
    if (action.opens()) {
      if (notionalUsd == null)
        throw new IllegalArgumentException("notionalUsd is required to " + action + " " + asset);
      Checks.positive(notionalUsd, "notionalUsd");
      if (leverage < 1)
        throw new IllegalArgumentException(
            "leverage must be >= 1 to " + action + " but was " + leverage);
      if (takeProfit != null && stopLoss != null) {
        boolean ok =
            action == Action.OPEN_LONG
                ? takeProfit.compareTo(stopLoss) > 0
                : takeProfit.compareTo(stopLoss) < 0;
        if (!ok) {
          throw new IllegalArgumentException(
              "takeProfit "
                  + takeProfit.toPlainString()
                  + " and stopLoss "
                  + stopLoss.toPlainString()
                  + " are on the wrong sides for "
                  + action);
        }
      }
    } else {
      if (notionalUsd != null)
        throw new IllegalArgumentException("notionalUsd must be null for " + action);
      if (leverage != 0)
        throw new IllegalArgumentException(
            "leverage must be 0 for " + action + " but was " + leverage);
      if (action != Action.ADJUST_PROTECTION && (takeProfit != null || stopLoss != null)) {
        throw new IllegalArgumentException("takeProfit/stopLoss must be null for " + action);
      }
      if (action == Action.ADJUST_PROTECTION && takeProfit == null && stopLoss == null) {
        throw new IllegalArgumentException("ADJUST_PROTECTION needs a takeProfit or a stopLoss");
      }
    }
  }

  /**
   * Open a position of {@code notionalUsd} at {@code leverage} with protection: {@link Side#BUY}
   * opens a long ({@link Action#OPEN_LONG}), {@link Side#SELL} a short ({@link Action#OPEN_SHORT}).
   *
   * @throws NullPointerException if {@code side} is null
   */
  public static TradeDecision open(
      Side side,
      Asset asset,
      BigDecimal notionalUsd,
      int leverage,
      BigDecimal takeProfit,
      BigDecimal stopLoss,
      String rationale) {
    Checks.notNull(side, "side");
    Action action = side == Side.BUY ? Action.OPEN_LONG : Action.OPEN_SHORT;
    return new TradeDecision(asset, action, notionalUsd, leverage, takeProfit, stopLoss, rationale);
  }

  /** Close the position in {@code asset}. */
  public static TradeDecision close(Asset asset, String rationale) {
    return new TradeDecision(asset, Action.CLOSE, null, 0, null, null, rationale);
  }

  /** Move the protection of the position in {@code asset}; a null level is left as it is. */
  public static TradeDecision adjustProtection(
      Asset asset, BigDecimal takeProfit, BigDecimal stopLoss, String rationale) {
    return new TradeDecision(
        asset, Action.ADJUST_PROTECTION, null, 0, takeProfit, stopLoss, rationale);
  }

  /** Do nothing with {@code asset}. */
  public static TradeDecision hold(Asset asset, String rationale) {
    return new TradeDecision(asset, Action.HOLD, null, 0, null, null, rationale);
  }

  /**
   * The side of the entry order for opens ({@link Side#BUY} for a long), of the closing order
   * otherwise is unknown here.
   */
  public Side entrySide() {
    return switch (action) {
      case OPEN_LONG -> Side.BUY;
      case OPEN_SHORT -> Side.SELL;
      default -> throw new IllegalStateException(action + " has no entry side");
    };
  }

  /** A copy with another size and leverage (used by the risk policy when it clips). */
  public TradeDecision withSize(BigDecimal notionalUsd, int leverage) {
    return new TradeDecision(asset, action, notionalUsd, leverage, takeProfit, stopLoss, rationale);
  }
}
