package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RiskLimitsTest {
  private static final RiskLimits BASE = RiskProfile.MODERATE.limits();

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  private static void rejects(UnaryOperator<RiskLimits.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(BASE.toBuilder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void everyLimitIsChecked() {
    rejects(b -> b.profile(" "), "profile must not be blank but was ' '");
    rejects(b -> b.minLeverage(0), "minLeverage must be >= 1 but was 0");
    rejects(
        b -> b.minLeverage(7).maxLeverage(10).minLeverage(11),
        "maxLeverage must be >= minLeverage (11) but was 10");
    rejects(b -> b.hardLeverageCap(0), "hardLeverageCap must be >= 1 but was 0");
    rejects(b -> b.minMarginFraction(bd("0")), "minMarginFraction must be in (0, 1] but was 0");
    rejects(b -> b.maxMarginFraction(bd("1.5")), "maxMarginFraction must be in (0, 1] but was 1.5");
    rejects(
        b -> b.minMarginFraction(bd("0.5")).maxMarginFraction(bd("0.4")),
        "maxMarginFraction must be >= minMarginFraction but was 0.4");
    rejects(b -> b.maxPositionNotional(bd("0")), "maxPositionNotional must be > 0 but was 0");
    rejects(b -> b.maxTotalNotional(bd("-1")), "maxTotalNotional must be > 0 but was -1");
    rejects(
        b -> b.maxDailyLossFraction(bd("0")), "maxDailyLossFraction must be in (0, 1] but was 0");
    rejects(b -> b.minStopDistance(bd("-0.1")), "minStopDistance must be >= 0 but was -0.1");
    rejects(b -> b.maxStopDistance(bd("1.01")), "maxStopDistance must be in (0, 1] but was 1.01");
    rejects(
        b -> b.minStopDistance(bd("0.05")).maxStopDistance(bd("0.05")),
        "maxStopDistance must be > minStopDistance but was 0.05");
    rejects(b -> b.minRewardRisk(bd("-1")), "minRewardRisk must be >= 0 but was -1");
    rejects(b -> b.cooldown(Duration.ofSeconds(-1)), "cooldown must be >= 0 but was PT-1S");
    rejects(
        b -> b.lossCooldownMultiplier(bd("0.5")),
        "lossCooldownMultiplier must be >= 1 but was 0.5");
    rejects(b -> b.minOrderValue(bd("0")), "minOrderValue must be > 0 but was 0");
    rejects(b -> b.minConfirmingSignals(-1), "minConfirmingSignals must be >= 0 but was -1");
    assertThatThrownBy(() -> BASE.toBuilder().allowedAssets(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("allowedAssets == null");
    assertThatThrownBy(() -> BASE.toBuilder().cooldown(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cooldown == null");
  }

  @Test
  void optionalLimitsMayBeNull() {
    RiskLimits l = BASE.toBuilder().maxPositionNotional(null).maxTotalNotional(null).build();
    assertThat(l.maxPositionNotional()).isNull();
    assertThat(l.maxTotalNotional()).isNull();
  }

  @Test
  void builderOverridesOneLimitAndKeepsTheRest() {
    RiskLimits l = BASE.toBuilder().maxLeverage(8).allowedAssets(Set.of(Asset.of("BTC"))).build();
    assertThat(l.maxLeverage()).isEqualTo(8);
    assertThat(l.allows(Asset.of("BTC"))).isTrue();
    assertThat(l.allows(Asset.of("ETH"))).isFalse();
    assertThat(l)
        .usingRecursiveComparison()
        .ignoringFields("maxLeverage", "allowedAssets")
        .isEqualTo(BASE);
    assertThat(BASE.allows(Asset.of("ANY"))).as("empty allowed set allows everything").isTrue();
  }

  @Test
  void loweringMaxLeverageBelowTheMinimumLowersTheMinimum() {
    RiskLimits l = RiskProfile.HIGH.limits().toBuilder().maxLeverage(4).build();
    assertThat(l.minLeverage()).isEqualTo(4);
    assertThat(l.maxLeverage()).isEqualTo(4);
  }

  @Test
  void effectiveMaxLeverageIsTheLowerOfMaxAndHardCap() {
    assertThat(BASE.toBuilder().maxLeverage(50).build().effectiveMaxLeverage()).isEqualTo(20);
    assertThat(BASE.toBuilder().hardLeverageCap(4).build().effectiveMaxLeverage()).isEqualTo(4);
    assertThat(BASE.effectiveMaxLeverage()).isEqualTo(10);
  }

  @Test
  void allowedAssetsAreCopied() {
    java.util.Set<Asset> assets = new java.util.HashSet<>(Set.of(Asset.of("BTC")));
    RiskLimits l = BASE.toBuilder().allowedAssets(assets).build();
    assets.add(Asset.of("ETH"));
    assertThat(l.allowedAssets()).containsExactly(Asset.of("BTC"));
  }
}
