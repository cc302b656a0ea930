package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Interval;
import dev.rez.testkit.FakeExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopRunnerTest {
  @TempDir Path dir;

  @Test
  void cyclesRunAtCandleClosesOnASteppedClock() {
    List<Instant> steps = new CopyOnWriteArrayList<>();
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    LoopClock.Stepped clock = LoopClock.stepped(Instant.parse("2026-01-05T10:02:10Z"), steps::add);
    LoopRunner runner = new LoopRunner(loop, clock, Interval.M5, Duration.ofSeconds(2), 3);

    runner.run();

    assertThat(steps)
        .containsExactly(
            Instant.parse("2026-01-05T10:05:02Z"),
            Instant.parse("2026-01-05T10:10:02Z"),
            Instant.parse("2026-01-05T10:15:02Z"));
    assertThat(f.diary.ofType("cycle-end")).hasSize(3);
  }

  @Test
  void aStopRecordsTheFillsTheExchangeMadeAfterTheLastCyclesPoll() {
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    f.script.then(r -> List.of(LoopFixture.openLong(FakeExchange.BTC, "1000", "52000", "49000")));
    // The stop-loss fires once the cycle has polled its fills for the last time (at its cycle-end).
    f.diary.afterAppend =
        e -> {
          if (e.type().equals("cycle-end")) f.ex.setMark(FakeExchange.BTC, "48900");
        };
    LoopRunner runner = new LoopRunner(loop, f.clock, Interval.M5, Duration.ZERO, 1);

    runner.run();

    assertThat(f.ex.allFills()).hasSize(2);
    assertThat(f.diary.ofType("fill")).hasSize(2);
    assertThat(f.diary.types().getLast()).isEqualTo("fill");
    assertThat((java.math.BigDecimal) f.diary.data("fill").getLast().get("price"))
        .isEqualByComparingTo("48900");
    assertThat(f.diary.data("fill").getLast().get("startPosition"))
        .isNotEqualTo(java.math.BigDecimal.ZERO);
    int flushesAfterRun = f.diary.flushes;

    // A restart over the same state does not record the stop's fills again, and a second stop is a
    // no-op.
    TradingLoop again = f.loop();
    again.start();
    again.finish();
    assertThat(f.diary.ofType("fill")).hasSize(2);
    assertThat(f.diary.flushes).isGreaterThan(flushesAfterRun);
  }

  @Test
  void nextCycleIsTheNextCloseStrictlyAfterNow() {
    LoopRunner runner =
        new LoopRunner(
            new LoopFixture(dir).loop(), LoopClock.system(), Interval.M5, Duration.ofSeconds(2), 0);
    assertThat(runner.nextCycleAfter(Instant.parse("2026-01-05T10:05:02Z")))
        .isEqualTo(Instant.parse("2026-01-05T10:10:02Z"));
    assertThat(runner.nextCycleAfter(Instant.parse("2026-01-05T10:05:01Z")))
        .isEqualTo(Instant.parse("2026-01-05T10:05:02Z"));
    assertThat(runner.nextCycleAfter(Instant.parse("2026-01-05T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-01-05T10:00:02Z"));
  }

  @Test
  void stopEndsAWaitingRunnerPromptly() throws Exception {
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    LoopRunner runner = new LoopRunner(loop, LoopClock.system(), Interval.H1, Duration.ZERO, 0);
    Thread t = Thread.ofPlatform().start(runner::run);
    waitFor(() -> loop.status().nextCycleAt() != null);

    assertThat(runner.stopAndWait(Duration.ofSeconds(5))).isTrue();
    t.join(5000);
    assertThat(t.isAlive()).isFalse();
    assertThat(f.diary.ofType("cycle-start")).isEmpty();
  }

  @Test
  void aKillSwitchIsCarriedOutAtOnceWithoutRunningACycle() throws Exception {
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    f.script.then(r -> List.of(LoopFixture.openLong(FakeExchange.BTC, "1000", "52000", "49000")));
    loop.runCycle();
    assertThat(f.ex.positionSize(FakeExchange.BTC).signum()).isPositive();
    int asked = f.script.requests.size();
    int cycles = f.diary.ofType("cycle-start").size();
    LoopRunner runner = new LoopRunner(loop, LoopClock.system(), Interval.H1, Duration.ZERO, 0);
    Thread t = Thread.ofPlatform().start(runner::run);
    try {
      waitFor(() -> loop.status().nextCycleAt() != null);

      // Stop-entries needs nothing before the next candle close; flatten closes the position now.
      loop.setKillSwitch(KillSwitch.Level.STOP_ENTRIES, "careful", "api");
      loop.setKillSwitch(KillSwitch.Level.FLATTEN, "panic", "api");
      waitFor(() -> f.ex.positionSize(FakeExchange.BTC).signum() == 0);

      assertThat(f.script.requests)
          .as("the model is not asked off the candle schedule")
          .hasSize(asked);
      assertThat(f.diary.ofType("cycle-start"))
          .as("no cycle runs off the candle schedule")
          .hasSize(cycles);
      waitFor(() -> loop.status().nextCycleAt() != null); // still waiting for the same close
      assertThat(t.isAlive()).isTrue();
    } finally {
      runner.stopAndWait(Duration.ofSeconds(10));
      t.join(10_000);
    }
  }

  @Test
  void aResumeWhenNothingIsSetWritesRecordsAndWakesNothing() {
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    loop.start();
    List<String> woken = new CopyOnWriteArrayList<>();
    loop.onKillSwitch(() -> woken.add("woken"));
    int events = f.diary.types().size();

    loop.setKillSwitch(KillSwitch.Level.NONE, null, "api");

    assertThat(java.nio.file.Files.exists(loop.killSwitch().file())).isFalse();
    assertThat(f.diary.types()).hasSize(events);
    assertThat(woken).isEmpty();

    // A second flatten is as quiet as a second resume; the first one is recorded and wakes.
    loop.setKillSwitch(KillSwitch.Level.FLATTEN, "panic", "api");
    assertThat(woken).hasSize(1);
    int afterFirst = f.diary.types().size();
    loop.setKillSwitch(KillSwitch.Level.FLATTEN, "panic again", "api");
    assertThat(woken).hasSize(1);
    assertThat(f.diary.types()).hasSize(afterFirst);
    assertThat(loop.killSwitch().state().reason()).isEqualTo("panic");
  }

  @Test
  void acceleratedClockRunsFasterThanTheWall() {
    LoopClock c = LoopClock.accelerated(Instant.parse("2013-11-26T00:00:00Z"), 600);
    Duration wall = c.realDelayUntil(c.now().plus(Duration.ofMinutes(10)));
    assertThat(wall).isLessThanOrEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> LoopClock.accelerated(Instant.EPOCH, 0)).hasMessageContaining("speed");
  }

  @Test
  void rejectsADelayLongerThanTheInterval() {
    assertThatThrownBy(
            () ->
                new LoopRunner(
                    new LoopFixture(dir).loop(),
                    LoopClock.system(),
                    Interval.M1,
                    Duration.ofMinutes(1),
                    0))
        .hasMessageContaining("afterClose");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met in time");
      Thread.sleep(5);
    }
  }
}
