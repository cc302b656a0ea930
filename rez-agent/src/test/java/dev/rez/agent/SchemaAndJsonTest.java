package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaAndJsonTest {
  final Map<String, Object> schema =
      Schema.parseToolSchema(
          "t",
          "{\"type\":\"object\",\"properties\":{"
              + "\"asset\":{\"type\":\"string\",\"minLength\":1},\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10},"
              + "\"x\":{\"type\":\"number\",\"exclusiveMinimum\":0},\"side\":{\"type\":\"string\",\"enum\":[\"buy\",\"sell\"]},"
              + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"asset\"],\"additionalProperties\":false}");

  @Test
  void acceptsConformingArguments() {
    assertThat(
            Schema.validate(
                schema,
                Json.parse(
                    "{\"asset\":\"BTC\",\"n\":3,\"x\":0.5,\"side\":\"buy\",\"tags\":[\"a\"]}")))
        .isEmpty();
    assertThat(Schema.validate(schema, Json.parse("{\"asset\":\"BTC\",\"n\":3.0}"))).isEmpty();
  }

  @Test
  void namesEveryViolation() {
    List<String> errors =
        Schema.validate(
            schema,
            Json.parse(
                "{\"n\":0.5,\"x\":0,\"side\":\"hodl\",\"tags\":[1],\"extra\":true,\"asset\":null}"));
    assertThat(errors)
        .containsExactlyInAnyOrder(
            "missing required argument 'asset'",
            "argument 'n' must be an integer but was 0.5 (a number)",
            "argument 'x' must be > 0 but was 0",
            "argument 'side' must be one of [\"buy\",\"sell\"] but was \"hodl\" (a string)",
            "argument 'tags'[0] must be a string but was 1 (a number)",
            "unknown argument 'extra' (expected [asset, n, x, side, tags])");
    assertThat(Schema.validate(schema, Json.parse("{\"asset\":\"BTC\",\"n\":11}")))
        .containsExactly("argument 'n' must be <= 10 but was 11");
    assertThat(Schema.validate(schema, Json.parse("[1]")))
        .containsExactly("arguments must be an object but was [1] (an array)");
  }

  @Test
  void schemaMustBeAnObjectSchema() {
    assertThatThrownBy(() -> Schema.parseToolSchema("t", "{\"type\":\"string\"}"))
        .hasMessage("tool 't' parameters must have type object but had \"string\"");
    assertThatThrownBy(() -> Schema.parseToolSchema("t", "{oops"))
        .hasMessageStartingWith("tool 't' parameters must be a JSON Schema object");
  }

  @Test
  void jsonKeepsDecimalsAndOrder() {
    Object v =
        Json.parse("{\"b\":1.10,\"a\":[true,null,\"x\"],\"big\":123456789012345678901234567890.5}");
    assertThat(Json.write(v))
        .isEqualTo("{\"b\":1.1,\"a\":[true,null,\"x\"],\"big\":123456789012345678901234567890.5}");
    assertThat(Json.write(Map.of("z", 1, "a", new BigDecimal("1E+3"))))
        .isEqualTo("{\"a\":1000,\"z\":1}");
    assertThatThrownBy(() -> Json.write(List.of(Double.NaN, 1.5)))
        .isInstanceOf(dev.rez.json.JsonException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Json.parse("{\"a\":1} trailing"))
        .isInstanceOf(dev.rez.json.JsonException.class);
    assertThatThrownBy(() -> Json.parse("{'a':1}")).isInstanceOf(dev.rez.json.JsonException.class);
    assertThatThrownBy(() -> Json.parse("{\"size_usd\":1e101}"))
        .isInstanceOf(dev.rez.json.JsonException.class)
        .hasMessageContaining("out of range");
  }
}
