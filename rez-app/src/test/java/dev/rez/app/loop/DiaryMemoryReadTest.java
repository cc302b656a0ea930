package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.agent.MemoryEntry;
import dev.rez.agent.TradeOutcome;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory read from a JSONL diary through its index equals the memory read event by event. */
class DiaryMemoryReadTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void readingOnlyTheEventsItUsesGivesTheSameMemoryCycleByCycle(@TempDir Path dir) {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      // The same diary seen through the core interface only: every event is read and decoded.
      Diary plain =
          new Diary() {
            @Override
            public void append(DiaryEvent e) {
              diary.append(e);
            }

            @Override
            public void flush() {
              diary.flush();
            }

            @Override
            public Page read(String cursor, int limit, Filter filter) {
              return diary.read(cursor, limit, filter);
            }

            @Override
            public void close() {}
          };
      DiaryMemory indexed = new DiaryMemory(10);
      DiaryMemory everything = new DiaryMemory(10);

      cycle(diary, 1, "open_long", "e-1", "buy", "0", "0");
      indexed.catchUp(diary);
      everything.catchUp(plain);
      assertThat(indexed.entries()).isEqualTo(everything.entries()).hasSize(1);
      assertThat(indexed.entries().get(0).trade().status()).isEqualTo(TradeOutcome.Status.OPEN);

      // The next cycle closes the position: only the new events are read, and the entry learns its
      // outcome.
      cycle(diary, 2, "close_position", "c-2", "sell", "0.01", "12.5");
      indexed.catchUp(diary);
      everything.catchUp(plain);
      List<MemoryEntry> entries = indexed.entries();
      assertThat(entries).isEqualTo(everything.entries()).hasSize(2);
      assertThat(entries.get(0).trade().status()).isEqualTo(TradeOutcome.Status.CLOSED);
      assertThat(entries.get(0).trade().realisedPnl()).isEqualByComparingTo("12.5");

      // Nothing new: nothing changes.
      indexed.catchUp(diary);
      assertThat(indexed.entries()).isEqualTo(entries);
    }
  }

  /** A cycle's events: context and prompt noise, a decision, its verdict, its order and a fill. */
  private static void cycle(
      JsonlDiary d,
      long cycle,
      String action,
      String cloid,
      String side,
      String start,
      String pnl) {
    Instant t = T0.plusSeconds(60 * cycle);
    d.append(new DiaryEvent(t, cycle, "cycle-start", null, "{}"));
    d.append(
        new DiaryEvent(t, cycle, "context", null, "{\"version\":1,\"payload\":{\"memory\":[]}}"));
    d.append(new DiaryEvent(t, cycle, "prompt", null, "{\"system\":\"s\",\"user\":\"u\"}"));
    d.append(
        new DiaryEvent(
            t,
            cycle,
            "decision",
            BTC,
            "{\"action\":\"" + action + "\",\"rationale\":\"r" + cycle + "\"}"));
    d.append(
        new DiaryEvent(t, cycle, "risk-verdict", BTC, "{\"outcome\":\"approved\",\"reasons\":[]}"));
    String request =
        action.equals("open_long")
            ? "{\"entry\":{\"cloid\":\"" + cloid + "\"}}"
            : "{\"cloid\":\"" + cloid + "\"}";
    String kind = action.equals("open_long") ? "open" : "close";
    d.append(
        new DiaryEvent(
            t,
            cycle,
            "order",
            BTC,
            "{\"kind\":\""
                + kind
                + "\",\"reason\":\"model\",\"request\":"
                + request
                + ",\"results\":[{\"status\":\"filled\",\"totalSize\":0.01}]}"));
    d.append(
        new DiaryEvent(
            t,
            cycle,
            "fill",
            BTC,
            "{\"time\":\""
                + t
                + "\",\"asset\":\"BTC\",\"side\":\""
                + side
                + "\",\"price\":100,\"size\":0.01,\"fee\":0.1,\"closedPnl\":"
                + pnl
                + ",\"startPosition\":"
                + start
                + ",\"cloid\":\""
                + cloid
                + "\"}"));
    d.append(new DiaryEvent(t, cycle, "cycle-end", null, "{}"));
  }
}
