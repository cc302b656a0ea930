package dev.rez.app.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The outbox's time: its clock and how it waits between attempts. The system one waits for real; a
 * test passes one that advances a virtual clock, so a receiver down for a minute costs no minute.
 */
interface Timing {
  /** Now. */
  Instant now();

  /**
   * Waits {@code d}, or less when {@code stop} is released first.
   *
   * @return true when {@code stop} was released
   */
  boolean pause(Duration d, CountDownLatch stop) throws InterruptedException;

  /** Real time. */
  static Timing system(Clock clock) {
    return of(clock, Long.MAX_VALUE);
  }

  /**
   * The time of {@code clock}, which may run faster than the wall clock (a demo's): a pause waits
   * at most a second of real time, so that its caller looks at the clock again.
   */
  static Timing polling(Clock clock) {
    return of(clock, 1000);
  }

  /** The time of {@code clock}, a pause waiting at most {@code maxWaitMillis} of real time. */
  private static Timing of(Clock clock, long maxWaitMillis) {
    return new Timing() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public boolean pause(Duration d, CountDownLatch stop) throws InterruptedException {
        return stop.await(Math.clamp(d.toMillis(), 1, maxWaitMillis), TimeUnit.MILLISECONDS);
      }
    };
  }
}
