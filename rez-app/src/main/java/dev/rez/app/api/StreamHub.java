package dev.rez.app.api;

import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.json.JsonOut;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /api/stream} clients. Each client has its own virtual thread that pages through the
 * diary from its cursor and then waits for new events, so a slow client only slows itself and the
 * writer of the diary never waits for a client: an append only signals.
 *
 * <p>Between diary events one publisher thread reads the app's live view (memory, no exchange call)
 * every {@link #LIVE_TICK}; each caught-up client then gets, on a pooled thread of its own (a slow
 * client skips rounds, it delays no one), a {@code mark} event per traded asset whose price changed
 * and, while a position is open, an {@code account} event at least every {@link #ACCOUNT_EVERY}
 * (every 0.5 s while the marks move). Sends to one client are serialised on the client.
 */
final class StreamHub {
  private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
  private static final int CHUNK = 200;
  private static final Set<String> ACCOUNT_TRIGGERS = Set.of("cycle-end", "fill");
  private static final Set<String> STATUS_TRIGGERS =
      Set.of("app-start", "cycle-start", "cycle-end", "kill-switch", "error");

  private final JsonlDiary diary;
  private final Duration ping;
  private final LongFunction<String> accountJson;
  private final Supplier<StatusSnapshot> status;
  private final Live live;
  private final Map<SseClient, Thread> clients = new ConcurrentHashMap<>();
  private final Map<SseClient, LiveState> liveStates = new ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledExecutorService publisher;
  private final java.util.concurrent.ExecutorService senders =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "rez-sse-live-send");
            t.setDaemon(true);
            return t;
          });

  static final Duration LIVE_TICK = Duration.ofMillis(250);
  static final Duration ACCOUNT_EVERY = Duration.ofSeconds(2);

  /**
   * What the live events read.
   *
   * @param marks the current marks with their times, by asset
   * @param positionOpen whether the account has a position now
   * @param assets the traded assets (marks of other assets are not sent); read once
   */
  record Live(
      Supplier<Map<dev.rez.core.Asset, Mark>> marks,
      java.util.function.BooleanSupplier positionOpen,
      Supplier<java.util.List<dev.rez.core.Asset>> assets) {}

  /** A mark price and when it was seen. */
  record Mark(java.math.BigDecimal price, java.time.Instant time) {}

  /** What one caught-up client was last sent. */
  private static final class LiveState {
    final Map<dev.rez.core.Asset, java.math.BigDecimal> sent =
        new java.util.HashMap<>(); // by the one sending thread
    final java.util.concurrent.atomic.AtomicBoolean busy =
        new java.util.concurrent.atomic.AtomicBoolean();
    volatile long cursor;
    volatile long lastAccountNanos = System.nanoTime();
  }

  private final AtomicLong ids = new AtomicLong();
  private volatile boolean running = true;
  private volatile java.util.List<dev.rez.core.Asset> tradedAssets;

  /**
   * @param accountJson the {@code /api/account} JSON after the event with the given cursor (null
   *     when unavailable)
   * @param status the app's status now
   */
  StreamHub(
      JsonlDiary diary,
      Duration ping,
      LongFunction<String> accountJson,
      Supplier<StatusSnapshot> status,
      Live live) {
    this.diary = diary;
    this.ping = ping;
    this.accountJson = accountJson;
    this.status = status;
    this.live = live;
    this.publisher =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rez-sse-live");
              t.setDaemon(true);
              return t;
            });
    publisher.scheduleWithFixedDelay(
        this::publishLive,
        LIVE_TICK.toMillis(),
        LIVE_TICK.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** One round of live events to every caught-up client. */
  private void publishLive() {
    if (liveStates.isEmpty()) return;
    Map<dev.rez.core.Asset, Mark> marks;
    boolean positionOpen;
    java.util.List<dev.rez.core.Asset> assets;
    try {
      marks = live.marks().get();
      positionOpen = live.positionOpen().getAsBoolean();
      assets = tradedAssets;
      if (assets == null)
        assets = tradedAssets = live.assets().get(); // they do not change while the app runs
    } catch (RuntimeException e) {
      log.debug("live events skipped: {}", e.toString());
      return; // the view is not ready yet; the next round tries again
    }
    Map<dev.rez.core.Asset, Mark> round = marks;
    java.util.List<dev.rez.core.Asset> traded = assets;
    for (Map.Entry<SseClient, LiveState> c : liveStates.entrySet()) {
      LiveState st = c.getValue();
      // Each client's sends run on a thread of their own: a slow client delays only itself, and
      // skips rounds. Platform
      // threads, as for the pumps: a write blocked in the emitter's monitor would pin a virtual
      // thread's carrier.
      if (!st.busy.compareAndSet(false, true)) continue;
      try {
        senders.execute(
            () -> {
              try {
                sendLive(c.getKey(), st, round, positionOpen, traded);
              } finally {
                st.busy.set(false);
              }
            });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        return;
      }
    }
  }

  private void sendLive(
      SseClient client,
      LiveState st,
      Map<dev.rez.core.Asset, Mark> marks,
      boolean positionOpen,
      java.util.List<dev.rez.core.Asset> assets) {
    try {
      boolean moved = false;
      for (dev.rez.core.Asset a : assets) {
        Mark m = marks.get(a);
        if (m == null || m.price().equals(st.sent.get(a))) continue;
        st.sent.put(a, m.price());
        moved = true;
        String json =
            new JsonOut()
                .begin()
                .field("asset", a.name())
                .field("mark", m.price())
                .field("time", m.time())
                .end()
                .text();
        synchronized (client) {
          client.sendEvent("mark", json, Long.toString(st.cursor));
        }
      }
      long since = System.nanoTime() - st.lastAccountNanos;
      // While a position is open its PnL moves with the marks: at least every 2 s, and at most
      // twice a second when prices move.
      if (positionOpen
          && (since >= ACCOUNT_EVERY.toNanos()
              || (moved && since >= ACCOUNT_EVERY.toNanos() / 4))) {
        st.lastAccountNanos = System.nanoTime();
        send(client, "account", accountJson.apply(st.cursor), st.cursor);
      }
    } catch (RuntimeException e) {
      log.debug("live events to a stream client stopped: {}", e.toString());
      liveStates.remove(client);
    }
  }

  int clientCount() {
    return clients.size();
  }

  /**
   * Starts serving {@code client} every diary event after {@code cursor}, then live events.
   *
   * @param onEnd runs when the client closes and when its pump ends (so it may run twice)
   */
  void open(SseClient client, long cursor, Runnable onEnd) {
    client.keepAlive();
    // Pumps are never interrupted: an interrupt in the middle of a diary read would close the
    // diary's file
    // channel. A pump notices a closed client at its next event or ping and ends. Pumps are
    // platform threads (as
    // many as streams may be open): a write blocked on a slow client happens inside the SSE
    // emitter's monitor,
    // which would pin a virtual thread's carrier on Java 21.
    Thread t =
        Thread.ofPlatform()
            .daemon()
            .name("rez-sse-" + ids.incrementAndGet())
            .unstarted(
                () -> {
                  try {
                    pump(client, cursor);
                  } finally {
                    onEnd.run();
                  }
                });
    clients.put(client, t);
    client.onClose(
        () -> {
          clients.remove(client);
          liveStates.remove(client);
          onEnd.run();
        });
    t.start();
  }

  private void pump(SseClient client, long start) {
    long cursor = start;
    boolean caughtUp = false;
    String lastStatus = null;
    try {
      while (running && !client.terminated() && clients.containsKey(client)) {
        Diary.Page page =
            diary.read(Long.toString(cursor), CHUNK, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD);
        for (Diary.Entry e : page.events()) {
          JsonOut o = new JsonOut();
          Views.event(o, e);
          synchronized (client) {
            client.sendEvent("diary", o.text(), e.cursor());
          }
          if (client.terminated()) return;
          cursor = Long.parseLong(e.cursor());
          if (!caughtUp) continue;
          String type = e.event().type();
          if (ACCOUNT_TRIGGERS.contains(type)) {
            send(client, "account", accountJson.apply(cursor), cursor);
            LiveState st = liveStates.get(client);
            if (st != null) st.lastAccountNanos = System.nanoTime();
          }
          if (STATUS_TRIGGERS.contains(type))
            lastStatus = sendStatusIfChanged(client, cursor, lastStatus);
        }
        cursor = Math.max(cursor, Long.parseLong(page.next()));
        if (page.hasMore()) continue;
        if (!caughtUp) {
          caughtUp = true;
          lastStatus = sendStatusIfChanged(client, cursor, null);
          send(client, "account", accountJson.apply(cursor), cursor);
          liveStates.put(client, new LiveState());
        }
        LiveState st = liveStates.get(client);
        if (st != null) st.cursor = cursor;
        if (!diary.awaitMore(cursor, ping) && running) {
          synchronized (client) {
            client.sendComment("ping");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("stream client stopped: {}", e.toString());
    } finally {
      clients.remove(client);
      liveStates.remove(client);
      client.close();
    }
  }

  private String sendStatusIfChanged(SseClient client, long cursor, String last) {
    StatusSnapshot s;
    try {
      s = status.get();
    } catch (RuntimeException e) {
      return last;
    }
    // Only the loop object and the diary's state decide "changed": the status also carries times
    // that move every cycle.
    JsonOut loop = new JsonOut();
    Views.loop(loop, s.loop());
    JsonlDiary.Health health = diary.health();
    String loopJson = loop.text() + health.state();
    if (loopJson.equals(last)) return last;
    JsonOut o = new JsonOut();
    Views.status(o, s, health);
    send(client, "status", o.text(), cursor);
    return loopJson;
  }

  private static void send(SseClient client, String event, String json, long cursor) {
    if (json == null) return;
    synchronized (client) {
      client.sendEvent(event, json, Long.toString(cursor));
    }
  }

  /** Ends every stream. */
  void close() {
    running = false;
    publisher.shutdownNow();
    senders.shutdown();
    for (SseClient c : clients.keySet()) c.close();
    clients.clear();
  }
}
