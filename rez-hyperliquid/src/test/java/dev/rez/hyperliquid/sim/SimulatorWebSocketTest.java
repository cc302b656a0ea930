package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.HyperliquidStream;
import dev.rez.hyperliquid.OrderStatus;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket API, through Rez's own stream client and through the JDK's WebSocket. */
class SimulatorWebSocketTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex(SimHttp.KEY);

  /** The address the synthetic book trades under. */
  static final String BOOK = "0x0000000000000000000000000000000000000000";

  HyperliquidSimulator sim;

  static Candle c(int i, double o, double h, double l, double cl) {
    return new Candle(T0.plusSeconds(60L * i), Interval.M1, o, h, l, cl, 5);
  }

  @BeforeEach
  void start() {
    sim =
        HyperliquidSimulator.builder()
            .candles(
                "BTC",
                List.of(
                    c(0, 100, 101, 99, 100), c(1, 100, 106, 99, 105), c(2, 105, 105, 104, 104.5)),
                3,
                50)
            .history(1)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void theStreamClientReceivesMidsCandlesFillsAndOrderUpdates() throws Exception {
    BlockingQueue<Map<Asset, BigDecimal>> mids = new LinkedBlockingQueue<>();
    BlockingQueue<Candle> candles = new LinkedBlockingQueue<>();
    BlockingQueue<List<Fill>> fills = new LinkedBlockingQueue<>();
    BlockingQueue<List<OrderStatus>> updates = new LinkedBlockingQueue<>();
    try (HyperliquidStream stream = HyperliquidStream.builder().url(sim.webSocketUrl()).build()) {
      stream.mids(mids::add);
      stream.candles(BTC, Interval.M1, candles::add);
      stream.userFills(KEY.address(), false, fills::add);
      stream.orderUpdates(KEY.address(), updates::add);
      assertThat(mids.poll(5, TimeUnit.SECONDS)).containsEntry(BTC, new BigDecimal("100.0"));
      assertThat(candles.poll(5, TimeUnit.SECONDS).close()).isEqualTo(100.0);
      Thread.sleep(300); // let the subscriptions settle before trading

      HyperliquidExchange hl =
          HyperliquidExchange.builder().baseUrl(sim.baseUrl()).signer(KEY).build();
      hl.place(
          List.of(
              new OrderRequest(
                  BTC,
                  Side.BUY,
                  BigDecimal.ONE,
                  new BigDecimal("99.5"),
                  TimeInForce.GTC,
                  false,
                  ClientOrderId.derive("ws"))));
      List<OrderStatus> opened = updates.poll(5, TimeUnit.SECONDS);
      assertThat(opened).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo("open"));

      sim.advance(); // candle 1 dips to 99: the bid at 99.5 fills, the mid moves to 105
      assertThat(fills.poll(5, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(f -> assertThat(f.price()).isEqualByComparingTo("99.5"));
      assertThat(updates.poll(5, TimeUnit.SECONDS))
          .singleElement()
          .satisfies(o -> assertThat(o.status()).isEqualTo("filled"));
      Map<Asset, BigDecimal> moved = null;
      for (int i = 0;
          i < 10 && (moved == null || moved.get(BTC).compareTo(new BigDecimal("105")) != 0);
          i++) moved = mids.poll(5, TimeUnit.SECONDS);
      assertThat(moved).containsEntry(BTC, new BigDecimal("105.0"));
    }
  }

  /**
   * A JDK WebSocket to the simulator that adds every text message it receives to {@code frames}.
   */
  private WebSocket open(BlockingQueue<String> frames) throws Exception {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            URI.create(sim.webSocketUrl()),
            new WebSocket.Listener() {
              final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(
                  WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  frames.add(partial.toString());
                  partial.setLength(0);
                }
                webSocket.request(1);
                return null;
              }
            })
        .get(5, TimeUnit.SECONDS);
  }

  /** Sends a subscribe request for {@code subscription} (its JSON) on {@code ws}. */
  private static void subscribe(WebSocket ws, String subscription) throws Exception {
    ws.sendText("{\"method\":\"subscribe\",\"subscription\":" + subscription + "}", true)
        .get(5, TimeUnit.SECONDS);
  }

  /**
   * Subscribes {@code ws} to the per-user {@code type} of the funded account ({@code extra}: more
   * fields, e.g. {@code ,"aggregateByTime":true}) and returns the data of its first message, which
   * must be a snapshot.
   */
  private static Map<String, Object> snapshot(
      WebSocket ws, BlockingQueue<String> frames, String type, String extra) throws Exception {
    subscribe(ws, "{\"type\":\"" + type + "\",\"user\":\"" + SimHttp.ADDRESS + "\"" + extra + "}");
    Map<String, Object> data = Json.object(next(frames, type).get("data"), "snapshot");
    assertThat(data).containsEntry("isSnapshot", true).containsEntry("user", SimHttp.ADDRESS);
    return data;
  }

  /** The next message of {@code channel}, skipping others; fails after a generous deadline. */
  private static Map<String, Object> next(BlockingQueue<String> frames, String channel)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      String frame = frames.poll(250, TimeUnit.MILLISECONDS);
      if (frame == null || !frame.startsWith("{")) continue;
      Map<String, Object> m = Json.object(Json.parse(frame), "message");
      if (channel.equals(m.get("channel"))) return m;
    }
    throw new AssertionError("no " + channel + " message within 15 s");
  }

  @Test
  void aSubscriptionToAnUnknownCoinIsRefusedAndOthersKeepPublishing() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    ws.sendText(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"ETH\"}}",
            true)
        .get(5, TimeUnit.SECONDS);
    assertThat(next(frames, "error"))
        .containsEntry("data", "Invalid subscription {\"type\":\"l2Book\",\"coin\":\"ETH\"}");
    ws.sendText("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\"}}", true)
        .get(5, TimeUnit.SECONDS);
    assertThat(next(frames, "error"))
        .containsEntry("data", "Invalid subscription {\"type\":\"l2Book\"}");
    ws.sendText("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}", true)
        .get(5, TimeUnit.SECONDS);
    assertThat(Json.object(next(frames, "subscriptionResponse").get("data"), "ack"))
        .containsEntry("subscription", Map.of("type", "allMids"));
    assertThat(next(frames, "allMids").get("data"))
        .isEqualTo(Map.of("mids", Map.of("BTC", "100.0")));

    sim.advance(); // the mid moves to 105, and the update is published
    assertThat(next(frames, "allMids").get("data"))
        .isEqualTo(Map.of("mids", Map.of("BTC", "105.0")));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void userFillsKeepComingAfterAResetAndTradeIdsStayUnique() throws Exception {
    SimHttp http = new SimHttp(sim.baseUrl());
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    subscribe(ws, "{\"type\":\"userFills\",\"user\":\"" + SimHttp.ADDRESS + "\"}");
    assertThat(Json.object(next(frames, "userFills").get("data"), "d"))
        .containsEntry("isSnapshot", true);
    Map<String, Object> buy =
        SimHttp.order(List.of(SimHttp.limit(0, true, "101", "1", false, "Ioc", null)), "na");
    http.exchange(KEY, buy);
    Object before = tid(next(frames, "userFills"));

    assertThat(http.post("/sim/reset", "{}").statusCode()).isEqualTo(200);
    http.exchange(KEY, buy);
    Object after = tid(next(frames, "userFills"));
    assertThat(after).isNotEqualTo(before);
    assertThat(
            Json.object(
                    Json.array(http.info(Map.of("type", "userFills", "user", SimHttp.ADDRESS)), "f")
                        .getFirst(),
                    "fill")
                .get("tid"))
        .isEqualTo(after);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void everyFillIsAPublicTradeAgainstTheBook() throws Exception {
    SimHttp http = new SimHttp(sim.baseUrl());
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    subscribe(ws, "{\"type\":\"trades\",\"coin\":\"BTC\"}");
    assertThat(Json.object(next(frames, "subscriptionResponse").get("data"), "ack"))
        .containsEntry("subscription", Map.of("type", "trades", "coin", "BTC"));
    // A buy that takes the ask, then a bid that rests and is filled when candle 1 dips to 99.
    http.exchange(
        KEY, SimHttp.order(List.of(SimHttp.limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    List<Object> taken = Json.array(next(frames, "trades").get("data"), "trades");
    Map<String, Object> fill =
        Json.object(
            Json.array(http.info(Map.of("type", "userFills", "user", SimHttp.ADDRESS)), "fills")
                .getFirst(),
            "fill");
    assertThat(taken)
        .singleElement()
        .isEqualTo(
            Map.of(
                "coin", "BTC",
                "side", "B",
                "px", fill.get("px"),
                "sz", "1.0",
                "time", fill.get("time"),
                "hash", fill.get("hash"),
                "tid", fill.get("tid"),
                "users", List.of(SimHttp.ADDRESS, BOOK)));
    http.exchange(
        KEY, SimHttp.order(List.of(SimHttp.limit(0, false, "105", "1", false, "Gtc", null)), "na"));
    sim.advance(); // candle 1 reaches 106: the resting ask at 105 is taken by the book's buyer
    Map<String, Object> made =
        Json.object(Json.array(next(frames, "trades").get("data"), "trades").getFirst(), "trade");
    assertThat(made)
        .containsEntry("side", "B")
        .containsEntry("px", "105.0")
        .containsEntry("users", List.of(BOOK, SimHttp.ADDRESS));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void webData2PublishesTheInfoAnswerAndAgainWhenTheAccountChanges() throws Exception {
    SimHttp http = new SimHttp(sim.baseUrl());
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    subscribe(ws, "{\"type\":\"webData2\",\"user\":\"" + SimHttp.ADDRESS + "\"}");
    assertThat(next(frames, "webData2").get("data"))
        .isEqualTo(http.info(Map.of("type", "webData2", "user", SimHttp.ADDRESS)));

    http.exchange(
        KEY, SimHttp.order(List.of(SimHttp.limit(0, true, "99", "1", false, "Gtc", null)), "na"));
    Map<String, Object> data = Json.object(next(frames, "webData2").get("data"), "webData2");
    assertThat(Json.array(data.get("openOrders"), "openOrders"))
        .singleElement()
        .satisfies(o -> assertThat(Json.object(o, "order")).containsEntry("limitPx", "99.0"));
    assertThat(data).containsEntry("user", SimHttp.ADDRESS);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void theWebFrontendsComponentSubscriptionsCarryTheInfoAnswers() throws Exception {
    SimHttp http = new SimHttp(sim.baseUrl());
    http.exchange(
        KEY, SimHttp.order(List.of(SimHttp.limit(0, true, "99", "1", false, "Gtc", null)), "na"));
    String user = "\"user\":\"" + SimHttp.ADDRESS + "\"";
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    Object state = http.info(Map.of("type", "clearinghouseState", "user", SimHttp.ADDRESS));
    Object orders = http.info(Map.of("type", "frontendOpenOrders", "user", SimHttp.ADDRESS));
    Object ctxs =
        Json.array(http.info(Map.of("type", "metaAndAssetCtxs")), "metaAndAssetCtxs").get(1);

    subscribe(ws, "{\"type\":\"clearinghouseState\"," + user + "}");
    assertThat(next(frames, "clearinghouseState").get("data"))
        .isEqualTo(Map.of("dex", "", "user", SimHttp.ADDRESS, "clearinghouseState", state));
    subscribe(ws, "{\"type\":\"openOrders\"," + user + ",\"dex\":\"\"}");
    assertThat(next(frames, "openOrders").get("data"))
        .isEqualTo(Map.of("dex", "", "user", SimHttp.ADDRESS, "orders", orders));
    subscribe(ws, "{\"type\":\"assetCtxs\"}");
    assertThat(next(frames, "assetCtxs").get("data")).isEqualTo(Map.of("dex", "", "ctxs", ctxs));
    subscribe(ws, "{\"type\":\"allDexsAssetCtxs\"}");
    assertThat(next(frames, "allDexsAssetCtxs").get("data"))
        .isEqualTo(Map.of("ctxs", List.of(List.of("", ctxs))));
    subscribe(ws, "{\"type\":\"allDexsClearinghouseState\"," + user + "}");
    assertThat(next(frames, "allDexsClearinghouseState").get("data"))
        .isEqualTo(
            Map.of("user", SimHttp.ADDRESS, "clearinghouseStates", List.of(List.of("", state))));
    subscribe(ws, "{\"type\":\"spotState\"," + user + "}");
    assertThat(next(frames, "spotState").get("data"))
        .isEqualTo(Map.of("user", SimHttp.ADDRESS, "spotState", Map.of("balances", List.of())));
    subscribe(ws, "{\"type\":\"twapStates\"," + user + "}");
    assertThat(next(frames, "twapStates").get("data"))
        .isEqualTo(Map.of("dex", "", "user", SimHttp.ADDRESS, "states", List.of()));
    subscribe(ws, "{\"type\":\"webData3\"," + user + "}");
    Map<String, Object> web = Json.object(next(frames, "webData3").get("data"), "webData3");
    Map<String, Object> web2 =
        Json.object(http.info(Map.of("type", "webData2", "user", SimHttp.ADDRESS)), "webData2");
    assertThat(Json.object(web.get("userState"), "userState"))
        .containsEntry("user", SimHttp.ADDRESS)
        .containsEntry("cumLedger", web2.get("cumLedger"))
        .containsEntry("serverTime", web2.get("serverTime"))
        .containsEntry("agentAddress", null)
        .containsEntry("isVault", false);
    assertThat(web.get("perpDexStates"))
        .isEqualTo(
            List.of(
                Map.of(
                    "totalVaultEquity",
                    "0.0",
                    "perpsAtOpenInterestCap",
                    List.of(),
                    "leadingVaults",
                    List.of())));

    // The order history: a snapshot, then the orders that changed.
    subscribe(ws, "{\"type\":\"userHistoricalOrders\"," + user + "}");
    assertThat(next(frames, "userHistoricalOrders").get("data"))
        .isEqualTo(
            Map.of(
                "isSnapshot",
                true,
                "user",
                SimHttp.ADDRESS,
                "orderHistory",
                http.info(Map.of("type", "historicalOrders", "user", SimHttp.ADDRESS))));
    long oid = sim.snapshot(KEY.address()).orders().getFirst().oid();
    Map<String, Object> cancel = new java.util.LinkedHashMap<>();
    cancel.put("type", "cancel");
    Map<String, Object> one = new java.util.LinkedHashMap<>();
    one.put("a", 0);
    one.put("o", oid);
    cancel.put("cancels", List.of(one));
    http.exchange(KEY, cancel);
    List<Object> changed =
        Json.array(
            Json.object(next(frames, "userHistoricalOrders").get("data"), "update")
                .get("orderHistory"),
            "orderHistory");
    assertThat(changed)
        .singleElement()
        .satisfies(o -> assertThat(Json.object(o, "order")).containsEntry("status", "canceled"));
    // No TWAP orders or notifications exist here: empty snapshots, and no message at all.
    subscribe(ws, "{\"type\":\"userTwapSliceFills\"," + user + "}");
    assertThat(next(frames, "userTwapSliceFills").get("data"))
        .isEqualTo(
            Map.of("isSnapshot", true, "user", SimHttp.ADDRESS, "twapSliceFills", List.of()));
    subscribe(ws, "{\"type\":\"userTwapHistory\"," + user + "}");
    assertThat(next(frames, "userTwapHistory").get("data"))
        .isEqualTo(Map.of("isSnapshot", true, "user", SimHttp.ADDRESS, "history", List.of()));
    subscribe(ws, "{\"type\":\"notification\"," + user + "}");
    assertThat(Json.object(next(frames, "subscriptionResponse").get("data"), "ack"))
        .containsEntry("subscription", Map.of("type", "notification", "user", SimHttp.ADDRESS));

    // Another perp dex than the first does not exist here.
    subscribe(ws, "{\"type\":\"clearinghouseState\"," + user + ",\"dex\":\"xyz\"}");
    assertThat((String) next(frames, "error").get("data")).startsWith("Invalid subscription");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  /** The trade id of the one fill of a userFills message. */
  private static Object tid(Map<String, Object> userFills) {
    List<Object> fills =
        Json.array(Json.object(userFills.get("data"), "data").get("fills"), "fills");
    assertThat(fills).hasSize(1);
    return Json.object(fills.getFirst(), "fill").get("tid");
  }

  @Test
  void pingAndPostRequestsAnswerOnTheSocket() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("Websocket connection established.");
    ws.sendText("{\"method\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
    assertThat(frames.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"channel\":\"pong\"}");
    ws.sendText(
            "{\"method\":\"post\",\"id\":7,\"request\":{\"type\":\"info\",\"payload\":{\"type\":\"allMids\"}}}",
            true)
        .get(5, TimeUnit.SECONDS);
    assertThat(Json.parse(frames.poll(5, TimeUnit.SECONDS)))
        .isEqualTo(
            Map.of(
                "channel",
                "post",
                "data",
                Map.of(
                    "id",
                    BigDecimal.valueOf(7),
                    "response",
                    Map.of(
                        "type",
                        "info",
                        "payload",
                        Map.of("type", "allMids", "data", Map.of("BTC", "100.0"))))));
    ws.sendText(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"explorerBlock\",\"user\":\"0x01\"}}",
            true)
        .get(5, TimeUnit.SECONDS);
    assertThat(frames.poll(5, TimeUnit.SECONDS))
        .isEqualTo(
            "{\"channel\":\"error\",\"data\":\"Invalid subscription {\\\"type\\\":\\\"explorerBlock\\\",\\\"user\\\":\\\"0x01\\\"}\"}");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  /**
   * The official Python SDK derives its WebSocket URL from its REST base URL (base + {@code /ws}),
   * as Hyperliquid serves both on one host: the WebSocket port answers REST too, so that one base
   * URL serves both.
   */
  @Test
  void theWebSocketPortAlsoAnswersRestSoOneBaseUrlServesBoth() throws Exception {
    String wsUrl = sim.webSocketUrl();
    String base = "http" + wsUrl.substring("ws".length(), wsUrl.length() - "/ws".length());
    SimHttp http = new SimHttp(base);
    assertThat(http.info(Map.of("type", "allMids"))).isEqualTo(Map.of("BTC", "100.0"));
    // A second request on the same client (a kept-alive connection), signed and checked as on the
    // REST port.
    Map<String, Object> bid =
        SimHttp.order(List.of(SimHttp.limit(0, true, "99", "1", false, "Gtc", null)), "na");
    assertThat(http.exchange(KEY, bid).toString()).contains("resting");
    assertThat(sim.snapshot(KEY.address()).orders())
        .singleElement()
        .satisfies(o -> assertThat(o.isLive()).isTrue());
    assertThat(http.post("/nowhere", "{}").statusCode()).isEqualTo(404);
    assertThat(http.post("/info", "{\"type\":").statusCode()).isEqualTo(422);

    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    subscribe(ws, "{\"type\":\"allMids\"}");
    assertThat(next(frames, "allMids").get("data"))
        .isEqualTo(Map.of("mids", Map.of("BTC", "100.0")));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void aPlainRequestForTheWebSocketPathIsRefused() throws Exception {
    String wsUrl = sim.webSocketUrl();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http" + wsUrl.substring(2)))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("WebSocket upgrade");
  }

  @Test
  void bboActiveAssetCtxAndActiveAssetDataFollowTheMarket() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    subscribe(ws, "{\"type\":\"bbo\",\"coin\":\"BTC\"}");
    subscribe(ws, "{\"type\":\"activeAssetCtx\",\"coin\":\"BTC\"}");
    SimHttp http = new SimHttp(sim.baseUrl());
    Map<String, Object> book =
        Json.object(http.info(Map.of("type", "l2Book", "coin", "BTC")), "book");
    List<Object> levels = Json.array(book.get("levels"), "levels");

    Map<String, Object> bbo = Json.object(next(frames, "bbo").get("data"), "bbo");
    assertThat(bbo).containsEntry("coin", "BTC").containsEntry("time", book.get("time"));
    assertThat(Json.array(bbo.get("bbo"), "bbo"))
        .containsExactly(
            Json.array(levels.get(0), "bids").getFirst(),
            Json.array(levels.get(1), "asks").getFirst());
    Map<String, Object> ctx = Json.object(next(frames, "activeAssetCtx").get("data"), "ctx");
    assertThat(ctx).containsEntry("coin", "BTC");
    assertThat(Json.object(ctx.get("ctx"), "ctx"))
        .containsEntry("markPx", "100.0")
        .containsEntry("oraclePx", "100.0")
        .containsKeys("funding", "openInterest", "prevDayPx", "dayNtlVlm");

    subscribe(
        ws, "{\"type\":\"activeAssetData\",\"user\":\"" + SimHttp.ADDRESS + "\",\"coin\":\"BTC\"}");
    assertThat(next(frames, "activeAssetData").get("data"))
        .isEqualTo(
            http.info(Map.of("type", "activeAssetData", "user", SimHttp.ADDRESS, "coin", "BTC")));

    sim.advance(); // the mid moves to 105: both channels publish again
    Map<String, Object> moved = Json.object(next(frames, "bbo").get("data"), "bbo");
    Map<String, Object> bid = Json.object(Json.array(moved.get("bbo"), "bbo").getFirst(), "bid");
    assertThat(new BigDecimal((String) bid.get("px")))
        .isBetween(new BigDecimal("104"), new BigDecimal("105"));
    assertThat(
            Json.object(
                Json.object(next(frames, "activeAssetCtx").get("data"), "c").get("ctx"), "ctx"))
        .containsEntry("markPx", "105.0");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  /** Hourly funding reaches {@code userFundings} and, one payment an event, {@code userEvents}. */
  @Test
  void fundingPaymentsArePublishedToUserFundingsAndUserEvents() throws Exception {
    sim.close();
    sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 100, 3, 50)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    assertThat(snapshot(ws, frames, "userFundings", "")).containsEntry("fundings", List.of());
    // After userFundings: each round publishes in subscription order, so the user event comes last.
    subscribe(ws, "{\"type\":\"userEvents\",\"user\":\"" + SimHttp.ADDRESS + "\"}");
    SimHttp http = new SimHttp(sim.baseUrl());
    http.exchange(
        KEY, SimHttp.order(List.of(SimHttp.limit(0, true, "110", "1", false, "Ioc", null)), "na"));
    assertThat(Json.object(next(frames, "user").get("data"), "fills")).containsKey("fills");

    sim.advance(61); // at least one hour boundary: the long pays funding
    List<Object> paid =
        Json.array(
            Json.object(next(frames, "userFundings").get("data"), "update").get("fundings"),
            "fundings");
    List<Object> ledger =
        Json.array(
            http.info(Map.of("type", "userFunding", "user", SimHttp.ADDRESS, "startTime", 0)),
            "ledger");
    // A publishing round may fall between two candles of the advance: the first update carries
    // the payments made so far, the oldest first.
    assertThat(paid).isNotEmpty();
    assertThat(ledger.size()).isGreaterThanOrEqualTo(paid.size());
    Map<String, Object> first = Json.object(paid.getFirst(), "funding");
    Map<String, Object> delta = Json.object(Json.object(ledger.getFirst(), "l").get("delta"), "d");
    assertThat(first)
        .containsOnlyKeys("time", "coin", "usdc", "szi", "fundingRate", "nSamples")
        .containsEntry("nSamples", null)
        .containsEntry("coin", "BTC")
        .containsEntry("usdc", delta.get("usdc"))
        .containsEntry("szi", delta.get("szi"))
        .containsEntry("fundingRate", "0.0000125")
        .containsEntry("time", Json.object(ledger.getFirst(), "l").get("time"));
    assertThat(new BigDecimal((String) first.get("usdc"))).isNegative();
    assertThat(Json.object(next(frames, "user").get("data"), "event"))
        .isEqualTo(Map.of("funding", first));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void aUserFillsSubscriptionWithAggregateByTimeSendsOneFillPerCrossingOrder() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    snapshot(ws, frames, "userFills", ",\"aggregateByTime\":true");
    new SimHttp(sim.baseUrl())
        .exchange(
            KEY,
            SimHttp.order(
                List.of(SimHttp.limit(0, true, "101", "1500", false, "Ioc", null)), "na"));
    List<Object> fills =
        Json.array(Json.object(next(frames, "userFills").get("data"), "d").get("fills"), "fills");
    assertThat(fills)
        .singleElement()
        .satisfies(f -> assertThat(Json.object(f, "f")).containsEntry("sz", "1500.0"));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  @Test
  void depositsArePublishedToUserNonFundingLedgerUpdates() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    assertThat(onlyDelta(snapshot(ws, frames, "userNonFundingLedgerUpdates", "")))
        .isEqualTo(Map.of("type", "deposit", "usdc", "10000.0"));

    new SimHttp(sim.baseUrl())
        .post("/sim/fund", "{\"user\":\"" + SimHttp.ADDRESS + "\",\"usd\":\"500\"}");
    Map<String, Object> update =
        Json.object(next(frames, "userNonFundingLedgerUpdates").get("data"), "d");
    assertThat(update).doesNotContainKey("isSnapshot");
    assertThat(onlyDelta(update)).isEqualTo(Map.of("type", "deposit", "usdc", "500.0"));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }

  /** The delta of the one ledger update a userNonFundingLedgerUpdates message must carry. */
  private static Object onlyDelta(Map<String, Object> data) {
    List<Object> updates = Json.array(data.get("nonFundingLedgerUpdates"), "updates");
    assertThat(updates).hasSize(1);
    return Json.object(updates.getFirst(), "update").get("delta");
  }

  /** The stop-loss the exchange cancels when its take-profit sibling fills is a nonUserCancel. */
  @Test
  void aSiblingCancelledByTheExchangeIsANonUserCancelEvent() throws Exception {
    BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket ws = open(frames);
    subscribe(ws, "{\"type\":\"userEvents\",\"user\":\"" + SimHttp.ADDRESS + "\"}");
    next(frames, "subscriptionResponse");
    SimHttp http = new SimHttp(sim.baseUrl());
    http.exchange(
        KEY,
        SimHttp.order(
            List.of(
                SimHttp.limit(0, true, "101", "1", false, "Ioc", null),
                SimHttp.trigger(0, false, "105", "1", "tp"),
                SimHttp.trigger(0, false, "95", "1", "sl")),
            "normalTpsl"));
    Object stopLoss = null;
    for (Object o :
        Json.array(
            http.info(Map.of("type", "frontendOpenOrders", "user", SimHttp.ADDRESS)), "open")) {
      if ("95.0".equals(Json.object(o, "o").get("triggerPx")))
        stopLoss = Json.object(o, "o").get("oid");
    }
    assertThat(stopLoss).isNotNull();

    sim.advance(); // candle 1 reaches 106: the take-profit fills, the stop-loss is cancelled
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Map<String, Object> event = Map.of();
    while (!event.containsKey("nonUserCancel") && System.nanoTime() < deadline)
      event = Json.object(next(frames, "user").get("data"), "event");
    assertThat(event)
        .isEqualTo(Map.of("nonUserCancel", List.of(Map.of("coin", "BTC", "oid", stopLoss))));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
  }
}
