package dev.rez.app.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineCodecTest {
  /**
   * A line as the diary wrote it before JSON had one home: doubles with exponents and trailing
   * zeros, kebab enums.
   */
  private static final String OLD_LINE =
      "{\"v\":1,\"seq\":41,\"time\":\"2026-02-03T04:05:06.789Z\",\"cycle\":12,\"type\":\"risk-verdict\",\"asset\":\"ETH\","
          + "\"data\":{\"outcome\":\"approved\",\"level\":\"stop-entries\",\"ratio\":1.0E-5,\"score\":2.0,\"equity\":10000.00,\"note\":\"caf\\u00e9 \\\"x\\\"\"}}";

  @Test
  void linesWrittenBeforeStillReadWithEveryValue() {
    byte[] bytes = OLD_LINE.getBytes(StandardCharsets.UTF_8);
    assertThat(LineCodec.header(bytes, 0, bytes.length))
        .isEqualTo(new LineCodec.Header(41, 12, "risk-verdict", "ETH"));
    LineCodec.Decoded d = LineCodec.decode(bytes, 0, bytes.length);
    assertThat(d.seq()).isEqualTo(41);
    assertThat(d.event().time()).isEqualTo(Instant.parse("2026-02-03T04:05:06.789Z"));
    Map<String, Object> data = Json.parseObject(d.event().json());
    assertThat(data).containsEntry("level", "stop-entries").containsEntry("note", "café \"x\"");
    assertThat((BigDecimal) data.get("ratio")).isEqualByComparingTo("0.00001");
    assertThat((BigDecimal) data.get("score")).isEqualByComparingTo("2");
    assertThat((BigDecimal) data.get("equity")).isEqualByComparingTo("10000");
  }

  @Test
  void encodedLinesReadBackAndKeepTheirDataAsWritten() {
    DiaryEvent e =
        new DiaryEvent(
            Instant.parse("2026-02-03T04:05:06Z"),
            7,
            "decision",
            Asset.of("BTC"),
            "{\"action\":\"open_long\",\"px\":65000.50}");
    byte[] line = LineCodec.encode(3, e);
    assertThat(new String(line, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":1,\"seq\":3,\"time\":\"2026-02-03T04:05:06Z\",\"cycle\":7,\"type\":\"decision\",\"asset\":\"BTC\",\"data\":{\"action\":\"open_long\",\"px\":65000.50}}\n");
    int len = line.length - 1;
    assertThat(LineCodec.header(line, 0, len))
        .isEqualTo(new LineCodec.Header(3, 7, "decision", "BTC"));
    assertThat(LineCodec.decode(line, 0, len)).isEqualTo(new LineCodec.Decoded(3, e));
  }

  /** Lines in another layout than the writer's (edited by hand, another writer) read the same. */
  @Test
  void linesLaidOutOtherwiseDecodeToTheSameEvent() {
    DiaryEvent expected =
        new DiaryEvent(
            Instant.parse("2026-02-03T04:05:06Z"), 7, "decision", Asset.of("BTC"), "{\"a\":[1,2]}");
    for (String line :
        new String[] {
          "{\"v\":1,\"seq\":3,\"time\":\"2026-02-03T04:05:06Z\",\"cycle\":7,\"type\":\"decision\",\"asset\":\"BTC\",\"data\":{\"a\":[1,2]}}",
          "{\"seq\":3,\"v\":1,\"cycle\":7,\"time\":\"2026-02-03T04:05:06Z\",\"type\":\"decision\",\"asset\":\"BTC\",\"data\":{\"a\":[1,2]}}",
          "{\"v\":1,\"seq\":3,\"time\":\"2026-02-03T04:05:06Z\",\"cycle\":7,\"type\":\"decision\",\"asset\":\"BTC\",\"data\":{\"a\":[1,2]},\"extra\":{\"b\":1}}",
          "{\"v\":1,\"seq\":3,\"time\":\"2026-02-03T04:05:06Z\",\"cycle\":7,\"type\":\"deci\\u0073ion\",\"asset\":\"BTC\",\"data\":{\"a\":[1,2]}}",
        }) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      assertThat(LineCodec.decode(bytes, 0, bytes.length))
          .as(line)
          .isEqualTo(new LineCodec.Decoded(3, expected));
    }
    byte[] spaced =
        "{ \"v\": 1, \"seq\": 3, \"time\": \"2026-02-03T04:05:06Z\", \"cycle\": 7, \"type\": \"decision\", \"asset\": null, \"data\": {\"a\": [1, 2]} }"
            .getBytes(StandardCharsets.UTF_8);
    DiaryEvent e = LineCodec.decode(spaced, 0, spaced.length).event();
    assertThat(e.asset()).isNull();
    assertThat(Json.parseObject(e.json())).isEqualTo(Json.parseObject("{\"a\":[1,2]}"));
  }

  @Test
  void dataThatIsNotOneObjectIsRefused() {
    assertThatThrownBy(
            () ->
                LineCodec.encode(
                    1, new DiaryEvent(Instant.EPOCH, 0, "x", null, "{\"a\":1} {\"b\":2}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a single JSON object");
  }
}
