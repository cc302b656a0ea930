package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.Engine.OrderSpec;
import dev.rez.hyperliquid.sim.Engine.Status;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
  static final String USER = "0x1111111111111111111111111111111111111111";
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static Candle c(int i, double o, double h, double l, double cl) {
    return new Candle(T0.plusSeconds(60L * i), Interval.M1, o, h, l, cl, 10);
  }

  /**
   * An engine over one market "BTC" (szDecimals 3, max leverage 50) with the first {@code history}
   * candles closed.
   */
  static Engine engine(List<Candle> candles, int history) {
    Market m =
        new Market(
            0, "BTC", 3, 50, Interval.M1, T0.toEpochMilli(), candles, AfterReplay.STOP, 7, 0);
    Engine e =
        new Engine(List.of(m), config(), new Faults(), null, T0.toEpochMilli() + history * 60_000L);
    e.fund(USER, new BigDecimal("10000"));
    return e;
  }

  static Engine.Config config() {
    return new Engine.Config(
        new BigDecimal("0.00045"),
        new BigDecimal("0.00015"),
        new BigDecimal("2"),
        new BigDecimal("100000"),
        20,
        new BigDecimal("0.0000125"));
  }

  static OrderSpec limit(boolean buy, String px, String sz, String tif) {
    return new OrderSpec(0, buy, px, sz, false, tif, null, null, null, null);
  }

  static OrderSpec trigger(boolean buy, String px, String sz, String tpsl) {
    return new OrderSpec(0, buy, px, sz, true, null, true, px, tpsl, null);
  }

  static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  @Test
  void aMarketsVolumeBetweenTwoCandlesIsTheSumOfTheirs() {
    List<Candle> replay = new ArrayList<>();
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 3000; i++) {
      double p = 800 + r.nextDouble() * 50;
      replay.add(
          new Candle(
              T0.plusSeconds(60L * i), Interval.M1, p, p + 1, p - 1, p, r.nextDouble() * 20));
    }
    Market m =
        new Market(0, "BTC", 3, 50, Interval.M1, T0.toEpochMilli(), replay, AfterReplay.STOP, 7, 0);
    for (int[] range : new int[][] {{0, 0}, {0, 1}, {5, 1445}, {1559, 2999}, {2000, 3000}}) {
      double notional = 0;
      double volume = 0;
      for (int i = range[0]; i < range[1]; i++) {
        notional += m.candle(i).volume() * m.candle(i).close();
        volume += m.candle(i).volume();
      }
      assertThat(m.notional(range[0], range[1]))
          .isCloseTo(notional, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(m.volume(range[0], range[1]))
          .isCloseTo(volume, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void marketTriggersPayTheSpreadLikeAnyMarketOrderButNeverLeaveTheCandle() {
    // A round trip through the synthetic book costs the spread both ways: the entry buys at the
    // ask, and the exit
    // sold by a stop-market or take-profit-market order gets the bid, not the trigger price itself.
    Engine e = engine(List.of(c(0, 100, 101, 99, 100), c(1, 100, 100.5, 94, 95)), 1);
    e.placeOrders(
        USER,
        List.of(
            limit(true, "101", "1", "Ioc"),
            trigger(false, "110", "1", "tp"),
            trigger(false, "95", "1", "sl")),
        "normalTpsl");
    e.step();
    SimFill stop = e.account(USER).fills.getLast();
    assertThat(stop.px())
        .isEqualByComparingTo("94.99"); // 95 - max(1 bp, one tick), rounded down to a valid price
    assertThat(stop.crossed()).isTrue();
    assertThat(stop.fee())
        .isEqualByComparingTo("0.042746"); // 94.99 * 0.00045, half up to 6 decimals

    // A stop at the very low of the candle fills at that low: the spread never takes a fill outside
    // the candle.
    Engine low = engine(List.of(c(0, 100, 101, 99, 100), c(1, 100, 100.5, 95, 96)), 1);
    low.placeOrders(
        USER,
        List.of(
            limit(true, "101", "1", "Ioc"),
            trigger(false, "110", "1", "tp"),
            trigger(false, "95", "1", "sl")),
        "normalTpsl");
    low.step();
    assertThat(low.account(USER).fills.getLast().px()).isEqualByComparingTo("95");

    // A short's take-profit buys back at the ask above its trigger.
    Engine shortTp = engine(List.of(c(0, 100, 101, 99, 100), c(1, 100, 100.5, 89, 90)), 1);
    shortTp.placeOrders(
        USER,
        List.of(
            limit(false, "99", "1", "Ioc"),
            trigger(true, "90", "1", "tp"),
            trigger(true, "105", "1", "sl")),
        "normalTpsl");
    shortTp.step();
    assertThat(shortTp.account(USER).fills.getLast().px()).isEqualByComparingTo("90.009");
  }

  @Test
  void iocBuyFillsAtTheBestAskAsTakerAndTheEquityIdentityHolds() {
    Engine e = engine(List.of(c(0, 100, 101, 99, 100), c(1, 100, 102, 99, 101)), 1);
    Engine.Book book = e.book(e.market(0));
    assertThat(book.bids().getFirst().px()).isEqualByComparingTo("99.99");
    assertThat(book.asks().getFirst().px()).isEqualByComparingTo("100.01");

    List<Status> st = e.placeOrders(USER, List.of(limit(true, "105", "1", "Ioc")), "na");

    assertThat(st.getFirst())
        .isInstanceOfSatisfying(
            Status.Filled.class,
            f -> {
              assertThat(f.totalSz()).isEqualByComparingTo("1");
              assertThat(f.avgPx()).isEqualByComparingTo("100.01");
            });
    Account a = e.account(USER);
    assertThat(a.fills).hasSize(1);
    assertThat(a.fills.getFirst().fee()).isEqualByComparingTo("0.045005"); // 100.01 * 0.00045
    assertThat(a.fills.getFirst().crossed()).isTrue();
    assertThat(a.fills.getFirst().dir()).isEqualTo("Open Long");
    // mark is 100 (close of candle 0): uPnL = (100 - 100.01) * 1
    assertThat(e.equity(a))
        .isEqualByComparingTo(bd("10000").subtract(bd("0.045005")).add(bd("-0.01")));
  }

  @Test
  void normalTpslLongHitsTheStopBeforeTheTakeProfitWhenBothAreInsideOneCandle() {
    // candle 1 spans 94..106: both TP 105 and SL 95 are inside it
    Engine e = engine(List.of(c(0, 100, 100, 100, 100), c(1, 100, 106, 94, 105)), 1);
    List<Status> st =
        e.placeOrders(
            USER,
            List.of(
                limit(true, "101", "1", "Ioc"),
                trigger(false, "105", "1", "tp"),
                trigger(false, "95", "1", "sl")),
            "normalTpsl");
    assertThat(st.get(0)).isInstanceOf(Status.Filled.class);
    assertThat(st.get(1)).isEqualTo(new Status.Text("waitingForTrigger"));
    assertThat(st.get(2)).isEqualTo(new Status.Text("waitingForTrigger"));

    assertThat(e.step()).isTrue();

    Account a = e.account(USER);
    assertThat(a.szi(0)).isZero();
    SimFill exit = a.fills.getLast();
    assertThat(exit.px()).isEqualByComparingTo("94.99");
    assertThat(exit.dir()).isEqualTo("Close Long");
    assertThat(exit.closedPnl())
        .isEqualByComparingTo(
            "-5.01"); // entry 100 (ask clamped to candle 0's range), exit 94.99 (the bid under the
    // trigger 95)
    // the TP was cancelled as the sibling of the filled SL
    SimOrder tp =
        a.orders.values().stream()
            .filter(o -> o.trigger != null && o.trigger.takeProfit())
            .findFirst()
            .orElseThrow();
    assertThat(tp.status).isEqualTo("siblingFilledCanceled");
    assertThat(a.collateral())
        .isEqualByComparingTo(
            bd("10000").subtract(bd("0.045")).subtract(bd("0.042746")).add(bd("-5.01")));
  }

  @Test
  void shortSeesTheHighFirst() {
    Engine e = engine(List.of(c(0, 100, 100, 100, 100), c(1, 100, 106, 94, 95)), 1);
    e.placeOrders(
        USER,
        List.of(
            limit(false, "99", "1", "Ioc"),
            trigger(true, "95", "1", "tp"),
            trigger(true, "105", "1", "sl")),
        "normalTpsl");
    e.step();
    SimFill exit = e.account(USER).fills.getLast();
    assertThat(exit.px()).isEqualByComparingTo("105.02");
    assertThat(exit.closedPnl()).isEqualByComparingTo("-5.02");
  }

  @Test
  void restingLimitFillsAtItsPriceAsMakerAndActivatesItsChildren() {
    Engine e =
        engine(
            List.of(c(0, 100, 100, 100, 100), c(1, 100, 100, 97, 99), c(2, 99, 104, 98, 103)), 1);
    List<Status> st =
        e.placeOrders(
            USER,
            List.of(
                limit(true, "98", "1", "Gtc"),
                trigger(false, "103", "1", "tp"),
                trigger(false, "90", "1", "sl")),
            "normalTpsl");
    assertThat(st.get(0)).isInstanceOf(Status.Resting.class);
    assertThat(st.get(1)).isEqualTo(new Status.Text("waitingForFill"));

    e.step();
    Account a = e.account(USER);
    assertThat(a.fills).hasSize(1);
    assertThat(a.fills.getFirst().px()).isEqualByComparingTo("98");
    assertThat(a.fills.getFirst().crossed()).isFalse();
    assertThat(a.fills.getFirst().fee()).isEqualByComparingTo("0.0147"); // 98 * 0.00015

    e.step();
    assertThat(a.szi(0)).isZero();
    assertThat(a.fills.getLast().px()).isEqualByComparingTo("102.98");
    assertThat(a.fills.getLast().closedPnl()).isEqualByComparingTo("4.98");
  }

  @Test
  void aloThatWouldTakeIsRejected() {
    Engine e = engine(List.of(c(0, 100, 100, 100, 100)), 1);
    List<Status> st = e.placeOrders(USER, List.of(limit(true, "100.01", "1", "Alo")), "na");
    assertThat(st.getFirst())
        .isEqualTo(
            new Status.Error(
                "Post only order would have immediately matched, bbo was 99.99@100.01."));
    assertThat(e.placeOrders(USER, List.of(limit(true, "99.99", "1", "Alo")), "na").getFirst())
        .isInstanceOf(Status.Resting.class);
  }

  @Test
  void rejectsWhatTheExchangeRejects() {
    Engine e = engine(List.of(c(0, 100, 100, 100, 100)), 1);
    assertThat(e.placeOrders(USER, List.of(limit(true, "100.001", "1", "Gtc")), "na").getFirst())
        .isEqualTo(new Status.Error("Price must be divisible by tick size."));
    assertThat(e.placeOrders(USER, List.of(limit(true, "99.5", "1.0001", "Gtc")), "na").getFirst())
        .isEqualTo(new Status.Error("Order has invalid size."));
    assertThat(e.placeOrders(USER, List.of(limit(true, "99", "0.1", "Gtc")), "na").getFirst())
        .isEqualTo(new Status.Error("Order must have minimum value of $10."));
    assertThat(
            e.placeOrders(
                    USER,
                    List.of(
                        new OrderSpec(0, false, "99", "1", true, "Ioc", null, null, null, null)),
                    "na")
                .getFirst())
        .isEqualTo(new Status.Error("Reduce only order would increase position."));
    // 20x default leverage on 10000 USDC: 2000 BTC at 100 needs 10000 of margin, 2001 is too much
    assertThat(e.placeOrders(USER, List.of(limit(true, "99", "2100", "Gtc")), "na").getFirst())
        .isEqualTo(new Status.Error("Insufficient margin to place order."));
    assertThat(
            e.placeOrders(
                    USER,
                    List.of(
                        new OrderSpec(3, true, "99", "1", false, "Gtc", null, null, null, null)),
                    "na")
                .getFirst())
        .isInstanceOf(Status.Error.class);
    assertThat(e.placeOrders(USER, List.of(limit(true, "90", "1", "Ioc")), "na").getFirst())
        .isEqualTo(
            new Status.Error("Order could not immediately match against any resting orders."));
  }

  @Test
  void anOrderPricedMoreThan95PercentFromTheReferencePriceIsRefused() {
    // Reference (oracle) price 100: prices in [5, 195] are accepted, others refused, whatever
    // the time in force, and for trigger orders too (their limit price).
    String refused = "Order price cannot be more than 95% away from the reference price";
    Engine e = engine(List.of(c(0, 100, 100, 100, 100)), 1);
    assertThat(e.placeOrders(USER, List.of(limit(true, "195.1", "0.1", "Ioc")), "na").getFirst())
        .isEqualTo(new Status.Error(refused));
    assertThat(e.placeOrders(USER, List.of(limit(true, "196", "0.1", "Gtc")), "na").getFirst())
        .isEqualTo(new Status.Error(refused));
    assertThat(e.placeOrders(USER, List.of(limit(false, "4.99", "3", "Gtc")), "na").getFirst())
        .isEqualTo(new Status.Error(refused));
    assertThat(e.placeOrders(USER, List.of(limit(true, "4.9", "3", "Alo")), "na").getFirst())
        .isEqualTo(new Status.Error(refused));
    assertThat(e.placeOrders(USER, List.of(trigger(true, "200", "1", "tp")), "na").getFirst())
        .isEqualTo(new Status.Error(refused));
    assertThat(e.account(USER).fills).isEmpty();
    assertThat(e.account(USER).openOrders()).isEmpty();

    // A cloid'd refusal is recorded as oracleRejected, as orderStatus reports it.
    String cloid = "0x000000000000000000000000000000aa";
    e.placeOrders(
        USER,
        List.of(new OrderSpec(0, true, "1", "20", false, "Gtc", null, null, null, cloid)),
        "na");
    assertThat(e.account(USER).byCloid.get(cloid).status).isEqualTo("oracleRejected");

    // At the edges of the band the orders are taken: a buy at 195 fills, a sell at 5 rests.
    assertThat(e.placeOrders(USER, List.of(limit(true, "195", "0.1", "Ioc")), "na").getFirst())
        .isInstanceOf(Status.Filled.class);
    assertThat(e.placeOrders(USER, List.of(limit(true, "5", "3", "Gtc")), "na").getFirst())
        .isInstanceOf(Status.Resting.class);

    // A modify to a price outside the band is refused and leaves the order as it was.
    long oid = e.account(USER).openOrders().getFirst().oid;
    assertThat(e.modify(USER, oid, limit(true, "4", "3", "Gtc")))
        .isEqualTo(new Status.Error(refused));
    assertThat(e.account(USER).openOrders())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.oid).isEqualTo(oid);
              assertThat(o.limitPx).isEqualByComparingTo("5");
            });
  }

  @Test
  void liquidationClosesAnOverleveragedLongAtItsLiquidationPrice() {
    Engine e = engine(List.of(c(0, 100, 100, 100, 100), c(1, 100, 100, 90, 92)), 1);
    Account a = e.account(USER);
    e.updateLeverage(USER, 0, true, 50);
    // 4900 BTC-units at ~100: notional 490000, margin 9800 at 50x
    e.placeOrders(USER, List.of(limit(true, "101", "4900", "Ioc")), "na");
    BigDecimal liq = e.liquidationPx(a, e.market(0));
    assertThat(liq).isNotNull();
    assertThat(liq.doubleValue()).isBetween(97.0, 100.0);

    e.step();
    assertThat(a.szi(0)).isZero();
    SimFill last = a.fills.getLast();
    assertThat(last.liquidation()).isTrue();
    assertThat(last.px()).isEqualByComparingTo(liq);
    // at the liquidation price equity equals maintenance margin: 1/(2*50) of the notional
    BigDecimal maintenance = liq.multiply(bd("4900")).divide(bd("100"));
    assertThat(a.collateral().subtract(maintenance).abs().doubleValue()).isLessThan(1e-6);
    // userFills names the liquidated account, as the exchange does
    Object shown = new InfoResponses(e, new Faults()).userFills(USER, null, null, false).getFirst();
    assertThat(Json.object(shown, "fill").get("liquidation"))
        .isEqualTo(Map.of("liquidatedUser", USER, "markPx", Prices.wire(liq), "method", "market"));
  }

  @Test
  void scheduledCancelCancelsOpenOrdersAtItsTime() {
    Engine e =
        engine(
            List.of(c(0, 100, 100, 100, 100), c(1, 100, 101, 99.5, 100), c(2, 100, 101, 99.5, 100)),
            1);
    e.placeOrders(USER, List.of(limit(true, "95", "1", "Gtc")), "na");
    assertThat(e.scheduleCancel(USER, e.now() + 1000)).isNotNull();
    assertThat(e.scheduleCancel(USER, e.now() + 90_000)).isNull();
    e.step();
    assertThat(e.account(USER).openOrders()).hasSize(1);
    e.step();
    assertThat(e.account(USER).openOrders()).isEmpty();
    assertThat(e.account(USER).orders.values().iterator().next().status)
        .isEqualTo("scheduledCancel");
  }

  @Test
  void positionTpslFollowsThePositionSize() {
    Engine e =
        engine(
            List.of(c(0, 100, 100, 100, 100), c(1, 100, 100, 100, 100), c(2, 100, 112, 100, 111)),
            1);
    e.placeOrders(USER, List.of(limit(true, "101", "1", "Ioc")), "na");
    List<Status> st =
        e.placeOrders(USER, List.of(trigger(false, "110", "1", "tp")), "positionTpsl");
    assertThat(st.getFirst()).isEqualTo(new Status.Text("waitingForTrigger"));
    e.placeOrders(USER, List.of(limit(true, "101", "2", "Ioc")), "na");
    e.step();
    e.step();
    Account a = e.account(USER);
    assertThat(a.szi(0)).isZero();
    assertThat(a.fills.getLast().sz()).isEqualByComparingTo("3");
    assertThat(a.fills.getLast().px()).isEqualByComparingTo("109.98");
  }

  @Test
  void triggerFaultRejectsTheNextTriggerOrder() {
    Market m =
        new Market(
            0,
            "BTC",
            3,
            50,
            Interval.M1,
            T0.toEpochMilli(),
            List.of(c(0, 100, 100, 100, 100)),
            AfterReplay.STOP,
            7,
            0);
    Faults faults = new Faults().rejectNextTriggerOrders(1);
    Engine e = new Engine(List.of(m), config(), faults, null, T0.toEpochMilli() + 60_000);
    e.fund(USER, bd("1000"));
    e.placeOrders(USER, List.of(limit(true, "101", "1", "Ioc")), "na");
    assertThat(e.placeOrders(USER, List.of(trigger(false, "90", "1", "sl")), "na").getFirst())
        .isEqualTo(new Status.Error("Invalid TP/SL price."));
    assertThat(e.placeOrders(USER, List.of(trigger(false, "90", "1", "sl")), "na").getFirst())
        .isInstanceOf(Status.Resting.class);
  }

  @Test
  void gapFillsAtTheOpenNotAtAPriceThatNeverTraded() {
    Engine e = engine(List.of(c(0, 100, 100, 100, 100), c(1, 90, 91, 89, 90)), 1);
    e.placeOrders(
        USER,
        List.of(
            limit(true, "101", "1", "Ioc"),
            trigger(false, "120", "1", "tp"),
            trigger(false, "95", "1", "sl")),
        "normalTpsl");
    e.step();
    assertThat(e.account(USER).fills.getLast().px()).isEqualByComparingTo("89.991");
  }

  @Test
  void loopAndSyntheticContinuationsAreDeterministic() {
    List<Candle> replay = new ArrayList<>();
    for (int i = 0; i < 5; i++) replay.add(c(i, 100 + i, 101 + i, 99 + i, 100.5 + i));
    Market loop =
        new Market(0, "BTC", 3, 50, Interval.M1, T0.toEpochMilli(), replay, AfterReplay.LOOP, 1, 0);
    assertThat(loop.candle(5).open()).isEqualTo(104.5);
    assertThat(loop.candle(5).openTime()).isEqualTo(T0.plusSeconds(300));
    Market s1 =
        new Market(
            0, "BTC", 3, 50, Interval.M1, T0.toEpochMilli(), replay, AfterReplay.SYNTHETIC, 42, 0);
    Market s2 =
        new Market(
            0, "BTC", 3, 50, Interval.M1, T0.toEpochMilli(), replay, AfterReplay.SYNTHETIC, 42, 0);
    Market s3 =
        new Market(
            0, "BTC", 3, 50, Interval.M1, T0.toEpochMilli(), replay, AfterReplay.SYNTHETIC, 43, 0);
    assertThat(s1.candle(500)).isEqualTo(s2.candle(500));
    assertThat(s1.candle(500)).isNotEqualTo(s3.candle(500));
    assertThat(s1.candle(5).open()).isEqualTo(104.5);
  }

  @Test
  void stopLimitTriggerRestsWhenItsLimitIsNotReachableThenFillsAsMaker() {
    // candle 1 gaps down through the trigger 97.5 and never trades back up to the stop-limit's 97,
    // so it rests
    Engine e =
        engine(
            List.of(c(0, 100, 100, 100, 100), c(1, 96.5, 96.8, 95.5, 96), c(2, 96, 98, 96, 97.5)),
            1);
    e.placeOrders(USER, List.of(limit(true, "101", "1", "Ioc")), "na");
    e.placeOrders(
        USER,
        List.of(new OrderSpec(0, false, "97", "1", true, null, false, "97.5", "sl", null)),
        "na");
    e.step();
    Account a = e.account(USER);
    SimOrder stop = a.openOrders().getFirst();
    assertThat(stop.triggered).isTrue();
    assertThat(a.szi(0)).isEqualByComparingTo("1");
    e.step();
    assertThat(a.szi(0)).isZero();
    assertThat(a.fills.getLast().px()).isEqualByComparingTo("97");
    assertThat(a.fills.getLast().crossed()).isFalse();
  }

  @Test
  void cancellingAnUnfilledParentCancelsItsChildren() {
    Engine e = engine(List.of(c(0, 100, 100, 100, 100)), 1);
    List<Status> st =
        e.placeOrders(
            USER,
            List.of(limit(true, "95", "1", "Gtc"), trigger(false, "110", "1", "tp")),
            "normalTpsl");
    long parent = ((Status.Resting) st.getFirst()).oid();
    assertThat(e.cancel(USER, 0, parent)).isNull();
    assertThat(e.account(USER).openOrders()).isEmpty();
    assertThat(e.account(USER).orders.values())
        .extracting(o -> o.status)
        .containsExactly("canceled", "canceled");
  }

  @Test
  void aFillThatFlipsThePositionClosesThenOpens() {
    Engine e = engine(List.of(c(0, 100, 101, 99, 100)), 1);
    e.placeOrders(USER, List.of(limit(true, "101", "1", "Ioc")), "na");
    e.placeOrders(USER, List.of(limit(false, "99", "3", "Ioc")), "na");
    Account a = e.account(USER);
    SimFill flip = a.fills.getLast();
    assertThat(flip.dir()).isEqualTo("Long > Short");
    assertThat(flip.startPosition()).isEqualByComparingTo("1");
    assertThat(flip.closedPnl()).isEqualByComparingTo("-0.02"); // bought 100.01, sold 99.99
    assertThat(a.szi(0)).isEqualByComparingTo("-2");
    assertThat(a.position(0).entryPx).isEqualByComparingTo("99.99");
  }

  @Test
  void aLargeIocWalksTheBookAndDropsWhatItCannotFill() {
    Market m =
        new Market(
            0,
            "BTC",
            3,
            50,
            Interval.M1,
            T0.toEpochMilli(),
            List.of(c(0, 100, 110, 90, 100)),
            AfterReplay.STOP,
            7,
            0);
    Engine.Config thin =
        new Engine.Config(
            new BigDecimal("0.00045"),
            new BigDecimal("0.00015"),
            new BigDecimal("2"),
            new BigDecimal("1000"),
            20,
            BigDecimal.ZERO);
    Engine e = new Engine(List.of(m), thin, new Faults(), null, T0.toEpochMilli() + 60_000);
    e.fund(USER, bd("100000"));
    // levels of 10, 12.5, 15 ... BTC at 100.01, 100.02, 100.03 ...; a limit of 100.02 reaches two
    // levels
    List<Status> st = e.placeOrders(USER, List.of(limit(true, "100.02", "30", "Ioc")), "na");
    assertThat(st.getFirst())
        .isInstanceOfSatisfying(
            Status.Filled.class,
            f -> {
              assertThat(f.totalSz()).isEqualByComparingTo("22.5");
              assertThat(f.avgPx())
                  .isEqualByComparingTo(
                      bd("100.01")
                          .multiply(bd("10"))
                          .add(bd("100.02").multiply(bd("12.5")))
                          .divide(bd("22.5"), Engine.MC));
            });
    assertThat(e.account(USER).fills).hasSize(2);
    assertThat(e.account(USER).openOrders()).isEmpty();
  }

  @Test
  void partialAdvanceFillsAtTheInterpolatedTime() {
    // candle 1: open 100, low 94 at 1/3 (20 s), high 100 at 2/3, close 99; a long sees the low
    // first,
    // so the price is 98.5 after 5 s and 97 after 10 s.
    Engine e = engine(List.of(c(0, 100, 100, 100, 100), c(1, 100, 100, 94, 99)), 1);
    e.placeOrders(
        USER,
        List.of(limit(true, "101", "1", "Ioc"), trigger(false, "97", "1", "sl")),
        "normalTpsl");
    long open = T0.toEpochMilli() + 60_000;
    e.advanceTo(open + 5_000);
    assertThat(e.account(USER).szi(0)).isEqualByComparingTo("1");
    // the public path of a down candle takes its high (here the open) first: only the long's own
    // path dipped
    assertThat(e.price(e.market(0))).isEqualByComparingTo("100");
    e.advanceTo(open + 15_000);
    SimFill stop = e.account(USER).fills.getLast();
    assertThat(stop.px()).isEqualByComparingTo("96.99");
    assertThat(stop.time()).isEqualTo(open + 10_000);
  }

  @Test
  void fundingIsPaidOnEveryHourBoundary() {
    List<Candle> flat = new ArrayList<>();
    for (int i = 0; i < 130; i++) flat.add(c(i, 100, 100, 100, 100));
    Engine e = engine(flat, 59); // 00:59
    e.placeOrders(
        USER,
        List.of(limit(true, "101", "2", "Ioc")),
        "na"); // long 2 at 100 (ask clamped to the flat candle)
    Account a = e.account(USER);
    BigDecimal afterEntry = a.collateral();
    e.step(); // 01:00: the long pays 2 * 100 * 0.0000125
    assertThat(a.collateral()).isEqualByComparingTo(afterEntry.subtract(bd("0.0025")));
    e.advanceTo(T0.toEpochMilli() + 2 * 3_600_000L + 1); // past 02:00
    assertThat(a.fundings)
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.usdc()).isEqualByComparingTo("-0.0025"));
    assertThat(a.fundings.get(1).time()).isEqualTo(T0.toEpochMilli() + 2 * 3_600_000L);
    assertThat(a.position(0).fundingSinceOpen).isEqualByComparingTo("-0.005");
  }
}
