package dev.rez.app.loop;

import static dev.rez.app.loop.LoopFixture.openLong;
import static dev.rez.testkit.FakeExchange.BTC;
import static dev.rez.testkit.FakeExchange.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Exchange;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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
        failing(
            f,
            method ->
                method.equals("accountState")
                    && entries.get() == 1
                    && failed.compareAndSet(false, true),
            method -> {
              if (method.equals("placeWithProtection")) entries.incrementAndGet();
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

  /** {@code f.ex} behind a proxy that throws where {@code fails} says and sees every call. */
  private static Exchange failing(
      LoopFixture f,
      java.util.function.Predicate<String> fails,
      java.util.function.Consumer<String> sees) {
    return (Exchange)
        Proxy.newProxyInstance(
            Exchange.class.getClassLoader(),
            new Class<?>[] {Exchange.class},
            (proxy, method, args) -> {
              if (fails.test(method.getName()))
                throw new IllegalStateException("HTTP 502 (the test's exchange)");
              sees.accept(method.getName());
              try {
                return method.invoke(f.ex, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
