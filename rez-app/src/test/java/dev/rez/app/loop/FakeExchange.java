package dev.rez.app.loop;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.MarginMode;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderBook;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory exchange for tests: IOC orders fill at the mark when their limit allows, trigger orders rest and
 * fire when {@link #setMark} crosses them, fills carry closed PnL. Faults are injected per call: a request that
 * fails before reaching the exchange, an acknowledgement lost after the exchange acted, rejected trigger orders,
 * an exchange that is down. It deliberately does not deduplicate cloids, so a duplicate send shows.
 */
final class FakeExchange implements Exchange, MarketData {
  static final Asset BTC = Asset.of("BTC");
  static final Asset ETH = Asset.of("ETH");

  private final Clock clock;
  private final Map<Asset, BigDecimal> marks = new LinkedHashMap<>();
  private final Map<Asset, Integer> szDecimals = new HashMap<>();
  private final Map<Asset, BigDecimal> size = new HashMap<>();
  private final Map<Asset, BigDecimal> entry = new HashMap<>();
  private final Map<Asset, Integer> leverage = new HashMap<>();
  private final List<OpenOrder> open = new ArrayList<>();
  private final Map<Long, Boolean> triggerMarket = new HashMap<>();
  final List<Fill> fills = new ArrayList<>();
  /** Every order the exchange accepted (entries, closes, triggers), in order. */
  final List<Object> accepted = new ArrayList<>();
  /** Grouped requests that reached the exchange. */
  int groupedRequests;
  BigDecimal realized = BigDecimal.ZERO;
  BigDecimal startEquity = new BigDecimal("10000");
  private long nextId = 100;

  // Faults
  /** Calls of any method that fail before reaching the exchange (like a 5xx or 429). */
  int failNextCalls;
  /** The next order-placing call acts, then throws as if its acknowledgement was lost. */
  boolean dropNextAck;
  /** The next n trigger orders of this kind are rejected. */
  final Map<TriggerKind, Integer> rejectTriggers = new HashMap<>();
  /** When true every call fails. */
  boolean down;
  /** Order-placing calls that fail before reaching the exchange. */
  int failNextPlacements;
  /** When true, fills and cloid lookups fail. */
  boolean lookupsDown;
  /** The next n account reads do not show positions yet (the account lags the order results). */
  int laggingAccountReads;
  /** When set, account reads fail as the client does on an answer of an unexpected shape. */
  boolean malformedAccount;
  /** The next n order-list reads do not show orders yet (the list lags the order results). */
  int laggingOrderReads;
  /** The next n reduce-only closes find no liquidity. */
  int unfillableCloses;
  /** What became of each order, by cloid (a resting order that is gone was cancelled unless it filled). */
  private final Map<ClientOrderId, OrderResult> outcomes = new HashMap<>();

  private void enterPlacement() {
    enter();
    if (failNextPlacements > 0) {
      failNextPlacements--;
      throw new IllegalStateException("HTTP 503 (test)");
    }
  }

  private void enterLookup() {
    enter();
    if (lookupsDown) throw new IllegalStateException("lookup failed (test)");
  }

  FakeExchange(Clock clock) {
    this.clock = clock;
    marks.put(BTC, new BigDecimal("50000"));
    marks.put(ETH, new BigDecimal("3000"));
    szDecimals.put(BTC, 5);
    szDecimals.put(ETH, 4);
  }

  private void enter() {
    if (down) throw new IllegalStateException("exchange unreachable (test)");
    if (failNextCalls > 0) {
      failNextCalls--;
      throw new IllegalStateException("HTTP 502 (test)");
    }
  }

  private <T> T ack(T result) {
    if (dropNextAck) {
      dropNextAck = false;
      throw new IllegalStateException("read timeout: acknowledgement lost (test)");
    }
    return result;
  }

  // --- test controls

  synchronized void setMark(Asset asset, String price) {
    marks.put(asset, new BigDecimal(price));
    fireTriggers(asset);
  }

  /** Puts a position on the books directly (as if opened elsewhere or before a restart). */
  synchronized void putPosition(Asset asset, String signedSize, String entryPrice) {
    size.put(asset, new BigDecimal(signedSize));
    entry.put(asset, new BigDecimal(entryPrice));
  }

  /** Rests a trigger order directly. */
  synchronized long putTrigger(Asset asset, Side side, String sz, TriggerKind kind, String triggerPx) {
    long id = nextId++;
    open.add(new OpenOrder(asset, side, new BigDecimal(sz), new BigDecimal(triggerPx), id, null, true, kind, new BigDecimal(triggerPx), clock.instant()));
    triggerMarket.put(id, true);
    return id;
  }

  synchronized List<OpenOrder> triggers(Asset asset, TriggerKind kind) {
    return open.stream().filter(o -> o.asset().equals(asset) && o.trigger() == kind).toList();
  }

  synchronized long entriesFilled(Asset asset) {
    return fills.stream().filter(f -> f.asset().equals(asset) && !f.closing()).count();
  }

  synchronized BigDecimal positionSize(Asset asset) {
    return size.getOrDefault(asset, BigDecimal.ZERO);
  }

  // --- Exchange

  @Override
  public synchronized AccountState accountState() {
    enter();
    if (malformedAccount) throw new IllegalStateException("clearinghouseState: field 'assetPositions' is missing (test)");
    boolean lagging = laggingAccountReads > 0;
    if (lagging) laggingAccountReads--;
    List<Position> ps = new ArrayList<>();
    BigDecimal upnl = BigDecimal.ZERO;
    BigDecimal margin = BigDecimal.ZERO;
    for (Map.Entry<Asset, BigDecimal> e : size.entrySet()) {
      if (e.getValue().signum() == 0 || lagging) continue;
      Asset a = e.getKey();
      BigDecimal u = marks.get(a).subtract(entry.get(a)).multiply(e.getValue());
      int lev = leverage.getOrDefault(a, 1);
      BigDecimal m = e.getValue().abs().multiply(entry.get(a)).divide(BigDecimal.valueOf(lev), 8, RoundingMode.HALF_EVEN);
      ps.add(new Position(a, e.getValue(), entry.get(a), u, lev, null, m));
      upnl = upnl.add(u);
      margin = margin.add(m);
    }
    BigDecimal equity = startEquity.add(realized).add(upnl);
    return new AccountState(equity, margin, equity.subtract(margin), ps, clock.instant());
  }

  @Override
  public synchronized List<OpenOrder> openOrders() {
    enter();
    if (laggingOrderReads > 0) {
      laggingOrderReads--;
      return List.of();
    }
    return List.copyOf(open);
  }

  @Override
  public synchronized List<Fill> fills(Instant since) {
    enterLookup();
    return fills.stream().filter(f -> !f.time().isBefore(since)).toList();
  }

  @Override
  public synchronized List<OrderResult> placeWithProtection(OrderRequest e, List<TriggerOrder> protection) {
    enterPlacement();
    groupedRequests++;
    List<OrderResult> out = new ArrayList<>();
    OrderResult r = execute(e);
    out.add(r);
    boolean filled = r instanceof OrderResult.Filled f && f.totalSize().signum() > 0;
    for (TriggerOrder t : protection) out.add(filled ? rest(t) : outcome(new OrderResult.Rejected("entry did not fill; trigger cancelled", t.cloid())));
    return ack(out);
  }

  @Override
  public synchronized List<OrderResult> place(List<OrderRequest> orders) {
    enterPlacement();
    List<OrderResult> out = new ArrayList<>();
    for (OrderRequest o : orders) out.add(execute(o));
    return ack(out);
  }

  @Override
  public synchronized List<OrderResult> placeProtection(List<TriggerOrder> protection) {
    enterPlacement();
    List<OrderResult> out = new ArrayList<>();
    for (TriggerOrder t : protection) out.add(rest(t));
    return ack(out);
  }

  @Override
  public synchronized boolean cancel(Asset asset, long orderId) {
    enter();
    return open.removeIf(o -> o.asset().equals(asset) && o.orderId() == orderId);
  }

  @Override
  public synchronized Optional<OpenOrder> orderByCloid(ClientOrderId cloid) {
    enterLookup();
    return open.stream().filter(o -> cloid.equals(o.cloid())).findFirst();
  }

  @Override
  public synchronized Optional<OrderResult> orderResult(ClientOrderId cloid) {
    enterLookup();
    for (OpenOrder o : open) if (cloid.equals(o.cloid())) return Optional.of(new OrderResult.Resting(o.orderId(), cloid));
    OrderResult r = outcomes.get(cloid);
    if (r instanceof OrderResult.Resting gone) {
      BigDecimal filled = BigDecimal.ZERO;
      BigDecimal px = BigDecimal.ZERO;
      for (Fill f : fills) {
        if (f.orderId() == gone.orderId()) {
          filled = filled.add(f.size());
          px = f.price();
        }
      }
      return Optional.of(filled.signum() > 0 ? new OrderResult.Filled(gone.orderId(), filled, px, cloid) : new OrderResult.Rejected("canceled", cloid));
    }
    return Optional.ofNullable(r);
  }

  @Override
  public synchronized void setLeverage(Asset asset, int lev, MarginMode mode) {
    enter();
    leverage.put(asset, lev);
  }

  private OrderResult rest(TriggerOrder t) {
    int left = rejectTriggers.getOrDefault(t.kind(), 0);
    if (left > 0) {
      rejectTriggers.put(t.kind(), left - 1);
      return outcome(new OrderResult.Rejected("trigger rejected (test)", t.cloid()));
    }
    long id = nextId++;
    open.add(new OpenOrder(t.asset(), t.side(), t.size(), t.limitPrice(), id, t.cloid(), true, t.kind(), t.triggerPrice(), clock.instant()));
    triggerMarket.put(id, t.market());
    accepted.add(t);
    return outcome(new OrderResult.Resting(id, t.cloid()));
  }

  private OrderResult outcome(OrderResult r) {
    if (r.cloid() != null) outcomes.put(r.cloid(), r);
    return r;
  }

  private OrderResult execute(OrderRequest o) {
    return outcome(fillOrReject(o));
  }

  private OrderResult fillOrReject(OrderRequest o) {
    BigDecimal mark = marks.get(o.asset());
    if (o.timeInForce() != TimeInForce.IOC) return new OrderResult.Rejected("only IOC in this fake", o.cloid());
    boolean crosses = o.side() == Side.BUY ? o.limitPrice().compareTo(mark) >= 0 : o.limitPrice().compareTo(mark) <= 0;
    if (!crosses) return new OrderResult.Rejected("Order could not immediately match against any resting orders.", o.cloid());
    BigDecimal sz = o.size();
    BigDecimal pos = size.getOrDefault(o.asset(), BigDecimal.ZERO);
    if (o.reduceOnly()) {
      if (unfillableCloses > 0) {
        unfillableCloses--;
        return new OrderResult.Rejected("Order could not immediately match against any resting orders.", o.cloid());
      }
      if (pos.signum() == 0 || pos.signum() == o.side().sign()) return new OrderResult.Rejected("Reduce only order would increase position.", o.cloid());
      sz = sz.min(pos.abs());
    }
    long id = nextId++;
    accepted.add(o);
    fill(o.asset(), o.side(), sz, mark, id, o.cloid());
    return new OrderResult.Filled(id, sz, mark, o.cloid());
  }

  private void fill(Asset a, Side side, BigDecimal sz, BigDecimal px, long orderId, ClientOrderId cloid) {
    BigDecimal pos = size.getOrDefault(a, BigDecimal.ZERO);
    BigDecimal signed = sz.multiply(BigDecimal.valueOf(side.sign()));
    BigDecimal closedPnl = BigDecimal.ZERO;
    if (pos.signum() != 0 && pos.signum() != side.sign()) {
      BigDecimal closed = sz.min(pos.abs());
      closedPnl = px.subtract(entry.get(a)).multiply(closed).multiply(BigDecimal.valueOf(pos.signum()));
      realized = realized.add(closedPnl);
    } else {
      BigDecimal newSize = pos.add(signed);
      BigDecimal oldNotional = pos.abs().multiply(entry.getOrDefault(a, px));
      entry.put(a, oldNotional.add(sz.multiply(px)).divide(newSize.abs(), 8, RoundingMode.HALF_EVEN));
    }
    BigDecimal after = pos.add(signed);
    size.put(a, after);
    if (after.signum() == 0) {
      size.remove(a);
      entry.remove(a);
    }
    fills.add(new Fill(a, side, px, sz, clock.instant(), BigDecimal.ZERO, closedPnl, orderId, cloid, pos, true, "0xfake" + orderId));
  }

  private void fireTriggers(Asset a) {
    BigDecimal mark = marks.get(a);
    for (OpenOrder o : List.copyOf(open)) {
      if (!o.asset().equals(a) || !o.isTrigger()) continue;
      BigDecimal pos = size.getOrDefault(a, BigDecimal.ZERO);
      boolean longPos = o.side() == Side.SELL;
      boolean fires = o.trigger() == TriggerKind.STOP_LOSS
          ? (longPos ? mark.compareTo(o.triggerPrice()) <= 0 : mark.compareTo(o.triggerPrice()) >= 0)
          : (longPos ? mark.compareTo(o.triggerPrice()) >= 0 : mark.compareTo(o.triggerPrice()) <= 0);
      if (!fires) continue;
      open.remove(o);
      if (pos.signum() == 0 || pos.signum() == o.side().sign()) continue;
      fill(a, o.side(), o.size().signum() == 0 ? pos.abs() : o.size().min(pos.abs()), mark, o.orderId(), o.cloid());
    }
  }

  // --- MarketData

  @Override
  public List<AssetInfo> assets() {
    enter();
    return List.of(new AssetInfo(BTC, 0, szDecimals.get(BTC), 50), new AssetInfo(ETH, 1, szDecimals.get(ETH), 50));
  }

  @Override
  public synchronized List<Candle> candles(Asset asset, Interval interval, Instant from, Instant to) {
    enter();
    List<Candle> out = new ArrayList<>();
    double px = marks.get(asset).doubleValue();
    long step = interval.duration().toMillis();
    for (long t = Math.floorDiv(from.toEpochMilli(), step) * step; t <= to.toEpochMilli(); t += step) {
      out.add(new Candle(Instant.ofEpochMilli(t), interval, px, px, px, px, 1));
    }
    return out;
  }

  @Override
  public synchronized Map<Asset, BigDecimal> mids() {
    enter();
    return Map.copyOf(marks);
  }

  @Override
  public synchronized Map<Asset, AssetContext> contexts() {
    enter();
    Map<Asset, AssetContext> m = new HashMap<>();
    for (var e : marks.entrySet()) m.put(e.getKey(), new AssetContext(e.getKey(), e.getValue(), e.getValue(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
    return m;
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    enter();
    return new OrderBook(asset, List.of(), List.of(), clock.instant());
  }
}
