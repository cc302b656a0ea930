package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.hyperliquid.sim.AfterReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookaheadAuditTest extends CliTestBase {
  static final String HOLD =
      "{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"}]}";

  @Test
  void theAuditPassesOnANormalRun() throws Exception {
    assertThat(run("backtest", "--data", bars(0, 260).toString(), "--audit-lookahead"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .containsPattern("look-ahead audit: passed \\(\\d{4,} timestamps checked\\)");
  }

  @Test
  void aLookAheadFailsTheCommandWithExitCodeOne() throws Exception {
    // A system prompt that states a price at a time after every bar of the data: future knowledge
    // given to the model.
    Path prompt = dir.resolve("prompt.txt");
    Files.writeString(
        prompt, "You are a trader. For the record, BTC closed at 99000 on 2030-01-01T00:00:00Z.");
    env.put("REZ_SYSTEM_PROMPT_FILE", prompt.toString());
    Path data = bars(0, 230);
    assertThat(
            run("backtest", "--data", data.toString(), "--diary", "la.jsonl", "--audit-lookahead"))
        .as(err.toString())
        .isEqualTo(ExitCode.FAILURE);
    assertThat(err.toString())
        .contains(
            "backtest failed: look-ahead in cycle 1: model input: system prompt gave the timestamp 2030-01-01T00:00:00Z");
    assertThat(out.toString()).doesNotContain("look-ahead audit: passed").doesNotContain("diary: ");
    assertThat(Files.readAllLines(dir.resolve("la.jsonl")))
        .anyMatch(l -> l.contains("\"type\":\"lookahead\"") && l.contains("system prompt"));

    // Without the audit the same backtest runs to its end.
    assertThat(run("backtest", "--data", data.toString(), "--diary", "la.jsonl"))
        .as(err.toString())
        .isZero();
  }

  @Test
  void theAuditCatchesTheSimulatorServingTheNextCandleEarly() throws Exception {
    List<Candle> candles = CandleCsv.read(bars(0, 230), null);
    Asset btc = Asset.of("BTC");
    Path diary = dir.resolve("leak.jsonl");
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.BACKTEST,
            AppConfig.fromVariables(Map.of()),
            AppConfig.Network.SIMULATOR,
            List.of(btc),
            candles.get(0).interval(),
            diary,
            Map.of(btc, candles),
            1,
            200,
            AfterReplay.STOP,
            "backtest",
            null);

    BacktestCommand.Result clean =
        BacktestCommand.run(spec, new TradingApp.ModelUse(null, null, true), List.of(), app -> {});
    assertThat(clean.lookahead()).isNull();
    assertThat(clean.checked()).isPositive();

    BacktestCommand.Result leaked =
        BacktestCommand.run(
            spec,
            new TradingApp.ModelUse(null, null, true),
            List.of(),
            app -> app.sim.faults().leakNextCandle());
    assertThat(leaked.lookahead()).isNotNull();
    assertThat(leaked.lookahead().cycle()).isEqualTo(1);
    assertThat(leaked.lookahead().source()).startsWith("MarketData.candles");
    assertThat(leaked.lookahead().message())
        .startsWith("look-ahead in cycle 1: MarketData.candles");
    assertThat(Files.readAllLines(diary))
        .anyMatch(l -> l.contains("\"type\":\"lookahead\"") && l.contains("MarketData.candles"));

    // Without the audit the same leak goes unnoticed: the audit is what catches it.
    BacktestCommand.Result unaudited =
        BacktestCommand.run(
            spec,
            new TradingApp.ModelUse(null, null, false),
            List.of(),
            app -> app.sim.faults().leakNextCandle());
    assertThat(unaudited.lookahead()).isNull();
  }

  @Test
  void aHostedModelBacktestedOnDataBeforeItsCutoffIsWarnedToRunBlind() throws Exception {
    Path data = bars(0, 203);
    try (FakeOpenAiServer server = new FakeOpenAiServer(body -> HOLD)) {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", server.baseUrl());
      env.put("LLM_MODEL", "gpt-4o");
      assertThat(run("backtest", "--data", data.toString(), "--diary", "w.jsonl"))
          .as(err.toString())
          .isZero();
      assertThat(err.toString())
          .contains("warning: the model gpt-4o was trained on data up to 2023-10-01")
          .contains("--blind");
      assertThat(Files.readAllLines(dir.resolve("w.jsonl")))
          .anyMatch(l -> l.contains("\"type\":\"warning\"") && l.contains("--blind"));

      assertThat(run("backtest", "--data", data.toString(), "--diary", "w.jsonl", "--blind"))
          .as(err.toString())
          .isZero();
      assertThat(err.toString()).doesNotContain("trained on data up to");

      env.put("REZ_MODEL_CUTOFF", "2010-01-01");
      assertThat(run("backtest", "--data", data.toString(), "--diary", "w.jsonl"))
          .as(err.toString())
          .isZero();
      assertThat(err.toString()).doesNotContain("trained on data up to");
      env.put("REZ_MODEL_CUTOFF", "2014-06-01");
      env.put("LLM_MODEL", "my-own-model");
      assertThat(run("backtest", "--data", data.toString(), "--diary", "w.jsonl"))
          .as(err.toString())
          .isZero();
      assertThat(err.toString())
          .contains("warning: the model my-own-model was trained on data up to 2014-06-01");
      assertThat(run("backtest", "--data", data.toString(), "--diary", "w.jsonl", "--seed", "3"))
          .isEqualTo(ExitCode.USAGE);
      assertThat(err.toString()).contains("--seed only goes with --blind");
      env.put("REZ_MODEL_CUTOFF", "soon");
      assertThat(run("backtest", "--data", data.toString(), "--diary", "w.jsonl"))
          .isEqualTo(ExitCode.USAGE);
    }
  }
}
