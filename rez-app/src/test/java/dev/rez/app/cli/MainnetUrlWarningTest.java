package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mainnet run pointed anywhere but the official host says so, loudly: on stderr and in the diary.
 */
class MainnetUrlWarningTest {
  static final String KEY = "0x" + "6f".repeat(32);
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;

  @Test
  void aMainnetRunOffTheOfficialHostWarnsOnStderrAndInTheDiary() throws Exception {
    PrivateKeySigner signer = PrivateKeySigner.fromHex(KEY);
    // A stand-in for "somewhere else" that stays on this machine: the simulator on loopback.
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .candles("BTC", CandleCsv.demo())
            .history(60)
            .afterReplay(AfterReplay.STOP)
            .fund(signer.address(), new BigDecimal("10000"))
            .start()) {
      AppConfig cfg =
          AppConfig.fromVariables(
              Map.of(
                  "HYPERLIQUID_PRIVATE_KEY",
                  KEY,
                  "HYPERLIQUID_NETWORK",
                  "mainnet",
                  "HYPERLIQUID_BASE_URL",
                  sim.baseUrl()));
      Path diaryPath = dir.resolve("diary.jsonl");
      TradingApp.Spec spec =
          new TradingApp.Spec(
              TradingApp.Mode.LIVE,
              cfg,
              AppConfig.Network.MAINNET,
              List.of(BTC),
              Interval.M1,
              diaryPath,
              Map.of(),
              1,
              60,
              AfterReplay.STOP,
              "mainnet-url",
              null);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream old = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
        assertThat(app.spec.network()).isEqualTo(AppConfig.Network.MAINNET);
      } finally {
        System.setErr(old);
      }
      String expected = "HYPERLIQUID_BASE_URL points this mainnet run at " + sim.baseUrl();
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARNING: " + expected);
      assertThat(Files.readString(diaryPath)).contains("\"where\":\"config\"").contains(expected);
    }
  }
}
