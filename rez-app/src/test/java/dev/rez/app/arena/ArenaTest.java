package dev.rez.app.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.agent.Models;
import dev.rez.app.loop.DecisionMaker;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.RiskProfile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArenaTest {
  private static final Asset BTC = Asset.of("BTC");
  @TempDir Path dir;

  /** The first {@code n} bars of the bundled BTC/USD minutes. */
  static List<Candle> bars(int n) throws Exception {
    List<Candle> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                ArenaTest.class.getResourceAsStream("/dev/rez/app/data/btc_usd_1m_2013.csv"),
                StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; out.size() < n && (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        out.add(
            new Candle(
                Instant.ofEpochMilli(Long.parseLong(f[0])),
                Interval.M1,
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5])));
      }
    }
    return out;
  }

  private Arena.Builder arena(Path out, List<Candle> candles) {
    return Arena.builder()
        .candles(BTC, candles)
        .warmup(200)
        .directory(out)
        .longInterval(Interval.M15);
  }

  @Test
  void aFailingContestantHoldsItsCyclesAndTheOthersTradeAsIfItWereNotThere() throws Exception {
    List<Candle> candles = bars(400);
    Leaderboard alone =
        arena(dir.resolve("alone"), candles)
            .contestant("rules", Models.offline(), RiskProfile.MODERATE.limits())
            .build()
            .run();

    AtomicInteger asked = new AtomicInteger();
    Arena.Agent broken =
        seat ->
            new DecisionMaker() {
              @Override
              public dev.rez.agent.AgentResult decide(Request request) {
                asked.incrementAndGet();
                throw new IllegalStateException("model unavailable (HTTP 503)");
              }
            };
    Leaderboard board =
        arena(dir.resolve("together"), candles)
            .contestant("rules", Models.offline(), RiskProfile.MODERATE.limits())
            .contestant("broken", broken, RiskProfile.MODERATE.limits())
            .concurrent(true)
            .build()
            .run();

    Leaderboard.Row rules = board.row("rules").orElseThrow();
    Leaderboard.Row brokenRow = board.row("broken").orElseThrow();
    assertThat(alone.row("rules").orElseThrow().record().tradeCount()).isPositive();
    assertThat(rules.record().netPnl())
        .isEqualByComparingTo(alone.row("rules").orElseThrow().record().netPnl());
    assertThat(rules.record().tradeCount())
        .isEqualTo(alone.row("rules").orElseThrow().record().tradeCount());
    assertThat(rules.heldCycles()).isZero();
    assertThat(asked.get()).isEqualTo(200);
    assertThat(brokenRow.heldCycles()).isEqualTo(200);
    assertThat(brokenRow.record().tradeCount()).isZero();
    List<String> brokenDiary = Files.readAllLines(Arena.diaryOf(dir.resolve("together"), "broken"));
    assertThat(brokenDiary).filteredOn(l -> l.contains("\"type\":\"cycle-end\"")).hasSize(200);
    assertThat(brokenDiary)
        .filteredOn(l -> l.contains("model unavailable (HTTP 503)"))
        .hasSize(200);
  }

  @Test
  void aPositionStillOpenAtTheEndIsClosedAtTheLastMarkAndEveryColumnCountsIt() throws Exception {
    // Opens a long in the first cycle and holds it to the end.
    Arena.Agent holder =
        seat ->
            request -> {
              List<dev.rez.core.TradeDecision> out = new ArrayList<>();
              if (request.account().position(BTC).isEmpty() && request.cycle() == 1) {
                BigDecimal mark = request.markets().get(BTC).markPrice();
                out.add(
                    dev.rez.core.TradeDecision.open(
                        dev.rez.core.Side.BUY,
                        BTC,
                        new BigDecimal("25000"),
                        5,
                        mark.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP),
                        mark.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_UP),
                        "go long and hold"));
              }
              return DecisionMaker.decisions(out);
            };
    Path out = dir.resolve("held");
    Leaderboard board =
        arena(out, bars(215))
            .contestant("holder", holder, RiskProfile.MODERATE.limits())
            .build()
            .run();
    Leaderboard.Row row = board.row("holder").orElseThrow();
    assertThat(row.record().tradeCount()).as("the open position counts as a trade").isEqualTo(1);
    BigDecimal start = new BigDecimal("10000");
    assertThat(row.finalEquity()).isNotEqualByComparingTo(start);
    assertThat(row.record().netPnl())
        .as("net PnL is what the equity moved")
        .isEqualByComparingTo(row.finalEquity().subtract(start));
    List<String> diary = Files.readAllLines(Arena.diaryOf(out, "holder"));
    assertThat(diary)
        .filteredOn(l -> l.contains("\"type\":\"kill-switch\""))
        .singleElement()
        .asString()
        .contains("the arena's run ended");
    assertThat(diary).filteredOn(l -> l.contains("\"type\":\"fill\"")).hasSize(2);
    assertThat(diary).filteredOn(l -> l.contains("\"type\":\"cycle-end\"")).hasSize(15);
  }

  @Test
  void concurrentContestantsDecideAtTheSameTimeWithinACycle() throws Exception {
    // Each decision waits for the other contestant's: it only passes when both are asked at once.
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    Arena.Agent waiting =
        seat ->
            request -> {
              try {
                together.await(20, java.util.concurrent.TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("the other contestant was not asked meanwhile", e);
              }
              return DecisionMaker.decisions(List.of(), new dev.rez.agent.TokenUsage(5, 1));
            };
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    Leaderboard board =
        arena(dir, bars(210))
            .contestant("a", waiting, RiskProfile.MODERATE.limits())
            .contestant("b", waiting, RiskProfile.MODERATE.limits())
            .concurrent(true)
            .listener((cycle, time, equity) -> told.add(cycle + " " + time + " " + equity.keySet()))
            .build()
            .run();
    List<Candle> candles = bars(210);
    // A cycle runs at the close of each bar after the warm-up: the first at the close of bar 200,
    // the last of bar 209.
    assertThat(told)
        .hasSize(10)
        .first()
        .isEqualTo("1 " + candles.get(200).openTime().plusSeconds(60) + " [a, b]");
    assertThat(told)
        .last()
        .isEqualTo("10 " + candles.get(209).openTime().plusSeconds(60) + " [a, b]");
    assertThat(board.rows())
        .allSatisfy(
            r -> {
              assertThat(r.heldCycles()).isZero();
              assertThat(r.inputTokens()).isEqualTo(50);
              assertThat(r.outputTokens()).isEqualTo(10);
            });
  }

  @Test
  void theBootstrapIsSeededAndAContestantAgainstItselfIsExactlyZero() {
    double[] a = {0.01, -0.02, 0.005, 0.0, 0.03, -0.01};
    double[] b = {0.0, -0.01, 0.004, 0.001, 0.01, -0.02};
    assertThat(PairedBootstrap.interval(a, a, 2000, 0.05, 42)).containsExactly(0.0, 0.0);
    double[] ci = PairedBootstrap.interval(a, b, 2000, 0.05, 42);
    assertThat(ci).isEqualTo(PairedBootstrap.interval(a, b, 2000, 0.05, 42));
    assertThat(ci[0]).isLessThan(ci[1]);
    double mean = 0;
    for (int i = 0; i < a.length; i++) mean += (a[i] - b[i]) / a.length;
    assertThat(ci[0]).isLessThanOrEqualTo(mean);
    assertThat(ci[1]).isGreaterThanOrEqualTo(mean);
    double[] up = {0.01, 0.02, 0.015, 0.01};
    double[] flat = {0, 0, 0, 0};
    assertThat(PairedBootstrap.interval(up, flat, 2000, 0.05, 1)[0]).isPositive();
    assertThatThrownBy(() -> PairedBootstrap.interval(a, up, 2000, 0.05, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badArenasAreRefusedBeforeAnythingStarts() throws Exception {
    List<Candle> candles = bars(210);
    assertThatThrownBy(
            () ->
                Arena.builder()
                    .directory(dir)
                    .contestant("a", Models.offline(), RiskProfile.MODERATE.limits())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("candles");
    assertThatThrownBy(() -> arena(dir, candles).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("contestant");
    assertThatThrownBy(
            () ->
                arena(dir, candles)
                    .contestant("a", Models.offline(), RiskProfile.MODERATE.limits())
                    .baseline("b")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseline b");
    assertThatThrownBy(
            () ->
                arena(dir, candles)
                    .contestant("A", Models.offline(), RiskProfile.MODERATE.limits())
                    .contestant("a", Models.offline(), RiskProfile.MODERATE.limits())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("case");
    assertThatThrownBy(
            () ->
                arena(dir, candles.subList(0, 200))
                    .contestant("a", Models.offline(), RiskProfile.MODERATE.limits())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("warm-up");
    assertThatThrownBy(
            () ->
                arena(dir, candles)
                    .contestant("../x", Models.offline(), RiskProfile.MODERATE.limits()))
        .isInstanceOf(IllegalArgumentException.class);
    Arena failing =
        arena(dir, candles)
            .contestant(
                "a",
                seat -> {
                  throw new IllegalStateException("no key");
                },
                RiskProfile.MODERATE.limits())
            .build();
    assertThatThrownBy(failing::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contestant a")
        .hasMessageContaining("no key");
    assertThat(Files.exists(Arena.diaryOf(dir, "a"))).isFalse();
  }
}
