package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.agent.ModelPrice;
import dev.rez.agent.TokenUsage;
import dev.rez.agent.Transcript;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {
  final LoopClock.Stepped clock = LoopClock.stepped(Instant.parse("2026-01-05T23:00:00Z"), t -> {});

  @Test
  void tokenLimitResetsAtTheUtcDay() {
    TokenBudget b = new TokenBudget(1000, null, null, clock.asClock());
    b.record(new TokenUsage(600, 300), null);
    assertThat(b.exhausted()).isEmpty();
    b.record(new TokenUsage(100, 0), null);
    assertThat(b.exhausted()).hasValueSatisfying(r -> assertThat(r).contains("1000 of 1000"));
    clock.advanceTo(clock.now().plus(Duration.ofHours(1)));
    assertThat(b.exhausted()).isEmpty();
    assertThat(b.usedTokens()).isZero();
  }

  @Test
  void usageWithoutACostIsPricedAtTheModelsPrice() {
    TokenBudget b =
        new TokenBudget(
            Long.MAX_VALUE,
            new BigDecimal("1"),
            new ModelPrice(new BigDecimal("1"), new BigDecimal("4")),
            clock.asClock());
    b.record(new TokenUsage(200_000, 100_000), null); // $0.20 + $0.40
    assertThat(b.usedCost()).isEqualByComparingTo("0.6");
    assertThat(b.exhausted()).isEmpty();
    b.record(new TokenUsage(200_000, 100_000), null);
    assertThat(b.exhausted()).hasValueSatisfying(r -> assertThat(r).contains("cost"));
  }

  @Test
  void aDecisionCountsAtTheCostTheAgentPricedItAt() {
    // The agent prices the repair model's turns at that model's price, so the transcript's cost is
    // not the main price of its tokens ($0.024 + $0.0026 = $0.0266 here).
    TokenBudget b =
        new TokenBudget(
            10_000,
            new BigDecimal("100"),
            new ModelPrice(new BigDecimal("10"), new BigDecimal("20")),
            clock.asClock());
    TokenUsage tokens = new TokenUsage(2_400, 130);
    b.record(transcript(tokens, new BigDecimal("0.02246")));
    assertThat(b.usedTokens()).isEqualTo(2_530);
    assertThat(b.usedCost()).isEqualByComparingTo("0.02246");

    b.record(transcript(new TokenUsage(1_000, 0), null)); // no cost: priced at $10 per million
    assertThat(b.usedCost()).isEqualByComparingTo("0.03246");
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

  private Transcript transcript(TokenUsage tokens, BigDecimal cost) {
    return new Transcript(clock.now(), Duration.ofSeconds(1), "m", List.of(), tokens, cost);
  }
}
