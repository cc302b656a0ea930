package dev.rez.app.loop;

import static dev.rez.app.loop.LoopFixture.openLong;
import static dev.rez.testkit.FakeExchange.BTC;
import static dev.rez.testkit.FakeExchange.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.FailingDisk;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.TriggerKind;
import dev.rez.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop when its diary cannot be written: protection goes on, entries stop, nothing recorded is
 * lost.
 */
class DiaryFailureTest {
  @TempDir Path dir;

  @Test
  void aDiskFullInTheMiddleOfAnEntryKeepsProtectingOpensNothingMoreAndLosesNothing()
      throws Exception {
    LoopFixture f = new LoopFixture(dir);
    FailingDisk disk = new FailingDisk();
    Path file = dir.resolve("diary.jsonl");
    f.ex.rejectTriggers(
        TriggerKind.STOP_LOSS, 1); // the grouped stop-loss fails: the executor must place it again
    f.script.then(
        r ->
            List.of(
                openLong(BTC, "1000", "52000", "49000"), openLong(ETH, "1000", "3120", "2940")));
    try (JsonlDiary diary = disk.open(file)) {
      TradingLoop loop = f.loop(diary);
      disk.fillOnWriteOf("\"type\":\"order\""); // the disk fills up just after the entry was sent

      TradingLoop.CycleReport report = loop.runCycle(); // does not throw

      assertThat(disk.isFull()).isTrue();
      assertThat(diary.health().state()).isEqualTo(JsonlDiary.Health.State.DEGRADED);
      // The entry sent before the failure got its stop-loss (the executor's check ran to its end) …
      assertThat(f.ex.triggers(BTC, TriggerKind.STOP_LOSS)).hasSize(1);
      assertThat(report.executions()).hasSize(1);
      // … and no other position was opened while nothing could record it.
      assertThat(f.ex.accountState().position(ETH)).isEmpty();
      assertThat(loop.status().safeMode()).isFalse();

      // The disk recovers: the next cycle writes what waited, in order, then its own events.
      disk.full(false);
      f.advance(Duration.ofMinutes(5));
      assertThat(loop.runCycle().ok()).isTrue();
      assertThat(diary.health().ok()).isTrue();
      List<DiaryEvent> events = all(diary);
      List<String> types = events.stream().map(DiaryEvent::type).toList();
      assertThat(types)
          .containsSubsequence(
              "cycle-start",
              "decision",
              "risk-verdict",
              "order",
              "protection",
              "decision",
              "risk-verdict",
              "cycle-end",
              "cycle-start",
              "cycle-end");
      DiaryEvent ethVerdict =
          events.stream()
              .filter(e -> e.type().equals("risk-verdict") && ETH.equals(e.asset()))
              .findFirst()
              .orElseThrow();
      assertThat(ethVerdict.json())
          .contains("\"outcome\":\"rejected\"")
          .contains("\"code\":\"diary\"")
          .contains("No space left on device");
      assertThat(events.stream().filter(e -> e.type().equals("fill")).count()).isEqualTo(1);
    }
    // A restart on the recovered disk reads and appends normally.
    try (JsonlDiary again = JsonlDiary.open(file)) {
      TradingLoop loop = f.loop(again);
      f.advance(Duration.ofMinutes(5));
      assertThat(loop.runCycle().ok()).isTrue();
      assertThat(again.health().ok()).isTrue();
    }
  }

  @Test
  void aLoopStartedOnAFullDiskOpensNoPositionButProtectsTheOnesItHas() {
    LoopFixture f = new LoopFixture(dir);
    FailingDisk disk = new FailingDisk();
    f.ex.putPosition(BTC, "0.02", "50000"); // found without a stop-loss
    f.script.then(r -> List.of(openLong(ETH, "1000", "3120", "2940")));
    disk.full(true);
    try (JsonlDiary diary = disk.open(dir.resolve("diary.jsonl"))) {
      assertThat(diary.health().state()).isEqualTo(JsonlDiary.Health.State.DEGRADED);
      TradingLoop loop = f.loop(diary);

      loop.runCycle();

      assertThat(f.ex.triggers(BTC, TriggerKind.STOP_LOSS)).hasSize(1);
      assertThat(f.ex.accountState().position(ETH)).isEmpty();
      assertThat(f.script.requests.get(0).entriesAllowed()).isFalse();
      assertThat(f.script.requests.get(0).restriction()).contains("diary");
      disk.full(false);
    }
  }

  @Test
  void theFillWatermarkReachesTheDiskOnlyAfterTheFillsLines() throws Exception {
    LoopFixture f = new LoopFixture(dir);
    Path stateFile = dir.resolve("diary.jsonl.loop.json");
    List<String> violations = new ArrayList<>();
    // A diary that checks, at each flush, that the state file on disk covers no fill it has not
    // made durable yet.
    MemoryDiary diary =
        new MemoryDiary() {
          int durable;

          @Override
          public synchronized void flush() {
            check();
            durable = events.size();
            super.flush();
          }

          @Override
          public synchronized void append(DiaryEvent event) {
            super.append(event);
            if (event.type().equals("cycle-end")) check();
          }

          private void check() {
            if (!Files.exists(stateFile)) return;
            Map<String, Object> state;
            try {
              state = Json.parseObject(Files.readString(stateFile));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            Instant watermark = Instant.parse((String) state.get("fillWatermark"));
            List<?> seen = (List<?>) state.get("seenAtWatermark");
            for (int i = durable; i < events.size(); i++) {
              DiaryEvent e = events.get(i);
              if (!e.type().equals("fill")) continue;
              Map<String, Object> fill = Json.parseObject(e.json());
              Instant t = Instant.parse((String) fill.get("time"));
              boolean covered =
                  t.isBefore(watermark)
                      || (t.equals(watermark)
                          && seen.stream()
                              .anyMatch(k -> ((String) k).startsWith(fill.get("hash") + "|")));
              if (covered)
                violations.add(
                    "fill "
                        + fill.get("hash")
                        + " not flushed while the state file says it is recorded");
            }
          }
        };
    f.script.then(r -> List.of(openLong(BTC, "1000", "52000", "49000")));
    TradingLoop loop = f.loop(diary);
    loop.runCycle();
    f.advance(Duration.ofMinutes(5));
    f.ex.setMark(BTC, "52100"); // the take-profit fills between cycles
    loop.runCycle();

    assertThat(diary.ofType("fill")).hasSize(2); // the entry and the take-profit
    assertThat(violations).isEmpty();
  }

  @Test
  void aDiaryThatCannotFlushKeepsTheOldWatermark() throws Exception {
    LoopFixture f = new LoopFixture(dir);
    FailingDisk disk = new FailingDisk();
    f.script.then(r -> List.of(openLong(BTC, "1000", "52000", "49000")));
    try (JsonlDiary diary = disk.open(dir.resolve("diary.jsonl"))) {
      TradingLoop loop = f.loop(diary);
      loop.start();
      disk.fillOnWriteOf("\"type\":\"fill\""); // the fill's line waits in memory

      loop.runCycle();

      assertThat(f.ex.allFills()).hasSize(1);
      Map<String, Object> state =
          Json.parseObject(Files.readString(dir.resolve("diary.jsonl.loop.json")));
      assertThat((List<?>) state.get("seenAtWatermark"))
          .isEmpty(); // a restart now picks the fill up again
      assertThat(((Number) state.get("lastCycle")).longValue()).isEqualTo(1);

      disk.full(false);
      f.advance(Duration.ofMinutes(5));
      loop.runCycle();
      state = Json.parseObject(Files.readString(dir.resolve("diary.jsonl.loop.json")));
      assertThat((List<?>) state.get("seenAtWatermark"))
          .singleElement()
          .isEqualTo(f.ex.allFills().get(0).key());
    }
  }

  private static List<DiaryEvent> all(JsonlDiary d) {
    List<DiaryEvent> out = new ArrayList<>();
    for (Diary.Entry e : d.read(null, 10_000, Diary.Filter.ALL).events()) out.add(e.event());
    return out;
  }
}
