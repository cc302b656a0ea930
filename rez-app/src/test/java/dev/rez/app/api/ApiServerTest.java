package dev.rez.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TrackRecord;
import dev.rez.core.TriggerKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ApiServerTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final Asset ETH = Asset.of("ETH");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private JsonlDiary diary;
  private FakeBackend backend;
  private ApiServer server;
  private Http http;
  private ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void start() {
    ((Logger) LoggerFactory.getLogger("org.eclipse.jetty"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
    ((Logger) LoggerFactory.getLogger("io.javalin")).setLevel(ch.qos.logback.classic.Level.INFO);
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    diary = JsonlDiary.open(dir.resolve("diary.jsonl"));
    backend = new FakeBackend(diary);
    startServer(null, emptyLoader());
  }

  private void startServer(String token, ClassLoader staticLoader) {
    if (server != null) server.close();
    server =
        ApiServer.builder(backend)
            .port(0)
            .token(token)
            .pingInterval(Duration.ofMillis(300))
            .staticFiles(staticLoader)
            .build()
            .start();
    http = new Http(server.port(), token);
  }

  private ClassLoader emptyLoader() {
    return new URLClassLoader(new URL[0], null);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    diary.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private static Fill fill(
      Asset asset,
      Side side,
      String price,
      String size,
      Instant time,
      String closedPnl,
      String startPosition,
      long oid) {
    return new Fill(
        asset,
        side,
        new BigDecimal(price),
        new BigDecimal(size),
        time,
        new BigDecimal("0.1"),
        new BigDecimal(closedPnl),
        oid,
        null,
        new BigDecimal(startPosition),
        true,
        "0x" + Long.toHexString(oid) + "ab",
        0);
  }

  private static void assertError(Http.Resp r, int status, String code, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType())
        .as("content type")
        .satisfiesAnyOf(
            ct -> assertThat(ct).isNull(), ct -> assertThat(ct).startsWith("application/json"));
    Map<String, Object> error = castMap(r.json().get("error"));
    assertThat(error).containsEntry("status", (double) status).containsEntry("code", code);
    assertThat((String) error.get("message")).contains(messagePart);
    assertThat(r.json()).containsOnlyKeys("error");
  }

  private static Map<String, Object> castMap(Object o) {
    return Http.castMap(o);
  }

  private static List<Object> castList(Object o) {
    return Http.castList(o);
  }

  // ---------------------------------------------------------------- simple routes

  @Test
  void extraRoutesAnswerBehindTheSameTokenAndErrorsBeforeTheCatchAll() {
    server.close();
    server =
        ApiServer.builder(backend)
            .port(0)
            .token("s3cret")
            .staticFiles(emptyLoader())
            .routes(
                routes ->
                    routes.get(
                        "/api/extra/{n}",
                        ctx -> {
                          if (!ctx.pathParam("n").matches("\\d+"))
                            throw ApiException.badParameter("n must be a number");
                          ctx.contentType("application/json; charset=utf-8")
                              .result("{\"n\":" + ctx.pathParam("n") + "}");
                        }))
            .build()
            .start();
    http = new Http(server.port(), "s3cret");
    assertThat(http.get("/api/extra/7").json()).containsEntry("n", 7.0);
    assertThat(http.send("HEAD", "/api/extra/7", "s3cret").status()).isEqualTo(404);
    assertError(http.get("/api/extra/x"), 400, "bad-parameter", "n must be a number");
    assertThat(new Http(server.port(), null).get("/api/extra/7").status()).isEqualTo(401);
    assertError(http.get("/api/nothing-here"), 404, "not-found", "no route GET /api/nothing-here");
  }

  @Test
  void healthAndStatus() {
    Http.Resp h = http.get("/api/health");
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.contentType()).startsWith("application/json");
    assertThat(h.json()).containsEntry("status", "ok").containsKey("time");

    Map<String, Object> s = http.get("/api/status").json();
    assertThat(s)
        .containsEntry("version", "0.1.0")
        .containsEntry("mode", "demo")
        .containsEntry("network", "simulator")
        .containsEntry("address", "0x00000000000000000000000000000000000000aa")
        .containsEntry("signer", "0x00000000000000000000000000000000000000bb")
        .containsEntry("assets", List.of("BTC", "ETH"))
        .containsEntry("interval", "5m")
        .containsEntry("model", "offline-rules")
        .containsEntry("riskProfile", "moderate")
        .containsEntry("nextCycleAt", "2026-01-01T00:06:00Z")
        .containsEntry("exchangeUrl", "http://127.0.0.1:7071")
        .containsEntry("startedAt", "2026-01-01T00:00:00Z");
    assertThat(castMap(s.get("loop")))
        .hasSize(4)
        .containsEntry("state", "idle")
        .containsEntry("killSwitch", "none")
        .containsEntry("safeMode", false)
        .containsEntry("haltReason", null);
    assertThat(castMap(s.get("lastCycle")))
        .containsEntry("cycle", 12.0)
        .containsEntry("durationMs", 840.0)
        .containsEntry("ok", true)
        .containsEntry("startedAt", "2026-01-01T00:01:00Z")
        .containsEntry("finishedAt", "2026-01-01T00:01:01Z");
    assertThat(castMap(s.get("diary")))
        .containsEntry("state", "ok")
        .containsEntry("error", null)
        .containsEntry("since", null)
        .containsEntry("pending", 0.0)
        .containsEntry("dropped", 0.0);
    assertThat(s.get("tools"))
        .isEqualTo(
            List.of(
                Map.of("name", "get_trading_session", "source", "rez-example-tool-plugin.jar")));
  }

  @Test
  void statusShowsADiaryThatCannotWrite() {
    server.close();
    server = null;
    diary.close();
    dev.rez.app.diary.FailingDisk disk = new dev.rez.app.diary.FailingDisk();
    diary = disk.open(dir.resolve("diary.jsonl"));
    backend = new FakeBackend(diary);
    startServer(null, emptyLoader());
    disk.full(true);
    diary.append(new DiaryEvent(T0, 1, "cycle-start", null, "{}"));
    diary.append(new DiaryEvent(T0, 1, "decision", BTC, "{}"));

    Map<String, Object> d = castMap(http.get("/api/status").json().get("diary"));

    assertThat(d)
        .containsEntry("state", "degraded")
        .containsEntry("pending", 2.0)
        .containsEntry("dropped", 0.0)
        .containsKey("since");
    assertThat((String) d.get("error")).contains("No space left on device");
    assertThat(d.get("since")).isNotNull();
    disk.full(false);
    diary.flush();
    assertThat(castMap(http.get("/api/status").json().get("diary")))
        .containsEntry("state", "ok")
        .containsEntry("pending", 0.0);
  }

  @Test
  void accountPositionsAndOrdersComeFromTheExchange() {
    Position p =
        new Position(
            BTC,
            new BigDecimal("0.010"),
            new BigDecimal("64000"),
            new BigDecimal("1.0"),
            5,
            new BigDecimal("51500"),
            new BigDecimal("128.2"));
    backend.account =
        new AccountState(
            new BigDecimal("10012.5"),
            new BigDecimal("210.0"),
            new BigDecimal("9802.5"),
            List.of(p),
            T0);
    ClientOrderId cloid = ClientOrderId.derive("sl");
    backend.orders =
        List.of(
            new OpenOrder(
                BTC,
                Side.SELL,
                new BigDecimal("0.01"),
                new BigDecimal("62000"),
                42,
                cloid,
                true,
                TriggerKind.STOP_LOSS,
                new BigDecimal("63000"),
                T0),
            new OpenOrder(
                BTC,
                Side.SELL,
                new BigDecimal("0.01"),
                new BigDecimal("66000"),
                43,
                null,
                true,
                TriggerKind.TAKE_PROFIT,
                new BigDecimal("66000"),
                T0),
            new OpenOrder(
                ETH,
                Side.BUY,
                new BigDecimal("1"),
                new BigDecimal("2000"),
                44,
                null,
                false,
                null,
                null,
                T0));
    backend.marks = Map.of(BTC, new BigDecimal("64100"));
    backend.fills.add(fill(BTC, Side.BUY, "60000", "0.01", T0, "0", "0", 1));
    backend.fills.add(fill(BTC, Side.SELL, "61000", "0.01", T0.plusSeconds(60), "10", "0.01", 2));

    Http.Resp account = http.get("/api/account");
    assertThat(account.body())
        .isEqualTo(
            "{\"equity\":10012.5,\"marginUsed\":210,\"withdrawable\":9802.5,\"unrealizedPnl\":1,\"realizedPnl\":10,\"fees\":0.2,\"time\":\"2026-01-01T00:00:00Z\"}");

    Map<String, Object> pos =
        castMap(castList(http.get("/api/positions").json().get("positions")).get(0));
    assertThat(pos)
        .containsEntry("asset", "BTC")
        .containsEntry("side", "long")
        .containsEntry("size", 0.01)
        .containsEntry("entryPrice", 64000.0)
        .containsEntry("markPrice", 64100.0)
        .containsEntry("leverage", 5.0)
        .containsEntry("liquidationPrice", 51500.0)
        .containsEntry("takeProfit", 66000.0)
        .containsEntry("stopLoss", 63000.0)
        .containsEntry("marginUsed", 128.2)
        .containsEntry("unrealizedPnl", 1.0);

    List<Object> orders = castList(http.get("/api/orders").json().get("orders"));
    assertThat(orders).hasSize(3);
    assertThat(castMap(orders.get(0)))
        .containsEntry("trigger", "stop-loss")
        .containsEntry("triggerPrice", 63000.0)
        .containsEntry("cloid", cloid.hex())
        .containsEntry("reduceOnly", true)
        .containsEntry("side", "sell")
        .containsEntry("orderId", 42.0)
        .containsEntry("placedAt", "2026-01-01T00:00:00Z");
    assertThat(castMap(orders.get(2)))
        .containsEntry("trigger", null)
        .containsEntry("triggerPrice", null)
        .containsEntry("cloid", null);
  }

  @Test
  void anUnreachableExchangeIs503() {
    backend.exchangeDown = new IllegalStateException("connection refused: http://127.0.0.1:7071");
    assertError(http.get("/api/account"), 503, "unavailable", "exchange did not answer");
    assertError(http.get("/api/orders"), 503, "unavailable", "exchange did not answer");
    assertThat(http.get("/api/status").status()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- fills

  @Test
  void fillsPageNewestFirstExactlyOnceIncludingFillsOfTheSameMillisecond() {
    List<Fill> all = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      Instant t = T0.plusMillis(1000L * (i / 4)); // groups of four fills share a millisecond
      all.add(fill(i % 2 == 0 ? BTC : ETH, Side.BUY, "100", "1", t, "0", "0", i));
    }
    backend.fills.addAll(all);
    for (int limit : new int[] {1, 3, 4, 7, 100}) {
      List<Double> seen = new ArrayList<>();
      String cursor = null;
      while (true) {
        Http.Resp r =
            http.get("/api/fills?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (Object f : castList(r.json().get("fills")))
          seen.add((Double) castMap(f).get("orderId"));
        cursor = (String) r.json().get("next");
        if (!(Boolean) r.json().get("hasMore")) break;
      }
      List<Double> expected = new ArrayList<>();
      for (int i = 94; i >= 0; i--) expected.add((double) i);
      assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(expected);
    }
    Map<String, Object> f =
        castMap(castList(http.get("/api/fills?limit=1").json().get("fills")).get(0));
    assertThat(f)
        .containsEntry("notional", 100.0)
        .containsEntry("explorerUrl", null)
        .containsEntry("side", "buy")
        .containsEntry("taker", true);
    backend.network = StatusSnapshot.Network.TESTNET;
    f = castMap(castList(http.get("/api/fills?limit=1").json().get("fills")).get(0));
    assertThat((String) f.get("explorerUrl"))
        .isEqualTo("https://app.hyperliquid-testnet.xyz/explorer/tx/" + f.get("hash"));
    assertError(
        http.get("/api/fills?cursor=garbage"),
        400,
        "bad-parameter",
        "cursor 'garbage' is not a fills cursor");
  }

  // ---------------------------------------------------------------- diary

  private List<DiaryEvent> writeCycles(int cycles) {
    List<DiaryEvent> out = new ArrayList<>();
    out.add(new DiaryEvent(T0, 0, "app-start", null, "{\"mode\":\"demo\"}"));
    for (int c = 1; c <= cycles; c++) {
      Instant t = T0.plusSeconds(300L * c);
      Asset a = c % 2 == 0 ? BTC : ETH;
      String action = c % 3 == 0 ? "open_long" : "hold";
      out.add(
          new DiaryEvent(
              t, c, "cycle-start", null, "{\"cycle\":" + c + ",\"assets\":[\"BTC\",\"ETH\"]}"));
      out.add(
          new DiaryEvent(
              t,
              c,
              "reasoning",
              null,
              "{\"step\":1,\"text\":\"Cycle "
                  + c
                  + (c == 7 ? ": RSI is oversold" : ": nothing to see")
                  + "\"}"));
      out.add(
          new DiaryEvent(
              t,
              c,
              "decision",
              a,
              "{\"action\":\"" + action + "\",\"rationale\":\"because " + c + "\"}"));
      out.add(
          new DiaryEvent(
              t,
              c,
              "risk-verdict",
              a,
              "{\"outcome\":\"" + (c % 5 == 0 ? "rejected" : "approved") + "\",\"reasons\":[]}"));
      if (action.equals("open_long") && c % 5 != 0)
        out.add(new DiaryEvent(t, c, "order", a, "{\"kind\":\"entry\"}"));
      if (c == 11)
        out.add(new DiaryEvent(t, c, "error", null, "{\"where\":\"llm\",\"message\":\"timeout\"}"));
      // Exchange faults the client retried: recovered in cycle 13 (it ends ok), given up in cycle
      // 17.
      if (c == 13 || c == 17)
        out.add(
            new DiaryEvent(
                t, c, "error", null, "{\"where\":\"exchange\",\"message\":\"HTTP 502\"}"));
      out.add(
          new DiaryEvent(
              t.plusMillis(840),
              c,
              "cycle-end",
              null,
              "{\"cycle\":"
                  + c
                  + ",\"durationMs\":840,\"ok\":"
                  + (c != 11 && c != 17)
                  + ",\"tokens\":{\"input\":1200,\"output\":300}}"));
    }
    for (DiaryEvent e : out) diary.append(e);
    return out;
  }

  private List<Map<String, Object>> pageAll(String base, int limit) {
    List<Map<String, Object>> all = new ArrayList<>();
    String cursor = null;
    for (int guard = 0; guard < 10_000; guard++) {
      Http.Resp r =
          http.get(
              base
                  + (base.contains("?") ? "&" : "?")
                  + "limit="
                  + limit
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      String key = r.json().containsKey("events") ? "events" : "cycles";
      for (Object e : castList(r.json().get(key))) all.add(castMap(e));
      cursor = (String) r.json().get("next");
      if (!(Boolean) r.json().get("hasMore")) return all;
    }
    throw new AssertionError("paging did not end");
  }

  @Test
  void diaryCursorsPageThroughEverythingExactlyOnceBothWays() {
    List<DiaryEvent> written = writeCycles(60);
    for (int limit : new int[] {1, 37, 500}) {
      List<Map<String, Object>> asc = pageAll("/api/diary", limit);
      assertThat(asc).hasSize(written.size());
      for (int i = 0; i < asc.size(); i++) {
        assertThat(asc.get(i))
            .containsEntry("id", Integer.toString(i + 1))
            .containsEntry("type", written.get(i).type())
            .containsEntry("cycle", (double) written.get(i).cycle());
      }
      List<Map<String, Object>> desc = pageAll("/api/diary?order=desc", limit);
      assertThat(desc)
          .extracting(m -> m.get("id"))
          .containsExactlyElementsOf(asc.reversed().stream().map(m -> m.get("id")).toList());
    }
    Map<String, Object> first =
        castMap(castList(http.get("/api/diary?limit=2").json().get("events")).get(1));
    assertThat(first)
        .containsEntry("time", "2026-01-01T00:05:00Z")
        .containsEntry("asset", null)
        .containsEntry("data", Map.of("cycle", 1.0, "assets", List.of("BTC", "ETH")));
  }

  @Test
  void diaryFiltersCombine() {
    List<DiaryEvent> written = writeCycles(40);
    List<Map<String, Object>> decisions =
        pageAll("/api/diary?type=decision,risk-verdict&asset=BTC", 7);
    List<DiaryEvent> expected =
        written.stream()
            .filter(
                e -> Set.of("decision", "risk-verdict").contains(e.type()) && BTC.equals(e.asset()))
            .toList();
    assertThat(decisions)
        .extracting(m -> m.get("type") + "@" + m.get("cycle"))
        .containsExactlyElementsOf(
            expected.stream().map(e -> e.type() + "@" + (double) e.cycle()).toList());
    assertThat(pageAll("/api/diary?cycle=7", 2))
        .extracting(m -> m.get("cycle"))
        .hasSize(5)
        .containsOnly(7.0);
    assertThat(pageAll("/api/diary?type=order&order=desc", 3))
        .extracting(m -> m.get("cycle"))
        .containsExactly(39.0, 36.0, 33.0, 27.0, 24.0, 21.0, 18.0, 12.0, 9.0, 6.0, 3.0);
    assertThat(pageAll("/api/diary?asset=DOGE", 10)).isEmpty();
  }

  @Test
  void badDiaryParametersAre400() {
    writeCycles(3);
    assertThat(http.get("/api/diary?limit=0").body())
        .isEqualTo(
            "{\"error\":{\"status\":400,\"code\":\"bad-parameter\",\"message\":\"limit must be in 1..500 but was 0\"}}");
    assertError(
        http.get("/api/diary?limit=-5"),
        400,
        "bad-parameter",
        "limit must be in 1..500 but was -5");
    assertError(
        http.get("/api/diary?limit=501"),
        400,
        "bad-parameter",
        "limit must be in 1..500 but was 501");
    assertError(
        http.get("/api/diary?limit=99999999999999"),
        400,
        "bad-parameter",
        "limit must be in 1..500");
    assertError(
        http.get("/api/diary?limit=ten"),
        400,
        "bad-parameter",
        "limit must be in 1..500 but was 'ten'");
    assertError(
        http.get("/api/diary?cursor=abc"),
        400,
        "bad-parameter",
        "cursor 'abc' is not a cursor of this diary");
    assertError(http.get("/api/diary?cursor=999999"), 400, "bad-parameter", "cursor '999999'");
    assertError(http.get("/api/diary?cursor=-1"), 400, "bad-parameter", "cursor");
    assertError(http.get("/api/diary?cursor=%27%3B--"), 400, "bad-parameter", "cursor");
    assertError(
        http.get("/api/diary?type=Decision"), 400, "bad-parameter", "type must be kebab-case");
    assertError(
        http.get("/api/diary?asset=BT%20C"), 400, "bad-parameter", "asset must be an asset name");
    assertError(
        http.get("/api/diary?cycle=-3"),
        400,
        "bad-parameter",
        "cycle must be a whole number >= 0 but was '-3'");
    assertError(
        http.get("/api/diary?order=sideways"),
        400,
        "bad-parameter",
        "order must be one of asc, desc but was 'sideways'");
    assertError(
        http.get("/api/diary?limit=1&limit=2"), 400, "bad-parameter", "limit must be given once");
  }

  // ---------------------------------------------------------------- cycles

  @Test
  void cyclesSummariseNewestFirstAndFilter() {
    writeCycles(30);
    List<Map<String, Object>> all = pageAll("/api/cycles", 4);
    assertThat(all)
        .extracting(m -> m.get("cycle"))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.iterate(30, i -> i >= 1, i -> i - 1)
                .mapToObj(i -> (Object) (double) i)
                .toList());
    Map<String, Object> c6 =
        all.stream().filter(m -> m.get("cycle").equals(6.0)).findFirst().orElseThrow();
    assertThat(c6)
        .containsEntry("startedAt", "2026-01-01T00:30:00Z")
        .containsEntry("durationMs", 840.0)
        .containsEntry("assets", List.of("BTC", "ETH"))
        .containsEntry("outcome", "traded")
        .containsEntry("tokens", Map.of("input", 1200.0, "output", 300.0))
        .containsEntry("error", null);
    assertThat(castList(c6.get("decisions")))
        .containsExactly(
            Map.of(
                "asset",
                "BTC",
                "action",
                "open_long",
                "rationale",
                "because 6",
                "verdict",
                "approved"));

    assertThat(pageAll("/api/cycles?outcome=error", 10))
        .extracting(m -> m.get("cycle") + ":" + m.get("error"))
        .containsExactly("17.0:HTTP 502", "11.0:timeout");
    Map<String, Object> c13 =
        all.stream().filter(m -> m.get("cycle").equals(13.0)).findFirst().orElseThrow();
    assertThat(c13)
        .as("a recovered exchange fault does not fail an ok cycle")
        .containsEntry("outcome", "held")
        .containsEntry("error", null);
    assertThat(pageAll("/api/cycles?outcome=rejected", 10))
        .extracting(m -> m.get("cycle"))
        .containsExactly(30.0, 25.0, 20.0, 15.0, 10.0, 5.0);
    assertThat(pageAll("/api/cycles?action=open_long&asset=BTC", 10))
        .extracting(m -> m.get("cycle"))
        .containsExactly(30.0, 24.0, 18.0, 12.0, 6.0);
    assertThat(pageAll("/api/cycles?q=rsi%20IS%20OVERSOLD", 3))
        .extracting(m -> m.get("cycle"))
        .containsExactly(7.0);
    assertThat(pageAll("/api/cycles?outcome=held", 100))
        .allSatisfy(m -> assertThat(m.get("outcome")).isEqualTo("held"))
        .hasSize(30 - 8 - 6 - 2);

    Map<String, Object> one = http.get("/api/cycles/7").json();
    assertThat(one).containsEntry("cycle", 7.0);
    assertThat(castList(one.get("events")))
        .extracting(e -> castMap(e).get("type"))
        .containsExactly("cycle-start", "reasoning", "decision", "risk-verdict", "cycle-end");
    assertError(http.get("/api/cycles/31"), 404, "not-found", "no cycle 31");
    assertError(
        http.get("/api/cycles/seven"), 400, "bad-parameter", "cycle must be a whole number");
    assertError(http.get("/api/cycles?action=yolo"), 400, "bad-parameter", "action must be one of");
    assertError(
        http.get("/api/cycles?outcome=won"), 400, "bad-parameter", "outcome must be one of");
    assertError(
        http.get("/api/cycles?cursor=x1"), 400, "bad-parameter", "cursor must be a whole number");
  }

  // ---------------------------------------------------------------- candles

  @Test
  void candlesCarryIndicatorsMarkersAndLevels() {
    List<Candle> candles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double c = 100 + i;
      candles.add(
          new Candle(
              T0.plus(Duration.ofMinutes(5L * i)), Interval.M5, c - 0.5, c + 1, c - 1, c, 10));
    }
    backend.candles = candles;
    backend.fills.add(
        fill(BTC, Side.BUY, "120", "0.01", T0.plus(Duration.ofMinutes(100)), "0", "0", 7));
    backend.fills.add(
        fill(BTC, Side.SELL, "130", "0.01", T0.plus(Duration.ofMinutes(150)), "0.1", "0.01", 8));
    backend.fills.add(
        fill(ETH, Side.BUY, "2000", "1", T0.plus(Duration.ofMinutes(150)), "0", "0", 9));
    backend.orders =
        List.of(
            new OpenOrder(
                BTC,
                Side.SELL,
                new BigDecimal("0.01"),
                new BigDecimal("90"),
                5,
                null,
                true,
                TriggerKind.STOP_LOSS,
                new BigDecimal("95"),
                T0));
    backend.account =
        new AccountState(
            BigDecimal.TEN,
            BigDecimal.ZERO,
            BigDecimal.TEN,
            List.of(
                new Position(
                    BTC,
                    new BigDecimal("0.01"),
                    new BigDecimal("120"),
                    BigDecimal.ZERO,
                    3,
                    null,
                    BigDecimal.ONE)),
            T0);

    Http.Resp r =
        http.get(
            "/api/candles?asset=BTC&interval=5m&limit=30&indicators=ema:3,sma:2,bb:5:2,rsi:14,macd:3:6:2,atr:3");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(backend.candleRequests).containsExactly("BTC 5m 30");
    Map<String, Object> j = r.json();
    List<Object> cs = castList(j.get("candles"));
    assertThat(cs).hasSize(30);
    assertThat(castMap(cs.get(0)))
        .containsEntry("time", (double) candles.get(10).openTime().toEpochMilli())
        .containsEntry("close", 110.0)
        .containsEntry("volume", 10.0);
    Map<String, Object> ind = castMap(j.get("indicators"));
    assertThat(ind)
        .containsKeys(
            "ema:3",
            "sma:2",
            "bb:5:2.upper",
            "bb:5:2.middle",
            "bb:5:2.lower",
            "rsi:14",
            "macd:3:6:2.macd",
            "macd:3:6:2.signal",
            "atr:3");
    // The same series as rez-indicators computes for the agent.
    Map<String, double[]> macd =
        dev.rez.indicators.IndicatorRegistry.parse("macd:3:6:2").compute(candles.subList(10, 40));
    assertThat(ind)
        .containsOnlyKeys(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("ema:3", "sma:2", "rsi:14", "atr:3"),
                    java.util.stream.Stream.concat(
                        dev.rez.indicators.IndicatorRegistry.parse("bb:5:2").outputs().stream()
                            .map(o -> "bb:5:2." + o),
                        macd.keySet().stream().map(o -> "macd:3:6:2." + o)))
                .toArray(String[]::new));
    List<Object> signal = castList(ind.get("macd:3:6:2.signal"));
    for (int i = 0; i < 30; i++) {
      double v = macd.get("signal")[i];
      if (Double.isNaN(v)) assertThat(signal.get(i)).isNull();
      else
        assertThat((Double) signal.get(i)).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-9));
    }
    List<Object> ema = castList(ind.get("ema:3"));
    assertThat(ema)
        .hasSize(30)
        .startsWith(null, null, 111.0); // seeded with the mean of 110, 111, 112
    assertThat((Double) ema.get(3)).isEqualTo(112.0); // 111 + (113 − 111) / 2
    assertThat(castList(ind.get("sma:2"))).startsWith(null, 110.5);
    assertThat(castList(ind.get("rsi:14")).get(14)).isEqualTo(100.0); // only gains
    assertThat((Double) castList(ind.get("bb:5:2.upper")).get(4))
        .isCloseTo(112 + 2 * Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(castList(ind.get("atr:3")).get(3)).isEqualTo(2.0);
    assertThat(castList(j.get("markers")))
        .containsExactly(
            Map.of(
                "time",
                (double) T0.plus(Duration.ofMinutes(100)).toEpochMilli(),
                "kind",
                "entry",
                "side",
                "buy",
                "price",
                120.0,
                "text",
                "open long 0.01"),
            Map.of(
                "time",
                (double) T0.plus(Duration.ofMinutes(150)).toEpochMilli(),
                "kind",
                "exit",
                "side",
                "sell",
                "price",
                130.0,
                "text",
                "close long 0.01"));
    assertThat(castList(j.get("levels")))
        .containsExactly(
            Map.of("kind", "stop-loss", "price", 95.0), Map.of("kind", "entry", "price", 120.0));

    assertError(
        http.get("/api/candles?asset=DOGE&interval=5m"),
        400,
        "bad-parameter",
        "unknown asset 'DOGE' (expected one of BTC, ETH)");
    assertError(
        http.get("/api/candles?asset=BTC&interval=7m"),
        400,
        "bad-parameter",
        "unknown interval '7m'");
    assertError(http.get("/api/candles?interval=5m"), 400, "bad-parameter", "asset is required");
    assertError(
        http.get("/api/candles?asset=BTC&limit=0"),
        400,
        "bad-parameter",
        "limit must be in 1..5000 but was 0");
    assertError(
        http.get("/api/candles?asset=BTC&indicators=foo:3"),
        400,
        "bad-parameter",
        "unknown indicator 'foo'");
    assertError(http.get("/api/candles?asset=BTC&indicators=ema:0"), 400, "bad-parameter", "ema:0");
    assertError(
        http.get("/api/candles?asset=BTC&indicators=sma:100000000"),
        400,
        "bad-parameter",
        "parameter above 1000");
    assertError(http.get("/api/candles?asset=BTC&indicators=ema:x"), 400, "bad-parameter", "ema:x");
    assertThat(backend.candleRequests).hasSize(1);
  }

  // ---------------------------------------------------------------- stats

  @Test
  void statsAreTheCoreTrackRecordOfTheExchangeFills() {
    Map<String, Object> empty = http.get("/api/stats").json();
    assertThat(castMap(empty.get("overall")))
        .containsEntry("trades", 0.0)
        .containsEntry("winRate", null)
        .containsEntry("profitFactor", null)
        .containsEntry("sharpe", null);
    assertThat(castMap(empty.get("perAsset"))).isEmpty();

    String[][] trips = {
      {"BTC", "buy", "60000", "61000", "10"},
      {"ETH", "sell", "2000", "2100", "-10"},
      {"BTC", "sell", "62000", "61000", "10"},
      {"ETH", "buy", "2000", "1990", "-1"},
      {"BTC", "buy", "61000", "61500", "5"}
    };
    long oid = 100;
    Instant t = T0;
    for (String[] trip : trips) {
      Side open = Side.parse(trip[1]);
      String size = trip[0].equals("BTC") ? "0.01" : "1";
      String signed = open == Side.BUY ? size : "-" + size;
      backend.fills.add(
          fill(Asset.of(trip[0]), open, trip[2], size, t = t.plusSeconds(60), "0", "0", oid++));
      backend.fills.add(
          fill(
              Asset.of(trip[0]),
              open.opposite(),
              trip[3],
              size,
              t = t.plusSeconds(600),
              trip[4],
              signed,
              oid++));
    }
    backend.fundings.add(
        new dev.rez.core.FundingPayment(
            Asset.of("BTC"),
            T0.plusSeconds(3600),
            new BigDecimal("-1.25"),
            new BigDecimal("0.0001"),
            new BigDecimal("0.01")));
    TrackRecord expected =
        TrackRecord.fromFills(backend.fills, new BigDecimal("10000")).withFunding(backend.fundings);
    assertThat(expected.tradeCount()).isEqualTo(5);
    assertThat(expected.funding()).isEqualByComparingTo("-1.25");

    Map<String, Object> stats = http.get("/api/stats").json();
    Map<String, Object> overall = castMap(stats.get("overall"));
    assertThat(overall)
        .containsEntry("trades", 5.0)
        .containsEntry("wins", (double) expected.winCount())
        .containsEntry("losses", (double) expected.lossCount())
        .containsEntry("winRate", expected.winRate())
        .containsEntry("averageWin", expected.averageWin().doubleValue())
        .containsEntry("averageLoss", expected.averageLoss().doubleValue())
        .containsEntry("averageTrade", expected.averageTrade().doubleValue())
        .containsEntry("profitFactor", expected.profitFactor().getAsDouble())
        .containsEntry("volume", expected.totalVolume().doubleValue())
        .containsEntry("realizedPnl", expected.realizedPnl().doubleValue())
        .containsEntry("fees", expected.fees().doubleValue())
        .containsEntry("funding", -1.25)
        .containsEntry("netPnl", expected.netPnl().doubleValue())
        .containsEntry("maxDrawdown", expected.maxDrawdown().doubleValue())
        .containsEntry("maxDrawdownFraction", expected.maxDrawdownFraction())
        .containsEntry("sharpe", expected.sharpeRatio().getAsDouble());
    assertThat(castMap(stats.get("perAsset"))).containsOnlyKeys("BTC", "ETH");
    assertThat(castMap(castMap(stats.get("perAsset")).get("ETH")))
        .containsEntry("trades", 2.0)
        .containsEntry("wins", 0.0)
        .containsEntry("profitFactor", 0.0)
        // No win, no average win: the same summary as `rez stats` prints.
        .containsEntry("averageWin", null);
    List<Object> curve = castList(stats.get("equityCurve"));
    assertThat(curve).hasSize(expected.equityCurve().size());
    assertThat(castMap(curve.getLast()))
        .containsEntry("equity", expected.endingEquity().doubleValue());
    List<Object> trades = castList(stats.get("trades"));
    assertThat(trades).hasSize(5);
    assertThat(castMap(trades.get(1)))
        .containsEntry("asset", "ETH")
        .containsEntry("side", "short")
        .containsEntry("entryPrice", 2000.0)
        .containsEntry("exitPrice", 2100.0)
        .containsEntry("size", 1.0)
        .containsEntry("pnl", -10.0)
        .containsEntry("fees", 0.2)
        .containsEntry("openedAt", T0.plusSeconds(60 + 660).toString());
  }

  // ---------------------------------------------------------------- kill switch

  @Test
  void aChunkedPostIsRefusedAsLengthRequiredAndChangesNothing() {
    assertError(
        http.raw(
            "POST",
            "/api/kill-switch/flatten",
            "127.0.0.1:" + server.port(),
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"),
        411,
        "length-required",
        "Content-Length");
    assertThat(backend.commands).isEmpty();
  }

  @Test
  void killSwitchRoutesAnswerTheLoopObject() {
    Http.Resp r = http.post("/api/kill-switch/stop-entries");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .isEqualTo(
            "{\"state\":\"idle\",\"killSwitch\":\"stop-entries\",\"haltReason\":null,\"safeMode\":false}");
    assertThat(http.post("/api/kill-switch/flatten").json())
        .containsEntry("state", "halted")
        .containsEntry("killSwitch", "flatten")
        .containsEntry("haltReason", "flattened by the operator");
    assertThat(http.post("/api/kill-switch/resume").json()).containsEntry("killSwitch", "none");
    assertThat(backend.commands)
        .containsExactly(
            dev.rez.app.loop.KillSwitch.Level.STOP_ENTRIES,
            dev.rez.app.loop.KillSwitch.Level.FLATTEN,
            dev.rez.app.loop.KillSwitch.Level.NONE);
    assertError(
        http.post("/api/kill-switch/explode"),
        404,
        "not-found",
        "no route POST /api/kill-switch/explode");
    assertError(http.get("/api/kill-switch/flatten"), 404, "not-found", "no route");
    assertThat(backend.commands).hasSize(3);
  }

  // ---------------------------------------------------------------- security

  @Test
  void theTokenIsRequiredOnEveryApiRouteWhenSet() {
    startServer("s3cret-token-0123456789", emptyLoader());
    for (String path :
        List.of(
            "/api/health",
            "/api/status",
            "/api/account",
            "/api/positions",
            "/api/orders",
            "/api/fills",
            "/api/diary",
            "/api/cycles",
            "/api/cycles/1",
            "/api/stats",
            "/api/candles?asset=BTC",
            "/api/stream",
            "/api/nope")) {
      assertError(http.send("GET", path, null), 401, "unauthorized", "bearer token");
      assertError(http.send("GET", path, "wrong-token"), 401, "unauthorized", "bearer token");
    }
    assertError(
        http.send("POST", "/api/kill-switch/flatten", null), 401, "unauthorized", "bearer token");
    assertError(
        http.send("GET", "/api/health?token=s3cret-token-0123456789", null),
        401,
        "unauthorized",
        "bearer");
    assertThat(backend.commands).isEmpty();
    assertThat(http.send("GET", "/api/health", "s3cret-token-0123456789").status()).isEqualTo(200);
    assertThat(http.post("/api/kill-switch/stop-entries").status()).isEqualTo(200);
    // The dashboard page itself is public; what it shows comes from the API.
    assertThat(http.send("GET", "/", null).status()).isEqualTo(200);
  }

  @Test
  void theStreamTakesTheTokenAsAQueryParameter() throws Exception {
    startServer("s3cret-token-0123456789", emptyLoader());
    try (Http.Stream s = http.stream("/api/stream?token=s3cret-token-0123456789", Map.of())) {
      assertThat(s.status).isEqualTo(200);
      diary.append(new DiaryEvent(T0, 1, "cycle-start", null, "{}"));
      assertThat(s.next("diary", Duration.ofSeconds(10))).isNotNull();
    }
    try (Http.Stream s = http.stream("/api/stream?token=nope", Map.of())) {
      assertThat(s.status).isEqualTo(401);
    }
  }

  @Test
  void refusesANonLoopbackBindWithoutAToken() {
    ApiServer open = ApiServer.builder(backend).host("0.0.0.0").port(0).build();
    assertThatThrownBy(open::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refusing to serve the API on 0.0.0.0 without a token");
    assertThatThrownBy(() -> ApiServer.refuseOpenBind("::", false))
        .isInstanceOf(IllegalStateException.class);
    ApiServer.refuseOpenBind("0.0.0.0", true);
    ApiServer.refuseOpenBind("localhost", false);
    ApiServer.refuseOpenBind("::1", false);
    assertThatThrownBy(() -> ApiServer.builder(backend).port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> ApiServer.builder(backend).token("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whitespace");
    assertThat(ApiServer.builder(backend).token("s3cret-token-0123456789").toString())
        .doesNotContain("s3cret");
  }

  @Test
  void pathTraversalAndUnknownRoutesAre404Json() throws IOException {
    Path site = dashboardSite();
    startServer(null, new URLClassLoader(new URL[] {site.toUri().toURL()}, null));
    Files.writeString(dir.resolve("secret.txt"), "top secret");
    for (String target :
        List.of(
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2f..%2fetc%2fpasswd",
            "/%252e%252e/%252e%252e/etc/passwd",
            "/_next/../../secret.txt",
            "/rez-dashboard/../secret.txt",
            "/.%2e/secret.txt",
            "/..\\..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/index.html%00.js",
            "//etc/passwd",
            "/logs?path=/etc/passwd",
            "/api/../../etc/passwd",
            "/api/logs?path=/etc/passwd",
            "/api/nope",
            "/nope",
            "/_next",
            "/_next/static/")) {
      Http.Resp r = http.raw("GET", target);
      assertThat(r.status()).as(target + " → " + r.body()).isEqualTo(404);
      assertThat(r.body())
          .as(target)
          .doesNotContain("root:")
          .doesNotContain("top secret")
          .startsWith("{\"error\":{\"status\":404,\"code\":\"not-found\"");
    }
    assertError(http.post("/nope"), 404, "not-found", "no route POST /nope");
    assertError(http.send("DELETE", "/api/diary", null), 404, "not-found", "no route");
  }

  @Test
  void garbageCursorsBadLimitsUnknownAssetsAndIntervalsAre400() {
    assertError(
        http.get("/api/fills?limit=0"), 400, "bad-parameter", "limit must be in 1..500 but was 0");
    assertError(
        http.get("/api/fills?limit=100000"),
        400,
        "bad-parameter",
        "limit must be in 1..500 but was 100000");
    assertError(http.get("/api/fills?cursor=1.2.3"), 400, "bad-parameter", "not a fills cursor");
    assertError(
        http.get("/api/cycles?limit=-1"),
        400,
        "bad-parameter",
        "limit must be in 1..500 but was -1");
    assertError(
        http.get("/api/diary?cursor=" + "9".repeat(300)),
        400,
        "bad-parameter",
        "is not a cursor of this diary");
    assertError(
        http.get("/api/candles?asset=" + "A".repeat(100)),
        400,
        "bad-parameter",
        "asset must be an asset name");
    assertError(
        http.get("/api/candles?asset=BTC&interval=5y"), 400, "bad-parameter", "unknown interval");
    try (Http.Stream s = http.stream("/api/stream?lastEventId=zzz", Map.of())) {
      assertThat(s.status).isEqualTo(400);
    }
    assertError(
        http.send(
            "GET", "/api/stream?lastEventId=zzz", null, Map.of("Accept", "text/event-stream")),
        400,
        "bad-parameter",
        "lastEventId 'zzz' is not a diary event id");
    assertError(
        http.send(
            "GET",
            "/api/stream",
            null,
            Map.of("Last-Event-ID", "12abc", "Accept", "text/event-stream")),
        400,
        "bad-parameter",
        "Last-Event-ID '12abc' is not a diary event id");
    assertError(http.get("/api/stream"), 400, "bad-parameter", "Accept: text/event-stream");
  }

  @Test
  void badlyEncodedQueryParametersAre400NamingTheParameterOnEveryRoute() {
    String[][] cases = {
      {"/api/diary?type=decision%ZZ", "parameter type "},
      {"/api/diary?cycle=%ZZ", "parameter cycle "},
      {"/api/cycles?outcome=%ZZ", "parameter outcome "},
      {"/api/fills?limit=%ZZ", "parameter limit "},
      {"/api/fills?limit=1%", "parameter limit "},
      {"/api/fills?limit=%E9", "parameter limit "}, // Latin-1, not UTF-8
      {"/api/candles?asset=BTC&indicators=ema%3", "parameter indicators "},
      {"/api/status?unused=%ZZ", "parameter unused "}, // a route that reads no parameter
      {"/api/diary?ty%ZZpe=fill", "name 'ty%ZZpe' "},
    };
    for (String[] c : cases)
      assertError(http.raw("GET", c[0]), 400, "bad-parameter", c[1] + "is not valid");
    // Well-encoded parameters read as before: a space as + or %20, UTF-8 escapes.
    assertError(
        http.raw("GET", "/api/diary?type=no%20such+type"),
        400,
        "bad-parameter",
        "but was 'no such type'");
    assertThat(http.raw("GET", "/api/diary?type=decision%2Cfill").status()).isEqualTo(200);
  }

  @Test
  void aFillsCursorTheServerDidNotIssueIs400() {
    Instant t = T0.plusSeconds(5);
    backend.fills.add(fill(BTC, Side.BUY, "100", "1", t, "0", "0", 1));
    backend.fills.add(fill(BTC, Side.SELL, "101", "1", t, "0", "1", 2));
    Http.Resp first = http.get("/api/fills?limit=1");
    String next = (String) first.json().get("next");
    assertThat(next).isEqualTo(t.toEpochMilli() + ".1");
    assertThat(castList(http.get("/api/fills?cursor=" + next).json().get("fills"))).hasSize(1);
    assertThat(http.get("/api/fills?cursor=" + t.toEpochMilli() + ".2").json())
        .containsEntry("fills", List.of())
        .containsEntry("hasMore", false);
    assertThat(http.get("/api/fills?cursor=0.0").status()).isEqualTo(200);
    for (String bad :
        List.of(
            "1.1", // no fill at that time
            t.toEpochMilli() + ".3", // more fills than that time has
            t.toEpochMilli() + ".0",
            "0" + t.toEpochMilli() + ".1",
            t.plusMillis(1).toEpochMilli() + ".1"))
      assertError(
          http.get("/api/fills?cursor=" + bad),
          400,
          "bad-parameter",
          "cursor '" + bad + "' is not a cursor of these fills");
  }

  @Test
  void aKillSwitchOfAServerThatSteersNoLoopIs503ReadOnlyAndNoErrorNamesAJavaClass() {
    assertThat(http.get("/api/status").json()).containsEntry("readOnly", false);
    backend.readOnly = true;
    // The status says so beforehand, so that a client need not try.
    assertThat(http.get("/api/status").json()).containsEntry("readOnly", true);
    Http.Resp r = http.post("/api/kill-switch/flatten");
    assertError(r, 503, "read-only", "the kill switch is not available here");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("exchange");
    backend.readOnly = false;
    backend.exchangeDown = new IllegalStateException("connection refused");
    r = http.get("/api/account");
    assertError(r, 503, "unavailable", "the exchange did not answer");
    assertThat(r.body()).doesNotContain("Exception");
    backend.exchangeDown = null;
    // An arena contestant's server that does not answer.
    server.close();
    server =
        ApiServer.builder(backend)
            .port(0)
            .staticFiles(emptyLoader())
            .arena(
                new ArenaRoutes(
                    () -> "{}", Map.of("gone", java.net.URI.create("http://127.0.0.1:1"))))
            .build()
            .start();
    http = new Http(server.port(), null);
    r = http.get("/api/arena/gone/status");
    assertError(r, 503, "unavailable", "contestant gone's API did not answer");
    assertThat(r.body()).doesNotContain("Exception");
  }

  @Test
  void headIsAnsweredAsGetWithoutTheBodyAndSizeErrorsAreTooLarge() {
    for (String path : List.of("/api/status", "/api/health", "/api/fills?limit=2")) {
      Http.Resp get = http.get(path);
      Http.Resp head = http.send("HEAD", path, null);
      assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
      assertThat(head.contentType())
          .as(path)
          .isEqualTo(get.contentType())
          .startsWith("application/json");
      assertThat(head.body()).as(path).isEmpty();
    }
    Http.Resp bad = http.send("HEAD", "/api/fills?limit=0", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/json");
    Http.Resp none = http.send("HEAD", "/api/nothing-here", null);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.contentType()).startsWith("application/json");
    Http.Resp stream =
        http.send("HEAD", "/api/stream", null, Map.of("Accept", "text/event-stream"));
    assertThat(stream.status()).isEqualTo(404);
    assertThat(stream.contentType()).startsWith("application/json");

    assertError(
        http.raw("GET", "/api/fills?cursor=" + "9".repeat(9000)), 414, "too-large", "too long");
    assertError(
        http.raw(
            "GET",
            "/api/health",
            "127.0.0.1:" + server.port(),
            "X-Pad: " + "a".repeat(9000) + "\r\n"),
        431,
        "too-large",
        "headers are too large");
  }

  // ---------------------------------------------------------------- static files

  private Path dashboardSite() throws IOException {
    Path site = dir.resolve("site");
    Files.createDirectories(site.resolve("rez-dashboard/_next/static/chunks"));
    Files.createDirectories(site.resolve("rez-dashboard/diary"));
    Files.writeString(site.resolve("rez-dashboard/index.html"), "<html>dashboard home</html>");
    Files.writeString(site.resolve("rez-dashboard/trades.html"), "<html>trades</html>");
    Files.writeString(site.resolve("rez-dashboard/diary/index.html"), "<html>diary</html>");
    Files.writeString(site.resolve("rez-dashboard/_next/static/chunks/app.js"), "console.log(1)");
    return site;
  }

  @Test
  void servesTheDashboardFromTheClasspath() throws IOException {
    startServer(null, new URLClassLoader(new URL[] {dashboardSite().toUri().toURL()}, null));
    Http.Resp home = http.get("/");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).isEqualTo("<html>dashboard home</html>");
    assertThat(home.contentType()).startsWith("text/html");
    assertThat(http.get("/trades").body()).isEqualTo("<html>trades</html>");
    assertThat(http.get("/diary/").body()).isEqualTo("<html>diary</html>");
    Http.Resp js = http.get("/_next/static/chunks/app.js");
    assertThat(js.contentType()).startsWith("text/javascript");
    assertThat(js.raw().headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertError(http.get("/missing"), 404, "not-found", "no file /missing");
  }

  @Test
  void withoutADashboardTheRootSaysSo() {
    Http.Resp home = http.get("/");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.contentType()).startsWith("text/html");
    assertThat(home.body()).contains("dashboard was not built");
    assertError(http.get("/index.html"), 404, "not-found", "no file");
  }

  // ---------------------------------------------------------------- stream

  @Test
  void theStreamDeliversNewEventsAndResumesFromLastEventId() throws Exception {
    writeCycles(2);
    long before = diary.size();
    String lastSeen;
    try (Http.Stream s = http.stream("/api/stream", Map.of())) {
      assertThat(s.status).isEqualTo(200);
      // A new client starts at the end: it gets the current status and account, then live events.
      Http.Event status = s.next("status", Duration.ofSeconds(10));
      assertThat(status.id()).isEqualTo(Long.toString(before));
      assertThat(castMap(Http.parse(status.data()))).containsEntry("mode", "demo");
      assertThat(s.next("account", Duration.ofSeconds(10)).data()).contains("\"equity\":10012.5");
      for (int i = 0; i < 5; i++)
        diary.append(
            new DiaryEvent(
                T0.plusSeconds(i), 3, "reasoning", null, "{\"text\":\"live " + i + "\"}"));
      List<Http.Event> got = new ArrayList<>();
      for (int i = 0; i < 5; i++) got.add(s.next("diary", Duration.ofSeconds(10)));
      assertThat(got).extracting(Http.Event::id).containsExactly(ids(before + 1, before + 5));
      assertThat(castMap(Http.parse(got.get(2).data())))
          .containsEntry("type", "reasoning")
          .containsEntry("data", Map.of("text", "live 2"))
          .containsEntry("id", Long.toString(before + 3));
      lastSeen = got.get(4).id();
      // Idle streams get pings.
      Http.Event ping = s.next(":", Duration.ofSeconds(10));
      assertThat(ping.data()).isEqualTo("ping");
    }
    // Missed while disconnected:
    for (int i = 0; i < 250; i++)
      diary.append(new DiaryEvent(T0.plusSeconds(i), 4, "tool-call", null, "{\"n\":" + i + "}"));
    try (Http.Stream s = http.stream("/api/stream", Map.of("Last-Event-ID", lastSeen))) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 250; i++) ids.add(s.next("diary", Duration.ofSeconds(10)).id());
      assertThat(ids).containsExactly(ids(before + 6, before + 255));
      diary.append(new DiaryEvent(T0, 5, "cycle-start", null, "{}"));
      assertThat(s.next("diary", Duration.ofSeconds(10)).id())
          .isEqualTo(Long.toString(before + 256));
    }
    try (Http.Stream s = http.stream("/api/stream?lastEventId=" + (before + 254), Map.of())) {
      assertThat(s.next("diary", Duration.ofSeconds(10)).id())
          .isEqualTo(Long.toString(before + 255));
      assertThat(s.next("diary", Duration.ofSeconds(10)).id())
          .isEqualTo(Long.toString(before + 256));
    }
  }

  private static String[] ids(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long i = from; i <= to; i++) out.add(Long.toString(i));
    return out.toArray(String[]::new);
  }

  @Test
  void theStreamSendsAccountAfterFillsAndStatusWhenTheLoopChanges() throws Exception {
    try (Http.Stream s = http.stream("/api/stream", Map.of())) {
      assertThat(s.next("account", Duration.ofSeconds(10))).isNotNull();
      backend.account =
          new AccountState(
              new BigDecimal("9999"), BigDecimal.ZERO, new BigDecimal("9999"), List.of(), T0);
      diary.append(new DiaryEvent(T0, 1, "fill", BTC, "{\"price\":1}"));
      Http.Event account = s.next("account", Duration.ofSeconds(10));
      assertThat(account.data()).contains("\"equity\":9999");
      assertThat(account.id()).isEqualTo("1");
      backend.killSwitch(dev.rez.app.loop.KillSwitch.Level.STOP_ENTRIES);
      diary.append(
          new DiaryEvent(
              T0, 1, "kill-switch", null, "{\"state\":\"stop-entries\",\"by\":\"api\"}"));
      Http.Event status = s.next("status", Duration.ofSeconds(10));
      assertThat(castMap(castMap(Http.parse(status.data())).get("loop")))
          .containsEntry("killSwitch", "stop-entries");
      assertThat(status.id()).isEqualTo("2");
      // An unchanged loop sends no status.
      diary.append(new DiaryEvent(T0, 2, "cycle-start", null, "{}"));
      Http.Event next = s.next(Duration.ofSeconds(10));
      assertThat(next.event()).isEqualTo("diary");
      assertThat(s.next("status", Duration.ofMillis(500))).isNull();
    }
  }

  @Test
  void manyStreamClientsAllReceiveEverything() throws Exception {
    List<Http.Stream> streams = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++)
        streams.add(http.stream("/api/stream", Map.of())); // the default cap
      for (Http.Stream s : streams)
        assertThat(s.next("account", Duration.ofSeconds(10))).isNotNull();
      for (int i = 0; i < 50; i++)
        diary.append(new DiaryEvent(T0, 1, "reasoning", null, "{\"i\":" + i + "}"));
      for (Http.Stream s : streams) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) seen.add(s.next("diary", Duration.ofSeconds(10)).id());
        assertThat(seen).hasSize(50).contains("1", "50");
      }
    } finally {
      streams.forEach(Http.Stream::close);
    }
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void theStatusShowsTheExchangeUrlWithoutUserInfoOrQuery() {
    backend.exchangeUrl = "https://trader:pa55word@proxy.example.net:8443/hl?apiKey=s3cret-value#x";
    Http.Resp r = http.get("/api/status");
    assertThat(r.json()).containsEntry("exchangeUrl", "https://proxy.example.net:8443/hl");
    assertThat(r.body())
        .doesNotContain("pa55word")
        .doesNotContain("s3cret")
        .doesNotContain("trader");
  }

  @Test
  void thePrivateKeyIsInNoResponseLogOrDiary() throws Exception {
    writeCycles(5);
    backend.fills.add(fill(BTC, Side.BUY, "100", "1", T0, "0", "0", 1));
    backend.candles = List.of(new Candle(T0, Interval.M5, 1, 1, 1, 1, 1));
    for (String path :
        List.of(
            "/api/health",
            "/api/status",
            "/api/account",
            "/api/positions",
            "/api/orders",
            "/api/fills",
            "/api/diary",
            "/api/cycles",
            "/api/cycles/1",
            "/api/stats",
            "/api/candles?asset=BTC&indicators=ema:2",
            "/",
            "/nope",
            "/api/diary?cursor=x")) {
      http.get(path);
    }
    http.post("/api/kill-switch/stop-entries");
    backend.exchangeDown = new IllegalStateException("exchange down");
    http.get("/api/account");
    try (Http.Stream s = http.stream("/api/stream?lastEventId=0", Map.of())) {
      s.next("account", Duration.ofSeconds(10));
    }
    diary.flush();
    String key = FakeBackend.PRIVATE_KEY.substring(2).toLowerCase(java.util.Locale.ROOT);
    assertThat(http.bodies)
        .isNotEmpty()
        .allSatisfy(b -> assertThat(b.toLowerCase(java.util.Locale.ROOT)).doesNotContain(key));
    List<ILoggingEvent> logged;
    synchronized (
        logs) { // stream pumps may still be logging: the appender appends under its own lock
      logged = new ArrayList<>(logs.list);
    }
    assertThat(logged)
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage().toLowerCase(java.util.Locale.ROOT))
                    .doesNotContain(key));
    assertThat(Files.readString(dir.resolve("diary.jsonl")).toLowerCase(java.util.Locale.ROOT))
        .doesNotContain(key);
  }
}
