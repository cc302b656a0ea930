package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.DiarySchema;
import dev.rez.core.Asset;
import dev.rez.core.Fill;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FillTrackerTest {
  static final Instant T = Instant.parse("2026-03-01T12:00:00.250Z");
  static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  /** One fill of an order filled by two equal resting orders: alike but for the trade id. */
  static Fill half(long tradeId) {
    return new Fill(
        Asset.of("BTC"),
        Side.BUY,
        new BigDecimal("65000"),
        new BigDecimal("0.001"),
        T,
        new BigDecimal("0.02"),
        BigDecimal.ZERO,
        77,
        null,
        BigDecimal.ZERO,
        true,
        "0xabc",
        tradeId);
  }

  static FillTracker tracker(MemoryDiary diary, List<Fill> exchange) {
    return new FillTracker(
        since -> List.copyOf(exchange),
        new Recorder(diary, CLOCK),
        new RiskPolicy(RiskProfile.MODERATE.limits(), CLOCK),
        f -> null,
        T.minusSeconds(60),
        Set.of());
  }

  @Test
  void twoFillsAlikeButForTheirTradeIdAreBothRecorded() {
    MemoryDiary diary = new MemoryDiary();
    List<Fill> exchange = new ArrayList<>(List.of(half(1)));
    FillTracker tracker = tracker(diary, exchange);
    assertThat(tracker.poll(1)).hasSize(1);

    exchange.add(half(2)); // the second half arrives in a later read
    assertThat(tracker.poll(1)).containsExactly(half(2));
    assertThat(tracker.poll(2)).isEmpty();
    assertThat(diary.ofType("fill")).hasSize(2);
  }

  static List<Fill> readBack(MemoryDiary diary) {
    return diary.ofType("fill").stream()
        .map(e -> DiarySchema.fillOf(Json.parseObject(e.json())))
        .toList();
  }

  @Test
  void afterARestartTheTwinOfARecordedFillIsStillRecorded() {
    MemoryDiary diary = new MemoryDiary();
    List<Fill> exchange = new ArrayList<>(List.of(half(1)));
    FillTracker before = tracker(diary, exchange);
    assertThat(before.poll(1)).hasSize(1);

    // A restart from the saved state; the diary gives its fill back with its trade id. Then the
    // twin arrives.
    FillTracker after =
        new FillTracker(
            since -> List.copyOf(exchange),
            new Recorder(diary, CLOCK),
            new RiskPolicy(RiskProfile.MODERATE.limits(), CLOCK),
            f -> null,
            before.watermark(),
            before.seenAtWatermark());
    after.alreadyRecorded(readBack(diary));
    exchange.add(half(2));
    assertThat(after.poll(2)).containsExactly(half(2));
    assertThat(after.poll(3)).isEmpty();
    assertThat(diary.ofType("fill")).hasSize(2);
  }

  /** A {@code fill} event's data as a diary written before trade ids were recorded has it. */
  static Map<String, Object> withoutTradeId(Fill f) {
    Map<String, Object> data = new LinkedHashMap<>(DiarySchema.fill(f, null));
    data.remove("tradeId");
    return Json.parseObject(Json.write(data));
  }

  @Test
  void theDiaryRecordsTheTradeIdAndGivesItBack() {
    MemoryDiary diary = new MemoryDiary();
    assertThat(tracker(diary, List.of(half(7))).poll(1)).hasSize(1);
    assertThat(diary.data("fill"))
        .singleElement()
        .satisfies(d -> assertThat(d).containsKey("tradeId"));
    assertThat(readBack(diary)).containsExactly(half(7));
  }

  @Test
  void afterACrashBeforeTheStateWasSavedARecordedFillIsKnownByItsTradeId() {
    // The first run records one half and dies before saving its state: the restart has the old
    // watermark and knows no fill at it. The exchange then lists the other half first.
    MemoryDiary diary = new MemoryDiary();
    FillTracker before = tracker(diary, List.of(half(1)));
    assertThat(before.poll(1)).containsExactly(half(1));

    FillTracker after = tracker(diary, List.of(half(2), half(1)));
    after.alreadyRecorded(readBack(diary));
    assertThat(after.poll(2)).containsExactly(half(2));
    assertThat(after.poll(3)).isEmpty();
    assertThat(readBack(diary)).containsExactlyInAnyOrder(half(1), half(2));
  }

  @Test
  void fillsAnOlderDiaryHasWithoutTradeIdsAreKnownByTheirContents() {
    MemoryDiary diary = new MemoryDiary();
    FillTracker tracker = tracker(diary, List.of(half(1), half(2)));
    List<Fill> recorded =
        List.of(
            DiarySchema.fillOf(withoutTradeId(half(1))),
            DiarySchema.fillOf(withoutTradeId(half(2))));
    assertThat(recorded).allSatisfy(f -> assertThat(f.tradeId()).isZero());
    tracker.alreadyRecorded(recorded);

    assertThat(tracker.poll(3)).isEmpty();
    assertThat(diary.ofType("fill")).isEmpty();
  }

  @Test
  void anOlderDiarysFillWithoutTradeIdStandsForOneFillOfTheExchange() {
    // The older diary has one of the halves, without its trade id, and the state file is lost:
    // the exchange's two halves are one fill the diary has and one it lacks.
    MemoryDiary diary = new MemoryDiary();
    FillTracker tracker = tracker(diary, List.of(half(1), half(2)));
    tracker.alreadyRecorded(List.of(DiarySchema.fillOf(withoutTradeId(half(1)))));

    assertThat(tracker.poll(3)).containsExactly(half(2));
    assertThat(tracker.poll(4)).isEmpty();
    assertThat(diary.ofType("fill")).hasSize(1);
  }

  @Test
  void aFillTheStateKnowsTakesItsOwnLineOfAnOlderDiaryWhicheverHalfTheExchangeListsFirst() {
    // An older version recorded one half without its trade id and saved its state (which knows the
    // half by its trade id). The restart runs the newer one; the exchange lists the other half
    // first.
    MemoryDiary diary = new MemoryDiary();
    FillTracker tracker =
        new FillTracker(
            since -> List.of(half(2), half(1)),
            new Recorder(diary, CLOCK),
            new RiskPolicy(RiskProfile.MODERATE.limits(), CLOCK),
            f -> null,
            T,
            Set.of(half(1).key()));
    tracker.alreadyRecorded(List.of(DiarySchema.fillOf(withoutTradeId(half(1)))));

    assertThat(tracker.poll(3)).containsExactly(half(2));
    assertThat(tracker.poll(4)).isEmpty();
  }

  @Test
  void aDiaryWithOneHalfWithItsTradeIdAndOneWithoutKnowsBoth() {
    // The older version recorded one half without its trade id, the newer one the other with it,
    // and
    // the state of neither was saved.
    MemoryDiary diary = new MemoryDiary();
    FillTracker tracker = tracker(diary, List.of(half(1), half(2)));
    tracker.alreadyRecorded(List.of(DiarySchema.fillOf(withoutTradeId(half(2))), half(1)));

    assertThat(tracker.poll(3)).isEmpty();
    assertThat(diary.ofType("fill")).isEmpty();
  }
}
