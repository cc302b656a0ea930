package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code webData2} answer (info request and WebSocket subscription): what Hyperliquid's web
 * frontend reads of one account and of the perp markets in one object. Fields the simulator has no
 * such thing as (vaults, TWAP orders, spot balances, open-interest caps) carry the values the
 * exchange sends for an account without them. Called under the engine's lock.
 */
final class WebData2 {
  private WebData2() {}

  /** The answer for {@code user} (lower case), also for an address without an account. */
  static Map<String, Object> of(Api api, Engine engine, String user) {
    InfoResponses infos = api.infos();
    Account a = engine.account(user);
    String agent = api.agentNames.get(user + "/");
    if (agent != null && !user.equals(api.agents.get(agent))) agent = null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clearinghouseState", infos.clearinghouseState(user));
    out.put("leadingVaults", List.of());
    out.put("totalVaultEquity", "0.0");
    out.put("openOrders", infos.frontendOpenOrders(user));
    out.put("agentAddress", agent);
    out.put("agentValidUntil", agent == null ? null : AccountInfo.NEVER);
    // The USDC moved into the account less what left it: deposits and transfers, not trading.
    out.put("cumLedger", Prices.usd(a == null ? BigDecimal.ZERO : a.deposits));
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
}
