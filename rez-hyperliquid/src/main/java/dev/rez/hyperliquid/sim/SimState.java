package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exchange's state as a JSON tree: accounts (balances, positions, leverage, orders, fills,
 * funding), approved agents, used nonces and the clock. Markets are not part of it: they are the
 * simulator's configuration, and a state is restored only into a simulator with the same coins and
 * interval. Its timeline origin travels with it, so a simulator restarted from a state file
 * continues the same candles.
 *
 * <p>Amounts are written as decimal strings, exactly. Called under the engine's lock.
 */
final class SimState {
  static final int FORMAT = 1;

  private SimState() {}

  /**
   * The state's origin (open time of candle 0) if {@code tree} is a state document; for checks
   * before a start.
   */
  static long origin(Map<String, Object> tree) {
    return Json.integer(tree, "origin");
  }

  /**
   * Checks that {@code tree} is a state document for these markets.
   *
   * @throws IllegalArgumentException naming what differs
   */
  static void checkFits(Map<String, Object> tree, List<Market> markets) {
    Object format = tree.get("format");
    if (!(format instanceof BigDecimal f) || f.intValue() != FORMAT)
      throw new IllegalArgumentException("not a simulator state (format " + format + ")");
    List<String> coins = new ArrayList<>();
    for (Market m : markets) coins.add(m.coin);
    if (!coins.equals(tree.get("coins"))) {
      throw new IllegalArgumentException(
          "the state was saved for the markets "
              + tree.get("coins")
              + " but the simulator has "
              + coins);
    }
    String interval = markets.getFirst().interval.wire();
    if (!interval.equals(tree.get("interval"))) {
      throw new IllegalArgumentException(
          "the state was saved for "
              + tree.get("interval")
              + " candles but the simulator has "
              + interval);
    }
    if (Json.integer(tree, "origin") != markets.getFirst().origin) {
      throw new IllegalArgumentException(
          "the state was saved on another timeline (origin " + tree.get("origin") + ")");
    }
  }

  /** The exchange's id a state was saved with, or null. */
  static String id(Map<String, Object> tree) {
    return tree.get("id") instanceof String s ? s : null;
  }

  static Map<String, Object> write(Engine engine, Api api, String id) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", FORMAT);
    out.put("id", id);
    List<String> coins = new ArrayList<>();
    for (Market m : engine.markets()) coins.add(m.coin);
    out.put("coins", coins);
    out.put("interval", engine.markets().getFirst().interval.wire());
    out.put("origin", engine.markets().getFirst().origin);
    out.put("now", engine.now);
    out.put("nextOid", engine.nextOid);
    out.put("nextTid", engine.nextTid);
    List<Object> accounts = new ArrayList<>();
    for (Account a : engine.accounts.values()) accounts.add(account(a));
    out.put("accounts", accounts);
    out.put("agents", new LinkedHashMap<>(api.agents));
    out.put("agentNames", new LinkedHashMap<>(api.agentNames));
    out.put("builderFees", new LinkedHashMap<>(api.builderFees));
    Map<String, Object> nonces = new LinkedHashMap<>();
    api.nonces.forEach((signer, used) -> nonces.put(signer, new ArrayList<>(used)));
    out.put("nonces", nonces);
    return out;
  }

  private static Map<String, Object> account(Account a) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("address", a.address);
    o.put("collateral", dec(a.collateral()));
    o.put("deposits", dec(a.deposits));
    o.put("realizedPnl", dec(a.realizedPnl));
    o.put("feesPaid", dec(a.feesPaid));
    o.put("fundingPaid", dec(a.fundingPaid));
    Map<String, Object> allTime = new LinkedHashMap<>();
    a.fundingAllTime.forEach((i, v) -> allTime.put(String.valueOf(i), dec(v)));
    o.put("fundingAllTime", allTime);
    List<Object> fundings = new ArrayList<>();
    for (Account.Funding f : a.fundings)
      fundings.add(List.of(f.time(), f.coin(), dec(f.rate()), dec(f.szi()), dec(f.usdc())));
    o.put("fundings", fundings);
    List<Object> ledger = new ArrayList<>();
    for (Account.Transfer t : a.ledger)
      ledger.add(Arrays.asList(t.time(), t.type(), dec(t.usdc()), t.from(), t.to(), t.nonce()));
    o.put("ledger", ledger);
    Map<String, Object> positions = new LinkedHashMap<>();
    a.positions.forEach(
        (i, p) ->
            positions.put(
                String.valueOf(i),
                List.of(
                    dec(p.szi),
                    dec(p.entryPx),
                    dec(p.fundingSinceOpen),
                    dec(p.fundingSinceChange))));
    o.put("positions", positions);
    Map<String, Object> leverage = new LinkedHashMap<>();
    a.leverage.forEach((i, l) -> leverage.put(String.valueOf(i), l));
    o.put("leverage", leverage);
    List<Object> orders = new ArrayList<>();
    for (SimOrder s : a.orders.values()) orders.add(order(s));
    o.put("orders", orders);
    List<Object> fills = new ArrayList<>();
    for (SimFill f : a.fills) {
      fills.add(
          List.of(
              f.coin(),
              dec(f.px()),
              dec(f.sz()),
              f.buy(),
              f.time(),
              dec(f.startPosition()),
              f.dir(),
              dec(f.closedPnl()),
              f.oid(),
              f.cloid() == null ? "" : f.cloid(),
              f.crossed(),
              dec(f.fee()),
              f.tid(),
              f.liquidation()));
    }
    o.put("fills", fills);
    Map<String, Object> paths = new LinkedHashMap<>();
    a.paths.forEach(
        (i, p) ->
            paths.put(
                String.valueOf(i), List.of(p.k, Double.toString(p.f), p.lowFirst, dec(p.price))));
    o.put("paths", paths);
    o.put("scheduledCancel", a.scheduledCancel);
    return o;
  }

  private static Map<String, Object> order(SimOrder s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("oid", s.oid);
    o.put("cloid", s.cloid);
    o.put("asset", s.market.index);
    o.put("buy", s.buy);
    o.put("limitPx", dec(s.limitPx));
    o.put("origSz", dec(s.origSz));
    o.put("sz", dec(s.sz));
    o.put("timestamp", s.timestamp);
    o.put("tif", s.tif);
    o.put("reduceOnly", s.reduceOnly);
    if (s.trigger != null)
      o.put(
          "trigger",
          List.of(s.trigger.isMarket(), dec(s.trigger.triggerPx()), s.trigger.takeProfit()));
    o.put("positionTpsl", s.positionTpsl);
    o.put("parent", s.parent == null ? null : s.parent.oid);
    o.put("waiting", s.waiting);
    o.put("triggered", s.triggered);
    o.put("filledSz", dec(s.filledSz));
    o.put("status", s.status);
    o.put("statusTimestamp", s.statusTimestamp);
    return o;
  }

  /**
   * Replaces the engine's and the API's state with {@code tree}.
   *
   * @throws IllegalArgumentException when the tree does not fit these markets or is not a state;
   *     nothing changed
   */
  static void read(Map<String, Object> tree, Engine engine, Api api) {
    checkFits(tree, engine.markets());
    Map<String, Account> accounts = new LinkedHashMap<>();
    try {
      for (Object o : Json.array(tree.get("accounts"), "accounts")) {
        Account a = account(Json.object(o, "account"), engine);
        accounts.put(a.address, a);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the state's accounts cannot be read: " + e.getMessage(), e);
    }
    engine.accounts.clear();
    engine.accounts.putAll(accounts);
    engine.now = Json.integer(tree, "now");
    // Order and trade ids never go back, so that they stay unique: a client (and a WebSocket
    // subscription's watermark) that saw an id before a restore never sees it again for another
    // order or fill.
    engine.nextOid = Math.max(engine.nextOid, Json.integer(tree, "nextOid"));
    engine.nextTid = Math.max(engine.nextTid, Json.integer(tree, "nextTid"));
    api.agents.clear();
    Json.object(tree.get("agents"), "agents").forEach((k, v) -> api.agents.put(k, (String) v));
    api.agentNames.clear();
    Json.object(tree.get("agentNames"), "agentNames")
        .forEach((k, v) -> api.agentNames.put(k, (String) v));
    api.builderFees.clear();
    // Absent from the state files of earlier versions: no approvals.
    if (tree.get("builderFees") != null)
      Json.object(tree.get("builderFees"), "builderFees")
          .forEach((k, v) -> api.builderFees.put(k, ((BigDecimal) v).longValueExact()));
    api.nonces.clear();
    Json.object(tree.get("nonces"), "nonces")
        .forEach(
            (k, v) -> {
              TreeSet<Long> used = new TreeSet<>();
              for (Object n : Json.array(v, "nonces[]"))
                used.add(((BigDecimal) n).longValueExact());
              api.nonces.put(k, used);
            });
  }

  @SuppressWarnings("unchecked")
  private static Account account(Map<String, Object> o, Engine engine) {
    Account a = new Account(Json.string(o, "address"));
    a.deposits = dec(o, "deposits");
    a.realizedPnl = dec(o, "realizedPnl");
    a.feesPaid = dec(o, "feesPaid");
    a.fundingPaid = dec(o, "fundingPaid");
    if (dec(o, "collateral").compareTo(a.collateral()) != 0)
      throw new IllegalArgumentException(
          "account "
              + a.address
              + ": collateral "
              + o.get("collateral")
              + " is not deposits + realizedPnl - feesPaid + fundingPaid");
    Json.object(o.get("fundingAllTime"), "fundingAllTime")
        .forEach((i, v) -> a.fundingAllTime.put(Integer.parseInt(i), new BigDecimal((String) v)));
    for (Object f : Json.array(o.get("fundings"), "fundings")) {
      List<Object> l = (List<Object>) f;
      a.fundings.add(
          new Account.Funding(
              lng(l.get(0)), (String) l.get(1), dec(l.get(2)), dec(l.get(3)), dec(l.get(4))));
    }
    // Absent from the state files of earlier versions: no recorded transfers.
    if (o.get("ledger") != null) {
      for (Object t : Json.array(o.get("ledger"), "ledger")) {
        List<Object> l = (List<Object>) t;
        a.ledger.add(
            new Account.Transfer(
                lng(l.get(0)),
                (String) l.get(1),
                dec(l.get(2)),
                (String) l.get(3),
                (String) l.get(4),
                // Absent from the state files of earlier versions, which had no withdrawals.
                l.size() > 5 && l.get(5) != null ? lng(l.get(5)) : null));
      }
    }
    Json.object(o.get("positions"), "positions")
        .forEach(
            (i, v) -> {
              List<Object> l = (List<Object>) v;
              Account.Position p = a.position(Integer.parseInt(i));
              p.szi = dec(l.get(0));
              p.entryPx = dec(l.get(1));
              p.fundingSinceOpen = dec(l.get(2));
              p.fundingSinceChange = dec(l.get(3));
            });
    Json.object(o.get("leverage"), "leverage")
        .forEach((i, v) -> a.leverage.put(Integer.parseInt(i), ((BigDecimal) v).intValueExact()));
    Map<Long, SimOrder> byOid = new HashMap<>();
    for (Object x : Json.array(o.get("orders"), "orders")) {
      Map<String, Object> s = (Map<String, Object>) x;
      Market m = engine.market((int) Json.integer(s, "asset"));
      if (m == null)
        throw new IllegalArgumentException(
            "an order's asset " + s.get("asset") + " does not exist");
      Object parentOid = s.get("parent");
      SimOrder parent = parentOid == null ? null : byOid.get(lng(parentOid));
      SimOrder.Trigger trigger = null;
      if (s.get("trigger") instanceof List<?> t)
        trigger = new SimOrder.Trigger((Boolean) t.get(0), dec(t.get(1)), (Boolean) t.get(2));
      SimOrder order =
          new SimOrder(
              Json.integer(s, "oid"),
              Json.optString(s, "cloid"),
              a,
              m,
              Json.bool(s, "buy"),
              dec(s, "limitPx"),
              dec(s, "sz"),
              Json.integer(s, "timestamp"),
              Json.optString(s, "tif"),
              Json.bool(s, "reduceOnly"),
              trigger,
              Json.bool(s, "positionTpsl"),
              parent);
      order.origSz = dec(s, "origSz");
      order.waiting = Json.bool(s, "waiting");
      order.triggered = Json.bool(s, "triggered");
      order.filledSz = dec(s, "filledSz");
      order.status = Json.string(s, "status");
      order.statusTimestamp = Json.integer(s, "statusTimestamp");
      if (parent != null) parent.children.add(order);
      byOid.put(order.oid, order);
      a.orders.put(order.oid, order);
      if (order.isOpen()) a.open.put(order.oid, order);
      if (order.cloid != null) a.byCloid.put(order.cloid, order);
    }
    for (Object x : Json.array(o.get("fills"), "fills")) {
      List<Object> l = (List<Object>) x;
      String cloid = (String) l.get(9);
      a.fills.add(
          new SimFill(
              (String) l.get(0),
              dec(l.get(1)),
              dec(l.get(2)),
              (Boolean) l.get(3),
              lng(l.get(4)),
              dec(l.get(5)),
              (String) l.get(6),
              dec(l.get(7)),
              lng(l.get(8)),
              cloid.isEmpty() ? null : cloid,
              (Boolean) l.get(10),
              dec(l.get(11)),
              lng(l.get(12)),
              (Boolean) l.get(13)));
    }
    Json.object(o.get("paths"), "paths")
        .forEach(
            (i, v) -> {
              List<Object> l = (List<Object>) v;
              Account.PathState p = new Account.PathState();
              p.k = ((BigDecimal) l.get(0)).intValueExact();
              p.f = Double.parseDouble((String) l.get(1));
              p.lowFirst = (Boolean) l.get(2);
              p.price = dec(l.get(3));
              a.paths.put(Integer.parseInt(i), p);
            });
    a.scheduledCancel = Json.optInteger(o, "scheduledCancel");
    return a;
  }

  private static String dec(BigDecimal v) {
    return v == null ? null : v.toString();
  }

  private static BigDecimal dec(Object v) {
    return v == null ? null : new BigDecimal((String) v);
  }

  private static BigDecimal dec(Map<String, Object> o, String field) {
    return dec(o.get(field));
  }

  private static long lng(Object v) {
    return ((BigDecimal) v).longValueExact();
  }
}
