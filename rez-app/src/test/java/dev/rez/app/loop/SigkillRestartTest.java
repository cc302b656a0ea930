package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.TriggerKind;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trading process killed with SIGKILL mid-run, then started again on the same exchange, diary and
 * state.
 */
class SigkillRestartTest {
  static final String KEY = "0x" + "6b".repeat(32);

  @TempDir Path dir;

  Process harness(String url, Path diary, String mode) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashHarness.class.getName());
    cmd.addAll(List.of(url, KEY, diary.toString(), "120", mode));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(mode + ".log").toFile())
        .start();
  }

  @Test
  void restartAfterSigkillLeavesNoUnprotectedPositionAndTheDiaryReadsCleanly() throws Exception {
    PrivateKeySigner key = PrivateKeySigner.fromHex(KEY);
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .candles("BTC", SimulatorLoopTest.demoCandles(3000), 5, 50)
            .history(60)
            .afterReplay(AfterReplay.LOOP)
            .acceleratedClock(120)
            .fund(key.address(), new BigDecimal("10000"))
            .start()) {
      Path diary = dir.resolve("diary.jsonl");
      Process p = harness(sim.baseUrl(), diary, "forever");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!(Files.exists(diary) && Files.readString(diary).contains("\"kind\":\"open\""))) {
        assertThat(p.isAlive()).as("harness died: " + log("forever")).isTrue();
        assertThat(System.nanoTime())
            .as("no trade within 90 s: " + log("forever"))
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      Thread.sleep(700);
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

      // Whatever the kill left, make it worse: a position whose stop-loss is gone.
      HyperliquidExchange hl =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(sim.baseUrl())
              .signer(key)
              .build();
      if (hl.accountState().positions().isEmpty()) {
        BigDecimal mark = sim.markPrice("BTC");
        hl.place(
            List.of(
                new dev.rez.core.OrderRequest(
                    Asset.of("BTC"),
                    dev.rez.core.Side.BUY,
                    new BigDecimal("1"),
                    mark.multiply(new BigDecimal("1.01")).setScale(0, java.math.RoundingMode.UP),
                    dev.rez.core.TimeInForce.IOC,
                    false,
                    dev.rez.core.ClientOrderId.derive("naked"))));
      }
      for (OpenOrder o : hl.openOrders()) hl.cancel(o.asset(), o.orderId());
      assertThat(hl.accountState().positions()).isNotEmpty();

      Process again = harness(sim.baseUrl(), diary, "once");
      assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).as(log("once")).isZero();

      AccountState account = hl.accountState();
      List<OpenOrder> orders = hl.openOrders();
      for (Position pos : account.positions()) {
        assertThat(orders)
            .as("stop-loss of " + pos)
            .anySatisfy(
                o -> {
                  assertThat(o.asset()).isEqualTo(pos.asset());
                  assertThat(o.trigger()).isEqualTo(TriggerKind.STOP_LOSS);
                });
      }
      try (JsonlDiary d = JsonlDiary.open(diary)) {
        Diary.Page all = d.read(null, 10_000, Diary.Filter.ALL);
        assertThat(all.events())
            .extracting(e -> e.event().type())
            .contains("reconcile", "cycle-end");
        assertThat(all.events())
            .filteredOn(e -> e.event().type().equals("reconcile"))
            .anySatisfy(e -> assertThat(e.event().json()).contains("stop-loss"));
      }
    }
  }

  private String log(String mode) {
    try {
      return Files.readString(dir.resolve(mode + ".log"));
    } catch (Exception e) {
      return "(no log)";
    }
  }
}
