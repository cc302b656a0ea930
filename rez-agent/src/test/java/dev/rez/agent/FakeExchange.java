package dev.rez.agent;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.MarginMode;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.TriggerOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An account to read; every trading method fails the test, because the agent must never trade. */
final class FakeExchange implements Exchange {
  BigDecimal equity = new BigDecimal("10000");
  final List<Position> positions = new ArrayList<>();
  final List<OpenOrder> orders = new ArrayList<>();
  int accountReads;
  boolean failAccount;

  @Override
  public AccountState accountState() {
    accountReads++;
    if (failAccount) throw new IllegalStateException("venue unreachable");
    BigDecimal margin = BigDecimal.ZERO;
    for (Position p : positions) margin = margin.add(p.marginUsed());
    return new AccountState(equity, margin, equity.subtract(margin), positions, Instant.EPOCH);
  }

  @Override
  public List<OpenOrder> openOrders() {
    return List.copyOf(orders);
  }

  @Override
  public List<Fill> fills(Instant since) {
    return List.of();
  }

  private static AssertionError trade() {
    return new AssertionError("the agent must never trade");
  }

  @Override
  public List<OrderResult> placeWithProtection(OrderRequest entry, List<TriggerOrder> protection) {
    throw trade();
  }

  @Override
  public List<OrderResult> place(List<OrderRequest> orders) {
    throw trade();
  }

  @Override
  public List<OrderResult> placeProtection(List<TriggerOrder> protection) {
    throw trade();
  }

  @Override
  public boolean cancel(Asset asset, long orderId) {
    throw trade();
  }

  @Override
  public Optional<OpenOrder> orderByCloid(ClientOrderId cloid) {
    return Optional.empty();
  }

  @Override
  public void setLeverage(Asset asset, int leverage, MarginMode mode) {
    throw trade();
  }
}
