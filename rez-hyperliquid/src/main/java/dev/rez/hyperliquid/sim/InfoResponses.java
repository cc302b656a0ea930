package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The shapes of the {@code /info} answers, built from the engine's state as the exchange words
 * them. Called under the engine's lock, after the engine has caught up with its clock.
 */
final class InfoResponses {
  private static final long DAY_MS = 86_400_000L;

  private final Engine engine;
  private final Faults faults;

  InfoResponses(Engine engine, Faults faults) {
    this.engine = engine;
    this.faults = faults;
  }

  Map<String, Object> meta() {
    List<Object> universe = new ArrayList<>();
    for (Market m : engine.markets()) {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("name", m.coin);
      u.put("szDecimals", m.szDecimals);
      u.put("maxLeverage", m.maxLeverage);
      u.put("marginTableId", m.maxLeverage);
      universe.add(u);
    }
    // One table per id, as the exchange lists them; markets of the same maximum leverage share one.
    List<Object> tables = new ArrayList<>();
    Set<Integer> listed = new HashSet<>();
    for (Market m : engine.markets()) {
      if (!listed.add(m.maxLeverage)) continue;
      tables.add(
          List.of(
              m.maxLeverage,
              Map.of(
                  "description",
                  "",
                  "marginTiers",
                  List.of(Map.of("lowerBound", "0.0", "maxLeverage", m.maxLeverage)))));
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("universe", universe);
    meta.put("marginTables", tables);
    meta.put("collateralToken", 0); // the spot token the perps settle in: USDC, token 0
    return meta;
  }

  List<Object> assetCtxs() {
    List<Object> out = new ArrayList<>();
    int k = engine.currentIndex();
    for (Market m : engine.markets()) {
      BigDecimal mark = engine.price(m);
      int perDay = (int) Math.max(1, DAY_MS / m.durationMs);
      int dayStart = Math.max(0, k - perDay + 1);
      double ntl = m.notional(dayStart, Math.max(dayStart, k));
      double base = m.volume(dayStart, Math.max(dayStart, k));
      Candle cur = engine.partialCandle(m);
      ntl += cur.volume() * cur.close();
      base += cur.volume();
      double prevDay = m.candle(Math.max(0, k - perDay)).open();
      BigDecimal oi = BigDecimal.ZERO;
      for (Account a : engine.accounts.values()) oi = oi.add(a.szi(m.index).abs());
      Engine.Book book = engine.book(m, 1);
      Map<String, Object> ctx = new LinkedHashMap<>();
      ctx.put(
          "dayNtlVlm", Prices.wire(BigDecimal.valueOf(ntl).setScale(2, RoundingMode.HALF_EVEN)));
      ctx.put("funding", Prices.wire(engine.fundingRate()));
      ctx.put(
          "impactPxs",
          List.of(
              Prices.wire(book.bids().getFirst().px()), Prices.wire(book.asks().getFirst().px())));
      ctx.put("markPx", px(m, mark));
      ctx.put("midPx", px(m, mark));
      ctx.put("openInterest", Prices.wire(oi));
      ctx.put("oraclePx", px(m, mark));
      ctx.put("premium", "0.0");
      ctx.put("prevDayPx", Prices.wire(BigDecimal.valueOf(prevDay)));
      ctx.put(
          "dayBaseVlm",
          Prices.wire(BigDecimal.valueOf(base).setScale(m.szDecimals, RoundingMode.HALF_EVEN)));
      out.add(ctx);
    }
    return out;
  }

  /**
   * {@code activeAssetData}: the account's leverage on the coin and, buying then selling, the
   * margin a new order may use ({@code availableToTrade}: the free margin, plus the position's
   * margin on the side that reduces it) and the largest size that margin trades at the account's
   * leverage and the mark ({@code maxTradeSzs}).
   */
  Map<String, Object> activeAssetData(String user, String coin) {
    Market m = engine.market(coin);
    if (m == null)
      throw new Json.BadRequest("Failed to deserialize the JSON body: unknown coin '" + coin + "'");
    Account a = engine.account(user);
    BigDecimal mark = engine.price(m);
    int lev =
        a == null
            ? Math.min(engine.config.defaultLeverage(), m.maxLeverage)
            : engine.leverage(a, m);
    BigDecimal free = a == null ? BigDecimal.ZERO : engine.available(a).max(BigDecimal.ZERO);
    BigDecimal szi = a == null ? BigDecimal.ZERO : a.szi(m.index);
    List<Object> sizes = new ArrayList<>();
    List<Object> usable = new ArrayList<>();
    for (boolean buy : new boolean[] {true, false}) {
      boolean reduces = szi.signum() != 0 && (szi.signum() < 0) == buy;
      BigDecimal margin = reduces ? free.add(engine.positionMargin(a, m)) : free;
      BigDecimal size =
          margin
              .multiply(BigDecimal.valueOf(lev))
              .divide(mark, Engine.MC)
              .setScale(m.szDecimals, RoundingMode.DOWN);
      sizes.add(Prices.wire(size));
      usable.add(Prices.usd(margin));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("coin", m.coin);
    out.put("leverage", Map.of("type", "cross", "value", lev));
    out.put("maxTradeSzs", sizes);
    out.put("availableToTrade", usable);
    out.put("markPx", px(m, mark));
    return out;
  }

  /** A display price: the path price at exchange precision. */
  private static String px(Market m, BigDecimal p) {
    return Prices.wire(Prices.roundPrice(p, m.szDecimals, RoundingMode.HALF_EVEN));
  }

  Map<String, Object> allMids() {
    Map<String, Object> mids = new LinkedHashMap<>();
    for (Market m : engine.markets()) mids.put(m.coin, px(m, engine.price(m)));
    return mids;
  }

  Map<String, Object> l2Book(String coin) {
    Market m = engine.market(coin);
    if (m == null)
      throw new Json.BadRequest(
          "Failed to deserialize the JSON body into the target type: unknown coin '" + coin + "'");
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

  Map<String, Object> clearinghouseState(String user) {
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
        BigDecimal initial =
            szi.abs().multiply(p.entryPx).divide(BigDecimal.valueOf(lev), Engine.MC);
        BigDecimal liq = engine.liquidationPx(a, m);
        ntl = ntl.add(value);
        rawUsd = rawUsd.subtract(szi.multiply(mark));
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("coin", m.coin);
        pos.put("szi", Prices.wire(szi));
        pos.put("entryPx", Prices.wire(p.entryPx.round(new MathContext(10))));
        pos.put("leverage", Map.of("type", "cross", "value", lev));
        pos.put(
            "liquidationPx",
            liq == null ? null : Prices.wire(liq.setScale(8, RoundingMode.HALF_EVEN)));
        pos.put("marginUsed", Prices.usd(posMargin));
        pos.put("maxLeverage", m.maxLeverage);
        pos.put("positionValue", Prices.usd(value));
        pos.put(
            "returnOnEquity",
            Prices.wire(upnl.divide(initial, Engine.MC).setScale(8, RoundingMode.HALF_EVEN)));
        pos.put("unrealizedPnl", Prices.usd(upnl));
        // Hyperliquid reports funding paid as positive.
        Map<String, Object> cum = new LinkedHashMap<>();
        cum.put(
            "allTime",
            Prices.usd(a.fundingAllTime.getOrDefault(m.index, BigDecimal.ZERO).negate()));
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

  List<Object> openOrders(String user) {
    return openOrders(user, InfoResponses::plain);
  }

  List<Object> frontendOpenOrders(String user) {
    return openOrders(user, InfoResponses::frontend);
  }

  /**
   * The user's open orders (not TP/SL children still waiting for their parent), newest first, in a
   * given shape.
   */
  private List<Object> openOrders(String user, Function<SimOrder, Map<String, Object>> shape) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    List<SimOrder> open = new ArrayList<>();
    for (SimOrder o : a.openOrders()) if (!o.waiting) open.add(o);
    open.sort(Comparator.comparingLong((SimOrder o) -> o.oid).reversed());
    for (SimOrder o : open) out.add(shape.apply(o));
    return out;
  }

  /**
   * The fields every shape of an order starts with: coin, side, limit price, size left, oid and
   * timestamp.
   */
  private static Map<String, Object> basics(SimOrder o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("coin", o.market.coin);
    m.put("side", o.buy ? "B" : "A");
    m.put("limitPx", Prices.wire(o.limitPx));
    m.put("sz", Prices.wire(o.sz));
    m.put("oid", o.oid);
    m.put("timestamp", o.timestamp);
    return m;
  }

  /**
   * An order as {@code openOrders} and the {@code orderUpdates} channel show it: the basics,
   * origSz, and as on the exchange a cloid only when it has one and {@code "reduceOnly": true} only
   * when it is reduce-only.
   */
  static Map<String, Object> plain(SimOrder o) {
    Map<String, Object> m = basics(o);
    m.put("origSz", Prices.wire(o.origSz));
    if (o.cloid != null) m.put("cloid", o.cloid);
    if (o.reduceOnly) m.put("reduceOnly", true);
    return m;
  }

  /** {@code {order, status, statusTimestamp}}: an order's shape with its current status. */
  static Map<String, Object> withStatus(SimOrder o, Map<String, Object> shape) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("order", shape);
    out.put("status", o.status);
    out.put("statusTimestamp", o.statusTimestamp);
    return out;
  }

  static Map<String, Object> frontend(SimOrder o) {
    Map<String, Object> m = basics(o);
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

  /**
   * {@code userFills} (no {@code start}) or {@code userFillsByTime}; with {@code aggregateByTime}
   * the fills of one crossing order against several book levels count as one.
   */
  List<Object> userFills(String user, Long start, Long end, boolean aggregateByTime) {
    List<SimFill> fills = engine.fills(user);
    if (aggregateByTime) fills = aggregatedByTime(fills);
    List<Object> out = new ArrayList<>();
    if (start == null) {
      for (SimFill f : fills.subList(0, Math.min(2000, fills.size()))) out.add(fill(user, f));
      return out;
    }
    // Newest first: the fills from start on are a prefix; read it oldest first.
    int since = 0;
    while (since < fills.size() && fills.get(since).time() >= start) since++;
    for (SimFill f : fills.subList(0, since).reversed()) {
      if (f.time() < start || end != null && f.time() > end) continue;
      out.add(fill(user, f));
      if (out.size() == 2000) break;
    }
    return out;
  }

  /** {@code exchangeStatus}: the (simulated) time, and no special status ({@code null}). */
  static Map<String, Object> exchangeStatus(long now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", now);
    m.put("specialStatuses", null);
    return m;
  }

  /** The counterparty of every trade: the synthetic book, which has no account. */
  static final String BOOK_ADDRESS = "0x0000000000000000000000000000000000000000";

  /**
   * The public trades of {@code coin} with a trade id above {@code afterTid}, oldest first, at most
   * the newest {@code limit}: every fill of an account, traded against the synthetic book. {@code
   * side} is the taker's, {@code users} are the buyer then the seller.
   */
  List<Object> trades(String coin, long afterTid, int limit) {
    List<Map.Entry<String, SimFill>> found = new ArrayList<>();
    for (Map.Entry<String, Account> e : engine.accounts.entrySet()) {
      List<SimFill> fills = e.getValue().fills; // oldest first
      for (int i = fills.size() - 1; i >= 0 && fills.get(i).tid() > afterTid; i--) {
        if (fills.get(i).coin().equals(coin)) found.add(Map.entry(e.getKey(), fills.get(i)));
      }
    }
    found.sort(Comparator.comparingLong(e -> e.getValue().tid()));
    List<Object> out = new ArrayList<>();
    for (Map.Entry<String, SimFill> e :
        found.subList(Math.max(0, found.size() - limit), found.size())) {
      SimFill f = e.getValue();
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("coin", f.coin());
      t.put("side", f.buy() == f.crossed() ? "B" : "A");
      t.put("px", Prices.wire(f.px()));
      t.put("sz", Prices.wire(f.sz()));
      t.put("time", f.time());
      t.put("hash", f.hash());
      t.put("tid", f.tid());
      t.put(
          "users", f.buy() ? List.of(e.getKey(), BOOK_ADDRESS) : List.of(BOOK_ADDRESS, e.getKey()));
      out.add(t);
    }
    return out;
  }

  /** A fill of {@code user} as {@code userFills} and the WebSocket show it. */
  /**
   * The fills, newest first, with the consecutive fills of one crossing order at one time (a taker
   * walking several book levels) merged as the exchange's {@code aggregateByTime} does: sizes, fees
   * and closed PnL summed, the average price, the first fill's trade id and start position.
   */
  static List<SimFill> aggregatedByTime(List<SimFill> newestFirst) {
    List<SimFill> out = new ArrayList<>();
    for (SimFill f : newestFirst) {
      SimFill later = out.isEmpty() ? null : out.getLast();
      if (later == null
          || !f.crossed()
          || !later.crossed()
          || f.liquidation()
          || later.liquidation()
          || f.oid() != later.oid()
          || f.time() != later.time()) {
        out.add(f);
        continue;
      }
      BigDecimal sz = later.sz().add(f.sz());
      BigDecimal px =
          later.px().multiply(later.sz()).add(f.px().multiply(f.sz())).divide(sz, Engine.MC);
      out.set(
          out.size() - 1,
          new SimFill(
              f.coin(),
              px.stripTrailingZeros(),
              sz,
              f.buy(),
              f.time(),
              f.startPosition(),
              f.dir(),
              later.closedPnl().add(f.closedPnl()),
              f.oid(),
              f.cloid(),
              true,
              later.fee().add(f.fee()),
              f.tid(),
              false));
    }
    return out;
  }

  static Map<String, Object> fill(String user, SimFill f) {
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
    m.put("twapId", null); // as on the exchange: the TWAP a fill belongs to, null for none
    if (f.liquidation())
      m.put(
          "liquidation",
          Map.of("liquidatedUser", user, "markPx", Prices.wire(f.px()), "method", "market"));
    return m;
  }

  Map<String, Object> orderStatus(String user, Object oid) {
    SimOrder o = engine.order(user, ExchangeActions.oidOrCloid(oid));
    if (o == null) return Map.of("status", "unknownOid");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "order");
    out.put("order", withStatus(o, frontend(o)));
    return out;
  }

  /** The 2000 most recent orders with their statuses, newest first. */
  List<Object> historicalOrders(String user) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    List<SimOrder> all = new ArrayList<>(a.orders.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < 2000; i--) {
      SimOrder o = all.get(i);
      out.add(withStatus(o, frontend(o)));
    }
    return out;
  }

  List<Object> candleSnapshot(Map<String, Object> req) {
    String coin = Json.string(req, "coin");
    Interval interval;
    try {
      interval = Interval.parse(Json.string(req, "interval"));
    } catch (IllegalArgumentException e) {
      throw new Json.BadRequest(
          "Failed to deserialize the JSON body into the target type: " + e.getMessage());
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
    // Only the candles that can fall in [start, end]: one bucket of slack on each side for
    // aggregation.
    long from = Math.max(0, Math.floorDiv(start - m.origin, m.durationMs) - ratio);
    long to =
        end == Long.MAX_VALUE
            ? k
            : Math.min(k, Math.floorDiv(end - m.origin, m.durationMs) + ratio);
    for (int i = (int) Math.min(from, k + 1); i <= to; i++) {
      Candle c = i == k ? engine.partialCandle(m) : m.candle(i);
      long bucket = Math.floorDiv(c.openTime().toEpochMilli(), want) * want;
      Candle last = merged.isEmpty() ? null : merged.getLast();
      if (ratio > 1 && last != null && last.openTime().toEpochMilli() == bucket) {
        merged.set(
            merged.size() - 1,
            new Candle(
                last.openTime(),
                interval,
                last.open(),
                Math.max(last.high(), c.high()),
                Math.min(last.low(), c.low()),
                c.close(),
                last.volume() + c.volume()));
      } else {
        merged.add(
            new Candle(
                Instant.ofEpochMilli(ratio > 1 ? bucket : c.openTime().toEpochMilli()),
                interval,
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume()));
      }
    }
    List<Candle> selected = new ArrayList<>();
    for (Candle c : merged) {
      long t = c.openTime().toEpochMilli();
      if (t >= start && t <= end) selected.add(c);
    }
    // The planted leak: the next bar, complete, whatever the request's end.
    if (faults.leaksNextCandle() && ratio == 1 && k + 1 < m.size()) selected.add(m.candle(k + 1));
    if (selected.size() > 5000)
      selected = selected.subList(selected.size() - 5000, selected.size());
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
      j.put(
          "v",
          Prices.wire(
              BigDecimal.valueOf(c.volume()).setScale(m.szDecimals + 2, RoundingMode.HALF_EVEN)));
      out.add(j);
    }
    return out;
  }

  List<Object> userFunding(String user, long start, Long end) {
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
      out.add(ledgerEntry(delta, f.time()));
      if (out.size() == 500) break;
    }
    return out;
  }

  /**
   * {@code userNonFundingLedgerUpdates}: the account's deposits and {@code usdSend} transfers (in
   * and out) from {@code start}, oldest first, at most 500.
   */
  List<Object> nonFundingLedgerUpdates(String user, long start, Long end) {
    Account a = engine.account(user);
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    for (Account.Transfer t : a.ledger) {
      if (t.time() < start || end != null && t.time() > end) continue;
      out.add(ledgerUpdate(t));
      if (out.size() == 500) break;
    }
    return out;
  }

  /**
   * {@code spotClearinghouseState}: the USDC that {@code usdClassTransfer} moved to the account's
   * spot balance, when there is any; no other spot token exists here.
   */
  Map<String, Object> spotClearinghouseState(String user) {
    Account a = engine.account(user);
    BigDecimal usdc = a == null ? BigDecimal.ZERO : a.spotUsdc();
    List<Object> balances = new ArrayList<>();
    if (usdc.signum() > 0) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("coin", "USDC");
      b.put("token", 0);
      b.put("total", Prices.usd(usdc));
      b.put("hold", "0.0");
      b.put("entryNtl", "0.0");
      balances.add(b);
    }
    return Map.of("balances", balances);
  }

  /** A deposit or transfer as the exchange lists it: {@code {"delta","hash","time"}}. */
  static Map<String, Object> ledgerUpdate(Account.Transfer t) {
    Map<String, Object> delta = new LinkedHashMap<>();
    delta.put("type", t.type());
    delta.put("usdc", Prices.usd(t.usdc()));
    if (t.type().equals("accountClassTransfer")) delta.put("toPerp", Account.PERP.equals(t.to()));
    if (t.type().equals("withdraw")) {
      delta.put("nonce", t.nonce());
      delta.put("fee", Prices.usd(Account.WITHDRAWAL_FEE));
    }
    if (t.type().equals("internalTransfer")) {
      delta.put("user", t.from());
      delta.put("destination", t.to());
      delta.put("fee", "0.0");
    }
    return ledgerEntry(delta, t.time());
  }

  /**
   * An entry of {@code userFunding} or {@code userNonFundingLedgerUpdates}; the hash of the
   * transaction is zero, as the simulator has none.
   */
  private static Map<String, Object> ledgerEntry(Map<String, Object> delta, long time) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("delta", delta);
    entry.put("hash", "0x" + "0".repeat(64));
    entry.put("time", time);
    return entry;
  }

  List<Object> fundingHistory(String coin, long start, Long end) {
    List<Object> out = new ArrayList<>();
    if (engine.market(coin) == null || engine.fundingRate().signum() == 0) return out;
    long last = Math.min(end == null ? Long.MAX_VALUE : end, engine.now());
    long first = Math.max(start, engine.markets().getFirst().origin);
    for (long h = Math.floorDiv(first + Clock.HOUR_MS - 1, Clock.HOUR_MS) * Clock.HOUR_MS;
        h <= last && out.size() < 500;
        h += Clock.HOUR_MS) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("coin", coin);
      f.put("fundingRate", Prices.wire(engine.fundingRate()));
      f.put("premium", "0.0");
      f.put("time", h);
      out.add(f);
    }
    return out;
  }

  /**
   * {@code predictedFundings}: for each market, Hyperliquid's next funding ({@code HlPerp}: the
   * configured rate, at the next simulated hour); the other venues the exchange lists are not
   * simulated.
   */
  List<Object> predictedFundings() {
    long next = (Math.floorDiv(engine.now(), Clock.HOUR_MS) + 1) * Clock.HOUR_MS;
    List<Object> out = new ArrayList<>();
    for (Market m : engine.markets()) {
      Map<String, Object> hl = new LinkedHashMap<>();
      hl.put("fundingRate", Prices.wire(engine.fundingRate()));
      hl.put("nextFundingTime", next);
      hl.put("fundingIntervalHours", 1);
      out.add(List.of(m.coin, List.of(List.of("HlPerp", hl))));
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
}
