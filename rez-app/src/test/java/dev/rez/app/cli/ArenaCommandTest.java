package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.loop.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArenaCommandTest {
  @TempDir Path dir;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();
  final Map<String, String> env = new HashMap<>();

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
  }

  Path bars(int n) throws Exception {
    Path f = dir.resolve("btc" + n + ".csv");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(CandleCsv.class.getResourceAsStream(CandleCsv.DEMO_RESOURCE), StandardCharsets.UTF_8))) {
      Files.writeString(f, r.lines().limit(n + 1L).collect(Collectors.joining("\n", "", "\n")));
    }
    return f;
  }

  String[] arena(Path data, String... more) {
    List<String> args = new ArrayList<>(List.of("arena", "--data", data.toString(), "--warmup", "200", "--out", "out",
        "--contestant", "rules=offline", "--contestant", "twin=offline", "--contestant", "bold=offline,profile=high"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @SuppressWarnings("unchecked")
  @Test
  void leaderboardRowsAreEachDiarysStatsAndTheFileIsByteIdenticalOnARerun() throws Exception {
    Path data = bars(400);
    assertThat(run(arena(data, "--json"))).as(err.toString()).isZero();
    Path file = dir.resolve("out/leaderboard.json");
    byte[] first = Files.readAllBytes(file);
    Map<String, Object> board = Json.parseObject(out.toString());
    assertThat(new String(first, StandardCharsets.UTF_8).strip()).isEqualTo(out.toString().strip());

    List<Map<String, Object>> rows = (List<Map<String, Object>>) board.get("contestants");
    assertThat(rows).extracting(r -> r.get("name")).containsExactly("rules", "twin", "bold");
    assertThat(board.get("baseline")).isEqualTo("rules");
    assertThat(board.get("cycles")).isEqualTo(new BigDecimal(200));
    int trades = 0;
    for (Map<String, Object> row : rows) {
      Path diary = dir.resolve("out").resolve((String) row.get("name")).resolve("diary.jsonl");
      assertThat(run("stats", diary.toString(), "--json")).as(err.toString()).isZero();
      Map<String, Object> stats = (Map<String, Object>) Json.parseObject(out.toString()).get("overall");
      for (String key : List.of("trades", "winRate", "netPnl", "maxDrawdown", "maxDrawdownFraction", "sharpe", "profitFactor", "fees", "funding")) {
        assertThat(row.get(key)).as(row.get("name") + " " + key).isEqualTo(stats.get(key));
      }
      trades += ((BigDecimal) row.get("trades")).intValue();
      assertThat(Files.readAllLines(diary)).filteredOn(l -> l.contains("\"type\":\"cycle-end\"")).hasSize(200);
    }
    assertThat(trades).as("the slice must make the contestants trade for the comparison to mean something").isPositive();

    // The same contestant twice: identical per-cycle returns, an interval of exactly [0, 0].
    Map<String, Object> twin = rows.get(1);
    assertThat((Map<String, Object>) twin.get("vsBaseline")).containsEntry("ci95", List.of(BigDecimal.ZERO, BigDecimal.ZERO))
        .containsEntry("verdict", "undecided");
    assertThat(twin.get("netPnl")).isEqualTo(rows.get(0).get("netPnl"));

    assertThat(run(arena(data))).as(err.toString()).isZero();
    assertThat(out.toString()).contains("rules", "twin", "bold", "paired bootstrap 95 % CI");
    assertThat(Files.readAllBytes(file)).isEqualTo(first);
  }

  @SuppressWarnings("unchecked")
  @Test
  void everyContestantSeesTheSameMarketEveryCycle() throws Exception {
    Path data = bars(300);
    assertThat(run(arena(data, "--json"))).as(err.toString()).isZero();
    Map<String, Map<Long, Object>> markets = new HashMap<>();
    for (String name : List.of("rules", "twin", "bold")) {
      Map<Long, Object> perCycle = new TreeMap<>();
      for (String line : Files.readAllLines(dir.resolve("out").resolve(name).resolve("diary.jsonl"))) {
        Map<String, Object> event = Json.parseObject(line);
        if (!"context".equals(event.get("type"))) continue;
        Map<String, Object> payload = (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("payload");
        perCycle.put(((BigDecimal) event.get("cycle")).longValue(), List.of(payload.get("time"), payload.get("assets")));
      }
      markets.put(name, perCycle);
    }
    assertThat(markets.get("rules")).hasSize(100);
    assertThat(markets.get("twin")).isEqualTo(markets.get("rules"));
    assertThat(markets.get("bold")).isEqualTo(markets.get("rules"));
  }

  @SuppressWarnings("unchecked")
  @Test
  void hostedContestantsCountTokensAndOneWhoseServerIsDownHoldsWhileTheOthersGoOn() throws Exception {
    Path data = bars(230);
    String holdBtc = "{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"}]}";
    try (FakeOpenAiServer server = new FakeOpenAiServer(body -> holdBtc)) {
      env.put("LLM_MAX_RETRIES", "0");
      env.put("LLM_TIMEOUT_SECONDS", "5");
      env.put("REZ_DAILY_TOKEN_BUDGET", "500");  // 110 tokens a call: the fifth call spends it for the (simulated) day
      assertThat(run("arena", "--data", data.toString(), "--warmup", "200", "--out", "out", "--json", "--contestant", "rules=offline",
          "--contestant", "local=openai-compatible:llama3.1@" + server.baseUrl(), "--contestant", "down=openai-compatible:llama3.1@http://127.0.0.1:9/v1"))
          .as(err.toString()).isZero();
      List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parseObject(out.toString()).get("contestants");
      Map<String, Object> local = rows.get(1);
      assertThat(local).containsEntry("model", "openai-compatible/llama3.1").containsEntry("heldCycles", BigDecimal.ZERO);
      assertThat((Map<String, Object>) local.get("tokens")).containsEntry("input", new BigDecimal(5 * 100)).containsEntry("output", new BigDecimal(5 * 10));
      assertThat(local.get("costUsd")).isNull();
      assertThat(server.requestsFor("llama3.1")).hasSize(5);
      assertThat(Files.readAllLines(dir.resolve("out/local/diary.jsonl"))).filteredOn(l -> l.contains("token-budget")).hasSize(25);
      // The offline contestant is not held to the budget.
      assertThat(((BigDecimal) ((Map<String, Object>) rows.get(0).get("tokens")).get("input")).longValue()).isGreaterThan(500);
      Map<String, Object> down = rows.get(2);
      assertThat(down).containsEntry("heldCycles", new BigDecimal(30)).containsEntry("trades", BigDecimal.ZERO);
      assertThat(rows.get(0)).containsEntry("heldCycles", BigDecimal.ZERO).containsEntry("costUsd", BigDecimal.ZERO);
      for (String name : List.of("rules", "local", "down")) {
        assertThat(Files.readAllLines(dir.resolve("out").resolve(name).resolve("diary.jsonl"))).as(name)
            .filteredOn(l -> l.contains("\"type\":\"cycle-end\"")).hasSize(30);
      }
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void aCassetteContestantReplaysARecordedDiarysAnswers() throws Exception {
    Path data = bars(260);
    assertThat(run("backtest", "--data", data.toString(), "--warmup", "200", "--diary", "rec/diary.jsonl")).as(err.toString()).isZero();
    assertThat(run("arena", "--data", data.toString(), "--warmup", "200", "--out", "out", "--json", "--contestant", "rules=offline",
        "--contestant", "tape=cassette:rec/diary.jsonl")).as(err.toString()).isZero();
    List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parseObject(out.toString()).get("contestants");
    assertThat(rows.get(1)).containsEntry("model", "cassette/diary.jsonl").containsEntry("heldCycles", BigDecimal.ZERO);
    assertThat(Files.readAllLines(dir.resolve("out/tape/diary.jsonl"))).filteredOn(l -> l.contains("\"type\":\"cycle-end\"")).hasSize(60);
  }

  @Test
  void badContestantsAndBaselinesAreUsageErrors() throws Exception {
    Path data = bars(260);
    assertThat(run("arena", "--data", data.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "nameless")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("NAME=SPEC");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=gemini:pro")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown model provider 'gemini'");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=offline,profile=reckless")).isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=offline,colour=red")).isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=offline", "--contestant", "a=offline")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("entered twice");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a/b=offline")).isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=offline", "--baseline", "b")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--baseline b is not a contestant");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=openai-compatible:llama3")).isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=cassette:old/diary.jsonl")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=anthropic:claude-sonnet-4")).isEqualTo(ExitCode.MISSING_KEY);
    assertThat(err.toString()).contains("ANTHROPIC_API_KEY");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=offline,prompt=missing.txt")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(run("arena", "--data", "missing.csv", "--contestant", "a=offline")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(Files.exists(dir.resolve("data/arena"))).isFalse();
  }

  @Test
  void anotherAppsDiaryIsRefusedNotReplaced() throws Exception {
    Path data = bars(260);
    Path diary = dir.resolve("out/a/diary.jsonl");
    Files.createDirectories(diary.getParent());
    String line = MainTest.line(1, "app-start", null, "{\"mode\":\"demo\",\"equity\":10000}");
    Files.writeString(diary, line);
    assertThat(run("arena", "--data", data.toString(), "--out", "out", "--contestant", "a=offline")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("demo");
    assertThat(Files.readString(diary)).isEqualTo(line);
  }
}
