package dev.rez.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.DiaryEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search of the timeline does bounded work per request and says where to continue. */
class CycleSummariesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aRareSearchStopsAtTheEventBudgetAndHandsBackACursor() {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      // Cycles with many events each (a long agent loop): the cycle budget alone would not bound
      // the work.
      for (long c = 1; c <= 20; c++) {
        diary.append(new DiaryEvent(T0, c, "cycle-start", null, "{\"cycle\":" + c + "}"));
        for (int i = 0; i < 100; i++)
          diary.append(
              new DiaryEvent(T0, c, "reasoning", null, "{\"text\":\"nothing to see " + i + "\"}"));
        diary.append(new DiaryEvent(T0, c, "cycle-end", null, "{\"cycle\":" + c + ",\"ok\":true}"));
      }
      diary.flush();
      var nothing = new CycleSummaries.Criteria(null, null, null, "needle");

      Map<String, Object> page = json(CycleSummaries.page(diary, null, 10, nothing, 2000, 500));
      assertThat(page.get("cycles")).asList().isEmpty();
      assertThat(page).containsEntry("hasMore", true).containsEntry("truncated", true);
      double scanned = (Double) page.get("scanned");
      assertThat(scanned).isBetween(4.0, 6.0); // 102 events a cycle, 500 allowed
      assertThat(page).containsEntry("next", Long.toString(20 - (long) scanned + 1));

      // Continuing from the cursor examines the next ones; the whole diary is covered page by page.
      String next = (String) page.get("next");
      int pages = 1;
      while (Boolean.TRUE.equals(page.get("hasMore"))) {
        page = json(CycleSummaries.page(diary, Long.parseLong(next), 10, nothing, 2000, 500));
        next = (String) page.get("next");
        pages++;
      }
      assertThat(pages).isEqualTo(4);
      assertThat(page).containsEntry("truncated", false).containsEntry("next", "1");

      // A page ended by the limit is not truncated.
      Map<String, Object> full =
          json(
              CycleSummaries.page(
                  diary, null, 3, new CycleSummaries.Criteria(null, null, null, null)));
      assertThat(full.get("cycles")).asList().hasSize(3);
      assertThat(full)
          .containsEntry("hasMore", true)
          .containsEntry("truncated", false)
          .containsEntry("scanned", 3.0);
    }
  }

  @Test
  void anOrderTheExchangeDidNotTakeMakesTheCycleAnErrorWithItsMessage() {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      cycle(
          diary,
          1,
          "{\"kind\":\"close\",\"reason\":\"stop hit\",\"request\":{},\"results\":[],"
              + "\"error\":\"connection reset\"}");
      cycle(
          diary,
          2,
          "{\"kind\":\"open\",\"request\":{},\"results\":[{\"status\":\"rejected\","
              + "\"error\":\"Insufficient margin\"}],\"latencyMs\":40}");
      cycle(
          diary,
          3,
          "{\"kind\":\"open\",\"request\":{},\"results\":[{\"status\":\"resting\","
              + "\"orderId\":7}],\"latencyMs\":40}");
      diary.flush();

      Map<String, Object> page =
          json(
              CycleSummaries.page(
                  diary, null, 10, new CycleSummaries.Criteria(null, null, null, null)));
      @SuppressWarnings("unchecked")
      var cycles = (java.util.List<Map<String, Object>>) page.get("cycles");
      assertThat(cycles).hasSize(3);
      assertThat(cycles.get(0)).containsEntry("outcome", "traded").containsEntry("error", null);
      assertThat(cycles.get(1))
          .containsEntry("outcome", "error")
          .containsEntry("error", "Insufficient margin");
      assertThat(cycles.get(2))
          .containsEntry("outcome", "error")
          .containsEntry("error", "connection reset");

      Map<String, Object> errors =
          json(
              CycleSummaries.page(
                  diary, null, 10, new CycleSummaries.Criteria(null, null, "error", null)));
      assertThat(errors.get("cycles")).asList().hasSize(2);
    }
  }

  private static void cycle(JsonlDiary diary, long c, String order) {
    diary.append(new DiaryEvent(T0, c, "cycle-start", null, "{\"cycle\":" + c + "}"));
    diary.append(new DiaryEvent(T0, c, "order", null, order));
    diary.append(new DiaryEvent(T0, c, "cycle-end", null, "{\"cycle\":" + c + ",\"ok\":true}"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) Http.parse(text);
  }
}
