package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.SimHttp.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.hyperliquid.HyperliquidException;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.Signature;
import dev.rez.hyperliquid.Signing;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent wallets: userRole and extraAgents answer as the exchange does, and a client checks its
 * signer with them.
 */
class SimulatorAgentTest {
  static final PrivateKeySigner MASTER = PrivateKeySigner.fromHex(SimHttp.KEY);
  static final PrivateKeySigner AGENT = PrivateKeySigner.fromHex("0x" + "22".repeat(32));
  static final PrivateKeySigner OTHER_MASTER = PrivateKeySigner.fromHex("0x" + "33".repeat(32));

  HyperliquidSimulator sim;
  SimHttp http;

  @BeforeEach
  void start() throws Exception {
    sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 40)
            .fund(ADDRESS, new BigDecimal("1000"))
            .fund(OTHER_MASTER.address(), new BigDecimal("1000"))
            .start();
    http = new SimHttp(sim.baseUrl());
    HyperliquidExchange.builder()
        .baseUrl(sim.baseUrl())
        .signer(MASTER)
        .build()
        .approveAgent(AGENT.address(), "bot");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  HyperliquidExchange.Builder agentClient(String account) {
    return HyperliquidExchange.builder()
        .baseUrl(sim.baseUrl())
        .signer(AGENT)
        .accountAddress(account);
  }

  @Test
  void userRoleAndExtraAgentsHaveTheExchangesShapes() throws Exception {
    assertThat(http.info(Map.of("type", "userRole", "user", AGENT.address())))
        .isEqualTo(Map.of("role", "agent", "data", Map.of("user", ADDRESS)));
    assertThat(http.info(Map.of("type", "userRole", "user", ADDRESS)))
        .isEqualTo(Map.of("role", "user"));
    assertThat(http.info(Map.of("type", "userRole", "user", "0x" + "ab".repeat(20))))
        .isEqualTo(Map.of("role", "missing"));
    assertThat(http.info(Map.of("type", "extraAgents", "user", ADDRESS)))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "bot",
                    "address",
                    AGENT.address().toLowerCase(),
                    "validUntil",
                    new BigDecimal(AccountInfo.NEVER))));
    assertThat(http.info(Map.of("type", "extraAgents", "user", OTHER_MASTER.address())))
        .isEqualTo(List.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theQueriesClientsAskBeforeTradingHaveTheExchangesShapes() throws Exception {
    Map<String, Object> fees =
        (Map<String, Object>) http.info(Map.of("type", "userFees", "user", ADDRESS));
    assertThat(fees)
        .containsKeys(
            "dailyUserVlm", "feeSchedule", "userCrossRate", "userAddRate", "activeReferralDiscount")
        .containsEntry("userCrossRate", "0.00045")
        .containsEntry("userAddRate", "0.00015")
        .containsEntry("feeTrialEscrow", "0.0") // the exchange's name now (once feeTrialReward)
        .doesNotContainKey("feeTrialReward");
    Map<String, Object> limit =
        (Map<String, Object>) http.info(Map.of("type", "userRateLimit", "user", ADDRESS));
    assertThat(limit)
        .containsOnlyKeys("cumVlm", "nRequestsUsed", "nRequestsCap", "nRequestsSurplus")
        .containsEntry("nRequestsCap", new BigDecimal(10000));
    assertThat(http.info(Map.of("type", "perpDexs")))
        .isEqualTo(java.util.Arrays.asList((Object) null));
    List<Object> spot = (List<Object>) http.info(Map.of("type", "spotMetaAndAssetCtxs"));
    assertThat(((Map<String, Object>) spot.getFirst()).get("universe")).isEqualTo(List.of());
    assertThat(http.info(Map.of("type", "userAbstraction", "user", ADDRESS))).isEqualTo("default");
    // What the simulator has no such thing as: answered as for an account without any.
    for (String none : List.of("subAccounts", "userToMultiSigSigners", "userDexAbstraction"))
      assertThat(
              http.post("/info", "{\"type\":\"" + none + "\",\"user\":\"" + ADDRESS + "\"}").body())
          .as(none)
          .isEqualTo("null");
    for (String empty :
        List.of(
            "userVaultEquities",
            "userTwapSliceFills",
            "userTwapSliceFillsByTime",
            "twapHistory",
            "leadingVaults",
            "approvedBuilders",
            "delegations",
            "delegatorHistory",
            "delegatorRewards"))
      assertThat(http.info(Map.of("type", empty, "user", ADDRESS))).as(empty).isEqualTo(List.of());
    for (String none : List.of("vaultSummaries", "perpsAtOpenInterestCap"))
      assertThat(http.info(Map.of("type", none))).as(none).isEqualTo(List.of());
    assertThat(http.info(Map.of("type", "delegatorSummary", "user", ADDRESS)))
        .isEqualTo(
            Map.of(
                "delegated",
                "0.0",
                "undelegated",
                "0.0",
                "totalPendingWithdrawal",
                "0.0",
                "nPendingWithdrawals",
                BigDecimal.ZERO));
    assertThat(http.post("/info", "{\"type\":\"subAccounts\"}").statusCode()).isEqualTo(422);
    assertThat(http.post("/info", "{\"type\":\"referral\",\"user\":\"" + ADDRESS + "\"}").body())
        .isEqualTo(
            "Failed to deserialize the JSON body into the target type: unknown info type 'referral'");
  }

  @Test
  void anAgentOfTheAccountMayTradeForIt() {
    agentClient(ADDRESS).build().verifySigner();
    // The key's own account needs no check.
    HyperliquidExchange.builder().baseUrl(sim.baseUrl()).signer(MASTER).build().verifySigner();
  }

  @Test
  void anAgentNamedWithTheWrongAccountIsRefusedBeforeItTrades() {
    assertThatThrownBy(() -> agentClient(OTHER_MASTER.address()).build().verifySigner())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is an agent of " + ADDRESS)
        .hasMessageContaining("not of the account " + OTHER_MASTER.address().toLowerCase());
    PrivateKeySigner stranger = PrivateKeySigner.fromHex("0x" + "44".repeat(32));
    assertThatThrownBy(
            () ->
                HyperliquidExchange.builder()
                    .baseUrl(sim.baseUrl())
                    .signer(stranger)
                    .accountAddress(ADDRESS)
                    .build()
                    .verifySigner())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("role on the exchange: missing");
  }

  @Test
  void anExpiredActionIsRefusedAndAFreshOneAccepted() throws Exception {
    long nonce = System.currentTimeMillis();
    Map<String, Object> noop = Map.of("type", "noop");
    Signature sig = Signing.signL1Action(MASTER, noop, nonce, null, nonce - 1, Network.TESTNET);
    String body =
        "{\"action\":{\"type\":\"noop\"},\"nonce\":"
            + nonce
            + ",\"signature\":"
            + dev.rez.json.Json.write(sig.toWire())
            + ",\"vaultAddress\":null,\"expiresAfter\":"
            + (nonce - 1)
            + "}";
    Map<String, Object> r = Json.object(Json.parse(http.post("/exchange", body).body()), "r");
    assertThat(r).containsEntry("status", "err");
    assertThat((String) r.get("response")).contains("expire");
    // The client's default expiry (a minute) is accepted.
    assertThatThrownBy(
            () ->
                HyperliquidExchange.builder()
                    .baseUrl(sim.baseUrl())
                    .signer(stranger())
                    .build()
                    .scheduleCancel(java.time.Instant.now()))
        .isInstanceOf(HyperliquidException.class);
    agentClient(ADDRESS)
        .build()
        .setLeverage(dev.rez.core.Asset.of("BTC"), 5, dev.rez.core.MarginMode.CROSS);
  }

  private static PrivateKeySigner stranger() {
    return PrivateKeySigner.fromHex("0x" + "55".repeat(32));
  }
}
