package dev.rez.app.api;

import io.javalin.http.Context;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds what {@code /api/stream} clients may cost: at most {@code max} streams at once (the next
 * is a {@code 429 too-many-streams} before any event is sent), and a client that resumes from far
 * back is replayed at most {@link #MAX_REPLAY} events (it pages older ones through {@code
 * /api/diary}). Threadsafe.
 */
final class StreamLimits {
  /** The most diary events a stream replays before it turns live. */
  static final int MAX_REPLAY = 5000;

  private static final String SLOT_ATTR = "rez.stream.slot";
  private final int max;
  private final Semaphore slots;

  StreamLimits(int max) {
    if (max < 1) throw new IllegalArgumentException("max streams must be >= 1 but was " + max);
    this.max = max;
    this.slots = new Semaphore(max);
  }

  /**
   * Where a stream starts: the asked cursor, or {@link #MAX_REPLAY} events before the end when that
   * is later.
   */
  static long replayFrom(long cursor, long diarySize) {
    return Math.max(cursor, diarySize - MAX_REPLAY);
  }

  /**
   * Takes a slot for the request; register last among the stream's before-handlers, so that nothing
   * can refuse the request after the slot is taken and before {@link #release} is wired.
   */
  void acquire(Context ctx) {
    // Only a GET becomes a stream (and gives its slot back); any other method is answered without
    // one.
    if (!ctx.method().name().equals("GET")) return;
    if (!slots.tryAcquire()) {
      ctx.header("Retry-After", "5");
      throw new ApiException(
          429,
          "too-many-streams",
          "at most " + max + " streams may be open at once; close one or retry later");
    }
    ctx.attribute(SLOT_ATTR, new AtomicBoolean());
  }

  /** A callback that gives the request's slot back, once however often it runs. */
  Runnable release(Context ctx) {
    AtomicBoolean released = ctx.attribute(SLOT_ATTR);
    if (released == null) return () -> {};
    return () -> {
      if (released.compareAndSet(false, true)) slots.release();
    };
  }

  int open() {
    return max - slots.availablePermits();
  }
}
