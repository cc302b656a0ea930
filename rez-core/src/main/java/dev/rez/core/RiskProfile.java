package dev.rez.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Named presets of {@link RiskLimits}. Every limit can be overridden with {@link
 * RiskLimits#toBuilder()}.
 *
 * <table>
 *   <caption>Profiles</caption>
 *   <tr><th>profile</th><th>leverage</th><th>margin per trade</th><th>signals</th><th>cooldown</th><th>daily loss</th></tr>
 *   <tr><td>conservative</td><td>3–5×</td><td>20–40 %</td><td>3+</td><td>15 min</td><td>3 %</td></tr>
 *   <tr><td>moderate</td><td>5–10×</td><td>40–60 %</td><td>2 of 3</td><td>10 min</td><td>5 %</td></tr>
 *   <tr><td>high</td><td>10–20×</td><td>60–80 %</td><td>1</td><td>5 min</td><td>10 %</td></tr>
 *   <tr><td>debug</td><td>1–3×</td><td>minimum order</td><td>0</td><td>none</td><td>5 %</td></tr>
 * </table>
 *
 * <p>All share: stop-loss between 0.2 % and 10 % from entry, reward-to-risk at least 1.5, a doubled
 * cooldown after a losing close, minimum order $11 (Hyperliquid's $10 plus a buffer) and a hard
 * leverage cap of 20×. The {@code debug} profile caps each position at the minimum order value: it
 * exercises the execution pipeline with the smallest possible orders.
 */
public enum RiskProfile {
  /**
   * 3–5×, 20–40 % of equity per trade, 3+ confirming signals, 15-minute cooldown, 3 % daily loss.
   */
  CONSERVATIVE(3, 5, "0.20", "0.40", 3, Duration.ofMinutes(15), "0.03", null),
  /** 5–10×, 40–60 % of equity per trade, 2 of 3 signals, 10-minute cooldown, 5 % daily loss. */
  MODERATE(5, 10, "0.40", "0.60", 2, Duration.ofMinutes(10), "0.05", null),
  /** 10–20×, 60–80 % of equity per trade, one signal, 5-minute cooldown, 10 % daily loss. */
  HIGH(10, 20, "0.60", "0.80", 1, Duration.ofMinutes(5), "0.10", null),
  /** The minimum order value per position, 1–3×, no cooldown: exercises the execution pipeline. */
  DEBUG(1, 3, "0.01", "1", 0, Duration.ZERO, "0.05", RiskLimits.DEFAULT_MIN_ORDER_VALUE);

  /**
   * The leverage no profile and no model may exceed unless the user lowers or raises it explicitly.
   */
  public static final int DEFAULT_HARD_LEVERAGE_CAP = 20;

  private final RiskLimits limits;

  RiskProfile(
      int minLev,
      int maxLev,
      String minMargin,
      String maxMargin,
      int signals,
      Duration cooldown,
      String dailyLoss,
      BigDecimal maxPositionNotional) {
    this.limits =
        new RiskLimits(
            name().toLowerCase(Locale.ROOT),
            minLev,
            maxLev,
            DEFAULT_HARD_LEVERAGE_CAP,
            new BigDecimal(minMargin),
            new BigDecimal(maxMargin),
            maxPositionNotional,
            null,
            new BigDecimal(dailyLoss),
            new BigDecimal("0.002"),
            new BigDecimal("0.10"),
            new BigDecimal("1.5"),
            cooldown,
            new BigDecimal("2"),
            Set.of(),
            RiskLimits.DEFAULT_MIN_ORDER_VALUE,
            signals);
  }

  /** The preset limits. */
  public RiskLimits limits() {
    return limits;
  }

  /**
   * The lower-case name used in configuration: {@code conservative}, {@code moderate}, {@code
   * high}, {@code debug}.
   */
  public String id() {
    return limits.profile();
  }

  /**
   * The profile named {@code name}, any case.
   *
   * @throws IllegalArgumentException naming the value and the known profiles
   */
  public static RiskProfile parse(String name) {
    Checks.notNull(name, "riskProfile");
    for (RiskProfile p : values()) {
      if (p.id().equalsIgnoreCase(name.trim())) return p;
    }
    throw new IllegalArgumentException(
        "unknown risk profile '" + name + "' (expected conservative, moderate, high or debug)");
  }
}
