package dev.rez.hyperliquid;

import static dev.rez.hyperliquid.Tree.arr;
import static dev.rez.hyperliquid.Tree.bool;
import static dev.rez.hyperliquid.Tree.dec;
import static dev.rez.hyperliquid.Tree.decOrNull;
import static dev.rez.hyperliquid.Tree.get;
import static dev.rez.hyperliquid.Tree.lng;
import static dev.rez.hyperliquid.Tree.obj;
import static dev.rez.hyperliquid.Tree.str;
import static dev.rez.hyperliquid.Tree.strOrNull;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderBook;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TriggerKind;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps response trees to rez-core values. Internal. */
final class Parsers {
  private Parsers() {}

  static List<AssetInfo> meta(Object tree) {
    Map<String, Object> meta = obj(tree, "meta");
    List<Object> universe = arr(get(meta, "universe", "meta"), "meta.universe");
    List<AssetInfo> out = new ArrayList<>(universe.size());
    for (int i = 0; i < universe.size(); i++) {
      Map<String, Object> u = obj(universe.get(i), "meta.universe[" + i + "]");
      int maxLev =
          (int)
              Math.max(
                  1, u.get("maxLeverage") == null ? 1 : lng(u, "maxLeverage", "meta.universe"));
      out.add(
          new AssetInfo(
              Asset.of(str(u, "name", "meta.universe")),
              i,
              (int) lng(u, "szDecimals", "meta.universe"),
              maxLev));
    }
    return out;
  }

  static Map<Asset, AssetContext> contexts(Object tree) {
    List<Object> pair = arr(tree, "metaAndAssetCtxs");
    if (pair.size() < 2)
      throw new HyperliquidException.Malformed("metaAndAssetCtxs: expected [meta, contexts]", null);
    List<AssetInfo> assets = meta(pair.get(0));
    List<Object> ctxs = arr(pair.get(1), "metaAndAssetCtxs[1]");
    Map<Asset, AssetContext> out = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(assets.size(), ctxs.size()); i++) {
      Map<String, Object> c = obj(ctxs.get(i), "assetCtx");
      BigDecimal mark = decOrNull(c, "markPx", "assetCtx");
      if (mark == null || mark.signum() <= 0)
        continue; // delisted assets keep their slot with no market
      Asset a = assets.get(i).asset();
      out.put(
          a,
          new AssetContext(
              a,
              mark,
              decOrNull(c, "midPx", "assetCtx"),
              orZero(decOrNull(c, "funding", "assetCtx")),
              orZero(decOrNull(c, "openInterest", "assetCtx")),
              orZero(decOrNull(c, "dayNtlVlm", "assetCtx"))));
    }
    return out;
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  static Map<Asset, BigDecimal> mids(Object tree) {
    Map<String, Object> m = obj(tree, "allMids");
    Map<Asset, BigDecimal> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      out.put(Asset.of(e.getKey()), Tree.toDecimal(e.getValue(), e.getKey(), "allMids"));
    }
    return out;
  }

  /**
   * {@code clearinghouseState}. Fails closed: a missing or garbled field (even {@code
   * assetPositions}) is {@link HyperliquidException.Malformed}, never read as an account without
   * positions, since a caller that took it for "flat" would cancel the stop-losses of positions
   * that exist.
   */
  static AccountState accountState(Object tree) {
    String w = "clearinghouseState";
    Map<String, Object> s = obj(tree, w);
    Map<String, Object> summary = obj(get(s, "marginSummary", w), w + ".marginSummary");
    List<Position> positions = new ArrayList<>();
    for (Object ap : arr(get(s, "assetPositions", w), w + ".assetPositions")) {
      Map<String, Object> p =
          obj(get(obj(ap, w + ".assetPositions[]"), "position", w), w + ".position");
      BigDecimal szi = dec(p, "szi", w + ".position");
      if (szi.signum() == 0) continue;
      int leverage =
          p.get("leverage") == null
              ? 1
              : (int)
                  lng(
                      obj(p.get("leverage"), w + ".position.leverage"),
                      "value",
                      w + ".position.leverage");
      positions.add(
          new Position(
              Asset.of(str(p, "coin", w)),
              szi,
              dec(p, "entryPx", w + ".position"),
              dec(p, "unrealizedPnl", w + ".position"),
              Math.max(1, leverage),
              decOrNull(p, "liquidationPx", w),
              dec(p, "marginUsed", w + ".position")));
    }
    Instant time = s.get("time") == null ? Instant.EPOCH : Instant.ofEpochMilli(lng(s, "time", w));
    return new AccountState(
        dec(summary, "accountValue", w + ".marginSummary"),
        dec(summary, "totalMarginUsed", w + ".marginSummary"),
        dec(s, "withdrawable", w),
        positions,
        time);
  }

  /**
   * A {@code frontendOpenOrders} / {@code openOrders} / {@code orderStatus.order.order} element.
   */
  static OpenOrder openOrder(Object tree, String w) {
    Map<String, Object> o = obj(tree, w);
    boolean isTrigger = bool(o, "isTrigger", false);
    TriggerKind kind = null;
    BigDecimal triggerPx = null;
    if (isTrigger) {
      String type = String.valueOf(o.get("orderType"));
      kind = type.startsWith("Take Profit") ? TriggerKind.TAKE_PROFIT : TriggerKind.STOP_LOSS;
      triggerPx = dec(o, "triggerPx", w);
    }
    return new OpenOrder(
        Asset.of(str(o, "coin", w)),
        Side.parse(str(o, "side", w)),
        dec(o, "sz", w),
        dec(o, "limitPx", w),
        lng(o, "oid", w),
        cloid(o, w),
        bool(o, "reduceOnly", false),
        kind,
        triggerPx,
        Instant.ofEpochMilli(lng(o, "timestamp", w)));
  }

  static List<OpenOrder> openOrders(Object tree, String w) {
    List<OpenOrder> out = new ArrayList<>();
    for (Object o : arr(tree, w)) out.add(openOrder(o, w + "[]"));
    return out;
  }

  /**
   * {@code orderStatus}: null when {@code unknownOid}. Any other status than {@code order} or
   * {@code unknownOid} is {@link HyperliquidException.Malformed}: a garbled answer is not evidence
   * that the order does not exist.
   */
  static OrderStatus orderStatus(Object tree) {
    String w = "orderStatus";
    Map<String, Object> s = obj(tree, w);
    Object status = s.get("status");
    if ("unknownOid".equals(status)) return null;
    if (!"order".equals(status))
      throw new HyperliquidException.Malformed(
          w
              + ": unexpected status "
              + (status instanceof String str ? "'" + str + "'" : Json.kind(status)),
          null);
    return orderUpdate(get(s, "order", w), w + ".order");
  }

  /**
   * {@code {"order":{…},"status":…,"statusTimestamp":…}}, as in orderStatus and the orderUpdates
   * stream.
   */
  static OrderStatus orderUpdate(Object tree, String w) {
    Map<String, Object> outer = obj(tree, w);
    Map<String, Object> inner = obj(get(outer, "order", w), w + ".order");
    OpenOrder order = openOrder(inner, w + ".order");
    BigDecimal orig = inner.get("origSz") == null ? order.size() : dec(inner, "origSz", w);
    Instant at =
        outer.get("statusTimestamp") == null
            ? order.placedAt()
            : Instant.ofEpochMilli(lng(outer, "statusTimestamp", w));
    return new OrderStatus(str(outer, "status", w), order, orig, at);
  }

  static Fill fill(Object tree) {
    String w = "fill";
    Map<String, Object> f = obj(tree, w);
    Trade t = trade(f, w);
    return new Fill(
        t.asset(),
        t.side(),
        t.price(),
        t.size(),
        t.time(),
        dec(f, "fee", w),
        orZero(decOrNull(f, "closedPnl", w)),
        lng(f, "oid", w),
        cloid(f, w),
        orZero(decOrNull(f, "startPosition", w)),
        bool(f, "crossed", false),
        t.hash(),
        t.tradeId());
  }

  static List<Fill> fills(Object tree) {
    List<Fill> out = new ArrayList<>();
    for (Object f : arr(tree, "userFills")) out.add(fill(f));
    return out;
  }

  /**
   * {@code userFunding}: {@code [{"delta": {"type": "funding", "coin", "usdc", "szi",
   * "fundingRate"}, "time"}]}.
   */
  static List<FundingPayment> fundings(Object tree) {
    List<FundingPayment> out = new ArrayList<>();
    String w = "userFunding";
    for (Object o : arr(tree, w)) {
      Map<String, Object> e = obj(o, w);
      Map<String, Object> d = obj(get(e, "delta", w), w + ".delta");
      if (!"funding".equals(d.get("type"))) continue;
      out.add(
          new FundingPayment(
              Asset.of(str(d, "coin", w)),
              Instant.ofEpochMilli(lng(e, "time", w)),
              dec(d, "usdc", w),
              dec(d, "fundingRate", w),
              dec(d, "szi", w)));
    }
    return out;
  }

  static Trade trade(Object tree) {
    return trade(obj(tree, "trade"), "trade");
  }

  /**
   * The fields of a trade: coin, side, px, sz, time, tid and hash. A fill carries them too (its
   * side is then the account's, not the taker's).
   */
  private static Trade trade(Map<String, Object> t, String w) {
    return new Trade(
        Asset.of(str(t, "coin", w)),
        Side.parse(str(t, "side", w)),
        dec(t, "px", w),
        dec(t, "sz", w),
        Instant.ofEpochMilli(lng(t, "time", w)),
        t.get("tid") == null ? 0 : lng(t, "tid", w),
        t.get("hash") == null ? "" : str(t, "hash", w));
  }

  static Candle candle(Object tree) {
    String w = "candle";
    Map<String, Object> c = obj(tree, w);
    return new Candle(
        Instant.ofEpochMilli(lng(c, "t", w)),
        Interval.parse(str(c, "i", w)),
        dec(c, "o", w).doubleValue(),
        dec(c, "h", w).doubleValue(),
        dec(c, "l", w).doubleValue(),
        dec(c, "c", w).doubleValue(),
        dec(c, "v", w).doubleValue());
  }

  static OrderBook book(Object tree, int depth) {
    String w = "l2Book";
    Map<String, Object> b = obj(tree, w);
    List<Object> levels = arr(get(b, "levels", w), w + ".levels");
    if (levels.size() != 2)
      throw new HyperliquidException.Malformed(w + ": expected [bids, asks]", null);
    return new OrderBook(
        Asset.of(str(b, "coin", w)),
        levels(levels.get(0), depth),
        levels(levels.get(1), depth),
        b.get("time") == null ? Instant.EPOCH : Instant.ofEpochMilli(lng(b, "time", w)));
  }

  private static List<OrderBook.Level> levels(Object side, int depth) {
    List<OrderBook.Level> out = new ArrayList<>();
    for (Object l : arr(side, "l2Book.levels[]")) {
      if (out.size() >= depth) break;
      Map<String, Object> m = obj(l, "l2Book level");
      out.add(
          new OrderBook.Level(
              dec(m, "px", "l2Book level"),
              dec(m, "sz", "l2Book level"),
              (int) lng(m, "n", "l2Book level")));
    }
    return out;
  }

  /**
   * The response of an order-like action: {@code
   * {"status":"ok","response":{"type":…,"data":{"statuses":[…]}}}}. A top-level {@code err} is
   * thrown as {@link HyperliquidException.Rejected}.
   */
  static List<Object> statuses(Object tree, String what) {
    Map<String, Object> data =
        obj(get(okResponse(tree, what), "data", what), what + ".response.data");
    return arr(get(data, "statuses", what), what + ".statuses");
  }

  /**
   * Checks {@code status == "ok"} and returns {@code response} (an object), throwing on {@code
   * err}.
   */
  static Map<String, Object> okResponse(Object tree, String what) {
    Map<String, Object> m = obj(tree, what);
    Object status = m.get("status");
    if ("err".equals(status))
      throw new HyperliquidException.Rejected(String.valueOf(m.get("response")), 200);
    if (!"ok".equals(status))
      throw new HyperliquidException.Malformed(what + ": unexpected status " + status, null);
    return obj(get(m, "response", what), what + ".response");
  }

  static OrderResult orderResult(Object status, ClientOrderId requested) {
    String w = "order status";
    if (status instanceof String s) {
      return switch (s) {
        case "waitingForFill", "waitingForTrigger", "success" -> new OrderResult.Waiting(requested);
        // An unknown word is not evidence of a rejection: treat the order as possibly live.
        default -> new OrderResult.Waiting(requested);
      };
    }
    Map<String, Object> m = obj(status, w);
    if (m.get("error") != null)
      return new OrderResult.Rejected(String.valueOf(m.get("error")), requested);
    if (m.get("resting") != null) {
      Map<String, Object> r = obj(m.get("resting"), w + ".resting");
      return new OrderResult.Resting(lng(r, "oid", w), cloidOr(r, requested));
    }
    if (m.get("filled") != null) {
      Map<String, Object> f = obj(m.get("filled"), w + ".filled");
      return new OrderResult.Filled(
          lng(f, "oid", w), dec(f, "totalSz", w), dec(f, "avgPx", w), cloidOr(f, requested));
    }
    throw new HyperliquidException.Malformed(w + ": unexpected " + Json.write(status), null);
  }

  private static ClientOrderId cloid(Map<String, Object> m, String what) {
    String cloid = strOrNull(m, "cloid", what);
    return cloid == null ? null : ClientOrderId.of(cloid);
  }

  private static ClientOrderId cloidOr(Map<String, Object> m, ClientOrderId requested) {
    return m.get("cloid") instanceof String s ? ClientOrderId.of(s) : requested;
  }
}
