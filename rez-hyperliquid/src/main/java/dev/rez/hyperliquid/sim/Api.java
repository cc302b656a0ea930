package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.Engine.OrderSpec;
import dev.rez.hyperliquid.sim.Engine.Status;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.Signature;
import dev.rez.hyperliquid.Signing;
import dev.rez.hyperliquid.UserSignedType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/** The wire protocol on top of the engine: {@code /info} and {@code /exchange} bodies in, JSON out. */
final class Api {
  /** An HTTP answer; {@code dropped} means: close the connection without answering. */
  record Response(int status, String body, boolean json, boolean dropped) {
    static Response json(Object tree) {
      return new Response(200, Json.write(tree), true, false);
    }

    static Response text(int status, String body) {
      return new Response(status, body, false, false);
    }
  }

  private static final long DAY_MS = 86_400_000L;
  private static final int NONCE_SET_SIZE = 100;

  private final Engine engine;
  private final Faults faults;
  private final LongSupplier wallClock;
  final Map<String, String> agents = new HashMap<>();
  final Map<String, String> agentNames = new HashMap<>();
  final Map<String, TreeSet<Long>> nonces = new HashMap<>();
  /** Answers the info queries about roles, agents, fees and limits; set once after construction. */
  AccountInfo accountInfo;

  Api(Engine engine, Faults faults, LongSupplier wallClock) {
    this.engine = engine;
    this.faults = faults;
    this.wallClock = wallClock;
  }

  // ------------------------------------------------------------------ info

  Response info(String body) {
    try {
      Map<String, Object> req = Json.object(Json.parse(body), "body");
      String type = Json.string(req, "type");
      synchronized (engine) {
        engine.sync();
        return Response.json(switch (type) {
          case "meta" -> meta();
          case "metaAndAssetCtxs" -> List.of(meta(), assetCtxs());
          case "allMids" -> allMids();
          case "l2Book" -> l2Book(Json.string(req, "coin"));
          case "clearinghouseState" -> clearinghouseState(user(req));
          case "openOrders" -> openOrders(user(req));
          case "frontendOpenOrders" -> frontendOpenOrders(user(req));
          case "userFills" -> userFills(user(req), null, null);
          case "userFillsByTime" -> userFills(user(req), Json.integer(req, "startTime"), Json.optInteger(req, "endTime"));
          case "orderStatus" -> orderStatus(user(req), req.get("oid"));
          case "historicalOrders" -> historicalOrders(user(req));
          case "candleSnapshot" -> candleSnapshot(Json.object(req.get("req"), "req"));
          case "spotMeta" -> spotMeta();
          case "userFunding" -> userFunding(user(req), Json.integer(req, "startTime"), Json.optInteger(req, "endTime"));
          case "fundingHistory" -> fundingHistory(Json.string(req, "coin"), Json.integer(req, "startTime"), Json.optInteger(req, "endTime"));
          case "spotClearinghouseState" -> Map.of("balances", List.of());
          case "exchangeStatus" -> Map.of("time", engine.now(), "specialStatuses", List.of());
          default -> {
            Object answer = accountInfo == null ? null : accountInfo.answer(type, req);
            if (answer == null) {
              throw new Json.BadRequest("Failed to deserialize the JSON body into the target type: unknown info type '" + type + "'");
            }
            yield answer;
          }
        });
      }
    } catch (Json.BadRequest e) {
      return Response.text(422, e.getMessage());
    }
  }

  private static String user(Map<String, Object> req) {
    return Json.string(req, "user").toLowerCase(Locale.ROOT);
  }

  private Map<String, Object> meta() {
    List<Object> universe = new ArrayList<>();
    for (Market m : engine.markets()) {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("name", m.coin);
      u.put("szDecimals", m.szDecimals);
      u.put("maxLeverage", m.maxLeverage);
      u.put("marginTableId", m.maxLeverage);
      universe.add(u);
    }
    List<Object> tables = new ArrayList<>();
    for (Market m : engine.markets()) {
      tables.add(List.of(m.maxLeverage,
          Map.of("description", "", "marginTiers", List.of(Map.of("lowerBound", "0.0", "maxLeverage", m.maxLeverage)))));
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("universe", universe);
    meta.put("marginTables", tables);
    return meta;
  }

  private List<Object> assetCtxs() {
    List<Object> out = new ArrayList<>();
    int k = engine.currentIndex();
    for (Market m : engine.markets()) {
      BigDecimal mark = engine.price(m);
      int perDay = (int) Math.max(1, DAY_MS / m.durationMs);
      double ntl = 0;
      double base = 0;
      for (int i = Math.max(0, k - perDay + 1); i < k; i++) {
        Candle c = m.candle(i);
        ntl += c.volume() * c.close();
        base += c.volume();
      }
      Candle cur = engine.partialCandle(m);
      ntl += cur.volume() * cur.close();
      base += cur.volume();
      double prevDay = m.candle(Math.max(0, k - perDay)).open();
      BigDecimal oi = BigDecimal.ZERO;
      for (Account a : engine.accounts.values()) oi = oi.add(a.szi(m.index).abs());
      Engine.Book book = engine.book(m, 1);
      Map<String, Object> ctx = new LinkedHashMap<>();
      ctx.put("dayNtlVlm", Prices.wire(BigDecimal.valueOf(ntl).setScale(2, RoundingMode.HALF_EVEN)));
      ctx.put("funding", Prices.wire(engine.fundingRate()));
      ctx.put("impactPxs", List.of(Prices.wire(book.bids().getFirst().px()), Prices.wire(book.asks().getFirst().px())));
      ctx.put("markPx", px(m, mark));
      ctx.put("midPx", px(m, mark));
      ctx.put("openInterest", Prices.wire(oi));
      ctx.put("oraclePx", px(m, mark));
      ctx.put("premium", "0.0");
      ctx.put("prevDayPx", Prices.wire(BigDecimal.valueOf(prevDay)));
      ctx.put("dayBaseVlm", Prices.wire(BigDecimal.valueOf(base).setScale(m.szDecimals, RoundingMode.HALF_EVEN)));
      out.add(ctx);
    }
    return out;
  }

  /** A display price: the path price at exchange precision. */
  private static String px(Market m, BigDecimal p) {
    return Prices.wire(Prices.roundPrice(p, m.szDecimals, RoundingMode.HALF_EVEN));
  }

  private Map<String, Object> allMids() {
    Map<String, Object> mids = new LinkedHashMap<>();
    for (Market m : engine.markets()) mids.put(m.coin, px(m, engine.price(m)));
    return mids;
  }

  private Map<String, Object> l2Book(String coin) {
    Market m = engine.market(coin);
    if (m == null) throw new Json.BadRequest("Failed to deserialize the JSON body into the target type: unknown coin '" + coin + "'");
    Engine.Book book = engine.book(m);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("coin", coin);
    out.put("time", engine.now());
    out.put("levels", List.of(levels(book.bids()), levels(book.asks())));
    return out;
  }

  private static List<Object> levels(List<Engine.Level> levels) {
    List<Object> out = new ArrayList<>();
    for (Engine.Level l : levels) {
      Map<String, Object> lv = new LinkedHashMap<>();
      lv.put("px", Prices.wire(l.px()));
      lv.put("sz", Prices.wire(l.sz()));
      lv.put("n", l.n());
      out.add(lv);
    }
    return out;
  }

  private Map<String, Object> clearinghouseState(String user) {
    Account a = engine.account(user);
    List<Object> positions = new ArrayList<>();
    BigDecimal equity = BigDecimal.ZERO;
    BigDecimal margin = BigDecimal.ZERO;
    BigDecimal ntl = BigDecimal.ZERO;
    BigDecimal rawUsd = BigDecimal.ZERO;
    BigDecimal maintenance = BigDecimal.ZERO;
    if (a != null) {
      equity = engine.equity(a);
      margin = engine.totalPositionMargin(a);
      maintenance = engine.maintenanceMargin(a);
      rawUsd = equity;
      for (Market m : engine.markets()) {
        BigDecimal szi = a.szi(m.index);
        if (szi.signum() == 0) continue;
        Account.Position p = a.position(m.index);
        BigDecimal mark = engine.price(m);
        BigDecimal value = szi.abs().multiply(mark);
        BigDecimal posMargin = engine.positionMargin(a, m);
        BigDecimal upnl = engine.unrealizedPnl(a, m);
        int lev = engine.leverage(a, m);
        BigDecimal initial = szi.abs().multiply(p.entryPx).divide(BigDecimal.valueOf(lev), Engine.MC);
        BigDecimal liq = engine.liquidationPx(a, m);
        ntl = ntl.add(value);
        rawUsd = rawUsd.subtract(szi.multiply(mark));
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("coin", m.coin);
        pos.put("szi", Prices.wire(szi));
        pos.put("entryPx", Prices.wire(p.entryPx.round(new java.math.MathContext(10))));
        pos.put("leverage", Map.of("type", "cross", "value", lev));
        pos.put("liquidationPx", liq == null ? null : Prices.wire(liq.setScale(8, RoundingMode.HALF_EVEN)));
        pos.put("marginUsed", Prices.usd(posMargin));
        pos.put("maxLeverage", m.maxLeverage);
        pos.put("positionValue", Prices.usd(value));
        pos.put("returnOnEquity", Prices.wire(upnl.divide(initial, Engine.MC).setScale(8, RoundingMode.HALF_EVEN)));
        pos.put("unrealizedPnl", Prices.usd(upnl));
        // Hyperliquid reports funding paid as positive.
        Map<String, Object> cum = new LinkedHashMap<>();
        cum.put("allTime", Prices.usd(a.fundingAllTime.getOrDefault(m.index, BigDecimal.ZERO).negate()));
        cum.put("sinceChange", Prices.usd(p.fundingSinceChange.negate()));
        cum.put("sinceOpen", Prices.usd(p.fundingSinceOpen.negate()));
        pos.put("cumFunding", cum);
        Map<String, Object> ap = new LinkedHashMap<>();
        ap.put("type", "oneWay");
        ap.put("position", pos);
        positions.add(ap);
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("accountValue", Prices.usd(equity));
    summary.put("totalMarginUsed", Prices.usd(margin));
    summary.put("totalNtlPos", Prices.usd(ntl));
    summary.put("totalRawUsd", Prices.usd(rawUsd));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("assetPositions", positions);
    out.put("crossMaintenanceMarginUsed", Prices.usd(maintenance));
    out.put("crossMarginSummary", summary);
    out.put("marginSummary", summary);
    out.put("time", engine.now());
    out.put("withdrawable", Prices.usd(equity.subtract(margin).max(BigDecimal.ZERO)));
    return out;
  }

  private List<Object> openOrders(String user) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    for (SimOrder o : a.openOrders()) {
      if (o.waiting) continue;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("coin", o.market.coin);
      m.put("limitPx", Prices.wire(o.limitPx));
      m.put("oid", o.oid);
      m.put("side", o.buy ? "B" : "A");
      m.put("sz", Prices.wire(o.sz));
      m.put("timestamp", o.timestamp);
      m.put("origSz", Prices.wire(o.origSz));
      if (o.cloid != null) m.put("cloid", o.cloid);
      m.put("reduceOnly", o.reduceOnly);
      out.add(m);
    }
    out.sort((x, y) -> Long.compare((Long) ((Map<?, ?>) y).get("oid"), (Long) ((Map<?, ?>) x).get("oid")));
    return out;
  }

  private List<Object> frontendOpenOrders(String user) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    for (SimOrder o : a.openOrders()) if (!o.waiting) out.add(frontend(o));
    out.sort((x, y) -> Long.compare((Long) ((Map<?, ?>) y).get("oid"), (Long) ((Map<?, ?>) x).get("oid")));
    return out;
  }

  private static Map<String, Object> frontend(SimOrder o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("coin", o.market.coin);
    m.put("side", o.buy ? "B" : "A");
    m.put("limitPx", Prices.wire(o.limitPx));
    m.put("sz", Prices.wire(o.sz));
    m.put("oid", o.oid);
    m.put("timestamp", o.timestamp);
    m.put("triggerCondition", o.triggerCondition());
    m.put("isTrigger", o.trigger != null);
    m.put("triggerPx", o.trigger == null ? "0.0" : Prices.wire(o.trigger.triggerPx()));
    List<Object> children = new ArrayList<>();
    for (SimOrder c : o.children) if (c.isOpen() && c.waiting) children.add(frontend(c));
    m.put("children", children);
    m.put("isPositionTpsl", o.positionTpsl);
    m.put("reduceOnly", o.reduceOnly);
    m.put("orderType", o.orderType());
    m.put("origSz", Prices.wire(o.origSz));
    m.put("tif", o.tif);
    m.put("cloid", o.cloid);
    return m;
  }

  private List<Object> userFills(String user, Long start, Long end) {
    List<SimFill> fills = engine.fills(user);
    List<Object> out = new ArrayList<>();
    if (start == null) {
      for (SimFill f : fills.subList(0, Math.min(2000, fills.size()))) out.add(fill(f));
      return out;
    }
    List<SimFill> asc = new ArrayList<>(fills.reversed());
    for (SimFill f : asc) {
      if (f.time() < start || end != null && f.time() > end) continue;
      out.add(fill(f));
      if (out.size() == 2000) break;
    }
    return out;
  }

  static Map<String, Object> fill(SimFill f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("closedPnl", Prices.usd(f.closedPnl()));
    m.put("coin", f.coin());
    m.put("crossed", f.crossed());
    m.put("dir", f.dir());
    m.put("hash", f.hash());
    m.put("oid", f.oid());
    m.put("px", Prices.wire(f.px()));
    m.put("side", f.buy() ? "B" : "A");
    m.put("startPosition", Prices.wire(f.startPosition()));
    m.put("sz", Prices.wire(f.sz()));
    m.put("time", f.time());
    m.put("fee", Prices.usd(f.fee()));
    m.put("feeToken", "USDC");
    m.put("tid", f.tid());
    if (f.cloid() != null) m.put("cloid", f.cloid());
    if (f.liquidation()) m.put("liquidation", Map.of("liquidatedUser", "", "markPx", Prices.wire(f.px()), "method", "market"));
    return m;
  }

  private Map<String, Object> orderStatus(String user, Object oid) {
    SimOrder o = engine.order(user, oidOrCloid(oid));
    if (o == null) return Map.of("status", "unknownOid");
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("order", frontend(o));
    inner.put("status", o.status);
    inner.put("statusTimestamp", o.statusTimestamp);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "order");
    out.put("order", inner);
    return out;
  }

  /** The 2000 most recent orders with their statuses, newest first. */
  private List<Object> historicalOrders(String user) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    List<SimOrder> all = new ArrayList<>(a.orders.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < 2000; i--) {
      SimOrder o = all.get(i);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("order", frontend(o));
      entry.put("status", o.status);
      entry.put("statusTimestamp", o.statusTimestamp);
      out.add(entry);
    }
    return out;
  }

  private List<Object> candleSnapshot(Map<String, Object> req) {
    String coin = Json.string(req, "coin");
    Interval interval;
    try {
      interval = Interval.parse(Json.string(req, "interval"));
    } catch (IllegalArgumentException e) {
      throw new Json.BadRequest("Failed to deserialize the JSON body into the target type: " + e.getMessage());
    }
    long start = Json.integer(req, "startTime");
    Long endOrNull = Json.optInteger(req, "endTime");
    long end = endOrNull == null ? Long.MAX_VALUE : endOrNull;
    Market m = engine.market(coin);
    List<Object> out = new ArrayList<>();
    if (m == null) return out;
    long want = interval.duration().toMillis();
    if (want % m.durationMs != 0) return out;
    int k = engine.currentIndex();
    int ratio = (int) (want / m.durationMs);
    List<Candle> merged = new ArrayList<>();
    // Only the candles that can fall in [start, end]: one bucket of slack on each side for aggregation.
    long from = Math.max(0, Math.floorDiv(start - m.origin, m.durationMs) - ratio);
    long to = end == Long.MAX_VALUE ? k : Math.min(k, Math.floorDiv(end - m.origin, m.durationMs) + ratio);
    for (int i = (int) Math.min(from, k + 1); i <= to; i++) {
      Candle c = i == k ? engine.partialCandle(m) : m.candle(i);
      long bucket = Math.floorDiv(c.openTime().toEpochMilli(), want) * want;
      Candle last = merged.isEmpty() ? null : merged.getLast();
      if (ratio > 1 && last != null && last.openTime().toEpochMilli() == bucket) {
        merged.set(merged.size() - 1, new Candle(last.openTime(), interval, last.open(), Math.max(last.high(), c.high()),
            Math.min(last.low(), c.low()), c.close(), last.volume() + c.volume()));
      } else {
        merged.add(new Candle(java.time.Instant.ofEpochMilli(ratio > 1 ? bucket : c.openTime().toEpochMilli()), interval, c.open(), c.high(),
            c.low(), c.close(), c.volume()));
      }
    }
    List<Candle> selected = new ArrayList<>();
    for (Candle c : merged) {
      long t = c.openTime().toEpochMilli();
      if (t >= start && t <= end) selected.add(c);
    }
    // The planted leak: the next bar, complete, whatever the request's end.
    if (faults.leaksNextCandle() && ratio == 1 && k + 1 < m.size()) selected.add(m.candle(k + 1));
    if (selected.size() > 5000) selected = selected.subList(selected.size() - 5000, selected.size());
    for (Candle c : selected) {
      Map<String, Object> j = new LinkedHashMap<>();
      long t = c.openTime().toEpochMilli();
      j.put("T", t + want - 1);
      j.put("c", Prices.wire(BigDecimal.valueOf(c.close())));
      j.put("h", Prices.wire(BigDecimal.valueOf(c.high())));
      j.put("i", interval.wire());
      j.put("l", Prices.wire(BigDecimal.valueOf(c.low())));
      j.put("n", Math.max(1, Math.min(1_000_000, Math.round(c.volume()))));
      j.put("o", Prices.wire(BigDecimal.valueOf(c.open())));
      j.put("s", coin);
      j.put("t", t);
      j.put("v", Prices.wire(BigDecimal.valueOf(c.volume()).setScale(m.szDecimals + 2, RoundingMode.HALF_EVEN)));
      out.add(j);
    }
    return out;
  }

  private List<Object> userFunding(String user, long start, Long end) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    for (Account.Funding f : a.fundings) {
      if (f.time() < start || end != null && f.time() > end) continue;
      Map<String, Object> delta = new LinkedHashMap<>();
      delta.put("type", "funding");
      delta.put("coin", f.coin());
      delta.put("usdc", Prices.usd(f.usdc()));
      delta.put("szi", Prices.wire(f.szi()));
      delta.put("fundingRate", Prices.wire(f.rate()));
      delta.put("nSamples", null);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("delta", delta);
      entry.put("hash", "0x" + "0".repeat(64));
      entry.put("time", f.time());
      out.add(entry);
      if (out.size() == 500) break;
    }
    return out;
  }

  private List<Object> fundingHistory(String coin, long start, Long end) {
    List<Object> out = new ArrayList<>();
    if (engine.market(coin) == null || engine.fundingRate().signum() == 0) return out;
    long last = Math.min(end == null ? Long.MAX_VALUE : end, engine.now());
    long first = Math.max(start, engine.markets().getFirst().origin);
    for (long h = Math.floorDiv(first + Engine.HOUR_MS - 1, Engine.HOUR_MS) * Engine.HOUR_MS; h <= last && out.size() < 500; h += Engine.HOUR_MS) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("coin", coin);
      f.put("fundingRate", Prices.wire(engine.fundingRate()));
      f.put("premium", "0.0");
      f.put("time", h);
      out.add(f);
    }
    return out;
  }

  static Map<String, Object> spotMeta() {
    Map<String, Object> usdc = new LinkedHashMap<>();
    usdc.put("name", "USDC");
    usdc.put("szDecimals", 8);
    usdc.put("weiDecimals", 8);
    usdc.put("index", 0);
    usdc.put("tokenId", "0x6d1e7cde53ba9467b783cb7c530ce054");
    usdc.put("isCanonical", true);
    usdc.put("evmContract", null);
    usdc.put("fullName", null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tokens", List.of(usdc));
    out.put("universe", List.of());
    return out;
  }

  // ------------------------------------------------------------------ exchange

  Response exchange(String body) {
    try {
      Map<String, Object> req = Json.object(Json.parse(body), "body");
      Map<String, Object> action = Json.object(req.get("action"), "action");
      long nonce = Json.integer(req, "nonce");
      Map<String, Object> sig = Json.object(req.get("signature"), "signature");
      Signature signature;
      try {
        signature = Signature.of(Json.string(sig, "r"), Json.string(sig, "s"), (int) Json.integer(sig, "v"));
      } catch (IllegalArgumentException e) {
        throw new Json.BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
      }
      String vault = Json.optString(req, "vaultAddress");
      Long expiresAfter = Json.optInteger(req, "expiresAfter");
      String type = Json.string(action, "type");
      synchronized (engine) {
        engine.sync();
        if (type.equals("approveAgent")) return approveAgent(action, nonce, signature);
        if (type.equals("usdSend")) return usdSend(action, nonce, signature);
        if (type.equals("approveBuilderFee")) return approveBuilderFee(action, nonce, signature);
        Map<String, Object> canonical = canonical(type, action);
        String signer = null;
        String user = null;
        for (Network network : new Network[] {Network.TESTNET, Network.MAINNET}) {
          String candidate = recover(canonical, nonce, vault, expiresAfter, network, signature);
          if (signer == null) signer = candidate;
          String u = agents.containsKey(candidate) ? agents.get(candidate) : engine.account(candidate) != null ? candidate : null;
          if (u != null) {
            signer = candidate;
            user = u;
            break;
          }
        }
        if (user == null) return err("L1 error: User or API Wallet " + signer + " does not exist.");
        if (vault != null) return err("Vault and sub-account trading is not supported by the simulator: " + vault);
        if (expiresAfter != null && expiresAfter < wallClock.getAsLong()) {
          return err("Action expired: expiresAfter " + expiresAfter + " is in the past.");
        }
        String nonceError = useNonce(signer, nonce);
        if (nonceError != null) return err(nonceError);
        Response r = dispatch(user, type, canonical);
        if (type.equals("order") && faults.takeDroppedAck()) return new Response(0, "", false, true);
        return r;
      }
    } catch (Json.BadRequest e) {
      return Response.text(422, e.getMessage());
    }
  }

  private static String recover(Map<String, Object> action, long nonce, String vault, Long expiresAfter, Network network, Signature sig) {
    try {
      return Signing.recoverL1Signer(action, nonce, vault, expiresAfter, network, sig);
    } catch (IllegalArgumentException e) {
      // A signature that recovers to no key: report a random-looking address, as the exchange does.
      return "0x" + "0".repeat(40);
    }
  }

  private static Response err(String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "err");
    out.put("response", message);
    return Response.json(out);
  }

  private static Response ok(String type, Object data) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("type", type);
    if (data != null) response.put("data", data);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("response", response);
    return Response.json(out);
  }

  private String useNonce(String signer, long nonce) {
    long now = wallClock.getAsLong();
    if (nonce <= now - 2 * DAY_MS || nonce >= now + DAY_MS) {
      return "Invalid nonce: nonce " + nonce + " is outside the allowed window of (now - 2 days, now + 1 day).";
    }
    TreeSet<Long> used = nonces.computeIfAbsent(signer, s -> new TreeSet<>());
    if (used.contains(nonce)) return "Invalid nonce: duplicate nonce " + nonce;
    if (used.size() >= NONCE_SET_SIZE && nonce < used.first()) {
      return "Invalid nonce: nonce " + nonce + " is lower than the lowest of the " + NONCE_SET_SIZE + " highest nonces used.";
    }
    used.add(nonce);
    if (used.size() > NONCE_SET_SIZE) used.pollFirst();
    return null;
  }

  /** Rebuilds the action in the exchange's own field order, as the exchange does before hashing it. */
  static Map<String, Object> canonical(String type, Map<String, Object> a) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    switch (type) {
      case "order" -> {
        List<Object> orders = new ArrayList<>();
        for (Object o : Json.batch(a.get("orders"), "orders")) orders.add(orderWire(Json.object(o, "orders[]")));
        c.put("orders", orders);
        Object grouping = a.get("grouping");
        if (grouping instanceof String g) c.put("grouping", g);
        else throw new Json.BadRequest("Failed to deserialize the JSON body: grouping must be na, normalTpsl or positionTpsl");
        if (a.get("builder") != null) {
          Map<String, Object> b = Json.object(a.get("builder"), "builder");
          Map<String, Object> builder = new LinkedHashMap<>();
          builder.put("b", Json.string(b, "b"));
          builder.put("f", Json.integer(b, "f"));
          c.put("builder", builder);
        }
      }
      case "cancel" -> {
        List<Object> cancels = new ArrayList<>();
        for (Object o : Json.batch(a.get("cancels"), "cancels")) {
          Map<String, Object> in = Json.object(o, "cancels[]");
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("a", Json.integer(in, "a"));
          w.put("o", Json.integer(in, "o"));
          cancels.add(w);
        }
        c.put("cancels", cancels);
      }
      case "cancelByCloid" -> {
        List<Object> cancels = new ArrayList<>();
        for (Object o : Json.batch(a.get("cancels"), "cancels")) {
          Map<String, Object> in = Json.object(o, "cancels[]");
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("asset", Json.integer(in, "asset"));
          w.put("cloid", Json.string(in, "cloid"));
          cancels.add(w);
        }
        c.put("cancels", cancels);
      }
      case "updateLeverage" -> {
        c.put("asset", Json.integer(a, "asset"));
        c.put("isCross", Json.bool(a, "isCross"));
        c.put("leverage", Json.integer(a, "leverage"));
      }
      case "scheduleCancel" -> {
        if (a.get("time") != null) c.put("time", Json.integer(a, "time"));
      }
      case "noop" -> {}
      case "modify" -> {
        c.put("oid", oidOrCloid(a.get("oid")));
        c.put("order", orderWire(Json.object(a.get("order"), "order")));
      }
      case "batchModify" -> {
        List<Object> modifies = new ArrayList<>();
        for (Object o : Json.batch(a.get("modifies"), "modifies")) {
          Map<String, Object> in = Json.object(o, "modifies[]");
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("oid", oidOrCloid(in.get("oid")));
          w.put("order", orderWire(Json.object(in.get("order"), "order")));
          modifies.add(w);
        }
        c.put("modifies", modifies);
      }
      default -> throw new Json.BadRequest("Failed to deserialize the JSON body into the target type: action type '" + type
          + "' is not supported by the simulator");
    }
    return c;
  }

  private static Object oidOrCloid(Object v) {
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw new Json.BadRequest("Failed to deserialize the JSON body: oid must be an integer but was " + d);
      }
    }
    if (v instanceof String s) return s;
    throw new Json.BadRequest("Failed to deserialize the JSON body: oid must be an integer or a cloid string");
  }

  private static OrderSpec spec(Map<String, Object> w) {
    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) w.get("t");
    String cloid = w.get("c") == null ? null : ((String) w.get("c")).toLowerCase(Locale.ROOT);
    int asset = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, (Long) w.get("a")));
    if (t.containsKey("limit")) {
      @SuppressWarnings("unchecked")
      String tif = (String) ((Map<String, Object>) t.get("limit")).get("tif");
      return new OrderSpec(asset, (Boolean) w.get("b"), (String) w.get("p"), (String) w.get("s"), (Boolean) w.get("r"), tif, null, null, null, cloid);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tr = (Map<String, Object>) t.get("trigger");
    return new OrderSpec(asset, (Boolean) w.get("b"), (String) w.get("p"), (String) w.get("s"), (Boolean) w.get("r"), null, (Boolean) tr.get("isMarket"),
        (String) tr.get("triggerPx"), (String) tr.get("tpsl"), cloid);
  }

  private static Map<String, Object> orderWire(Map<String, Object> o) {
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("a", Json.integer(o, "a"));
    w.put("b", Json.bool(o, "b"));
    w.put("p", Json.string(o, "p"));
    w.put("s", Json.string(o, "s"));
    w.put("r", Json.bool(o, "r"));
    Map<String, Object> t = Json.object(o.get("t"), "t");
    Map<String, Object> tw = new LinkedHashMap<>();
    if (t.get("limit") != null) {
      Map<String, Object> limit = Json.object(t.get("limit"), "t.limit");
      String tif = Json.string(limit, "tif");
      if (!tif.equals("Gtc") && !tif.equals("Ioc") && !tif.equals("Alo")) {
        throw new Json.BadRequest("Failed to deserialize the JSON body: tif must be Gtc, Ioc or Alo but was " + tif);
      }
      tw.put("limit", Map.of("tif", tif));
    } else if (t.get("trigger") != null) {
      Map<String, Object> trigger = Json.object(t.get("trigger"), "t.trigger");
      Map<String, Object> tr = new LinkedHashMap<>();
      tr.put("isMarket", Json.bool(trigger, "isMarket"));
      tr.put("triggerPx", Json.string(trigger, "triggerPx"));
      String tpsl = Json.string(trigger, "tpsl");
      if (!tpsl.equals("tp") && !tpsl.equals("sl")) throw new Json.BadRequest("Failed to deserialize the JSON body: tpsl must be tp or sl");
      tr.put("tpsl", tpsl);
      tw.put("trigger", tr);
    } else {
      throw new Json.BadRequest("Failed to deserialize the JSON body: t must hold limit or trigger");
    }
    w.put("t", tw);
    if (o.get("c") != null) w.put("c", Json.string(o, "c"));
    return w;
  }

  @SuppressWarnings("unchecked")
  private Response dispatch(String user, String type, Map<String, Object> action) {
    switch (type) {
      case "order" -> {
        List<OrderSpec> specs = new ArrayList<>();
        for (Object o : (List<Object>) action.get("orders")) specs.add(spec((Map<String, Object>) o));
        String grouping = (String) action.get("grouping");
        if (!grouping.equals("na") && !grouping.equals("normalTpsl") && !grouping.equals("positionTpsl")) {
          return err("Invalid grouping: " + grouping);
        }
        if (specs.isEmpty()) return err("Order batch is empty.");
        List<Object> statuses = new ArrayList<>();
        for (Status s : engine.placeOrders(user, specs, grouping)) statuses.add(status(s));
        return ok("order", Map.of("statuses", statuses));
      }
      case "cancel", "cancelByCloid" -> {
        List<Object> statuses = new ArrayList<>();
        for (Object o : (List<Object>) action.get("cancels")) {
          Map<String, Object> w = (Map<String, Object>) o;
          String error = type.equals("cancel") ? engine.cancel(user, ((Long) w.get("a")).intValue(), (Long) w.get("o"))
              : engine.cancelByCloid(user, ((Long) w.get("asset")).intValue(), ((String) w.get("cloid")).toLowerCase(Locale.ROOT));
          statuses.add(error == null ? "success" : Map.of("error", error));
        }
        return ok("cancel", Map.of("statuses", statuses));
      }
      case "modify", "batchModify" -> {
        List<Object> modifies = type.equals("modify") ? List.of(action) : (List<Object>) action.get("modifies");
        List<Object> statuses = new ArrayList<>();
        for (Object o : modifies) {
          Map<String, Object> w = (Map<String, Object>) o;
          Object key = w.get("oid") instanceof String cloid ? cloid.toLowerCase(Locale.ROOT) : w.get("oid");
          statuses.add(status(engine.modify(user, key, spec((Map<String, Object>) w.get("order")))));
        }
        return ok("order", Map.of("statuses", statuses));
      }
      case "updateLeverage" -> {
        String error = engine.updateLeverage(user, ((Long) action.get("asset")).intValue(), (Boolean) action.get("isCross"),
            (int) Math.min(Integer.MAX_VALUE, (Long) action.get("leverage")));
        return error == null ? ok("default", null) : err(error);
      }
      case "scheduleCancel" -> {
        String error = engine.scheduleCancel(user, (Long) action.get("time"));
        return error == null ? ok("default", null) : err(error);
      }
      default -> {
        return ok("default", null);
      }
    }
  }

  private static Object status(Status s) {
    return switch (s) {
      case Status.Resting r -> Map.of("resting", withCloid(Map.of("oid", r.oid()), r.cloid()));
      case Status.Filled f -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalSz", Prices.wire(f.totalSz()));
        m.put("avgPx", Prices.wire(f.avgPx()));
        m.put("oid", f.oid());
        yield Map.of("filled", withCloid(m, f.cloid()));
      }
      case Status.Error e -> Map.of("error", e.message());
      case Status.Text t -> t.text();
    };
  }

  private static Map<String, Object> withCloid(Map<String, Object> m, String cloid) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    if (cloid != null) out.put("cloid", cloid);
    return out;
  }

  private Response approveAgent(Map<String, Object> action, long nonce, Signature signature) {
    String agent = Json.string(action, "agentAddress").toLowerCase(Locale.ROOT);
    String name = Json.optString(action, "agentName");
    Signed signed = userSigned(action, UserSignedType.APPROVE_AGENT, nonce, signature);
    if (signed.error() != null) return signed.error();
    String signer = signed.signer();
    String key = signer + "/" + (name == null ? "" : name);
    String previous = agentNames.put(key, agent);
    if (previous != null) agents.remove(previous);
    agents.put(agent, signer);
    return ok("default", null);
  }

  /** Accepted and recorded nowhere: the simulator charges no builder fees (orders' {@code builder} is ignored too). */
  private Response approveBuilderFee(Map<String, Object> action, long nonce, Signature signature) {
    Json.string(action, "maxFeeRate");
    Json.string(action, "builder");
    Signed signed = userSigned(action, UserSignedType.APPROVE_BUILDER_FEE, nonce, signature);
    return signed.error() != null ? signed.error() : ok("default", null);
  }

  /** A verified user-signed action with a {@code nonce} field: its signer, or the answer refusing it. */
  private record Signed(String signer, Response error) {}

  private Signed userSigned(Map<String, Object> action, UserSignedType type, long nonce, Signature signature) {
    long actionNonce = Json.integer(action, "nonce");
    Json.string(action, "hyperliquidChain");
    Json.string(action, "signatureChainId");
    String signer;
    try {
      signer = Signing.recoverUserSignedSigner(action, type, signature);
    } catch (IllegalArgumentException e) {
      throw new Json.BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
    if (engine.account(signer) == null) return new Signed(signer, err("Must deposit before performing actions. User: " + signer));
    if (actionNonce != nonce) {
      return new Signed(signer, err("Invalid nonce: the action's nonce " + actionNonce + " differs from the request nonce " + nonce));
    }
    String nonceError = useNonce(signer, nonce);
    return new Signed(signer, nonceError == null ? null : err(nonceError));
  }

  private Response usdSend(Map<String, Object> action, long nonce, Signature signature) {
    String destination = Json.string(action, "destination");
    BigDecimal amount = Json.decimalString(Json.string(action, "amount"), "amount");
    long time = Json.integer(action, "time");
    Json.string(action, "hyperliquidChain");
    Json.string(action, "signatureChainId");
    String signer;
    String to;
    try {
      signer = Signing.recoverUserSignedSigner(action, UserSignedType.USD_SEND, signature);
      to = Signing.normalizeAddress(destination);
    } catch (IllegalArgumentException e) {
      throw new Json.BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
    if (engine.account(signer) == null) return err("Must deposit before performing actions. User: " + signer);
    if (time != nonce) return err("Invalid nonce: the action's time " + time + " differs from the request nonce " + nonce);
    String nonceError = useNonce(signer, nonce);
    if (nonceError != null) return err(nonceError);
    String error = engine.usdSend(signer, to, amount);
    return error == null ? ok("default", null) : err(error);
  }
}
