package dev.rez.hyperliquid.sim;

import dev.rez.hyperliquid.sim.Engine.OrderSpec;
import dev.rez.hyperliquid.sim.Engine.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The L1 {@code /exchange} actions (order, cancel, modify, leverage, scheduled cancel): their
 * canonical wire form, which is what gets signed, applying them to the engine, and the shapes of
 * the answers. Called under the engine's lock, once the signer is known.
 */
final class ExchangeActions {
  private final Engine engine;

  ExchangeActions(Engine engine) {
    this.engine = engine;
  }

  /** An {@code err} answer with the exchange's message. */
  static Api.Response err(String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "err");
    out.put("response", message);
    return Api.Response.json(out);
  }

  /** An {@code ok} answer of the given response type, with {@code data} unless null. */
  static Api.Response ok(String type, Object data) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("type", type);
    if (data != null) response.put("data", data);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("response", response);
    return Api.Response.json(out);
  }

  /**
   * Rebuilds the action in the exchange's own field order, as the exchange does before hashing it.
   */
  static Map<String, Object> canonical(String type, Map<String, Object> a) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    switch (type) {
      case "order" -> {
        List<Object> orders = new ArrayList<>();
        for (Object o : Json.batch(a.get("orders"), "orders"))
          orders.add(orderWire(Json.object(o, "orders[]")));
        c.put("orders", orders);
        Object grouping = a.get("grouping");
        if (grouping instanceof String g) c.put("grouping", g);
        else
          throw new Json.BadRequest(
              "Failed to deserialize the JSON body: grouping must be na, normalTpsl or positionTpsl");
        if (a.get("builder") != null) {
          Map<String, Object> b = Json.object(a.get("builder"), "builder");
          c.put("builder", pair("b", Json.string(b, "b"), "f", Json.integer(b, "f")));
        }
      }
      case "cancel" ->
          c.put(
              "cancels",
              cancels(a, in -> pair("a", Json.integer(in, "a"), "o", Json.integer(in, "o"))));
      case "cancelByCloid" ->
          c.put(
              "cancels",
              cancels(
                  a,
                  in ->
                      pair("asset", Json.integer(in, "asset"), "cloid", Json.string(in, "cloid"))));
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
      default ->
          throw new Json.BadRequest(
              "Failed to deserialize the JSON body into the target type: action type '"
                  + type
                  + "' is not supported by the simulator");
    }
    return c;
  }

  /** The {@code cancels} of a cancel action, each entry in its canonical form. */
  private static List<Object> cancels(
      Map<String, Object> action, Function<Map<String, Object>, Map<String, Object>> canonical) {
    List<Object> out = new ArrayList<>();
    for (Object o : Json.batch(action.get("cancels"), "cancels"))
      out.add(canonical.apply(Json.object(o, "cancels[]")));
    return out;
  }

  /** A two-key object in wire order. */
  private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  static Object oidOrCloid(Object v) {
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw new Json.BadRequest(
            "Failed to deserialize the JSON body: oid must be an integer but was " + d);
      }
    }
    if (v instanceof String s) return s;
    throw new Json.BadRequest(
        "Failed to deserialize the JSON body: oid must be an integer or a cloid string");
  }

  private static OrderSpec spec(Map<String, Object> w) {
    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) w.get("t");
    String cloid = w.get("c") == null ? null : ((String) w.get("c")).toLowerCase(Locale.ROOT);
    int asset = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, (Long) w.get("a")));
    // A limit order has a time in force; a trigger order has the trigger fields instead.
    boolean isLimit = t.containsKey("limit");
    @SuppressWarnings("unchecked")
    Map<String, Object> limit = isLimit ? (Map<String, Object>) t.get("limit") : Map.of();
    @SuppressWarnings("unchecked")
    Map<String, Object> trigger = isLimit ? Map.of() : (Map<String, Object>) t.get("trigger");
    return new OrderSpec(
        asset,
        (Boolean) w.get("b"),
        (String) w.get("p"),
        (String) w.get("s"),
        (Boolean) w.get("r"),
        (String) limit.get("tif"),
        (Boolean) trigger.get("isMarket"),
        (String) trigger.get("triggerPx"),
        (String) trigger.get("tpsl"),
        cloid);
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
        throw new Json.BadRequest(
            "Failed to deserialize the JSON body: tif must be Gtc, Ioc or Alo but was " + tif);
      }
      tw.put("limit", Map.of("tif", tif));
    } else if (t.get("trigger") != null) {
      Map<String, Object> trigger = Json.object(t.get("trigger"), "t.trigger");
      Map<String, Object> tr = new LinkedHashMap<>();
      tr.put("isMarket", Json.bool(trigger, "isMarket"));
      tr.put("triggerPx", Json.string(trigger, "triggerPx"));
      String tpsl = Json.string(trigger, "tpsl");
      if (!tpsl.equals("tp") && !tpsl.equals("sl"))
        throw new Json.BadRequest("Failed to deserialize the JSON body: tpsl must be tp or sl");
      tr.put("tpsl", tpsl);
      tw.put("trigger", tr);
    } else {
      throw new Json.BadRequest(
          "Failed to deserialize the JSON body: t must hold limit or trigger");
    }
    w.put("t", tw);
    if (o.get("c") != null) w.put("c", Json.string(o, "c"));
    return w;
  }

  @SuppressWarnings("unchecked")
  Api.Response dispatch(String user, String type, Map<String, Object> action) {
    switch (type) {
      case "order" -> {
        List<OrderSpec> specs = new ArrayList<>();
        for (Object o : (List<Object>) action.get("orders"))
          specs.add(spec((Map<String, Object>) o));
        String grouping = (String) action.get("grouping");
        if (!grouping.equals("na")
            && !grouping.equals("normalTpsl")
            && !grouping.equals("positionTpsl")) {
          return err("Invalid grouping: " + grouping);
        }
        if (specs.isEmpty()) return err("Order batch is empty.");
        // A pre-validation error: one answer for the whole batch, nothing placed.
        if (grouping.equals("positionTpsl") && !specs.stream().allMatch(OrderSpec::isTrigger))
          return err(
              "Invalid positionTpsl grouping: every order of the batch must be a TP/SL trigger"
                  + " order.");
        List<Object> statuses = new ArrayList<>();
        for (Status s : engine.placeOrders(user, specs, grouping)) statuses.add(status(s));
        return ok("order", Map.of("statuses", statuses));
      }
      case "cancel", "cancelByCloid" -> {
        List<Object> statuses = new ArrayList<>();
        for (Object o : (List<Object>) action.get("cancels")) {
          Map<String, Object> w = (Map<String, Object>) o;
          String error =
              type.equals("cancel")
                  ? engine.cancel(user, ((Long) w.get("a")).intValue(), (Long) w.get("o"))
                  : engine.cancelByCloid(
                      user,
                      ((Long) w.get("asset")).intValue(),
                      ((String) w.get("cloid")).toLowerCase(Locale.ROOT));
          statuses.add(error == null ? "success" : Map.of("error", error));
        }
        return ok("cancel", Map.of("statuses", statuses));
      }
      case "modify" -> {
        // The exchange answers a single modify as it answers leverage: "default", or the error.
        return modify(user, action) instanceof Status.Error e
            ? err(e.message())
            : ok("default", null);
      }
      case "batchModify" -> {
        List<Object> statuses = new ArrayList<>();
        for (Object o : (List<Object>) action.get("modifies")) {
          statuses.add(status(modify(user, (Map<String, Object>) o)));
        }
        return ok("order", Map.of("statuses", statuses));
      }
      case "updateLeverage" -> {
        String error =
            engine.updateLeverage(
                user,
                ((Long) action.get("asset")).intValue(),
                (Boolean) action.get("isCross"),
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

  /** Carries out one {@code {"oid": oid or cloid, "order": …}} of a modify or batchModify. */
  @SuppressWarnings("unchecked")
  private Status modify(String user, Map<String, Object> w) {
    Object key =
        w.get("oid") instanceof String cloid ? cloid.toLowerCase(Locale.ROOT) : w.get("oid");
    return engine.modify(user, key, spec((Map<String, Object>) w.get("order")));
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
}
