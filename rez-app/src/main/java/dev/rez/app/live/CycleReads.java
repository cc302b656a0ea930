package dev.rez.app.live;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.MarginMode;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderBook;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.TriggerOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The read side of an exchange as one trading cycle sees it: account, orders, marks and asset
 * contexts come from the snapshot the cycle pinned ({@link #pin}); what a snapshot does not hold
 * (candles, books, the asset list) is read from the venue. Give it to the context builder and the
 * agent as their {@link Exchange} and {@link MarketData}, so a cycle reads the account once, not
 * once per reader.
 *
 * <pre>{@code
 * CycleReads reads = new CycleReads(live, exchange);
 * ContextBuilder contexts = ContextBuilder.builder(reads, reads, limits).build();
 * reads.pin(live.snapshot());   // at the start of each cycle
 * }</pre>
 *
 * <p>It only reads: the order methods throw {@link IllegalStateException}, since the agent proposes
 * and the loop's executor trades. Before the first {@link #pin} the reads come from the live view's
 * current snapshot.
 *
 * <p>This class is threadsafe.
 */
public final class CycleReads implements Exchange, MarketData {
  private final LiveView live;
  private final MarketData venue;
  private volatile LiveSnapshot pinned;

  /** Reads pinned snapshots of {@code live}; candles, books and assets from {@code venue}. */
  public CycleReads(LiveView live, MarketData venue) {
    this.live = Objects.requireNonNull(live, "live == null");
    this.venue = Objects.requireNonNull(venue, "venue == null");
  }

  /** Makes {@code snapshot} the one every read answers from until the next pin. */
  public void pin(LiveSnapshot snapshot) {
    this.pinned = Objects.requireNonNull(snapshot, "snapshot == null");
  }

  private LiveSnapshot current() {
    LiveSnapshot s = pinned;
    return s != null ? s : live.snapshot();
  }

  @Override
  public AccountState accountState() {
    return current().account().value();
  }

  @Override
  public List<OpenOrder> openOrders() {
    return current().orders().value();
  }

  @Override
  public List<Fill> fills(Instant since) {
    return live.fillsSince(since);
  }

  @Override
  public Optional<OpenOrder> orderByCloid(ClientOrderId cloid) {
    for (OpenOrder o : openOrders()) {
      if (cloid.equals(o.cloid())) return Optional.of(o);
    }
    return Optional.empty();
  }

  @Override
  public List<AssetInfo> assets() {
    return venue.assets();
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, Instant from, Instant to) {
    return venue.candles(asset, interval, from, to);
  }

  @Override
  public Map<Asset, BigDecimal> mids() {
    Map<Asset, BigDecimal> out = new HashMap<>(current().markPrices());
    for (Map.Entry<Asset, AssetContext> e : current().contexts().value().entrySet()) {
      if (e.getValue().midPrice() != null && !out.containsKey(e.getKey()))
        out.put(e.getKey(), e.getValue().midPrice());
    }
    return out;
  }

  @Override
  public Map<Asset, AssetContext> contexts() {
    return current().liveContexts();
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    return venue.orderBook(asset, depth);
  }

  @Override
  public List<OrderResult> placeWithProtection(OrderRequest entry, List<TriggerOrder> protection) {
    throw readOnly();
  }

  @Override
  public List<OrderResult> place(List<OrderRequest> orders) {
    throw readOnly();
  }

  @Override
  public List<OrderResult> placeProtection(List<TriggerOrder> protection) {
    throw readOnly();
  }

  @Override
  public boolean cancel(Asset asset, long orderId) {
    throw readOnly();
  }

  @Override
  public boolean cancelByCloid(Asset asset, ClientOrderId cloid) {
    throw readOnly();
  }

  @Override
  public void setLeverage(Asset asset, int leverage, MarginMode mode) {
    throw readOnly();
  }

  @Override
  public BigDecimal roundPrice(AssetInfo info, BigDecimal price, java.math.RoundingMode mode) {
    throw readOnly();
  }

  @Override
  public BigDecimal roundSize(AssetInfo info, BigDecimal size, java.math.RoundingMode mode) {
    throw readOnly();
  }

  private static IllegalStateException readOnly() {
    return new IllegalStateException(
        "the cycle's reads cannot trade: orders go through the loop's executor");
  }
}
