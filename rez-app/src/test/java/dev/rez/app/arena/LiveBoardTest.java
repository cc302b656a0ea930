package dev.rez.app.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveBoardTest {
  @SuppressWarnings("unchecked")
  @Test
  void showsEveryContestantsCurveThinnedWithTheLastPointAndTheLeaderboardOnceDone() {
    LiveBoard board = new LiveBoard("BTC", "1m", 2500, "a");
    board.seated(List.of(live("a"), live("b")));
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 1; i <= 2500; i++) {
      // a rises to 10,500 by cycle 500 then falls to 10,000: a drawdown of 500 / 10,500
      double a = i <= 500 ? 10000 + i : 10500 - (i - 500) / 4.0;
      board.cycleDone(
          i,
          t0.plusSeconds(60L * i),
          Map.of("a", BigDecimal.valueOf(a), "b", BigDecimal.valueOf(10000)));
    }
    Map<String, Object> json = Json.parseObject(board.toJson());
    assertThat(json)
        .containsEntry("state", "running")
        .containsEntry("cycle", new BigDecimal(2500))
        .containsEntry("leaderboard", null)
        .containsEntry("time", t0.plusSeconds(60L * 2500).toString());
    List<Map<String, Object>> contestants = (List<Map<String, Object>>) json.get("contestants");
    assertThat(contestants).extracting(c -> c.get("name")).containsExactly("a", "b");
    Map<String, Object> a = contestants.get(0);
    List<Map<String, Object>> curve = (List<Map<String, Object>>) a.get("equityCurve");
    assertThat(curve.size())
        .isLessThanOrEqualTo(LiveBoard.MAX_POINTS + 1)
        .isGreaterThan(LiveBoard.MAX_POINTS / 2);
    assertThat(curve.getLast()).containsEntry("time", t0.plusSeconds(60L * 2500).toString());
    assertThat(((BigDecimal) curve.getLast().get("equity")).doubleValue()).isEqualTo(10000.0);
    assertThat(((BigDecimal) a.get("maxDrawdownFraction")).doubleValue())
        .isCloseTo(500 / 10500.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(((BigDecimal) a.get("return")).doubleValue()).isEqualTo(0.0);
    assertThat((BigDecimal) contestants.get(1).get("maxDrawdownFraction"))
        .isEqualByComparingTo(BigDecimal.ZERO);

    Leaderboard done = new Leaderboard("BTC", "1m", 2500, "a", 42, 2000, List.of());
    board.finished(done);
    assertThat(board.toJson())
        .contains("\"state\":\"finished\"")
        .contains("\"leaderboard\":" + done.toJson());
  }

  private static Arena.Live live(String name) {
    return new Arena.Live(
        name,
        "offline-rules",
        null,
        null,
        null,
        null,
        null,
        null,
        new BigDecimal("10000"),
        null,
        null);
  }
}
