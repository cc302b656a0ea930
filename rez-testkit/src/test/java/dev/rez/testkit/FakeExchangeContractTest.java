package dev.rez.testkit;

import dev.rez.core.AssetInfo;
import dev.rez.core.Exchange;
import java.math.BigDecimal;

/**
 * The fake keeps the contract the real client keeps (rez-hyperliquid runs the same tests on the
 * simulator).
 */
class FakeExchangeContractTest extends ExchangeContract {
  @Override
  protected Exchange exchange() {
    return new FakeExchange();
  }

  @Override
  protected AssetInfo asset() {
    return new AssetInfo(FakeExchange.BTC, 0, 5, 50);
  }

  @Override
  protected BigDecimal mark() {
    return new BigDecimal("50000");
  }
}
