package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.agent.AgentResult;
import dev.rez.agent.TokenUsage;
import dev.rez.agent.Transcript;
import dev.rez.agent.TranscriptEntry;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
  @TempDir Path dir;

  private static TranscriptEntry.ToolCall call(String arguments) {
    return new TranscriptEntry.ToolCall(
        1, "c1", "get_indicators", arguments, "{}", false, Duration.ofMillis(2));
  }

  /**
   * A model's tool arguments are kept as the JSON it wrote when the diary's readers can parse it
   * back; arguments beyond the parser's limits (an absurd number, nesting too deep) are kept as a
   * string, so the event is recorded and every line still reads.
   */
  @Test
  void toolArgumentsBeyondTheParsersLimitsAreRecordedAsText() {
    String deep = "{\"a\":" + "[".repeat(250) + "]".repeat(250) + "}";
    List<String> arguments = List.of("{\"asset\":\"BTC\"}", "{\"size\":1e101}", deep, "not json");
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("d.jsonl"))) {
      Recorder rec = new Recorder(diary, Clock.fixed(t0, ZoneOffset.UTC));
      Transcript transcript =
          new Transcript(
              t0,
              Duration.ZERO,
              "test",
              arguments.stream().map(a -> (TranscriptEntry) call(a)).toList(),
              TokenUsage.ZERO,
              null);
      rec.transcript(7, new AgentResult(List.of(), "", null, transcript));
      List<Object> recorded =
          diary.read(null, 100, Diary.Filter.ALL).events().stream()
              .map(e -> Json.parseObject(e.event().json()).get("arguments"))
              .toList();
      assertThat(recorded).hasSize(4);
      assertThat(recorded.get(0)).isEqualTo(Map.of("asset", "BTC"));
      assertThat(recorded.subList(1, 4)).containsExactly("{\"size\":1e101}", deep, "not json");
    }
  }
}
