package dev.rez.hyperliquid;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a candle feed (every update of the forming bar) into closed bars, each once, open times
 * strictly increasing: a bar is closed when the feed shows a later one. Without a REST source the
 * closed bar is the last update the feed showed of it; one whose end the feed may not have shown
 * (the connection was replaced since its last update) and those that closed while the connection
 * was down are skipped. With one, the closed bars are read from it (the venue's own values, gaps
 * included), and first the {@code history} bars before the feed's first.
 *
 * <p>Updates come one at a time (synchronized for the hand-over between a dropped connection's
 * reader and the next one's).
 */
final class ClosedBars implements Consumer<Candle> {
  private static final Logger LOG = LoggerFactory.getLogger(ClosedBars.class);

  /** How long a failed REST read waits before the next update tries again. */
  static final long RETRY_NANOS = 5_000_000_000L;

  private final Asset asset;
  private final Interval interval;
  private final MarketData rest; // null: the feed alone
  private final int history;
  private final IntSupplier connection;
  private final Consumer<Candle> consumer;

  private Candle forming; // the latest update of the newest bar seen
  private int formingConnection; // the connection that showed it
  private Instant emitted; // the open time of the last bar emitted
  private Instant next; // with REST: the open time from which bars are still to be read
  private long retryAt = System.nanoTime();

  ClosedBars(
      Asset asset,
      Interval interval,
      MarketData rest,
      int history,
      IntSupplier connection,
      Consumer<Candle> consumer) {
    if (asset == null) throw new NullPointerException("asset == null");
    if (interval == null) throw new NullPointerException("interval == null");
    if (consumer == null) throw new NullPointerException("consumer == null");
    if (history < 0) throw new IllegalArgumentException("history must be >= 0 but was " + history);
    this.asset = asset;
    this.interval = interval;
    this.rest = rest;
    this.history = history;
    this.connection = connection;
    this.consumer = consumer;
  }

  @Override
  public synchronized void accept(Candle c) {
    if (emitted != null && !c.openTime().isAfter(emitted)) return; // a bar already emitted
    int conn = connection.getAsInt();
    if (forming != null && !c.openTime().isAfter(forming.openTime())) {
      if (c.openTime().equals(forming.openTime())) {
        forming = c;
        formingConnection = conn;
      }
      return; // an older bar than the forming one: stale
    }
    // The first bar, or a later one: every bar before it has closed.
    if (rest != null) {
      if (!readUpTo(c.openTime())) return; // tried again with a later update
    } else if (forming != null) {
      if (formingConnection == conn) {
        emit(forming);
      } else {
        LOG.info(
            "closed {} {} candles: the end of the bar of {} and the bars up to {} were not on the"
                + " stream (reconnected); they are skipped",
            asset.name(),
            interval.wire(),
            forming.openTime(),
            c.openTime());
      }
    }
    forming = c;
    formingConnection = conn;
  }

  /** Emits the closed bars before {@code open} read over REST; false when the read failed. */
  private boolean readUpTo(Instant open) {
    if (next == null) {
      next = open.minus(interval.duration().multipliedBy(history + 1L));
      if (history == 0) {
        next = open;
        return true;
      }
    }
    if (!next.isBefore(open)) return true;
    if (System.nanoTime() - retryAt < 0) return false;
    List<Candle> read;
    try {
      read = rest.candles(asset, interval, next, open.minusMillis(1));
    } catch (RuntimeException e) {
      retryAt = System.nanoTime() + RETRY_NANOS;
      LOG.warn(
          "closed {} {} candles: cannot read the bars from {} over REST: {}",
          asset.name(),
          interval.wire(),
          next,
          e.toString());
      return false;
    }
    List<Candle> closed =
        read.stream()
            .filter(b -> b.openTime().isBefore(open))
            .filter(b -> emitted == null || b.openTime().isAfter(emitted))
            .toList();
    boolean first = emitted == null && forming == null;
    int skip = first ? Math.max(0, closed.size() - history) : 0;
    for (Candle b : closed.subList(skip, closed.size())) emit(b);
    // A bar the venue did not list yet is read again with the next bar.
    if (emitted != null) next = emitted.plusMillis(1);
    return true;
  }

  private void emit(Candle bar) {
    emitted = bar.openTime();
    consumer.accept(bar);
  }
}
