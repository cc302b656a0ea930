package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Validation of the small value types: bad values throw, naming the field and the value. */
class ValueTypesTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final Asset ETH = Asset.of("ETH");
  private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");
  private static final ClientOrderId CLOID = ClientOrderId.derive("test");

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  private static void iae(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static void npe(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(NullPointerException.class)
        .hasMessage(field + " == null");
  }

  private static Position position(Asset asset, String size) {
    return new Position(asset, bd(size), bd("100"), bd("5"), 3, bd("70"), bd("33"));
  }

  @Test
  void asset() {
    assertThat(Asset.of("kPEPE").name()).isEqualTo("kPEPE");
    assertThat(Asset.of("BTC")).hasToString("BTC").isEqualTo(new Asset("BTC"));
    assertThat(BTC.compareTo(ETH)).isNegative();
    npe(() -> Asset.of(null), "asset");
    iae(() -> Asset.of(" "), "asset must not be blank but was ' '");
    iae(() -> Asset.of(""), "asset must not be blank but was ''");
    iae(() -> Asset.of("BT C"), "asset must not contain whitespace but was 'BT C'");
  }

  @Test
  void accountState() {
    AccountState a =
        new AccountState(
            bd("1000"), bd("100"), bd("900"), List.of(position(BTC, "1"), position(ETH, "-2")), T);
    assertThat(a.position(BTC))
        .hasValueSatisfying(p -> assertThat(p.size()).isEqualByComparingTo("1"));
    assertThat(a.position(Asset.of("SOL"))).isEmpty();
    assertThat(a.unrealizedPnl()).isEqualByComparingTo("10");

    npe(() -> new AccountState(null, bd("0"), bd("0"), List.of(), T), "equity");
    iae(
        () -> new AccountState(bd("1"), bd("-1"), bd("0"), List.of(), T),
        "marginUsed must be >= 0 but was -1");
    npe(() -> new AccountState(bd("1"), bd("0"), null, List.of(), T), "withdrawable");
    npe(() -> new AccountState(bd("1"), bd("0"), bd("0"), null, T), "positions");
    npe(() -> new AccountState(bd("1"), bd("0"), bd("0"), List.of(), null), "time");
    List<Position> withNull = new ArrayList<>();
    withNull.add(null);
    npe(() -> new AccountState(bd("1"), bd("0"), bd("0"), withNull, T), "positions[0]");
    iae(
        () ->
            new AccountState(
                bd("1"), bd("0"), bd("0"), List.of(position(BTC, "1"), position(BTC, "2")), T),
        "BTC appears twice");
  }

  @Test
  void accountStateCopiesItsPositions() {
    List<Position> positions = new ArrayList<>(List.of(position(BTC, "1")));
    AccountState a = new AccountState(bd("1"), bd("0"), bd("0"), positions, T);
    positions.clear();
    assertThat(a.positions()).hasSize(1);
    assertThatThrownBy(() -> a.positions().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void assetContext() {
    assertThat(new AssetContext(BTC, bd("100"), null, bd("0.0001"), bd("0"), bd("0")).midPrice())
        .isNull();
    iae(
        () -> new AssetContext(BTC, bd("0"), bd("1"), bd("0"), bd("0"), bd("0")),
        "markPrice must be > 0 but was 0");
    iae(
        () -> new AssetContext(BTC, bd("1"), bd("-1"), bd("0"), bd("0"), bd("0")),
        "midPrice must be > 0 but was -1");
    npe(() -> new AssetContext(BTC, bd("1"), bd("1"), null, bd("0"), bd("0")), "fundingRate");
    iae(
        () -> new AssetContext(BTC, bd("1"), bd("1"), bd("0"), bd("-2"), bd("0")),
        "openInterest must be >= 0 but was -2");
    iae(
        () -> new AssetContext(BTC, bd("1"), bd("1"), bd("0"), bd("0"), bd("-3")),
        "dayVolumeUsd must be >= 0 but was -3");
    npe(() -> new AssetContext(null, bd("1"), bd("1"), bd("0"), bd("0"), bd("0")), "asset");
  }

  @Test
  void assetInfo() {
    assertThat(new AssetInfo(BTC, 0, 5, 40).maxLeverage()).isEqualTo(40);
    iae(() -> new AssetInfo(BTC, -1, 5, 40), "index must be >= 0 but was -1");
    iae(() -> new AssetInfo(BTC, 0, -2, 40), "sizeDecimals must be >= 0 but was -2");
    iae(() -> new AssetInfo(BTC, 0, 5, 0), "maxLeverage must be >= 1 but was 0");
    npe(() -> new AssetInfo(null, 0, 5, 40), "asset");
  }

  @Test
  void candle() {
    Candle c = new Candle(T, Interval.M5, 100, 101, 99.5, 100.5, 12.3);
    assertThat(c.closeTime()).isEqualTo(T.plus(Duration.ofMinutes(5)));
    iae(
        () -> new Candle(T, Interval.M5, Double.NaN, 101, 99, 100, 1),
        "open must be finite but was NaN");
    iae(
        () -> new Candle(T, Interval.M5, 100, Double.POSITIVE_INFINITY, 99, 100, 1),
        "high must be finite but was Infinity");
    iae(
        () -> new Candle(T, Interval.M5, 100, 101, Double.NaN, 100, 1),
        "low must be finite but was NaN");
    iae(
        () -> new Candle(T, Interval.M5, 100, 101, 99, Double.NaN, 1),
        "close must be finite but was NaN");
    iae(
        () -> new Candle(T, Interval.M5, 100, 101, 99, 100, Double.NaN),
        "volume must be finite but was NaN");
    iae(() -> new Candle(T, Interval.M5, 100, 99, 101, 100, 1), "high 99.0 < low 101.0");
    iae(
        () -> new Candle(T, Interval.M5, 102, 101, 99, 100, 1),
        "open 102.0 outside [low 99.0, high 101.0]");
    iae(
        () -> new Candle(T, Interval.M5, 100, 101, 99, 98, 1),
        "close 98.0 outside [low 99.0, high 101.0]");
    iae(
        () -> new Candle(T, Interval.M5, 100, 101, 99, 100, -1),
        "volume must be >= 0 but was -1.0");
    npe(() -> new Candle(null, Interval.M5, 100, 101, 99, 100, 1), "openTime");
    npe(() -> new Candle(T, null, 100, 101, 99, 100, 1), "interval");
  }

  @Test
  void diaryEvent() {
    assertThat(new DiaryEvent(T, 0, "cycle-start", null, " {} ").type()).isEqualTo("cycle-start");
    iae(() -> new DiaryEvent(T, -1, "x", null, "{}"), "cycle must be >= 0 but was -1");
    iae(() -> new DiaryEvent(T, 1, " ", null, "{}"), "type must not be blank but was ' '");
    iae(() -> new DiaryEvent(T, 1, "x", null, "[1]"), "json must be a JSON object but was '[1]'");
    iae(
        () -> new DiaryEvent(T, 1, "x", null, "\"" + "a".repeat(100) + "\""),
        "json must be a JSON object but was '\"" + "a".repeat(39) + "…'");
    npe(() -> new DiaryEvent(null, 1, "x", null, "{}"), "time");
    npe(() -> new DiaryEvent(T, 1, "x", null, null), "json");
  }

  @Test
  void diaryFilterPageAndEntry() {
    DiaryEvent fill = new DiaryEvent(T, 3, "fill", BTC, "{}");
    DiaryEvent start = new DiaryEvent(T, 3, "cycle-start", null, "{}");
    assertThat(Diary.Filter.ALL.test(fill)).isTrue();
    assertThat(new Diary.Filter("fill", null).test(fill)).isTrue();
    assertThat(new Diary.Filter("fill", null).test(start)).isFalse();
    assertThat(new Diary.Filter(null, BTC).test(fill)).isTrue();
    assertThat(new Diary.Filter(null, ETH).test(fill)).isFalse();
    assertThat(new Diary.Filter(null, BTC).test(start)).isFalse();

    Diary.Page page = new Diary.Page(List.of(new Diary.Entry("c1", fill)), "c1", false);
    assertThat(page.events()).hasSize(1);
    npe(() -> new Diary.Page(List.of(), null, false), "next");
    npe(() -> new Diary.Page(null, "c", false), "events");
    List<Diary.Entry> withNull = new ArrayList<>();
    withNull.add(null);
    npe(() -> new Diary.Page(withNull, "c", false), "events[0]");
    npe(() -> new Diary.Entry(null, fill), "cursor");
    npe(() -> new Diary.Entry("c", null), "event");
  }

  @Test
  void fill() {
    Fill f =
        new Fill(
            BTC,
            Side.SELL,
            bd("110"),
            bd("0.5"),
            T,
            bd("0.02"),
            bd("5"),
            7,
            null,
            bd("1"),
            false,
            "0xabc",
            0);
    assertThat(f.notional()).isEqualByComparingTo("55");
    assertThat(f.closing()).isTrue();
    assertThat(
            new Fill(
                    BTC, Side.BUY, bd("110"), bd("0.5"), T, bd("0"), bd("0"), 7, null, bd("1"),
                    false, "h", 0)
                .closing())
        .isFalse();
    assertThat(
            new Fill(
                    BTC, Side.SELL, bd("110"), bd("0.5"), T, bd("0"), bd("0"), 7, null, bd("0"),
                    false, "h", 0)
                .closing())
        .isFalse();

    iae(
        () ->
            new Fill(
                BTC, Side.BUY, bd("0"), bd("1"), T, bd("0"), bd("0"), 1, null, bd("0"), true, "h",
                0),
        "price must be > 0 but was 0");
    iae(
        () ->
            new Fill(
                BTC,
                Side.BUY,
                bd("1"),
                bd("-0.5"),
                T,
                bd("0"),
                bd("0"),
                1,
                null,
                bd("0"),
                true,
                "h",
                0),
        "size must be > 0 but was -0.5");
    npe(
        () ->
            new Fill(
                BTC, null, bd("1"), bd("1"), T, bd("0"), bd("0"), 1, null, bd("0"), true, "h", 0),
        "side");
    npe(
        () ->
            new Fill(
                BTC, Side.BUY, bd("1"), bd("1"), null, bd("0"), bd("0"), 1, null, bd("0"), true,
                "h", 0),
        "time");
    npe(
        () ->
            new Fill(
                BTC, Side.BUY, bd("1"), bd("1"), T, null, bd("0"), 1, null, bd("0"), true, "h", 0),
        "fee");
    npe(
        () ->
            new Fill(
                BTC, Side.BUY, bd("1"), bd("1"), T, bd("0"), null, 1, null, bd("0"), true, "h", 0),
        "closedPnl");
    npe(
        () ->
            new Fill(
                BTC, Side.BUY, bd("1"), bd("1"), T, bd("0"), bd("0"), 1, null, null, true, "h", 0),
        "startPosition");
    npe(
        () ->
            new Fill(
                BTC, Side.BUY, bd("1"), bd("1"), T, bd("0"), bd("0"), 1, null, bd("0"), true, null,
                0),
        "hash");
  }

  @Test
  void openOrder() {
    OpenOrder sl =
        new OpenOrder(
            BTC, Side.SELL, bd("1"), bd("90"), 5, CLOID, true, TriggerKind.STOP_LOSS, bd("91"), T);
    assertThat(sl.isTrigger()).isTrue();
    assertThat(
            new OpenOrder(BTC, Side.BUY, bd("1"), bd("90"), 5, null, false, null, null, T)
                .isTrigger())
        .isFalse();
    iae(
        () -> new OpenOrder(BTC, Side.BUY, bd("-1"), bd("90"), 5, null, false, null, null, T),
        "size must be >= 0 but was -1");
    iae(
        () -> new OpenOrder(BTC, Side.BUY, bd("1"), bd("-90"), 5, null, false, null, null, T),
        "limitPrice must be >= 0 but was -90");
    iae(
        () ->
            new OpenOrder(
                BTC, Side.BUY, bd("1"), bd("90"), 5, null, false, TriggerKind.TAKE_PROFIT, null, T),
        "trigger and triggerPrice must both be set or both be null but were TAKE_PROFIT and null");
    iae(
        () -> new OpenOrder(BTC, Side.BUY, bd("1"), bd("90"), 5, null, false, null, bd("3"), T),
        "but were null and 3");
    iae(
        () ->
            new OpenOrder(
                BTC,
                Side.BUY,
                bd("1"),
                bd("90"),
                5,
                null,
                false,
                TriggerKind.STOP_LOSS,
                bd("0"),
                T),
        "triggerPrice must be > 0 but was 0");
    npe(
        () -> new OpenOrder(BTC, Side.BUY, bd("1"), bd("90"), 5, null, false, null, null, null),
        "placedAt");
  }

  @Test
  void orderBook() {
    OrderBook.Level level = new OrderBook.Level(bd("100"), bd("2"), 3);
    assertThat(new OrderBook(BTC, List.of(level), List.of(), T).bids()).containsExactly(level);
    iae(() -> new OrderBook.Level(bd("0"), bd("1"), 1), "price must be > 0 but was 0");
    iae(() -> new OrderBook.Level(bd("1"), bd("-1"), 1), "size must be >= 0 but was -1");
    iae(() -> new OrderBook.Level(bd("1"), bd("1"), -1), "orders must be >= 0 but was -1");
    List<OrderBook.Level> withNull = new ArrayList<>();
    withNull.add(null);
    npe(() -> new OrderBook(BTC, withNull, List.of(), T), "bids[0]");
    npe(() -> new OrderBook(BTC, List.of(), withNull, T), "asks[0]");
    npe(() -> new OrderBook(null, List.of(), List.of(), T), "asset");
    npe(() -> new OrderBook(BTC, List.of(), List.of(), null), "time");
  }

  @Test
  void orderRequest() {
    OrderRequest r =
        new OrderRequest(BTC, Side.BUY, bd("0.01"), bd("65000"), TimeInForce.GTC, false, CLOID);
    assertThat(r.notional()).isEqualByComparingTo("650");
    iae(
        () -> new OrderRequest(BTC, Side.BUY, bd("0"), bd("1"), TimeInForce.IOC, false, CLOID),
        "size must be > 0 but was 0");
    iae(
        () -> new OrderRequest(BTC, Side.BUY, bd("1"), bd("-5"), TimeInForce.ALO, false, CLOID),
        "limitPrice must be > 0 but was -5");
    npe(() -> new OrderRequest(BTC, Side.BUY, bd("1"), bd("1"), null, false, CLOID), "timeInForce");
    npe(
        () -> new OrderRequest(BTC, Side.BUY, bd("1"), bd("1"), TimeInForce.GTC, false, null),
        "cloid");
    npe(() -> new OrderRequest(BTC, null, bd("1"), bd("1"), TimeInForce.GTC, false, CLOID), "side");
    npe(
        () -> new OrderRequest(null, Side.BUY, bd("1"), bd("1"), TimeInForce.GTC, false, CLOID),
        "asset");
  }

  @Test
  void orderResult() {
    assertThat(new OrderResult.Resting(1, CLOID).accepted()).isTrue();
    assertThat(new OrderResult.Filled(1, bd("1"), bd("100"), CLOID).accepted()).isTrue();
    assertThat(new OrderResult.Waiting(CLOID).accepted()).isTrue();
    assertThat(new OrderResult.Rejected("Insufficient margin", CLOID).accepted()).isFalse();
    iae(
        () -> new OrderResult.Filled(1, bd("-1"), bd("100"), CLOID),
        "totalSize must be >= 0 but was -1");
    iae(
        () -> new OrderResult.Filled(1, bd("1"), bd("-100"), CLOID),
        "averagePrice must be >= 0 but was -100");
    npe(() -> new OrderResult.Rejected(null, CLOID), "error");
  }

  @Test
  void position() {
    Position shortPos = new Position(BTC, bd("-2"), bd("100"), bd("-4"), 5, null, bd("40"));
    assertThat(shortPos.isLong()).isFalse();
    assertThat(shortPos.side()).isEqualTo(Side.SELL);
    assertThat(shortPos.absSize()).isEqualByComparingTo("2");
    assertThat(shortPos.entryNotional()).isEqualByComparingTo("200");
    assertThat(position(BTC, "1").side()).isEqualTo(Side.BUY);

    iae(
        () -> new Position(BTC, bd("0"), bd("100"), bd("0"), 1, null, bd("0")),
        "position size must not be 0 (asset BTC)");
    iae(
        () -> new Position(BTC, bd("1"), bd("0"), bd("0"), 1, null, bd("0")),
        "entryPrice must be > 0 but was 0");
    iae(
        () -> new Position(BTC, bd("1"), bd("1"), bd("0"), 0, null, bd("0")),
        "leverage must be >= 1 but was 0");
    iae(
        () -> new Position(BTC, bd("1"), bd("1"), bd("0"), 1, null, bd("-1")),
        "marginUsed must be >= 0 but was -1");
    npe(() -> new Position(BTC, null, bd("1"), bd("0"), 1, null, bd("0")), "size");
    npe(() -> new Position(BTC, bd("1"), bd("1"), null, 1, null, bd("0")), "unrealizedPnl");
  }

  @Test
  void triggerOrder() {
    TriggerOrder tp =
        new TriggerOrder(
            BTC, Side.SELL, bd("1"), TriggerKind.TAKE_PROFIT, bd("110"), true, bd("99"), CLOID);
    assertThat(tp.market()).isTrue();
    iae(
        () ->
            new TriggerOrder(
                BTC, Side.SELL, bd("0"), TriggerKind.TAKE_PROFIT, bd("110"), true, bd("99"), CLOID),
        "size must be > 0 but was 0");
    iae(
        () ->
            new TriggerOrder(
                BTC, Side.SELL, bd("1"), TriggerKind.TAKE_PROFIT, bd("-1"), true, bd("99"), CLOID),
        "triggerPrice must be > 0 but was -1");
    iae(
        () ->
            new TriggerOrder(
                BTC, Side.SELL, bd("1"), TriggerKind.TAKE_PROFIT, bd("110"), true, bd("0"), CLOID),
        "limitPrice must be > 0 but was 0");
    npe(
        () -> new TriggerOrder(BTC, Side.SELL, bd("1"), null, bd("110"), true, bd("99"), CLOID),
        "kind");
    npe(
        () ->
            new TriggerOrder(
                BTC, Side.SELL, bd("1"), TriggerKind.STOP_LOSS, bd("110"), true, bd("99"), null),
        "cloid");
  }

  @Test
  void riskVerdictAndReason() {
    TradeDecision hold = TradeDecision.hold(BTC, "wait");
    RiskVerdict.Reason r =
        new RiskVerdict.Reason("leverage-clipped", "leverage 30x clipped to 20x");
    RiskVerdict adjusted =
        new RiskVerdict(
            RiskVerdict.Outcome.ADJUSTED, hold, List.of(r, new RiskVerdict.Reason("x", "second")));
    assertThat(adjusted.allowed()).isTrue();
    assertThat(adjusted.summary()).isEqualTo("adjusted: leverage 30x clipped to 20x; second");
    assertThat(new RiskVerdict(RiskVerdict.Outcome.APPROVED, hold, List.of()).summary())
        .isEqualTo("approved");
    assertThat(new RiskVerdict(RiskVerdict.Outcome.REJECTED, hold, List.of(r)).allowed()).isFalse();

    iae(
        () -> new RiskVerdict(RiskVerdict.Outcome.ADJUSTED, hold, List.of()),
        "ADJUSTED needs at least one reason");
    iae(
        () -> new RiskVerdict(RiskVerdict.Outcome.REJECTED, hold, List.of()),
        "REJECTED needs at least one reason");
    iae(() -> new RiskVerdict.Reason(" ", "m"), "code must not be blank but was ' '");
    iae(() -> new RiskVerdict.Reason("c", ""), "message must not be blank but was ''");
    npe(() -> new RiskVerdict(null, hold, List.of()), "outcome");
    npe(() -> new RiskVerdict(RiskVerdict.Outcome.APPROVED, null, List.of()), "decision");
    npe(() -> new RiskVerdict(RiskVerdict.Outcome.APPROVED, hold, null), "reasons");
  }

  @Test
  void haltAndEquityPoint() {
    iae(() -> new RiskPolicy.Halt(" ", null), "reason must not be blank but was ' '");
    npe(() -> new TrackRecord.EquityPoint(null, BigDecimal.ONE), "time");
    npe(() -> new TrackRecord.EquityPoint(T, null), "equity");
  }

  @Test
  void side() {
    for (String s : List.of("buy", "B", "LONG", "bid", " Buy "))
      assertThat(Side.parse(s)).as(s).isEqualTo(Side.BUY);
    for (String s : List.of("sell", "A", "s", "short", "ASK"))
      assertThat(Side.parse(s)).as(s).isEqualTo(Side.SELL);
    iae(() -> Side.parse("up"), "unknown side 'up' (expected buy or sell)");
    iae(() -> Side.parse(""), "unknown side ''");
    npe(() -> Side.parse(null), "side");
    assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
    assertThat(Side.SELL.opposite()).isEqualTo(Side.BUY);
    assertThat(Side.BUY.sign()).isEqualTo(1);
    assertThat(Side.SELL.sign()).isEqualTo(-1);
  }
}
