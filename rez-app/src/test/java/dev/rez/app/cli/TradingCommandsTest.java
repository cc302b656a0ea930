package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradingCommandsTest extends CliTestBase {
  @Test
  void backtestIsDeterministicAndWritesADiary() throws Exception {
    Path data = bars(260);

    assertThat(run("backtest", "--data", data.toString(), "--warmup", "200", "--json"))
        .as(err.toString())
        .isZero();
    String first = out.toString();
    assertThat(run("backtest", "--data", data.toString(), "--warmup", "200", "--json")).isZero();

    assertThat(out.toString()).isEqualTo(first).contains("\"trades\"");
    Path diary = dir.resolve("data/backtest/diary.jsonl");
    assertThat(Files.readAllLines(diary))
        .filteredOn(l -> l.contains("\"type\":\"cycle-end\""))
        .hasSize(60);
    assertThat(run("stats", diary.toString())).isZero();
  }

  @Test
  void backtestRefusesADiaryAnotherProcessHoldsAndDeletesNothing() throws Exception {
    Path data = bars(210);
    Path diary = dir.resolve("held/diary.jsonl");
    Files.createDirectories(diary.getParent());
    Files.writeString(
        diary, MainTest.line(1, "app-start", null, "{\"mode\":\"backtest\",\"equity\":10000}"));
    try (dev.rez.app.diary.DiaryLock held = dev.rez.app.diary.DiaryLock.acquire(diary)) {
      assertThat(run("backtest", "--data", data.toString(), "--diary", diary.toString()))
          .isEqualTo(ExitCode.BAD_FILE);
      assertThat(err.toString()).contains(diary.toString()).contains("in use by another process");
      assertThat(Files.readString(diary)).contains("app-start");
    }
    // Released: the backtest replaces its own diary.
    assertThat(run("backtest", "--data", data.toString(), "--diary", diary.toString()))
        .as(err.toString())
        .isZero();
  }

  @Test
  void demoRefusesADiaryAnotherProcessHolds() throws Exception {
    Path diary = dir.resolve("demo-held/diary.jsonl");
    try (dev.rez.app.diary.DiaryLock held = dev.rez.app.diary.DiaryLock.acquire(diary)) {
      assertThat(run("demo", "--diary", diary.toString(), "--port", "0", "--cycles", "1"))
          .isEqualTo(ExitCode.BAD_FILE);
      assertThat(err.toString()).contains(diary.toString()).contains("in use by another process");
    }
    // Released: the diary opens.
    try (dev.rez.app.diary.JsonlDiary d = dev.rez.app.diary.JsonlDiary.open(diary)) {
      assertThat(d.size()).isZero();
    }
  }

  @Test
  void backtestRefusesToReplaceALiveAppsDiaryOrOneBesideASetKillSwitch() throws Exception {
    Path data = bars(210);
    Path demo = dir.resolve("demo/diary.jsonl");
    Files.createDirectories(demo.getParent());
    String demoLines = MainTest.line(1, "app-start", null, "{\"mode\":\"demo\",\"equity\":10000}");
    Files.writeString(demo, demoLines);
    assertThat(run("backtest", "--data", data.toString(), "--diary", demo.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains(demo.toString()).contains("demo app");
    assertThat(Files.readString(demo)).isEqualTo(demoLines);

    Path live = dir.resolve("live/diary.jsonl");
    Files.createDirectories(live.getParent());
    Path ks = dev.rez.app.loop.TradingLoop.killSwitchFile(live);
    new dev.rez.app.loop.KillSwitch(ks)
        .set(
            dev.rez.app.loop.KillSwitch.Level.STOP_ENTRIES,
            "maintenance",
            "cli",
            java.time.Instant.now());
    assertThat(run("backtest", "--data", data.toString(), "--diary", live.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains(ks.toString());
    assertThat(ks).exists();
  }

  @Test
  void backtestAndReplayRefuseToReplaceAFileNoBacktestWroteAndLeaveItAsItWas() throws Exception {
    Path data = bars(205);
    byte[] csv = Files.readAllBytes(data);
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "buy low, sell high\n");
    assertThat(run("backtest", "--data", data.toString(), "--diary", notes.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains(notes.toString()).contains("not a backtest's diary");
    assertThat(Files.readString(notes)).isEqualTo("buy low, sell high\n");

    // The candle file itself.
    assertThat(run("backtest", "--data", data.toString(), "--diary", data.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(Files.readAllBytes(data)).isEqualTo(csv);

    // A backtest's own diary is replaced; a replay's --diary follows the same rule.
    Path diary = dir.resolve("bt.jsonl");
    assertThat(run("backtest", "--data", data.toString(), "--diary", diary.toString()))
        .as(err.toString())
        .isZero();
    assertThat(run("backtest", "--data", data.toString(), "--diary", diary.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run("replay", diary.toString(), "--data", data.toString(), "--diary", notes.toString()))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("not a backtest's diary");
    assertThat(Files.readString(notes)).isEqualTo("buy low, sell high\n");
    Path replayed = dir.resolve("bt.replay.jsonl");
    assertThat(run("replay", diary.toString(), "--data", data.toString()))
        .as(err.toString())
        .isZero();
    assertThat(run("replay", diary.toString(), "--data", data.toString()))
        .as("a replay replaces its own diary: " + err)
        .isZero();
    assertThat(replayed).exists();
  }

  @SuppressWarnings("unchecked")
  @Test
  void backtestAndReplayTrackRecordsCountFundingAsStatsDoes() throws Exception {
    // These bars hold a position over a funding hour.
    Path data = bars(2400, 380);
    Path diary = dir.resolve("funded.jsonl");
    backtest(data, diary);
    java.util.Map<String, Object> backtest = dev.rez.json.Json.parseObject(out.toString());
    assertThat(run("stats", diary.toString(), "--json")).as(err.toString()).isZero();
    java.util.Map<String, Object> stats =
        (java.util.Map<String, Object>)
            dev.rez.json.Json.parseObject(out.toString()).get("overall");
    assertThat((java.math.BigDecimal) stats.get("funding"))
        .as("the slice must hold a position over a funding hour for this to mean something")
        .isNotZero();
    for (String key : List.of("netPnl", "funding", "maxDrawdown", "sharpe"))
      assertThat(backtest.get(key)).as(key).isEqualTo(stats.get(key));

    assertThat(run("replay", diary.toString(), "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    java.util.Map<String, Object> replay = dev.rez.json.Json.parseObject(out.toString());
    assertThat(replay.get("sameTrackRecord")).isEqualTo(true);
    assertThat(run("stats", dir.resolve("funded.replay.jsonl").toString(), "--json")).isZero();
    java.util.Map<String, Object> replayStats =
        (java.util.Map<String, Object>)
            dev.rez.json.Json.parseObject(out.toString()).get("overall");
    assertThat(replayStats.get("netPnl")).isEqualTo(stats.get("netPnl"));
    assertThat(((java.util.Map<String, Object>) replay.get("netPnl")).get("replayed"))
        .isEqualTo(stats.get("netPnl"));
    assertThat(((java.util.Map<String, Object>) replay.get("netPnl")).get("recorded"))
        .isEqualTo(stats.get("netPnl"));
  }

  @Test
  void backtestBadInput() throws Exception {
    assertThat(run("backtest")).isEqualTo(ExitCode.USAGE);
    assertThat(run("backtest", "--data", "missing.csv")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("missing.csv");
    Path few = bars(50);
    assertThat(run("backtest", "--data", few.toString())).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("--warmup");
    assertThat(run("backtest", "--data", few.toString(), "--warmup", "0"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("backtest", "--data", few.toString(), "--asset", "B T C"))
        .isEqualTo(ExitCode.USAGE);

    // Bars 20 s off the minute: each cycle would decide on two thirds of a bar.
    Path shifted = dir.resolve("shifted.csv");
    List<String> lines = Files.readAllLines(bars(260));
    StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
    for (String l : lines.subList(1, lines.size())) {
      int comma = l.indexOf(',');
      b.append(Long.parseLong(l.substring(0, comma)) + 20_000)
          .append(l.substring(comma))
          .append('\n');
    }
    Files.writeString(shifted, b);
    assertThat(run("backtest", "--data", shifted.toString())).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString())
        .contains("shifted.csv", "does not open on a 1m boundary", "20000 ms after one");
    assertThat(dir.resolve("data/backtest/diary.jsonl")).doesNotExist();
  }

  @Test
  void backtestFillsMissingBarsWithFlatOnesSoThatLaterBarsKeepTheirTimes() throws Exception {
    // Two bars missing: closed up, every later bar would be replayed two minutes early.
    Path gap = dir.resolve("gap.csv");
    List<String> kept = new java.util.ArrayList<>(Files.readAllLines(bars(260)));
    String last = kept.getLast();
    kept.remove(230);
    kept.remove(230);
    Files.write(gap, kept);
    Path diary = dir.resolve("gap.jsonl");
    assertThat(run("backtest", "--data", gap.toString(), "--diary", diary.toString()))
        .as(err.toString())
        .isZero();
    assertThat(err.toString()).contains("gap.csv: 2 missing bar(s) filled");
    // The last cycle is at the close of the file's last bar, as in the file.
    java.time.Instant lastClose =
        java.time.Instant.ofEpochMilli(Long.parseLong(last.substring(0, last.indexOf(','))))
            .plusSeconds(60);
    List<String> cycles =
        Files.readAllLines(diary).stream()
            .filter(l -> l.contains("\"type\":\"cycle-start\""))
            .toList();
    assertThat(cycles).hasSize(60);
    assertThat(cycles.getLast()).contains("\"time\":\"" + lastClose + "\"");
  }

  @Test
  void runRefusesMainnetWithoutConfirmationAndNeedsAKey() {
    assertThat(run("run", "--mainnet")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--confirm-real-money");
    assertThat(run("run", "--confirm-real-money")).isEqualTo(ExitCode.USAGE);
    env.put("HYPERLIQUID_NETWORK", "mainnet");
    assertThat(run("run")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--mainnet");
    env.remove("HYPERLIQUID_NETWORK");
    assertThat(run("run")).isEqualTo(ExitCode.MISSING_KEY);
    assertThat(err.toString()).contains("HYPERLIQUID_PRIVATE_KEY");
    assertThat(run("run", "--interval", "7m")).isEqualTo(ExitCode.USAGE);
    assertThat(run("run", "--risk-profile", "reckless")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("reckless");
    assertThat(run("run", "--port", "99999")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void runRefusesTheSimulatorNetworkAndPointsAtDemo() {
    // Were it to start, it would meet nothing but a closed loopback port.
    env.put("HYPERLIQUID_PRIVATE_KEY", "0x" + "ab".repeat(32));
    env.put("HYPERLIQUID_BASE_URL", "http://127.0.0.1:1");
    env.put("HYPERLIQUID_WS_URL", "ws://127.0.0.1:1/ws");
    for (String name : java.util.List.of("simulator", "paper", "Simulator")) {
      env.put("HYPERLIQUID_NETWORK", name);
      for (String[] args :
          java.util.List.of(
              new String[] {"run", "--port", "0"},
              new String[] {"run", "--port", "0", "--mainnet", "--confirm-real-money"})) {
        assertThat(run(args)).as(name + " " + String.join(" ", args)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString())
            .contains("HYPERLIQUID_NETWORK=simulator")
            .contains("rez demo")
            .doesNotContain("testnet;")
            .doesNotContain("cannot reach");
        assertThat(out.toString()).isEmpty();
      }
    }
    assertThat(dir.resolve("data/testnet")).doesNotExist();
    assertThat(dir.resolve("data/mainnet")).doesNotExist();
  }

  @Test
  void demoBadInput() {
    assertThat(run("demo", "--speed", "0")).isEqualTo(ExitCode.USAGE);
    assertThat(run("demo", "--speed", "fast")).isEqualTo(ExitCode.USAGE);
    assertThat(run("demo", "--cycles", "-1")).isEqualTo(ExitCode.USAGE);
    assertThat(run("demo", "--port", "-2")).isEqualTo(ExitCode.USAGE);
    assertThat(run("demo", "--after-replay", "rewind")).isEqualTo(ExitCode.USAGE);
    env.put("API_HOST", "0.0.0.0");
    assertThat(run("demo", "--cycles", "1", "--port", "0")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("0.0.0.0");
  }

  @Test
  void demoRunsCyclesAndPrintsTheUrl() {
    assertThat(
            run(
                "demo",
                "--cycles",
                "3",
                "--speed",
                "2000",
                "--port",
                "0",
                "--diary",
                "d/diary.jsonl"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("http://127.0.0.1:");
    assertThat(Files.exists(dir.resolve("d/diary.jsonl"))).isTrue();
  }
}
