package dev.rez.app.loop;

import dev.rez.agent.ModelPrice;
import dev.rez.agent.TokenUsage;
import dev.rez.agent.Transcript;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A daily budget of model tokens and, when prices are known, of their cost in USD. It fails closed:
 * once a UTC day's budget is spent the loop asks the model nothing more that day (positions are
 * still managed and protected).
 *
 * <pre>{@code
 * TokenBudget budget = new TokenBudget(2_000_000, null, null, Clock.systemUTC());
 * if (budget.exhausted().isEmpty()) budget.record(result.transcript());
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class TokenBudget {
  private final long dailyTokens;
  private final BigDecimal dailyCostUsd;
  private final ModelPrice price;
  private final Clock clock;
  private LocalDate day;
  private long usedTokens;
  private BigDecimal usedCost = BigDecimal.ZERO;

  /**
   * A budget.
   *
   * @param dailyTokens tokens (input + output) per UTC day, both models' together, {@code >= 0}
   * @param dailyCostUsd USD per UTC day, or null for no cost limit
   * @param price the model's token prices, to price usage whose cost is not known, or null when
   *     unknown
   * @throws IllegalArgumentException when a cost limit is set without the prices
   */
  public TokenBudget(long dailyTokens, BigDecimal dailyCostUsd, ModelPrice price, Clock clock) {
    if (dailyTokens < 0)
      throw new IllegalArgumentException("dailyTokens must be >= 0 but was " + dailyTokens);
    if (dailyCostUsd != null && price == null) {
      throw new IllegalArgumentException(
          "a daily cost budget needs the input and output token prices");
    }
    this.dailyTokens = dailyTokens;
    this.dailyCostUsd = dailyCostUsd;
    this.price = price;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * Adds a decision's usage to today's total: its tokens, and its {@link Transcript#costUsd() cost}
   * as the agent priced it (each model's turns at that model's price).
   */
  public void record(Transcript transcript) {
    record(transcript.tokens(), transcript.costUsd().orElse(null));
  }

  /**
   * Adds a usage of the models to today's total.
   *
   * @param costUsd what it cost, or null when not known: then it is priced at the model's price
   */
  public synchronized void record(TokenUsage tokens, BigDecimal costUsd) {
    roll();
    usedTokens += tokens.total();
    if (costUsd != null) usedCost = usedCost.add(costUsd);
    else if (price != null) usedCost = usedCost.add(price.cost(tokens));
  }

  /** Why the budget is spent, or empty while the model may still be asked today. */
  public synchronized Optional<String> exhausted() {
    roll();
    if (usedTokens >= dailyTokens)
      return Optional.of(
          "daily token budget spent: " + usedTokens + " of " + dailyTokens + " tokens");
    if (dailyCostUsd != null && usedCost.compareTo(dailyCostUsd) >= 0) {
      return Optional.of(
          "daily cost budget spent: $"
              + usedCost.round(new MathContext(4)).toPlainString()
              + " of $"
              + dailyCostUsd.toPlainString());
    }
    return Optional.empty();
  }

  /** Tokens used today. */
  public synchronized long usedTokens() {
    roll();
    return usedTokens;
  }

  /** USD spent today; zero when prices are unknown. */
  public synchronized BigDecimal usedCost() {
    roll();
    return usedCost;
  }

  private void roll() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      usedTokens = 0;
      usedCost = BigDecimal.ZERO;
    }
  }
}
