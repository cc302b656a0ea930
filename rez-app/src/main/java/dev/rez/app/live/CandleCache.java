package dev.rez.app.live;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent candles per asset and interval for readers that ask often (the API's chart): read from the
 * venue at most once per interval (when a new candle has opened, or when more candles are asked for
 * than are held), with the last, forming candle moved by the {@link LiveView}'s mark in between. A
 * chart left open costs the exchange one candle read per interval.
 *
 * <pre>{@code
 * CandleCache cache = new CandleCache(exchange, live, clock);
 * List<Candle> last300 = cache.latest(Asset.of("BTC"), Interval.M5, 300);
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class CandleCache {
  private record Key(Asset asset, Interval interval) {}

  private record Entry(List<Candle> candles, int limit) {}

  private final MarketData venue;
  private final LiveView live;
  private final Clock clock;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  /**
   * A cache over {@code venue}, moving the last candle with {@code live}'s marks, on {@code
   * clock}'s time.
   */
  public CandleCache(MarketData venue, LiveView live, Clock clock) {
    this.venue = Objects.requireNonNull(venue, "venue == null");
    this.live = Objects.requireNonNull(live, "live == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /**
   * The latest {@code limit} candles, oldest first (fewer only when the venue has fewer); the last
   * may still be forming. A read fetches as many candles as the largest {@code limit} asked for so
   * far, so every later request up to it is answered in full from memory.
   *
   * @throws RuntimeException the venue's exception when a read was needed and failed
   */
  public List<Candle> latest(Asset asset, Interval interval, int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    Key key = new Key(asset, interval);
    Instant now = clock.instant();
    Entry e = entries.get(key);
    if (e == null
        || e.limit() < limit
        || e.candles().isEmpty()
        || !now.isBefore(e.candles().getLast().closeTime())) {
      // Read as many as any reader asked for so far: a smaller request that happens to come first
      // after a candle opened must not leave the larger ones short until the next candle.
      int held = Math.max(limit, e == null ? 0 : e.limit());
      List<Candle> read =
          venue.candles(asset, interval, now.minus(interval.duration().multipliedBy(held)), now);
      e = new Entry(List.copyOf(read), held);
      entries.put(key, e);
    }
    List<Candle> c = e.candles();
    List<Candle> out =
        new ArrayList<>(c.size() <= limit ? c : c.subList(c.size() - limit, c.size()));
    if (!out.isEmpty()) out.set(out.size() - 1, moved(out.getLast(), asset));
    return out;
  }

  /** The forming candle with the live mark as its close (and high or low when beyond them). */
  private Candle moved(Candle last, Asset asset) {
    Stamped<BigDecimal> mark = live.mark(asset).orElse(null);
    if (mark == null
        || mark.asOf().isBefore(last.openTime())
        || !mark.asOf().isBefore(last.closeTime())) return last;
    double px = mark.value().doubleValue();
    return new Candle(
        last.openTime(),
        last.interval(),
        last.open(),
        Math.max(last.high(), px),
        Math.min(last.low(), px),
        px,
        last.volume());
  }
}
