package dev.rez.agent;

import dev.rez.core.Candle;
import dev.rez.core.OpenOrder;
import dev.rez.core.TriggerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes shared by the context payload and the tools. Internal. */
final class ContextJson {
  private ContextJson() {}

  /** The columns of a candle row: open time in epoch milliseconds, prices, volume in coin. */
  static final List<String> CANDLE_COLUMNS =
      List.of("time", "open", "high", "low", "close", "volume");

  /**
   * Candles as {@code {columns, rows}}: the {@link #CANDLE_COLUMNS} and one row per candle, numbers
   * to 8 significant digits. A reader (such as a blind model's disguise) knows each cell by its
   * column.
   */
  static Map<String, Object> candles(List<Candle> candles) {
    List<Object> rows = new ArrayList<>();
    for (Candle c : candles)
      rows.add(
          List.of(
              c.openTime().toEpochMilli(),
              ContextBuilder.round(c.open()),
              ContextBuilder.round(c.high()),
              ContextBuilder.round(c.low()),
              ContextBuilder.round(c.close()),
              ContextBuilder.round(c.volume())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("columns", CANDLE_COLUMNS);
    out.put("rows", rows);
    return out;
  }

  /**
   * Open orders as {@code [{asset, side, kind, size, limitPrice, triggerPrice?, reduceOnly,
   * orderId}]}.
   */
  public static List<Object> orders(List<OpenOrder> orders) {
    List<Object> list = new ArrayList<>();
    for (OpenOrder o : orders) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("asset", o.asset().name());
      m.put("side", o.side());
      m.put(
          "kind",
          o.trigger() == null
              ? "limit"
              : o.trigger() == TriggerKind.TAKE_PROFIT ? "take-profit" : "stop-loss");
      m.put("size", o.size());
      m.put("limitPrice", o.limitPrice());
      if (o.triggerPrice() != null) m.put("triggerPrice", o.triggerPrice());
      m.put("reduceOnly", o.reduceOnly());
      m.put("orderId", o.orderId());
      list.add(m);
    }
    return list;
  }
}
