package dev.rez.core;

import java.util.List;

/**
 * The append-only record of everything the agent did. Reads page by opaque cursor.
 *
 * <pre>{@code
 * Diary.Page page = diary.read(null, 100, Diary.Filter.ALL);
 * while (page.hasMore()) page = diary.read(page.next(), 100, Diary.Filter.ALL);
 * }</pre>
 *
 * <p>Implementations are threadsafe.
 */
public interface Diary extends AutoCloseable {
  /** Appends one event. It is durable after the next {@link #flush()}. */
  void append(DiaryEvent event);

  /** Makes every appended event durable (flush and fsync for a file). */
  void flush();

  /**
   * Reads up to {@code limit} events after {@code cursor} (from the start when null) that pass
   * {@code filter}, oldest first.
   *
   * @throws IllegalArgumentException if the cursor is not one this diary issued, or limit is not in
   *     1..10000
   */
  Page read(String cursor, int limit, Filter filter);

  /**
   * Why this diary cannot record for sure right now (a write that failed, a full disk), or null
   * when it can. The trading loop opens no new position while a fault stands; a diary that wraps
   * another reports the other's fault.
   */
  default String fault() {
    return null;
  }

  @Override
  void close();

  /**
   * Which events to read: by type and asset, each null for any.
   *
   * @param type only events of this type, or null
   * @param asset only events for this asset, or null
   */
  record Filter(String type, Asset asset) {
    /** Every event. */
    public static final Filter ALL = new Filter(null, null);

    /** True when {@code e} passes. */
    public boolean test(DiaryEvent e) {
      return (type == null || type.equals(e.type())) && (asset == null || asset.equals(e.asset()));
    }
  }

  /**
   * One page of events.
   *
   * @param events the events, oldest first, each with its own cursor
   * @param next the cursor to read on from (never null: at the end it waits for events appended
   *     later)
   * @param hasMore true when more events were already there past {@code next}
   */
  record Page(List<Entry> events, String next, boolean hasMore) {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component that is out of range and its value
     * @throws NullPointerException naming a required component that is null
     */
    public Page {
      events = Checks.list(events, "events");
      Checks.notNull(next, "next");
    }
  }

  /**
   * An event with the cursor that points just after it.
   *
   * @param cursor read from here to get the events after this one
   * @param event the event
   */
  record Entry(String cursor, DiaryEvent event) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException naming the component that is null
     */
    public Entry {
      Checks.notNull(cursor, "cursor");
      Checks.notNull(event, "event");
    }
  }
}
