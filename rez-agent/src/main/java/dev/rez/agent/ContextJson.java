package dev.rez.agent;

import dev.rez.core.OpenOrder;
import dev.rez.core.TriggerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes shared by the context payload and the tools. Internal. */
final class ContextJson {
  private ContextJson() {}

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
