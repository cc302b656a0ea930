package dev.rez.hyperliquid;

import dev.rez.core.Fill;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One consumer's share of a user's {@code userFills} feed: every fill once, oldest first, across
 * reconnects. The server opens each subscription with a snapshot of recent fills. The first
 * snapshot a consumer sees is history from before it subscribed, delivered only when it asked for
 * it; a later one follows a reconnect, and its fills newer than the newest this consumer has seen
 * were made while the connection was down, so they are delivered (the ones it has seen are not).
 * Fills that share a time are told apart by {@link Fill#key()} (the trade id).
 *
 * <p>Messages come one at a time (the methods are synchronized for the hand-over between a dropped
 * connection's reader and the next one's).
 */
final class FillDelivery implements HyperliquidStream.HistoryConsumer {
  private static final Comparator<Fill> BY_TIME = Comparator.comparing(Fill::time);

  private final boolean includeSnapshot;
  private final Consumer<List<Fill>> consumer;
  private boolean opened; // the feed's opening snapshot has been seen (or skipped on joining)
  private Instant newest; // the time of the newest fill seen, delivered or skipped
  private final Set<String> atNewest = new HashSet<>(); // the keys of the fills seen at newest

  FillDelivery(boolean includeSnapshot, Consumer<List<Fill>> consumer) {
    if (consumer == null) throw new NullPointerException("consumer == null");
    this.includeSnapshot = includeSnapshot;
    this.consumer = consumer;
  }

  @Override
  public synchronized List<Object> join(List<Object> history) {
    if (history.isEmpty() || includeSnapshot)
      return history; // through accept, as if from the start
    for (Object data : history) see(fills(data));
    opened = true;
    return List.of();
  }

  @Override
  public synchronized void accept(Object data) {
    List<Fill> fills = fills(data);
    List<Fill> out;
    if (!HyperliquidStream.isSnapshot(data)) {
      out = fills;
    } else if (!opened) {
      out = includeSnapshot ? fills : null;
    } else {
      out = unseen(fills);
      if (out.isEmpty()) out = null;
    }
    opened |= HyperliquidStream.isSnapshot(data);
    see(fills);
    if (out == null) return;
    List<Fill> sorted = new ArrayList<>(out);
    sorted.sort(BY_TIME);
    consumer.accept(List.copyOf(sorted));
  }

  private static List<Fill> fills(Object data) {
    return Parsers.fills(Tree.obj(data, "userFills").get("fills"));
  }

  /** The fills newer than the newest seen, and those of its time not seen yet. */
  private List<Fill> unseen(List<Fill> fills) {
    List<Fill> out = new ArrayList<>();
    for (Fill f : fills) {
      int c = newest == null ? 1 : f.time().compareTo(newest);
      if (c > 0 || (c == 0 && !atNewest.contains(f.key()))) out.add(f);
    }
    return out;
  }

  private void see(List<Fill> fills) {
    for (Fill f : fills) {
      int c = newest == null ? 1 : f.time().compareTo(newest);
      if (c > 0) {
        newest = f.time();
        atNewest.clear();
      }
      if (c >= 0) atNewest.add(f.key());
    }
  }
}
