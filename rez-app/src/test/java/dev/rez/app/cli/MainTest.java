package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final Map<String, String> env = new HashMap<>();

  int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
  }

  static String line(long seq, String type, String asset, String data) {
    return "{\"v\":1,\"seq\":"
        + seq
        + ",\"time\":\"2026-01-05T10:00:0"
        + seq
        + "Z\",\"cycle\":1,\"type\":\""
        + type
        + "\",\"asset\":"
        + (asset == null ? "null" : "\"" + asset + "\"")
        + ",\"data\":"
        + data
        + "}\n";
  }

  Path diaryWithOneWin() throws Exception {
    Path d = dir.resolve("diary.jsonl");
    Files.writeString(
        d,
        line(1, "app-start", null, "{\"mode\":\"demo\",\"equity\":10000}")
            + line(
                2,
                "fill",
                "BTC",
                "{\"time\":\"2026-01-05T10:00:02Z\",\"asset\":\"BTC\",\"side\":\"buy\",\"price\":50000,\"size\":0.02,\"fee\":0.5,"
                    + "\"closedPnl\":0,\"orderId\":1,\"cloid\":null,\"taker\":true,\"hash\":\"0x1\",\"startPosition\":0}")
            + line(
                3,
                "fill",
                "BTC",
                "{\"time\":\"2026-01-05T10:05:00Z\",\"asset\":\"BTC\",\"side\":\"sell\",\"price\":52100,\"size\":0.02,\"fee\":0.5,"
                    + "\"closedPnl\":42,\"orderId\":2,\"cloid\":null,\"taker\":true,\"hash\":\"0x2\",\"startPosition\":0.02}")
            + "{\"v\":1,\"seq\":4,\"time\":\"2026-01-05T1");
    return d;
  }

  @Test
  void demoOnAnotherSimulatorOnlyOnLoopbackAndOnlyWithAKey() {
    assertThat(run("demo", "--simulator", "https://api.hyperliquid.xyz", "--port", "0"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString())
        .contains("--simulator must be an http URL on this machine")
        .contains("api.hyperliquid.xyz");
    assertThat(run("demo", "--simulator", "http://10.0.0.7:8080", "--port", "0"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("demo", "--simulator", "http://127.0.0.1.evil.example:8080", "--port", "0"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run("demo", "--simulator", "http://127.0.0.1:9", "--port", "0", "--diary", "d.jsonl"))
        .isEqualTo(ExitCode.FAILURE);
    assertThat(err.toString()).contains("cannot reach the simulator at http://127.0.0.1:9");
    try (var sim =
        dev.rez.hyperliquid.sim.HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 20)
            .start()) {
      assertThat(run("demo", "--simulator", sim.baseUrl(), "--port", "0", "--diary", "d.jsonl"))
          .isEqualTo(ExitCode.MISSING_KEY);
    }
    assertThat(err.toString()).contains("HYPERLIQUID_PRIVATE_KEY");
    assertThat(dir.resolve("d.jsonl")).doesNotExist();
  }

  @Test
  void statsPrintsTheTrackRecordAndSkipsATornLastLine() throws Exception {
    Path d = diaryWithOneWin();

    int code = run("stats", d.getFileName().toString(), "--json");

    assertThat(code).isZero();
    Map<String, Object> json = Json.parseObject(out.toString().strip());
    @SuppressWarnings("unchecked")
    Map<String, Object> overall = (Map<String, Object>) json.get("overall");
    assertThat(overall)
        .containsEntry("trades", new BigDecimal("1"))
        .containsEntry("wins", new BigDecimal("1"));
    assertThat((BigDecimal) overall.get("netPnl")).isEqualByComparingTo("41");
    assertThat(((Map<?, ?>) json.get("perAsset")).keySet()).hasToString("[BTC]");
    assertThat(err.toString()).contains("line 4").contains("skipped");
  }

  @Test
  void statsSkipsALineTornInsideAMultiByteCharacter() throws Exception {
    Path d = diaryWithOneWin();
    List<String> lines = Files.readAllLines(d);
    // Between the two fills, a reasoning cut inside "é" by a crash; the next event starts on a new
    // line, as the
    // diary writes it.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.write((lines.get(0) + "\n" + lines.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write(
        "{\"v\":1,\"seq\":3,\"time\":\"2026-01-05T10:00:04Z\",\"cycle\":1,\"type\":\"reasoning\",\"asset\":null,\"data\":{\"text\":\"caf"
            .getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC3);
    bytes.write('\n');
    bytes.write((lines.get(2) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.write(d, bytes.toByteArray());

    assertThat(run("stats", d.toString(), "--json")).as(err.toString()).isZero();

    assertThat(err.toString()).contains("line 3").contains("UTF-8").contains("skipped");
    Map<String, Object> json = Json.parseObject(out.toString().strip());
    @SuppressWarnings("unchecked")
    Map<String, Object> overall = (Map<String, Object>) json.get("overall");
    assertThat(overall)
        .containsEntry(
            "trades", new BigDecimal("1")); // the closing fill after the torn line was read
  }

  @Test
  void statsTextOutput() throws Exception {
    Path d = diaryWithOneWin();
    assertThat(run("stats", d.toString())).isZero();
    assertThat(out.toString())
        .contains("trades")
        .contains("netPnl")
        .contains("41.00")
        .contains("BTC:");
  }

  @Test
  void statsOnAMissingFileExitsWithBadFile() {
    assertThat(run("stats", "nope.jsonl")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("nope.jsonl").contains("does not exist");
  }

  @Test
  void statsWithoutStartingEquityAsksForIt() throws Exception {
    Path d = dir.resolve("d.jsonl");
    Files.writeString(d, line(1, "cycle-start", null, "{\"cycle\":1}"));
    assertThat(run("stats", d.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--starting-equity");
    assertThat(run("stats", d.toString(), "--starting-equity", "1000")).isZero();
    assertThat(run("stats", d.toString(), "--starting-equity", "-5")).isEqualTo(ExitCode.USAGE);
    assertThat(run("stats", d.toString(), "--starting-equity", "lots")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void statsOnAFillWithoutItsFieldsIsABadFile() throws Exception {
    Path d = dir.resolve("d.jsonl");
    Files.writeString(d, line(1, "fill", "BTC", "{\"asset\":\"BTC\"}"));
    assertThat(run("stats", d.toString(), "--starting-equity", "1000"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("fill");
  }

  @Test
  void unknownCommandAndOptionsAreUsageErrors() {
    assertThat(run("fly")).isEqualTo(ExitCode.USAGE);
    assertThat(run("stats")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("Missing required parameter");
    assertThat(run("stats", "x", "--frobnicate")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void helpAndVersionSucceed() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("stats").contains("kill-switch");
    assertThat(run("--version")).isZero();
  }

  /** A diary an app has written (its content does not matter to the kill switch). */
  void diaryAt(String path) throws Exception {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.writeString(dir.resolve(path), "");
  }

  @Test
  void helpListsEveryCommandWithACompleteSummary() {
    assertThat(run("--help")).isZero();
    String help = out.toString().replace("\r", "");
    String commands = help.substring(help.indexOf("Commands:"));
    for (Class<?> c :
        RezCommand.class.getAnnotation(picocli.CommandLine.Command.class).subcommands()) {
      String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
      // The command's entry: its line, and the lines a long summary wraps onto.
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "(?m)^  " + java.util.regex.Pattern.quote(name) + "  +(\\S.*(?:\n {6,}\\S.*)*)")
              .matcher(commands);
      assertThat(m.find()).as(name + " in\n" + commands).isTrue();
      String summary = m.group(1).replaceAll("\\s+", " ").strip();
      assertThat(summary).as(name).endsWith(".").doesNotContain("%");
      // One sentence that stands alone, not the start of a paragraph.
      assertThat(summary.length()).as(name + ": " + summary).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void killSwitchIsPersistedNextToTheDiary() throws Exception {
    diaryAt("d/diary.jsonl");
    assertThat(run("kill-switch", "stop-entries", "--diary", "d/diary.jsonl", "--reason", "lunch"))
        .isZero();
    assertThat(Files.exists(dir.resolve("d/diary.jsonl.kill-switch.json"))).isTrue();
    assertThat(run("kill-switch", "status", "--diary", "d/diary.jsonl")).isZero();
    assertThat(out.toString()).contains("stop-entries (lunch) by cli");
    assertThat(run("kill-switch", "resume", "--diary", "d/diary.jsonl")).isZero();
    assertThat(out.toString()).contains("kill switch: none");
  }

  @Test
  void killSwitchDefaultsToTheNetworksDiary() throws Exception {
    diaryAt("data/simulator/diary.jsonl");
    assertThat(run("kill-switch", "flatten", "--network", "simulator")).isZero();
    assertThat(Files.exists(dir.resolve("data/simulator/diary.jsonl.kill-switch.json"))).isTrue();
    assertThat(run("kill-switch", "flatten", "--network", "moon")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("moon");
  }

  @Test
  void killSwitchRefusesADiaryNoAppWrites() {
    // Another network's default diary, or a mistyped path: nothing would see the switch.
    assertThat(run("kill-switch", "flatten", "--network", "testnet")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("no diary at").contains("--network");
    assertThat(run("kill-switch", "flatten", "--diary", "nowhere/diary.jsonl"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("check --diary");
    assertThat(dir.resolve("nowhere")).doesNotExist();
    assertThat(dir.resolve("data/testnet")).doesNotExist();
  }

  @Test
  void killSwitchRejectsUnknownActions() {
    assertThat(run("kill-switch", "explode", "--diary", "x.jsonl")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("explode");
    assertThat(run("kill-switch", "none", "--diary", "x.jsonl")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void invalidConfigurationIsAUsageErrorNamingTheVariable() {
    env.put("INTERVAL", "9m");
    assertThat(run("kill-switch", "status")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("INTERVAL").contains("9m");
  }

  @Test
  void namedEnvFileMustExist() {
    assertThat(run("--env-file", "missing.env", "kill-switch", "status"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("missing.env");
  }

  @Test
  void envFileInTheWorkingDirectoryIsRead() throws Exception {
    Files.writeString(dir.resolve(".env"), "REZ_DIARY=custom/diary.jsonl\n");
    diaryAt("custom/diary.jsonl");
    assertThat(run("kill-switch", "stop-entries")).isZero();
    assertThat(Files.exists(dir.resolve("custom/diary.jsonl.kill-switch.json"))).isTrue();
  }
}
