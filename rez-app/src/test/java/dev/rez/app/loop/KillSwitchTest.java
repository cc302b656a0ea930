package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.testkit.FakeExchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillSwitchTest {
  @TempDir Path dir;

  @Test
  void stateSurvivesANewInstance() throws Exception {
    Path file = dir.resolve("ks.json");
    Instant t = Instant.parse("2026-01-05T10:00:00Z");
    new KillSwitch(file).set(KillSwitch.Level.STOP_ENTRIES, "manual", "cli", t, t.plusSeconds(60));

    KillSwitch.State s = new KillSwitch(file).state();

    assertThat(s)
        .isEqualTo(
            new KillSwitch.State(
                KillSwitch.Level.STOP_ENTRIES, "manual", "cli", t, t.plusSeconds(60)));
    // No temporary file left behind; the lock file that serializes writers stays.
    assertThat(Files.list(dir)).containsExactlyInAnyOrder(file, dir.resolve("ks.json.lock"));
  }

  @Test
  void seesAChangeMadeByAnotherInstance() {
    Path file = dir.resolve("ks.json");
    KillSwitch loopSide = new KillSwitch(file);
    assertThat(loopSide.state().level()).isEqualTo(KillSwitch.Level.NONE);

    new KillSwitch(file).set(KillSwitch.Level.FLATTEN, "panic", "cli", Instant.EPOCH);

    assertThat(loopSide.state().level()).isEqualTo(KillSwitch.Level.FLATTEN);
  }

  @Test
  void resumeClearsTheReason() {
    KillSwitch ks = new KillSwitch(dir.resolve("ks.json"));
    ks.set(KillSwitch.Level.FLATTEN, "panic", "api", Instant.EPOCH);
    KillSwitch.State s = ks.set(KillSwitch.Level.NONE, "ignored", "api", Instant.EPOCH);
    assertThat(s.reason()).isNull();
    assertThat(ks.state().level()).isEqualTo(KillSwitch.Level.NONE);
  }

  @Test
  void corruptFileIsReportedNotIgnored() throws Exception {
    Path file = dir.resolve("ks.json");
    Files.writeString(file, "{\"level\":\"sideways\"}");
    KillSwitch ks = new KillSwitch(file);
    assertThatThrownBy(ks::state)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sideways");
    KillSwitch.State closed = ks.stateOrStop();
    assertThat(closed.level()).isEqualTo(KillSwitch.Level.STOP_ENTRIES);
    assertThat(closed.by()).isEqualTo(KillSwitch.UNREADABLE);
    assertThat(closed.reason()).contains(file.toString()).contains("sideways");
    // It is not overwritten by a compare-and-set either: only an explicit set repairs it.
    assertThat(ks.compareAndSet(closed, KillSwitch.Level.NONE, null, "loop", Instant.EPOCH, null))
        .isFalse();
    assertThat(Files.readString(file)).contains("sideways");
  }

  @Test
  void compareAndSetNeverOverwritesAChangeMadeMeanwhile() {
    KillSwitch ks = new KillSwitch(dir.resolve("ks.json"));
    KillSwitch.State seen = ks.state();
    ks.set(KillSwitch.Level.FLATTEN, "panic", "api", Instant.EPOCH);

    assertThat(
            ks.compareAndSet(
                seen,
                KillSwitch.Level.STOP_ENTRIES,
                "daily loss",
                "risk-policy",
                Instant.EPOCH,
                null))
        .isFalse();
    assertThat(ks.state().level()).isEqualTo(KillSwitch.Level.FLATTEN);

    KillSwitch.State flatten = ks.state();
    assertThat(ks.compareAndSet(flatten, KillSwitch.Level.NONE, null, "api", Instant.EPOCH, null))
        .isTrue();
    assertThat(ks.state().level()).isEqualTo(KillSwitch.Level.NONE);
  }

  @Test
  void parsesLevels() {
    assertThat(KillSwitch.Level.parse("stop_entries")).isEqualTo(KillSwitch.Level.STOP_ENTRIES);
    assertThat(KillSwitch.Level.parse("FLATTEN")).isEqualTo(KillSwitch.Level.FLATTEN);
    assertThatThrownBy(() -> KillSwitch.Level.parse("off")).hasMessageContaining("'off'");
  }

  @Test
  void unreadableKillSwitchFailsClosedInTheStatus(@TempDir Path d) throws Exception {
    LoopFixture f = new LoopFixture(d);
    TradingLoop loop = f.loop();
    Files.writeString(d.resolve("diary.jsonl.kill-switch.json"), "not json");
    assertThat(loop.status().state()).isEqualTo(LoopStatus.State.HALTED);
    f.script.then(r -> List.of(LoopFixture.openLong(FakeExchange.BTC, "1000", "52000", "49000")));
    loop.runCycle();
    assertThat(f.ex.positionSize(FakeExchange.BTC)).isZero();
  }

  @Test
  void writersSharingAFileNeverTearIt() throws Exception {
    // Two switches on one file, as the loop and the CLI have: their writes must not interleave.
    Path file = dir.resolve("ks.json");
    KillSwitch a = new KillSwitch(file);
    KillSwitch b = new KillSwitch(file);
    java.util.List<Throwable> failures =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      KillSwitch ks = t == 0 ? a : b;
      KillSwitch.Level level = t == 0 ? KillSwitch.Level.STOP_ENTRIES : KillSwitch.Level.FLATTEN;
      threads[t] =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 60; i++) {
                    ks.set(level, "round " + i, "writer", Instant.EPOCH);
                    ks.state();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) t.join(60_000);
    assertThat(failures).isEmpty();
    assertThat(a.state().reason()).startsWith("round 59");
  }
}
