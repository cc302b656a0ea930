package dev.rez.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * The limits {@link RiskPolicy} enforces. Start from a {@link RiskProfile} and override what you
 * need:
 *
 * <pre>{@code
 * RiskLimits limits = RiskProfile.MODERATE.limits().toBuilder()
 *     .maxLeverage(8)
 *     .allowedAssets(Set.of(Asset.of("BTC"), Asset.of("ETH")))
 *     .build();
 * }</pre>
 *
 * <p>Fractions are plain fractions ({@code 0.05} is 5 %). Absolute USD limits are optional (null
 * for none).
 *
 * @param profile the name of the profile these limits came from (for display and for the agent's
 *     prompt)
 * @param minLeverage the lowest leverage the profile suggests (advice for the agent; not enforced)
 * @param maxLeverage the highest leverage allowed; higher requests are clipped
 * @param hardLeverageCap a cap above every profile and model: the effective maximum is {@code
 *     min(maxLeverage, hardLeverageCap)}
 * @param minMarginFraction the margin per trade, as a fraction of equity, the profile suggests
 *     (advice)
 * @param maxMarginFraction the most margin one trade may commit, as a fraction of equity; larger
 *     trades are clipped
 * @param maxPositionNotional the largest notional of one position in USD, or null
 * @param maxTotalNotional the largest notional of all positions together in USD, or null
 * @param maxDailyLossFraction realised + unrealised loss since the UTC day's start, as a fraction
 *     of that day's starting equity, at which trading halts until the next UTC day (or a manual
 *     reset)
 * @param minStopDistance the closest a stop-loss may be to the entry, as a fraction of the entry
 * @param maxStopDistance the farthest a stop-loss may be from the entry, as a fraction of the entry
 * @param minRewardRisk the minimum {@code |takeProfit − entry| / |entry − stopLoss|}
 * @param cooldown how long after a close the same asset may not be opened again
 * @param lossCooldownMultiplier the cooldown is multiplied by this after a losing close ({@code >=
 *     1})
 * @param allowedAssets the assets that may be opened; empty for every asset
 * @param minOrderValue the smallest order notional in USD (the venue's minimum plus a buffer)
 * @param minConfirmingSignals how many independent signals the agent should see agree before
 *     entering (advice for the agent's prompt)
 */
public record RiskLimits(
    String profile,
    int minLeverage,
    int maxLeverage,
    int hardLeverageCap,
    BigDecimal minMarginFraction,
    BigDecimal maxMarginFraction,
    BigDecimal maxPositionNotional,
    BigDecimal maxTotalNotional,
    BigDecimal maxDailyLossFraction,
    BigDecimal minStopDistance,
    BigDecimal maxStopDistance,
    BigDecimal minRewardRisk,
    Duration cooldown,
    BigDecimal lossCooldownMultiplier,
    Set<Asset> allowedAssets,
    BigDecimal minOrderValue,
    int minConfirmingSignals) {

  /** Hyperliquid's minimum order value in USD. */
  public static final BigDecimal VENUE_MIN_ORDER_VALUE = BigDecimal.TEN;

  /**
   * The default minimum order value: the venue's $10 plus a 10 % buffer for price moves and
   * rounding.
   */
  public static final BigDecimal DEFAULT_MIN_ORDER_VALUE = new BigDecimal("11");

  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public RiskLimits {
    Checks.notBlank(profile, "profile");
    if (minLeverage < 1)
      throw new IllegalArgumentException("minLeverage must be >= 1 but was " + minLeverage);
    if (maxLeverage < minLeverage) {
      throw new IllegalArgumentException(
          "maxLeverage must be >= minLeverage (" + minLeverage + ") but was " + maxLeverage);
    }
    if (hardLeverageCap < 1)
      throw new IllegalArgumentException("hardLeverageCap must be >= 1 but was " + hardLeverageCap);
    fraction(minMarginFraction, "minMarginFraction");
    fraction(maxMarginFraction, "maxMarginFraction");
    if (maxMarginFraction.compareTo(minMarginFraction) < 0) {
      throw new IllegalArgumentException(
          "maxMarginFraction must be >= minMarginFraction but was "
              + maxMarginFraction.toPlainString());
    }
    if (maxPositionNotional != null) Checks.positive(maxPositionNotional, "maxPositionNotional");
    if (maxTotalNotional != null) Checks.positive(maxTotalNotional, "maxTotalNotional");
    fraction(maxDailyLossFraction, "maxDailyLossFraction");
    Checks.nonNegative(minStopDistance, "minStopDistance");
    fraction(maxStopDistance, "maxStopDistance");
    if (maxStopDistance.compareTo(minStopDistance) <= 0) {
      throw new IllegalArgumentException(
          "maxStopDistance must be > minStopDistance but was " + maxStopDistance.toPlainString());
    }
    Checks.nonNegative(minRewardRisk, "minRewardRisk");
    Checks.notNull(cooldown, "cooldown");
    if (cooldown.isNegative())
      throw new IllegalArgumentException("cooldown must be >= 0 but was " + cooldown);
    Checks.notNull(lossCooldownMultiplier, "lossCooldownMultiplier");
    if (lossCooldownMultiplier.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException(
          "lossCooldownMultiplier must be >= 1 but was " + lossCooldownMultiplier.toPlainString());
    }
    allowedAssets = Set.copyOf(Checks.notNull(allowedAssets, "allowedAssets"));
    Checks.positive(minOrderValue, "minOrderValue");
    if (minConfirmingSignals < 0)
      throw new IllegalArgumentException(
          "minConfirmingSignals must be >= 0 but was " + minConfirmingSignals);
  }

  private static void fraction(BigDecimal v, String field) {
    Checks.notNull(v, field);
    if (v.signum() <= 0 || v.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(field + " must be in (0, 1] but was " + v.toPlainString());
    }
  }

  /** The leverage actually allowed: {@code min(maxLeverage, hardLeverageCap)}. */
  public int effectiveMaxLeverage() {
    return Math.min(maxLeverage, hardLeverageCap);
  }

  /** True when {@code asset} may be opened. */
  public boolean allows(Asset asset) {
    return allowedAssets.isEmpty() || allowedAssets.contains(asset);
  }

  /** A builder initialised with these limits. */
  public Builder toBuilder() {
    return new Builder()
        .profile(profile)
        .minLeverage(minLeverage)
        .maxLeverage(maxLeverage)
        .hardLeverageCap(hardLeverageCap)
        .minMarginFraction(minMarginFraction)
        .maxMarginFraction(maxMarginFraction)
        .maxPositionNotional(maxPositionNotional)
        .maxTotalNotional(maxTotalNotional)
        .maxDailyLossFraction(maxDailyLossFraction)
        .minStopDistance(minStopDistance)
        .maxStopDistance(maxStopDistance)
        .minRewardRisk(minRewardRisk)
        .cooldown(cooldown)
        .lossCooldownMultiplier(lossCooldownMultiplier)
        .allowedAssets(allowedAssets)
        .minOrderValue(minOrderValue)
        .minConfirmingSignals(minConfirmingSignals);
  }

  /** Builds {@link RiskLimits}; every setter overrides one limit. Not threadsafe. */
  public static final class Builder {
    private String profile;
    private int minLeverage;
    private int maxLeverage;
    private int hardLeverageCap;
    private BigDecimal minMarginFraction;
    private BigDecimal maxMarginFraction;
    private BigDecimal maxPositionNotional;
    private BigDecimal maxTotalNotional;
    private BigDecimal maxDailyLossFraction;
    private BigDecimal minStopDistance;
    private BigDecimal maxStopDistance;
    private BigDecimal minRewardRisk;
    private Duration cooldown;
    private BigDecimal lossCooldownMultiplier;
    private Set<Asset> allowedAssets;
    private BigDecimal minOrderValue;
    private int minConfirmingSignals;

    private Builder() {}

    /** Overrides {@link RiskLimits#profile()}. */
    public Builder profile(String v) {
      profile = v;
      return this;
    }

    /** Overrides {@link RiskLimits#minLeverage()}. */
    public Builder minLeverage(int v) {
      minLeverage = v;
      return this;
    }

    /**
     * Overrides {@link RiskLimits#maxLeverage()}. Lowers {@link RiskLimits#minLeverage()} too when
     * it is above {@code v}.
     */
    public Builder maxLeverage(int v) {
      maxLeverage = v;
      if (minLeverage > v) minLeverage = v;
      return this;
    }

    /** Overrides {@link RiskLimits#hardLeverageCap()}. */
    public Builder hardLeverageCap(int v) {
      hardLeverageCap = v;
      return this;
    }

    /** Overrides {@link RiskLimits#minMarginFraction()}. */
    public Builder minMarginFraction(BigDecimal v) {
      minMarginFraction = v;
      return this;
    }

    /** Overrides {@link RiskLimits#maxMarginFraction()}. */
    public Builder maxMarginFraction(BigDecimal v) {
      maxMarginFraction = v;
      return this;
    }

    /** Overrides {@link RiskLimits#maxPositionNotional()}. */
    public Builder maxPositionNotional(BigDecimal v) {
      maxPositionNotional = v;
      return this;
    }

    /** Overrides {@link RiskLimits#maxTotalNotional()}. */
    public Builder maxTotalNotional(BigDecimal v) {
      maxTotalNotional = v;
      return this;
    }

    /** Overrides {@link RiskLimits#maxDailyLossFraction()}. */
    public Builder maxDailyLossFraction(BigDecimal v) {
      maxDailyLossFraction = v;
      return this;
    }

    /** Overrides {@link RiskLimits#minStopDistance()}. */
    public Builder minStopDistance(BigDecimal v) {
      minStopDistance = v;
      return this;
    }

    /** Overrides {@link RiskLimits#maxStopDistance()}. */
    public Builder maxStopDistance(BigDecimal v) {
      maxStopDistance = v;
      return this;
    }

    /** Overrides {@link RiskLimits#minRewardRisk()}. */
    public Builder minRewardRisk(BigDecimal v) {
      minRewardRisk = v;
      return this;
    }

    /** Overrides {@link RiskLimits#cooldown()}. */
    public Builder cooldown(Duration v) {
      cooldown = v;
      return this;
    }

    /** Overrides {@link RiskLimits#lossCooldownMultiplier()}. */
    public Builder lossCooldownMultiplier(BigDecimal v) {
      lossCooldownMultiplier = v;
      return this;
    }

    /** Overrides {@link RiskLimits#allowedAssets()}. */
    public Builder allowedAssets(Set<Asset> v) {
      allowedAssets = v;
      return this;
    }

    /** Overrides {@link RiskLimits#minOrderValue()}. */
    public Builder minOrderValue(BigDecimal v) {
      minOrderValue = v;
      return this;
    }

    /** Overrides {@link RiskLimits#minConfirmingSignals()}. */
    public Builder minConfirmingSignals(int v) {
      minConfirmingSignals = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first limit that is out of range
     */
    public RiskLimits build() {
      return new RiskLimits(
          profile,
          minLeverage,
          maxLeverage,
          hardLeverageCap,
          minMarginFraction,
          maxMarginFraction,
          maxPositionNotional,
          maxTotalNotional,
          maxDailyLossFraction,
          minStopDistance,
          maxStopDistance,
          minRewardRisk,
          cooldown,
          lossCooldownMultiplier,
          allowedAssets,
          minOrderValue,
          minConfirmingSignals);
    }
  }
}
