package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorBuilderTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void serverAnswersWithoutNaglesDelay() {
    // Headers and body go out as two segments: without TCP_NODELAY the body waits ~40 ms for a
    // delayed ACK.
    try (var sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 50_000, 5, 40)
            .interval(Interval.M1)
            .startTime(T0)
            .start()) {
      assertThat(sim.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }
  }

  @Test
  void acceleratedClockMovesByItselfAndRefusesManualSteps() throws Exception {
    try (var sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 50_000, 5, 40)
            .interval(Interval.M1)
            .startTime(T0)
            .history(10)
            .acceleratedClock(6_000)
            .seed(3)
            .start()) {
      Instant first = sim.now();
      assertThat(first).isAfterOrEqualTo(T0.plusSeconds(600));
      Thread.sleep(200); // 200 ms at 6000x = 20 minutes
      assertThat(sim.now()).isAfter(first.plusSeconds(60));
      assertThatThrownBy(sim::advance).isInstanceOf(IllegalStateException.class);
      SimHttp http = new SimHttp(sim.baseUrl());
      Map<String, Object> req =
          Map.of("coin", "BTC", "interval", "1m", "startTime", 0, "endTime", Long.MAX_VALUE);
      assertThat(Json.array(http.info(Map.of("type", "candleSnapshot", "req", req)), "c").size())
          .isGreaterThan(20);
    }
  }

  @Test
  void sameSeedSameMarkets() throws Exception {
    String mids1;
    String mids2;
    String mids3;
    try (var a = synthetic(7);
        var b = synthetic(7);
        var c = synthetic(8)) {
      a.advance(500);
      b.advance(500);
      c.advance(500);
      mids1 = a.markPrice("ETH").toPlainString();
      mids2 = b.markPrice("ETH").toPlainString();
      mids3 = c.markPrice("ETH").toPlainString();
    }
    assertThat(mids1).isEqualTo(mids2).isNotEqualTo(mids3);
  }

  private static HyperliquidSimulator synthetic(long seed) {
    return HyperliquidSimulator.builder()
        .synthetic("ETH", 3000, 4, 25)
        .startTime(T0)
        .seed(seed)
        .start();
  }

  @Test
  void replayedCandlesAreRelaidOnTheTimelineAndContinueSynthetically() {
    List<Candle> gappy =
        List.of(
            new Candle(T0, Interval.M5, 10, 11, 9, 10.5, 1),
            new Candle(T0.plusSeconds(3600), Interval.M5, 10.5, 12, 10, 11, 1));
    try (var sim = HyperliquidSimulator.builder().candles("SOL", gappy).history(2).start()) {
      assertThat(sim.now()).isEqualTo(T0.plusSeconds(600)); // two 5m candles back to back
      assertThat(sim.markPrice("SOL")).isEqualByComparingTo("11");
      java.time.Clock clock = sim.clock();
      assertThat(clock.instant()).isEqualTo(T0.plusSeconds(600));
      assertThat(sim.advance()).isTrue(); // continued by the generator
      assertThat(clock.instant()).isEqualTo(T0.plusSeconds(900));
      assertThat(sim.hasNext()).isTrue();
    }
  }

  @Test
  void badConfigurationIsRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> HyperliquidSimulator.builder().start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("market");
    assertThatThrownBy(() -> HyperliquidSimulator.builder().fund("0x12", BigDecimal.ONE))
        .hasMessageContaining("address");
    assertThatThrownBy(
            () -> HyperliquidSimulator.builder().fund("0x" + "a".repeat(40), BigDecimal.ZERO))
        .hasMessageContaining("usd");
    assertThatThrownBy(() -> HyperliquidSimulator.builder().acceleratedClock(0))
        .hasMessageContaining("speed");
    List<Candle> one = List.of(new Candle(T0, Interval.M1, 1, 1, 1, 1, 1));
    assertThatThrownBy(() -> HyperliquidSimulator.builder().candles("A", one).candles("A", one))
        .hasMessageContaining("already");
    assertThatThrownBy(
            () ->
                HyperliquidSimulator.builder()
                    .candles("A", one)
                    .candles("B", List.of(new Candle(T0, Interval.M5, 1, 1, 1, 1, 1)))
                    .start())
        .hasMessageContaining("interval");
    assertThatThrownBy(
            () ->
                HyperliquidSimulator.builder()
                    .candles("A", one)
                    .history(5)
                    .afterReplay(AfterReplay.STOP)
                    .start())
        .hasMessageContaining("history");
  }

  @Test
  void candleCsvReadsTheReplayFormatAndNamesBadLines() throws Exception {
    String csv =
        "time,open,high,low,close,volume\n1385337600000,800.01,807.47,800.01,807.47,2.85\n1385337660000,807.0,807.0,806.99,806.99,0.33\n";
    List<Candle> candles = CandleCsv.parse(new StringReader(csv), null);
    assertThat(candles).hasSize(2);
    assertThat(candles.getFirst().interval()).isEqualTo(Interval.M1);
    assertThat(candles.get(1).openTime()).isEqualTo(Instant.ofEpochMilli(1385337660000L));
    assertThat(candles.get(1).low()).isEqualTo(806.99);
    assertThatThrownBy(
            () ->
                CandleCsv.parse(new StringReader("time,open,high,low,close,volume\n1,2,3\n"), null))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> CandleCsv.parse(new StringReader("1,x,3,1,2,5\n"), Interval.M1))
        .hasMessageContaining("line 1");
    assertThatThrownBy(
            () -> CandleCsv.parse(new StringReader("t,o,h,l,c,v\n1,2,3,1,2,5\n"), Interval.M1))
        .hasMessageContaining("line 1")
        .hasMessageContaining("header");
    assertThatThrownBy(
            () -> CandleCsv.parse(new StringReader("120000,1,1,1,1,1\n60000,1,1,1,1,1\n"), null))
        .hasMessageContaining("line 2")
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> CandleCsv.parse(new StringReader("0,1,2,0.5,3,10\n"), Interval.M1))
        .hasMessageContaining("line 1")
        .hasMessageContaining("close");
    // Headerless, with a missing bar: the smallest gap is the interval.
    assertThat(
            CandleCsv.parse(
                new StringReader("0,1,1,1,1,1\n600000,1,1,1,1,1\n900000,1,1,1,1,1\n"), null))
        .extracting(Candle::interval)
        .containsOnly(Interval.M5);
  }
}
