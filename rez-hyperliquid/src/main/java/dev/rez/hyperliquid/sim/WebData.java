package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Hyperliquid's web frontend reads of one account in one object: {@code webData2} (info
 * request and WebSocket subscription) and its successor subscription {@code webData3}. Fields the
 * simulator has no such thing as (vaults, TWAP orders, spot assets, open-interest caps) carry the
 * values the exchange sends for an account without them. Called under the engine's lock.
 */
final class WebData {
  private WebData() {}

  /** The {@code webData2} answer for {@code user} (lower case), also without an account. */
  static Map<String, Object> webData2(Api api, Engine engine, String user) {
    InfoResponses infos = api.infos();
    String agent = agent(api, user);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clearinghouseState", infos.clearinghouseState(user));
    out.put("leadingVaults", List.of());
    out.put("totalVaultEquity", "0.0");
    out.put("openOrders", infos.frontendOpenOrders(user));
    out.put("agentAddress", agent);
    out.put("agentValidUntil", agent == null ? null : AccountInfo.NEVER);
    out.put("cumLedger", cumLedger(engine, user));
    out.put("meta", infos.meta());
    out.put("assetCtxs", infos.assetCtxs());
    out.put("serverTime", engine.now());
    out.put("isVault", false);
    out.put("user", user);
    out.put("twapStates", List.of());
    out.put("spotState", infos.spotClearinghouseState(user));
    out.put("spotAssetCtxs", List.of());
    out.put("perpsAtOpenInterestCap", List.of());
    return out;
  }

  /**
   * The {@code webData3} event: the account's part of {@code webData2} ({@code userState}) and, per
   * perp dex (only the first here), what it has in vaults and the markets at their open-interest
   * cap ({@code perpDexStates}); the rest comes by the component subscriptions.
   */
  static Map<String, Object> webData3(Api api, Engine engine, String user) {
    String agent = agent(api, user);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("agentAddress", agent);
    state.put("agentValidUntil", agent == null ? null : AccountInfo.NEVER);
    state.put("cumLedger", cumLedger(engine, user));
    state.put("serverTime", engine.now());
    state.put("isVault", false);
    state.put("user", user);
    Map<String, Object> dex = new LinkedHashMap<>();
    dex.put("totalVaultEquity", "0.0");
    dex.put("perpsAtOpenInterestCap", List.of());
    dex.put("leadingVaults", List.of());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userState", state);
    out.put("perpDexStates", List.of(dex));
    return out;
  }

  /** The unnamed agent {@code user} approved, which the frontend trades with; null if none. */
  private static String agent(Api api, String user) {
    String agent = api.agentNames.get(user + "/");
    return agent != null && user.equals(api.agents.get(agent)) ? agent : null;
  }

  /** The USDC moved into the account less what left it: deposits and transfers, not trading. */
  private static String cumLedger(Engine engine, String user) {
    Account a = engine.account(user);
    return Prices.usd(a == null ? BigDecimal.ZERO : a.deposits);
  }
}
