package dev.rez.app.api;

import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /api/stream} clients. Each client has its own virtual thread that pages through the diary from
 * its cursor and then waits for new events, so a slow client only slows itself and the writer of the diary
 * never waits for a client: an append only signals.
 */
final class StreamHub {
  private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
  private static final int CHUNK = 200;
  private static final Set<String> ACCOUNT_TRIGGERS = Set.of("cycle-end", "fill");
  private static final Set<String> STATUS_TRIGGERS = Set.of("app-start", "cycle-start", "cycle-end", "kill-switch", "error");

  private final JsonlDiary diary;
  private final Duration ping;
  private final LongFunction<String> accountJson;
  private final Supplier<StatusSnapshot> status;
  private final Map<SseClient, Thread> clients = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean running = true;

  /**
   * @param accountJson the {@code /api/account} JSON after the event with the given cursor (null when unavailable)
   * @param status the app's status now
   */
  StreamHub(JsonlDiary diary, Duration ping, LongFunction<String> accountJson, Supplier<StatusSnapshot> status) {
    this.diary = diary;
    this.ping = ping;
    this.accountJson = accountJson;
    this.status = status;
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
    // Pumps are never interrupted: an interrupt in the middle of a diary read would close the diary's file
    // channel. A pump notices a closed client at its next event or ping and ends. Pumps are platform threads (as
    // many as streams may be open): a write blocked on a slow client happens inside the SSE emitter's monitor,
    // which would pin a virtual thread's carrier on Java 21.
    Thread t = Thread.ofPlatform().daemon().name("rez-sse-" + ids.incrementAndGet()).unstarted(() -> {
      try {
        pump(client, cursor);
      } finally {
        onEnd.run();
      }
    });
    clients.put(client, t);
    client.onClose(() -> {
      clients.remove(client);
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
        Diary.Page page = diary.read(Long.toString(cursor), CHUNK, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD);
        for (Diary.Entry e : page.events()) {
          JsonOut o = new JsonOut();
          Views.event(o, e);
          client.sendEvent("diary", o.text(), e.cursor());
          if (client.terminated()) return;
          cursor = Long.parseLong(e.cursor());
          if (!caughtUp) continue;
          String type = e.event().type();
          if (ACCOUNT_TRIGGERS.contains(type)) send(client, "account", accountJson.apply(cursor), cursor);
          if (STATUS_TRIGGERS.contains(type)) lastStatus = sendStatusIfChanged(client, cursor, lastStatus);
        }
        cursor = Math.max(cursor, Long.parseLong(page.next()));
        if (page.hasMore()) continue;
        if (!caughtUp) {
          caughtUp = true;
          lastStatus = sendStatusIfChanged(client, cursor, null);
          send(client, "account", accountJson.apply(cursor), cursor);
        }
        if (!diary.awaitMore(cursor, ping) && running) client.sendComment("ping");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("stream client stopped: {}", e.toString());
    } finally {
      clients.remove(client);
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
    // Only the loop object and the diary's state decide "changed": the status also carries times that move every cycle.
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
    if (json != null) client.sendEvent(event, json, Long.toString(cursor));
  }

  /** Ends every stream. */
  void close() {
    running = false;
    for (SseClient c : clients.keySet()) c.close();
    clients.clear();
  }
}
