package dev.rez.hyperliquid.sim;

import dev.rez.core.Asset;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.Exchange;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.testkit.ExchangeContract;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The real client on the simulator keeps the contract the test double keeps. BTC stands near
 * 123456.7 with 5 size decimals, so prices run to six-figure integers (Hyperliquid allows any
 * integer price: 126093, not 126090).
 */
class HyperliquidExchangeContractTest extends ExchangeContract {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex(SimHttp.KEY);

  HyperliquidSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) sim.close();
  }

  @Override
  protected Exchange exchange() {
    List<Candle> candles =
        List.of(
            new Candle(T0, Interval.M1, 123400, 123500, 123300, 123456.7, 5),
            new Candle(T0.plusSeconds(60), Interval.M1, 123456.7, 123500, 123400, 123456.7, 5));
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", candles, 5, 50)
            .history(1)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    return HyperliquidExchange.builder()
        .network(Network.TESTNET)
        .baseUrl(sim.baseUrl())
        .signer(KEY)
        .maxRetries(1)
        .build();
  }

  @Override
  protected AssetInfo asset() {
    return new AssetInfo(Asset.of("BTC"), 0, 5, 50);
  }

  @Override
  protected BigDecimal mark() {
    return sim.markPrice("BTC");
  }
}
