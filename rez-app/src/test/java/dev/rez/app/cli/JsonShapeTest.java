package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import org.junit.jupiter.api.Test;

class JsonShapeTest {
  static final Object GOLDEN =
      Json.parse(
          """
      {"positions": [{"asset": "BTC", "size": 0.01, "takeProfit": null, "open": true}],
       "events": [{"type": "decision", "data": {"action": "hold"}}, {"type": "fill", "data": {"price": 1}}]}""");

  @Test
  void theSameFieldsAndTypesMatchWhateverTheValues() {
    Object live =
        Json.parse(
            """
        {"positions": [{"asset": "ETH", "size": 2, "takeProfit": 3100.5, "open": false},
                       {"asset": "SOL", "size": 1, "takeProfit": null, "open": true}],
         "events": [{"type": "fill", "data": {"price": 2}}, {"type": "decision", "data": {"action": "close"}}]}""");
    assertThat(JsonShape.differences(GOLDEN, live)).isEmpty();
    assertThat(JsonShape.differences(GOLDEN, Json.parse("{\"positions\": [], \"events\": []}")))
        .isEmpty();
  }

  @Test
  void aRenamedFieldIsNamedWithItsPath() {
    Object live =
        Json.parse(
            """
        {"positions": [{"coin": "BTC", "size": 0.01, "takeProfit": null, "open": true}], "events": []}""");
    assertThat(JsonShape.differences(GOLDEN, live))
        .containsExactly(
            "$.positions[0]: no field \"asset\" (has [coin, open, size, takeProfit])",
            "$.positions[0]: field \"coin\" that the golden does not have");
  }

  @Test
  void aRetypedOrRenamedNestedFieldFails() {
    assertThat(
            JsonShape.differences(
                GOLDEN,
                Json.parse(
                    """
        {"positions": [{"asset": "BTC", "size": "0.01", "takeProfit": null, "open": true}], "events": []}""")))
        .containsExactly("$.positions[0].size: string where the golden has number");
    assertThat(
            JsonShape.differences(
                GOLDEN,
                Json.parse(
                    """
        {"positions": [], "events": [{"type": "decision", "data": {"action": 3}}]}""")))
        .containsExactly("$.events[0].data.action: number where the golden has string");
  }

  @Test
  void anEventIsComparedWithRecordedEventsOfItsTypeAndItsDataIsFreeForm() {
    // Fields of an event's data depend on its variant: missing and new ones pass, the envelope is
    // strict.
    assertThat(
            JsonShape.differences(
                GOLDEN,
                Json.parse(
                    """
        {"positions": [], "events": [{"type": "decision", "data": {"action": "close", "reason": "x"}},
                                     {"type": "fill", "data": {}}, {"type": "error", "data": {"message": "m"}}]}""")))
        .isEmpty();
    assertThat(
            JsonShape.differences(
                GOLDEN,
                Json.parse(
                    """
        {"positions": [], "events": [{"type": "fill", "payload": {"price": 1}}]}""")))
        .containsExactly(
            "$.events[0]: no field \"data\" (has [payload, type])",
            "$.events[0]: field \"payload\" that the golden does not have");
  }

  @Test
  void anEventWithAKindIsComparedWithRecordedEventsOfItsTypeAndKindOnly() {
    // An order's request is an object when it opens and a list when it retries protection.
    Object golden =
        Json.parse(
            """
        {"events": [{"type": "order", "data": {"kind": "open", "request": {"asset": "BTC"}}},
                    {"type": "order", "data": {"kind": "protection-retry", "request": [{"asset": "BTC"}]}}]}""");
    assertThat(
            JsonShape.differences(
                golden,
                Json.parse(
                    """
        {"events": [{"type": "order", "data": {"kind": "protection-retry", "request": [{"asset": "ETH"}]}},
                    {"type": "order", "data": {"kind": "open", "request": {"asset": "ETH"}}}]}""")))
        .isEmpty();
    assertThat(
            JsonShape.differences(
                golden,
                Json.parse(
                    """
        {"events": [{"type": "order", "data": {"kind": "open", "request": [{"asset": "ETH"}]}}]}""")))
        .containsExactly("$.events[0].data.request: array where the golden has object");
    // A kind the recording did not see cannot be judged.
    assertThat(
            JsonShape.differences(
                golden,
                Json.parse(
                    """
        {"events": [{"type": "order", "data": {"kind": "replace", "request": "anything"}}]}""")))
        .isEmpty();
  }

  @Test
  void distinctKeepsOneElementOfEachStructureForEachTypeAndKind() {
    Object events =
        Json.parse(
            """
        [{"type": "order", "data": {"kind": "open", "id": 1}}, {"type": "order", "data": {"kind": "open", "id": 2}},
         {"type": "order", "data": {"kind": "close", "id": 3}}, {"type": "fill", "data": {"kind": "close", "id": 4}}]""");
    assertThat(JsonShape.distinct((java.util.List<?>) events))
        .extracting(JsonShape::eventKey)
        .containsExactly("order/open", "order/close", "fill/close");
  }

  @Test
  void distinctKeepsOneElementOfEachStructure() {
    Object events =
        Json.parse(
            """
        [{"type": "fill", "data": {"price": 1}}, {"type": "fill", "data": {"price": 2}},
         {"type": "fill", "data": {"price": 3, "fee": 0.1}}, {"type": "decision", "data": {"action": "hold"}}]""");
    assertThat(JsonShape.distinct((java.util.List<?>) events)).hasSize(3);
  }

  @Test
  void prettyTextParsesBackToTheSameValue() {
    Object v =
        Json.parse(
            "{\"a\": [1, 2.5, 1733068800000], \"b\": {\"c\": \"x\\\"y\\n\", \"d\": null, \"e\": []}, \"f\": [{\"g\": true}]}");
    String text = JsonShape.pretty(v);
    assertThat(Json.parse(text)).isEqualTo(v);
    assertThat(text).contains("[1, 2.5, 1733068800000]").contains("\"x\\\"y\\n\"");
  }
}
