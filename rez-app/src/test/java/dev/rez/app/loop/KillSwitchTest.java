package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    assertThat(s).isEqualTo(new KillSwitch.State(KillSwitch.Level.STOP_ENTRIES, "manual", "cli", t, t.plusSeconds(60)));
    assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
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
    assertThatThrownBy(() -> new KillSwitch(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sideways");
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
    assertThat(loop.runCycle().ok()).isFalse();
    assertThat(f.script.requests).isEmpty();
  }
}
