package dev.rez.app.api;

import dev.rez.core.Asset;
import dev.rez.core.ClosedTrade;
import dev.rez.core.Side;
import dev.rez.core.TrackRecord;
import java.util.Map;
import java.util.OptionalDouble;

/** The {@code /api/stats} shape: a rez-core {@link TrackRecord} as JSON. */
final class StatsView {
  private StatsView() {}

  static String write(TrackRecord r) {
    JsonOut o = new JsonOut().begin().name("overall");
    summary(o, r);
    o.name("perAsset").begin();
    for (Map.Entry<Asset, TrackRecord> e : r.perAsset().entrySet()) {
      o.name(e.getKey().name());
      summary(o, e.getValue());
    }
    o.end();
    o.name("equityCurve").beginArray();
    for (TrackRecord.EquityPoint p : r.equityCurve()) o.begin().field("time", p.time()).field("equity", p.equity()).end();
    o.endArray();
    o.name("trades").beginArray();
    for (ClosedTrade t : r.trades()) {
      o.begin()
          .field("asset", t.asset().name())
          .field("side", t.side() == Side.BUY ? "long" : "short")
          .field("openedAt", t.openTime())
          .field("closedAt", t.closeTime())
          .field("entryPrice", t.entryPrice())
          .field("exitPrice", t.exitPrice())
          .field("size", t.size())
          .field("pnl", t.realizedPnl())
          .field("fees", t.fees())
          .end();
    }
    o.endArray();
    return o.end().text();
  }

  private static void summary(JsonOut o, TrackRecord r) {
    boolean any = r.tradeCount() > 0;
    o.begin()
        .field("trades", r.tradeCount())
        .field("wins", r.winCount())
        .field("losses", r.lossCount());
    o.name("winRate");
    if (any) o.value(r.winRate());
    else o.nullValue();
    o.field("averageWin", r.averageWin())
        .field("averageLoss", r.averageLoss())
        .field("averageTrade", r.averageTrade());
    ratio(o.name("profitFactor"), r.profitFactor());
    o.field("volume", r.totalVolume())
        .field("realizedPnl", r.realizedPnl())
        .field("fees", r.fees())
        .field("funding", r.funding())
        .field("netPnl", r.netPnl())
        .field("maxDrawdown", r.maxDrawdown());
    o.name("maxDrawdownFraction").value(r.maxDrawdownFraction());
    ratio(o.name("sharpe"), r.sharpeRatio());
    o.end();
  }

  private static void ratio(JsonOut o, OptionalDouble v) {
    if (v.isPresent()) o.value(v.getAsDouble());
    else o.nullValue();
  }
}
