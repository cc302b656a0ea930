package dev.rez.app.api;

import dev.rez.core.Asset;
import dev.rez.core.ClosedTrade;
import dev.rez.core.Side;
import dev.rez.core.TrackRecord;
import dev.rez.json.JsonOut;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code /api/stats} shape: a rez-core {@link TrackRecord} as JSON. */
public final class StatsView {
  private StatsView() {}

  /** The whole {@code /api/stats} answer. */
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
    for (TrackRecord.EquityPoint p : r.equityCurve())
      o.begin().field("time", p.time()).field("equity", p.equity()).end();
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

  /**
   * The summary of a track record, as {@code /api/stats} shows it (overall and per asset) and
   * {@code rez stats} prints it: counts, {@link BigDecimal} amounts, {@link Double} ratios, and
   * null for an average or ratio of no trades.
   */
  public static Map<String, Object> summary(TrackRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trades", r.tradeCount());
    m.put("wins", r.winCount());
    m.put("losses", r.lossCount());
    m.put("winRate", r.tradeCount() == 0 ? null : r.winRate());
    m.put("averageWin", r.winCount() == 0 ? null : r.averageWin());
    m.put("averageLoss", r.lossCount() == 0 ? null : r.averageLoss());
    m.put("averageTrade", r.tradeCount() == 0 ? null : r.averageTrade());
    m.put(
        "profitFactor",
        r.profitFactor().stream().filter(Double::isFinite).boxed().findFirst().orElse(null));
    m.put("volume", r.totalVolume());
    m.put("realizedPnl", r.realizedPnl());
    m.put("fees", r.fees());
    m.put("funding", r.funding());
    m.put("netPnl", r.netPnl());
    m.put("maxDrawdown", r.maxDrawdown());
    m.put("maxDrawdownFraction", r.maxDrawdownFraction());
    m.put("sharpe", r.sharpeRatio().isPresent() ? r.sharpeRatio().getAsDouble() : null);
    return m;
  }

  private static void summary(JsonOut o, TrackRecord r) {
    o.begin();
    for (Map.Entry<String, Object> e : summary(r).entrySet()) {
      o.name(e.getKey());
      switch (e.getValue()) {
        case null -> o.nullValue();
        case BigDecimal d -> o.value(d);
        case Double d -> Views.finite(o, d);
        case Number n -> o.value(n.longValue());
        default -> throw new IllegalStateException("no JSON value for " + e.getValue().getClass());
      }
    }
    o.end();
  }
}
