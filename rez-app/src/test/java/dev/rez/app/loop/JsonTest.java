package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesExactDecimalsEnumsInstantsAndRaw() {
    String s =
        Json.write(
            Json.obj(
                "p",
                new BigDecimal("64000.50"),
                "k",
                KillSwitch.Level.STOP_ENTRIES,
                "t",
                Instant.parse("2026-01-01T00:00:00Z"),
                "raw",
                new Json.Raw("{\"a\":1}"),
                "n",
                null,
                "l",
                List.of(1, "x\"\n")));
    assertThat(s)
        .isEqualTo(
            "{\"p\":64000.5,\"k\":\"stop_entries\",\"t\":\"2026-01-01T00:00:00Z\",\"raw\":{\"a\":1},\"n\":null,\"l\":[1,\"x\\\"\\n\"]}");
  }

  @Test
  void roundTrips() {
    Map<String, Object> m =
        Json.parseObject(
            "{\"a\":[1,2.50,{\"b\":null}],\"c\":\"\\u00e9\\t\",\"d\":true,\"e\":-1e3}");
    assertThat(m.get("a"))
        .isEqualTo(
            List.of(
                new BigDecimal("1"),
                new BigDecimal("2.50"),
                java.util.Collections.singletonMap("b", null)));
    assertThat(m)
        .containsEntry("c", "é\t")
        .containsEntry("d", true)
        .containsEntry("e", new BigDecimal("-1e3"));
    assertThat(Json.parseObject(Json.write(m)))
        .isEqualTo(
            Json.parseObject("{\"a\":[1,2.5,{\"b\":null}],\"c\":\"é\\t\",\"d\":true,\"e\":-1000}"));
  }

  @Test
  void rejectsBrokenJsonWithThePosition() {
    assertThatThrownBy(() -> Json.parse("{\"a\":")).hasMessageContaining("ends too early");
    assertThatThrownBy(() -> Json.parse("{\"a\":tru}")).hasMessageContaining("$.a");
    assertThatThrownBy(() -> Json.parse("{\"a\":1} x"))
        .hasMessageContaining("after the JSON value");
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .hasMessageContaining("expected a JSON object");
  }
}
