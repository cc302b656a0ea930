package dev.rez.app.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The time the loop runs on: real time, accelerated time (the demo) or stepped time (a backtest,
 * where waiting for the next candle close just moves the clock there).
 *
 * <pre>{@code
 * LoopClock clock = LoopClock.accelerated(Instant.parse("2013-11-26T00:00:00Z"), 60);  // one minute per second
 * }</pre>
 *
 * <p>Implementations are threadsafe.
 */
public interface LoopClock {
  /** The current time on this clock. */
  Instant now();

  /** The wall-clock time to wait until this clock reads {@code t}; zero for a stepped clock. */
  Duration realDelayUntil(Instant t);

  /** Called when the runner proceeds at {@code t} (a stepped clock moves there). */
  default void reached(Instant t) {}

  /** This clock as a {@link Clock} for components that read time (risk policy, diary). */
  default Clock asClock() {
    LoopClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return self.now();
      }
    };
  }

  /** Real time. */
  static LoopClock system() {
    return following(Instant::now, 1);
  }

  /**
   * The time {@code now} reads (a simulator's clock, the wall clock), which runs {@code speed}
   * times faster than the wall clock: waiting converts its time to wall time by the speed.
   *
   * @throws IllegalArgumentException when speed is not positive
   */
  static LoopClock following(Supplier<Instant> now, double speed) {
    Objects.requireNonNull(now, "now == null");
    if (!(speed > 0) || Double.isInfinite(speed))
      throw new IllegalArgumentException("speed must be > 0 but was " + speed);
    return new LoopClock() {
      @Override
      public Instant now() {
        return now.get();
      }

      @Override
      public Duration realDelayUntil(Instant t) {
        Duration d = Duration.between(now.get(), t);
        if (d.isNegative()) return Duration.ZERO;
        return speed == 1 ? d : Duration.ofNanos((long) (d.toNanos() / speed));
      }
    };
  }

  /**
   * Time that starts at {@code start} now and runs {@code speed} times faster than the wall clock.
   *
   * @throws IllegalArgumentException when speed is not positive
   */
  static LoopClock accelerated(Instant start, double speed) {
    Objects.requireNonNull(start, "start == null");
    if (!(speed > 0) || Double.isInfinite(speed))
      throw new IllegalArgumentException("speed must be > 0 but was " + speed);
    long wallStart = System.nanoTime();
    return new LoopClock() {
      @Override
      public Instant now() {
        return start.plusNanos((long) ((System.nanoTime() - wallStart) * speed));
      }

      @Override
      public Duration realDelayUntil(Instant t) {
        Duration d = Duration.between(now(), t);
        return d.isNegative() ? Duration.ZERO : Duration.ofNanos((long) (d.toNanos() / speed));
      }
    };
  }

  /**
   * Time that only moves when the runner reaches the next cycle, calling {@code onAdvance} with the
   * new time (to step a simulator's market to it).
   */
  static Stepped stepped(Instant start, Consumer<Instant> onAdvance) {
    return new Stepped(start, onAdvance);
  }

  /** A clock moved by the runner. Threadsafe. */
  final class Stepped implements LoopClock {
    private volatile Instant now;
    private final Consumer<Instant> onAdvance;

    private Stepped(Instant start, Consumer<Instant> onAdvance) {
      this.now = Objects.requireNonNull(start, "start == null");
      this.onAdvance = Objects.requireNonNull(onAdvance, "onAdvance == null");
    }

    @Override
    public Instant now() {
      return now;
    }

    @Override
    public Duration realDelayUntil(Instant t) {
      return Duration.ZERO;
    }

    @Override
    public synchronized void reached(Instant t) {
      if (t.isAfter(now)) {
        now = t;
        onAdvance.accept(t);
      }
    }

    /** Moves the clock to {@code t} (never backwards). */
    public void advanceTo(Instant t) {
      reached(t);
    }
  }
}
