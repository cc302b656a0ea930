package dev.rez.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class JsonTest {
  enum Action {
    OPEN_LONG,
    HOLD
  }

  @Test
  void numbersReadAsExactDecimalsAndWritePlainWithoutTrailingZeros() {
    Map<String, Object> m =
        Json.parseObject(
            "{\"oid\":123456789012345678901234567890,\"sz\":0.010,\"px\":6.5e4,\"neg\":-0.5,\"z\":0.000}");
    assertThat(m.get("oid")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(m.get("sz")).isEqualTo(new BigDecimal("0.010"));
    assertThat(m.get("px")).isEqualTo(new BigDecimal("6.5e4"));
    assertThat(m.get("z")).isSameAs(BigDecimal.ZERO);
    assertThat(Json.write(m))
        .isEqualTo(
            "{\"oid\":123456789012345678901234567890,\"sz\":0.01,\"px\":65000,\"neg\":-0.5,\"z\":0}");
    // The value survives the round trip, written the same way every time after.
    Map<String, Object> back = Json.parseObject(Json.write(m));
    for (String k : m.keySet())
      assertThat(((BigDecimal) back.get(k)).compareTo((BigDecimal) m.get(k))).as(k).isZero();
    assertThat(Json.write(back)).isEqualTo(Json.write(m));
  }

  @Test
  void doublesAndFloatsWritePlain() {
    assertThat(Json.write(List.of(3.0, 1.0E-5, 1.5, -0.0, 1.0E20, 0.1f, 2.0f, 123456789L, 7)))
        .isEqualTo("[3,0.00001,1.5,0,100000000000000000000,0.1,2,123456789,7]");
    assertThat(Json.write(new double[] {0.25, 4})).isEqualTo("[0.25,4]");
  }

  @Test
  void nanAndInfinitiesAreRefusedOnWriteAndRead() {
    assertThatThrownBy(() -> Json.write(Map.of("rsi", Double.NaN)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Json.write(List.of(Double.POSITIVE_INFINITY)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> Json.write(Float.NaN)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> new JsonOut().begin().field("x", Double.NEGATIVE_INFINITY))
        .isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parse("{\"x\":NaN}")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parse("[Infinity]")).isInstanceOf(JsonException.class);
  }

  @Test
  void keyOrderIsInsertionOrderAndSortedForMapsWithoutAChosenOrder() {
    assertThat(Json.write(Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}")))
        .isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
    assertThat(Json.write(Json.obj("type", "order", "orders", List.of(), "grouping", "na")))
        .isEqualTo("{\"type\":\"order\",\"orders\":[],\"grouping\":\"na\"}");
    Map<String, Object> hash = new HashMap<>();
    for (String k : List.of("delta", "alpha", "charlie", "bravo", "echo")) hash.put(k, k.length());
    String sorted = "{\"alpha\":5,\"bravo\":5,\"charlie\":7,\"delta\":5,\"echo\":4}";
    assertThat(Json.write(hash)).isEqualTo(sorted);
    assertThat(Json.write(Map.of("delta", 5, "alpha", 5, "charlie", 7, "bravo", 5, "echo", 4)))
        .isEqualTo(sorted);
    assertThat(Json.write(new ConcurrentHashMap<>(hash))).isEqualTo(sorted);
    assertThat(Json.write(new TreeMap<>(Map.of("b", 1, "a", 2)))).isEqualTo("{\"a\":2,\"b\":1}");
    Map<String, Object> linked = new LinkedHashMap<>();
    linked.put("z", 1);
    linked.put("a", 2);
    assertThat(Json.write(java.util.Collections.unmodifiableMap(linked)))
        .isEqualTo("{\"z\":1,\"a\":2}");
  }

  @Test
  void enumsInstantsRawAndOtherValues() {
    assertThat(Json.write(List.of(Action.OPEN_LONG, Action.HOLD)))
        .isEqualTo("[\"open_long\",\"hold\"]");
    assertThat(Json.write(Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("\"2026-01-02T03:04:05Z\"");
    assertThat(Json.write(Json.obj("data", RawJson.of("{\"a\":[1]}"), "n", null)))
        .isEqualTo("{\"data\":{\"a\":[1]},\"n\":null}");
    assertThat(Json.write(new Object[] {"a", true, null})).isEqualTo("[\"a\",true,null]");
  }

  @Test
  void stringsEscapeWhatJsonRequires() {
    String s = "q\"b\\n\nr\rt\t\u0001\u2028é€😀";
    String json = Json.write(s);
    assertThat(json).isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\t\\u0001\\u2028é€😀\"");
    assertThat(Json.parse(json)).isEqualTo(s);
    assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
  }

  @Test
  void absurdNumbersAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> Json.parse("{\"size_usd\":1e999999999}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("out of range")
        .hasMessageContaining("$.size_usd");
    assertThatThrownBy(() -> Json.parse("[1e-101]"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Json.parse("[" + "9".repeat(101) + "]"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("too long");
    assertThat(Json.parse("[1e100,1e-100,0e-999999999]"))
        .isEqualTo(List.of(new BigDecimal("1e100"), new BigDecimal("1e-100"), BigDecimal.ZERO));
    assertThatThrownBy(() -> Json.number("1e99999999"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Json.number("twelve"))
        .isInstanceOf(NumberFormatException.class)
        .hasMessage("not a number: twelve");
    assertThat(Json.number(" 65000.5 ")).isEqualTo(new BigDecimal("65000.5"));

    Json.Limits strict = new Json.Limits(2, 10, 5);
    assertThatThrownBy(() -> Json.parse("[1234567]", strict))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Json.parse("[12345678901]", strict))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> Json.parse("[[[1]]]", strict))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("nested deeper than 2");
    assertThat(Json.parse("[[1]]", strict)).isEqualTo(List.of(List.of(BigDecimal.ONE)));
  }

  @Test
  void textThatIsNotJsonIsRefusedSayingWhere() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1} trailing"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("after the JSON value");
    assertThatThrownBy(() -> Json.parse("{'a':1}"))
        .isInstanceOf(JsonException.class)
        .hasMessageStartingWith("not JSON")
        .hasMessageNotContaining("setLenient");
    assertThatThrownBy(() -> Json.parse("{\"a\":"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("ends too early");
    assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .isInstanceOf(JsonException.class)
        .hasMessage("expected a JSON object but got an array");
    assertThat(Json.parse(" \n true ")).isEqualTo(true);
  }

  @Test
  void requireObjectChecksWithoutATree() {
    Json.requireObject(" {\"a\":[1,{\"b\":null}]} ");
    assertThatThrownBy(() -> Json.requireObject("[1]"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> Json.requireObject("{} {}"))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("after the object");
    assertThatThrownBy(() -> Json.requireObject("{\"a\":}")).isInstanceOf(JsonException.class);
  }

  @Test
  void streamingWriterSeparatesValuesAndChecksThatEverythingIsClosed() {
    JsonOut out =
        new JsonOut()
            .begin()
            .field("coin", "BTC")
            .field("px", new BigDecimal("65000.50"))
            .field("ok", true)
            .field("n", 3L)
            .field("none", (String) null)
            .name("levels")
            .beginArray()
            .value(1.5)
            .raw("{\"x\":1}")
            .nullValue()
            .begin()
            .end()
            .endArray()
            .field("tree", List.of(Map.of("b", 1, "a", 2)))
            .end();
    assertThat(out.text())
        .isEqualTo(
            "{\"coin\":\"BTC\",\"px\":65000.5,\"ok\":true,\"n\":3,\"none\":null,\"levels\":[1.5,{\"x\":1},null,{}],\"tree\":[{\"a\":2,\"b\":1}]}");
    assertThatThrownBy(() -> new JsonOut().begin().name("a").beginArray().text())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2");
    assertThatThrownBy(() -> new JsonOut().end()).isInstanceOf(IllegalStateException.class);
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 3; i++) many.add(i);
    assertThat(new JsonOut().value(many).text()).isEqualTo("[0,1,2]");
  }
}
