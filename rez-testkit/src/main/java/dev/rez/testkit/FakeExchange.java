package dev.rez.testkit;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory exchange for tests of code that trades through {@link Exchange} and reads {@link
 * MarketData}: IOC orders fill at the mark when their limit allows, trigger orders rest and fire
 * when {@link #setMark} crosses them, fills carry closed PnL. Two assets are listed, {@link #BTC}
 * (mark 50000, 5 size decimals) and {@link #ETH} (mark 3000, 4 size decimals), with leverage up to
 * 50; prices need no tick.
 *
 * <p>Faults are injected per call: a request that fails before reaching the exchange, an
 * acknowledgement lost after the exchange acted, rejected trigger orders, an exchange that is down,
 * reads that lag. Like the exchange, it refuses an order whose client order id it has seen before
 * (accepted or not): the refusal is counted ({@link #reusedCloids()}), so a duplicate send shows.
 * It passes {@link ExchangeContract}.
 *
 * <pre>{@code
 * FakeExchange ex = new FakeExchange(clock);
 * ex.putPosition(FakeExchange.BTC, "0.1", "50000");
 * ex.rejectTriggers(TriggerKind.STOP_LOSS, 1);   // the next stop-loss is rejected
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class FakeExchange implements Exchange, MarketData {
  /** The first listed asset: mark 50000, 5 size decimals. */
  public static final Asset BTC = Asset.of("BTC");

  /** The second listed asset: mark 3000, 4 size decimals. */
  public static final Asset ETH = Asset.of("ETH");

  private final Clock clock;
  private final Map<Asset, BigDecimal> marks = new LinkedHashMap<>();
  private final Map<Asset, Integer> szDecimals = new HashMap<>();
  private final Map<Asset, BigDecimal> size = new HashMap<>();
  private final Map<Asset, BigDecimal> entry = new HashMap<>();
  private final Map<Asset, Integer> leverage = new HashMap<>();
  private final Map<Asset, Position> given = new LinkedHashMap<>();
  private final List<OpenOrder> open = new ArrayList<>();
  private final Map<Long, Boolean> triggerMarket = new HashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private final List<Object> accepted = new ArrayList<>();
  private int groupedRequests;
  private int reusedCloids;
  private BigDecimal realized = BigDecimal.ZERO;
  private BigDecimal startEquity = new BigDecimal("10000");
  private long nextId = 100;
  private boolean tradingForbidden;

  // Faults
  private int failNextCalls;
  private boolean dropNextAck;
  private final Map<TriggerKind, Integer> rejectTriggers = new HashMap<>();
  private boolean down;
  private int failNextPlacements;
  private boolean lookupsDown;
  private int laggingAccountReads;
  private String accountFailure;
  private int laggingOrderReads;
  private int unfillableCloses;

  /**
   * What became of each order, by cloid (a resting order that is gone was cancelled unless it
   * filled).
   */
  private final Map<ClientOrderId, OrderResult> outcomes = new HashMap<>();

  private void enterPlacement() {
    enterTrade();
    if (failNextPlacements > 0) {
      failNextPlacements--;
      throw new IllegalStateException("HTTP 503 (test)");
    }
  }

  /** A call that changes orders or positions. */
  private void enterTrade() {
    if (tradingForbidden) throw new AssertionError("this test's code must never trade");
    enter();
  }

  private void enterLookup() {
    enter();
    if (lookupsDown) throw new IllegalStateException("lookup failed (test)");
  }

  /** A fake whose clock stands at the epoch. */
  public FakeExchange() {
    this(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  /**
   * A fake at the epoch on which every order-placing call fails the test: for code that must only
   * read.
   */
  public static FakeExchange readOnly() {
    FakeExchange ex = new FakeExchange();
    ex.forbidTrading();
    return ex;
  }

  /** A fake that stamps fills, orders and account reads with {@code clock}. */
  public FakeExchange(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock == null");
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

  /** Moves the mark of {@code asset}; trigger orders it crosses fire and fill at it. */
  public synchronized void setMark(Asset asset, String price) {
    marks.put(asset, new BigDecimal(price));
    fireTriggers(asset);
  }

  /**
   * Puts a position on the books directly (as if opened elsewhere or before a restart); its PnL
   * follows the mark.
   */
  public synchronized void putPosition(Asset asset, String signedSize, String entryPrice) {
    size.put(asset, new BigDecimal(signedSize));
    entry.put(asset, new BigDecimal(entryPrice));
  }

  /**
   * Reports {@code position} exactly as given in every account read (its margin counts, its PnL
   * does not move the equity); for code that only reads the account.
   */
  public synchronized void putPosition(Position position) {
    given.put(position.asset(), position);
  }

  /** Rests a market trigger order directly; answers its order id. */
  public synchronized long putTrigger(
      Asset asset, Side side, String sz, TriggerKind kind, String triggerPx) {
    long id = nextId++;
    open.add(
        new OpenOrder(
            asset,
            side,
            new BigDecimal(sz),
            new BigDecimal(triggerPx),
            id,
            null,
            true,
            kind,
            new BigDecimal(triggerPx),
            clock.instant()));
    triggerMarket.put(id, true);
    return id;
  }

  /**
   * Lists {@code order} among the open orders as given (a plain order never fills; a trigger fires
   * as usual).
   */
  public synchronized void putOrder(OpenOrder order) {
    open.add(order);
    if (order.isTrigger()) triggerMarket.put(order.orderId(), true);
  }

  /** The resting trigger orders of one kind for {@code asset}. */
  public synchronized List<OpenOrder> triggers(Asset asset, TriggerKind kind) {
    return open.stream().filter(o -> o.asset().equals(asset) && o.trigger() == kind).toList();
  }

  /** How many entry (not closing) fills {@code asset} had. */
  public synchronized long entriesFilled(Asset asset) {
    return fills.stream().filter(f -> f.asset().equals(asset) && !f.closing()).count();
  }

  /** The signed position size of {@code asset}, zero when flat. */
  public synchronized BigDecimal positionSize(Asset asset) {
    return size.getOrDefault(asset, BigDecimal.ZERO);
  }

  /** Every fill so far, oldest first. */
  public synchronized List<Fill> allFills() {
    return List.copyOf(fills);
  }

  /**
   * Every order the exchange accepted ({@link OrderRequest} entries and closes, {@link
   * TriggerOrder}s), in order.
   */
  public synchronized List<Object> accepted() {
    return List.copyOf(accepted);
  }

  /** Grouped (entry with protection) requests that reached the exchange. */
  public synchronized int groupedRequests() {
    return groupedRequests;
  }

  /**
   * Orders refused because their client order id had been used before (the exchange refuses them
   * too).
   */
  public synchronized int reusedCloids() {
    return reusedCloids;
  }

  /** The equity before any PnL: 10000 unless set. */
  public synchronized BigDecimal startEquity() {
    return startEquity;
  }

  /** Sets the equity before any PnL (a deposit or withdrawal moves it). */
  public synchronized void startEquity(BigDecimal equity) {
    startEquity = java.util.Objects.requireNonNull(equity, "equity == null");
  }

  /**
   * From now on every order-placing call fails the test with an {@link AssertionError}: for code
   * that must never trade.
   */
  public synchronized void forbidTrading() {
    tradingForbidden = true;
  }

  // --- faults

  /**
   * The next {@code n} calls of any method fail before reaching the exchange (like a 5xx or 429).
   */
  public synchronized void failNextCalls(int n) {
    failNextCalls = n;
  }

  /** The next order-placing call acts, then throws as if its acknowledgement was lost. */
  public synchronized void dropNextAck() {
    dropNextAck = true;
  }

  /** The next {@code n} trigger orders of {@code kind} are rejected. */
  public synchronized void rejectTriggers(TriggerKind kind, int n) {
    rejectTriggers.put(kind, n);
  }

  /** While down, every call fails. */
  public synchronized void down(boolean down) {
    this.down = down;
  }

  /** The next {@code n} order-placing calls fail before reaching the exchange. */
  public synchronized void failNextPlacements(int n) {
    failNextPlacements = n;
  }

  /** While lookups are down, fill reads and cloid lookups fail. */
  public synchronized void lookupsDown(boolean down) {
    lookupsDown = down;
  }

  /**
   * The next {@code n} account reads do not show positions yet (the account lags the order
   * results).
   */
  public synchronized void laggingAccountReads(int n) {
    laggingAccountReads = n;
  }

  /**
   * Account reads fail with an {@link IllegalStateException} carrying {@code message}; null lets
   * them succeed again.
   */
  public synchronized void failAccountReads(String message) {
    accountFailure = message;
  }

  /**
   * The next {@code n} order-list reads do not show orders yet (the list lags the order results).
   */
  public synchronized void laggingOrderReads(int n) {
    laggingOrderReads = n;
  }

  /** The next {@code n} reduce-only closes find no liquidity. */
  public synchronized void unfillableCloses(int n) {
    unfillableCloses = n;
  }

  // --- Exchange

  @Override
  public synchronized AccountState accountState() {
    enter();
    if (accountFailure != null) throw new IllegalStateException(accountFailure);
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
      BigDecimal m =
          e.getValue()
              .abs()
              .multiply(entry.get(a))
              .divide(BigDecimal.valueOf(lev), 8, RoundingMode.HALF_EVEN);
      ps.add(new Position(a, e.getValue(), entry.get(a), u, lev, null, m));
      upnl = upnl.add(u);
      margin = margin.add(m);
    }
    for (Position p : given.values()) {
      if (lagging) continue;
      ps.add(p);
      margin = margin.add(p.marginUsed());
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
  public synchronized List<OrderResult> placeWithProtection(
      OrderRequest e, List<TriggerOrder> protection) {
    enterPlacement();
    groupedRequests++;
    List<OrderResult> out = new ArrayList<>();
    OrderResult r = execute(e);
    out.add(r);
    boolean filled = r instanceof OrderResult.Filled f && f.totalSize().signum() > 0;
    for (TriggerOrder t : protection)
      out.add(
          filled
              ? rest(t)
              : reused(t.cloid())
                  ? cloidAlreadyUsed(t.cloid())
                  : outcome(
                      new OrderResult.Rejected(
                          "entry did not fill; trigger cancelled", t.cloid())));
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
    enterTrade();
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
    for (OpenOrder o : open)
      if (cloid.equals(o.cloid())) return Optional.of(new OrderResult.Resting(o.orderId(), cloid));
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
      return Optional.of(
          filled.signum() > 0
              ? new OrderResult.Filled(gone.orderId(), filled, px, cloid)
              : new OrderResult.Rejected("canceled", cloid));
    }
    return Optional.ofNullable(r);
  }

  /** Prices need no tick here: answers the price unchanged (trailing zeros stripped). */
  @Override
  public BigDecimal roundPrice(AssetInfo info, BigDecimal price, RoundingMode mode) {
    java.util.Objects.requireNonNull(info, "info == null");
    java.util.Objects.requireNonNull(mode, "mode == null");
    if (price.signum() <= 0)
      throw new IllegalArgumentException("price must be > 0 but was " + price.toPlainString());
    return price.stripTrailingZeros();
  }

  /** Keeps {@code info.sizeDecimals()} decimals; zero when the size rounds to zero. */
  @Override
  public BigDecimal roundSize(AssetInfo info, BigDecimal size, RoundingMode mode) {
    if (size.signum() < 0)
      throw new IllegalArgumentException("size must be >= 0 but was " + size.toPlainString());
    BigDecimal r = size.setScale(info.sizeDecimals(), mode);
    return r.signum() == 0 ? BigDecimal.ZERO : r.stripTrailingZeros();
  }

  @Override
  public synchronized void setLeverage(Asset asset, int lev, MarginMode mode) {
    enterTrade();
    leverage.put(asset, lev);
  }

  private OrderResult rest(TriggerOrder t) {
    if (reused(t.cloid())) return cloidAlreadyUsed(t.cloid());
    int left = rejectTriggers.getOrDefault(t.kind(), 0);
    if (left > 0) {
      rejectTriggers.put(t.kind(), left - 1);
      return outcome(new OrderResult.Rejected("trigger rejected (test)", t.cloid()));
    }
    long id = nextId++;
    open.add(
        new OpenOrder(
            t.asset(),
            t.side(),
            t.size(),
            t.limitPrice(),
            id,
            t.cloid(),
            true,
            t.kind(),
            t.triggerPrice(),
            clock.instant()));
    triggerMarket.put(id, t.market());
    accepted.add(t);
    return outcome(new OrderResult.Resting(id, t.cloid()));
  }

  private OrderResult outcome(OrderResult r) {
    if (r.cloid() != null) outcomes.put(r.cloid(), r);
    return r;
  }

  private OrderResult execute(OrderRequest o) {
    if (reused(o.cloid())) return cloidAlreadyUsed(o.cloid());
    return outcome(fillOrReject(o));
  }

  /** True when an order with {@code cloid} was sent before, whatever became of it. */
  private boolean reused(ClientOrderId cloid) {
    return cloid != null && outcomes.containsKey(cloid);
  }

  /** The exchange's refusal of a reused cloid; the first order's outcome stays. */
  private OrderResult cloidAlreadyUsed(ClientOrderId cloid) {
    reusedCloids++;
    return new OrderResult.Rejected("Cloid already used: " + cloid.hex() + ".", cloid);
  }

  private OrderResult fillOrReject(OrderRequest o) {
    BigDecimal mark = marks.get(o.asset());
    if (o.timeInForce() != TimeInForce.IOC)
      return new OrderResult.Rejected("only IOC in this fake", o.cloid());
    boolean crosses =
        o.side() == Side.BUY
            ? o.limitPrice().compareTo(mark) >= 0
            : o.limitPrice().compareTo(mark) <= 0;
    if (!crosses)
      return new OrderResult.Rejected(
          "Order could not immediately match against any resting orders.", o.cloid());
    BigDecimal sz = o.size();
    BigDecimal pos = size.getOrDefault(o.asset(), BigDecimal.ZERO);
    if (o.reduceOnly()) {
      if (unfillableCloses > 0) {
        unfillableCloses--;
        return new OrderResult.Rejected(
            "Order could not immediately match against any resting orders.", o.cloid());
      }
      if (pos.signum() == 0 || pos.signum() == o.side().sign())
        return new OrderResult.Rejected("Reduce only order would increase position.", o.cloid());
      sz = sz.min(pos.abs());
    }
    long id = nextId++;
    accepted.add(o);
    fill(o.asset(), o.side(), sz, mark, id, o.cloid());
    return new OrderResult.Filled(id, sz, mark, o.cloid());
  }

  private void fill(
      Asset a, Side side, BigDecimal sz, BigDecimal px, long orderId, ClientOrderId cloid) {
    BigDecimal pos = size.getOrDefault(a, BigDecimal.ZERO);
    BigDecimal signed = sz.multiply(BigDecimal.valueOf(side.sign()));
    BigDecimal closedPnl = BigDecimal.ZERO;
    if (pos.signum() != 0 && pos.signum() != side.sign()) {
      BigDecimal closed = sz.min(pos.abs());
      closedPnl =
          px.subtract(entry.get(a)).multiply(closed).multiply(BigDecimal.valueOf(pos.signum()));
      realized = realized.add(closedPnl);
    } else {
      BigDecimal newSize = pos.add(signed);
      BigDecimal oldNotional = pos.abs().multiply(entry.getOrDefault(a, px));
      entry.put(
          a, oldNotional.add(sz.multiply(px)).divide(newSize.abs(), 8, RoundingMode.HALF_EVEN));
    }
    BigDecimal after = pos.add(signed);
    size.put(a, after);
    if (after.signum() == 0) {
      size.remove(a);
      entry.remove(a);
    }
    fills.add(
        new Fill(
            a,
            side,
            px,
            sz,
            clock.instant(),
            BigDecimal.ZERO,
            closedPnl,
            orderId,
            cloid,
            pos,
            true,
            "0xfake" + orderId,
            fills.size() + 1L));
  }

  private void fireTriggers(Asset a) {
    BigDecimal mark = marks.get(a);
    for (OpenOrder o : List.copyOf(open)) {
      if (!o.asset().equals(a) || !o.isTrigger()) continue;
      BigDecimal pos = size.getOrDefault(a, BigDecimal.ZERO);
      boolean longPos = o.side() == Side.SELL;
      boolean fires =
          o.trigger() == TriggerKind.STOP_LOSS
              ? (longPos
                  ? mark.compareTo(o.triggerPrice()) <= 0
                  : mark.compareTo(o.triggerPrice()) >= 0)
              : (longPos
                  ? mark.compareTo(o.triggerPrice()) >= 0
                  : mark.compareTo(o.triggerPrice()) <= 0);
      if (!fires) continue;
      open.remove(o);
      if (pos.signum() == 0 || pos.signum() == o.side().sign()) continue;
      fill(
          a,
          o.side(),
          o.size().signum() == 0 ? pos.abs() : o.size().min(pos.abs()),
          mark,
          o.orderId(),
          o.cloid());
    }
  }

  // --- MarketData

  @Override
  public List<AssetInfo> assets() {
    enter();
    return List.of(
        new AssetInfo(BTC, 0, szDecimals.get(BTC), 50),
        new AssetInfo(ETH, 1, szDecimals.get(ETH), 50));
  }

  @Override
  public synchronized List<Candle> candles(
      Asset asset, Interval interval, Instant from, Instant to) {
    enter();
    List<Candle> out = new ArrayList<>();
    double px = marks.get(asset).doubleValue();
    long step = interval.duration().toMillis();
    for (long t = Math.floorDiv(from.toEpochMilli(), step) * step;
        t <= to.toEpochMilli();
        t += step) {
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
    for (var e : marks.entrySet())
      m.put(
          e.getKey(),
          new AssetContext(
              e.getKey(),
              e.getValue(),
              e.getValue(),
              BigDecimal.ZERO,
              BigDecimal.ZERO,
              BigDecimal.ZERO));
    return m;
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    enter();
    return new OrderBook(asset, List.of(), List.of(), clock.instant());
  }
}
