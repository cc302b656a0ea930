package dev.rez.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.DiarySchema;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.DecisionMaker;
import dev.rez.app.loop.Executor;
import dev.rez.app.loop.LoopClock;
import dev.rez.app.loop.TokenBudget;
import dev.rez.app.loop.TradingLoop;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.Interval;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.CandleCsv;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/cycles?action=…} over the diary a real trading loop wrote while it traded on the
 * embedded simulator: every action the loop records finds exactly the cycles that decided it.
 */
class CyclesOfALoopRunTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "5d".repeat(32));

  @TempDir Path dir;
  private HyperliquidSimulator sim;
  private JsonlDiary diary;
  private ApiServer server;

  @AfterEach
  void close() {
    if (server != null) server.close();
    if (diary != null) diary.close();
    if (sim != null) sim.close();
  }

  /**
   * Every action once, in an order the exchange can carry out: long, move its stop, close, short,
   * hold, close.
   */
  private static final class EveryAction implements DecisionMaker {
    @Override
    public dev.rez.agent.AgentResult decide(Request r) {
      BigDecimal mark = r.markets().get(BTC).markPrice();
      TradeDecision d =
          switch ((int) ((r.cycle() - 1) % 6)) {
            case 0 ->
                TradeDecision.open(
                    Side.BUY,
                    BTC,
                    new BigDecimal("1500"),
                    3,
                    scaled(mark, "1.02"),
                    scaled(mark, "0.99"),
                    "go long");
            case 1 ->
                TradeDecision.adjustProtection(
                    BTC, scaled(mark, "1.025"), scaled(mark, "0.993"), "tighten the stop");
            case 2 -> TradeDecision.close(BTC, "take it off");
            case 3 ->
                TradeDecision.open(
                    Side.SELL,
                    BTC,
                    new BigDecimal("1500"),
                    3,
                    scaled(mark, "0.98"),
                    scaled(mark, "1.01"),
                    "go short");
            case 4 -> TradeDecision.hold(BTC, "wait");
            default -> TradeDecision.close(BTC, "flat again");
          };
      return DecisionMaker.decisions(List.of(d));
    }

    private static BigDecimal scaled(BigDecimal mark, String factor) {
      return mark.multiply(new BigDecimal(factor)).setScale(2, RoundingMode.HALF_UP);
    }
  }

  @Test
  void everyActionTheLoopWritesFindsItsCycles() throws Exception {
    List<Candle> candles;
    try (Reader r =
        new InputStreamReader(
            getClass().getResourceAsStream("/dev/rez/app/data/btc_usd_1m_2013.csv"),
            StandardCharsets.UTF_8)) {
      candles = CandleCsv.parse(r, Interval.M1).subList(0, 200);
    }
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", candles, 5, 50)
            .history(60)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    HyperliquidExchange hl =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .build();
    LoopClock.Stepped clock = LoopClock.stepped(sim.now(), sim::advanceTo);
    diary = JsonlDiary.open(dir.resolve("diary.jsonl"));
    RiskPolicy policy =
        new RiskPolicy(
            RiskProfile.MODERATE.limits().toBuilder().cooldown(Duration.ZERO).build(),
            clock.asClock());
    TradingLoop loop =
        new TradingLoop(
            new TradingLoop.Settings(
                List.of(BTC),
                Interval.M1,
                0,
                3,
                new BigDecimal("0.02"),
                Executor.Settings.defaults("actions-test"),
                dir.resolve("diary.jsonl"),
                null,
                true),
            hl,
            hl,
            diary,
            policy,
            new EveryAction(),
            new TokenBudget(1_000_000, null, null, clock.asClock()),
            clock);
    loop.start();
    for (int i = 0; i < 12; i++) {
      clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
      loop.runCycle();
    }
    diary.flush();

    // What the loop wrote, read back line by line as the API's clients would see it.
    Map<String, TreeSet<Long>> written = new TreeMap<>();
    for (Diary.Entry e : readAll(diary, "decision")) {
      Object action = CycleSummaries.data(e.event()).get("action");
      written.computeIfAbsent(String.valueOf(action), k -> new TreeSet<>()).add(e.event().cycle());
    }
    assertThat(written.keySet())
        .as("the loop wrote every action in the API's spelling")
        .containsExactlyInAnyOrderElementsOf(DiarySchema.ACTIONS);
    assertThat(readAll(diary, "order"))
        .as(
            () ->
                "the run traded: "
                    + readAll(diary, "risk-verdict").stream().map(e -> e.event().json()).toList())
        .extracting(e -> (Object) CycleSummaries.data(e.event()).get("kind"))
        .contains("open", "close");

    // Every event the loop wrote is of a type the schema defines, with only the schema's fields.
    for (Diary.Entry e : readAll(diary, null)) {
      assertThat(DiarySchema.TYPES).as(e.event().json()).containsKey(e.event().type());
      assertThat(DiarySchema.TYPES.get(e.event().type()))
          .as(e.event().type() + " " + e.event().json())
          .containsAll(
              CycleSummaries.data(e.event()).keySet().stream().map(String::valueOf).toList());
    }

    server =
        ApiServer.builder(new FakeBackend(diary))
            .port(0)
            .staticFiles(new URLClassLoader(new URL[0], null))
            .build()
            .start();
    Http http = new Http(server.port(), null);
    for (String action : DiarySchema.ACTIONS) {
      assertThat(cycles(http, "/api/cycles?limit=100&action=" + action))
          .as(action)
          .isEqualTo(written.get(action));
    }
    // The spelling of older diaries still answers.
    assertThat(cycles(http, "/api/cycles?limit=100&action=open-long"))
        .isEqualTo(written.get("open_long"));
  }

  @Test
  void olderDiariesSpellingOpenLongWithAHyphenStillMatch() throws Exception {
    Path file = dir.resolve("old.jsonl");
    Files.writeString(
        file,
        String.join(
                "\n",
                "{\"v\":1,\"seq\":1,\"time\":\"2025-01-01T00:00:00Z\",\"cycle\":1,\"type\":\"cycle-start\",\"asset\":null,\"data\":{\"cycle\":1,\"assets\":[\"BTC\"]}}",
                "{\"v\":1,\"seq\":2,\"time\":\"2025-01-01T00:00:01Z\",\"cycle\":1,\"type\":\"decision\",\"asset\":\"BTC\",\"data\":{\"action\":\"open-long\","
                    + "\"notionalUsd\":100,\"leverage\":2,\"takeProfit\":110,\"stopLoss\":90,\"rationale\":\"old\"}}",
                "{\"v\":1,\"seq\":3,\"time\":\"2025-01-01T00:01:00Z\",\"cycle\":2,\"type\":\"decision\",\"asset\":\"BTC\",\"data\":{\"action\":\"hold\","
                    + "\"notionalUsd\":null,\"leverage\":0,\"takeProfit\":null,\"stopLoss\":null,\"rationale\":\"wait\"}}")
            + "\n");
    diary = JsonlDiary.open(file);
    server =
        ApiServer.builder(new FakeBackend(diary))
            .port(0)
            .staticFiles(new URLClassLoader(new URL[0], null))
            .build()
            .start();
    Http http = new Http(server.port(), null);
    assertThat(cycles(http, "/api/cycles?action=open_long")).containsExactly(1L);
    assertThat(cycles(http, "/api/cycles?action=open-long")).containsExactly(1L);
    Map<String, Object> one =
        Http.castMap(
            Http.castList(http.get("/api/cycles?action=open_long").json().get("cycles")).get(0));
    assertThat(Http.castMap(Http.castList(one.get("decisions")).get(0)))
        .containsEntry("action", "open_long");
  }

  private static List<Diary.Entry> readAll(JsonlDiary diary, String type) {
    List<Diary.Entry> out = new ArrayList<>();
    String cursor = null;
    while (true) {
      Diary.Page p = diary.read(cursor, 1000, new Diary.Filter(type, null));
      out.addAll(p.events());
      if (!p.hasMore() || p.events().isEmpty()) return out;
      cursor = p.next();
    }
  }

  private static TreeSet<Long> cycles(Http http, String path) {
    Http.Resp r = http.get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("hasMore")).isEqualTo(false);
    TreeSet<Long> out = new TreeSet<>();
    for (Object c : Http.castList(r.json().get("cycles")))
      out.add(((Number) Http.castMap(c).get("cycle")).longValue());
    return out;
  }
}
