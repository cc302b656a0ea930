package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.Engine.MC;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Executions and order lifecycle: a fill moves the position, collateral and fees and records a
 * {@link SimFill}; closing an order settles its TP/SL children and reduce-only siblings. Called
 * under the engine's lock.
 */
final class Fills {
  private final Engine engine;

  Fills(Engine engine) {
    this.engine = engine;
  }

  /**
   * Fills {@code size} of an order at {@code px}; a reduce-only order that no longer reduces is
   * cancelled instead.
   */
  void fill(
      SimOrder o, BigDecimal px, BigDecimal size, boolean crossed, boolean liquidation, long t) {
    Account a = o.account;
    if (o.reduceOnly || o.positionTpsl) {
      BigDecimal szi = a.szi(o.market.index);
      if (!reduces(szi, o.buy)) {
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
        for (SimOrder sibling : o.parent.children)
          if (sibling != o && sibling.isOpen()) close(sibling, "siblingFilledCanceled", t);
      }
    }
    afterPositionChange(a, o.market, t);
  }

  /**
   * Whether a trade on side {@code buy} would reduce the position {@code szi} (rather than open or
   * add to it).
   */
  static boolean reduces(BigDecimal szi, boolean buy) {
    return szi.signum() != 0 && (szi.signum() > 0) != buy;
  }

  /**
   * Closes the whole position in {@code m} at {@code px}, without fee, after cancelling the
   * market's orders.
   */
  void liquidate(Account a, Market m, BigDecimal px, long t) {
    for (SimOrder o : a.openOrders()) if (o.market == m) close(o, "liquidatedCanceled", t);
    BigDecimal szi = a.szi(m.index);
    applyFill(a, m, null, szi.signum() < 0, szi.abs(), px, true, true, t);
  }

  private void applyFill(
      Account a,
      Market m,
      SimOrder o,
      boolean buy,
      BigDecimal size,
      BigDecimal px,
      boolean crossed,
      boolean liquidation,
      long t) {
    Account.Position pos = a.position(m.index);
    BigDecimal start = pos.szi;
    BigDecimal signed = buy ? size : size.negate();
    BigDecimal end = start.add(signed);
    BigDecimal closedPnl = BigDecimal.ZERO;
    boolean reducing = start.signum() != 0 && start.signum() != signed.signum();
    if (reducing) {
      BigDecimal closed = start.abs().min(size);
      closedPnl =
          px.subtract(pos.entryPx).multiply(closed).multiply(BigDecimal.valueOf(start.signum()));
    }
    if (end.signum() == 0) {
      pos.entryPx = BigDecimal.ZERO;
    } else if (!reducing) {
      pos.entryPx = pos.entryPx.multiply(start.abs()).add(px.multiply(size)).divide(end.abs(), MC);
    } else if (end.signum() != start.signum()) {
      pos.entryPx = px;
    }
    if (start.signum() == 0 || end.signum() == 0 || end.signum() != start.signum())
      pos.fundingSinceOpen = BigDecimal.ZERO;
    pos.fundingSinceChange = BigDecimal.ZERO;
    pos.szi = end;
    Engine.Config config = engine.config;
    BigDecimal rate =
        liquidation ? BigDecimal.ZERO : crossed ? config.takerFee() : config.makerFee();
    BigDecimal fee = px.multiply(size).multiply(rate).setScale(6, RoundingMode.HALF_UP);
    a.realizedPnl = a.realizedPnl.add(closedPnl);
    a.feesPaid = a.feesPaid.add(fee);
    a.fills.add(
        new SimFill(
            m.coin,
            px,
            size,
            buy,
            t,
            start,
            dir(start, end, buy),
            closedPnl,
            o == null ? 0 : o.oid,
            o == null ? null : o.cloid,
            crossed,
            fee,
            engine.nextTid++,
            liquidation));
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
      if (!reduces(szi, o.buy)) close(o, "reduceOnlyCanceled", t);
    }
  }

  /**
   * The parent filled (its TP/SL children wake up, sized to what it got) or closed unfilled (they
   * go).
   */
  void activateChildren(SimOrder parent, long t) {
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

  void close(SimOrder o, String status, long t) {
    if (!o.isOpen()) return;
    o.status = status;
    o.account.open.remove(o.oid);
    o.statusTimestamp = t;
    if (!status.equals("filled")) activateChildren(o, t);
  }
}
