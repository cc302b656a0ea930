package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.agent.ModelPrice;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailySummaryTest {
  static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  @TempDir Path dir;

  static void fill(Diary d, Instant t, String pnl, String fee) {
    d.append(
        new DiaryEvent(
            t, 1, "fill", Asset.of("BTC"), "{\"closedPnl\":" + pnl + ",\"fee\":" + fee + "}"));
  }

  static void cycleEnd(Diary d, Instant t, long in, long out) {
    d.append(
        new DiaryEvent(
            t,
            1,
            "cycle-end",
            null,
            "{\"ok\":true,\"tokens\":{\"input\":" + in + ",\"output\":" + out + "}}"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void summarisesTheDayBeforeItsTimeOnceAndTheOutboxPicksItUp() throws Exception {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      fill(diary, DAY.minus(Duration.ofHours(30)), "100", "1"); // the day before: left out
      fill(diary, DAY.minus(Duration.ofHours(5)), "0", "0.5");
      fill(diary, DAY.minus(Duration.ofHours(4)), "25.5", "0.5");
      fill(diary, DAY.minus(Duration.ofHours(1)), "-10", "0.25");
      cycleEnd(diary, DAY.minus(Duration.ofHours(2)), 1_000_000, 100_000);
      cycleEnd(diary, DAY.minus(Duration.ofHours(1)), 500_000, 50_000);
      fill(diary, DAY.plusSeconds(1), "999", "9"); // after: left out
      VirtualTiming timing = new VirtualTiming(DAY.minus(Duration.ofHours(3)));
      DailySummary s =
          new DailySummary(
              diary,
              LocalTime.MIDNIGHT,
              timing,
              new ModelPrice(new BigDecimal("3"), new BigDecimal("15")));
      assertThat(s.nextAfter(DAY.minusSeconds(1))).isEqualTo(DAY);
      assertThat(s.nextAfter(DAY)).isEqualTo(DAY.plus(Duration.ofDays(1)));

      Map<String, Object> m = s.summarize(DAY.minus(Duration.ofDays(1)), DAY);
      assertThat(m)
          .containsEntry("date", "2026-03-01")
          .containsEntry("fills", 3)
          .containsEntry("trades", 2);
      assertThat((BigDecimal) m.get("pnl")).isEqualByComparingTo("15.5");
      assertThat((BigDecimal) m.get("fees")).isEqualByComparingTo("1.25");
      assertThat((BigDecimal) m.get("net")).isEqualByComparingTo("14.25");
      assertThat((Map<String, Object>) m.get("tokens"))
          .containsEntry("input", 1_500_000L)
          .containsEntry("output", 150_000L);
      // 1.5 M input at $3 + 0.15 M output at $15.
      assertThat((BigDecimal) m.get("costUsd")).isEqualByComparingTo("6.75");

      // Scheduled: the virtual clock reaches midnight, the summary lands in the diary once.
      s.start();
      Receiver.await(
          "the summary",
          Duration.ofSeconds(20),
          () -> diary.read(null, 10, new Diary.Filter("daily-summary", null)).events().size() >= 1);
      s.close();
      assertThat(s.writeFor(DAY)).isFalse();
      Diary.Entry e = diary.read(null, 10, new Diary.Filter("daily-summary", null)).events().get(0);
      assertThat(Json.parseObject(e.event().json())).containsEntry("to", DAY.toString());
      Notification n = new Rules(Rule.DEFAULTS).select(e);
      assertThat(n.rule()).isEqualTo("daily-summary");
      assertThat(n.text())
          .startsWith("Daily summary 2026-03-01: PnL 15.5, fees 1.25, trades 2, fills 3")
          .contains("cost $6.75");
    }
  }
}
