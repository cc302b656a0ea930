package dev.rez.app.loop;

import static dev.rez.testkit.FakeExchange.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.AssetInfo;
import dev.rez.core.OpenOrder;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.testkit.FakeExchange;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorTest {
  final LoopClock.Stepped clock = LoopClock.stepped(Instant.parse("2026-01-05T10:00:00Z"), t -> {});
  final FakeExchange ex = new FakeExchange(clock.asClock());
  final MemoryDiary diary = new MemoryDiary();
  final Executor executor =
      new Executor(ex, diary, clock.asClock(), Executor.Settings.defaults("run-test"));
  final AssetInfo btc = new AssetInfo(BTC, 0, 5, 50);
  final BigDecimal mark = new BigDecimal("50000");

  TradeDecision longBtc() {
    return TradeDecision.open(
        Side.BUY,
        BTC,
        new BigDecimal("1000"),
        5,
        new BigDecimal("52000"),
        new BigDecimal("49000"),
        "test");
  }

  @Test
  void opensWithTakeProfitAndStopLossInOneGroupedRequest() {
    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    assertThat(ex.groupedRequests()).isEqualTo(1);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.triggerPrice()).isEqualByComparingTo("49000");
              assertThat(o.side()).isEqualTo(Side.SELL);
              assertThat(o.size()).isEqualByComparingTo("0.02");
              assertThat(o.cloid()).isEqualTo(executor.cloid(1, BTC, "sl"));
            });
    assertThat(ex.triggers(BTC, TriggerKind.TAKE_PROFIT))
        .singleElement()
        .satisfies(o -> assertThat(o.triggerPrice()).isEqualByComparingTo("52000"));
    Map<String, Object> order = diary.data("order").get(0);
    assertThat(order).containsEntry("kind", "open").containsKey("latencyMs");
    assertThat((List<?>) order.get("results")).hasSize(3);
    assertThat(((Number) order.get("latencyMs")).longValue()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void anEntryThatOnlyReducedAPositionOnTheOtherSideIsNotCalledProtected() {
    ex.putPosition(BTC, "-0.1", "50000"); // opened by hand after the entry was judged
    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.FAILED);
    assertThat(r.detail()).contains("short position of 0.08", "reduced it");
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("-0.08");
    // The entry's stop-loss and take-profit sold a long that does not exist: gone.
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS)).isEmpty();
    assertThat(ex.triggers(BTC, TriggerKind.TAKE_PROFIT)).isEmpty();
  }

  @Test
  void anEntryThatClosedAPositionOnTheOtherSideOfItsSizeIsNotCalledOpened() {
    ex.putPosition(BTC, "-0.02", "50000"); // opened by hand after the entry was judged
    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.FAILED);
    assertThat(r.detail()).contains("closed it; nothing is open");
    assertThat(ex.positionSize(BTC)).isZero();
    assertThat(ex.openOrders()).isEmpty();
  }

  @Test
  void cloidsAreDeterministicPerRunCycleAssetAndRole() {
    Executor other =
        new Executor(ex, diary, clock.asClock(), Executor.Settings.defaults("run-test"));
    assertThat(other.cloid(7, BTC, "entry")).isEqualTo(executor.cloid(7, BTC, "entry"));
    assertThat(executor.cloid(7, BTC, "entry"))
        .isNotEqualTo(executor.cloid(8, BTC, "entry"))
        .isNotEqualTo(executor.cloid(7, BTC, "sl"));
    Executor nextRun =
        new Executor(ex, diary, clock.asClock(), Executor.Settings.defaults("run-2"));
    assertThat(nextRun.cloid(7, BTC, "entry")).isNotEqualTo(executor.cloid(7, BTC, "entry"));
  }

  @Test
  void droppedAcknowledgementIsFoundByCloidAndNotSentAgain() {
    ex.dropNextAck();

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    assertThat(ex.groupedRequests()).isEqualTo(1);
    assertThat(ex.entriesFilled(BTC)).isEqualTo(1);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS)).hasSize(1);
    // A request that failed is recorded with its error instead of results and a latency.
    assertThat(diary.data("order").get(0))
        .containsEntry("kind", "open")
        .containsKey("error")
        .containsEntry("results", List.of())
        .doesNotContainKey("latencyMs");
    assertThat(diary.data("reconcile"))
        .anySatisfy(m -> assertThat((String) m.get("detail")).contains("not resending"));
  }

  @Test
  void aFailedRequestIsNeverSentAgainByTheExecutor() {
    // The client already resent it if that was safe; a second, differently signed copy could double
    // the position.
    ex.failNextPlacements(1);

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.FAILED);
    assertThat(ex.groupedRequests()).isZero();
    assertThat(ex.positionSize(BTC)).isZero();
    assertThat(diary.data("reconcile"))
        .anySatisfy(
            m ->
                assertThat((String) m.get("detail"))
                    .contains("none of its orders")
                    .contains("not resending"));
  }

  @Test
  void aLostAcknowledgementIsResolvedByCloidWhateverTheLocalClockSays() {
    // The local clock runs a minute ahead of the exchange's and the exchange rejected both
    // triggers: the entry's
    // fill is still found through its cloid, and the entry is not sent a second time.
    Executor skewed =
        new Executor(
            ex,
            diary,
            Clock.offset(clock.asClock(), Duration.ofMinutes(1)),
            Executor.Settings.defaults("run-test"));
    ex.rejectTriggers(TriggerKind.STOP_LOSS, 1);
    ex.rejectTriggers(TriggerKind.TAKE_PROFIT, 1);
    ex.dropNextAck();

    Executor.Result r = skewed.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(ex.groupedRequests()).isEqualTo(1);
    assertThat(ex.entriesFilled(BTC)).isEqualTo(1);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(skewed.cloid(1, BTC, "sl-retry")));
  }

  @Test
  void anEntryThatFilledKeepsItsProtectionWhenTheAccountDoesNotShowThePositionYet() {
    ex.laggingAccountReads(1);

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(executor.cloid(1, BTC, "sl")));
    assertThat(ex.triggers(BTC, TriggerKind.TAKE_PROFIT)).hasSize(1);
  }

  @Test
  void doesNotResendWhenTheLookupFailsToo() {
    ex.failNextPlacements(1);
    ex.lookupsDown(true);

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(ex.groupedRequests()).isZero();
    assertThat(r.status()).isEqualTo(Executor.Status.FAILED);
    assertThat(diary.data("error"))
        .anySatisfy(m -> assertThat((String) m.get("message")).contains("not resending"));
  }

  @Test
  void rejectedStopLossIsRetriedOnce() {
    ex.rejectTriggers(TriggerKind.STOP_LOSS, 1);

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(executor.cloid(1, BTC, "sl-retry")));
    assertThat(diary.data("protection"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "retry"));
  }

  @Test
  void positionWhoseStopLossCannotBePlacedIsClosedAtOnce() {
    ex.rejectTriggers(TriggerKind.STOP_LOSS, 2);

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.CLOSED_UNPROTECTED);
    assertThat(ex.positionSize(BTC)).isZero();
    assertThat(ex.openOrders()).isEmpty(); // the take-profit went with the position
    assertThat(diary.data("protection"))
        .anySatisfy(
            m -> {
              assertThat(m).containsEntry("action", "closed-unprotected");
              assertThat((String) m.get("detail")).contains("stop-loss could not be placed");
            });
  }

  @Test
  void entryThatDoesNotFillLeavesNoTriggerBehind() {
    // The mark jumps beyond the slippage bound between the decision and the order.
    ex.setMark(BTC, "52000");

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.REJECTED);
    assertThat(ex.positionSize(BTC)).isZero();
    assertThat(ex.openOrders()).isEmpty();
  }

  @Test
  void adjustPlacesTheNewStopBeforeCancellingTheOld() {
    executor.open(1, longBtc(), mark, btc, System.nanoTime());
    long oldSl = ex.triggers(BTC, TriggerKind.STOP_LOSS).get(0).orderId();
    var position = ex.accountState().position(BTC).orElseThrow();

    Executor.Result r =
        executor.adjust(
            2,
            TradeDecision.adjustProtection(BTC, null, new BigDecimal("49500"), "trail"),
            position,
            btc);

    assertThat(r.status()).isEqualTo(Executor.Status.PROTECTED);
    List<OpenOrder> sls = ex.triggers(BTC, TriggerKind.STOP_LOSS);
    assertThat(sls)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.triggerPrice()).isEqualByComparingTo("49500");
              assertThat(o.orderId()).isNotEqualTo(oldSl);
            });
    assertThat(ex.triggers(BTC, TriggerKind.TAKE_PROFIT)).hasSize(1);
  }

  @Test
  void failedAdjustKeepsTheOldStop() {
    executor.open(1, longBtc(), mark, btc, System.nanoTime());
    var position = ex.accountState().position(BTC).orElseThrow();
    ex.rejectTriggers(TriggerKind.STOP_LOSS, 1);

    Executor.Result r =
        executor.adjust(
            2,
            TradeDecision.adjustProtection(BTC, null, new BigDecimal("49500"), "trail"),
            position,
            btc);

    assertThat(r.status()).isEqualTo(Executor.Status.FAILED);
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.triggerPrice()).isEqualByComparingTo("49000"));
  }

  @Test
  void closeSendsReduceOnlyIocAndCancelsTheProtection() {
    executor.open(1, longBtc(), mark, btc, System.nanoTime());
    var position = ex.accountState().position(BTC).orElseThrow();

    Executor.Result r = executor.close(2, position, mark, btc, "decision");

    assertThat(r.status()).isEqualTo(Executor.Status.CLOSED);
    assertThat(ex.positionSize(BTC)).isZero();
    assertThat(ex.openOrders()).isEmpty();
  }

  @Test
  void closeWithLostAcknowledgementIsNotSentTwice() {
    executor.open(1, longBtc(), mark, btc, System.nanoTime());
    var position = ex.accountState().position(BTC).orElseThrow();
    ex.dropNextAck();

    Executor.Result r = executor.close(2, position, mark, btc, "decision");

    assertThat(r.status()).isEqualTo(Executor.Status.CLOSED);
    assertThat(ex.allFills().stream().filter(f -> f.closing()).count()).isEqualTo(1);
  }

  @Test
  void anAcceptedStopLossCountsEvenBeforeTheOrderListShowsIt() {
    ex.putPosition(BTC, "0.02", "50000");
    var position = ex.accountState().position(BTC).orElseThrow();
    ex.laggingOrderReads(10);

    Executor.Result r =
        executor.ensureStopLoss(3, position, new BigDecimal("49000"), mark, btc, "sl-reconcile");

    assertThat(r.status()).isEqualTo(Executor.Status.PROTECTED);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    ex.laggingOrderReads(0);
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(executor.cloid(3, BTC, "sl-reconcile-1")));
  }

  @Test
  void anEntryWhoseStopLossIsNotListedYetIsNotClosed() {
    ex.laggingOrderReads(10);

    Executor.Result r = executor.open(1, longBtc(), mark, btc, System.nanoTime());

    assertThat(r.status()).isEqualTo(Executor.Status.OPENED);
    assertThat(ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    ex.laggingOrderReads(0);
    assertThat(ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(executor.cloid(1, BTC, "sl")));
  }
}
