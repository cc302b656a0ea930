package dev.rez.app.cli;

import static java.nio.file.Files.readString;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.AppConfig;
import dev.rez.app.loop.KillSwitch;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Diary;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's state beside a diary (fill watermark, daily-loss baseline) belongs to one account: a
 * run on another account, or on a new diary, does not inherit it.
 */
class AccountChangeTest {
  static final String KEY_A = "0x" + "a1".repeat(32);
  static final String KEY_B = "0x" + "b2".repeat(32);
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;
  final Serving.Diaries diaries = new Serving.Diaries();
  HyperliquidSimulator sim;

  @AfterEach
  void close() {
    if (sim != null) sim.close();
  }

  HyperliquidSimulator simulator() {
    return HyperliquidSimulator.builder()
        .synthetic("BTC", 60000, 2, 20)
        .interval(Interval.M1)
        .history(300)
        .acceleratedClock(60)
        .fund(PrivateKeySigner.fromHex(KEY_A).address(), new BigDecimal("100000"))
        .fund(PrivateKeySigner.fromHex(KEY_B).address(), new BigDecimal("10000"))
        .start();
  }

  TradingApp demo(String key, Path diary) {
    AppConfig cfg = AppConfig.fromVariables(Map.of("HYPERLIQUID_PRIVATE_KEY", key));
    return TradingApp.create(
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            List.of(BTC),
            Interval.M1,
            diary,
            Map.of(),
            60,
            300,
            AfterReplay.SYNTHETIC,
            "account-change",
            sim.baseUrl()),
        diaries);
  }

  static List<String> messages(Diary diary, String type) {
    List<String> out = new ArrayList<>();
    for (Diary.Entry e : diary.read(null, 10_000, new Diary.Filter(type, null)).events())
      out.add(e.event().json());
    return out;
  }

  @Test
  void anotherAccountOnTheSameDiaryKeepsItsOwnDailyLossBaseline() {
    sim = simulator();
    Path diary = dir.resolve("diary.jsonl");
    try (TradingApp a = demo(KEY_A, diary)) {
      a.loop.runCycle();
    }
    assertThat(dir.resolve("diary.jsonl.risk-day.json")).exists();

    // The same diary, another account with a tenth of the equity: not a 90 % loss.
    try (TradingApp b = demo(KEY_B, diary)) {
      b.loop.runCycle();
      assertThat(b.loop.status().killSwitch()).isEqualTo(KillSwitch.Level.NONE);
      assertThat(messages(diaries.last, "warning"))
          .anySatisfy(m -> assertThat(m).contains("another account's"));
    }
  }

  @Test
  void aStartOfAnotherAccountThatFailedBeforeTheLoopStartedDoesNotHideTheChange() throws Exception {
    sim = simulator();
    Path diary = dir.resolve("diary.jsonl");
    try (TradingApp a = demo(KEY_A, diary)) { // 100,000
      a.loop.runCycle();
    }
    try (TradingApp failed = demo(KEY_B, diary)) {} // its app-start, and no loop
    try (TradingApp b = demo(KEY_B, diary)) { // 10,000
      b.loop.runCycle();
      assertThat(b.loop.status().killSwitch()).isEqualTo(KillSwitch.Level.NONE);
    }
    // And back: the richer account's baseline is its own, not the smaller one's.
    try (TradingApp failed = demo(KEY_A, diary)) {}
    try (TradingApp a = demo(KEY_A, diary)) {
      a.loop.runCycle();
    }
    // (About 100,000 less what its trades cost: the smaller account's would be about 10,000.)
    assertThat(
            (java.math.BigDecimal)
                dev.rez.json.Json.parseObject(readString(dir.resolve("diary.jsonl.risk-day.json")))
                    .get("startEquity"))
        .isGreaterThan(new BigDecimal("90000"));
  }

  @Test
  void aDiaryWrittenBeforeRunsRecordedTheirExchangeKeepsItsStateForTheSameAccount()
      throws Exception {
    sim = simulator();
    Path diary = dir.resolve("diary.jsonl");
    try (TradingApp a = demo(KEY_A, diary)) {
      a.loop.runCycle();
    }
    // An older diary and state files: no exchange in app-start, no account in the state files.
    Files.writeString(
        diary, Files.readString(diary).replaceAll(",\\?\"exchange\\?\":\\?\"[^\"\\\\]*\\?\"", ""));
    for (String f : List.of("diary.jsonl.loop.json", "diary.jsonl.risk-day.json"))
      Files.writeString(
          dir.resolve(f),
          Files.readString(dir.resolve(f)).replaceAll(",\"account\":\"[^\"]*\"", ""));
    try (TradingApp again = demo(KEY_A, diary)) {
      again.loop.runCycle();
      assertThat(messages(diaries.last, "warning"))
          .noneSatisfy(m -> assertThat(m).contains("another account's"));
    }
  }

  @Test
  void aNewDiaryDoesNotFollowFillsFromTheWatermarkLeftBesideIt() throws Exception {
    sim = simulator();
    Path diary = dir.resolve("diary.jsonl");
    // What a deleted diary's run left: a fill watermark far ahead of this simulator's clock.
    Files.writeString(
        dir.resolve("diary.jsonl.loop.json"),
        "{\"lastCycle\":31,\"fillWatermark\":\"2099-01-01T00:00:00Z\",\"seenAtWatermark\":[]}");
    try (TradingApp app = demo(KEY_B, diary)) {
      app.loop.runCycle();
      HyperliquidExchange hand =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(sim.baseUrl())
              .signer(PrivateKeySigner.fromHex(KEY_B))
              .build();
      BigDecimal mark = hand.contexts().get(BTC).markPrice();
      hand.place(
          List.of(
              new OrderRequest(
                  BTC,
                  Side.BUY,
                  new BigDecimal("0.01"),
                  mark.multiply(new BigDecimal("1.01")).setScale(0, RoundingMode.HALF_UP),
                  TimeInForce.IOC,
                  false,
                  ClientOrderId.derive("hand-buy"))));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (messages(diaries.last, "fill").isEmpty() && System.nanoTime() < deadline) {
        app.loop.runCycle();
        Thread.sleep(100);
      }
      assertThat(messages(diaries.last, "fill")).hasSize(1);
      assertThat(app.loop.status().lastCycle().cycle()).isLessThan(31);
    }
  }
}
