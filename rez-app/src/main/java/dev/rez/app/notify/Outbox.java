package dev.rez.app.notify;

import dev.rez.app.config.Redactor;
import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.AtomicFile;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the diary's notifications to one sink, at least once, in diary order. A worker thread
 * reads the diary forward from the last acknowledged event, turns the events the rules select into
 * notifications, and sends each until the sink acknowledges it, waiting a doubling backoff between
 * attempts. After each acknowledgement the position is written to a small state file, so a restart
 * resumes after the last acknowledged event: a notification is sent again only when the app stopped
 * between its delivery and that write (same id).
 *
 * <p>The state file names the diary its position belongs to ({@link #identity}: a digest of the
 * diary's first event, which never changes). A position saved for another diary (the diary was
 * deleted or replaced while the state file stayed), or one past the diary's end, is not used: the
 * outbox warns and starts where a new sink starts, so a new diary's first events are neither
 * skipped nor cause notifications to stop.
 *
 * <p>This class is threadsafe.
 */
final class Outbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  static final int BACKLOG_CAP = 1000;
  private static final int PAGE = 200;

  /**
   * How the waits between failed attempts grow: from {@code min}, doubling, at most {@code max}.
   */
  record Backoff(Duration min, Duration max) {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    Duration after(int failures) {
      long ms = min.toMillis() << Math.min(failures - 1, 30);
      return Duration.ofMillis(ms <= 0 ? max.toMillis() : Math.min(ms, max.toMillis()));
    }
  }

  private final NotificationSink sink;
  private final Diary diary;
  private final Rules rules;
  private final Path stateFile;
  private final Timing timing;
  private final Backoff backoff;
  private final Redactor redactor;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean drain;
  private volatile boolean caughtUp;

  // Status, written by the worker.
  private volatile String cursor;
  private final String firstCursor;
  private final String savedDiary;
  private final boolean savedState;
  private volatile String diaryId;
  // The run of the events being read (the latest app-start read), written by the worker only.
  private final Set<String> readTypes;
  private String runId;
  private String network;
  private volatile String lastDeliveredId;
  private volatile Instant lastDeliveredAt;
  private volatile long delivered;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile Instant nextAttemptAt;
  private volatile boolean stopped;
  private volatile int backlog;
  private volatile long backlogAt;
  private volatile boolean backlogKnown;

  /**
   * @param stateFile where the position is kept
   * @param firstCursor where to start when the state file does not exist yet (null: the diary's
   *     start)
   */
  Outbox(
      NotificationSink sink,
      Diary diary,
      Rules rules,
      Path stateFile,
      String firstCursor,
      Timing timing,
      Backoff backoff,
      Redactor redactor) {
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.diary = Objects.requireNonNull(diary, "diary == null");
    this.rules = rules;
    this.stateFile = stateFile;
    this.timing = timing;
    this.backoff = backoff;
    this.redactor = redactor;
    this.firstCursor = firstCursor;
    Set<String> types = new HashSet<>(rules.types());
    types.add("app-start");
    this.readTypes = Set.copyOf(types);
    String saved = AtomicFile.read(stateFile);
    this.savedState = saved != null;
    if (saved != null) {
      Map<String, Object> m = Json.parseObject(saved);
      this.savedDiary = (String) m.get("diary");
      this.cursor = (String) m.get("cursor");
      this.lastDeliveredId = (String) m.get("lastDeliveredId");
      this.lastDeliveredAt =
          m.get("lastDeliveredAt") == null
              ? null
              : Instant.parse((String) m.get("lastDeliveredAt"));
    } else {
      this.savedDiary = null;
      this.cursor = firstCursor;
    }
    this.thread =
        Thread.ofPlatform().daemon().name("rez-notify-" + sink.name()).unstarted(this::run);
  }

  Outbox start() {
    thread.start();
    return this;
  }

  String name() {
    return sink.name();
  }

  /** The state for the status. */
  SinkStatus status() {
    long now = System.nanoTime();
    if (!backlogKnown || now - backlogAt > 1_000_000_000L) {
      backlog = countBacklog();
      backlogAt = now;
      backlogKnown = true;
    }
    String state = stopped ? "stopped" : lastError != null ? "retrying" : "delivering";
    return new SinkStatus(
        sink.name(),
        state,
        lastDeliveredId,
        lastDeliveredAt,
        backlog,
        delivered,
        lastError,
        lastErrorAt,
        nextAttemptAt);
  }

  /**
   * Stops the worker: first lets it deliver what is pending for up to {@code grace}, then stops it
   * between two attempts. What is left is delivered after the next start.
   */
  void close(Duration grace) {
    drain = true;
    try {
      thread.join(Math.max(1, grace.toMillis()));
      stop.countDown();
      thread.join(15_000);
    } catch (InterruptedException e) {
      stop.countDown();
      Thread.currentThread().interrupt();
    }
    stopped = true;
  }

  @Override
  public void close() {
    close(Duration.ZERO);
  }

  /**
   * The identity of {@code diary}: a digest of its first event (time, type, asset, data), which an
   * append-only diary keeps for good; null while the diary is empty.
   */
  static String identity(Diary diary) {
    List<Diary.Entry> first = diary.read(null, 1, Diary.Filter.ALL).events();
    if (first.isEmpty()) return null;
    DiaryEvent e = first.get(0).event();
    String line =
        e.time()
            + "|"
            + e.type()
            + "|"
            + (e.asset() == null ? "" : e.asset().name())
            + "|"
            + e.json();
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is missing", ex);
    }
  }

  /**
   * Waits for the diary's first event (its identity), then picks where to read from: the saved
   * position when it belongs to this diary and fits it, else where a new sink starts.
   *
   * @return false when stopped first
   */
  private boolean begin() throws InterruptedException {
    String id;
    while ((id = identity(diary)) == null) {
      if (drain || stop.getCount() == 0) return false;
      if (diary instanceof JsonlDiary jd) jd.awaitMore(0, Duration.ofMillis(500));
      else if (stop.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) return false;
    }
    diaryId = id;
    if (!savedState) return findRun();
    // A state file from before diaries were told apart names none: its position is kept when it
    // fits.
    boolean same = savedDiary == null || savedDiary.equals(id);
    if (same && fits(cursor)) {
      if (savedDiary == null) save(cursor);
      return findRun();
    }
    String from = startOver();
    log.warn(
        "notifications to {}: the saved position {} is not one of this diary ({}); starting at"
            + " {} instead",
        sink.name(),
        cursor,
        same ? "past its end" : "it was saved for another diary",
        from == null ? "the diary's start" : "event " + from);
    save(from);
    return findRun();
  }

  /**
   * Notes the run of the events from the cursor on: the latest {@code app-start} at or before it.
   *
   * @return true
   */
  private boolean findRun() {
    runId = null;
    network = null;
    if (diary instanceof JsonlDiary jd && cursor != null && !cursor.equals("0")) {
      List<Diary.Entry> last =
          jd.read(
                  cursor,
                  1,
                  new DiaryQuery(Set.of("app-start"), null, null),
                  JsonlDiary.Direction.BACKWARD)
              .events();
      if (!last.isEmpty()) noteRun(last.get(0).event());
    }
    return true;
  }

  private void noteRun(DiaryEvent appStart) {
    Map<String, Object> d;
    try {
      d = Json.parseObject(appStart.json());
    } catch (RuntimeException e) {
      d = Map.of();
    }
    runId = d.get("runId") instanceof String r ? r : null;
    network = d.get("network") instanceof String n ? n : null;
  }

  /** Where a sink new to the diary starts: the given first cursor when it fits, else the start. */
  private String startOver() {
    return fits(firstCursor) ? firstCursor : null;
  }

  private boolean fits(String c) {
    if (c == null) return true;
    try {
      read(c, 1);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void run() {
    try {
      if (!begin()) return;
      while (stop.getCount() > 0) {
        long before = diary instanceof JsonlDiary jd ? jd.size() : -1;
        Diary.Page page;
        try {
          page = read(cursor, PAGE);
        } catch (IllegalArgumentException e) {
          String from = startOver();
          log.warn(
              "notifications to {}: position {} is not one of the diary any more ({}); starting at"
                  + " {} instead",
              sink.name(),
              cursor,
              e.getMessage(),
              from == null ? "the diary's start" : "event " + from);
          save(from);
          findRun();
          continue;
        }
        for (Diary.Entry e : page.events()) {
          if (e.event().type().equals("app-start")) noteRun(e.event());
          Notification n = rules.select(e);
          if (n == null) continue;
          n = n.from(diaryId, runId, network);
          if (stop.getCount() == 0 || !deliver(n)) return;
          save(e.cursor());
        }
        // Past the events no rule selected too, so that a restart does not read them again.
        if (!page.next().equals(cursor)) save(page.next());
        if (page.events().isEmpty() && !page.hasMore()) {
          caughtUp = true;
          if (drain) return;
          if (diary instanceof JsonlDiary jd) jd.awaitMore(before, Duration.ofMillis(500));
          else if (stop.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) return;
        } else {
          caughtUp = false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      lastError = redactor.scrub("the outbox stopped: " + e);
      lastErrorAt = timing.now();
      log.error("notifications to {} stopped: {}", sink.name(), redactor.scrub(String.valueOf(e)));
    } finally {
      stopped = true;
    }
  }

  private Diary.Page read(String from, int limit) {
    if (diary instanceof JsonlDiary jd)
      return jd.read(
          from, limit, new DiaryQuery(readTypes, null, null), JsonlDiary.Direction.FORWARD);
    return diary.read(from, limit, Diary.Filter.ALL);
  }

  /** Sends {@code n} until acknowledged; false when stopped first. */
  private boolean deliver(Notification n) throws InterruptedException {
    int failures = 0;
    while (true) {
      try {
        sink.send(n);
        delivered++;
        lastDeliveredId = n.id();
        lastDeliveredAt = timing.now();
        lastError = null;
        nextAttemptAt = null;
        return true;
      } catch (DeliveryException | RuntimeException e) {
        failures++;
        Duration wait = backoff.after(failures);
        if (e instanceof DeliveryException de && de.retryAfter().compareTo(wait) > 0)
          wait = de.retryAfter();
        String why = redactor.scrub(e instanceof DeliveryException ? e.getMessage() : e.toString());
        lastError = why;
        lastErrorAt = timing.now();
        nextAttemptAt = lastErrorAt.plus(wait);
        if (failures == 1 || failures % 10 == 0) {
          log.warn(
              "notification {} to {} failed (attempt {}), retrying in {} ms: {}",
              n.id(),
              sink.name(),
              failures,
              wait.toMillis(),
              why);
        }
        if (timing.pause(wait, stop)) return false;
      }
    }
  }

  private void save(String next) {
    cursor = next;
    AtomicFile.write(
        stateFile,
        Json.write(
            Json.obj(
                "diary",
                diaryId,
                "cursor",
                next,
                "lastDeliveredId",
                lastDeliveredId,
                "lastDeliveredAt",
                lastDeliveredAt)));
  }

  private int countBacklog() {
    int n = 0;
    String c = cursor;
    try {
      while (n < BACKLOG_CAP) {
        Diary.Page p = read(c, PAGE);
        for (Diary.Entry e : p.events()) {
          if (rules.select(e) != null && ++n >= BACKLOG_CAP) break;
        }
        if (!p.hasMore() || p.events().isEmpty()) break;
        c = p.next();
      }
    } catch (RuntimeException e) {
      return backlog;
    }
    return n;
  }

  /** True when the worker has read to the diary's end (for tests and drains). */
  boolean caughtUp() {
    return caughtUp;
  }
}
