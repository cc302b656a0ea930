package dev.rez.app.loop;

import static dev.rez.app.loop.LoopFixture.openLong;
import static dev.rez.testkit.FakeExchange.BTC;
import static dev.rez.testkit.FakeExchange.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.TradeDecision;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account may change while the model thinks, and between two executions of a cycle: each
 * proposal is judged on the account as it is when it is judged, and a restart keeps what the risk
 * policy learnt from the closes before it.
 */
class WhileTheModelThinksTest {
  @TempDir Path dir;

  @Test
  void aLossThatReachesTheDailyLimitWhileTheModelThinksRefusesTheEntryItProposes() {
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    loop.runCycle(); // the day starts at 10000; the moderate profile halts at a 5 % loss
    f.script.then(
        r -> {
          f.ex.startEquity(f.ex.startEquity().subtract(new BigDecimal("800")));
          return List.of(openLong(BTC, "5000", "52000", "49000"));
        });
    loop.runCycle();

    assertThat(f.ex.positionSize(BTC)).isZero();
    assertThat(loop.status().killSwitch()).isEqualTo(KillSwitch.Level.STOP_ENTRIES);
    assertThat(f.diary.data("risk-verdict"))
        .anySatisfy(v -> assertThat(v).containsEntry("outcome", "rejected"));
  }

  @Test
  void aPositionOpenedWhileTheModelThinksIsSeenByTheCheckOfTheEntry() {
    LoopFixture f = new LoopFixture(dir);
    TradingLoop loop = f.loop();
    loop.runCycle();
    f.script.then(
        r -> {
          f.ex.putPosition(BTC, "-0.1", "50000"); // a short opened by hand meanwhile
          return List.of(openLong(BTC, "1000", "52000", "49000"));
        });
    TradingLoop.CycleReport report = loop.runCycle();

    assertThat(report.executions()).isEmpty();
    assertThat(f.ex.positionSize(BTC)).isEqualByComparingTo("-0.1");
    assertThat(f.diary.data("risk-verdict").toString()).contains("position-exists");
  }

  @Test
  void afterAnExecutionThatFailedTheNextEntryIsJudgedOnTheAccountAsItIsNow() {
    LoopFixture f = new LoopFixture(dir);
    f.limits = f.limits.toBuilder().maxTotalNotional(new BigDecimal("6000")).build();
    AtomicInteger entries = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    // The account read right after the first entry fails once (an HTTP 502).
    f.exchange =
        TradingLoopTest.before(
            TradingLoopTest.before(f.ex, "placeWithProtection", entries::incrementAndGet),
            "accountState",
            () -> {
              if (entries.get() == 1 && failed.compareAndSet(false, true))
                throw new IllegalStateException("HTTP 502 (the test's exchange)");
            });
    f.script.then(
        r ->
            List.of(
                openLong(BTC, "5000", "52000", "49000"), openLong(ETH, "5000", "3200", "2940")));
    TradingLoop loop = f.loop();
    loop.runCycle();

    assertThat(failed).isTrue();
    BigDecimal open =
        f.ex
            .positionSize(BTC)
            .abs()
            .multiply(new BigDecimal("50000"))
            .add(f.ex.positionSize(ETH).abs().multiply(new BigDecimal("3000")));
    assertThat(f.ex.positionSize(BTC).signum()).isPositive();
    assertThat(open).isLessThanOrEqualTo(new BigDecimal("6000"));
  }

  @Test
  void aRestartKeepsTheCooldownOfALosingClose() {
    LoopFixture f = new LoopFixture(dir);
    f.script.then(r -> List.of(openLong(BTC, "1000", "52000", "49000")));
    TradingLoop loop = f.loop();
    loop.runCycle();
    f.advance(Duration.ofMinutes(1));
    f.ex.setMark(BTC, "48900"); // the stop-loss fills at a loss: a cooldown of 2 x 10 minutes
    loop.runCycle();
    loop.finish();
    assertThat(f.ex.positionSize(BTC)).isZero();

    f.advance(Duration.ofMinutes(2));
    f.script.then(r -> List.of(openLong(BTC, "1000", "51000", "47900")));
    TradingLoop restarted = f.loop();
    restarted.runCycle();

    assertThat(f.ex.positionSize(BTC)).isZero();
    assertThat(f.diary.data("risk-verdict").toString()).contains("cooldown");
  }

  @Test
  void whenTheAccountCannotBeReadAfterTheModelAnsweredItsCloseStillGoesOutAndNoEntry() {
    LoopFixture f = new LoopFixture(dir);
    f.script.then(r -> List.of(openLong(BTC, "1000", "52000", "49000")));
    AtomicBoolean answered = new AtomicBoolean();
    AtomicBoolean failed = new AtomicBoolean();
    f.exchange =
        TradingLoopTest.before(
            f.ex,
            "accountState",
            () -> {
              if (answered.get() && failed.compareAndSet(false, true))
                throw new IllegalStateException("HTTP 502 (the test's exchange)");
            });
    TradingLoop loop = f.loop();
    loop.runCycle();
    assertThat(f.ex.positionSize(BTC)).isEqualByComparingTo("0.02");
    f.script.then(
        r -> {
          answered.set(true);
          return List.of(
              TradeDecision.close(BTC, "take it"), openLong(ETH, "1000", "3200", "2940"));
        });
    loop.runCycle();

    assertThat(failed).isTrue();
    assertThat(f.ex.positionSize(BTC)).isZero();
    assertThat(f.ex.positionSize(ETH)).isZero();
    assertThat(f.diary.data("error").toString())
        .contains("not sent: the account could not be read");
  }

  @Test
  void aPositionAnEntryOnlyReducedIsProtectedWithinTheSameCycle() {
    LoopFixture f = new LoopFixture(dir);
    // A short opened by hand just before the entry is sent: the entry only reduces it.
    f.exchange =
        TradingLoopTest.before(
            f.ex,
            "placeWithProtection",
            () -> {
              if (f.ex.positionSize(BTC).signum() == 0) f.ex.putPosition(BTC, "-0.1", "50000");
            });
    f.script.then(r -> List.of(openLong(BTC, "1000", "52000", "49000")));
    TradingLoop loop = f.loop();
    loop.runCycle();

    assertThat(f.ex.positionSize(BTC)).isEqualByComparingTo("-0.08");
    assertThat(f.ex.triggers(BTC, dev.rez.core.TriggerKind.STOP_LOSS))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.side()).isEqualTo(dev.rez.core.Side.BUY);
              assertThat(o.size()).isEqualByComparingTo("0.08");
            });
  }

  @Test
  void anotherAccountsLosingCloseInTheSameDiaryStartsNoCooldownAfterARestart() {
    String a = "0x" + "a".repeat(40);
    String b = "0x" + "b".repeat(40);
    LoopFixture f = new LoopFixture(dir);
    appStart(f, a);
    f.script.then(r -> List.of(openLong(BTC, "1000", "52000", "49000")));
    TradingLoop first = f.loop();
    first.runCycle();
    f.advance(Duration.ofMinutes(1));
    f.ex.setMark(BTC, "48900"); // account a's stop-loss fills at a loss
    first.runCycle();
    first.finish();
    assertThat(f.ex.positionSize(BTC)).isZero();

    // A minute later account b takes the diary over, then restarts: a's close is not b's.
    f.advance(Duration.ofMinutes(1));
    appStart(f, b);
    TradingLoop second = f.loop();
    second.start();
    second.finish();
    f.advance(Duration.ofMinutes(1));
    appStart(f, b);
    f.script.then(r -> List.of(openLong(BTC, "1000", "51000", "47900")));
    f.loop().runCycle();

    assertThat(f.diary.data("risk-verdict").getLast()).containsEntry("outcome", "approved");
    assertThat(f.ex.positionSize(BTC)).isPositive();
  }

  private static void appStart(LoopFixture f, String address) {
    f.diary.append(
        new dev.rez.core.DiaryEvent(
            f.clock.now(),
            0,
            "app-start",
            null,
            "{\"mode\":\"live\",\"network\":\"testnet\",\"address\":\"" + address + "\"}"));
  }
}
