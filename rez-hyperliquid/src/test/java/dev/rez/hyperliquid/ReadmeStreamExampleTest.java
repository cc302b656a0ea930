package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.indicators.Rsi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The module README's closed-candle example: the README shows it, and the same calls, with the
 * embedded simulator as venue and a consumer that also records what it gets, do what it says: the
 * indicator sees the warm-up bars, then each closed bar once, in order, all the venue's own.
 */
class ReadmeStreamExampleTest {
  static final String SUBSCRIBE =
      "stream.closedCandles(Asset.of(\"BTC\"), Interval.M1, rsi.warmUp(), exchange, bar -> {";

  @Test
  void theReadmeShowsTheExample() throws Exception {
    assertThat(Files.readString(Path.of("README.md")))
        .contains("Rsi rsi = new Rsi(14);")
        .contains(SUBSCRIBE)
        .contains("  rsi.update(bar);")
        .contains(
            "  if (rsi.isReady()) System.out.println(bar.openTime() + \" RSI \" + rsi.value());");
  }

  @Test
  void theIndicatorGetsTheWarmUpThenEachClosedBarOnce() throws Exception {
    List<Candle> bars = HyperliquidStreamReconnectTest.bars(260, i -> 100 + 10 * Math.sin(i / 7.0));
    List<Candle> seen = new CopyOnWriteArrayList<>();
    List<Double> values = new CopyOnWriteArrayList<>();
    try (HyperliquidSimulator sim =
            HyperliquidSimulator.builder()
                .candles("BTC", bars)
                .history(230)
                .afterReplay(AfterReplay.STOP)
                .start();
        HyperliquidStream stream = HyperliquidStream.builder().url(sim.webSocketUrl()).build()) {
      HyperliquidExchange exchange = HyperliquidExchange.builder().baseUrl(sim.baseUrl()).build();
      // From the README:
      Rsi rsi = new Rsi(14);
      stream.closedCandles(
          Asset.of("BTC"),
          Interval.M1,
          rsi.warmUp(),
          exchange,
          bar -> {
            rsi.update(bar);
            seen.add(bar);
            values.add(rsi.value());
          });
      HyperliquidStreamReconnectTest.await("the warm-up", () -> seen.size() == rsi.warmUp());
      assertThat(rsi.isReady()).isTrue();
      for (int i = 1; i <= 3; i++) {
        sim.advance();
        int n = rsi.warmUp() + i;
        HyperliquidStreamReconnectTest.await("closed bar " + n, () -> seen.size() >= n);
      }
      Thread.sleep(600); // two more publishing rounds: nothing else may come

      // At a candle boundary the feed shows the bar that has just ended, which closes when the
      // next one shows: after three steps bar 232 has ended, and bars up to 231 are closed. Before
      // them come the warm-up bars, all the venue's own.
      List<Candle> closed =
          exchange.candles(
              Asset.of("BTC"),
              Interval.M1,
              bars.get(231 - (rsi.warmUp() + 2)).openTime(),
              bars.get(231).openTime());
      assertThat(closed).hasSize(rsi.warmUp() + 3);
      assertThat(seen).isEqualTo(closed);
      Rsi batch = new Rsi(14);
      closed.forEach(batch::update);
      assertThat(values.getLast()).isEqualTo(batch.value());
    }
  }
}
