package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.Redactor;
import dev.rez.app.config.Secret;
import dev.rez.app.diary.FailingDisk;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactingDiaryTest {
  @TempDir Path dir;

  private static DiaryEvent event(String json) {
    return new DiaryEvent(Instant.parse("2026-01-01T00:00:00Z"), 1, "error", null, json);
  }

  @Test
  void masksSecretsInWhatItRecords() {
    try (JsonlDiary file = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      Diary diary = new RedactingDiary(file, Redactor.of(List.of(Secret.of("hunter2-secret"))));
      diary.append(event("{\"message\":\"401: key hunter2-secret refused\"}"));
      assertThat(file.read(null, 10, Diary.Filter.ALL).events().getFirst().event().json())
          .isEqualTo("{\"message\":\"401: key [redacted] refused\"}");
    }
  }

  /** The loop stops opening positions on the diary's fault: the app's wrapper must not hide it. */
  @Test
  void passesTheFileDiarysFaultThrough() {
    FailingDisk disk = new FailingDisk();
    try (JsonlDiary file = disk.open(dir.resolve("diary.jsonl"))) {
      Diary diary = new RedactingDiary(file, Redactor.none());
      diary.append(event("{\"message\":\"fine\"}"));
      assertThat(diary.fault()).isNull();

      disk.full(true);
      diary.append(event("{\"message\":\"lost?\"}"));
      assertThat(diary.fault()).isNotNull().isEqualTo(file.fault()).contains("1 events wait");

      disk.full(false);
      diary.append(event("{\"message\":\"again\"}"));
      assertThat(diary.fault()).isNull();
      assertThat(file.read(null, 10, Diary.Filter.ALL).events()).hasSize(3);
    }
  }
}
