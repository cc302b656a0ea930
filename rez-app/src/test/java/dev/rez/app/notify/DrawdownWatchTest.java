package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrawdownWatchTest {
  @TempDir Path dir;

  List<Map<String, Object>> drawdowns(Diary d) {
    return d.read(null, 100, new Diary.Filter("drawdown", null)).events().stream()
        .map(e -> Json.parseObject(e.event().json()))
        .toList();
  }

  @Test
  void eachThresholdFiresOnceUntilTheDrawdownRecoversAndARestartRemembers() {
    AtomicReference<BigDecimal> equity = new AtomicReference<>(new BigDecimal("1000"));
    List<BigDecimal> thresholds = List.of(new BigDecimal("0.05"), new BigDecimal("0.10"));
    Path state = dir.resolve("dd.json");
    VirtualTiming timing = new VirtualTiming(Instant.parse("2026-03-01T00:00:00Z"));
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      DrawdownWatch w =
          new DrawdownWatch(diary, equity::get, thresholds, state, timing, Duration.ofMinutes(1));
      w.check();
      equity.set(new BigDecimal("1100")); // a new peak
      w.check();
      equity.set(new BigDecimal("1040")); // 5.45 %
      w.check();
      w.check();
      assertThat(drawdowns(diary)).hasSize(1);
      assertThat(drawdowns(diary).get(0))
          .containsEntry("threshold", new BigDecimal("0.05"))
          .containsEntry("peak", new BigDecimal("1100"));
      assertThat((String) drawdowns(diary).get(0).get("message"))
          .isEqualTo("5.45 % below the peak 1100 (threshold 5 %)");

      // After a restart: the peak and the fired threshold are remembered.
      DrawdownWatch again =
          new DrawdownWatch(diary, equity::get, thresholds, state, timing, Duration.ofMinutes(1));
      again.check();
      assertThat(drawdowns(diary)).hasSize(1);
      equity.set(new BigDecimal("980")); // 10.9 %
      again.check();
      assertThat(drawdowns(diary)).hasSize(2);
      assertThat((BigDecimal) drawdowns(diary).get(1).get("threshold"))
          .isEqualByComparingTo("0.10");
      // Back under half of 5 %: re-armed; down again: fires again.
      equity.set(new BigDecimal("1090"));
      again.check();
      equity.set(new BigDecimal("1040"));
      again.check();
      assertThat(drawdowns(diary)).hasSize(3);
      Notification n =
          new Rules(Rule.DEFAULTS)
              .select(diary.read(null, 100, new Diary.Filter("drawdown", null)).events().get(0));
      assertThat(n.rule()).isEqualTo("drawdown");
      assertThat(n.text()).isEqualTo("Drawdown: 5.45 % below the peak 1100 (threshold 5 %)");
    }
  }

  @Test
  void aDrawdownEventCarriesTheTimeOfTheAppsEvents() throws Exception {
    // A demo: its events carry a simulated time years before the wall clock.
    Instant simStart = Instant.parse("2013-11-27T10:00:00Z");
    AtomicReference<Instant> sim = new AtomicReference<>(simStart);
    java.time.Clock simClock = dev.rez.app.loop.LoopClock.following(sim::get, 1).asClock();
    Path path = dir.resolve("diary.jsonl");
    AtomicReference<BigDecimal> equity = new AtomicReference<>(new BigDecimal("10000"));
    try (JsonlDiary diary = JsonlDiary.open(path)) {
      Notifier n =
          Notifier.builder(
                  NotifyConfig.fromVariables(
                      Map.of("REZ_NOTIFY_DRAWDOWN", "0.05", "REZ_NOTIFY_RULES", "drawdown")),
                  diary,
                  path)
              .eventClock(simClock)
              .equity(equity::get)
              .build()
              .start();
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // The first check sees the peak (and saves it); a later one the drawdown.
        Path state = dir.resolve("diary.jsonl.notify-drawdown.json");
        while (!java.nio.file.Files.exists(state)) {
          assertThat(System.nanoTime()).as("the peak is seen").isLessThan(deadline);
          Thread.sleep(20);
        }
        equity.set(new BigDecimal("9000"));
        while (diary.read(null, 10, new Diary.Filter("drawdown", null)).events().isEmpty()) {
          sim.set(sim.get().plusSeconds(30)); // the checks come every simulated minute
          assertThat(System.nanoTime()).as("a drawdown event").isLessThan(deadline);
          Thread.sleep(100);
        }
      } finally {
        n.close(Duration.ofSeconds(5));
      }
      Instant t =
          diary.read(null, 10, new Diary.Filter("drawdown", null)).events().get(0).event().time();
      assertThat(t).isBetween(simStart, sim.get());
    }
  }
}
