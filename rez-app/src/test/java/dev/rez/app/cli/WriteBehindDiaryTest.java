package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindDiaryTest {
  @TempDir Path dir;

  private static DiaryEvent event(long cycle, String json) {
    return new DiaryEvent(Instant.parse("2026-01-01T00:00:00Z"), cycle, "note", null, json);
  }

  private static List<Long> cycles(Diary d) {
    return d.read(null, 10_000, Diary.Filter.ALL).events().stream()
        .map(e -> e.event().cycle())
        .toList();
  }

  @Test
  void aReadSeesEveryEventAppendedBeforeItInOrder() {
    try (WriteBehindDiary diary = new WriteBehindDiary(JsonlDiary.open(dir.resolve("d.jsonl")))) {
      int n = 2 * WriteBehindDiary.CAPACITY + 7; // more than the queue holds: appends wait for room
      for (int i = 1; i <= n; i++) diary.append(event(i, "{\"i\":" + i + "}"));
      List<Long> read = cycles(diary);
      assertThat(read).hasSize(n);
      for (int i = 0; i < n; i++) assertThat(read.get(i)).isEqualTo(i + 1L);
    }
  }

  @Test
  void closeWritesWhatWaitsAndAnInterruptLosesNothing() {
    Path file = dir.resolve("d.jsonl");
    WriteBehindDiary diary = new WriteBehindDiary(JsonlDiary.open(file));
    Thread.currentThread().interrupt();
    for (int i = 1; i <= 500; i++) diary.append(event(i, "{}"));
    diary.close();
    assertThat(Thread.interrupted()).isTrue(); // kept for the caller, not swallowed
    try (JsonlDiary reopened = JsonlDiary.open(file)) {
      assertThat(cycles(reopened)).hasSize(500).startsWith(1L, 2L).endsWith(500L);
    }
    assertThatThrownBy(() -> diary.append(event(501, "{}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aRefusedEventIsRecordedAsAnErrorInItsPlaceAndNoLaterCallThrows() {
    try (WriteBehindDiary diary = new WriteBehindDiary(JsonlDiary.open(dir.resolve("d.jsonl")))) {
      diary.append(event(1, "{}"));
      diary.append(event(2, "{not json}"));
      diary.append(event(3, "{}"));
      diary.flush();
      List<DiaryEvent> read =
          diary.read(null, 100, Diary.Filter.ALL).events().stream()
              .map(Diary.Entry::event)
              .toList();
      assertThat(read).extracting(DiaryEvent::cycle).containsExactly(1L, 2L, 3L);
      assertThat(read.get(1).type()).isEqualTo("error");
      assertThat(read.get(1).json())
          .contains("\"where\":\"diary\"")
          .contains("a note event was not recorded");
      assertThat(diary.fault()).isNull();
    }
  }

  @Test
  void whenNotEvenTheErrorCanBeRecordedTheDiaryReportsAFaultAndGoesOn() {
    Diary wrapped = JsonlDiary.open(dir.resolve("d.jsonl"));
    Diary refusingCycle2 =
        new Diary() {
          @Override
          public void append(DiaryEvent event) {
            if (event.cycle() == 2) throw new IllegalArgumentException("refused");
            wrapped.append(event);
          }

          @Override
          public void flush() {
            wrapped.flush();
          }

          @Override
          public Page read(String cursor, int limit, Filter filter) {
            return wrapped.read(cursor, limit, filter);
          }

          @Override
          public void close() {
            wrapped.close();
          }
        };
    try (WriteBehindDiary diary = new WriteBehindDiary(refusingCycle2)) {
      diary.append(event(1, "{}"));
      diary.append(event(2, "{}"));
      diary.append(event(3, "{}"));
      diary.flush();
      assertThat(cycles(diary)).containsExactly(1L, 3L);
      assertThat(diary.fault()).contains("a note event was not recorded").contains("refused");
    }
  }
}
