package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {
  final LoopClock.Stepped clock = LoopClock.stepped(Instant.parse("2026-01-05T23:00:00Z"), t -> {});

  @Test
  void tokenLimitResetsAtTheUtcDay() {
    TokenBudget b = new TokenBudget(1000, null, null, clock.asClock());
    b.record(new dev.rez.agent.TokenUsage(600, 300));
    assertThat(b.exhausted()).isEmpty();
    b.record(new dev.rez.agent.TokenUsage(100, 0));
    assertThat(b.exhausted()).hasValueSatisfying(r -> assertThat(r).contains("1000 of 1000"));
    clock.advanceTo(clock.now().plus(Duration.ofHours(1)));
    assertThat(b.exhausted()).isEmpty();
    assertThat(b.usedTokens()).isZero();
  }

  @Test
  void costLimitUsesPrices() {
    TokenBudget b =
        new TokenBudget(
            Long.MAX_VALUE,
            new BigDecimal("1"),
            new dev.rez.agent.ModelPrice(new BigDecimal("1"), new BigDecimal("4")),
            clock.asClock());
    b.record(new dev.rez.agent.TokenUsage(200_000, 100_000)); // $0.20 + $0.40
    assertThat(b.usedCost()).isEqualByComparingTo("0.6");
    assertThat(b.exhausted()).isEmpty();
    b.record(new dev.rez.agent.TokenUsage(200_000, 100_000));
    assertThat(b.exhausted()).hasValueSatisfying(r -> assertThat(r).contains("cost"));
  }

  static dev.rez.agent.TranscriptEntry.AssistantTurn turn(
      int step, dev.rez.agent.TokenUsage tokens, dev.rez.agent.ModelRole role) {
    return new dev.rez.agent.TranscriptEntry.AssistantTurn(
        step,
        "",
        "",
        java.util.List.of(),
        tokens,
        Duration.ZERO,
        "h" + step,
        java.util.List.of(),
        role);
  }

  @Test
  void theRepairModelsTurnsCountAndArePricedAtItsOwnPrice() {
    TokenBudget b =
        new TokenBudget(
            10_000,
            new BigDecimal("100"),
            new dev.rez.agent.ModelPrice(new BigDecimal("10"), new BigDecimal("20")),
            new dev.rez.agent.ModelPrice(new BigDecimal("1"), new BigDecimal("2")),
            clock.asClock());
    dev.rez.agent.TokenUsage main = new dev.rez.agent.TokenUsage(2_000, 100);
    dev.rez.agent.TokenUsage repair = new dev.rez.agent.TokenUsage(400, 30);
    b.record(
        new dev.rez.agent.Transcript(
            clock.now(),
            Duration.ofSeconds(1),
            "m",
            java.util.List.of(
                turn(1, main, dev.rez.agent.ModelRole.MAIN),
                turn(2, repair, dev.rez.agent.ModelRole.REPAIR)),
            main.plus(repair),
            null));
    assertThat(b.usedTokens()).isEqualTo(2_530);
    // $0.02 + $0.002 for the model, $0.0004 + $0.00006 for the repair model.
    assertThat(b.usedCost()).isEqualByComparingTo("0.02246");
  }

  @Test
  void costLimitWithoutPricesIsRefused() {
    assertThatThrownBy(() -> new TokenBudget(10, BigDecimal.ONE, null, clock.asClock()))
        .hasMessageContaining("prices");
  }

  @Test
  void zeroBudgetFailsClosed() {
    assertThat(new TokenBudget(0, null, null, clock.asClock()).exhausted()).isPresent();
  }
}
