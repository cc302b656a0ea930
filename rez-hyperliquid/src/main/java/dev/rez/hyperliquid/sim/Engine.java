package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The simulated exchange without HTTP: markets on a shared timeline, accounts, matching, triggers, margin and
 * liquidation. Every public-facing method is synchronized; the engine is deterministic for a given sequence of
 * calls and times.
 *
 * <p>Each account sees each candle through its own intrabar path, chosen at the candle's open to be adverse to its
 * position (a long sees the low first, a short the high first, a flat account the neutral order), so a stop-loss
 * fires before a take-profit inside one candle. Accounts never trade with one another: the book is synthetic.
 */
final class Engine {
  static final MathContext MC = new MathContext(24, RoundingMode.HALF_EVEN);

  /** One order as parsed from the wire, before validation. */
  record OrderSpec(int asset, boolean buy, String px, String sz, boolean reduceOnly, String tif, Boolean triggerIsMarket,
      String triggerPx, String tpsl, String cloid) {
    boolean isTrigger() {
      return tif == null;
    }
  }

  /** The outcome of one order of a batch. */
  sealed interface Status {
    /** The order rests on the book. */
    record Resting(long oid, String cloid) implements Status {}

    /** The order filled, fully or (IOC) partly. */
    record Filled(BigDecimal totalSz, BigDecimal avgPx, long oid, String cloid) implements Status {}

    /** The order was rejected. */
    record Error(String message) implements Status {}

    /** A plain-string status such as {@code waitingForFill}. */
    record Text(String text) implements Status {}
  }

  /** A level of the synthetic book. */
  record Level(BigDecimal px, BigDecimal sz, int n) {}

  /** Both sides of the synthetic book, best first. */
  record Book(List<Level> bids, List<Level> asks) {}

  /** Fee rates and book shape. */
  record Config(BigDecimal takerFee, BigDecimal makerFee, BigDecimal spreadBps, BigDecimal levelNotional, int defaultLeverage,
      BigDecimal fundingRate) {}

  static final long HOUR_MS = 3_600_000L;

  private final List<Market> markets;
  private final Map<String, Market> byCoin = new HashMap<>();
  private final Config config;
  private final Faults faults;
  private final LongSupplier clock;
  final Map<String, Account> accounts = new LinkedHashMap<>();
  private final long origin;
  private final long durationMs;
  long now;
  long nextOid = 1_000;
  long nextTid = 1_000;

  /**
   * @param clock the target time in ms for an accelerated clock, or null for a stepped clock
   * @param startMs the initial simulated time
   */
  Engine(List<Market> markets, Config config, Faults faults, LongSupplier clock, long startMs) {
    if (markets.isEmpty()) throw new IllegalArgumentException("at least one market is required");
    this.markets = List.copyOf(markets);
    for (Market m : markets) byCoin.put(m.coin, m);
    this.config = config;
    this.faults = faults;
    this.clock = clock;
    this.origin = markets.getFirst().origin;
    this.durationMs = markets.getFirst().durationMs;
    this.now = startMs;
  }

  // ---------------------------------------------------------------- time

  synchronized long now() {
    return now;
  }

  List<Market> markets() {
    return markets;
  }

  Market market(String coin) {
    return byCoin.get(coin);
  }

  Market market(int asset) {
    return asset >= 0 && asset < markets.size() ? markets.get(asset) : null;
  }

  /** The last time the simulation can reach, or {@link Long#MAX_VALUE}. */
  long endMs() {
    long end = Long.MAX_VALUE;
    for (Market m : markets) if (m.size() != Integer.MAX_VALUE) end = Math.min(end, m.openMs(m.size()));
    return end;
  }

  /** Brings an accelerated clock up to date; a stepped clock does not move. */
  synchronized void sync() {
    if (clock != null) advanceTo(clock.getAsLong());
  }

  /** Advances to the next candle boundary; false if the replay has ended. */
  synchronized boolean step() {
    long target = origin + (Math.floorDiv(now - origin, durationMs) + 1) * durationMs;
    if (target > endMs()) return false;
    advanceTo(target);
    return true;
  }

  synchronized void advanceTo(long target) {
    target = Math.min(target, endMs());
    if (target <= now) return;
    for (Account a : accounts.values()) {
      // Events in time order: funding on every hour, the scheduled cancel, then the target.
      long hour = (Math.floorDiv(now, HOUR_MS) + 1) * HOUR_MS;
      while (true) {
        Long cancelAt = a.scheduledCancel != null && a.scheduledCancel > now && a.scheduledCancel <= target ? a.scheduledCancel : null;
        boolean funding = config.fundingRate().signum() != 0 && hour <= target;
        if (cancelAt != null && (!funding || cancelAt < hour)) {
          playAll(a, cancelAt);
          for (SimOrder o : a.openOrders()) close(o, "scheduledCancel", cancelAt);
          a.scheduledCancel = null;
        } else if (funding) {
          playAll(a, hour);
          payFunding(a, hour);
          hour += HOUR_MS;
        } else {
          break;
        }
      }
      playAll(a, target);
    }
    now = target;
  }

  /** Hourly funding at the public price of that hour: longs pay shorts when the rate is positive. */
  private void payFunding(Account a, long t) {
    for (Market m : markets) {
      BigDecimal szi = a.szi(m.index);
      if (szi.signum() == 0) continue;
      BigDecimal usdc = szi.multiply(priceAt(m, t)).multiply(config.fundingRate()).negate().setScale(6, RoundingMode.HALF_EVEN);
      a.collateral = a.collateral.add(usdc);
      a.fundingPaid = a.fundingPaid.add(usdc);
      Account.Position p = a.position(m.index);
      p.fundingSinceOpen = p.fundingSinceOpen.add(usdc);
      p.fundingSinceChange = p.fundingSinceChange.add(usdc);
      a.fundingAllTime.merge(m.index, usdc, BigDecimal::add);
      a.fundings.add(new Account.Funding(t, m.coin, config.fundingRate(), szi, usdc));
    }
  }

  BigDecimal fundingRate() {
    return config.fundingRate();
  }

  /** The public (neutral path) price of a market at time {@code t}. */
  private BigDecimal priceAt(Market m, long t) {
    double[] kf = kf(t);
    Candle c = m.candle((int) kf[0]);
    return Market.priceAt(Market.vertices(c, Market.neutralLowFirst(c)), kf[1]);
  }

  /** The candle index and fraction at time {@code t}: a boundary belongs to the candle it closes. */
  private double[] kf(long t) {
    long d = t - origin;
    if (d <= 0) return new double[] {0, 0};
    long k = (d - 1) / durationMs;
    return new double[] {k, (d - k * durationMs) / (double) durationMs};
  }

  int currentIndex() {
    return (int) kf(now)[0];
  }

  double currentFraction() {
    return kf(now)[1];
  }

  /** The public (neutral path) price of a market now: mid, mark and last trade in one. */
  synchronized BigDecimal price(Market m) {
    return priceAt(m, now);
  }

  /** The candle in progress (or just closed), cut at now: high/low so far, close = the price now. */
  synchronized Candle partialCandle(Market m) {
    double[] kf = kf(now);
    Candle c = m.candle((int) kf[0]);
    if (kf[1] >= 1) return c;
    BigDecimal[] v = Market.vertices(c, Market.neutralLowFirst(c));
    BigDecimal[] range = Market.rangeUpTo(v, kf[1]);
    double close = Market.priceAt(v, kf[1]).doubleValue();
    return new Candle(c.openTime(), c.interval(), c.open(), range[1].doubleValue(), range[0].doubleValue(), close, c.volume() * kf[1]);
  }

  private BigDecimal[] tradedRange(Market m) {
    double[] kf = kf(now);
    Candle c = m.candle((int) kf[0]);
    return Market.rangeUpTo(Market.vertices(c, Market.neutralLowFirst(c)), kf[1]);
  }

  // ---------------------------------------------------------------- accounts

  synchronized Account account(String address) {
    return accounts.get(address.toLowerCase(Locale.ROOT));
  }

  synchronized void fund(String address, BigDecimal usd) {
    if (usd.signum() <= 0) throw new IllegalArgumentException("usd must be > 0 but was " + usd.toPlainString());
    Account a = accounts.computeIfAbsent(address.toLowerCase(Locale.ROOT), this::newAccount);
    a.collateral = a.collateral.add(usd);
    a.deposits = a.deposits.add(usd);
  }

  private Account newAccount(String address) {
    Account a = new Account(address);
    double[] kf = kf(now);
    for (Market m : markets) {
      Account.PathState s = new Account.PathState();
      s.k = (int) kf[0];
      s.f = kf[1];
      Candle c = m.candle(s.k);
      s.lowFirst = Market.neutralLowFirst(c);
      s.price = Market.priceAt(Market.vertices(c, s.lowFirst), s.f);
      a.paths.put(m.index, s);
    }
    return a;
  }

  int leverage(Account a, Market m) {
    return a.leverage.getOrDefault(m.index, Math.min(config.defaultLeverage(), m.maxLeverage));
  }

  BigDecimal unrealizedPnl(Account a, Market m) {
    BigDecimal szi = a.szi(m.index);
    if (szi.signum() == 0) return BigDecimal.ZERO;
    return price(m).subtract(a.position(m.index).entryPx).multiply(szi);
  }

  synchronized BigDecimal equity(Account a) {
    BigDecimal e = a.collateral;
    for (Market m : markets) e = e.add(unrealizedPnl(a, m));
    return e;
  }

  BigDecimal positionMargin(Account a, Market m) {
    BigDecimal szi = a.szi(m.index);
    return szi.abs().multiply(price(m)).divide(BigDecimal.valueOf(leverage(a, m)), MC);
  }

  synchronized BigDecimal totalPositionMargin(Account a) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Market m : markets) sum = sum.add(positionMargin(a, m));
    return sum;
  }

  private BigDecimal orderMargin(Account a) {
    BigDecimal sum = BigDecimal.ZERO;
    for (SimOrder o : a.open.values()) {
      if (o.waiting || o.reduceOnly || o.pendingTrigger()) continue;
      sum = sum.add(o.sz.multiply(o.limitPx).divide(BigDecimal.valueOf(leverage(a, o.market)), MC));
    }
    return sum;
  }

  BigDecimal maintenanceRate(Market m) {
    return BigDecimal.ONE.divide(BigDecimal.valueOf(2L * m.maxLeverage), MC);
  }

  synchronized BigDecimal maintenanceMargin(Account a) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Market m : markets) sum = sum.add(a.szi(m.index).abs().multiply(price(m)).multiply(maintenanceRate(m)));
    return sum;
  }

  /**
   * The price of {@code m} at which the account's equity falls to its maintenance margin, the other positions held
   * at their current marks; null if there is none.
   */
  synchronized BigDecimal liquidationPx(Account a, Market m) {
    BigDecimal s = a.szi(m.index);
    if (s.signum() == 0) return null;
    BigDecimal otherU = BigDecimal.ZERO;
    BigDecimal otherMm = BigDecimal.ZERO;
    for (Market o : markets) {
      if (o == m) continue;
      otherU = otherU.add(unrealizedPnl(a, o));
      otherMm = otherMm.add(a.szi(o.index).abs().multiply(price(o)).multiply(maintenanceRate(o)));
    }
    BigDecimal r = maintenanceRate(m);
    BigDecimal num = otherMm.subtract(a.collateral).subtract(otherU).add(s.multiply(a.position(m.index).entryPx));
    BigDecimal den = s.subtract(s.abs().multiply(r));
    BigDecimal px = num.divide(den, MC);
    return px.signum() > 0 ? px : null;
  }

  // ---------------------------------------------------------------- path playing

  private void playAll(Account a, long target) {
    double[] kf = kf(target);
    for (Market m : markets) play(a, m, (int) kf[0], kf[1]);
  }

  private boolean idle(Account a, Market m) {
    if (a.szi(m.index).signum() != 0) return false;
    for (SimOrder o : a.open.values()) if (o.market == m && !o.waiting) return false;
    return true;
  }

  private void play(Account a, Market m, int k1, double f1) {
    Account.PathState s = a.paths.get(m.index);
    while (s.k < k1 || (s.k == k1 && s.f < f1)) {
      if (idle(a, m)) {
        // Nothing can happen: jump straight to the target.
        Candle c = m.candle(k1);
        if (s.k != k1 || s.f >= 1) s.lowFirst = Market.neutralLowFirst(c);
        s.k = k1;
        s.f = f1;
        s.price = Market.priceAt(Market.vertices(c, s.lowFirst), f1);
        return;
      }
      if (s.f >= 1) {
        s.k++;
        s.f = 0;
        Candle c = m.candle(s.k);
        int sign = a.szi(m.index).signum();
        s.lowFirst = sign > 0 || (sign == 0 && Market.neutralLowFirst(c));
        BigDecimal open = BigDecimal.valueOf(c.open());
        s.price = open;
        long t = m.openMs(s.k);
        // The jump from the previous close to this open is instantaneous: only the open trades.
        sweep(a, m, open, open, t, t);
      }
      Candle c = m.candle(s.k);
      BigDecimal[] v = Market.vertices(c, s.lowFirst);
      double fEnd = s.k == k1 ? f1 : 1.0;
      long open = m.openMs(s.k);
      for (int seg = 0; seg < 3; seg++) {
        double sa = seg / 3.0;
        double sb = (seg + 1) / 3.0;
        if (sb <= s.f || sa >= fEnd) continue;
        double from = Math.max(sa, s.f);
        double to = Math.min(sb, fEnd);
        BigDecimal pTo = Market.priceAt(v, to);
        sweep(a, m, s.price, pTo, open + Math.round(from * durationMs), open + Math.round(to * durationMs));
        s.price = pTo;
        s.f = to;
      }
      s.f = fEnd;
    }
  }

  private record Event(SimOrder order, BigDecimal px, int priority) {}

  /** Moves the account's price monotonically from {@code from} to {@code to}, firing what it crosses, nearest first. */
  private void sweep(Account a, Market m, BigDecimal from, BigDecimal to, long tFrom, long tTo) {
    BigDecimal cur = from;
    for (int guard = 0; guard < 100_000; guard++) {
      Event best = null;
      for (SimOrder o : a.open.values()) {
        if (o.market != m || o.waiting) continue;
        Event e;
        if (o.pendingTrigger()) {
          BigDecimal p = hit(cur, to, o.trigger.triggerPx(), !o.firesAbove());
          e = p == null ? null : new Event(o, p, o.trigger.takeProfit() ? 3 : 0);
        } else {
          BigDecimal p = hit(cur, to, o.limitPx, o.buy);
          e = p == null ? null : new Event(o, p, 2);
        }
        if (e != null && before(e, best, cur)) best = e;
      }
      BigDecimal szi = a.szi(m.index);
      if (szi.signum() != 0) {
        BigDecimal liq = liquidationPx(a, m);
        if (liq != null) {
          BigDecimal p = hit(cur, to, liq, szi.signum() > 0);
          Event e = p == null ? null : new Event(null, p, 1);
          if (e != null && before(e, best, cur)) best = e;
        }
      }
      if (best == null) return;
      long t = interpolate(from, to, best.px, tFrom, tTo);
      cur = best.px;
      if (best.order == null) liquidate(a, m, best.px, t);
      else if (best.order.pendingTrigger()) fire(best.order, best.px, t);
      else fill(best.order, best.px, best.order.sz, false, false, t);
    }
    throw new IllegalStateException("too many events in one price sweep of " + m.coin);
  }

  private static boolean before(Event e, Event best, BigDecimal cur) {
    if (best == null) return true;
    int c = e.px.subtract(cur).abs().compareTo(best.px.subtract(cur).abs());
    if (c != 0) return c < 0;
    if (e.priority != best.priority) return e.priority < best.priority;
    return e.order != null && best.order != null && e.order.oid < best.order.oid;
  }

  /** Where a price moving from {@code cur} to {@code to} first satisfies "price <= x" (below) or "price >= x". */
  private static BigDecimal hit(BigDecimal cur, BigDecimal to, BigDecimal x, boolean below) {
    if (below) {
      if (cur.compareTo(x) <= 0) return cur;
      return to.compareTo(x) <= 0 ? x : null;
    }
    if (cur.compareTo(x) >= 0) return cur;
    return to.compareTo(x) >= 0 ? x : null;
  }

  private static long interpolate(BigDecimal from, BigDecimal to, BigDecimal p, long tFrom, long tTo) {
    if (from.compareTo(to) == 0 || tFrom == tTo) return tFrom;
    double share = p.subtract(from).doubleValue() / to.subtract(from).doubleValue();
    return tFrom + Math.round(Math.max(0, Math.min(1, share)) * (tTo - tFrom));
  }

  private void fire(SimOrder o, BigDecimal px, long t) {
    Account a = o.account;
    BigDecimal szi = a.szi(o.market.index);
    BigDecimal size = o.sz;
    if (o.reduceOnly || o.positionTpsl) {
      boolean opposite = szi.signum() != 0 && (szi.signum() > 0) != o.buy;
      if (!opposite) {
        close(o, "reduceOnlyCanceled", t);
        return;
      }
      size = o.positionTpsl ? szi.abs() : size.min(szi.abs());
    }
    o.triggered = true;
    o.sz = size;
    o.origSz = o.filledSz.add(size);
    boolean marketable = o.buy ? px.compareTo(o.limitPx) <= 0 : px.compareTo(o.limitPx) >= 0;
    if (o.trigger.isMarket()) fill(o, acrossTheSpread(o, px), size, true, false, t);
    else if (marketable) fill(o, px, size, true, false, t);
  }

  /**
   * Where a market order sent at path price {@code px} executes: on the far side of the synthetic book, as an IOC
   * does (the best ask for a buy, the best bid for a sell), kept inside the range of the candle it trades in.
   */
  private BigDecimal acrossTheSpread(SimOrder o, BigDecimal px) {
    Market m = o.market;
    BigDecimal half = px.multiply(config.spreadBps()).divide(BigDecimal.valueOf(20_000), MC).max(Prices.tick(px, m.szDecimals));
    BigDecimal p = o.buy
        ? Prices.roundPrice(px.add(half), m.szDecimals, RoundingMode.CEILING)
        : Prices.roundPrice(px.subtract(half), m.szDecimals, RoundingMode.FLOOR);
    Candle c = m.candle(o.account.paths.get(m.index).k);
    return p.max(BigDecimal.valueOf(c.low())).min(BigDecimal.valueOf(c.high()));
  }

  private void liquidate(Account a, Market m, BigDecimal px, long t) {
    for (SimOrder o : a.openOrders()) if (o.market == m) close(o, "liquidatedCanceled", t);
    BigDecimal szi = a.szi(m.index);
    applyFill(a, m, null, szi.signum() < 0, szi.abs(), px, true, true, t);
  }

  // ---------------------------------------------------------------- fills

  private void fill(SimOrder o, BigDecimal px, BigDecimal size, boolean crossed, boolean liquidation, long t) {
    Account a = o.account;
    if (o.reduceOnly || o.positionTpsl) {
      BigDecimal szi = a.szi(o.market.index);
      boolean opposite = szi.signum() != 0 && (szi.signum() > 0) != o.buy;
      if (!opposite) {
        close(o, "reduceOnlyCanceled", t);
        return;
      }
      size = size.min(szi.abs());
    }
    applyFill(a, o.market, o, o.buy, size, px, crossed, liquidation, t);
    o.sz = o.sz.subtract(size);
    o.filledSz = o.filledSz.add(size);
    if (o.sz.signum() <= 0 || o.reduceOnly && a.szi(o.market.index).signum() == 0) {
      close(o, "filled", t);
      activateChildren(o, t);
      if (o.parent != null) {
        for (SimOrder sibling : o.parent.children) if (sibling != o && sibling.isOpen()) close(sibling, "siblingFilledCanceled", t);
      }
    }
    afterPositionChange(a, o.market, t);
  }

  private void applyFill(Account a, Market m, SimOrder o, boolean buy, BigDecimal size, BigDecimal px, boolean crossed,
      boolean liquidation, long t) {
    Account.Position pos = a.position(m.index);
    BigDecimal start = pos.szi;
    BigDecimal signed = buy ? size : size.negate();
    BigDecimal end = start.add(signed);
    BigDecimal closedPnl = BigDecimal.ZERO;
    boolean reducing = start.signum() != 0 && start.signum() != signed.signum();
    if (reducing) {
      BigDecimal closed = start.abs().min(size);
      closedPnl = px.subtract(pos.entryPx).multiply(closed).multiply(BigDecimal.valueOf(start.signum()));
    }
    if (end.signum() == 0) {
      pos.entryPx = BigDecimal.ZERO;
    } else if (!reducing) {
      pos.entryPx = pos.entryPx.multiply(start.abs()).add(px.multiply(size)).divide(end.abs(), MC);
    } else if (end.signum() != start.signum()) {
      pos.entryPx = px;
    }
    if (start.signum() == 0 || end.signum() == 0 || end.signum() != start.signum()) pos.fundingSinceOpen = BigDecimal.ZERO;
    pos.fundingSinceChange = BigDecimal.ZERO;
    pos.szi = end;
    BigDecimal rate = liquidation ? BigDecimal.ZERO : crossed ? config.takerFee() : config.makerFee();
    BigDecimal fee = px.multiply(size).multiply(rate).setScale(6, RoundingMode.HALF_UP);
    a.collateral = a.collateral.add(closedPnl).subtract(fee);
    a.realizedPnl = a.realizedPnl.add(closedPnl);
    a.feesPaid = a.feesPaid.add(fee);
    a.fills.add(new SimFill(m.coin, px, size, buy, t, start, dir(start, end, buy), closedPnl, o == null ? 0 : o.oid,
        o == null ? null : o.cloid, crossed, fee, nextTid++, liquidation));
  }

  private static String dir(BigDecimal start, BigDecimal end, boolean buy) {
    if (start.signum() == 0) return buy ? "Open Long" : "Open Short";
    if (start.signum() > 0) {
      if (buy) return "Open Long";
      return end.signum() < 0 ? "Long > Short" : "Close Long";
    }
    if (!buy) return "Open Short";
    return end.signum() > 0 ? "Short > Long" : "Close Short";
  }

  /** Position closed or flipped: reduce-only orders that could only increase it go. */
  private void afterPositionChange(Account a, Market m, long t) {
    BigDecimal szi = a.szi(m.index);
    for (SimOrder o : a.openOrders()) {
      if (o.market != m || o.waiting || !(o.reduceOnly || o.positionTpsl)) continue;
      boolean opposite = szi.signum() != 0 && (szi.signum() > 0) != o.buy;
      if (!opposite) close(o, "reduceOnlyCanceled", t);
    }
  }

  private void activateChildren(SimOrder parent, long t) {
    for (SimOrder c : parent.children) {
      if (!c.waiting || !c.isOpen()) continue;
      if (parent.filledSz.signum() == 0) {
        close(c, "canceled", t);
        continue;
      }
      c.waiting = false;
      c.sz = c.origSz.min(parent.filledSz);
      c.origSz = c.sz;
    }
  }

  private void close(SimOrder o, String status, long t) {
    if (!o.isOpen()) return;
    o.status = status;
    o.account.open.remove(o.oid);
    o.statusTimestamp = t;
    if (!status.equals("filled")) activateChildren(o, t);
  }

  // ---------------------------------------------------------------- placing

  synchronized Book book(Market m) {
    return book(m, 20);
  }

  synchronized Book book(Market m, int levels) {
    BigDecimal mid = price(m);
    BigDecimal tick = Prices.tick(mid, m.szDecimals);
    BigDecimal half = mid.multiply(config.spreadBps()).divide(BigDecimal.valueOf(20_000), MC).max(tick);
    BigDecimal step = mid.divide(BigDecimal.valueOf(10_000), MC).max(tick);
    BigDecimal lot = BigDecimal.ONE.scaleByPowerOfTen(-m.szDecimals);
    BigDecimal base = config.levelNotional().divide(mid, MC).setScale(m.szDecimals, RoundingMode.FLOOR).max(lot);
    List<Level> bids = new ArrayList<>();
    List<Level> asks = new ArrayList<>();
    BigDecimal lastBid = null;
    BigDecimal lastAsk = null;
    for (int i = 0; i < levels; i++) {
      BigDecimal offset = half.add(step.multiply(BigDecimal.valueOf(i)));
      BigDecimal bid = Prices.roundPrice(mid.subtract(offset), m.szDecimals, RoundingMode.FLOOR);
      BigDecimal ask = Prices.roundPrice(mid.add(offset), m.szDecimals, RoundingMode.CEILING);
      if (lastBid != null && bid.compareTo(lastBid) >= 0) bid = Prices.roundPrice(lastBid.subtract(Prices.tick(lastBid, m.szDecimals)), m.szDecimals, RoundingMode.FLOOR);
      if (lastAsk != null && ask.compareTo(lastAsk) <= 0) ask = Prices.roundPrice(lastAsk.add(Prices.tick(lastAsk, m.szDecimals)), m.szDecimals, RoundingMode.CEILING);
      BigDecimal sz = base.multiply(BigDecimal.valueOf(4 + i)).divide(BigDecimal.valueOf(4), MC).setScale(m.szDecimals, RoundingMode.FLOOR);
      if (bid.signum() > 0) bids.add(new Level(bid, sz, 1 + i % 3));
      asks.add(new Level(ask, sz, 1 + i % 3));
      lastBid = bid;
      lastAsk = ask;
    }
    return new Book(bids, asks);
  }

  private long oid() {
    return nextOid++;
  }

  /** Places a batch for {@code user} (which must exist). Grouping: {@code na}, {@code normalTpsl} or {@code positionTpsl}. */
  synchronized List<Status> placeOrders(String user, List<OrderSpec> specs, String grouping) {
    Account a = account(user);
    if (a == null) throw new IllegalArgumentException("unknown account " + user);
    List<Status> out = new ArrayList<>();
    if (grouping.equals("normalTpsl") && !specs.isEmpty()) {
      Holder parent = new Holder();
      Status ps = place(a, specs.getFirst(), parent, null, false);
      out.add(ps);
      for (OrderSpec child : specs.subList(1, specs.size())) {
        if (parent.order == null) {
          out.add(ps instanceof Status.Error ? ps : new Status.Error("Order was never placed, already canceled, or filled."));
        } else {
          out.add(place(a, child, new Holder(), parent.order, false));
        }
      }
    } else {
      boolean positionTpsl = grouping.equals("positionTpsl");
      for (OrderSpec s : specs) out.add(place(a, s, new Holder(), null, positionTpsl));
    }
    return out;
  }

  private static final class Holder {
    SimOrder order;
  }

  private Status place(Account a, OrderSpec s, Holder holder, SimOrder parent, boolean positionTpsl) {
    Market m = market(s.asset());
    if (m == null) return new Status.Error("Order has invalid asset: " + s.asset() + ".");
    BigDecimal px;
    BigDecimal sz;
    BigDecimal triggerPx = null;
    try {
      px = Prices.parse(s.px());
      sz = Prices.parse(s.sz());
      if (s.isTrigger()) triggerPx = Prices.parse(s.triggerPx());
    } catch (NumberFormatException e) {
      return reject(a, m, s, "Order has invalid price.", "tickRejected");
    }
    if (!Prices.validPrice(px, m.szDecimals) || triggerPx != null && !Prices.validPrice(triggerPx, m.szDecimals)) {
      return reject(a, m, s, "Price must be divisible by tick size.", "tickRejected");
    }
    if (!Prices.validSize(sz, m.szDecimals)) return reject(a, m, s, "Order has invalid size.", "tickRejected");
    if (s.cloid() != null) {
      SimOrder existing = a.byCloid.get(s.cloid());
      if (existing != null) {
        a.cloidReuses++;
        return new Status.Error("Cloid already used: " + s.cloid() + ".");
      }
    }
    BigDecimal refPx = triggerPx != null ? triggerPx : px;
    boolean reduceOnly = s.reduceOnly() || positionTpsl;
    if (!reduceOnly && refPx.multiply(sz).compareTo(Prices.MIN_ORDER_VALUE) < 0) {
      return reject(a, m, s, "Order must have minimum value of $10.", "minTradeNtlRejected");
    }
    BigDecimal szi = a.szi(m.index);
    boolean child = parent != null;
    if (reduceOnly && !child) {
      boolean opposite = szi.signum() != 0 && (szi.signum() > 0) != s.buy();
      if (!opposite) return reject(a, m, s, "Reduce only order would increase position.", "reduceOnlyRejected");
    }
    if (s.isTrigger() && faults.takeTriggerReject()) return reject(a, m, s, "Invalid TP/SL price.", "badTriggerPxRejected");
    if (child && !s.isTrigger()) return new Status.Error("TP/SL order of a normalTpsl group must be a trigger order.");
    Book book = book(m);
    BigDecimal bestBid = book.bids().isEmpty() ? BigDecimal.ZERO : book.bids().getFirst().px();
    BigDecimal bestAsk = book.asks().getFirst().px();
    boolean crosses = !s.isTrigger() && (s.buy() ? px.compareTo(bestAsk) >= 0 : px.compareTo(bestBid) <= 0);
    if (!reduceOnly && !child) {
      BigDecimal increase = szi.signum() == 0 || (szi.signum() > 0) == s.buy() ? sz : sz.subtract(szi.abs()).max(BigDecimal.ZERO);
      BigDecimal marginPx = crosses ? price(m) : refPx;
      BigDecimal required = increase.multiply(marginPx).divide(BigDecimal.valueOf(leverage(a, m)), MC);
      BigDecimal available = equity(a).subtract(totalPositionMargin(a)).subtract(orderMargin(a));
      if (required.signum() > 0 && required.compareTo(available) > 0) {
        return reject(a, m, s, "Insufficient margin to place order.", "perpMarginRejected");
      }
    }
    if ("Alo".equals(s.tif()) && crosses) {
      return reject(a, m, s, "Post only order would have immediately matched, bbo was " + Prices.wire(bestBid) + "@" + Prices.wire(bestAsk) + ".",
          "badAloPxRejected");
    }
    SimOrder.Trigger trigger = s.isTrigger() ? new SimOrder.Trigger(Boolean.TRUE.equals(s.triggerIsMarket()), triggerPx, "tp".equals(s.tpsl())) : null;
    SimOrder o = new SimOrder(oid(), s.cloid(), a, m, s.buy(), px, sz, now, s.tif(), s.reduceOnly() || positionTpsl, trigger, positionTpsl, parent);
    if ("Ioc".equals(s.tif()) && !crosses) {
      o.status = "iocCancelRejected";
      register(a, o);
      return new Status.Error("Order could not immediately match against any resting orders.");
    }
    if (positionTpsl) {
      for (SimOrder old : a.openOrders()) {
        if (old.market == m && old.positionTpsl && old.trigger.takeProfit() == trigger.takeProfit()) close(old, "canceled", now);
      }
    }
    register(a, o);
    holder.order = o;
    if (child) {
      parent.children.add(o);
      if (parent.isOpen()) {
        o.waiting = true;
        return new Status.Text("waitingForFill");
      }
      if (parent.filledSz.signum() == 0) {
        close(o, "canceled", now);
        return new Status.Error("Order was never placed, already canceled, or filled.");
      }
      o.sz = o.origSz.min(parent.filledSz);
      o.origSz = o.sz;
      return new Status.Text("waitingForTrigger");
    }
    if (s.isTrigger()) return new Status.Text("waitingForTrigger");
    if (crosses) take(o, book);
    if (o.filledSz.signum() == 0) return new Status.Resting(o.oid, o.cloid);
    if (o.isOpen() && "Ioc".equals(o.tif)) {
      // The unfilled rest of an IOC is dropped; the order counts as filled for what it got.
      close(o, "filled", now);
      activateChildren(o, now);
    }
    if (o.isOpen() && o.sz.signum() > 0) return new Status.Resting(o.oid, o.cloid);
    BigDecimal notional = BigDecimal.ZERO;
    for (SimFill f : a.fills) if (f.oid() == o.oid) notional = notional.add(f.px().multiply(f.sz()));
    BigDecimal avg = notional.divide(o.filledSz, MC).stripTrailingZeros();
    return new Status.Filled(o.filledSz, avg, o.oid, o.cloid);
  }

  private Status reject(Account a, Market m, OrderSpec s, String message, String status) {
    if (s.cloid() != null && !a.byCloid.containsKey(s.cloid())) {
      BigDecimal px = parseOr(s.px());
      BigDecimal sz = parseOr(s.sz());
      SimOrder o = new SimOrder(oid(), s.cloid(), a, m, s.buy(), px, sz, now, s.tif(), s.reduceOnly(), null, false, null);
      o.status = status;
      register(a, o);
    }
    return new Status.Error(message);
  }

  private static BigDecimal parseOr(String v) {
    try {
      return Prices.parse(v);
    } catch (RuntimeException e) {
      return BigDecimal.ZERO;
    }
  }

  private void register(Account a, SimOrder o) {
    a.orders.put(o.oid, o);
    if (o.isOpen()) a.open.put(o.oid, o);
    if (o.cloid != null) a.byCloid.put(o.cloid, o);
  }

  /** Takes liquidity from the synthetic book up to the order's limit; prices stay inside what the candle traded. */
  private void take(SimOrder o, Book book) {
    Account a = o.account;
    BigDecimal[] range = tradedRange(o.market);
    for (Level level : o.buy ? book.asks() : book.bids()) {
      if (o.sz.signum() <= 0 || !o.isOpen()) break;
      if (o.buy ? level.px().compareTo(o.limitPx) > 0 : level.px().compareTo(o.limitPx) < 0) break;
      BigDecimal px = level.px().max(range[0]).min(range[1]);
      BigDecimal size = o.sz.min(level.sz());
      if (o.reduceOnly) {
        BigDecimal szi = a.szi(o.market.index);
        if (szi.signum() == 0) break;
        size = size.min(szi.abs());
      }
      fill(o, px, size, true, false, now);
    }
  }

  // ---------------------------------------------------------------- other actions

  /**
   * Replaces an open order: the old one is cancelled and the new one placed with the old one's TP/SL children
   * and position-TP/SL nature. If the new order is rejected the old one stays open.
   */
  synchronized Status modify(String user, Object oidOrCloid, OrderSpec spec) {
    Account a = account(user);
    SimOrder old = order(user, oidOrCloid);
    if (old == null || !old.isOpen() || old.waiting) return new Status.Error("Cannot modify canceled or filled order");
    old.status = "canceled";
    old.statusTimestamp = now;
    a.open.remove(old.oid);
    if (old.cloid != null) a.byCloid.remove(old.cloid);
    Holder h = new Holder();
    Status s = place(a, spec, h, old.parent, old.positionTpsl);
    if (h.order == null) {
      old.status = "open";
      a.open.put(old.oid, old);
      if (old.cloid != null) a.byCloid.put(old.cloid, old);
      return s;
    }
    if (old.parent != null) old.parent.children.remove(old);
    h.order.children.addAll(old.children);
    if (!h.order.isOpen()) activateChildren(h.order, now);
    return s;
  }

  /** Moves USDC between accounts; null on success or the error text. */
  synchronized String usdSend(String from, String to, BigDecimal amount) {
    Account a = account(from);
    if (amount.signum() <= 0) return "Invalid amount: " + amount.toPlainString();
    BigDecimal withdrawable = equity(a).subtract(totalPositionMargin(a)).subtract(orderMargin(a));
    if (amount.compareTo(withdrawable) > 0) return "Insufficient balance for transfer: withdrawable " + Prices.usd(withdrawable.max(BigDecimal.ZERO));
    a.collateral = a.collateral.subtract(amount);
    a.deposits = a.deposits.subtract(amount);
    fund(to, amount);
    return null;
  }

  /** Cancels by oid; returns null on success or the error text. */
  synchronized String cancel(String user, int asset, long oid) {
    Account a = account(user);
    SimOrder o = a == null ? null : a.orders.get(oid);
    if (o == null || !o.isOpen() || o.market.index != asset) return "Order was never placed, already canceled, or filled.";
    close(o, "canceled", now);
    return null;
  }

  synchronized String cancelByCloid(String user, int asset, String cloid) {
    Account a = account(user);
    SimOrder o = a == null ? null : a.byCloid.get(cloid);
    if (o == null) return "Order was never placed, already canceled, or filled.";
    return cancel(user, asset, o.oid);
  }

  synchronized String updateLeverage(String user, int asset, boolean isCross, int leverage) {
    Account a = account(user);
    Market m = market(asset);
    if (m == null) return "Invalid asset: " + asset + ".";
    if (leverage < 1 || leverage > m.maxLeverage) return "Invalid leverage value";
    int old = leverage(a, m);
    a.leverage.put(m.index, leverage);
    if (equity(a).compareTo(totalPositionMargin(a)) < 0) {
      a.leverage.put(m.index, old);
      return "Insufficient margin to change leverage";
    }
    return null;
  }

  synchronized String scheduleCancel(String user, Long time) {
    Account a = account(user);
    if (time == null) {
      a.scheduledCancel = null;
      return null;
    }
    if (time < now + 5_000) return "Scheduled cancel time too early, must be at least 5 seconds from now.";
    a.scheduledCancel = time;
    return null;
  }

  /** Looks up an order by oid or cloid. */
  synchronized SimOrder order(String user, Object oidOrCloid) {
    Account a = account(user);
    if (a == null) return null;
    if (oidOrCloid instanceof Long oid) return a.orders.get(oid);
    return a.byCloid.get(((String) oidOrCloid).toLowerCase(Locale.ROOT));
  }

  synchronized List<SimFill> fills(String user) {
    Account a = account(user);
    if (a == null) return List.of();
    List<SimFill> out = new ArrayList<>(a.fills);
    out.sort(Comparator.comparingLong(SimFill::time).thenComparingLong(SimFill::tid).reversed());
    return out;
  }
}
