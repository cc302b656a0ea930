package dev.rez.app.api;

import dev.rez.app.diary.DiarySchema;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.LoopStatus;
import dev.rez.app.notify.SinkStatus;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.TriggerKind;
import dev.rez.json.JsonOut;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the API's JSON shapes (docs/API.md). */
final class Views {
  private Views() {}

  /** A finite double, or null for NaN and infinities (an indicator warming up, say). */
  static JsonOut finite(JsonOut o, double v) {
    return Double.isFinite(v) ? o.value(v) : o.nullValue();
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static void loop(JsonOut o, LoopStatus l) {
    o.begin()
        .field("state", lower(l.state()))
        .field("killSwitch", lower(l.killSwitch()))
        .field("haltReason", l.haltReason())
        .field("safeMode", l.safeMode())
        .end();
  }

  static void diary(JsonOut o, JsonlDiary.Health h) {
    o.begin()
        .field("state", lower(h.state()))
        .field("error", h.error())
        .field("since", h.since())
        .field("pending", h.pending())
        .field("dropped", h.dropped())
        .end();
  }

  static void status(JsonOut o, StatusSnapshot s, JsonlDiary.Health diary) {
    o.begin()
        .field("version", s.version())
        .field("mode", lower(s.mode()))
        .field("network", lower(s.network()))
        .field("address", s.address())
        .field("signer", s.signer());
    o.name("assets").beginArray();
    for (Asset a : s.assets()) o.value(a.name());
    o.endArray();
    o.field("interval", s.interval().wire())
        .field("model", s.model())
        .field("riskProfile", s.riskProfile());
    o.name("loop");
    loop(o, s.loop());
    o.name("lastCycle");
    LoopStatus.LastCycle c = s.loop().lastCycle();
    if (c == null) o.nullValue();
    else
      o.begin()
          .field("cycle", c.cycle())
          .field("startedAt", c.startedAt())
          .field("finishedAt", c.finishedAt())
          .field("durationMs", c.durationMs())
          .field("ok", c.ok())
          .end();
    o.field("nextCycleAt", s.loop().nextCycleAt())
        .field("exchangeUrl", s.exchangeUrl())
        .field("startedAt", s.startedAt());
    o.name("diary");
    diary(o, diary);
    o.name("notifications").beginArray();
    for (SinkStatus n : s.notifications()) {
      o.begin()
          .field("sink", n.sink())
          .field("state", n.state())
          .field("lastDeliveredId", n.lastDeliveredId())
          .field("lastDeliveredAt", n.lastDeliveredAt())
          .field("backlog", n.backlog())
          .field("delivered", n.delivered())
          .field("lastError", n.lastError())
          .field("lastErrorAt", n.lastErrorAt())
          .field("nextAttemptAt", n.nextAttemptAt())
          .end();
    }
    o.endArray();
    o.name("tools").beginArray();
    for (StatusSnapshot.PluginTool t : s.tools())
      o.begin().field("name", t.name()).field("source", t.source()).end();
    o.endArray().field("readOnly", s.readOnly());
    o.name("exchangeData");
    StatusSnapshot.ExchangeData x = s.exchangeData();
    if (x == null) o.nullValue();
    else
      o.begin()
          .field("streaming", x.streaming())
          .field("accountAsOf", x.accountAsOf())
          .field("accountAgeSeconds", x.accountAgeSeconds())
          .end();
    o.end();
  }

  static void account(JsonOut o, AccountState a, List<Fill> fills) {
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    for (Fill f : fills) {
      realized = realized.add(f.closedPnl());
      fees = fees.add(f.fee());
    }
    o.begin()
        .field("equity", a.equity())
        .field("marginUsed", a.marginUsed())
        .field("withdrawable", a.withdrawable())
        .field("unrealizedPnl", a.unrealizedPnl())
        .field("realizedPnl", realized)
        .field("fees", fees)
        .field("time", a.time())
        .end();
  }

  /** The resting trigger order of {@code kind} protecting {@code p}, if any: its trigger price. */
  static BigDecimal protection(Position p, List<OpenOrder> orders, TriggerKind kind) {
    for (OpenOrder o : orders) {
      if (o.asset().equals(p.asset()) && o.trigger() == kind && o.side() == p.side().opposite())
        return o.triggerPrice();
    }
    return null;
  }

  static void positions(
      JsonOut o, AccountState a, List<OpenOrder> orders, Map<Asset, BigDecimal> marks) {
    o.begin().name("positions").beginArray();
    for (Position p : a.positions()) {
      o.begin()
          .field("asset", p.asset().name())
          .field("side", p.isLong() ? "long" : "short")
          .field("size", p.absSize())
          .field("entryPrice", p.entryPrice())
          .field("markPrice", marks.get(p.asset()))
          .field("unrealizedPnl", p.unrealizedPnl())
          .field("leverage", p.leverage())
          .field("liquidationPrice", p.liquidationPrice())
          .field("marginUsed", p.marginUsed())
          .field("takeProfit", protection(p, orders, TriggerKind.TAKE_PROFIT))
          .field("stopLoss", protection(p, orders, TriggerKind.STOP_LOSS))
          .end();
    }
    o.endArray().end();
  }

  static void orders(JsonOut o, List<OpenOrder> orders) {
    o.begin().name("orders").beginArray();
    for (OpenOrder x : orders) {
      o.begin()
          .field("asset", x.asset().name())
          .field("side", lower(x.side()))
          .field("size", x.size())
          .field("limitPrice", x.limitPrice())
          .field("orderId", x.orderId())
          .field("cloid", x.cloid() == null ? null : x.cloid().hex())
          .field("reduceOnly", x.reduceOnly())
          .field("trigger", x.trigger() == null ? null : lower(x.trigger()))
          .field("triggerPrice", x.triggerPrice())
          .field("placedAt", x.placedAt())
          .end();
    }
    o.endArray().end();
  }

  static void fill(JsonOut o, Fill f, StatusSnapshot.Network network) {
    String explorer =
        switch (network) {
          case MAINNET -> "https://app.hyperliquid.xyz/explorer/tx/" + f.hash();
          case TESTNET -> "https://app.hyperliquid-testnet.xyz/explorer/tx/" + f.hash();
          case SIMULATOR -> null;
        };
    o.begin()
        .field("time", f.time())
        .field("asset", f.asset().name())
        .field("side", lower(f.side()))
        .field("price", f.price())
        .field("size", f.size())
        .field("notional", f.notional())
        .field("fee", f.fee())
        .field("closedPnl", f.closedPnl())
        .field("orderId", f.orderId())
        .field("cloid", f.cloid() == null ? null : f.cloid().hex())
        .field("taker", f.taker())
        .field("hash", f.hash())
        .field("tradeId", DiarySchema.tradeId(f))
        .field("explorerUrl", explorer)
        .end();
  }

  static void event(JsonOut o, Diary.Entry e) {
    DiaryEvent d = e.event();
    o.begin()
        .field("id", e.cursor())
        .field("time", d.time())
        .field("cycle", d.cycle())
        .field("type", d.type())
        .field("asset", d.asset() == null ? null : d.asset().name())
        .name("data")
        .raw(d.json())
        .end();
  }

  static String error(int status, String code, String message) {
    return new JsonOut()
        .begin()
        .name("error")
        .begin()
        .field("status", status)
        .field("code", code)
        .field("message", message)
        .end()
        .end()
        .text();
  }

  static String health(Instant now) {
    return new JsonOut().begin().field("status", "ok").field("time", now).end().text();
  }
}
