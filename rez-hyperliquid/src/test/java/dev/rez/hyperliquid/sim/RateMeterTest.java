package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateMeterTest {
  @Test
  void countsTheItemsOfAnArrayAsParsingWould() {
    for (String json :
        List.of(
            "[]",
            " [ ] ",
            "[1]",
            "[1,2,3]",
            "[\"a,b\",\"c\\\"],d\"]",
            "[{\"t\":1,\"x\":[1,2]},{\"t\":2}]",
            "[[1,2],[3]]",
            "[ {\"s\":\"}\"} , 7 ]",
            "{\"a\":[1,2]}",
            "null",
            "\"[1,2]\"")) {
      int expected = Json.parse(json) instanceof List<?> l ? l.size() : 0;
      assertThat(RateMeter.topLevelItems(json)).as(json).isEqualTo(expected);
    }
  }

  @Test
  void aCandleSnapshotIsChargedOnePerSixtyCandles() {
    RateMeter meter = new RateMeter(1200, false, () -> 0L);
    RateMeter.Charge charge = meter.charge("127.0.0.1", "/info", Map.of("type", "candleSnapshot"));
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 125; i++)
      body.append(i == 0 ? "" : ",").append("{\"t\":").append(i).append(",\"s\":\"BTC\"}");
    meter.answered(charge, Api.Response.json(Json.parse(body.append("]").toString())));
    assertThat(meter.stats().get("weight")).isEqualTo(20L + 2);
  }
}
