package dev.rez.hyperliquid;

import dev.rez.core.TimeInForce;
import dev.rez.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders of action trees in the exact key order the exchange hashes (the SDK's). Internal. */
final class WireActions {
  private WireActions() {}

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static Map<String, Object> limit(TimeInForce tif) {
    String t =
        switch (tif) {
          case GTC -> "Gtc";
          case IOC -> "Ioc";
          case ALO -> "Alo";
        };
    return map("limit", map("tif", t));
  }

  /** Key order isMarket, triggerPx, tpsl. */
  static Map<String, Object> trigger(boolean isMarket, String triggerPx, String tpsl) {
    return map("trigger", map("isMarket", isMarket, "triggerPx", triggerPx, "tpsl", tpsl));
  }

  /** {@code {a, b, p, s, r, t[, c]}}. */
  static Map<String, Object> orderWire(
      int asset,
      boolean isBuy,
      String px,
      String sz,
      boolean reduceOnly,
      Map<String, Object> type,
      String cloid) {
    Map<String, Object> m =
        map("a", asset, "b", isBuy, "p", px, "s", sz, "r", reduceOnly, "t", type);
    if (cloid != null) m.put("c", cloid);
    return m;
  }

  static Map<String, Object> order(List<Map<String, Object>> orders, String grouping) {
    return map("type", "order", "orders", orders, "grouping", grouping);
  }

  static Map<String, Object> cancel(int asset, long oid) {
    return map("type", "cancel", "cancels", List.of(map("a", asset, "o", oid)));
  }

  static Map<String, Object> cancelByCloid(int asset, String cloid) {
    return map("type", "cancelByCloid", "cancels", List.of(map("asset", asset, "cloid", cloid)));
  }

  /** {@code oid} is a Long order id or a cloid string. */
  static Map<String, Object> batchModify(Object oid, Map<String, Object> order) {
    return map("type", "batchModify", "modifies", List.of(map("oid", oid, "order", order)));
  }

  static Map<String, Object> updateLeverage(int asset, boolean isCross, int leverage) {
    return map("type", "updateLeverage", "asset", asset, "isCross", isCross, "leverage", leverage);
  }

  /**
   * {@code ntli}: USD × 10^6, negative to remove margin; {@code isBuy} is always true, as in the
   * SDK.
   */
  static Map<String, Object> updateIsolatedMargin(int asset, long ntli) {
    return map("type", "updateIsolatedMargin", "asset", asset, "isBuy", true, "ntli", ntli);
  }

  static Map<String, Object> scheduleCancel(Long time) {
    Map<String, Object> m = map("type", "scheduleCancel");
    if (time != null) m.put("time", time);
    return m;
  }

  static Map<String, Object> approveAgent(String agentAddress, String agentName, long nonce) {
    return map(
        "type",
        "approveAgent",
        "agentAddress",
        agentAddress,
        "agentName",
        agentName == null ? "" : agentName,
        "nonce",
        nonce);
  }

  static Map<String, Object> usdSend(String destination, String amount, long time) {
    return map("destination", destination, "amount", amount, "time", time, "type", "usdSend");
  }

  /**
   * The {@code /exchange} body: action, nonce, signature, vaultAddress, expiresAfter (nulls
   * written).
   */
  static String envelope(
      Map<String, Object> action,
      long nonce,
      Signature sig,
      String vaultAddress,
      Long expiresAfter) {
    return Json.write(
        map(
            "action",
            action,
            "nonce",
            nonce,
            "signature",
            sig.toWire(),
            "vaultAddress",
            vaultAddress,
            "expiresAfter",
            expiresAfter));
  }
}
