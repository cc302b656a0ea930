package dev.rez.app.loop;

import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One short line per trade step for a terminal, from the diary's events fed in order: the entry
 * with its protection, protection changes, and the close with its exit kind and PnL.
 *
 * <pre>{@code
 * TradeLog log = new TradeLog();
 * String line = log.line(event);   // null when the event is no trade step
 * }</pre>
 *
 * <p>{@code BTC open long 0.0312 @ 64012.5 take-profit 65000 stop-loss 63500}<br>
 * {@code BTC closed by stop-loss @ 63490: PnL -16.29, fees 1.80, net -18.09}
 *
 * <p>A close is told by the cloids of the orders it has seen: a position opened before the first
 * event fed closes as {@code manual-close} unless its orders were fed. Not threadsafe: one thread
 * feeds it.
 */
public final class TradeLog {
  private final ExitKinds exits = new ExitKinds();
  private final Map<Asset, BigDecimal[]> open = new HashMap<>();

  /** The line for {@code e}, or null when it is no trade step. */
  public String line(DiaryEvent e) {
    switch (e.type()) {
      case "order" -> {
        Map<String, Object> o = Json.parseObject(e.json());
        exits.order(o);
        return "open".equals(o.get("kind")) ? opened(e.asset(), o) : null;
      }
      case "protection" -> {
        Map<String, Object> p = Json.parseObject(e.json());
        return name(e.asset()) + "  protection " + p.get("action") + ": " + p.get("detail");
      }
      case "fill" -> {
        return fill(Json.parseObject(e.json()));
      }
      default -> {
        return null;
      }
    }
  }

  private static String opened(Asset asset, Map<String, Object> o) {
    if (!(o.get("results") instanceof List<?> results)
        || results.isEmpty()
        || !(results.get(0) instanceof Map<?, ?> entry)) return null;
    if (!"filled".equals(entry.get("status"))
        || !(entry.get("totalSize") instanceof BigDecimal size)
        || size.signum() == 0) {
      return name(asset)
          + "  entry not filled ("
          + entry.get("status")
          + (entry.get("error") == null ? "" : ": " + entry.get("error"))
          + ")";
    }
    Map<?, ?> request = (Map<?, ?>) o.get("request");
    String side =
        request.get("entry") instanceof Map<?, ?> en && "sell".equals(en.get("side"))
            ? "short"
            : "long";
    StringBuilder sb =
        new StringBuilder(name(asset))
            .append("  open ")
            .append(side)
            .append(' ')
            .append(plain(size))
            .append(" @ ")
            .append(plain((BigDecimal) entry.get("averagePrice")));
    if (request.get("protection") instanceof List<?> triggers) {
      for (int i = 0; i < triggers.size(); i++) {
        if (!(triggers.get(i) instanceof Map<?, ?> t)) continue;
        boolean accepted =
            i + 1 < results.size()
                && results.get(i + 1) instanceof Map<?, ?> r
                && !"rejected".equals(r.get("status"));
        sb.append("  ")
            .append(t.get("trigger"))
            .append(' ')
            .append(plain((BigDecimal) t.get("triggerPrice")))
            .append(accepted ? "" : " (refused)");
      }
    }
    return sb.toString();
  }

  private String fill(Map<String, Object> f) {
    if (!(f.get("size") instanceof BigDecimal size)
        || !(f.get("startPosition") instanceof BigDecimal start)
        || !(f.get("closedPnl") instanceof BigDecimal)
        || !(f.get("fee") instanceof BigDecimal)) {
      return null;
    }
    Asset asset = Asset.of(String.valueOf(f.get("asset")));
    int sign = "buy".equalsIgnoreCase(String.valueOf(f.get("side"))) ? 1 : -1;
    BigDecimal after = start.add(sign > 0 ? size : size.negate());
    BigDecimal[] sums =
        open.computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    sums[0] = sums[0].add((BigDecimal) f.get("closedPnl"));
    sums[1] = sums[1].add((BigDecimal) f.get("fee"));
    boolean closing = start.signum() != 0 && start.signum() != sign;
    if (!closing || after.signum() == start.signum()) return null;
    open.remove(asset);
    String exit = exits.exitOf(f.get("cloid") instanceof String c ? c : null);
    BigDecimal net = sums[0].subtract(sums[1]);
    return name(asset)
        + "  closed by "
        + exit
        + " @ "
        + plain((BigDecimal) f.get("price"))
        + ": PnL "
        + usd(sums[0])
        + ", fees "
        + sums[1].setScale(2, RoundingMode.HALF_EVEN).toPlainString()
        + ", net "
        + usd(net);
  }

  private static String name(Asset a) {
    return String.format(Locale.ROOT, "%-4s", a == null ? "-" : a.name());
  }

  private static String plain(BigDecimal v) {
    return v == null ? "?" : v.stripTrailingZeros().toPlainString();
  }

  private static String usd(BigDecimal v) {
    return (v.signum() > 0 ? "+" : "") + v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
