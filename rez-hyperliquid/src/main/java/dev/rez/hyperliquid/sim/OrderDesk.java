package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.Engine.MC;

import dev.rez.hyperliquid.sim.Engine.Book;
import dev.rez.hyperliquid.sim.Engine.OrderSpec;
import dev.rez.hyperliquid.sim.Engine.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Order placement: validates an order as the exchange does (tick, lot, minimum value, reduce-only,
 * margin, post-only, cloid reuse, price band), registers it, takes liquidity when it crosses, and
 * handles TP/SL groups, modify and cancel. Called under the engine's lock.
 */
final class OrderDesk {
  private static final String GONE = "Order was never placed, already canceled, or filled.";

  /** The answer to a position TP/SL that is not a trigger order (a plain limit order). */
  private static final String POSITION_TPSL_NOT_TRIGGER =
      "A position TP/SL order must be a trigger order, not a limit order.";

  /**
   * How far an order's price may be from the reference (oracle) price, as a fraction of it: the
   * exchange refuses a limit price, IOC and trigger orders' included, more than 95 % away.
   */
  static final BigDecimal PRICE_BAND = new BigDecimal("0.95");

  /** The exchange's answer to an order priced outside {@link #PRICE_BAND}. */
  static final String PRICE_BAND_ERROR =
      "Order price cannot be more than 95% away from the reference price";

  private final Engine engine;
  private final Margin margin;
  private final SyntheticBook books;
  private final Fills fills;

  OrderDesk(Engine engine, Margin margin, SyntheticBook books, Fills fills) {
    this.engine = engine;
    this.margin = margin;
    this.books = books;
    this.fills = fills;
  }

  /**
   * Places a batch for {@code user} (which must exist). Grouping: {@code na}, {@code normalTpsl} or
   * {@code positionTpsl}.
   */
  List<Status> placeOrders(String user, List<OrderSpec> specs, String grouping) {
    Account a = engine.account(user);
    if (a == null) throw new IllegalArgumentException("unknown account " + user);
    List<Status> out = new ArrayList<>();
    if (grouping.equals("normalTpsl") && !specs.isEmpty()) {
      Holder parent = new Holder();
      Status ps = place(a, specs.getFirst(), parent, null, false);
      out.add(ps);
      for (OrderSpec child : specs.subList(1, specs.size())) {
        if (parent.order == null) {
          out.add(ps instanceof Status.Error ? ps : new Status.Error(GONE));
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

  private Status place(
      Account a, OrderSpec s, Holder holder, SimOrder parent, boolean positionTpsl) {
    Market m = engine.market(s.asset());
    if (m == null) return new Status.Error("Order has invalid asset: " + s.asset() + ".");
    if (positionTpsl && !s.isTrigger()) return new Status.Error(POSITION_TPSL_NOT_TRIGGER);
    long now = engine.now;
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
    if (!Prices.validPrice(px, m.szDecimals)
        || triggerPx != null && !Prices.validPrice(triggerPx, m.szDecimals)) {
      return reject(a, m, s, "Price must be divisible by tick size.", "tickRejected");
    }
    if (!Prices.validSize(sz, m.szDecimals))
      return reject(a, m, s, "Order has invalid size.", "tickRejected");
    if (s.cloid() != null) {
      SimOrder existing = a.byCloid.get(s.cloid());
      if (existing != null) {
        a.cloidReuses++;
        return new Status.Error("Cloid already used: " + s.cloid() + ".");
      }
    }
    if (outsideBand(px, engine.price(m))) {
      return reject(a, m, s, PRICE_BAND_ERROR, "oracleRejected");
    }
    BigDecimal refPx = triggerPx != null ? triggerPx : px;
    boolean reduceOnly = s.reduceOnly() || positionTpsl;
    if (!reduceOnly && refPx.multiply(sz).compareTo(Prices.MIN_ORDER_VALUE) < 0) {
      return reject(a, m, s, "Order must have minimum value of $10.", "minTradeNtlRejected");
    }
    BigDecimal szi = a.szi(m.index);
    boolean child = parent != null;
    if (reduceOnly && !child && !Fills.reduces(szi, s.buy())) {
      return reject(a, m, s, "Reduce only order would increase position.", "reduceOnlyRejected");
    }
    if (s.isTrigger() && engine.faults.takeTriggerReject())
      return reject(a, m, s, "Invalid TP/SL price.", "badTriggerPxRejected");
    if (child && !s.isTrigger())
      return new Status.Error("TP/SL order of a normalTpsl group must be a trigger order.");
    Book book = engine.book(m);
    BigDecimal bestBid = book.bids().isEmpty() ? BigDecimal.ZERO : book.bids().getFirst().px();
    BigDecimal bestAsk = book.asks().getFirst().px();
    boolean crosses =
        !s.isTrigger() && (s.buy() ? px.compareTo(bestAsk) >= 0 : px.compareTo(bestBid) <= 0);
    if (!reduceOnly && !child) {
      BigDecimal increase =
          szi.signum() == 0 || (szi.signum() > 0) == s.buy()
              ? sz
              : sz.subtract(szi.abs()).max(BigDecimal.ZERO);
      BigDecimal marginPx = crosses ? engine.price(m) : refPx;
      BigDecimal required =
          increase.multiply(marginPx).divide(BigDecimal.valueOf(margin.leverage(a, m)), MC);
      BigDecimal available = margin.available(a);
      if (required.signum() > 0 && required.compareTo(available) > 0) {
        return reject(a, m, s, "Insufficient margin to place order.", "perpMarginRejected");
      }
    }
    if ("Alo".equals(s.tif()) && crosses) {
      return reject(
          a,
          m,
          s,
          "Post only order would have immediately matched, bbo was "
              + Prices.wire(bestBid)
              + "@"
              + Prices.wire(bestAsk)
              + ".",
          "badAloPxRejected");
    }
    SimOrder.Trigger trigger =
        s.isTrigger()
            ? new SimOrder.Trigger(
                Boolean.TRUE.equals(s.triggerIsMarket()), triggerPx, "tp".equals(s.tpsl()))
            : null;
    SimOrder o = order(a, m, s, px, sz, reduceOnly, trigger, positionTpsl, parent);
    if ("Ioc".equals(s.tif()) && !crosses) {
      o.status = "iocCancelRejected";
      register(a, o);
      return new Status.Error("Order could not immediately match against any resting orders.");
    }
    if (positionTpsl) {
      for (SimOrder old : a.openOrders()) {
        if (old.market == m && old.positionTpsl && old.trigger.takeProfit() == trigger.takeProfit())
          fills.close(old, "canceled", now);
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
        fills.close(o, "canceled", now);
        return new Status.Error(GONE);
      }
      o.sz = o.origSz.min(parent.filledSz);
      o.origSz = o.sz;
      return new Status.Text("waitingForTrigger");
    }
    if (s.isTrigger()) {
      // A trigger order of its own rests with its oid (to cancel it by); the TP/SL of a position
      // answer with the waiting string, as the exchange does.
      return positionTpsl
          ? new Status.Text("waitingForTrigger")
          : new Status.Resting(o.oid, o.cloid);
    }
    if (crosses) books.take(o, book, engine.timeline.tradedRange(m, now), now);
    if (o.filledSz.signum() == 0) return new Status.Resting(o.oid, o.cloid);
    if (o.isOpen() && "Ioc".equals(o.tif)) {
      // The unfilled rest of an IOC is dropped; the order counts as filled for what it got.
      fills.close(o, "filled", now);
      fills.activateChildren(o, now);
    }
    if (o.isOpen() && o.sz.signum() > 0) return new Status.Resting(o.oid, o.cloid);
    BigDecimal notional = BigDecimal.ZERO;
    for (SimFill f : a.fills)
      if (f.oid() == o.oid) notional = notional.add(f.px().multiply(f.sz()));
    BigDecimal avg = notional.divide(o.filledSz, MC).stripTrailingZeros();
    return new Status.Filled(o.filledSz, avg, o.oid, o.cloid);
  }

  /** Whether {@code px} is more than {@link #PRICE_BAND} of {@code reference} away from it. */
  static boolean outsideBand(BigDecimal px, BigDecimal reference) {
    return px.subtract(reference).abs().compareTo(reference.multiply(PRICE_BAND)) > 0;
  }

  /** A new order of spec {@code s}, placed now with the next oid. */
  private SimOrder order(
      Account a,
      Market m,
      OrderSpec s,
      BigDecimal px,
      BigDecimal sz,
      boolean reduceOnly,
      SimOrder.Trigger trigger,
      boolean positionTpsl,
      SimOrder parent) {
    return new SimOrder(
        engine.nextOid++,
        s.cloid(),
        a,
        m,
        s.buy(),
        px,
        sz,
        engine.now,
        s.tif(),
        reduceOnly,
        trigger,
        positionTpsl,
        parent);
  }

  private Status reject(Account a, Market m, OrderSpec s, String message, String status) {
    if (s.cloid() != null && !a.byCloid.containsKey(s.cloid())) {
      SimOrder o =
          order(a, m, s, parseOr(s.px()), parseOr(s.sz()), s.reduceOnly(), null, false, null);
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

  private static void register(Account a, SimOrder o) {
    a.orders.put(o.oid, o);
    if (o.isOpen()) a.open.put(o.oid, o);
    if (o.cloid != null) a.byCloid.put(o.cloid, o);
  }

  /**
   * Replaces an open order: the old one is cancelled and the new one placed with the old one's
   * TP/SL children and position-TP/SL nature. If the new order is rejected, or placing it fails,
   * the old one stays open as it was.
   */
  Status modify(String user, Object oidOrCloid, OrderSpec spec) {
    Account a = engine.account(user);
    SimOrder old = order(user, oidOrCloid);
    if (old == null || !old.isOpen() || old.waiting)
      return new Status.Error("Cannot modify canceled or filled order");
    // The old order leaves the book while the new one is checked, so that its cloid and margin
    // do not count against its own replacement.
    long statusTimestamp = old.statusTimestamp;
    old.status = "canceled";
    old.statusTimestamp = engine.now;
    a.open.remove(old.oid);
    if (old.cloid != null) a.byCloid.remove(old.cloid);
    Holder h = new Holder();
    Status s;
    try {
      s = place(a, spec, h, old.parent, old.positionTpsl);
    } catch (RuntimeException e) {
      if (h.order == null) reopen(a, old, statusTimestamp);
      throw e;
    }
    if (h.order == null) {
      reopen(a, old, statusTimestamp);
      return s;
    }
    if (old.parent != null) old.parent.children.remove(old);
    h.order.children.addAll(old.children);
    if (!h.order.isOpen()) fills.activateChildren(h.order, engine.now);
    return s;
  }

  /** Puts back an order that {@link #modify} took off the book for a replacement that failed. */
  private static void reopen(Account a, SimOrder old, long statusTimestamp) {
    old.status = "open";
    old.statusTimestamp = statusTimestamp;
    register(a, old);
  }

  /** Cancels by oid; returns null on success or the error text. */
  String cancel(String user, int asset, long oid) {
    Account a = engine.account(user);
    SimOrder o = a == null ? null : a.orders.get(oid);
    if (o == null || !o.isOpen() || o.market.index != asset) return GONE;
    fills.close(o, "canceled", engine.now);
    return null;
  }

  String cancelByCloid(String user, int asset, String cloid) {
    Account a = engine.account(user);
    SimOrder o = a == null ? null : a.byCloid.get(cloid);
    if (o == null) return GONE;
    return cancel(user, asset, o.oid);
  }

  /** Looks up an order by oid or cloid. */
  SimOrder order(String user, Object oidOrCloid) {
    Account a = engine.account(user);
    if (a == null) return null;
    if (oidOrCloid instanceof Long oid) return a.orders.get(oid);
    return a.byCloid.get(((String) oidOrCloid).toLowerCase(Locale.ROOT));
  }
}
