package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RiskProfileTest {
  @Test
  void presetsMatchTheTable() {
    RiskLimits c = RiskProfile.CONSERVATIVE.limits();
    assertThat(c.minLeverage()).isEqualTo(3);
    assertThat(c.maxLeverage()).isEqualTo(5);
    assertThat(c.minMarginFraction()).isEqualByComparingTo("0.20");
    assertThat(c.maxMarginFraction()).isEqualByComparingTo("0.40");
    assertThat(c.minConfirmingSignals()).isEqualTo(3);
    assertThat(c.cooldown()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.maxDailyLossFraction()).isEqualByComparingTo("0.03");

    RiskLimits m = RiskProfile.MODERATE.limits();
    assertThat(m.minLeverage()).isEqualTo(5);
    assertThat(m.maxLeverage()).isEqualTo(10);
    assertThat(m.maxMarginFraction()).isEqualByComparingTo("0.60");
    assertThat(m.minConfirmingSignals()).isEqualTo(2);
    assertThat(m.cooldown()).isEqualTo(Duration.ofMinutes(10));

    RiskLimits h = RiskProfile.HIGH.limits();
    assertThat(h.minLeverage()).isEqualTo(10);
    assertThat(h.maxLeverage()).isEqualTo(20);
    assertThat(h.maxMarginFraction()).isEqualByComparingTo("0.80");
    assertThat(h.minConfirmingSignals()).isEqualTo(1);
    assertThat(h.cooldown()).isEqualTo(Duration.ofMinutes(5));

    RiskLimits d = RiskProfile.DEBUG.limits();
    assertThat(d.cooldown()).isZero();
    assertThat(d.maxPositionNotional()).isEqualByComparingTo(RiskLimits.DEFAULT_MIN_ORDER_VALUE);
    assertThat(d.minConfirmingSignals()).isZero();
  }

  @Test
  void sharedLimits() {
    for (RiskProfile p : RiskProfile.values()) {
      RiskLimits l = p.limits();
      assertThat(l.profile()).isEqualTo(p.id());
      assertThat(l.hardLeverageCap()).isEqualTo(RiskProfile.DEFAULT_HARD_LEVERAGE_CAP);
      assertThat(l.minRewardRisk()).isEqualByComparingTo("1.5");
      assertThat(l.minStopDistance()).isEqualByComparingTo("0.002");
      assertThat(l.maxStopDistance()).isEqualByComparingTo("0.10");
      assertThat(l.lossCooldownMultiplier()).isEqualByComparingTo("2");
      assertThat(l.minOrderValue())
          .isEqualByComparingTo("11")
          .isGreaterThan(RiskLimits.VENUE_MIN_ORDER_VALUE);
      assertThat(l.allowedAssets()).isEmpty();
      assertThat(l.effectiveMaxLeverage())
          .isLessThanOrEqualTo(RiskProfile.DEFAULT_HARD_LEVERAGE_CAP);
    }
  }

  @Test
  void parsesNamesInAnyCase() {
    assertThat(RiskProfile.parse("conservative")).isEqualTo(RiskProfile.CONSERVATIVE);
    assertThat(RiskProfile.parse("Moderate")).isEqualTo(RiskProfile.MODERATE);
    assertThat(RiskProfile.parse(" HIGH ")).isEqualTo(RiskProfile.HIGH);
    assertThat(RiskProfile.parse("debug")).isEqualTo(RiskProfile.DEBUG);
    for (RiskProfile p : RiskProfile.values()) assertThat(RiskProfile.parse(p.id())).isEqualTo(p);
  }

  @Test
  void rejectsUnknownNames() {
    assertThatThrownBy(() -> RiskProfile.parse("yolo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown risk profile 'yolo' (expected conservative, moderate, high or debug)");
    assertThatThrownBy(() -> RiskProfile.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("riskProfile == null");
  }
}
