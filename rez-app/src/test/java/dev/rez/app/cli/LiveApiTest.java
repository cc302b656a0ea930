package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API of a running demo answers from the live view: no exchange call per read, fills and marks
 * as they happen.
 */
class LiveApiTest {
  static final String KEY = "0x" + "6f".repeat(32);
  static final Asset BTC = Asset.of("BTC");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  final Serving.Diaries diaries = new Serving.Diaries();

  TradingApp demo() {
    return demo(Map.of(BTC, CandleCsv.demo()), null);
  }

  /** A demo of BTC at 60× replaying {@code replay}, on the simulator at {@code simulatorUrl}. */
  TradingApp demo(Map<Asset, List<dev.rez.core.Candle>> replay, String simulatorUrl) {
    AppConfig cfg = AppConfig.fromVariables(Map.of("HYPERLIQUID_PRIVATE_KEY", KEY));
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            List.of(BTC),
            Interval.M1,
            dir.resolve("diary.jsonl"),
            replay,
            60,
            300,
            AfterReplay.SYNTHETIC,
            "live-api",
            simulatorUrl);
    return TradingApp.create(spec, diaries);
  }

  static String get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  /** A simulator of synthetic BTC minutes at 60 times real time, with 300 minutes of history. */
  static HyperliquidSimulator.Builder syntheticBtc() {
    return HyperliquidSimulator.builder()
        .synthetic("BTC", 60000, 2, 20)
        .interval(Interval.M1)
        .history(300)
        .acceleratedClock(60);
  }

  /**
   * Buys {@code size} BTC by hand at 1 % over the mark and sells it back at 1 % under it (IOCs) on
   * the app's account; returns that hand's client.
   */
  static HyperliquidExchange roundTripByHand(
      HyperliquidSimulator sim, BigDecimal size, String tag) {
    HyperliquidExchange hand =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(PrivateKeySigner.fromHex(KEY))
            .build();
    BigDecimal mark = hand.contexts().get(BTC).markPrice();
    for (Side side : List.of(Side.BUY, Side.SELL)) {
      BigDecimal limit = mark.multiply(new BigDecimal(side == Side.BUY ? "1.01" : "0.99"));
      hand.place(
          List.of(
              new OrderRequest(
                  BTC,
                  side,
                  size,
                  limit.setScale(0, RoundingMode.HALF_UP), // 5 significant figures
                  TimeInForce.IOC,
                  side == Side.SELL,
                  ClientOrderId.derive(tag + "-" + side))));
    }
    return hand;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(50);
    }
  }

  /**
   * Exchange calls made by {@code reads} GETs of {@code path}, not counting the live view's own
   * reads meanwhile.
   */
  static long callsFor(TradingApp app, int port, String path, int reads) throws Exception {
    for (int attempt = 0; ; attempt++) {
      long live0 = app.live.restReads();
      // A read the view counted just before may still be on its way to the simulator: let it arrive
      // first.
      Thread.sleep(200);
      long http0 = app.sim.httpRequestCount();
      for (int i = 0; i < reads; i++) get(port, path);
      long http1 = app.sim.httpRequestCount();
      // A resync of the view in the middle (on connecting, every 30 s) is not the API's: measure
      // again.
      if (app.live.restReads() == live0) return http1 - http0;
      if (attempt == 4)
        throw new AssertionError("the live view kept reading during five measurements of " + path);
    }
  }

  @Test
  void readsOfAccountPositionsOrdersFillsAndStatsCallTheExchangeZeroTimes() throws Exception {
    try (TradingApp app = demo();
        ApiServer server =
            ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
      await("the socket connects", app.live::streaming);
      for (String path :
          List.of("/api/account", "/api/positions", "/api/orders", "/api/fills", "/api/stats")) {
        assertThat(callsFor(app, server.port(), path, 100))
            .as("exchange calls of 100 reads of " + path)
            .isZero();
      }
      // Candles: read again only when a new candle opened (one a wall second at this demo's speed),
      // not per request.
      long t0 = System.nanoTime();
      long calls = callsFor(app, server.port(), "/api/candles?asset=BTC&limit=300", 100);
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertThat(calls)
          .as("candle reads for 100 chart reads over %d s", seconds)
          .isLessThanOrEqualTo(seconds * 2 + 2)
          .isLessThan(100);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> candles(int port, int limit) throws Exception {
    return (List<Map<String, Object>>)
        Json.parseObject(get(port, "/api/candles?asset=BTC&limit=" + limit)).get("candles");
  }

  static long lastTime(List<Map<String, Object>> candles) {
    return ((Number) candles.getLast().get("time")).longValue();
  }

  @Test
  void aChartGetsTheCandlesItAsksForAfterASmallerOneReadTheNewCandleFirst() throws Exception {
    try (TradingApp app = demo();
        ApiServer server =
            ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
      int port = server.port();
      long opened = lastTime(candles(port, 250));
      // A small chart is the first to read after the next candle opened (one a wall second at this
      // demo's speed); the larger charts read after it still get all they ask for.
      long[] seen = {opened};
      await(
          "a new candle opens",
          () -> {
            try {
              seen[0] = lastTime(candles(port, 40));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
            return seen[0] > opened;
          });
      for (int limit : List.of(150, 250, 300)) {
        List<Map<String, Object>> c = candles(port, limit);
        assertThat(c).as("candles for limit=" + limit).hasSize(limit);
        assertThat(lastTime(c)).isGreaterThanOrEqualTo(seen[0]);
      }
    }
  }

  @Test
  void aDemoOnAnotherSimulatorFollowsThatSimulatorsSocket() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (HyperliquidSimulator sim = syntheticBtc().port(port).webSocketPort(port + 1).start()) {
      sim.fund(PrivateKeySigner.fromHex(KEY).address(), new BigDecimal("2500"));
      try (TradingApp app = demo(Map.of(), sim.baseUrl());
          ApiServer server =
              ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
        // The simulator's own socket, not a real network's.
        await("the live view streams from the simulator", app.live::streaming);
        @SuppressWarnings("unchecked")
        Map<String, Object> data =
            (Map<String, Object>)
                Json.parseObject(get(server.port(), "/api/status")).get("exchangeData");
        assertThat(data).containsEntry("streaming", true);
        java.time.Instant asOf = java.time.Instant.parse((String) data.get("accountAsOf"));
        assertThat(asOf).isBeforeOrEqualTo(app.clock.now());
        // Wall-clock seconds since the last read: within a resync period while all is well.
        assertThat(((BigDecimal) data.get("accountAgeSeconds")).longValue())
            .isBetween(0L, app.live.resyncEvery().toSeconds() + 5);
      }
    }
  }

  @Test
  void aDemoOnASimulatorRefusesASocketOffThisMachine() {
    assertThat(TradingApp.simulatorStreamUrl("http://127.0.0.1:8080", null))
        .isEqualTo("ws://127.0.0.1:8081/ws");
    assertThat(TradingApp.simulatorStreamUrl("http://[::1]:9000", null))
        .isEqualTo("ws://[::1]:9001/ws");
    assertThat(TradingApp.simulatorStreamUrl("http://127.0.0.1:8080", "ws://localhost:9999/ws"))
        .isEqualTo("ws://localhost:9999/ws");
    assertThatThrownBy(
            () ->
                TradingApp.simulatorStreamUrl(
                    "http://127.0.0.1:8080", "wss://api.hyperliquid-testnet.xyz/ws"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HYPERLIQUID_WS_URL must be on this machine");
  }

  @Test
  void statsWaitForTheFirstEquityOfAnAccountFundedAfterTheStart() throws Exception {
    // A simulator that does not fund the app's account: the app starts with no equity at all.
    try (HyperliquidSimulator sim = syntheticBtc().start()) {
      try (TradingApp app = demo(Map.of(), sim.baseUrl());
          ApiServer server =
              ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
        HttpResponse<String> none =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/stats"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).as(none.body()).isEqualTo(503);
        assertThat(none.body()).contains("\"unavailable\"").contains("no equity");

        sim.fund(PrivateKeySigner.fromHex(KEY).address(), new BigDecimal("2500"));
        await(
            "the live view sees the deposit",
            () -> app.live.snapshot().account().value().equity().signum() > 0);
        // A round trip by hand before the first look at the stats: fees and PnL move the equity,
        // not the base, which is what was paid in.
        roundTripByHand(sim, new BigDecimal("0.01"), "hand");
        await("the live view sees both fills", () -> app.live.fills().size() == 2);
        assertThat(app.live.snapshot().account().value().equity())
            .isNotEqualByComparingTo(new BigDecimal("2500"));
        Map<String, Object> stats = Json.parseObject(get(server.port(), "/api/stats"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve = (List<Map<String, Object>>) stats.get("equityCurve");
        // The deposit, not the equity after the round trip's fees and PnL (about $0.50 away); a
        // funding payment of a fraction of a cent may settle between the reads the base is made of.
        assertThat((BigDecimal) curve.get(0).get("equity"))
            .isCloseTo(
                new BigDecimal("2500"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.001")));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void statsLeaveOutTheTradesTheAccountMadeBeforeTheFirstRun() throws Exception {
    try (HyperliquidSimulator sim =
        syntheticBtc()
            .fund(PrivateKeySigner.fromHex(KEY).address(), new BigDecimal("10000"))
            .start()) {
      // A round trip by hand before the app first runs: its loss is in the starting equity already.
      HyperliquidExchange hand = roundTripByHand(sim, new BigDecimal("0.1"), "before");
      assertThat(hand.fills(java.time.Instant.EPOCH)).hasSize(2);

      try (TradingApp app = demo(Map.of(), sim.baseUrl());
          ApiServer server =
              ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
        java.time.Instant start =
            java.time.Instant.parse(
                (String)
                    Json.parseObject(
                            Files.readAllLines(dir.resolve("diary.jsonl")).stream()
                                .filter(l -> l.contains("\"type\":\"app-start\""))
                                .findFirst()
                                .orElseThrow())
                        .get("time"));
        Map<String, Object> stats = Json.parseObject(get(server.port(), "/api/stats"));
        for (Map<String, Object> t : (List<Map<String, Object>>) stats.get("trades"))
          assertThat(java.time.Instant.parse((String) t.get("openedAt"))).isAfterOrEqualTo(start);
        List<Map<String, Object>> curve = (List<Map<String, Object>>) stats.get("equityCurve");
        if (!curve.isEmpty())
          assertThat((BigDecimal) curve.get(0).get("equity"))
              .isEqualByComparingTo(app.startingEquity);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTriggerFillReachesTheFillsRouteAndTheStreamCarriesMarksAndAccount() throws Exception {
    try (TradingApp app = demo();
        ApiServer server =
            ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
      await("the socket connects", app.live::streaming);
      // A trader opens a position by hand with a tight take-profit and stop-loss; no cycle runs.
      HyperliquidExchange hand =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(app.sim.baseUrl())
              .signer(PrivateKeySigner.fromHex(KEY))
              .build();
      BigDecimal mark = app.exchange.contexts().get(BTC).markPrice();
      BigDecimal size = new BigDecimal("0.2");
      hand.placeWithProtection(
          new OrderRequest(
              BTC,
              Side.BUY,
              size,
              px(mark.multiply(new BigDecimal("1.01"))),
              TimeInForce.IOC,
              false,
              ClientOrderId.derive("hand-entry")),
          List.of(
              new TriggerOrder(
                  BTC,
                  Side.SELL,
                  size,
                  TriggerKind.TAKE_PROFIT,
                  px(mark.multiply(new BigDecimal("1.001"))),
                  true,
                  px(mark.multiply(new BigDecimal("0.95"))),
                  ClientOrderId.derive("hand-tp")),
              new TriggerOrder(
                  BTC,
                  Side.SELL,
                  size,
                  TriggerKind.STOP_LOSS,
                  px(mark.multiply(new BigDecimal("0.999"))),
                  true,
                  px(mark.multiply(new BigDecimal("0.95"))),
                  ClientOrderId.derive("hand-sl"))));

      // The stream: mark events while prices move, account events while the position is open.
      List<String> events = new ArrayList<>();
      HttpResponse<InputStream> sse =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + "/api/stream"))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
                      String event = null;
                      for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("event:")) event = line.substring(6).trim();
                        else if (line.startsWith("data:") && event != null) {
                          synchronized (events) {
                            events.add(event + " " + line.substring(5).trim());
                          }
                        }
                      }
                    } catch (java.io.IOException ended) {
                      // the test closed the stream
                    }
                  });
      try {
        await(
            "a closing fill in /api/fills",
            () -> {
              try {
                List<Map<String, Object>> fills =
                    (List<Map<String, Object>>)
                        Json.parseObject(get(server.port(), "/api/fills?limit=10")).get("fills");
                return fills.stream()
                    .anyMatch(
                        f ->
                            ((BigDecimal) f.get("closedPnl")).signum() != 0
                                || "sell".equals(f.get("side")));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
        await(
            "mark events",
            () -> {
              synchronized (events) {
                if (System.getenv("REZ_DEBUG_TEST") != null) System.err.println(events);
                return events.stream().filter(e -> e.startsWith("mark ")).count() >= 2;
              }
            });
      } finally {
        sse.body().close();
        reader.interrupt();
      }
      String mark1;
      synchronized (events) {
        mark1 =
            events.stream()
                .filter(e -> e.startsWith("mark "))
                .findFirst()
                .orElseThrow()
                .substring(5);
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("account "));
      }
      Map<String, Object> m = Json.parseObject(mark1);
      assertThat(m).containsEntry("asset", "BTC").containsKeys("mark", "time");
      assertThat((BigDecimal) m.get("mark")).isPositive();
    }
  }

  static BigDecimal px(BigDecimal v) {
    return v.setScale(
        1, RoundingMode.HALF_UP); // the demo's BTC trades in the hundreds: 5 significant figures
  }
}
