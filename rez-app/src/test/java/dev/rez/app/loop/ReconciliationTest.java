package dev.rez.app.loop;

import static dev.rez.testkit.FakeExchange.BTC;
import static dev.rez.testkit.FakeExchange.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.OpenOrder;
import dev.rez.core.Side;
import dev.rez.core.TriggerKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconciliationTest {
  @TempDir Path dir;

  @Test
  void positionWithoutStopLossGetsOneOnStart() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.1", "50000");
    long tp = f.ex.putTrigger(BTC, Side.SELL, "0.1", TriggerKind.TAKE_PROFIT, "55000");

    f.loop().start();

    List<OpenOrder> sls = f.ex.triggers(BTC, TriggerKind.STOP_LOSS);
    assertThat(sls)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.triggerPrice())
                  .isEqualByComparingTo("49000"); // 2 % below the entry, per the policy
              assertThat(o.size()).isEqualByComparingTo("0.1");
              assertThat(o.side()).isEqualTo(Side.SELL);
            });
    // The take-profit was told apart from a stop-loss and kept.
    assertThat(f.ex.triggers(BTC, TriggerKind.TAKE_PROFIT))
        .extracting(OpenOrder::orderId)
        .containsExactly(tp);
    assertThat(f.diary.data("reconcile"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "stop-loss-missing"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "stop-loss-placed"));
  }

  @Test
  void stopOfAPositionAlreadyBelowItsEntryIsPlacedBelowTheMark() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.1", "50000");
    f.ex.setMark(BTC, "45000");

    f.loop().start();

    assertThat(f.ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(o -> assertThat(o.triggerPrice()).isEqualByComparingTo("44100"));
  }

  @Test
  void shortPositionGetsAStopAbove() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(ETH, "-1", "3000");

    f.loop().start();

    assertThat(f.ex.triggers(ETH, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.triggerPrice()).isEqualByComparingTo("3060");
              assertThat(o.side()).isEqualTo(Side.BUY);
            });
  }

  @Test
  void staleTriggersOfClosedPositionsAreCancelledOneByOne() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.1", "50000");
    long btcSl = f.ex.putTrigger(BTC, Side.SELL, "0.1", TriggerKind.STOP_LOSS, "49000");
    f.ex.putTrigger(ETH, Side.SELL, "1", TriggerKind.STOP_LOSS, "2900");
    f.ex.putTrigger(ETH, Side.SELL, "1", TriggerKind.TAKE_PROFIT, "3300");

    f.loop().start();

    assertThat(f.ex.openOrders()).extracting(OpenOrder::orderId).containsExactly(btcSl);
    assertThat(f.diary.data("reconcile"))
        .filteredOn(m -> "stale-trigger".equals(m.get("action")))
        .hasSize(2);
  }

  @Test
  void stopLossIsReArmedAfterAPartialClose() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.05", "50000"); // was 0.1, half closed by hand
    long oldSl = f.ex.putTrigger(BTC, Side.SELL, "0.1", TriggerKind.STOP_LOSS, "49000");
    long oldTp = f.ex.putTrigger(BTC, Side.SELL, "0.1", TriggerKind.TAKE_PROFIT, "53000");
    TradingLoop loop = f.loop();
    loop.start();
    f.diary.events.clear();

    loop.runCycle();

    assertThat(f.ex.triggers(BTC, TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.orderId()).isNotEqualTo(oldSl);
              assertThat(o.size()).isEqualByComparingTo("0.05");
              assertThat(o.triggerPrice()).isEqualByComparingTo("49000");
            });
    assertThat(f.ex.triggers(BTC, TriggerKind.TAKE_PROFIT))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.orderId()).isNotEqualTo(oldTp);
              assertThat(o.size()).isEqualByComparingTo("0.05");
            });
  }

  @Test
  void everyCycleRepairsAStopLossThatDisappeared() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.1", "50000");
    long sl = f.ex.putTrigger(BTC, Side.SELL, "0.1", TriggerKind.STOP_LOSS, "49000");
    TradingLoop loop = f.loop();
    loop.start();
    f.ex.cancel(BTC, sl); // cancelled by hand on the exchange

    loop.runCycle();

    assertThat(f.ex.triggers(BTC, TriggerKind.STOP_LOSS)).hasSize(1);
    assertThat(f.diary.data("protection"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "stop-loss-missing"));
  }

  @Test
  void positionWhoseStopIsRejectedIsClosed() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.1", "50000");
    f.ex.rejectTriggers(TriggerKind.STOP_LOSS, 2);

    f.loop().start();

    assertThat(f.ex.positionSize(BTC)).isZero();
    assertThat(f.diary.data("protection"))
        .anySatisfy(m -> assertThat(m).containsEntry("action", "closed-unprotected"));
  }

  @Test
  void startupFailureIsRecordedAndTheFirstCycleReconciles() {
    LoopFixture f = new LoopFixture(dir);
    f.ex.putPosition(BTC, "0.1", "50000");
    f.ex.down(true);
    TradingLoop loop = f.loop();
    loop.start();
    assertThat(f.diary.data("error"))
        .anySatisfy(m -> assertThat(m).containsEntry("where", "reconcile"));

    f.ex.down(false);
    loop.runCycle();

    assertThat(f.ex.triggers(BTC, TriggerKind.STOP_LOSS)).hasSize(1);
  }
}
