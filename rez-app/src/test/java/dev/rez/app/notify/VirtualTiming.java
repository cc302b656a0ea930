package dev.rez.app.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Timing} whose waits advance a virtual clock at once (with a millisecond of real time to
 * yield).
 */
final class VirtualTiming implements Timing {
  private final AtomicReference<Instant> now;

  VirtualTiming(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  @Override
  public boolean pause(Duration d, CountDownLatch stop) throws InterruptedException {
    now.accumulateAndGet(null, (t, ignored) -> t.plus(d));
    return stop.await(2, TimeUnit.MILLISECONDS);
  }
}
