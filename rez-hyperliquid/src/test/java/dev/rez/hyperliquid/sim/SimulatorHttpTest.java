package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.SimHttp.ADDRESS;
import static dev.rez.hyperliquid.sim.SimHttp.limit;
import static dev.rez.hyperliquid.sim.SimHttp.order;
import static dev.rez.hyperliquid.sim.SimHttp.statuses;
import static dev.rez.hyperliquid.sim.SimHttp.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorHttpTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex(SimHttp.KEY);
  static final PrivateKeySigner OTHER = PrivateKeySigner.fromHex("0x" + "11".repeat(32));

  HyperliquidSimulator sim;
  SimHttp http;

  static Candle c(int i, double o, double h, double l, double cl) {
    return new Candle(T0.plusSeconds(60L * i), Interval.M1, o, h, l, cl, 5);
  }

  @BeforeEach
  void start() {
    List<Candle> btc = new ArrayList<>();
    btc.add(c(0, 100, 100, 100, 100));
    btc.add(c(1, 100, 106, 99, 105));
    btc.add(c(2, 105, 105, 94, 95));
    btc.add(c(3, 95, 96, 94, 95));
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", btc, 3, 50)
            .history(1)
            .afterReplay(AfterReplay.STOP)
            .fund(ADDRESS, new BigDecimal("10000"))
            .start();
    http = new SimHttp(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void unknownSignerIsRejectedWithTheExchangesText() throws Exception {
    Map<String, Object> r =
        http.exchange(OTHER, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    assertThat(r)
        .containsEntry("status", "err")
        .containsEntry(
            "response",
            "L1 error: User or API Wallet " + OTHER.address().toLowerCase() + " does not exist.");
  }

  @Test
  void aTamperedActionRecoversToAnotherAddress() throws Exception {
    Map<String, Object> signedAction =
        order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na");
    long nonce = http.nextNonce();
    var sig =
        dev.rez.hyperliquid.Signing.signL1Action(
            KEY, signedAction, nonce, null, null, dev.rez.hyperliquid.Network.TESTNET);
    Map<String, Object> sent = order(List.of(limit(0, true, "101", "2", false, "Ioc", null)), "na");
    HttpResponse<String> r = http.post("/exchange", SimHttp.envelope(sent, nonce, sig));
    assertThat(r.body())
        .startsWith("{\"status\":\"err\",\"response\":\"L1 error: User or API Wallet 0x")
        .doesNotContain(ADDRESS);
    assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("10000");
  }

  @Test
  void iocOrderFillsAndEveryInfoViewShowsIt() throws Exception {
    Map<String, Object> r =
        http.exchange(
            KEY,
            order(
                List.of(
                    limit(0, true, "101", "1", false, "Ioc", "0x00000000000000000000000000000001")),
                "na"));
    assertThat(r).containsEntry("status", "ok");
    Map<String, Object> filled =
        Json.object(Json.object(statuses(r).getFirst(), "s").get("filled"), "filled");
    assertThat(filled)
        .containsEntry("totalSz", "1.0")
        .containsEntry("avgPx", "100.0")
        .containsEntry("cloid", "0x00000000000000000000000000000001");
    long oid = ((BigDecimal) filled.get("oid")).longValueExact();

    Map<String, Object> state =
        Json.object(http.info(Map.of("type", "clearinghouseState", "user", ADDRESS)), "state");
    Map<String, Object> pos =
        Json.object(
            Json.object(Json.array(state.get("assetPositions"), "ap").getFirst(), "p")
                .get("position"),
            "pos");
    assertThat(pos)
        .containsEntry("coin", "BTC")
        .containsEntry("szi", "1.0")
        .containsEntry("entryPx", "100.0")
        .containsEntry("unrealizedPnl", "0.0")
        .containsEntry("marginUsed", "5.0");
    assertThat(Json.object(state.get("marginSummary"), "ms"))
        .containsEntry("accountValue", "9999.955");

    List<Object> fills =
        Json.array(http.info(Map.of("type", "userFills", "user", ADDRESS)), "fills");
    assertThat(fills).hasSize(1);
    assertThat(Json.object(fills.getFirst(), "f"))
        .containsEntry("px", "100.0")
        .containsEntry("fee", "0.045")
        .containsEntry("dir", "Open Long")
        .containsEntry("crossed", true)
        .containsEntry("side", "B");

    Map<String, Object> byCloid =
        Json.object(
            http.info(
                Map.of(
                    "type",
                    "orderStatus",
                    "user",
                    ADDRESS,
                    "oid",
                    "0x00000000000000000000000000000001")),
            "s");
    assertThat(byCloid).containsEntry("status", "order");
    assertThat(Json.object(byCloid.get("order"), "o")).containsEntry("status", "filled");
    Map<String, Object> byOid =
        Json.object(http.info(Map.of("type", "orderStatus", "user", ADDRESS, "oid", oid)), "s");
    assertThat(Json.object(Json.object(byOid.get("order"), "o").get("order"), "o"))
        .containsEntry("oid", BigDecimal.valueOf(oid));
    assertThat(http.info(Map.of("type", "orderStatus", "user", ADDRESS, "oid", 1)))
        .isEqualTo(Map.of("status", "unknownOid"));
  }

  @Test
  void restingOrdersAndTriggersShowInOpenOrdersAndFrontendOpenOrders() throws Exception {
    Map<String, Object> r =
        http.exchange(
            KEY,
            order(
                List.of(
                    limit(0, true, "99", "1", false, "Gtc", null),
                    trigger(0, false, "110", "1", "tp"),
                    trigger(0, false, "90", "1", "sl")),
                "normalTpsl"));
    assertThat(statuses(r)).hasSize(3);
    assertThat(statuses(r).get(0))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsKey("resting");
    assertThat(statuses(r).subList(1, 3)).containsExactly("waitingForFill", "waitingForFill");

    List<Object> open =
        Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open");
    assertThat(open).hasSize(1);
    assertThat(Json.object(open.getFirst(), "o"))
        .containsEntry("limitPx", "99.0")
        .containsEntry("side", "B")
        .containsEntry("coin", "BTC");
    List<Object> frontend =
        Json.array(http.info(Map.of("type", "frontendOpenOrders", "user", ADDRESS)), "fo");
    Map<String, Object> parent = Json.object(frontend.getFirst(), "p");
    assertThat(parent)
        .containsEntry("orderType", "Limit")
        .containsEntry("tif", "Gtc")
        .containsEntry("isTrigger", false);
    List<Object> children = Json.array(parent.get("children"), "children");
    assertThat(children).hasSize(2);
    assertThat(Json.object(children.getFirst(), "c"))
        .containsEntry("orderType", "Take Profit Market")
        .containsEntry("triggerCondition", "Price above 110")
        .containsEntry("isTrigger", true)
        .containsEntry("reduceOnly", true);

    // candle 1 dips to 99: the parent fills as maker and the children become live triggers
    sim.advance();
    frontend = Json.array(http.info(Map.of("type", "frontendOpenOrders", "user", ADDRESS)), "fo");
    assertThat(frontend)
        .hasSize(2)
        .allSatisfy(o -> assertThat(Json.object(o, "o")).containsEntry("isTrigger", true));
    Map<String, Object> fill =
        Json.object(
            Json.array(http.info(Map.of("type", "userFills", "user", ADDRESS)), "f").getFirst(),
            "f");
    assertThat(fill)
        .containsEntry("px", "99.0")
        .containsEntry("crossed", false)
        .containsEntry("fee", "0.01485");

    // candle 2 falls to 94: the stop at 90 holds; candle 3 does not reach it either
    sim.advance();
    assertThat(Json.array(http.info(Map.of("type", "frontendOpenOrders", "user", ADDRESS)), "fo"))
        .hasSize(2);
  }

  @Test
  void openOrdersListsNewestFirstInBothShapes() throws Exception {
    String cloid = "0x000000000000000000000000000000bb";
    http.exchange(
        KEY,
        order(
            List.of(
                limit(0, true, "98", "1", false, "Gtc", null),
                limit(0, true, "97", "1", false, "Gtc", cloid),
                limit(0, true, "96", "1", false, "Gtc", null)),
            "na"));
    List<Object> open =
        Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open");
    List<Object> frontend =
        Json.array(http.info(Map.of("type", "frontendOpenOrders", "user", ADDRESS)), "fo");
    assertThat(open)
        .extracting(o -> Json.object(o, "o").get("limitPx"))
        .containsExactly("96.0", "97.0", "98.0");
    assertThat(frontend)
        .extracting(o -> Json.object(o, "o").get("oid"))
        .containsExactlyElementsOf(open.stream().map(o -> Json.object(o, "o").get("oid")).toList());
    Map<String, Object> withCloid = Json.object(open.get(1), "o");
    assertThat(withCloid)
        .containsEntry("cloid", cloid)
        .containsEntry("origSz", "1.0")
        .doesNotContainKey("reduceOnly") // present only when true, as on the exchange
        .doesNotContainKey("isTrigger");
    assertThat(Json.object(open.getFirst(), "o")).doesNotContainKey("cloid");
    assertThat(Json.object(frontend.get(1), "o"))
        .containsEntry("cloid", cloid)
        .containsEntry("isTrigger", false)
        .containsEntry("tif", "Gtc");
  }

  @Test
  void perOrderRejectionsCarryTheExchangesTexts() throws Exception {
    Map<String, Object> r =
        http.exchange(
            KEY,
            order(
                List.of(
                    limit(0, true, "100.0001", "1", false, "Gtc", null),
                    limit(0, true, "123.456", "1", false, "Gtc", null),
                    limit(0, true, "99", "0.0001", false, "Gtc", null),
                    limit(0, true, "99", "0.1", false, "Gtc", null),
                    limit(0, false, "99", "1", true, "Ioc", null),
                    limit(0, true, "99", "5000", false, "Gtc", null),
                    limit(7, true, "99", "1", false, "Gtc", null),
                    limit(0, true, "100.02", "1", false, "Alo", null),
                    limit(0, true, "95", "1", false, "Ioc", null)),
                "na"));
    assertThat(r).containsEntry("status", "ok");
    assertThat(statuses(r))
        .extracting(s -> Json.object(s, "s").get("error"))
        .containsExactly(
            "Price must be divisible by tick size.",
            "Price must be divisible by tick size.",
            "Order has invalid size.",
            "Order must have minimum value of $10.",
            "Reduce only order would increase position.",
            "Insufficient margin to place order.",
            "Order has invalid asset: 7.",
            "Post only order would have immediately matched, bbo was 99.99@100.01.",
            "Order could not immediately match against any resting orders.");
  }

  @Test
  void nonceReplayAndStaleNoncesAreRejected() throws Exception {
    long nonce = http.nextNonce();
    Map<String, Object> action =
        order(List.of(limit(0, true, "99", "1", false, "Gtc", null)), "na");
    assertThat(http.exchange(KEY, action, nonce)).containsEntry("status", "ok");
    assertThat(http.exchange(KEY, action, nonce))
        .containsEntry("status", "err")
        .containsEntry("response", "Invalid nonce: duplicate nonce " + nonce);
    long stale = System.currentTimeMillis() - 3 * 86_400_000L;
    assertThat((String) http.exchange(KEY, action, stale).get("response"))
        .startsWith("Invalid nonce: nonce " + stale);
    assertThat(Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open"))
        .hasSize(1);
  }

  @Test
  void webData2GathersTheAccountAndTheMarketsAsTheWebFrontendReadsThem() throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "99", "1", false, "Gtc", null)), "na"));
    http.approveAgent(KEY, OTHER.address());
    Map<String, Object> web =
        Json.object(http.info(Map.of("type", "webData2", "user", ADDRESS)), "webData2");
    assertThat(web.keySet())
        .containsExactly(
            "clearinghouseState",
            "leadingVaults",
            "totalVaultEquity",
            "openOrders",
            "agentAddress",
            "agentValidUntil",
            "cumLedger",
            "meta",
            "assetCtxs",
            "serverTime",
            "isVault",
            "user",
            "twapStates",
            "spotState",
            "spotAssetCtxs",
            "perpsAtOpenInterestCap");
    // The parts are the answers of the info requests of their own.
    assertThat(web.get("clearinghouseState"))
        .isEqualTo(http.info(Map.of("type", "clearinghouseState", "user", ADDRESS)));
    assertThat(web.get("openOrders"))
        .isEqualTo(http.info(Map.of("type", "frontendOpenOrders", "user", ADDRESS)))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .hasSize(1);
    assertThat(web.get("meta")).isEqualTo(http.info(Map.of("type", "meta")));
    assertThat(web.get("assetCtxs"))
        .isEqualTo(
            Json.array(http.info(Map.of("type", "metaAndAssetCtxs")), "metaAndAssetCtxs").get(1));
    assertThat(web.get("serverTime"))
        .isEqualTo(Json.object(http.info(Map.of("type", "exchangeStatus")), "status").get("time"));
    assertThat(web)
        .containsEntry("user", ADDRESS)
        .containsEntry("agentAddress", OTHER.address().toLowerCase())
        .containsEntry("agentValidUntil", BigDecimal.valueOf(AccountInfo.NEVER))
        .containsEntry("cumLedger", "10000.0")
        .containsEntry("isVault", false)
        .containsEntry("leadingVaults", List.of())
        .containsEntry("totalVaultEquity", "0.0")
        .containsEntry("twapStates", List.of())
        .containsEntry("spotState", Map.of("balances", List.of()));

    // An address without an account: empty, no agent.
    String stranger = "0x" + "ab".repeat(20);
    Map<String, Object> none =
        Json.object(http.info(Map.of("type", "webData2", "user", stranger)), "webData2");
    assertThat(none)
        .containsEntry("user", stranger)
        .containsEntry("openOrders", List.of())
        .containsEntry("agentAddress", null)
        .containsEntry("agentValidUntil", null)
        .containsEntry("cumLedger", "0.0");
  }

  @Test
  void anApprovedAgentSignsForItsMaster() throws Exception {
    Map<String, Object> action =
        order(List.of(limit(0, true, "99", "1", false, "Gtc", null)), "na");
    assertThat(http.exchange(OTHER, action)).containsEntry("status", "err");
    assertThat(http.approveAgent(KEY, OTHER.address()))
        .isEqualTo(Map.of("status", "ok", "response", Map.of("type", "default")));
    assertThat(http.exchange(OTHER, action)).containsEntry("status", "ok");
    assertThat(Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open"))
        .hasSize(1);
    // the agent has no account of its own
    assertThat(Json.array(http.info(Map.of("type", "openOrders", "user", OTHER.address())), "open"))
        .isEmpty();
    // an unfunded master cannot approve
    assertThat(http.approveAgent(OTHER, ADDRESS).get("response"))
        .isEqualTo(
            "Must deposit before performing actions. User: " + OTHER.address().toLowerCase());
  }

  @Test
  void cancelAndCancelByCloid() throws Exception {
    http.exchange(
        KEY,
        order(
            List.of(
                limit(0, true, "98", "1", false, "Gtc", null),
                limit(0, true, "97", "1", false, "Gtc", "0x000000000000000000000000000000aa")),
            "na"));
    List<Object> open =
        Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open");
    long oid = ((BigDecimal) Json.object(open.getLast(), "o").get("oid")).longValueExact();
    Map<String, Object> cancel = new LinkedHashMap<>();
    cancel.put("type", "cancel");
    cancel.put("cancels", List.of(ordered("a", 0, "o", oid), ordered("a", 0, "o", 12345)));
    Map<String, Object> r = http.exchange(KEY, cancel);
    assertThat(statuses(r))
        .containsExactly(
            "success", Map.of("error", "Order was never placed, already canceled, or filled."));
    Map<String, Object> byCloid = new LinkedHashMap<>();
    byCloid.put("type", "cancelByCloid");
    byCloid.put(
        "cancels", List.of(ordered("asset", 0, "cloid", "0x000000000000000000000000000000aa")));
    assertThat(statuses(http.exchange(KEY, byCloid))).containsExactly("success");
    assertThat(Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open"))
        .isEmpty();
    List<Object> history =
        Json.array(http.info(Map.of("type", "historicalOrders", "user", ADDRESS)), "history");
    assertThat(history)
        .hasSize(2)
        .allSatisfy(h -> assertThat(Json.object(h, "h")).containsEntry("status", "canceled"));
    assertThat(Json.object(Json.object(history.getFirst(), "h").get("order"), "o"))
        .containsEntry("cloid", "0x000000000000000000000000000000aa");
  }

  /** Key order matters: the signature covers the msgpack of the action in this order. */
  static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  @Test
  void updateLeverageChangesMarginAndRejectsAboveTheMaximum() throws Exception {
    Map<String, Object> lev = new LinkedHashMap<>();
    lev.put("type", "updateLeverage");
    lev.put("asset", 0);
    lev.put("isCross", true);
    lev.put("leverage", 5);
    assertThat(http.exchange(KEY, lev))
        .isEqualTo(Map.of("status", "ok", "response", Map.of("type", "default")));
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    Map<String, Object> state =
        Json.object(http.info(Map.of("type", "clearinghouseState", "user", ADDRESS)), "state");
    Map<String, Object> pos =
        Json.object(
            Json.object(Json.array(state.get("assetPositions"), "ap").getFirst(), "p")
                .get("position"),
            "pos");
    assertThat(pos)
        .containsEntry("marginUsed", "20.0")
        .containsEntry("leverage", Map.of("type", "cross", "value", BigDecimal.valueOf(5)));
    lev.put("leverage", 51);
    assertThat(http.exchange(KEY, lev)).containsEntry("status", "err");
  }

  @Test
  void exchangeStatusHasTheSimulatedTimeAndNoSpecialStatus() throws Exception {
    Map<String, Object> status = Json.object(http.info(Map.of("type", "exchangeStatus")), "s");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("time", BigDecimal.valueOf(sim.now().toEpochMilli()));
    expected.put("specialStatuses", null);
    assertThat(status).isEqualTo(expected);
  }

  @Test
  void metaNamesUsdcAsTheCollateralTokenAsTheExchangeDoes() throws Exception {
    Map<String, Object> meta = Json.object(http.info(Map.of("type", "meta")), "meta");
    assertThat(meta).containsEntry("collateralToken", BigDecimal.ZERO);
    assertThat(meta.keySet()).containsExactly("universe", "marginTables", "collateralToken");
  }

  /** Hyperliquid lists each margin table once, under the id the universe entries refer to. */
  @Test
  void metaListsEachMarginTableOnceForMarketsThatShareIt() throws Exception {
    try (HyperliquidSimulator three =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 40)
            .synthetic("ETH", 3000, 4, 40)
            .synthetic("SOL", 100, 2, 20)
            .start()) {
      Map<String, Object> meta =
          Json.object(new SimHttp(three.baseUrl()).info(Map.of("type", "meta")), "meta");
      List<Object> tables = Json.array(meta.get("marginTables"), "tables");
      assertThat(tables)
          .extracting(t -> Json.array(t, "table").getFirst())
          .containsExactly(BigDecimal.valueOf(40), BigDecimal.valueOf(20));
      assertThat(Json.array(meta.get("universe"), "universe"))
          .extracting(u -> Json.object(u, "u").get("marginTableId"))
          .containsExactly(BigDecimal.valueOf(40), BigDecimal.valueOf(40), BigDecimal.valueOf(20));
    }
  }

  @Test
  void marketDataAnswersFromTheSimulatedClock() throws Exception {
    Map<String, Object> mids = Json.object(http.info(Map.of("type", "allMids")), "mids");
    assertThat(mids).isEqualTo(Map.of("BTC", "100.0"));
    List<Object> meta = Json.array(http.info(Map.of("type", "metaAndAssetCtxs")), "m");
    Map<String, Object> universe0 =
        Json.object(
            Json.array(Json.object(meta.get(0), "meta").get("universe"), "u").getFirst(), "u0");
    assertThat(universe0)
        .containsEntry("name", "BTC")
        .containsEntry("szDecimals", BigDecimal.valueOf(3))
        .containsEntry("maxLeverage", BigDecimal.valueOf(50));
    assertThat(Json.object(Json.array(meta.get(1), "ctx").getFirst(), "c"))
        .containsEntry("markPx", "100.0")
        .containsEntry("midPx", "100.0");

    Map<String, Object> book =
        Json.object(http.info(Map.of("type", "l2Book", "coin", "BTC")), "book");
    List<Object> levels = Json.array(book.get("levels"), "levels");
    assertThat(Json.array(levels.get(0), "bids")).hasSize(20);
    assertThat(Json.object(Json.array(levels.get(0), "bids").getFirst(), "b"))
        .containsEntry("px", "99.99");
    assertThat(Json.object(Json.array(levels.get(1), "asks").getFirst(), "a"))
        .containsEntry("px", "100.01");

    Map<String, Object> req =
        Map.of("coin", "BTC", "interval", "1m", "startTime", 0, "endTime", Long.MAX_VALUE);
    // at a boundary the clock belongs to the candle that just closed: candle 1 has not started
    assertThat(Json.array(http.info(Map.of("type", "candleSnapshot", "req", req)), "c")).hasSize(1);
    sim.advance();
    List<Object> candles = Json.array(http.info(Map.of("type", "candleSnapshot", "req", req)), "c");
    assertThat(candles).hasSize(2);
    assertThat(Json.object(candles.getLast(), "c"))
        .containsEntry("o", "100.0")
        .containsEntry("h", "106.0")
        .containsEntry("l", "99.0")
        .containsEntry("c", "105.0")
        .containsEntry("t", BigDecimal.valueOf(T0.toEpochMilli() + 60_000))
        .containsEntry("i", "1m")
        .containsEntry("s", "BTC");
    assertThat(Json.object(http.info(Map.of("type", "allMids")), "mids"))
        .isEqualTo(Map.of("BTC", "105.0"));
    Map<String, Object> req3 =
        Map.of("coin", "BTC", "interval", "3m", "startTime", 0, "endTime", Long.MAX_VALUE);
    List<Object> threeMinute =
        Json.array(http.info(Map.of("type", "candleSnapshot", "req", req3)), "c");
    assertThat(threeMinute).hasSize(1);
    assertThat(Json.object(threeMinute.getFirst(), "c"))
        .containsEntry("h", "106.0")
        .containsEntry("c", "105.0");
  }

  @Test
  void faultsFailRateLimitAndDropAcknowledgements() throws Exception {
    sim.faults().failNext(1, 503).rateLimitNext(1);
    assertThat(http.post("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(503);
    assertThat(http.post("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(429);
    assertThat(http.post("/info", "{\"type\":\"allMids\"}").statusCode()).isEqualTo(200);

    sim.faults().dropNextOrderAck();
    Map<String, Object> action =
        order(List.of(limit(0, true, "99", "1", false, "Gtc", null)), "na");
    assertThatThrownBy(() -> http.exchange(KEY, action)).isInstanceOf(IOException.class);
    // the order was executed all the same
    assertThat(Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open"))
        .hasSize(1);
  }

  /** Places a resting GTC bid for 1 BTC at 98 with {@code cloid}. */
  private void restingBidAt98(String cloid) throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "98", "1", false, "Gtc", cloid)), "na"));
  }

  @Test
  void batchModifyReplacesARestingOrder() throws Exception {
    restingBidAt98("0x000000000000000000000000000000bb");
    Map<String, Object> modify = new LinkedHashMap<>();
    modify.put("type", "batchModify");
    modify.put(
        "modifies",
        List.of(
            ordered(
                "oid",
                "0x000000000000000000000000000000bb",
                "order",
                limit(0, true, "97", "2", false, "Gtc", "0x000000000000000000000000000000bb"))));
    Map<String, Object> r = http.exchange(KEY, modify);
    assertThat(Json.object(statuses(r).getFirst(), "s")).containsKey("resting");
    List<Object> open =
        Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open");
    assertThat(open)
        .singleElement()
        .satisfies(
            o ->
                assertThat(Json.object(o, "o"))
                    .containsEntry("limitPx", "97.0")
                    .containsEntry("sz", "2.0"));
    modify.put(
        "modifies",
        List.of(ordered("oid", 424242, "order", limit(0, true, "97", "2", false, "Gtc", null))));
    assertThat(statuses(http.exchange(KEY, modify)))
        .containsExactly(Map.of("error", "Cannot modify canceled or filled order"));
  }

  @Test
  void aSingleModifyAnswersDefaultOrTheErrorAsTheExchangeDoes() throws Exception {
    restingBidAt98("0x000000000000000000000000000000cc");
    Map<String, Object> modify = new LinkedHashMap<>();
    modify.put("type", "modify");
    modify.put("oid", "0x000000000000000000000000000000cc");
    modify.put(
        "order", limit(0, true, "97", "2", false, "Gtc", "0x000000000000000000000000000000cc"));
    assertThat(http.exchange(KEY, modify))
        .isEqualTo(Map.of("status", "ok", "response", Map.of("type", "default")));
    assertThat(Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open"))
        .singleElement()
        .satisfies(o -> assertThat(Json.object(o, "o")).containsEntry("limitPx", "97.0"));
    modify.put("oid", 424242);
    modify.put("order", limit(0, true, "97", "2", false, "Gtc", null));
    assertThat(http.exchange(KEY, modify))
        .isEqualTo(Map.of("status", "err", "response", "Cannot modify canceled or filled order"));
  }

  @Test
  void aFillCarriesItsTwapIdNullAsTheExchangesDo() throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    Map<String, Object> fill =
        Json.object(
            Json.array(http.info(Map.of("type", "userFills", "user", ADDRESS)), "fills").getFirst(),
            "fill");
    assertThat(fill).containsEntry("twapId", null).containsEntry("feeToken", "USDC");
  }

  /** Opens a long of 1 BTC protected by a position take-profit at 120 and stop-loss at 90. */
  private void openLongWithPositionTpsl() throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    Map<String, Object> r =
        http.exchange(
            KEY,
            order(
                List.of(trigger(0, false, "120", "1", "tp"), trigger(0, false, "90", "1", "sl")),
                "positionTpsl"));
    assertThat(statuses(r)).containsExactly("waitingForTrigger", "waitingForTrigger");
  }

  /** The trigger prices of the open orders, as frontendOpenOrders shows them. */
  private List<Object> openTriggerPrices() throws Exception {
    List<Object> out = new ArrayList<>();
    for (Object o :
        Json.array(http.info(Map.of("type", "frontendOpenOrders", "user", ADDRESS)), "fo"))
      out.add(Json.object(o, "o").get("triggerPx"));
    return out;
  }

  @Test
  void aPositionTpslGroupOfAPlainLimitOrderIsRefusedAndTheStopLossStays() throws Exception {
    openLongWithPositionTpsl();
    HttpResponse<String> r =
        http.post(
            "/exchange",
            signed(order(List.of(limit(0, false, "110", "1", true, "Gtc", null)), "positionTpsl")));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> answer = Json.object(Json.parse(r.body()), "r");
    assertThat(answer).containsEntry("status", "err");
    assertThat((String) answer.get("response")).contains("positionTpsl");
    assertThat(openTriggerPrices()).containsExactlyInAnyOrder("120.0", "90.0");
  }

  @Test
  void modifyingAPositionStopLossIntoAPlainLimitIsRefusedAndTheStopLossStays() throws Exception {
    openLongWithPositionTpsl();
    long stopLoss = -1;
    for (Object o : Json.array(http.info(Map.of("type", "openOrders", "user", ADDRESS)), "open")) {
      Map<String, Object> order = Json.object(o, "o");
      assertThat(order).containsEntry("reduceOnly", true);
      if (new BigDecimal((String) order.get("limitPx")).compareTo(new BigDecimal("90")) == 0)
        stopLoss = ((BigDecimal) order.get("oid")).longValueExact();
    }
    Map<String, Object> modify = new LinkedHashMap<>();
    modify.put("type", "batchModify");
    modify.put(
        "modifies",
        List.of(ordered("oid", stopLoss, "order", limit(0, false, "110", "1", true, "Gtc", null))));
    HttpResponse<String> r = http.post("/exchange", signed(modify));
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> answer = Json.object(Json.parse(r.body()), "r");
    assertThat(answer).containsEntry("status", "ok");
    assertThat(statuses(answer))
        .singleElement()
        .satisfies(
            s -> assertThat((String) Json.object(s, "s").get("error")).contains("position TP/SL"));
    assertThat(openTriggerPrices()).containsExactlyInAnyOrder("120.0", "90.0");
  }

  /** The signed envelope of {@code action}, to post as it is and read whatever comes back. */
  private String signed(Map<String, Object> action) {
    long nonce = http.nextNonce();
    return SimHttp.envelope(
        action,
        nonce,
        dev.rez.hyperliquid.Signing.signL1Action(
            KEY, action, nonce, null, null, dev.rez.hyperliquid.Network.TESTNET));
  }

  @Test
  void predictedFundingsIsTheConfiguredRateAtTheNextHour() throws Exception {
    Map<String, Object> next = new LinkedHashMap<>();
    next.put("fundingRate", "0.0000125");
    next.put("nextFundingTime", BigDecimal.valueOf(T0.toEpochMilli() + 3_600_000L));
    next.put("fundingIntervalHours", BigDecimal.ONE);
    assertThat(http.info(Map.of("type", "predictedFundings")))
        .isEqualTo(List.of(List.of("BTC", List.of(List.of("HlPerp", next)))));
  }

  @Test
  void usdClassTransferMovesUsdcBetweenThePerpAndSpotBalances() throws Exception {
    assertThat(http.post("/exchange", usdClassTransfer("1000", false)).body())
        .isEqualTo("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
    assertThat(accountValue()).isEqualTo("9000.0");
    Map<String, Object> usdc = new LinkedHashMap<>();
    usdc.put("coin", "USDC");
    usdc.put("token", BigDecimal.ZERO);
    usdc.put("total", "1000.0");
    usdc.put("hold", "0.0");
    usdc.put("entryNtl", "0.0");
    assertThat(http.info(Map.of("type", "spotClearinghouseState", "user", ADDRESS)))
        .isEqualTo(Map.of("balances", List.of(usdc)));
    Map<String, Object> toSpot = new LinkedHashMap<>();
    toSpot.put("type", "accountClassTransfer");
    toSpot.put("usdc", "1000.0");
    toSpot.put("toPerp", false);
    assertThat(ledger(ADDRESS)).last().isEqualTo(ledgerEntry(sim.now().toEpochMilli(), toSpot));

    // Back to perp: no more than the spot balance holds.
    assertThat(http.post("/exchange", usdClassTransfer("1500", true)).body())
        .contains("Insufficient balance for transfer: spot USDC 1000.0");
    assertThat(http.post("/exchange", usdClassTransfer("400", true)).body()).contains("\"ok\"");
    assertThat(accountValue()).isEqualTo("9400.0");
    assertThat(
            Json.object(
                    Json.array(
                            Json.object(
                                    http.info(
                                        Map.of("type", "spotClearinghouseState", "user", ADDRESS)),
                                    "spot")
                                .get("balances"),
                            "balances")
                        .getFirst(),
                    "usdc")
                .get("total"))
        .isEqualTo("600.0");
    // To spot: no more than the perp balance can spare; no sub-accounts here.
    assertThat(http.post("/exchange", usdClassTransfer("9400.01", false)).body())
        .contains("Insufficient balance for transfer: withdrawable 9400.0");
    assertThat(
            http.post("/exchange", usdClassTransfer("1 subaccount:" + OTHER.address(), false))
                .body())
        .contains("Sub-accounts are not supported by the simulator");
    assertThat(accountValue()).isEqualTo("9400.0");
  }

  @Test
  void portfolioRebuildsTheAccountsValuePnlAndVolumePerPeriod() throws Exception {
    long funded = sim.now().toEpochMilli();
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    sim.advance(); // candle 1 closes at 105: the long gains
    assertThat(http.post("/exchange", usdClassTransfer("1000", false)).body()).contains("\"ok\"");
    sim.advance(); // candle 2 closes at 95: it loses
    long now = sim.now().toEpochMilli();
    String value = accountValue(); // the perp balance alone: the 1000 moved to spot is not in it
    BigDecimal total = new BigDecimal(value).add(new BigDecimal("1000"));
    BigDecimal fillNotional = BigDecimal.ZERO;
    for (Object f : Json.array(http.info(Map.of("type", "userFills", "user", ADDRESS)), "fills")) {
      Map<String, Object> fill = Json.object(f, "fill");
      fillNotional =
          fillNotional.add(
              new BigDecimal((String) fill.get("px"))
                  .multiply(new BigDecimal((String) fill.get("sz"))));
    }

    List<Object> periods = Json.array(http.info(Map.of("type", "portfolio", "user", ADDRESS)), "p");
    assertThat(periods)
        .extracting(p -> Json.array(p, "period").getFirst())
        .containsExactly(
            "day", "week", "month", "allTime", "perpDay", "perpWeek", "perpMonth", "perpAllTime");
    for (Object p : periods) {
      String name = (String) Json.array(p, "period").get(0);
      Map<String, Object> data = Json.object(Json.array(p, "period").get(1), name);
      boolean perp = name.startsWith("perp");
      List<Object> values = Json.array(data.get("accountValueHistory"), "values");
      List<Object> pnls = Json.array(data.get("pnlHistory"), "pnls");
      // From when the account was funded (and bought, paying the 0.045 fee) to now; the value now
      // is what clearinghouseState says.
      assertThat(values.getFirst()).isEqualTo(List.of(BigDecimal.valueOf(funded), "9999.955"));
      assertThat(Json.array(values.getLast(), "last").get(0)).isEqualTo(BigDecimal.valueOf(now));
      assertThat(new BigDecimal((String) Json.array(values.getLast(), "last").get(1)))
          .as(name)
          .isEqualByComparingTo(perp ? new BigDecimal(value) : total);
      // PnL since the first sample leaves out the USDC moved in or out (here: to the spot
      // balance).
      assertThat(Json.array(pnls.getFirst(), "first").get(1)).isEqualTo("0.0");
      assertThat(new BigDecimal((String) Json.array(pnls.getLast(), "last").get(1)))
          .as(name)
          .isEqualByComparingTo(total.subtract(new BigDecimal("9999.955")));
      assertThat(new BigDecimal((String) data.get("vlm"))).isEqualByComparingTo(fillNotional);
    }

    // An address without an account: every period empty.
    List<Object> none =
        Json.array(
            http.info(Map.of("type", "portfolio", "user", "0x" + "ab".repeat(20))), "portfolio");
    assertThat(Json.object(Json.array(none.getFirst(), "day").get(1), "day"))
        .containsEntry("accountValueHistory", List.of())
        .containsEntry("pnlHistory", List.of())
        .containsEntry("vlm", "0.0");
  }

  @Test
  void withdraw3TakesUsdcOffTheExchangeWithItsFee() throws Exception {
    long n = http.nextNonce();
    assertThat(http.post("/exchange", withdraw("100", n)).body())
        .isEqualTo("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
    assertThat(accountValue()).isEqualTo("9900.0");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "withdraw");
    out.put("usdc", "100.0");
    out.put("nonce", BigDecimal.valueOf(n));
    out.put("fee", "1.0");
    assertThat(ledger(ADDRESS)).last().isEqualTo(ledgerEntry(sim.now().toEpochMilli(), out));

    assertThat(http.post("/exchange", withdraw("1", http.nextNonce())).body())
        .contains("a withdrawal must be more than its fee of 1.0 USDC");
    assertThat(http.post("/exchange", withdraw("9900.01", http.nextNonce())).body())
        .contains("Insufficient balance for withdrawal: withdrawable 9900.0");
    assertThat(accountValue()).isEqualTo("9900.0");
  }

  @Test
  void transfersToSpotAndWithdrawalsSurviveASavedState() throws Exception {
    http.post("/exchange", usdClassTransfer("1000", false));
    http.post("/exchange", withdraw("100", http.nextNonce()));
    List<Object> ledger = ledger(ADDRESS);
    Object spot = http.info(Map.of("type", "spotClearinghouseState", "user", ADDRESS));
    Map<String, Object> state = sim.snapshotState();
    assertThat(http.post("/sim/reset", "{}").statusCode()).isEqualTo(200);
    assertThat(accountValue()).isEqualTo("10000.0");

    sim.restoreState(state);
    assertThat(ledger(ADDRESS)).isEqualTo(ledger).hasSize(3);
    assertThat(http.info(Map.of("type", "spotClearinghouseState", "user", ADDRESS)))
        .isEqualTo(spot);
    assertThat(accountValue()).isEqualTo("8900.0");
  }

  /** The body of a {@code withdraw3} of {@code amount} to OTHER, signed as the Python SDK does. */
  private String withdraw(String amount, long n) {
    return toOther(dev.rez.hyperliquid.UserSignedType.WITHDRAW, amount, n);
  }

  private String accountValue() throws Exception {
    Map<String, Object> state =
        Json.object(http.info(Map.of("type", "clearinghouseState", "user", ADDRESS)), "state");
    return (String) Json.object(state.get("marginSummary"), "ms").get("accountValue");
  }

  /** The body of a {@code usdClassTransfer} of {@code amount}, signed as the Python SDK does. */
  private String usdClassTransfer(String amount, boolean toPerp) {
    long n = http.nextNonce();
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("type", "usdClassTransfer");
    action.put("amount", amount);
    action.put("toPerp", toPerp);
    action.put("nonce", n);
    return SimHttp.userSigned(
        KEY, action, dev.rez.hyperliquid.UserSignedType.USD_CLASS_TRANSFER, n);
  }

  /** The body of a {@code usdSend} of {@code amount} from the funded account to OTHER. */
  private String usdSendToOther(String amount) {
    return toOther(dev.rez.hyperliquid.UserSignedType.USD_SEND, amount, http.nextNonce());
  }

  /**
   * The body of a user-signed transfer of {@code amount} to OTHER whose nonce {@code n} is its
   * {@code time} ({@code usdSend}, {@code withdraw3}).
   */
  private String toOther(dev.rez.hyperliquid.UserSignedType type, String amount, long n) {
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("destination", OTHER.address().toLowerCase());
    action.put("amount", amount);
    action.put("time", n);
    action.put("type", type.actionType());
    return SimHttp.userSigned(KEY, action, type, n);
  }

  /** Deposits (funding) and usdSend transfers, in and out, are the non-funding ledger. */
  @Test
  void theNonFundingLedgerListsDepositsAndTransfersBothWays() throws Exception {
    assertThat(http.post("/exchange", usdSendToOther("1234.5")).body()).contains("\"ok\"");
    long start = sim.now().toEpochMilli();
    Map<String, Object> deposit = new LinkedHashMap<>();
    deposit.put("type", "deposit");
    deposit.put("usdc", "10000.0");
    Map<String, Object> transfer = new LinkedHashMap<>();
    transfer.put("type", "internalTransfer");
    transfer.put("usdc", "1234.5");
    transfer.put("user", ADDRESS);
    transfer.put("destination", OTHER.address().toLowerCase());
    transfer.put("fee", "0.0");
    assertThat(ledger(ADDRESS))
        .containsExactly(ledgerEntry(start, deposit), ledgerEntry(start, transfer));
    assertThat(ledger(OTHER.address())).containsExactly(ledgerEntry(start, transfer));
  }

  private List<Object> ledger(String user) throws Exception {
    return Json.array(
        http.info(Map.of("type", "userNonFundingLedgerUpdates", "user", user, "startTime", 0)),
        "ledger");
  }

  private static Map<String, Object> ledgerEntry(long time, Map<String, Object> delta) {
    return Map.of("time", BigDecimal.valueOf(time), "hash", "0x" + "0".repeat(64), "delta", delta);
  }

  @Test
  void usdSendMovesCollateralToAnotherAddress() throws Exception {
    HttpResponse<String> r = http.post("/exchange", usdSendToOther("1234.5"));
    assertThat(Json.parse(r.body()))
        .isEqualTo(Map.of("status", "ok", "response", Map.of("type", "default")));
    assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("8765.5");
    assertThat(sim.accountValue(OTHER.address())).isEqualByComparingTo("1234.5");
  }

  /**
   * Hyperliquid takes no {@code expiresAfter} on a user-signed action (the official SDK: it "must
   * be None in order for those actions to work"): refused, and no money moves.
   */
  @Test
  void aUserSignedActionWithExpiresAfterIsRefused() throws Exception {
    String body =
        usdSendToOther("100")
            .replace(
                "\"expiresAfter\":null",
                "\"expiresAfter\":" + (System.currentTimeMillis() + 60_000));
    Map<String, Object> r = Json.object(Json.parse(http.post("/exchange", body).body()), "r");
    assertThat(r).containsEntry("status", "err");
    assertThat((String) r.get("response")).contains("expiresAfter").contains("usdSend");
    assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("10000");
    assertThat(sim.accountValue(OTHER.address())).isEqualByComparingTo("0");
  }

  /**
   * Hyperliquid refuses an order naming a builder whose fee the user has not approved (even at a
   * zero fee when no builder is approved at all): "Builder fee has not been approved."
   */
  @Test
  void anOrderNamingABuilderNeedsItsFeeApproved() throws Exception {
    String builder = "0x" + "12".repeat(20);
    Map<String, Object> rest = order(List.of(limit(0, true, "99", "1", false, "Gtc", null)), "na");
    Map<String, Object> withFee = new LinkedHashMap<>(rest);
    withFee.put("builder", builderFee(builder, 10));
    Map<String, Object> attributed = new LinkedHashMap<>(rest);
    attributed.put("builder", builderFee("0x" + "34".repeat(20), 0));
    Map<String, Object> refused =
        Map.of("status", "err", "response", "Builder fee has not been approved.");
    assertThat(http.exchange(KEY, withFee)).isEqualTo(refused);
    assertThat(http.exchange(KEY, attributed)).isEqualTo(refused);
    assertThat(sim.snapshot(ADDRESS).orders()).isEmpty();

    long n = http.nextNonce();
    Map<String, Object> approve = new LinkedHashMap<>();
    approve.put("maxFeeRate", "0.01%");
    approve.put("builder", builder);
    approve.put("nonce", n);
    approve.put("type", "approveBuilderFee");
    String body =
        SimHttp.userSigned(KEY, approve, dev.rez.hyperliquid.UserSignedType.APPROVE_BUILDER_FEE, n);
    assertThat(Json.parse(http.post("/exchange", body).body()))
        .isEqualTo(Map.of("status", "ok", "response", Map.of("type", "default")));
    assertThat(http.info(Map.of("type", "maxBuilderFee", "user", ADDRESS, "builder", builder)))
        .isEqualTo(BigDecimal.TEN); // 0.01% = 1 bp = 10 tenths of a basis point
    assertThat(http.info(Map.of("type", "approvedBuilders", "user", ADDRESS)))
        .isEqualTo(List.of(builder));

    assertThat(statuses(http.exchange(KEY, withFee)).getFirst().toString()).contains("resting");
    assertThat(statuses(http.exchange(KEY, attributed)).getFirst().toString()).contains("resting");
    Map<String, Object> tooHigh = new LinkedHashMap<>(rest);
    tooHigh.put("builder", builderFee(builder, 11));
    assertThat(http.exchange(KEY, tooHigh)).isEqualTo(refused);
    assertThat(sim.snapshot(ADDRESS).orders()).hasSize(2);

    // Approvals are exchange state: a snapshot keeps them, a reset forgets them.
    Map<String, Object> max = Map.of("type", "maxBuilderFee", "user", ADDRESS, "builder", builder);
    assertThat(http.post("/sim/snapshot", "{\"name\":\"approved\"}").statusCode()).isEqualTo(200);
    assertThat(http.post("/sim/reset", "{}").statusCode()).isEqualTo(200);
    assertThat(http.info(max)).isEqualTo(BigDecimal.ZERO);
    assertThat(http.post("/sim/restore", "{\"name\":\"approved\"}").statusCode()).isEqualTo(200);
    assertThat(http.info(max)).isEqualTo(BigDecimal.TEN);
  }

  /**
   * A trigger order placed on its own (grouping {@code na}) rests with an oid, as on the exchange
   * (the official SDK's {@code basic_tpsl} example cancels its stop order by that oid); only the
   * TP/SL of a {@code normalTpsl} or {@code positionTpsl} group answer with a waiting string.
   */
  @Test
  void aStandaloneTriggerOrderRestsWithAnOidThatCancelsIt() throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    Map<String, Object> stop = trigger(0, false, "90", "1", "sl");
    stop.put("c", "0x000000000000000000000000000000aa");
    List<Object> st = statuses(http.exchange(KEY, order(List.of(stop), "na")));
    Map<String, Object> resting =
        Json.object(Json.object(st.getFirst(), "status").get("resting"), "resting");
    assertThat(resting).containsOnlyKeys("oid", "cloid");
    assertThat(resting).containsEntry("cloid", "0x000000000000000000000000000000aa");
    assertThat(openTriggerPrices()).containsExactly("90.0");

    Map<String, Object> cancel = new LinkedHashMap<>();
    cancel.put("type", "cancel");
    Map<String, Object> one = new LinkedHashMap<>(); // wire order: what is signed
    one.put("a", 0);
    one.put("o", ((BigDecimal) resting.get("oid")).longValueExact());
    cancel.put("cancels", List.of(one));
    assertThat(statuses(http.exchange(KEY, cancel))).containsExactly("success");
    assertThat(openTriggerPrices()).isEmpty();
  }

  /** userFees reports the day's volume as taker (userCross) and as maker (userAdd) apart. */
  @Test
  void userFeesSplitsTheDaysVolumeIntoTakerAndMaker() throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1", false, "Ioc", null)), "na"));
    http.exchange(KEY, order(List.of(limit(0, true, "99.5", "1", false, "Gtc", null)), "na"));
    sim.advance(); // candle 1 dips to 99: the bid fills as maker
    BigDecimal taker = BigDecimal.ZERO;
    BigDecimal maker = BigDecimal.ZERO;
    for (Object o : Json.array(http.info(Map.of("type", "userFills", "user", ADDRESS)), "fills")) {
      Map<String, Object> f = Json.object(o, "fill");
      BigDecimal notional =
          new BigDecimal((String) f.get("px")).multiply(new BigDecimal((String) f.get("sz")));
      if (Boolean.TRUE.equals(f.get("crossed"))) taker = taker.add(notional);
      else maker = maker.add(notional);
    }
    assertThat(maker).isEqualByComparingTo("99.5");
    assertThat(taker).isPositive();
    List<Object> days =
        Json.array(
            Json.object(http.info(Map.of("type", "userFees", "user", ADDRESS)), "fees")
                .get("dailyUserVlm"),
            "days");
    Map<String, Object> today = Json.object(days.getLast(), "today");
    assertThat(today).containsEntry("date", "2024-01-01");
    assertThat(new BigDecimal((String) today.get("userCross"))).isEqualByComparingTo(taker);
    assertThat(new BigDecimal((String) today.get("userAdd"))).isEqualByComparingTo(maker);
  }

  /**
   * A taker order walking two book levels makes two fills; with {@code aggregateByTime} (the SDKs'
   * parameter of userFills and userFillsByTime) they count as one.
   */
  @Test
  void aggregateByTimeMergesTheFillsOfOneCrossingOrder() throws Exception {
    http.exchange(KEY, order(List.of(limit(0, true, "101", "1500", false, "Ioc", null)), "na"));
    Map<String, Object> byTime = new LinkedHashMap<>();
    byTime.put("type", "userFillsByTime");
    byTime.put("user", ADDRESS);
    byTime.put("startTime", 0);
    List<Object> apart = Json.array(http.info(byTime), "fills");
    assertThat(apart).hasSize(2);
    BigDecimal notional = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    for (Object o : apart) {
      Map<String, Object> f = Json.object(o, "fill");
      notional =
          notional.add(
              new BigDecimal((String) f.get("px")).multiply(new BigDecimal((String) f.get("sz"))));
      fees = fees.add(new BigDecimal((String) f.get("fee")));
    }

    byTime.put("aggregateByTime", true);
    Map<String, Object> one = Json.object(Json.array(http.info(byTime), "fills").getFirst(), "f");
    assertThat(Json.array(http.info(byTime), "fills")).hasSize(1);
    assertThat(new BigDecimal((String) one.get("sz"))).isEqualByComparingTo("1500");
    assertThat(new BigDecimal((String) one.get("px")).multiply(new BigDecimal("1500")))
        .isCloseTo(notional, org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
    assertThat(new BigDecimal((String) one.get("fee"))).isEqualByComparingTo(fees);
    assertThat(one)
        .containsEntry("startPosition", "0.0")
        .containsEntry("tid", Json.object(apart.getFirst(), "first").get("tid"));
    assertThat(
            Json.array(
                http.info(Map.of("type", "userFills", "user", ADDRESS, "aggregateByTime", true)),
                "fills"))
        .hasSize(1);
  }

  /**
   * activeAssetData: the leverage, and per side the margin a new order may use and the largest size
   * it buys; the side that reduces a position gets the position on top.
   */
  @Test
  void activeAssetDataTellsWhatTheAccountCanTradeOnEachSide() throws Exception {
    Map<String, Object> req = Map.of("type", "activeAssetData", "user", ADDRESS, "coin", "BTC");
    Map<String, Object> flat = Json.object(http.info(req), "flat");
    assertThat(flat)
        .containsEntry("user", ADDRESS)
        .containsEntry("coin", "BTC")
        .containsEntry("leverage", Map.of("type", "cross", "value", BigDecimal.valueOf(20)))
        .containsEntry("maxTradeSzs", List.of("2000.0", "2000.0")) // 10000 USD x 20 / 100
        .containsEntry("availableToTrade", List.of("10000.0", "10000.0"))
        .containsEntry("markPx", "100.0");

    http.exchange(KEY, order(List.of(limit(0, true, "101", "500", false, "Ioc", null)), "na"));
    List<Object> sizes = Json.array(Json.object(http.info(req), "long").get("maxTradeSzs"), "s");
    BigDecimal buy = new BigDecimal((String) sizes.get(0));
    BigDecimal sell = new BigDecimal((String) sizes.get(1));
    assertThat(buy).isLessThan(new BigDecimal("1500")); // 2500 USD of margin is in the position
    assertThat(sell.subtract(buy)).isEqualByComparingTo("500"); // selling first closes the long
    assertThat(
            http.post(
                    "/info",
                    "{\"type\":\"activeAssetData\",\"user\":\"" + ADDRESS + "\",\"coin\":\"DOGE\"}")
                .statusCode())
        .isEqualTo(422);
  }

  /** An order's {@code builder}, in wire order (what is signed). */
  private static Map<String, Object> builderFee(String builder, int tenthsOfBps) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("b", builder);
    b.put("f", tenthsOfBps);
    return b;
  }

  @Test
  void latencyAndTriggerRejectionFaults() throws Exception {
    sim.faults().latency(java.time.Duration.ofMillis(300));
    long t0 = System.nanoTime();
    http.post("/info", "{\"type\":\"allMids\"}");
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    sim.faults().clear();
    sim.faults().rejectNextTriggerOrders(1);
    Map<String, Object> r =
        http.exchange(
            KEY,
            order(
                List.of(
                    limit(0, true, "101", "1", false, "Ioc", null),
                    trigger(0, false, "90", "1", "sl")),
                "normalTpsl"));
    assertThat(statuses(r).get(1)).isEqualTo(Map.of("error", "Invalid TP/SL price."));
  }

  @Test
  void anExpiredActionIsRejected() throws Exception {
    Map<String, Object> action =
        order(List.of(limit(0, true, "99", "1", false, "Gtc", null)), "na");
    long nonce = http.nextNonce();
    long expired = System.currentTimeMillis() - 1000;
    var sig =
        dev.rez.hyperliquid.Signing.signL1Action(
            KEY, action, nonce, null, expired, dev.rez.hyperliquid.Network.TESTNET);
    String body =
        SimHttp.envelope(action, nonce, sig)
            .replace("\"expiresAfter\":null", "\"expiresAfter\":" + expired);
    Map<String, Object> r = Json.object(Json.parse(http.post("/exchange", body).body()), "r");
    assertThat(r).containsEntry("status", "err");
    assertThat((String) r.get("response")).contains("expiresAfter " + expired);
  }

  @Test
  void malformedBodiesGet422() throws Exception {
    assertThat(http.post("/info", "not json").statusCode()).isEqualTo(422);
    assertThat(http.post("/info", "{\"type\":\"noSuchType\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/exchange", "{\"action\":{\"type\":\"order\"},\"nonce\":1}").statusCode())
        .isEqualTo(422);
  }

  @Test
  void adminCallsFundAndAdvance() throws Exception {
    HttpResponse<String> fund =
        http.post("/sim/fund", "{\"user\":\"" + OTHER.address() + "\",\"usd\":\"250.5\"}");
    assertThat(fund.statusCode()).isEqualTo(200);
    assertThat(sim.accountValue(OTHER.address())).isEqualByComparingTo("250.5");
    assertThat(http.post("/sim/fund", "{\"user\":\"nope\",\"usd\":\"1\"}").statusCode())
        .isEqualTo(422);
    HttpResponse<String> adv = http.post("/sim/advance", "{\"candles\":5}");
    assertThat(Json.parse(adv.body()))
        .isEqualTo(
            Map.of(
                "advanced",
                BigDecimal.valueOf(3),
                "time",
                BigDecimal.valueOf(T0.toEpochMilli() + 4 * 60_000)));
    assertThat(sim.hasNext()).isFalse();
    assertThat(sim.advance()).isFalse();
  }
}
