package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor rounds through the exchange, so on Hyperliquid it uses Hyperliquid's tick rule: an
 * integer price is always valid, and a six-figure level moves by less than a dollar (a
 * 5-significant-figure rule would move it by up to ten).
 */
class ExecutorTickTest {
  static final Asset BTC = Asset.of("BTC");
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "4d".repeat(32));

  HyperliquidSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) sim.close();
  }

  @Test
  void sixFigureProtectionLevelsKeepTheirWholeDollars() {
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
    HyperliquidExchange hl =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .maxRetries(1)
            .build();
    Executor executor =
        new Executor(
            hl, new MemoryDiary(), Clock.systemUTC(), Executor.Settings.defaults("tick-test"));
    AssetInfo info = new AssetInfo(BTC, 0, 5, 50);

    TradeDecision d =
        TradeDecision.open(
            Side.BUY,
            BTC,
            new BigDecimal("1000"),
            5,
            new BigDecimal("129999.3"),
            new BigDecimal("120001.7"),
            "test");
    Executor.Result r = executor.open(1, d, sim.markPrice("BTC"), info, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    List<OpenOrder> open = hl.openOrders();
    // A long's stop rounds up (never looser than approved), its take-profit down.
    assertThat(open)
        .filteredOn(o -> o.trigger() == TriggerKind.STOP_LOSS)
        .singleElement()
        .satisfies(o -> assertThat(o.triggerPrice()).isEqualByComparingTo("120002"));
    assertThat(open)
        .filteredOn(o -> o.trigger() == TriggerKind.TAKE_PROFIT)
        .singleElement()
        .satisfies(o -> assertThat(o.triggerPrice()).isEqualByComparingTo("129999"));
    assertThat(hl.accountState().position(BTC).orElseThrow().size()).isEqualByComparingTo("0.0081");
  }
}
