package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackRecordTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final Asset ETH = Asset.of("ETH");
  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  private static final BigDecimal START = new BigDecimal("1000");

  private static int hashes;

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  private static Instant t(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  private static Fill fill(
      Asset asset,
      Side side,
      String price,
      String size,
      int minute,
      String fee,
      String closedPnl,
      String startPosition) {
    return new Fill(
        asset,
        side,
        bd(price),
        bd(size),
        t(minute),
        bd(fee),
        bd(closedPnl),
        1,
        null,
        bd(startPosition),
        true,
        "0xh" + (hashes++),
        0);
  }

  private static ClosedTrade trade(Asset asset, int openMinute, int closeMinute, String netPnl) {
    return new ClosedTrade(
        asset,
        Side.BUY,
        BigDecimal.ONE,
        bd("100"),
        bd("100"),
        t(openMinute),
        t(closeMinute),
        bd(netPnl),
        BigDecimal.ZERO,
        bd("200"));
  }

  @Test
  void noTrades() {
    TrackRecord r = TrackRecord.fromFills(List.of(), START);
    assertThat(r.tradeCount()).isZero();
    assertThat(r.winCount()).isZero();
    assertThat(r.lossCount()).isZero();
    assertThat(r.winRate()).isZero();
    assertThat(r.profitFactor()).isEmpty();
    assertThat(r.sharpeRatio()).isEmpty();
    assertThat(r.averageWin()).isZero();
    assertThat(r.averageLoss()).isZero();
    assertThat(r.averageTrade()).isZero();
    assertThat(r.totalVolume()).isZero();
    assertThat(r.realizedPnl()).isZero();
    assertThat(r.fees()).isZero();
    assertThat(r.maxDrawdown()).isZero();
    assertThat(r.maxDrawdownFraction()).isZero();
    assertThat(r.equityCurve()).isEmpty();
    assertThat(r.perAsset()).isEmpty();
    assertThat(r.endingEquity()).isEqualByComparingTo("1000");
    assertThat(r.totalReturn()).isZero();
  }

  @Test
  void singleWinningTrade() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0.05", "0", "0"),
            fill(BTC, Side.SELL, "110", "1", 30, "0.055", "10", "1"));
    TrackRecord r = TrackRecord.fromFills(fills, START);

    assertThat(r.tradeCount()).isEqualTo(1);
    ClosedTrade trade = r.trades().get(0);
    assertThat(trade.asset()).isEqualTo(BTC);
    assertThat(trade.side()).isEqualTo(Side.BUY);
    assertThat(trade.isLong()).isTrue();
    assertThat(trade.size()).isEqualByComparingTo("1");
    assertThat(trade.entryPrice()).isEqualByComparingTo("100");
    assertThat(trade.exitPrice()).isEqualByComparingTo("110");
    assertThat(trade.openTime()).isEqualTo(t(0));
    assertThat(trade.closeTime()).isEqualTo(t(30));
    assertThat(trade.realizedPnl()).isEqualByComparingTo("10");
    assertThat(trade.fees()).isEqualByComparingTo("0.105");
    assertThat(trade.netPnl()).isEqualByComparingTo("9.895");
    assertThat(trade.volume()).isEqualByComparingTo("210");

    assertThat(r.winCount()).isEqualTo(1);
    assertThat(r.winRate()).isEqualTo(1.0);
    assertThat(r.profitFactor()).hasValue(Double.POSITIVE_INFINITY);
    assertThat(r.averageWin()).isEqualByComparingTo("9.895");
    assertThat(r.averageLoss()).isZero();
    assertThat(r.averageTrade()).isEqualByComparingTo("9.895");
    assertThat(r.realizedPnl()).isEqualByComparingTo("10");
    assertThat(r.fees()).isEqualByComparingTo("0.105");
    assertThat(r.netPnl()).isEqualByComparingTo("9.895");
    assertThat(r.totalVolume()).isEqualByComparingTo("210");
    assertThat(r.sharpeRatio()).as("one return has no standard deviation").isEmpty();
    assertThat(r.maxDrawdown()).isZero();
    assertThat(r.endingEquity()).isEqualByComparingTo("1009.895");
    assertThat(r.totalReturn()).isCloseTo(0.009895, within(1e-12));
    assertThat(r.equityCurve())
        .containsExactly(
            new TrackRecord.EquityPoint(t(0), bd("1000")),
            new TrackRecord.EquityPoint(t(30), bd("1009.895")));
  }

  @Test
  void allLosers() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"),
            fill(ETH, Side.SELL, "50", "2", 5, "0.5", "0", "0"),
            fill(BTC, Side.SELL, "90", "1", 10, "0", "-10", "1"),
            fill(ETH, Side.BUY, "55", "2", 20, "0.5", "-10", "-2"));
    TrackRecord r = TrackRecord.fromFills(fills, START);

    assertThat(r.tradeCount()).isEqualTo(2);
    assertThat(r.winCount()).isZero();
    assertThat(r.lossCount()).isEqualTo(2);
    assertThat(r.winRate()).isZero();
    assertThat(r.profitFactor()).hasValue(0.0);
    assertThat(r.grossProfit()).isZero();
    assertThat(r.grossLoss()).isEqualByComparingTo("21");
    assertThat(r.averageWin()).isZero();
    assertThat(r.averageLoss()).isEqualByComparingTo("-10.5");
    assertThat(r.averageTrade()).isEqualByComparingTo("-10.5");
    assertThat(r.totalVolume()).isEqualByComparingTo("400"); // 100 + 90 + 100 + 110
    // Equity 1000 -> 990 -> 979.
    assertThat(r.maxDrawdown()).isEqualByComparingTo("21");
    assertThat(r.maxDrawdownFraction()).isCloseTo(0.021, within(1e-12));
    // Returns -10/1000 and -11/990: mean -0.0105556, sample stdev 0.000785674.
    assertThat(r.sharpeRatio().getAsDouble()).isCloseTo(-13.4350288, within(1e-6));

    ClosedTrade shortTrade = r.trades().get(1);
    assertThat(shortTrade.side()).isEqualTo(Side.SELL);
    assertThat(shortTrade.entryPrice()).isEqualByComparingTo("50");
    assertThat(shortTrade.exitPrice()).isEqualByComparingTo("55");
    assertThat(shortTrade.netPnl()).isEqualByComparingTo("-11");
  }

  @Test
  void perAssetBreakdown() {
    List<Fill> fills =
        List.of(
            fill(ETH, Side.SELL, "50", "2", 5, "0.5", "0", "0"),
            fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"),
            fill(BTC, Side.SELL, "90", "1", 10, "0", "-10", "1"),
            fill(ETH, Side.BUY, "55", "2", 20, "0.5", "-10", "-2"),
            fill(BTC, Side.BUY, "100", "1", 30, "0", "0", "0"),
            fill(BTC, Side.SELL, "130", "1", 40, "0", "30", "1"));
    TrackRecord r = TrackRecord.fromFills(fills, START);

    assertThat(r.perAsset()).containsOnlyKeys(BTC, ETH);
    assertThat(List.copyOf(r.perAsset().keySet())).containsExactly(BTC, ETH);
    TrackRecord btc = r.perAsset().get(BTC);
    assertThat(btc.tradeCount()).isEqualTo(2);
    assertThat(btc.netPnl()).isEqualByComparingTo("20");
    assertThat(btc.winRate()).isEqualTo(0.5);
    assertThat(btc.profitFactor()).hasValue(3.0);
    assertThat(btc.perAsset()).containsOnlyKeys(BTC);
    assertThat(btc.perAsset().get(BTC)).isSameAs(btc);
    TrackRecord eth = r.perAsset().get(ETH);
    assertThat(eth.tradeCount()).isEqualTo(1);
    assertThat(eth.netPnl()).isEqualByComparingTo("-11");
    assertThat(r.netPnl()).isEqualByComparingTo("9");
  }

  @Test
  void partialClosesAndAddsBelongToOneTrade() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "2", 0, "0.2", "0", "0"),
            fill(BTC, Side.SELL, "110", "1", 10, "0.1", "10", "2"),
            fill(BTC, Side.BUY, "120", "1", 20, "0.1", "0", "1"),
            // average entry after the add is (100 + 120) / 2 = 110, so closing 2 at 115 realises 10
            fill(BTC, Side.SELL, "115", "2", 30, "0.2", "10", "2"));
    List<ClosedTrade> trades = TrackRecord.closedTrades(fills);

    assertThat(trades).hasSize(1);
    ClosedTrade trade = trades.get(0);
    assertThat(trade.size()).isEqualByComparingTo("3");
    assertThat(trade.entryPrice())
        .isCloseTo(bd("106.6666666666667"), within(bd("1e-12"))); // 320 / 3
    assertThat(trade.exitPrice())
        .isCloseTo(bd("113.3333333333333"), within(bd("1e-12"))); // 340 / 3
    assertThat(trade.realizedPnl()).isEqualByComparingTo("20");
    assertThat(trade.fees()).isEqualByComparingTo("0.6");
    assertThat(trade.volume()).isEqualByComparingTo("660");
    assertThat(trade.openTime()).isEqualTo(t(0));
    assertThat(trade.closeTime()).isEqualTo(t(30));
  }

  @Test
  void aPositionStillOpenIsLeftOut() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"),
            fill(BTC, Side.SELL, "110", "1", 1, "0", "10", "1"),
            fill(BTC, Side.BUY, "100", "2", 2, "0.2", "0", "0"),
            fill(BTC, Side.SELL, "110", "1", 3, "0.1", "10", "2"));
    TrackRecord r = TrackRecord.fromFills(fills, START);

    assertThat(r.tradeCount()).isEqualTo(1);
    assertThat(r.realizedPnl()).isEqualByComparingTo("10");
    assertThat(r.fees()).isZero();
    assertThat(r.totalVolume()).isEqualByComparingTo("210");
  }

  @Test
  void feesTurnAGrossWinIntoALossAndRebatesCount() {
    List<Fill> fills =
        List.of(
            // gross +1, fees 1.5: a loss
            fill(BTC, Side.BUY, "100", "1", 0, "0.75", "0", "0"),
            fill(BTC, Side.SELL, "101", "1", 1, "0.75", "1", "1"),
            // gross +1, fees 1: nets zero, neither win nor loss
            fill(BTC, Side.BUY, "100", "1", 2, "0.5", "0", "0"),
            fill(BTC, Side.SELL, "101", "1", 3, "0.5", "1", "1"),
            // gross 0, maker rebates -0.2: a win of 0.2
            fill(ETH, Side.BUY, "10", "1", 4, "-0.1", "0", "0"),
            fill(ETH, Side.SELL, "10", "1", 5, "-0.1", "0", "1"));
    TrackRecord r = TrackRecord.fromFills(fills, START);

    assertThat(r.tradeCount()).isEqualTo(3);
    assertThat(r.lossCount()).isEqualTo(1);
    assertThat(r.winCount()).isEqualTo(1);
    assertThat(r.trades().get(1).isWin()).isFalse();
    assertThat(r.trades().get(1).isLoss()).isFalse();
    assertThat(r.winRate()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(r.realizedPnl()).isEqualByComparingTo("2");
    assertThat(r.fees()).isEqualByComparingTo("2.3");
    assertThat(r.netPnl()).isEqualByComparingTo("-0.3");
    assertThat(r.trades().get(2).netPnl()).isEqualByComparingTo("0.2");
    assertThat(r.profitFactor().getAsDouble()).isCloseTo(0.4, within(1e-15)); // 0.2 / 0.5
  }

  @Test
  void onlyBreakEvenTradesHaveNoProfitFactor() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0.5", "0", "0"),
            fill(BTC, Side.SELL, "101", "1", 1, "0.5", "1", "1"));
    TrackRecord r = TrackRecord.fromFills(fills, START);
    assertThat(r.tradeCount()).isEqualTo(1);
    assertThat(r.winRate()).isZero();
    assertThat(r.profitFactor()).isEmpty();
  }

  @Test
  void aFlipClosesOneTradeAndOpensTheNext() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0.1", "0", "0"),
            fill(BTC, Side.SELL, "110", "3", 10, "0.3", "10", "1"),
            fill(BTC, Side.BUY, "100", "2", 20, "0.2", "20", "-2"));
    TrackRecord r = TrackRecord.fromFills(fills, START);

    assertThat(r.trades()).hasSize(2);
    ClosedTrade longTrade = r.trades().get(0);
    assertThat(longTrade.side()).isEqualTo(Side.BUY);
    assertThat(longTrade.size()).isEqualByComparingTo("1");
    assertThat(longTrade.entryPrice()).isEqualByComparingTo("100");
    assertThat(longTrade.exitPrice()).isEqualByComparingTo("110");
    assertThat(longTrade.realizedPnl()).isEqualByComparingTo("10");
    assertThat(longTrade.fees()).isEqualByComparingTo("0.2"); // 0.1 + 0.3 × 1/3
    assertThat(longTrade.volume()).isEqualByComparingTo("210");
    assertThat(longTrade.closeTime()).isEqualTo(t(10));

    ClosedTrade shortTrade = r.trades().get(1);
    assertThat(shortTrade.side()).isEqualTo(Side.SELL);
    assertThat(shortTrade.size()).isEqualByComparingTo("2");
    assertThat(shortTrade.entryPrice()).isEqualByComparingTo("110");
    assertThat(shortTrade.exitPrice()).isEqualByComparingTo("100");
    assertThat(shortTrade.realizedPnl()).isEqualByComparingTo("20");
    assertThat(shortTrade.fees()).isEqualByComparingTo("0.4"); // 0.3 × 2/3 + 0.2
    assertThat(shortTrade.volume()).isEqualByComparingTo("420");
    assertThat(shortTrade.openTime()).isEqualTo(t(10));

    assertThat(r.fees()).isEqualByComparingTo("0.6");
    assertThat(r.totalVolume()).isEqualByComparingTo("630");
  }

  @Test
  void drawdownOnAKnownCurve() {
    // Net PnL +100, -200, +600, -250 from 1000: equity 1000, 1100, 900, 1500, 1250.
    List<ClosedTrade> trades =
        List.of(
            trade(BTC, 0, 1, "100"),
            trade(BTC, 2, 3, "-200"),
            trade(BTC, 4, 5, "600"),
            trade(BTC, 6, 7, "-250"));
    TrackRecord r = TrackRecord.of(trades, START);

    assertThat(r.equityCurve())
        .extracting(TrackRecord.EquityPoint::equity)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(bd("1000"), bd("1100"), bd("900"), bd("1500"), bd("1250"));
    assertThat(r.equityCurve())
        .extracting(TrackRecord.EquityPoint::time)
        .containsExactly(t(0), t(1), t(3), t(5), t(7));
    // The largest fall in money is 1500 -> 1250 (250); the largest in percent is 1100 -> 900 (18.18
    // %).
    assertThat(r.maxDrawdown()).isEqualByComparingTo("250");
    assertThat(r.maxDrawdownFraction()).isCloseTo(200.0 / 1100, within(1e-12));
  }

  @Test
  void sharpeOnAKnownSeries() {
    // Returns 10/1000, -5/1010, 20/1005: mean 0.00831667, sample stdev 0.01251072.
    List<ClosedTrade> trades =
        List.of(trade(BTC, 0, 1, "10"), trade(ETH, 2, 3, "-5"), trade(BTC, 4, 5, "20"));
    TrackRecord r = TrackRecord.of(trades, START);
    assertThat(r.sharpeRatio().getAsDouble()).isCloseTo(0.6647631936, within(1e-9));
  }

  @Test
  void sharpeIsUndefinedWhenEveryReturnIsEqual() {
    // 10/1000 = 10.1/1010 = 0.01
    TrackRecord r =
        TrackRecord.of(List.of(trade(BTC, 0, 1, "10"), trade(BTC, 2, 3, "10.1")), START);
    assertThat(r.sharpeRatio()).isEmpty();
  }

  @Test
  void sharpeIsUndefinedOnceEquityIsGone() {
    TrackRecord r =
        TrackRecord.of(
            List.of(trade(BTC, 0, 1, "-1000"), trade(BTC, 2, 3, "5"), trade(BTC, 4, 5, "-3")),
            START);
    assertThat(r.sharpeRatio()).isEmpty();
    assertThat(r.maxDrawdownFraction()).isEqualTo(1.0);
  }

  @Test
  void tradesAreOrderedByCloseTime() {
    ClosedTrade late = trade(BTC, 0, 9, "5");
    ClosedTrade early = trade(ETH, 1, 2, "-5");
    TrackRecord r = TrackRecord.of(List.of(late, early), START);
    assertThat(r.trades()).containsExactly(early, late);
    assertThat(r.equityCurve().get(0)).isEqualTo(new TrackRecord.EquityPoint(t(0), bd("1000")));
    assertThat(r.equityCurve().get(1).equity()).isEqualByComparingTo("995");
  }

  @Test
  void fillsAreOrderedByTime() {
    List<Fill> fills =
        new ArrayList<>(
            List.of(
                fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"),
                fill(BTC, Side.SELL, "110", "1", 1, "0", "10", "1")));
    TrackRecord forward = TrackRecord.fromFills(fills, START);
    TrackRecord backward = TrackRecord.fromFills(fills.reversed(), START);
    assertThat(backward.trades()).isEqualTo(forward.trades());
  }

  @Test
  void fillsOfTheSameMillisecondAreChainedByTheirStartPosition() {
    // One market order that walked two book levels: two fills with the same time. The exchange
    // lists fills
    // newest first, so a caller may hand them over in either order.
    List<Fill> fills =
        new ArrayList<>(
            List.of(
                fill(BTC, Side.BUY, "100", "0.6", 0, "0.06", "0", "0"),
                fill(BTC, Side.BUY, "100.5", "0.4", 0, "0.04", "0", "0.6"),
                fill(ETH, Side.SELL, "50", "2", 0, "0.1", "0", "0"),
                fill(BTC, Side.SELL, "110", "1", 1, "0.1", "9.8", "1"),
                fill(ETH, Side.BUY, "45", "2", 1, "0.1", "10", "-2")));
    List<ClosedTrade> forward = TrackRecord.closedTrades(fills);
    assertThat(forward).hasSize(2);
    assertThat(forward.get(0).entryPrice()).isEqualByComparingTo("100.2");
    // Trades closing at the same time may come in another order; each is the same.
    assertThat(TrackRecord.closedTrades(fills.reversed()))
        .containsExactlyInAnyOrderElementsOf(forward);
    List<Fill> shuffled =
        List.of(fills.get(1), fills.get(2), fills.get(0), fills.get(4), fills.get(3));
    assertThat(TrackRecord.closedTrades(shuffled)).containsExactlyInAnyOrderElementsOf(forward);
  }

  @Test
  void anEntryAndItsStopInOneMillisecondAreOneTradeInEitherOrder() {
    // A stop that gapped on the bar after the entry: both fills carry the same time. The exchange
    // lists fills newest first.
    List<Fill> oldestFirst =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0.05", "0", "0"),
            fill(BTC, Side.SELL, "110", "1", 1, "0.05", "10", "1"),
            fill(BTC, Side.BUY, "120", "2", 2, "0.1", "0", "0"),
            fill(BTC, Side.SELL, "115", "2", 2, "0.1", "-10", "2"));
    List<ClosedTrade> forward = TrackRecord.closedTrades(oldestFirst);
    assertThat(forward).hasSize(2);
    assertThat(forward.get(1).fees()).isEqualByComparingTo("0.2");
    assertThat(forward.get(1).entryPrice()).isEqualByComparingTo("120");
    assertThat(TrackRecord.closedTrades(oldestFirst.reversed())).isEqualTo(forward);

    // The same round trip as the list's first fills: from a flat position.
    List<Fill> alone = oldestFirst.subList(2, 4);
    assertThat(TrackRecord.closedTrades(alone.reversed()))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.fees()).isEqualByComparingTo("0.2");
              assertThat(t.netPnl()).isEqualByComparingTo("-10.2");
            });
  }

  @Test
  void aListThatStartsInsideAPositionDerivesTheEntryFromThePnl() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.SELL, "110", "0.5", 0, "0", "5", "1"),
            fill(BTC, Side.SELL, "120", "0.5", 1, "0", "10", "0.5"));
    ClosedTrade trade = TrackRecord.closedTrades(fills).get(0);
    assertThat(trade.side()).isEqualTo(Side.BUY);
    assertThat(trade.size()).isEqualByComparingTo("1");
    assertThat(trade.exitPrice()).isEqualByComparingTo("115");
    assertThat(trade.entryPrice()).isEqualByComparingTo("100"); // 115 - 15 / 1
    assertThat(trade.volume()).isEqualByComparingTo("115");
    assertThat(trade.openTime()).isEqualTo(t(0));
  }

  @Test
  void aShortCarriedInDerivesItsEntryToo() {
    List<Fill> fills = List.of(fill(BTC, Side.BUY, "90", "2", 0, "0", "20", "-2"));
    ClosedTrade trade = TrackRecord.closedTrades(fills).get(0);
    assertThat(trade.side()).isEqualTo(Side.SELL);
    assertThat(trade.entryPrice()).isEqualByComparingTo("100"); // 90 - 20 / (2 × -1)
  }

  @Test
  void contradictoryFillsAreRejected() {
    List<Fill> fills =
        List.of(
            fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"),
            fill(BTC, Side.SELL, "110", "1", 1, "0", "10", "3"));
    assertThatThrownBy(() -> TrackRecord.fromFills(fills, START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(fills.get(1).hash())
        .hasMessageContaining("startPosition 3")
        .hasMessageContaining("leave 1");
  }

  @Test
  void startingEquityMustBePositive() {
    assertThatThrownBy(() -> TrackRecord.fromFills(List.of(), BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startingEquity")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> TrackRecord.of(List.of(), bd("-5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startingEquity must be > 0 but was -5");
    assertThatThrownBy(() -> TrackRecord.of(List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("startingEquity");
  }

  @Test
  void nullElementsAreNamed() {
    List<ClosedTrade> trades = new ArrayList<>();
    trades.add(null);
    assertThatThrownBy(() -> TrackRecord.of(trades, START))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("trades[0]");
  }

  @Test
  void nullFillsAreNamedAndResultsAreImmutable() {
    List<Fill> fills = new ArrayList<>();
    fills.add(fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"));
    fills.add(null);
    assertThatThrownBy(() -> TrackRecord.closedTrades(fills))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fills[1] == null");
    assertThatThrownBy(() -> TrackRecord.fromFills(null, START))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fills == null");

    TrackRecord r = TrackRecord.of(List.of(trade(BTC, 0, 1, "10"), trade(ETH, 0, 2, "-5")), START);
    assertThatThrownBy(() -> r.trades().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.equityCurve().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> r.perAsset().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringSummarises() {
    TrackRecord r = TrackRecord.of(List.of(trade(BTC, 0, 1, "10"), trade(BTC, 2, 3, "-5")), START);
    assertThat(r.toString()).contains("trades=2", "winRate=0.5", "netPnl=5", "profitFactor=2");
  }

  @Test
  void closedTradeValidation() {
    assertThatThrownBy(
            () ->
                new ClosedTrade(
                    BTC,
                    Side.BUY,
                    BigDecimal.ONE,
                    bd("100"),
                    bd("100"),
                    t(5),
                    t(4),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closeTime " + t(4));
    assertThatThrownBy(
            () ->
                new ClosedTrade(
                    BTC,
                    Side.BUY,
                    BigDecimal.ZERO,
                    bd("100"),
                    bd("100"),
                    t(0),
                    t(1),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be > 0 but was 0");
    assertThatThrownBy(
            () ->
                new ClosedTrade(
                    BTC,
                    Side.BUY,
                    BigDecimal.ONE,
                    bd("-1"),
                    bd("100"),
                    t(0),
                    t(1),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entryPrice must be > 0 but was -1");
    assertThatThrownBy(
            () ->
                new ClosedTrade(
                    BTC,
                    Side.BUY,
                    BigDecimal.ONE,
                    bd("100"),
                    bd("100"),
                    t(0),
                    t(1),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    bd("-3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("volume must be >= 0 but was -3");
    assertThatThrownBy(
            () ->
                new ClosedTrade(
                    BTC,
                    null,
                    BigDecimal.ONE,
                    bd("100"),
                    bd("100"),
                    t(0),
                    t(1),
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("side == null");
  }

  @Test
  void fundingEntersNetPnlEndingEquityAndTheCurveAtItsTime() {
    TrackRecord trades =
        TrackRecord.fromFills(
            List.of(
                fill(BTC, Side.BUY, "100", "1", 0, "0", "0", "0"),
                fill(ETH, Side.SELL, "50", "2", 5, "0.5", "0", "0"),
                fill(BTC, Side.SELL, "90", "1", 70, "0", "-10", "1"),
                fill(ETH, Side.BUY, "55", "2", 130, "0.5", "-10", "-2")),
            START);
    TrackRecord r =
        trades.withFunding(
            List.of(
                new FundingPayment(ETH, t(120), bd("0.4"), bd("0.0001"), bd("-2")),
                new FundingPayment(BTC, t(60), bd("-2"), bd("0.0001"), bd("1"))));

    assertThat(r.funding()).isEqualByComparingTo("-1.6");
    assertThat(r.netPnl()).isEqualByComparingTo(trades.netPnl().add(bd("-1.6")));
    assertThat(r.endingEquity()).isEqualByComparingTo(START.add(r.netPnl()));
    // Funding moves the curve at its time; the trades' own figures stay theirs.
    assertThat(r.equityCurve())
        .extracting(TrackRecord.EquityPoint::time)
        .containsExactly(t(0), t(60), t(70), t(120), t(130));
    assertThat(r.equityCurve())
        .extracting(p -> p.equity().doubleValue())
        .containsExactly(1000.0, 998.0, 988.0, 988.4, 977.4);
    assertThat(r.maxDrawdown()).isEqualByComparingTo("22.6");
    assertThat(r.averageTrade()).isEqualByComparingTo(trades.averageTrade());
    assertThat(r.winCount()).isEqualTo(trades.winCount());
    assertThat(r.perAsset().get(BTC).funding()).isEqualByComparingTo("-2");
    assertThat(r.perAsset().get(ETH).netPnl()).isEqualByComparingTo(bd("-11").add(bd("0.4")));
    assertThat(trades.funding()).isZero();
  }
}
