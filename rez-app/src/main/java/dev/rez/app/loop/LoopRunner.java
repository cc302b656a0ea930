package dev.rez.app.loop;

import dev.rez.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TradingLoop} at each candle close on a {@link LoopClock}: real time for trading,
 * accelerated time for the demo, stepped time for a backtest. {@link #stop()} (for example from a
 * SIGTERM hook) lets a running cycle finish, then returns from {@link #run()} after a last fills
 * sync ({@link TradingLoop#finish()}); a kill switch set while waiting wakes the runner so that a
 * flatten happens at once ({@link TradingLoop#applyKillSwitch()}), without running a cycle.
 *
 * <pre>{@code
 * LoopRunner runner = new LoopRunner(loop, LoopClock.system(), Interval.M5, Duration.ofSeconds(2), 0);
 * Thread t = Thread.ofPlatform().name("rez-loop").start(runner::run);
 * Runtime.getRuntime().addShutdownHook(new Thread(runner::stop));
 * }</pre>
 *
 * <p>{@link #run()} is called once, from one thread; {@link #stop()} and {@link #wakeUp()} from any
 * thread.
 */
public final class LoopRunner {
  private static final Logger log = LoggerFactory.getLogger(LoopRunner.class);

  private final TradingLoop loop;
  private final LoopClock clock;
  private final Interval interval;
  private final Duration afterClose;
  private final long maxCycles;
  private final Object monitor = new Object();
  private volatile boolean stopping;
  private volatile boolean woken;
  private volatile boolean finished;

  /**
   * A runner.
   *
   * @param afterClose how long after a candle's close the cycle starts (lets the exchange finish
   *     the candle)
   * @param maxCycles stop after this many cycles, 0 for no limit
   */
  public LoopRunner(
      TradingLoop loop, LoopClock clock, Interval interval, Duration afterClose, long maxCycles) {
    this.loop = Objects.requireNonNull(loop, "loop == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.interval = Objects.requireNonNull(interval, "interval == null");
    this.afterClose = Objects.requireNonNull(afterClose, "afterClose == null");
    if (afterClose.isNegative() || afterClose.compareTo(interval.duration()) >= 0) {
      throw new IllegalArgumentException(
          "afterClose must be in [0, " + interval.duration() + ") but was " + afterClose);
    }
    if (maxCycles < 0)
      throw new IllegalArgumentException("maxCycles must be >= 0 but was " + maxCycles);
    this.maxCycles = maxCycles;
    loop.onKillSwitch(this::wakeUp);
  }

  /** The first cycle time strictly after {@code now}: the next candle close plus the delay. */
  public Instant nextCycleAfter(Instant now) {
    long step = interval.duration().toMillis();
    long shifted = now.toEpochMilli() - afterClose.toMillis();
    long nextClose = Math.floorDiv(shifted, step) * step + step;
    return Instant.ofEpochMilli(nextClose).plus(afterClose);
  }

  /** Starts the loop and runs cycles until {@link #stop()} or {@code maxCycles}. */
  public void run() {
    loop.start();
    long done = 0;
    try {
      while (!stopping && (maxCycles == 0 || done < maxCycles)) {
        Instant next = nextCycleAfter(clock.now());
        loop.scheduled(next);
        if (!waitUntil(next)) {
          if (stopping) break;
          // Woken by the kill switch: a flatten is carried out now, not at the candle close;
          // nothing else runs
          // off the candle schedule (no model call, no decision), and the wait for the same close
          // goes on.
          loop.applyKillSwitch();
          continue;
        }
        clock.reached(next);
        loop.scheduled(null);
        loop.runCycle();
        done++;
      }
    } finally {
      loop.scheduled(null);
      // Fills the exchange made in or after the last cycle reach the diary before the app closes
      // it.
      loop.finish();
      finished = true;
      synchronized (monitor) {
        monitor.notifyAll();
      }
      log.info("loop runner stopped after {} cycle(s)", done);
    }
  }

  /** Waits until {@code t} on the clock; false when stopped or woken first. */
  private boolean waitUntil(Instant t) {
    synchronized (monitor) {
      while (!stopping && !woken) {
        Duration d = clock.realDelayUntil(t);
        if (d.isZero() || d.isNegative()) return true;
        try {
          long ms = Math.max(1, Math.min(d.toMillis(), 1000));
          monitor.wait(ms);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
      woken = false;
      return false;
    }
  }

  /** Asks the runner to stop after the running cycle, if any. */
  public void stop() {
    stopping = true;
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  /**
   * Stops and waits up to {@code timeout} for the running cycle to finish.
   *
   * @return true when the runner has finished
   */
  public boolean stopAndWait(Duration timeout) {
    stop();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (!finished) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        try {
          monitor.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return finished;
        }
      }
    }
    return true;
  }

  /**
   * Interrupts the wait for the candle close to carry out the kill switch (used when it changes).
   */
  public void wakeUp() {
    woken = true;
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }
}
