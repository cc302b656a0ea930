package dev.rez.app.arena;

import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The market every contestant reads in a cycle: each distinct read is made once per cycle on the
 * venue and the same answer is handed to every contestant, so that their contexts' market parts are
 * built from identical data. {@link #nextCycle()} forgets the answers. Threadsafe: contestants read
 * it concurrently.
 */
final class SharedMarket implements MarketData {
  private final MarketData venue;
  private final Map<Object, Object> answers = new ConcurrentHashMap<>();
  private final AtomicLong venueReads = new AtomicLong();

  SharedMarket(MarketData venue) {
    this.venue = Objects.requireNonNull(venue, "venue == null");
  }

  /**
   * The market moved: the next reads go to the venue again. Called between cycles, when no
   * contestant reads.
   */
  void nextCycle() {
    answers.clear();
  }

  /** How many reads reached the venue. */
  long venueReads() {
    return venueReads.get();
  }

  private record CandlesKey(Asset asset, Interval interval, Instant from, Instant to) {}

  @SuppressWarnings("unchecked")
  private <T> T once(Object key, Supplier<T> read) {
    return (T)
        answers.computeIfAbsent(
            key,
            k -> {
              venueReads.incrementAndGet();
              return read.get();
            });
  }

  @Override
  public List<AssetInfo> assets() {
    return once("assets", venue::assets);
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, Instant from, Instant to) {
    return once(
        new CandlesKey(asset, interval, from, to),
        () -> List.copyOf(venue.candles(asset, interval, from, to)));
  }

  @Override
  public Map<Asset, BigDecimal> mids() {
    return once("mids", () -> Map.copyOf(venue.mids()));
  }

  @Override
  public Map<Asset, AssetContext> contexts() {
    return once("contexts", () -> Map.copyOf(venue.contexts()));
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    return once(List.of("book", asset, depth), () -> venue.orderBook(asset, depth));
  }
}
