package dev.rez.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Candle reads through {@link ClosedCandles} answer what the venue answers, with far fewer candles
 * read.
 */
class ClosedCandlesTest {
  static final Asset BTC = Asset.of("BTC");

  /** Counts the candle reads and the candles the venue hands out. */
  static final class Counting {
    long candles;
    long calls;
    long assetReads;

    MarketData over(MarketData venue) {
      return (MarketData)
          Proxy.newProxyInstance(
              MarketData.class.getClassLoader(),
              new Class<?>[] {MarketData.class},
              (proxy, method, args) -> {
                Object answer = method.invoke(venue, args);
                if (method.getName().equals("candles")) {
                  candles += ((List<?>) answer).size();
                  calls++;
                }
                if (method.getName().equals("assets")) assetReads++;
                return answer;
              });
    }
  }

  @Test
  void everyReadAnswersWhatTheSimulatorAnswersWhileItsClockSteps() {
    Random random = new Random(7);
    List<Candle> file = new ArrayList<>();
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    double px = 100;
    for (int i = 0; i < 900; i++) {
      double next = px * (1 + (random.nextDouble() - 0.5) / 50);
      file.add(
          new Candle(
              t0.plusSeconds(60L * i),
              Interval.M1,
              px,
              Math.max(px, next) + 0.3,
              Math.min(px, next) - 0.3,
              next,
              1 + i % 7));
      px = next;
    }
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .candles("BTC", file)
            .history(450)
            .afterReplay(AfterReplay.STOP)
            .start()) {
      HyperliquidExchange exchange =
          HyperliquidExchange.builder()
              .baseUrl(sim.baseUrl())
              .httpClient(sim.inProcessClient())
              .build();
      Counting direct = new Counting();
      Counting behind = new Counting();
      MarketData venue = direct.over(exchange);
      ClosedCandles cached = new ClosedCandles(behind.over(exchange), sim.clock());
      for (int step = 0; step < 300; step++) {
        Instant now = sim.now();
        // The windows a cycle reads (context, tools) and some odd ones: unaligned, short, further
        // back, ending earlier.
        List<Object[]> windows =
            List.of(
                new Object[] {Interval.M1, now.minus(Duration.ofMinutes(396)), now},
                new Object[] {Interval.M1, now.minus(Duration.ofMinutes(300)), now},
                new Object[] {Interval.M15, now.minus(Duration.ofMinutes(15 * 30)), now},
                new Object[] {Interval.M1, now.minus(Duration.ofSeconds(30 * 60 + 17)), now},
                new Object[] {
                  Interval.M1, now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofMinutes(2))
                },
                new Object[] {
                  Interval.M1, now.minus(Duration.ofMinutes(step % 50 == 0 ? 440 : 10)), now
                });
        for (Object[] w : windows) {
          Interval iv = (Interval) w[0];
          Instant from = (Instant) w[1];
          Instant to = (Instant) w[2];
          assertThat(cached.candles(BTC, iv, from, to))
              .as("step %d %s %s..%s", step, iv, from, to)
              .isEqualTo(venue.candles(BTC, iv, from, to));
        }
        assertThat(cached.assets()).as("step %d", step).isEqualTo(venue.assets());
        sim.advance();
      }
      assertThat(direct.candles).isGreaterThan(200_000);
      assertThat(behind.candles).isLessThan(direct.candles / 20);
      // Six reads a step: the venue is asked about once per interval (the 1m reads at the same time
      // share one answer).
      assertThat(direct.calls).isEqualTo(6 * 300);
      assertThat(behind.calls).isLessThan(3 * 300);
      // The asset list, the same throughout a replay, is read once.
      assertThat(direct.assetReads).isEqualTo(300);
      assertThat(behind.assetReads).isEqualTo(1);
    }
  }
}
