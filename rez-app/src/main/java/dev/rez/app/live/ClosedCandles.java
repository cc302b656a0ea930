package dev.rez.app.live;

import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.OrderBook;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A venue's market data whose candle reads keep the closed candles they saw and ask the venue only
 * for what is newer: the candles after the last closed one kept, the forming one included, and
 * those only once per clock time. For a venue whose candles depend on its clock alone, closed ones
 * never changing (the simulator replaying a file on its stepped clock), every read answers exactly
 * what the venue would, with a few candles on the wire per cycle instead of the whole window. The
 * venue's asset list (indexes, size decimals, leverage limits) is read once: a replay lists the
 * same assets throughout. A backtest reads through it; the other reads go to the venue.
 *
 * <pre>{@code
 * MarketData md = new ClosedCandles(exchange, simulatedClock);
 * md.candles(btc, Interval.M1, now.minus(Duration.ofMinutes(400)), now);   // the window once, then the new bars
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class ClosedCandles implements MarketData {
  /** Closed candles kept per asset and interval before the older half is dropped. */
  static final int MAX_KEPT = 10_000;

  private record Key(Asset asset, Interval interval) {}

  /**
   * Every candle the venue has with its open time in {@code [from, closed.last.openTime]}, all
   * closed.
   */
  private static final class Kept {
    Instant from;
    final ArrayList<Candle> closed = new ArrayList<>();

    /**
     * The candles after the kept ones up to {@code tailTo}, as read at the clock time {@code
     * tailAt}; or null.
     */
    List<Candle> tail;

    Instant tailAt;
    Instant tailTo;
  }

  private final MarketData venue;
  private final Clock clock;
  private final Map<Key, Kept> kept = new HashMap<>();
  private List<AssetInfo> assets;

  /**
   * Reads from {@code venue}; a candle is closed when its close time is not after {@code clock}'s
   * time.
   */
  public ClosedCandles(MarketData venue, Clock clock) {
    this.venue = Objects.requireNonNull(venue, "venue == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public synchronized List<Candle> candles(
      Asset asset, Interval interval, Instant from, Instant to) {
    Objects.requireNonNull(asset, "asset == null");
    Objects.requireNonNull(interval, "interval == null");
    if (from == null || to == null) throw new NullPointerException("from/to == null");
    if (to.isBefore(from)) return venue.candles(asset, interval, from, to); // the venue's own error
    Instant now = clock.instant();
    Key key = new Key(asset, interval);
    Kept k = kept.get(key);
    if (k == null || k.closed.isEmpty() || from.isBefore(k.from)) {
      List<Candle> read = venue.candles(asset, interval, from, to);
      Kept fresh = new Kept();
      fresh.from = from;
      keepClosed(fresh, read, now);
      kept.put(key, fresh);
      return read;
    }
    Instant lastKept = k.closed.getLast().openTime();
    int first = firstAtOrAfter(k.closed, from);
    int end = Math.max(first, firstAfter(k.closed, to));
    List<Candle> out = new ArrayList<>(end - first + 2);
    out.addAll(k.closed.subList(first, end));
    if (to.isAfter(lastKept)) {
      Instant next = lastKept.plusMillis(1);
      boolean adjoining = !from.isAfter(next);
      List<Candle> tail;
      if (adjoining && k.tail != null && now.equals(k.tailAt) && to.equals(k.tailTo)) {
        // Asked again at the same time (the context, then a tool): the venue's answer cannot have
        // changed.
        tail = k.tail;
      } else {
        tail = venue.candles(asset, interval, adjoining ? next : from, to);
        // Kept only when it continues the kept run without a gap.
        if (adjoining) {
          keepClosed(k, tail, now);
          // What the venue answers after the (maybe newly) kept candles: the rest of this answer.
          Instant kept = k.closed.getLast().openTime();
          k.tail = tail.stream().filter(c -> c.openTime().isAfter(kept)).toList();
          k.tailAt = now;
          k.tailTo = to;
        }
      }
      out.addAll(tail);
    }
    return out;
  }

  private static void keepClosed(Kept k, List<Candle> read, Instant now) {
    for (Candle c : read) {
      if (c.closeTime().isAfter(now)) break;
      if (k.closed.isEmpty() || c.openTime().isAfter(k.closed.getLast().openTime()))
        k.closed.add(c);
    }
    if (k.closed.size() > MAX_KEPT) {
      k.closed.subList(0, k.closed.size() / 2).clear();
      k.from = k.closed.getFirst().openTime();
    }
  }

  /** The index of the first candle opening at or after {@code t}. */
  private static int firstAtOrAfter(List<Candle> candles, Instant t) {
    int lo = 0;
    int hi = candles.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (candles.get(mid).openTime().isBefore(t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the first candle opening after {@code t}. */
  private static int firstAfter(List<Candle> candles, Instant t) {
    int lo = 0;
    int hi = candles.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!candles.get(mid).openTime().isAfter(t)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  @Override
  public synchronized List<AssetInfo> assets() {
    if (assets == null) assets = List.copyOf(venue.assets());
    return assets;
  }

  @Override
  public Map<Asset, BigDecimal> mids() {
    return venue.mids();
  }

  @Override
  public Map<Asset, AssetContext> contexts() {
    return venue.contexts();
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    return venue.orderBook(asset, depth);
  }
}
