package dev.rez.app.loop;

import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the loop's diary events in the shapes of the API contract. Internal. */
final class Recorder {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);

  private final Diary diary;
  private final Clock clock;

  Recorder(Diary diary, Clock clock) {
    this.diary = diary;
    this.clock = clock;
  }

  Diary diary() {
    return diary;
  }

  void event(long cycle, String type, Asset asset, Map<String, Object> data) {
    diary.append(new DiaryEvent(clock.instant(), cycle, type, asset, Json.write(data)));
  }

  void error(long cycle, Asset asset, String where, Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    error(cycle, asset, where, message);
  }

  void error(long cycle, Asset asset, String where, String message) {
    log.warn("cycle {} {}{}: {}", cycle, where, asset == null ? "" : " " + asset, message);
    event(cycle, "error", asset, Json.obj("where", where, "message", message));
  }

  void protection(long cycle, Asset asset, String action, String detail) {
    log.info("cycle {} {} protection: {} ({})", cycle, asset, action, detail);
    event(cycle, "protection", asset, Json.obj("action", action, "detail", detail));
  }

  /**
   * Forces the diary to the disk; never throws: a failure is logged and the diary says so in its health.
   *
   * @return true when every event recorded so far is durable
   */
  boolean flush() {
    try {
      diary.flush();
      return true;
    } catch (java.io.UncheckedIOException e) {
      log.warn("the diary could not be flushed: {}", e.getMessage());
      return false;
    }
  }

  /** Why the diary cannot record for sure (a write failure, a full disk), or null when it can. */
  String diaryFault() {
    if (diary instanceof dev.rez.app.diary.JsonlDiary j) {
      dev.rez.app.diary.JsonlDiary.Health h = j.health();
      if (!h.ok()) return h.error() + (h.pending() > 0 ? " (" + h.pending() + " events wait in memory)" : "");
    }
    return null;
  }

  static Map<String, Object> decision(TradeDecision d) {
    return Json.obj(
        "action", d.action(),
        "notionalUsd", d.notionalUsd(),
        "leverage", d.leverage(),
        "takeProfit", d.takeProfit(),
        "stopLoss", d.stopLoss(),
        "rationale", d.rationale());
  }

  static Map<String, Object> order(OrderRequest o) {
    return Json.obj("asset", o.asset().name(), "side", o.side(), "size", o.size(), "limitPrice", o.limitPrice(),
        "timeInForce", o.timeInForce().name(), "reduceOnly", o.reduceOnly(), "cloid", o.cloid().hex());
  }

  static Map<String, Object> trigger(TriggerOrder t) {
    return Json.obj("asset", t.asset().name(), "side", t.side(), "size", t.size(), "trigger", Executor.kindId(t.kind()), "triggerPrice", t.triggerPrice(),
        "market", t.market(), "limitPrice", t.limitPrice(), "reduceOnly", true, "cloid", t.cloid().hex());
  }

  static List<Object> triggers(List<TriggerOrder> ts) {
    List<Object> out = new ArrayList<>();
    for (TriggerOrder t : ts) out.add(trigger(t));
    return out;
  }

  static List<Object> results(List<OrderResult> rs) {
    List<Object> out = new ArrayList<>();
    for (OrderResult r : rs) {
      String cloid = r.cloid() == null ? null : r.cloid().hex();
      out.add(switch (r) {
        case OrderResult.Resting x -> Json.obj("status", "resting", "orderId", x.orderId(), "cloid", cloid);
        case OrderResult.Filled x -> Json.obj("status", "filled", "orderId", x.orderId(), "totalSize", x.totalSize(), "averagePrice", x.averagePrice(), "cloid", cloid);
        case OrderResult.Rejected x -> Json.obj("status", "rejected", "error", x.error(), "cloid", cloid);
        case OrderResult.Waiting x -> Json.obj("status", "waiting", "cloid", cloid);
      });
    }
    return out;
  }

  /**
   * The fill a {@code fill} event's data describes (the inverse of {@link #fill}).
   *
   * @throws RuntimeException when a field is missing or of the wrong type
   */
  static Fill fillOf(Map<String, Object> d) {
    Object cloid = d.get("cloid");
    return new Fill(dev.rez.core.Asset.of((String) d.get("asset")), dev.rez.core.Side.parse((String) d.get("side")), (java.math.BigDecimal) d.get("price"),
        (java.math.BigDecimal) d.get("size"), java.time.Instant.parse((String) d.get("time")), (java.math.BigDecimal) d.get("fee"),
        (java.math.BigDecimal) d.get("closedPnl"), ((java.math.BigDecimal) d.get("orderId")).longValueExact(),
        cloid == null ? null : dev.rez.core.ClientOrderId.of((String) cloid), (java.math.BigDecimal) d.get("startPosition"), Boolean.TRUE.equals(d.get("taker")),
        (String) d.get("hash"));
  }

  /** The {@code /api/fills} item shape. */
  static Map<String, Object> fill(Fill f, String explorerUrl) {
    return Json.obj(
        "time", f.time(),
        "asset", f.asset().name(),
        "side", f.side(),
        "price", f.price(),
        "size", f.size(),
        "notional", f.notional(),
        "fee", f.fee(),
        "closedPnl", f.closedPnl(),
        "orderId", f.orderId(),
        "cloid", f.cloid() == null ? null : f.cloid().hex(),
        "taker", f.taker(),
        "hash", f.hash(),
        "startPosition", f.startPosition(),
        "explorerUrl", explorerUrl);
  }
}
