package dev.rez.app.live;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.OpenOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One consistent picture of market and account taken from the {@link LiveView} at one instant: what
 * a trading cycle reads once and hands to the context builder, the agent's tools, the risk policy
 * and the executor.
 *
 * @param account equity, margin and positions (unrealised PnL revalued at the marks)
 * @param orders the resting orders, plain and trigger
 * @param marks the latest price of every asset the view follows: the mid price from the socket
 *     between REST reads, the exchange's mark price at each REST read
 * @param contexts the exchange's asset contexts (mark, funding, open interest) at the last REST
 *     read
 * @param time when the snapshot was taken
 * @param streaming whether the WebSocket was connected when the snapshot was taken (false: REST
 *     polling)
 */
public record LiveSnapshot(
    Stamped<AccountState> account,
    Stamped<List<OpenOrder>> orders,
    Map<Asset, Stamped<BigDecimal>> marks,
    Stamped<Map<Asset, AssetContext>> contexts,
    Instant time,
    boolean streaming) {
  /** Checks the components and copies the collections. */
  public LiveSnapshot {
    Objects.requireNonNull(account, "account == null");
    Objects.requireNonNull(orders, "orders == null");
    orders = new Stamped<>(List.copyOf(orders.value()), orders.asOf());
    marks = Map.copyOf(marks);
    Objects.requireNonNull(contexts, "contexts == null");
    Objects.requireNonNull(time, "time == null");
  }

  /** The latest price of {@code asset}, if the view has one. */
  public Optional<BigDecimal> mark(Asset asset) {
    Stamped<BigDecimal> m = marks.get(asset);
    return m == null ? Optional.empty() : Optional.of(m.value());
  }

  /** The latest prices without their times. */
  public Map<Asset, BigDecimal> markPrices() {
    Map<Asset, BigDecimal> out = new HashMap<>();
    for (Map.Entry<Asset, Stamped<BigDecimal>> e : marks.entrySet())
      out.put(e.getKey(), e.getValue().value());
    return out;
  }

  /**
   * The asset contexts with each mark replaced by the view's latest price (the rest as of the last
   * REST read), for readers that take contexts.
   */
  public Map<Asset, AssetContext> liveContexts() {
    Map<Asset, AssetContext> out = new HashMap<>();
    for (Map.Entry<Asset, AssetContext> e : contexts.value().entrySet()) {
      AssetContext c = e.getValue();
      BigDecimal mark = mark(e.getKey()).orElse(c.markPrice());
      out.put(
          e.getKey(),
          new AssetContext(
              c.asset(), mark, c.midPrice(), c.fundingRate(), c.openInterest(), c.dayVolumeUsd()));
    }
    return out;
  }
}
