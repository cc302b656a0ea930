package dev.rez.hyperliquid;

import static dev.rez.hyperliquid.FakeApi.fixture;
import static dev.rez.hyperliquid.FakeApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.MarginMode;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderBook;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HyperliquidExchangeTest {
  static final PrivateKeySigner MASTER =
      PrivateKeySigner.fromHex(
          "0x0123456789012345678901234567890123456789012345678901234567890123");
  static final PrivateKeySigner AGENT =
      PrivateKeySigner.fromHex(
          "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff");
  static final String MASTER_ADDR = "0x14791697260e4c9a71f18484c9f997b308e59325";
  static final long T0 = 1_700_000_000_000L;
  static final Asset BTC = Asset.of("BTC");
  static final ClientOrderId C1 = ClientOrderId.of("0x00000000000000000000000000000001");
  static final ClientOrderId C2 = ClientOrderId.of("0x00000000000000000000000000000002");
  static final ClientOrderId C3 = ClientOrderId.of("0x00000000000000000000000000000003");

  FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  HyperliquidExchange.Builder client() {
    return HyperliquidExchange.builder()
        .baseUrl(api.baseUrl())
        .signer(MASTER)
        .clock(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC))
        .retryBackoff(Duration.ofMillis(1));
  }

  static OrderRequest buy(String size, String px, ClientOrderId cloid) {
    return new OrderRequest(
        BTC, Side.BUY, new BigDecimal(size), new BigDecimal(px), TimeInForce.GTC, false, cloid);
  }

  static TriggerOrder trigger(TriggerKind kind, String px, ClientOrderId cloid) {
    return new TriggerOrder(
        BTC,
        Side.SELL,
        new BigDecimal("0.001"),
        kind,
        new BigDecimal(px),
        true,
        new BigDecimal(px),
        cloid);
  }

  static final String OK_3 =
      "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[{\"resting\":{\"oid\":77738308}},\"waitingForFill\",\"waitingForFill\"]}}}";

  @Test
  void entryWithTakeProfitAndStopLossIsOneSignedNormalTpslRequest() {
    api.exchange(OK_3);
    // Without an expiry the request is byte for byte what the SDKs send.
    HyperliquidExchange hl = client().expiresAfter(null).build();

    List<OrderResult> r =
        hl.placeWithProtection(
            buy("0.001", "65000.0", C1),
            List.of(
                trigger(TriggerKind.TAKE_PROFIT, "70000", C2),
                trigger(TriggerKind.STOP_LOSS, "61990", C3)));

    assertThat(r)
        .containsExactly(
            new OrderResult.Resting(77738308, C1),
            new OrderResult.Waiting(C2),
            new OrderResult.Waiting(C3));
    assertThat(api.infoCalls("meta"))
        .singleElement()
        .satisfies(m -> assertThat(Json.write(m)).isEqualTo("{\"type\":\"meta\",\"dex\":\"\"}"));
    FakeApi.Call call = api.calls("/exchange").getFirst();
    Map<String, Object> body = call.json();
    assertThat(body.keySet())
        .containsExactly("action", "nonce", "signature", "vaultAddress", "expiresAfter");
    assertThat(Json.write(body.get("action")))
        .isEqualTo(
            "{\"type\":\"order\",\"orders\":["
                + "{\"a\":0,\"b\":true,\"p\":\"65000\",\"s\":\"0.001\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x00000000000000000000000000000001\"},"
                + "{\"a\":0,\"b\":false,\"p\":\"70000\",\"s\":\"0.001\",\"r\":true,\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"70000\",\"tpsl\":\"tp\"}},\"c\":\"0x00000000000000000000000000000002\"},"
                + "{\"a\":0,\"b\":false,\"p\":\"61990\",\"s\":\"0.001\",\"r\":true,\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"61990\",\"tpsl\":\"sl\"}},\"c\":\"0x00000000000000000000000000000003\"}"
                + "],\"grouping\":\"normalTpsl\"}");
    assertThat(body.get("nonce")).isEqualTo(num(T0));
    assertThat(call.body()).endsWith(",\"vaultAddress\":null,\"expiresAfter\":null}");
    assertThat(recoverL1(body, Network.TESTNET)).isEqualTo(MASTER_ADDR);
    assertThat(recoverL1(body, Network.MAINNET)).isNotEqualTo(MASTER_ADDR);
  }

  /** A JSON integer as parsed: every number reads as a BigDecimal. */
  static BigDecimal num(long v) {
    return BigDecimal.valueOf(v);
  }

  static Long lng(Object v) {
    return v == null ? null : ((BigDecimal) v).longValueExact();
  }

  @SuppressWarnings("unchecked")
  static String recoverL1(Map<String, Object> body, Network network) {
    Map<String, Object> sig = (Map<String, Object>) body.get("signature");
    return Signing.recoverL1Signer(
        (Map<String, Object>) body.get("action"),
        lng(body.get("nonce")),
        (String) body.get("vaultAddress"),
        lng(body.get("expiresAfter")),
        network,
        Signature.of((String) sig.get("r"), (String) sig.get("s"), lng(sig.get("v")).intValue()));
  }

  @Test
  void actionsExpireAMinuteAfterTheirNonceByDefault() {
    api.exchange(OK_3);
    client()
        .build()
        .placeWithProtection(
            buy("0.001", "65000.0", C1),
            List.of(
                trigger(TriggerKind.TAKE_PROFIT, "70000", C2),
                trigger(TriggerKind.STOP_LOSS, "61990", C3)));
    Map<String, Object> body = api.calls("/exchange").getFirst().json();
    assertThat(body.get("expiresAfter")).isEqualTo(num(T0 + 60_000));
    // The expiry is signed: the signature recovers the signer only with it.
    assertThat(recoverL1(body, Network.TESTNET)).isEqualTo(MASTER_ADDR);
  }

  @Test
  void filledAndPerOrderErrorsAreValuesNotExceptions() {
    api.exchange(
        "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":["
            + "{\"filled\":{\"totalSz\":\"0.02\",\"avgPx\":\"1891.4\",\"oid\":77747314}},{\"error\":\"Order must have minimum value of $10.\"}]}}}");
    List<OrderResult> r =
        client().build().place(List.of(buy("0.02", "1900", C1), buy("0.0001", "1900", C2)));
    assertThat(r)
        .containsExactly(
            new OrderResult.Filled(77747314, new BigDecimal("0.02"), new BigDecimal("1891.4"), C1),
            new OrderResult.Rejected("Order must have minimum value of $10.", C2));
    assertThat(r.get(1).accepted()).isFalse();
    assertThat(api.calls("/exchange").getFirst().json().get("action"))
        .satisfies(a -> assertThat(Json.write(a)).contains("\"grouping\":\"na\""));
  }

  @Test
  void topLevelErrIsARejectedExceptionWithTheExchangeText() {
    api.exchange(
        "{\"status\":\"err\",\"response\":\"L1 error: User or API Wallet 0x3a81e8f4bd1c2c2bd5e0e6fbc6b5e4e1f0b2a9c1 does not exist.\"}");
    assertThatThrownBy(() -> client().build().place(List.of(buy("0.001", "65000", C1))))
        .isInstanceOf(HyperliquidException.Rejected.class)
        .hasMessage(
            "L1 error: User or API Wallet 0x3a81e8f4bd1c2c2bd5e0e6fbc6b5e4e1f0b2a9c1 does not exist.")
        .satisfies(e -> assertThat(((HyperliquidException) e).retriable()).isFalse());
    assertThat(api.calls("/exchange")).hasSize(1);
  }

  @Test
  void agentSignsButEveryInfoQueryUsesTheAccountAddress() {
    api.info("clearinghouseState", fixture("clearinghouseState.json"))
        .info("frontendOpenOrders", "[]")
        .exchange(OK_3.replace(",\"waitingForFill\",\"waitingForFill\"", ""));
    HyperliquidExchange hl =
        client()
            .signer(AGENT)
            .accountAddress(MASTER_ADDR.toUpperCase().replace("0X", "0x"))
            .build();

    hl.accountState();
    hl.openOrders();
    hl.place(List.of(buy("0.001", "65000", C1)));

    assertThat(hl.signerAddress()).contains(AGENT.address());
    assertThat(hl.accountAddress()).contains(MASTER_ADDR);
    assertThat(api.infoCalls("clearinghouseState").getFirst()).containsEntry("user", MASTER_ADDR);
    assertThat(api.infoCalls("frontendOpenOrders").getFirst()).containsEntry("user", MASTER_ADDR);
    assertThat(recoverL1(api.calls("/exchange").getFirst().json(), Network.TESTNET))
        .isEqualTo(AGENT.address());
  }

  @Test
  void vaultIsSignedIntoTheActionAndSentInTheEnvelope() {
    String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
    api.exchange("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
    HyperliquidExchange hl =
        client().vaultAddress(vault).expiresAfter(Duration.ofSeconds(30)).build();
    hl.setLeverage(BTC, 10, MarginMode.ISOLATED);
    Map<String, Object> body = api.calls("/exchange").getFirst().json();
    assertThat(Json.write(body.get("action")))
        .isEqualTo("{\"type\":\"updateLeverage\",\"asset\":0,\"isCross\":false,\"leverage\":10}");
    assertThat(body)
        .containsEntry("vaultAddress", vault)
        .containsEntry("expiresAfter", num(T0 + 30_000));
    assertThat(recoverL1(body, Network.TESTNET)).isEqualTo(MASTER_ADDR);
    assertThat(hl.accountAddress()).contains(vault);
  }

  @Test
  void noncesIncreaseWithinOneMillisecond() {
    for (int i = 0; i < 3; i++)
      api.exchange("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
    HyperliquidExchange hl = client().build();
    hl.scheduleCancel(Instant.ofEpochMilli(T0 + 60_000));
    hl.clearScheduledCancel();
    hl.setLeverage(BTC, 3, MarginMode.CROSS);
    List<Map<String, Object>> bodies =
        api.calls("/exchange").stream().map(FakeApi.Call::json).toList();
    assertThat(bodies)
        .extracting(b -> b.get("nonce"))
        .containsExactly(num(T0), num(T0 + 1), num(T0 + 2));
    assertThat(Json.write(bodies.get(0).get("action")))
        .isEqualTo("{\"type\":\"scheduleCancel\",\"time\":" + (T0 + 60_000) + "}");
    assertThat(Json.write(bodies.get(1).get("action"))).isEqualTo("{\"type\":\"scheduleCancel\"}");
    assertThat(Json.write(bodies.get(2).get("action")))
        .isEqualTo("{\"type\":\"updateLeverage\",\"asset\":0,\"isCross\":true,\"leverage\":3}");
  }

  @Test
  void isolatedMarginIsSentAsMicroUsd() {
    api.exchange("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
    HyperliquidExchange hl = client().build();
    hl.updateIsolatedMargin(Asset.of("ETH"), new BigDecimal("-2.5"));
    assertThat(Json.write(api.calls("/exchange").getFirst().json().get("action")))
        .isEqualTo(
            "{\"type\":\"updateIsolatedMargin\",\"asset\":1,\"isBuy\":true,\"ntli\":-2500000}");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> hl.updateIsolatedMargin(BTC, new BigDecimal("0.0000001")))
        .withMessageContaining("6 decimals");
    assertThat(api.calls("/exchange")).hasSize(1);
  }

  @Test
  void rateLimitAndServerErrorsAreRetriedWithTheIdenticalSignedBody() {
    api.exchange(json(429, ""))
        .exchange(json(502, "bad gateway"))
        .exchange(OK_3.replace(",\"waitingForFill\",\"waitingForFill\"", ""));
    List<OrderResult> r = client().build().place(List.of(buy("0.001", "65000", C1)));
    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    List<FakeApi.Call> sent = api.calls("/exchange");
    assertThat(sent).hasSize(3);
    assertThat(sent).extracting(FakeApi.Call::body).containsOnly(sent.getFirst().body());
  }

  @Test
  void retriesAreBoundedAndEndInATransportException() {
    for (int i = 0; i < 5; i++) api.infoOnce("allMids", json(503, "unavailable"));
    HyperliquidExchange hl = client().maxRetries(2).build();
    assertThatThrownBy(hl::mids)
        .isInstanceOf(HyperliquidException.Transport.class)
        .hasMessageContaining("HTTP 503")
        .satisfies(e -> assertThat(((HyperliquidException) e).httpStatus()).isEqualTo(503))
        .satisfies(e -> assertThat(((HyperliquidException) e).retriable()).isTrue());
    assertThat(api.infoCalls("allMids")).hasSize(3);
  }

  @Test
  void plainTextClientErrorsAreRejectedWithoutRetry() {
    api.infoOnce("allMids", json(422, "Failed to deserialize the JSON body into the target type"));
    assertThatThrownBy(() -> client().build().mids())
        .isInstanceOf(HyperliquidException.Rejected.class)
        .hasMessage("Failed to deserialize the JSON body into the target type")
        .satisfies(e -> assertThat(((HyperliquidException) e).httpStatus()).isEqualTo(422));
    assertThat(api.infoCalls("allMids")).hasSize(1);
  }

  @Test
  void nonJsonSuccessIsMalformed() {
    api.info("allMids", "<html>oops</html>");
    assertThatThrownBy(() -> client().build().mids())
        .isInstanceOf(HyperliquidException.Malformed.class)
        .hasMessageContaining("not JSON");
  }

  private HyperliquidExchange shortTimeout() {
    return client().timeout(Duration.ofMillis(1500)).build();
  }

  private static MockResponse stalled() {
    return new MockResponse.Builder()
        .code(200)
        .body(OK_3)
        .headersDelay(5, TimeUnit.SECONDS)
        .build();
  }

  @Test
  void afterATimeoutTheOrderIsLookedUpByCloidAndNotResent() {
    api.exchange(stalled()).info("orderStatus", fixture("orderStatus.json"));
    List<OrderResult> r = shortTimeout().place(List.of(buy("0.001", "65000", C1)));
    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(api.calls("/exchange")).hasSize(1);
    assertThat(api.infoCalls("orderStatus"))
        .singleElement()
        .satisfies(
            m -> assertThat(m).containsEntry("oid", C1.hex()).containsEntry("user", MASTER_ADDR));
  }

  @Test
  void afterATimeoutWithNothingKnownTheIdenticalRequestIsResentOnce() {
    api.exchange(stalled())
        .exchange(OK_3.replace(",\"waitingForFill\",\"waitingForFill\"", ""))
        .info("orderStatus", "{\"status\":\"unknownOid\"}");
    List<OrderResult> r = shortTimeout().place(List.of(buy("0.001", "65000", C1)));
    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    List<FakeApi.Call> sent = api.calls("/exchange");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());
  }

  @Test
  void aDuplicateNonceAfterAResendMeansTheFirstArrived() {
    api.exchange(stalled())
        .exchange("{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + T0 + "\"}")
        .infoOnce("orderStatus", json(200, "{\"status\":\"unknownOid\"}"))
        .info(
            "orderStatus",
            fixture("orderStatus.json").replace("\"status\":\"open\"", "\"status\":\"filled\""))
        .info(
            "userFills",
            "[{\"coin\":\"BTC\",\"side\":\"B\",\"px\":\"64990.0\",\"sz\":\"0.001\",\"time\":1700000000150,\"fee\":\"0.02\",\"oid\":77738308,\"hash\":\"0x1\",\"crossed\":true,\"startPosition\":\"0.0\",\"closedPnl\":\"0.0\"}]");
    List<OrderResult> r = shortTimeout().place(List.of(buy("0.001", "65000", C1)));
    assertThat(r)
        .containsExactly(
            new OrderResult.Filled(77738308, new BigDecimal("0.001"), new BigDecimal("64990"), C1));
    assertThat(api.calls("/exchange")).hasSize(2);
  }

  @Test
  void aDuplicateNonceAfterAResendLeavesACancelOrATransferUnknownNotRefused() {
    // The first copy was applied but its answer was a 502; the resent copy (the same bytes) is
    // then refused as a duplicate: the action happened, or may have.
    String duplicate =
        "{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + T0 + "\"}";
    api.exchange(json(502, "bad gateway")).exchange(duplicate);
    HyperliquidExchange hl = client().build();
    assertThatThrownBy(() -> hl.cancel(BTC, 77))
        .isInstanceOf(HyperliquidException.Transport.class)
        .hasMessageContaining("outcome is unknown")
        .hasMessageContaining("duplicate nonce");
    List<FakeApi.Call> sent = api.calls("/exchange");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).body()).isEqualTo(sent.get(0).body());

    api.exchange(json(502, "bad gateway")).exchange(duplicate);
    assertThatThrownBy(() -> hl.usdSend("0x" + "ab".repeat(20), new BigDecimal("5")))
        .isInstanceOf(HyperliquidException.Transport.class)
        .hasMessageContaining("usdSend")
        .hasMessageContaining("outcome is unknown");
    // Any other refusal stays a refusal.
    api.exchange(
        "{\"status\":\"err\",\"response\":\"Order was never placed, already canceled, or filled.\"}");
    assertThatThrownBy(() -> hl.cancel(BTC, 78)).isInstanceOf(HyperliquidException.Rejected.class);
  }

  @Test
  void aDuplicateNonceOnTheFirstAnswerIsResolvedByCloid() {
    // e.g. the HTTP stack resent the request after the connection dropped, and the first copy had
    // executed
    api.exchange("{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + T0 + "\"}")
        .info("orderStatus", fixture("orderStatus.json"));
    assertThat(client().build().place(List.of(buy("0.001", "65000", C1))))
        .containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(api.calls("/exchange")).hasSize(1);
  }

  @Test
  void aDuplicateNonceWithNothingKnownIsThrown() {
    api.exchange("{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + T0 + "\"}")
        .info("orderStatus", "{\"status\":\"unknownOid\"}");
    assertThatThrownBy(() -> client().build().place(List.of(buy("0.001", "65000", C1))))
        .isInstanceOf(HyperliquidException.Rejected.class)
        .hasMessageContaining("duplicate nonce")
        .satisfies(
            e -> assertThat(((HyperliquidException.Rejected) e).isDuplicateNonce()).isTrue());
  }

  @Test
  void invalidTicksAndLotsAreRefusedBeforeAnythingIsSent() {
    HyperliquidExchange hl = client().build();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> hl.place(List.of(buy("0.001", "65000.5", C1))))
        .withMessageContaining("limitPrice 65000.5 for BTC is not a valid tick");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> hl.place(List.of(buy("0.000001", "65000", C1))))
        .withMessageContaining("size 0.000001 for BTC has more than 5 decimals");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                hl.place(
                    List.of(
                        new OrderRequest(
                            Asset.of("NOPE"),
                            Side.BUY,
                            BigDecimal.ONE,
                            BigDecimal.TEN,
                            TimeInForce.GTC,
                            false,
                            C1))))
        .withMessageContaining("unknown asset 'NOPE'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> hl.setLeverage(BTC, 51, MarginMode.CROSS))
        .withMessageContaining("[1, 50] but was 51");
    assertThat(api.calls("/exchange")).isEmpty();
  }

  @Test
  void roundsWithTheAssetsOwnPrecisionFromACachedMeta() {
    HyperliquidExchange hl = HyperliquidExchange.builder().baseUrl(api.baseUrl()).build();
    assertThat(
            hl.roundPrice(
                Asset.of("ETH"), new BigDecimal("3012.345"), java.math.RoundingMode.CEILING))
        .isEqualByComparingTo("3012.4");
    assertThat(
            hl.roundPrice(
                Asset.of("HPOS"), new BigDecimal("0.12345678"), java.math.RoundingMode.FLOOR))
        .isEqualByComparingTo("0.12345");
    assertThat(hl.roundSize(Asset.of("HPOS"), new BigDecimal("12.7"), java.math.RoundingMode.DOWN))
        .isEqualByComparingTo("12");
    assertThat(hl.roundSize(BTC, new BigDecimal("0.0012345678"), java.math.RoundingMode.DOWN))
        .isEqualByComparingTo("0.00123");
    assertThat(api.infoCalls("meta")).hasSize(1);
  }

  @Test
  void readOnlyClientRefusesToTrade() {
    HyperliquidExchange hl = HyperliquidExchange.builder().baseUrl(api.baseUrl()).build();
    assertThat(hl.network()).isEqualTo(Network.TESTNET);
    assertThatIllegalStateException()
        .isThrownBy(() -> hl.setLeverage(BTC, 2, MarginMode.CROSS))
        .withMessageContaining("read-only");
    assertThatIllegalStateException()
        .isThrownBy(hl::accountState)
        .withMessageContaining("account address");
  }

  @Test
  void defaultsToTestnetAndMainnetMustBeExplicit() {
    assertThat(HyperliquidExchange.builder().build().baseUrl())
        .isEqualTo("https://api.hyperliquid-testnet.xyz/");
    assertThat(HyperliquidExchange.builder().network(Network.MAINNET).build().baseUrl())
        .isEqualTo("https://api.hyperliquid.xyz/");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HyperliquidExchange.builder().baseUrl("localhost:3001"))
        .withMessageContaining("localhost:3001");
    assertThat(client().signer(AGENT).build().toString())
        .contains(AGENT.address())
        .doesNotContain("822e9959");
  }

  @Test
  void cancelsReportWhetherTheOrderWasStillOpen() {
    api.exchange(
            "{\"status\":\"ok\",\"response\":{\"type\":\"cancel\",\"data\":{\"statuses\":[\"success\"]}}}")
        .exchange(
            "{\"status\":\"ok\",\"response\":{\"type\":\"cancel\",\"data\":{\"statuses\":[{\"error\":\"Order was never placed, already canceled, or filled.\"}]}}}");
    HyperliquidExchange hl = client().build();
    assertThat(hl.cancel(BTC, 91490942)).isTrue();
    assertThat(hl.cancelByCloid(BTC, C1)).isFalse();
    List<FakeApi.Call> sent = api.calls("/exchange");
    assertThat(Json.write(sent.get(0).json().get("action")))
        .isEqualTo("{\"type\":\"cancel\",\"cancels\":[{\"a\":0,\"o\":91490942}]}");
    assertThat(Json.write(sent.get(1).json().get("action")))
        .isEqualTo(
            "{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":0,\"cloid\":\"0x00000000000000000000000000000001\"}]}");
  }

  @Test
  void positionTpslAndModify() {
    api.exchange(
            "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[{\"resting\":{\"oid\":5}}]}}}")
        .exchange(
            "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[{\"resting\":{\"oid\":6,\"cloid\":\"0x00000000000000000000000000000002\"}}]}}}");
    HyperliquidExchange hl = client().build();
    assertThat(hl.placeProtection(List.of(trigger(TriggerKind.STOP_LOSS, "60000", C1))))
        .containsExactly(new OrderResult.Resting(5, C1));
    assertThat(hl.modify(5, buy("0.002", "64000", C2))).isEqualTo(new OrderResult.Resting(6, C2));
    List<FakeApi.Call> sent = api.calls("/exchange");
    assertThat(Json.write(sent.get(0).json().get("action")))
        .endsWith("\"grouping\":\"positionTpsl\"}");
    assertThat(Json.write(sent.get(1).json().get("action")))
        .isEqualTo(
            "{\"type\":\"batchModify\",\"modifies\":[{\"oid\":5,\"order\":"
                + "{\"a\":0,\"b\":true,\"p\":\"64000\",\"s\":\"0.002\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x00000000000000000000000000000002\"}}]}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void approveAgentIsUserSignedAndPostedWithoutAnEmptyName() {
    api.exchange("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}")
        .exchange("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
    HyperliquidExchange hl = client().build();
    hl.approveAgent(AGENT.address().toUpperCase().replace("0X", "0x"), null);
    hl.usdSend("0x5e9ee1089755c3435139848e47e6635505d5a13a", new BigDecimal("1.50"));
    Map<String, Object> approve = api.calls("/exchange").get(0).json();
    assertThat(Json.write(approve.get("action")))
        .isEqualTo(
            "{\"type\":\"approveAgent\",\"agentAddress\":\""
                + AGENT.address()
                + "\",\"nonce\":"
                + T0
                + ",\"signatureChainId\":\"0x66eee\",\"hyperliquidChain\":\"Testnet\"}");
    assertThat(approve).containsEntry("vaultAddress", null).containsEntry("expiresAfter", null);
    Map<String, Object> sig = (Map<String, Object>) approve.get("signature");
    Signature s =
        Signature.of((String) sig.get("r"), (String) sig.get("s"), lng(sig.get("v")).intValue());
    assertThat(Signing.recoverUserSignedSigner((Map<String, Object>) approve.get("action"), s))
        .isEqualTo(MASTER_ADDR);
    Map<String, Object> send = api.calls("/exchange").get(1).json();
    assertThat(Json.write(send.get("action")))
        .isEqualTo(
            "{\"destination\":\"0x5e9ee1089755c3435139848e47e6635505d5a13a\",\"amount\":\"1.5\",\"time\":"
                + (T0 + 1)
                + ",\"type\":\"usdSend\",\"signatureChainId\":\"0x66eee\",\"hyperliquidChain\":\"Testnet\"}");
  }

  @Test
  void marketOrderIsAnIocBoundedBySlippageAndRoundedTowardsTheMid() {
    api.info("allMids", "{\"BTC\":\"65000.5\",\"ETH\":\"3000.05\",\"@1\":\"0.5\"}");
    HyperliquidExchange hl = client().build();
    OrderRequest buy =
        hl.marketOrder(BTC, Side.BUY, new BigDecimal("0.001"), new BigDecimal("0.01"), C1);
    assertThat(buy.timeInForce()).isEqualTo(TimeInForce.IOC);
    assertThat(buy.limitPrice())
        .isEqualByComparingTo("65650"); // 65650.505 floored to 5 significant figures
    OrderRequest sell =
        hl.marketOrder(
            Asset.of("ETH"), Side.SELL, new BigDecimal("0.1"), new BigDecimal("0.05"), C2);
    assertThat(sell.limitPrice()).isEqualByComparingTo("2850.1"); // 2850.0475 ceiled
  }

  @Test
  void aMarketCloseCanBeReduceOnly() {
    api.info("allMids", "{\"BTC\":\"65000.5\",\"ETH\":\"3000.05\",\"@1\":\"0.5\"}");
    HyperliquidExchange hl = client().build();
    OrderRequest close =
        hl.marketOrder(BTC, Side.SELL, new BigDecimal("0.001"), new BigDecimal("0.01"), true, C1);
    assertThat(close.reduceOnly()).isTrue();
    assertThat(close.timeInForce()).isEqualTo(TimeInForce.IOC);
    assertThat(close.limitPrice())
        .isEqualByComparingTo("64351"); // 64350.495 ceiled to 5 significant figures
    assertThat(
            hl.marketOrder(BTC, Side.SELL, new BigDecimal("0.001"), new BigDecimal("0.01"), C1)
                .reduceOnly())
        .isFalse();
  }

  @Test
  void marketDataParsesDocumentedShapes() {
    api.info("metaAndAssetCtxs", fixture("metaAndAssetCtxs.json"))
        .info("allMids", "{\"BTC\":\"65000.5\",\"@1\":\"0.5\"}")
        .info("candleSnapshot", fixture("candleSnapshot.json"))
        .info("l2Book", fixture("l2Book.json"));
    HyperliquidExchange hl = client().build();

    assertThat(hl.assets())
        .extracting(
            a ->
                a.asset().name() + "/" + a.index() + "/" + a.sizeDecimals() + "/" + a.maxLeverage())
        .containsExactly("BTC/0/5/50", "ETH/1/4/50", "HPOS/2/0/3", "LOOM/3/1/3");
    Map<Asset, AssetContext> ctx = hl.contexts();
    assertThat(ctx).containsOnlyKeys(BTC, Asset.of("ETH"), Asset.of("HPOS"));
    assertThat(ctx.get(Asset.of("ETH")).midPrice()).isNull();
    assertThat(ctx.get(Asset.of("ETH")).fundingRate()).isEqualByComparingTo("-0.00001");
    assertThat(ctx.get(BTC).dayVolumeUsd()).isEqualByComparingTo("1169046.29406");
    assertThat(hl.mids()).containsEntry(BTC, new BigDecimal("65000.5"));

    List<Candle> candles =
        hl.candles(
            BTC,
            Interval.M15,
            Instant.ofEpochMilli(1681923600000L),
            Instant.ofEpochMilli(1681925399999L));
    assertThat(candles).hasSize(2);
    assertThat(candles.getFirst())
        .isEqualTo(
            new Candle(
                Instant.ofEpochMilli(1681923600000L),
                Interval.M15,
                29295,
                29309,
                29250,
                29258,
                0.98639));
    assertThat(Json.write(api.infoCalls("candleSnapshot").getFirst()))
        .isEqualTo(
            "{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\",\"interval\":\"15m\",\"startTime\":1681923600000,\"endTime\":1681925399999}}");

    OrderBook book = hl.orderBook(BTC, 2);
    assertThat(book.bids())
        .containsExactly(
            new OrderBook.Level(new BigDecimal("113377.0"), new BigDecimal("7.6699"), 17),
            new OrderBook.Level(new BigDecimal("113376.0"), new BigDecimal("0.5"), 2));
    assertThat(book.asks()).hasSize(2);
    assertThat(book.time()).isEqualTo(Instant.ofEpochMilli(1754450974231L));
  }

  @Test
  void accountOrdersAndFillsParseDocumentedShapes() {
    api.info("clearinghouseState", fixture("clearinghouseState.json"))
        .info("frontendOpenOrders", fixture("frontendOpenOrders.json"))
        .info("userFillsByTime", fixture("userFills.json"))
        .info("userFills", fixture("userFills.json"))
        .info("orderStatus", fixture("orderStatus.json"));
    HyperliquidExchange hl = client().build();

    AccountState s = hl.accountState();
    assertThat(s.equity()).isEqualByComparingTo("13109.482328");
    assertThat(s.marginUsed()).isEqualByComparingTo("4.967826");
    assertThat(s.withdrawable()).isEqualByComparingTo("13104.514502");
    assertThat(s.time()).isEqualTo(Instant.ofEpochMilli(1708622398623L));
    assertThat(s.position(Asset.of("ETH")).orElseThrow().leverage()).isEqualTo(20);
    assertThat(s.position(BTC).orElseThrow().isLong()).isFalse();
    assertThat(s.position(BTC).orElseThrow().liquidationPrice()).isNull();

    List<OpenOrder> orders = hl.openOrders();
    assertThat(orders).hasSize(3);
    assertThat(orders.get(0).cloid()).isEqualTo(C1);
    assertThat(orders.get(0).size()).isEqualByComparingTo("0.4");
    assertThat(orders.get(1).trigger()).isEqualTo(TriggerKind.STOP_LOSS);
    assertThat(orders.get(1).triggerPrice()).isEqualByComparingTo("2750");
    assertThat(orders.get(1).reduceOnly()).isTrue();
    assertThat(orders.get(2).trigger()).isEqualTo(TriggerKind.TAKE_PROFIT);

    List<Fill> fills = hl.fills(Instant.ofEpochMilli(1681222254000L));
    assertThat(fills).hasSize(2);
    assertThat(fills.get(1).fee()).isEqualByComparingTo("-0.02");
    assertThat(fills.get(1).closedPnl()).isEqualByComparingTo("-1.25");
    assertThat(fills.get(1).closing()).isTrue();
    assertThat(fills.get(1).taker()).isTrue();
    assertThat(fills.get(1).cloid()).isEqualTo(C2);
    assertThat(Json.write(api.infoCalls("userFillsByTime").getFirst()))
        .isEqualTo(
            "{\"type\":\"userFillsByTime\",\"user\":\""
                + MASTER_ADDR
                + "\",\"startTime\":1681222254000,\"aggregateByTime\":false}");
    assertThat(hl.recentFills()).hasSize(2);

    OrderStatus st = hl.orderStatus(77738308).orElseThrow();
    assertThat(st.isOpen()).isTrue();
    assertThat(st.order().cloid()).isEqualTo(C1);
    assertThat(st.statusTime()).isEqualTo(Instant.ofEpochMilli(1700000000200L));
    assertThat(hl.orderByCloid(C1)).map(OpenOrder::orderId).contains(77738308L);
    assertThat(api.infoCalls("orderStatus").getFirst()).containsEntry("oid", num(77738308L));
  }

  static String fillJson(long oid, long time) {
    return "{\"coin\":\"BTC\",\"side\":\"B\",\"px\":\"65000\",\"sz\":\"0.001\",\"time\":"
        + time
        + ",\"fee\":\"0.01\",\"oid\":"
        + oid
        + ",\"hash\":\"0x"
        + Long.toHexString(oid)
        + "\",\"crossed\":false,\"startPosition\":\"0\",\"closedPnl\":\"0\",\"tid\":"
        + oid
        + "}";
  }

  @Test
  void fillsArePagedByTimeWithoutDuplicates() {
    StringBuilder page1 = new StringBuilder("[");
    for (int i = 0; i < 500; i++)
      page1.append(i == 0 ? "" : ",").append(fillJson(1000 + i, T0 + i));
    page1.append("]");
    // The second page starts at the last time seen (inclusive), so it repeats that fill once.
    String page2 = "[" + fillJson(1499, T0 + 499) + "," + fillJson(2000, T0 + 600) + "]";
    api.infoOnce("userFillsByTime", json(200, page1.toString()))
        .infoOnce("userFillsByTime", json(200, page2));
    List<Fill> fills = client().build().fills(Instant.ofEpochMilli(T0));
    assertThat(fills).hasSize(501);
    assertThat(fills.getLast().orderId()).isEqualTo(2000);
    assertThat(api.infoCalls("userFillsByTime"))
        .extracting(m -> m.get("startTime"))
        .containsExactly(num(T0), num(T0 + 499));
  }

  @Test
  void twoFillsAlikeButForTheirTradeIdAreBothKept() {
    // One order filled against two equal resting orders at one price: same hash, order, time,
    // size and price; two trades.
    String one = fillJson(1000, T0);
    String two = one.replace("\"tid\":1000", "\"tid\":1001");
    assertThat(two).isNotEqualTo(one);
    api.infoOnce("userFillsByTime", json(200, "[" + one + "," + two + "]"));
    assertThat(client().build().fills(Instant.ofEpochMilli(T0))).hasSize(2);
  }

  @Test
  void candlesArePagedByOpenTime() {
    StringBuilder page1 = new StringBuilder("[");
    long t = 1_700_000_000_000L;
    for (int i = 0; i < 500; i++) {
      page1
          .append(i == 0 ? "" : ",")
          .append("{\"t\":")
          .append(t + i * 60_000L)
          .append(",\"T\":")
          .append(t + i * 60_000L + 59_999)
          .append(
              ",\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"1\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"1\",\"n\":1}");
    }
    page1.append("]");
    String page2 =
        "[{\"t\":"
            + (t + 500 * 60_000L)
            + ",\"T\":0,\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"2\",\"c\":\"2\",\"h\":\"2\",\"l\":\"2\",\"v\":\"2\",\"n\":1}]";
    api.infoOnce("candleSnapshot", json(200, page1.toString()))
        .infoOnce("candleSnapshot", json(200, page2));
    List<Candle> candles =
        client()
            .build()
            .candles(
                BTC, Interval.M1, Instant.ofEpochMilli(t), Instant.ofEpochMilli(t + 600 * 60_000L));
    assertThat(candles).hasSize(501);
    assertThat(candles.getLast().close()).isEqualTo(2.0);
    assertThat(api.infoCalls("candleSnapshot")).hasSize(2);
  }

  @Test
  void aStatusCountMismatchIsMalformedAndSaysOrdersMayExist() {
    api.exchange(OK_3);
    assertThatThrownBy(() -> client().build().place(List.of(buy("0.001", "65000", C1))))
        .isInstanceOf(HyperliquidException.Malformed.class)
        .hasMessageContaining("3 statuses for 1 orders")
        .hasMessageContaining("may have been accepted");
  }

  @Test
  void modifyByCloidSendsTheCloidAsOid() {
    api.exchange(
        "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[{\"error\":\"Cannot modify canceled or filled order\"}]}}}");
    OrderResult r = client().build().modify(C1, buy("0.002", "64000", C2));
    assertThat(r).isEqualTo(new OrderResult.Rejected("Cannot modify canceled or filled order", C2));
    assertThat(Json.write(api.calls("/exchange").getFirst().json().get("action")))
        .startsWith("{\"type\":\"batchModify\",\"modifies\":[{\"oid\":\"" + C1.hex() + "\",");
  }

  @Test
  void unknownOrderStatusIsEmpty() {
    api.info("orderStatus", "{\"status\":\"unknownOid\"}");
    assertThat(client().build().orderByCloid(C1)).isEmpty();
  }

  @Test
  void wrongShapesAreMalformedAndNameTheField() {
    api.info("clearinghouseState", "{\"assetPositions\":[],\"withdrawable\":\"1\"}");
    assertThatThrownBy(() -> client().build().accountState())
        .isInstanceOf(HyperliquidException.Malformed.class)
        .hasMessageContaining("clearinghouseState")
        .hasMessageContaining("marginSummary");
  }

  @Test
  void anAccountWithoutAssetPositionsIsMalformedNotFlat() {
    api.info(
        "clearinghouseState",
        "{\"marginSummary\":{\"accountValue\":\"100\",\"totalMarginUsed\":\"0\"},\"withdrawable\":\"100\",\"time\":1}");
    assertThatThrownBy(() -> client().build().accountState())
        .isInstanceOf(HyperliquidException.Malformed.class)
        .hasMessageContaining("clearinghouseState")
        .hasMessageContaining("assetPositions");
  }

  @Test
  void aGarbledLeverageIsMalformed() {
    api.info(
        "clearinghouseState",
        "{\"marginSummary\":{\"accountValue\":\"100\",\"totalMarginUsed\":\"0\"},\"withdrawable\":\"100\",\"assetPositions\":"
            + "[{\"type\":\"oneWay\",\"position\":{\"coin\":\"BTC\",\"szi\":\"0.1\",\"entryPx\":\"50000\",\"unrealizedPnl\":\"0\",\"marginUsed\":\"500\","
            + "\"leverage\":\"ten\"}}]}");
    assertThatThrownBy(() -> client().build().accountState())
        .isInstanceOf(HyperliquidException.Malformed.class)
        .hasMessageContaining("leverage");
  }

  @Test
  void aGarbledOrderStatusIsMalformedNotUnknown() {
    api.info("orderStatus", "{\"status\":\"maintenance\"}");
    assertThatThrownBy(() -> client().build().orderByCloid(C1))
        .isInstanceOf(HyperliquidException.Malformed.class)
        .hasMessageContaining("orderStatus")
        .hasMessageContaining("maintenance");
  }

  @Test
  void aCancelledOrderThatFilledInPartResolvesAsFilledNotRejected() {
    api.info(
            "orderStatus",
            fixture("orderStatus.json").replace("\"status\":\"open\"", "\"status\":\"canceled\""))
        .info(
            "userFills",
            "[{\"coin\":\"BTC\",\"side\":\"B\",\"px\":\"64990.0\",\"sz\":\"0.0004\",\"time\":1700000000150,\"fee\":\"0.02\",\"oid\":77738308,"
                + "\"hash\":\"0x1\",\"crossed\":true,\"startPosition\":\"0.0\",\"closedPnl\":\"0.0\"}]");
    assertThat(client().build().orderResult(C1))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .isInstanceOfSatisfying(
                        OrderResult.Filled.class,
                        f -> {
                          assertThat(f.totalSize()).isEqualByComparingTo("0.0004");
                          assertThat(f.averagePrice()).isEqualByComparingTo("64990");
                        }));
  }

  @Test
  void aCancelledOrderWithoutFillsResolvesAsRejected() {
    api.info(
            "orderStatus",
            fixture("orderStatus.json").replace("\"status\":\"open\"", "\"status\":\"canceled\""))
        .info("userFills", "[]");
    assertThat(client().build().orderResult(C1))
        .hasValueSatisfying(r -> assertThat(r).isInstanceOf(OrderResult.Rejected.class));
  }

  @Test
  void afterATimeoutACloidTheExchangeDoesNotKnowIsNotTakenForAnAcceptedOrder() {
    api.exchange(stalled())
        .infoOnce("orderStatus", json(200, fixture("orderStatus.json")))
        .info("orderStatus", "{\"status\":\"unknownOid\"}");
    List<OrderResult> r =
        shortTimeout().place(List.of(buy("0.001", "65000", C1), buy("0.001", "64000", C2)));
    assertThat(r.get(0)).isEqualTo(new OrderResult.Resting(77738308, C1));
    assertThat(r.get(1))
        .isInstanceOfSatisfying(
            OrderResult.Rejected.class, x -> assertThat(x.error()).contains("unknown"));
    assertThat(api.calls("/exchange")).hasSize(1);
  }
}
