package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import java.math.BigDecimal;

/**
 * Plays an account's intrabar price path and fires what it crosses, nearest first: resting limits,
 * triggers and the liquidation price. Each account walks each candle on its own path, chosen at the
 * candle's open to be adverse to its position. Called under the engine's lock.
 */
final class PathPlayer {
  private final Engine engine;
  private final Margin margin;
  private final Fills fills;
  private final SyntheticBook books;

  PathPlayer(Engine engine, Margin margin, Fills fills, SyntheticBook books) {
    this.engine = engine;
    this.margin = margin;
    this.fills = fills;
    this.books = books;
  }

  /** Plays every market of the account up to time {@code target}. */
  void playAll(Account a, long target) {
    double[] kf = engine.timeline.kf(target);
    for (Market m : engine.markets()) play(a, m, (int) kf[0], kf[1]);
  }

  private static boolean idle(Account a, Market m) {
    if (a.szi(m.index).signum() != 0) return false;
    for (SimOrder o : a.open.values()) if (o.market == m && !o.waiting) return false;
    return true;
  }

  private void play(Account a, Market m, int k1, double f1) {
    long durationMs = engine.timeline.durationMs();
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
        sweep(
            a,
            m,
            s.price,
            pTo,
            open + Math.round(from * durationMs),
            open + Math.round(to * durationMs));
        s.price = pTo;
        s.f = to;
      }
      s.f = fEnd;
    }
  }

  private record Event(SimOrder order, BigDecimal px, int priority) {}

  /**
   * Moves the account's price monotonically from {@code from} to {@code to}, firing what it
   * crosses, nearest first.
   */
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
        BigDecimal liq = margin.liquidationPx(a, m);
        if (liq != null) {
          BigDecimal p = hit(cur, to, liq, szi.signum() > 0);
          Event e = p == null ? null : new Event(null, p, 1);
          if (e != null && before(e, best, cur)) best = e;
        }
      }
      if (best == null) return;
      long t = interpolate(from, to, best.px, tFrom, tTo);
      cur = best.px;
      if (best.order == null) fills.liquidate(a, m, best.px, t);
      else if (best.order.pendingTrigger()) fire(best.order, best.px, t);
      else fills.fill(best.order, best.px, best.order.sz, false, false, t);
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

  /**
   * Where a price moving from {@code cur} to {@code to} first satisfies "price <= x" (below) or
   * "price >= x".
   */
  private static BigDecimal hit(BigDecimal cur, BigDecimal to, BigDecimal x, boolean below) {
    if (below) {
      if (cur.compareTo(x) <= 0) return cur;
      return to.compareTo(x) <= 0 ? x : null;
    }
    if (cur.compareTo(x) >= 0) return cur;
    return to.compareTo(x) >= 0 ? x : null;
  }

  private static long interpolate(
      BigDecimal from, BigDecimal to, BigDecimal p, long tFrom, long tTo) {
    if (from.compareTo(to) == 0 || tFrom == tTo) return tFrom;
    double share = p.subtract(from).doubleValue() / to.subtract(from).doubleValue();
    return tFrom + Math.round(Math.max(0, Math.min(1, share)) * (tTo - tFrom));
  }

  private void fire(SimOrder o, BigDecimal px, long t) {
    Account a = o.account;
    BigDecimal szi = a.szi(o.market.index);
    BigDecimal size = o.sz;
    if (o.reduceOnly || o.positionTpsl) {
      if (!Fills.reduces(szi, o.buy)) {
        fills.close(o, "reduceOnlyCanceled", t);
        return;
      }
      size = o.positionTpsl ? szi.abs() : size.min(szi.abs());
    }
    o.triggered = true;
    o.sz = size;
    o.origSz = o.filledSz.add(size);
    boolean marketable = o.buy ? px.compareTo(o.limitPx) <= 0 : px.compareTo(o.limitPx) >= 0;
    if (o.trigger.isMarket()) fills.fill(o, books.acrossTheSpread(o, px), size, true, false, t);
    else if (marketable) fills.fill(o, px, size, true, false, t);
  }
}
