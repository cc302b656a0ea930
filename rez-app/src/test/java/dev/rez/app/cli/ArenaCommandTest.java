package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArenaCommandTest extends CliTestBase {
  String[] arena(Path data, String... more) {
    return arena(
        data, "out", List.of("rules=offline", "twin=offline", "bold=offline,profile=high"), more);
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
      Map<String, Object> stats =
          (Map<String, Object>) Json.parseObject(out.toString()).get("overall");
      for (String key :
          List.of(
              "trades",
              "winRate",
              "netPnl",
              "maxDrawdown",
              "maxDrawdownFraction",
              "sharpe",
              "profitFactor",
              "fees",
              "funding")) {
        assertThat(row.get(key)).as(row.get("name") + " " + key).isEqualTo(stats.get(key));
      }
      trades += ((BigDecimal) row.get("trades")).intValue();
      assertThat(Files.readAllLines(diary))
          .filteredOn(l -> l.contains("\"type\":\"cycle-end\""))
          .hasSize(200);
    }
    assertThat(trades)
        .as("the slice must make the contestants trade for the comparison to mean something")
        .isPositive();

    // The same contestant twice: identical per-cycle returns, an interval of exactly [0, 0].
    Map<String, Object> twin = rows.get(1);
    assertThat((Map<String, Object>) twin.get("vsBaseline"))
        .containsEntry("ci95", List.of(BigDecimal.ZERO, BigDecimal.ZERO))
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
      for (String line :
          Files.readAllLines(dir.resolve("out").resolve(name).resolve("diary.jsonl"))) {
        Map<String, Object> event = Json.parseObject(line);
        if (!"context".equals(event.get("type"))) continue;
        Map<String, Object> payload =
            (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("payload");
        perCycle.put(
            ((BigDecimal) event.get("cycle")).longValue(),
            List.of(payload.get("time"), payload.get("assets")));
      }
      markets.put(name, perCycle);
    }
    assertThat(markets.get("rules")).hasSize(100);
    assertThat(markets.get("twin")).isEqualTo(markets.get("rules"));
    assertThat(markets.get("bold")).isEqualTo(markets.get("rules"));
  }

  @SuppressWarnings("unchecked")
  @Test
  void hostedContestantsCountTokensAndOneWhoseServerIsDownHoldsWhileTheOthersGoOn()
      throws Exception {
    Path data = bars(230);
    String holdBtc =
        "{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"}]}";
    try (FakeOpenAiServer server = new FakeOpenAiServer(body -> holdBtc)) {
      env.put("LLM_MAX_RETRIES", "0");
      env.put("LLM_TIMEOUT_SECONDS", "5");
      env.put(
          "REZ_DAILY_TOKEN_BUDGET",
          "500"); // 110 tokens a call: the fifth call spends it for the (simulated) day
      assertThat(
              run(
                  "arena",
                  "--data",
                  data.toString(),
                  "--warmup",
                  "200",
                  "--out",
                  "out",
                  "--json",
                  "--contestant",
                  "rules=offline",
                  "--contestant",
                  "local=openai-compatible:llama3.1@" + server.baseUrl() + ",price=2.00/8.00",
                  "--contestant",
                  "down=openai-compatible:llama3.1@http://127.0.0.1:9/v1"))
          .as(err.toString())
          .isZero();
      List<Map<String, Object>> rows =
          (List<Map<String, Object>>) Json.parseObject(out.toString()).get("contestants");
      Map<String, Object> local = rows.get(1);
      assertThat(local)
          .containsEntry("model", "openai-compatible/llama3.1")
          .containsEntry("heldCycles", BigDecimal.ZERO);
      assertThat((Map<String, Object>) local.get("tokens"))
          .containsEntry("input", new BigDecimal(5 * 100))
          .containsEntry("output", new BigDecimal(5 * 10));
      // Its price: 500 input tokens at $2 and 50 output tokens at $8 per million.
      assertThat(local.get("costUsd")).isEqualTo(new BigDecimal("0.0014"));
      assertThat(server.requestsFor("llama3.1")).hasSize(5);
      assertThat(Files.readAllLines(dir.resolve("out/local/diary.jsonl")))
          .filteredOn(l -> l.contains("token-budget"))
          .hasSize(25);
      // The offline contestant is not held to the budget.
      assertThat(
              ((BigDecimal) ((Map<String, Object>) rows.get(0).get("tokens")).get("input"))
                  .longValue())
          .isGreaterThan(500);
      Map<String, Object> down = rows.get(2);
      assertThat(down)
          .containsEntry("heldCycles", new BigDecimal(30))
          .containsEntry("trades", BigDecimal.ZERO)
          .containsEntry("costUsd", null);
      assertThat(rows.get(0))
          .containsEntry("heldCycles", BigDecimal.ZERO)
          .containsEntry("costUsd", BigDecimal.ZERO);
      for (String name : List.of("rules", "local", "down")) {
        assertThat(Files.readAllLines(dir.resolve("out").resolve(name).resolve("diary.jsonl")))
            .as(name)
            .filteredOn(l -> l.contains("\"type\":\"cycle-end\""))
            .hasSize(30);
      }
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void aCassetteContestantReplaysARecordedDiarysAnswers() throws Exception {
    Path data = bars(260);
    backtest(data, Path.of("rec/diary.jsonl"));
    assertThat(
            run(
                "arena",
                "--data",
                data.toString(),
                "--warmup",
                "200",
                "--out",
                "out",
                "--json",
                "--contestant",
                "rules=offline",
                "--contestant",
                "tape=cassette:rec/diary.jsonl"))
        .as(err.toString())
        .isZero();
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) Json.parseObject(out.toString()).get("contestants");
    assertThat(rows.get(1))
        .containsEntry("model", "cassette/diary.jsonl")
        .containsEntry("heldCycles", BigDecimal.ZERO);
    assertThat(Files.readAllLines(dir.resolve("out/tape/diary.jsonl")))
        .filteredOn(l -> l.contains("\"type\":\"cycle-end\""))
        .hasSize(60);
  }

  @Test
  void badContestantsAndBaselinesAreUsageErrors() throws Exception {
    Path data = bars(260);
    assertThat(run("arena", "--data", data.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "nameless"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("NAME=SPEC");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=gemini:pro"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("unknown model provider 'gemini'");
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=offline,profile=reckless"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a=offline,colour=red"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=openai:gpt-4o,price=cheap"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("price must be <input>/<output>");
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=offline", "--port", "70000"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                "arena",
                "--data",
                data.toString(),
                "--contestant",
                "a=offline",
                "--contestant",
                "a=offline"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("entered twice");
    assertThat(run("arena", "--data", data.toString(), "--contestant", "a/b=offline"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=offline", "--baseline", "b"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--baseline b is not a contestant");
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=openai-compatible:llama3"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=cassette:old/diary.jsonl"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=anthropic:claude-sonnet-4"))
        .isEqualTo(ExitCode.MISSING_KEY);
    assertThat(err.toString()).contains("ANTHROPIC_API_KEY");
    assertThat(
            run("arena", "--data", data.toString(), "--contestant", "a=offline,prompt=missing.txt"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(run("arena", "--data", "missing.csv", "--contestant", "a=offline"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(Files.exists(dir.resolve("data/arena"))).isFalse();
  }

  @Test
  void theSharedOptionGroupsShowInEachCommandsHelp() {
    assertThat(run("arena", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--data=FILE",
            "--asset=NAME",
            "--warmup=N",
            "--contestant=NAME=SPEC",
            "price=<input>/<output>",
            "--port=PORT",
            "--json");
    assertThat(run("backtest", "--help")).isZero();
    assertThat(out.toString())
        .contains("--data=FILE", "--asset=NAME", "--warmup=N", "--json")
        .doesNotContain("--contestant");
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--contestant=NAME=SPEC", "--port=PORT", "Arena page");
    assertThat(run("run", "--help")).isZero();
    assertThat(out.toString()).contains("--port=PORT", "API_PORT");
  }

  @Test
  void anotherAppsDiaryIsRefusedNotReplaced() throws Exception {
    Path data = bars(260);
    Path diary = dir.resolve("out/a/diary.jsonl");
    Files.createDirectories(diary.getParent());
    String line = MainTest.line(1, "app-start", null, "{\"mode\":\"demo\",\"equity\":10000}");
    Files.writeString(diary, line);
    assertThat(run("arena", "--data", data.toString(), "--out", "out", "--contestant", "a=offline"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("demo");
    assertThat(Files.readString(diary)).isEqualTo(line);
  }

  @SuppressWarnings("unchecked")
  @Test
  void withAPortTheApiShowsTheBoardAndEachContestantWhileItRunsAndAfterUntilInterrupted()
      throws Exception {
    Path data = bars(260);
    int code;
    try (Background arena = background(arena(data, "--port", "0"))) {
      String base = arena.awaitPrinted(API_URL, 60, "the arena's API");
      Map<String, Object> board = awaitFinished(base);
      List<Map<String, Object>> contestants = (List<Map<String, Object>>) board.get("contestants");
      assertThat(contestants)
          .extracting(c -> c.get("name"))
          .containsExactly("rules", "twin", "bold");
      assertThat(board)
          .containsEntry("cycles", new BigDecimal(60))
          .containsEntry("cycle", new BigDecimal(60))
          .containsEntry("baseline", "rules");
      for (Map<String, Object> c : contestants)
        assertThat((List<Object>) c.get("equityCurve")).as((String) c.get("name")).hasSize(60);
      Map<String, Object> leaderboard = (Map<String, Object>) board.get("leaderboard");
      assertThat(leaderboard)
          .isEqualTo(Json.parseObject(Files.readString(dir.resolve("out/leaderboard.json"))));
      List<Map<String, Object>> rows = (List<Map<String, Object>>) leaderboard.get("contestants");
      assertThat(arena.printed.toString()).contains("still serving " + base);

      // Each contestant's own pages: its status, diary and track record, as the leaderboard says.
      for (int i = 0; i < 3; i++) {
        String name = (String) rows.get(i).get("name");
        Map<String, Object> status =
            Json.parseObject(get(base + "/api/arena/" + name + "/status").body());
        assertThat(status)
            .containsEntry("model", "offline-rules")
            .containsEntry("network", "simulator")
            .containsEntry("readOnly", true);
        Map<String, Object> stats =
            (Map<String, Object>)
                Json.parseObject(get(base + "/api/arena/" + name + "/stats").body()).get("overall");
        assertThat(stats.get("trades")).as(name).isEqualTo(rows.get(i).get("trades"));
        assertThat((BigDecimal) stats.get("netPnl"))
            .as(name)
            .isEqualByComparingTo((BigDecimal) rows.get(i).get("netPnl"));
        Map<String, Object> cycles =
            Json.parseObject(get(base + "/api/arena/" + name + "/cycles?limit=5").body());
        assertThat((List<Object>) cycles.get("cycles")).hasSize(5);
      }
      assertThat(get(base + "/api/status").body())
          .contains("\"model\":\"offline-rules\"", "\"readOnly\":true");
      Resp unknown = get(base + "/api/arena/nobody/status");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).contains("\"code\":\"not-found\"", "nobody");
      assertThat(get(base + "/api/arena/rules/stream").status()).isEqualTo(404);
      assertThat(get(base + "/api/arena/rules/cycles?limit=abc").status()).isEqualTo(400);
      Resp post = post(base + "/api/arena/rules/kill-switch/flatten");
      assertThat(post.status()).isEqualTo(404);
      assertThat(post.body()).contains("not-found");
      assertThat(arena.isAlive()).as("still serving after the run").isTrue();
      code = arena.stop();
    }
    assertThat(code).isZero();
  }

  @Test
  void anOutFolderThatCannotBeMadeIsABadFileSayingWhy() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file, not a folder");
    int code = run(arena(bars(203), blocker.resolve("x").toString(), List.of("a=offline")));
    assertThat(code).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString())
        .contains("cannot make the folder " + blocker.resolve("x"))
        .contains("--out");
    assertThat(Files.readString(blocker)).isEqualTo("a file, not a folder");
  }

  @Test
  void aContestantsOwnModelNeedsNoneOfTheConfiguredModelsSettings() throws Exception {
    // LLM_API_KEY alone makes the configured model openrouter, which would need LLM_MODEL; the
    // contestant names its own server and model. Its calls fail (nothing listens): it holds.
    env.put("LLM_API_KEY", "a-key-for-the-local-server");
    env.put("LLM_MAX_RETRIES", "0");
    int code =
        run(
            arena(
                bars(203),
                "own",
                List.of("a=openai-compatible:m@http://127.0.0.1:9/v1"),
                "--json"));
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).doesNotContain("rez arena:").contains("the arena does not use it");
    assertThat(dir.resolve("own/leaderboard.json")).exists();
    assertThat(Files.readString(dir.resolve("own/a/diary.jsonl")))
        .contains("\"model\":\"openai-compatible/m\"");
    // Anything else wrong in the configuration still stops it.
    env.put("RISK_PROFILE", "reckless");
    assertThat(run(arena(bars(203), "own", List.of("a=offline")))).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("RISK_PROFILE");
  }

  @SuppressWarnings("unchecked")
  @Test
  void demoWithContestantsRunsAPacedArenaOnTheBundledMinutesWithTheDashboard() throws Exception {
    assertThat(run("demo", "--contestant", "a=offline", "--simulator", "http://127.0.0.1:9"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--simulator");
    assertThat(run("demo", "--contestant", "a=offline", "--port", "-1")).isEqualTo(ExitCode.USAGE);
    // 20 simulated minutes a wall second: a cycle every 3 s would be slow; 120x makes it 0.5 s,
    // still paced, and leaves the API seconds to be asked while the arena runs.
    long t0 = System.nanoTime();
    int code;
    try (Background demo =
        background(
            "demo",
            "--contestant",
            "calm=offline,profile=conservative",
            "--contestant",
            "bold=offline,profile=high",
            "--cycles",
            "8",
            "--speed",
            "120",
            "--port",
            "0")) {
      String base = demo.awaitPrinted(API_URL, 60, "the arena's API");
      assertThat(get(base + "/api/arena/bold/status").body()).contains("\"riskProfile\":\"high\"");
      // With --cycles the demo ends once they are done, as the plain demo does.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (demo.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
      assertThat(demo.isAlive()).as("the demo ended after its cycles").isFalse();
      assertThat(System.nanoTime() - t0)
          .as("8 cycles paced at 0.5 s each")
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(3500));
      code = demo.stop();
    }
    assertThat(code).isZero();
    Path arenaDir = dir.resolve("data/simulator/arena");
    Map<String, Object> board =
        Json.parseObject(Files.readString(arenaDir.resolve("leaderboard.json")));
    assertThat(board)
        .containsEntry("asset", "BTC")
        .containsEntry("interval", "1m")
        .containsEntry("cycles", new BigDecimal(8))
        .containsEntry("baseline", "calm");
    assertThat((List<Map<String, Object>>) board.get("contestants"))
        .extracting(c -> c.get("name"))
        .containsExactly("calm", "bold");
    assertThat(Files.readAllLines(arenaDir.resolve("bold/diary.jsonl")))
        .filteredOn(l -> l.contains("\"type\":\"cycle-end\""))
        .hasSize(8);
  }

  /**
   * Where an arena's API is, as {@code rez arena --port} and {@code rez demo --contestant} print
   * it.
   */
  private static final Pattern API_URL = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)/arena/");

  private static Map<String, Object> awaitFinished(String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      Resp r = get(base + "/api/arena");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      Map<String, Object> board = Json.parseObject(r.body());
      if ("finished".equals(board.get("state"))) return board;
      assertThat(board.get("state")).isEqualTo("running");
      assertThat(System.nanoTime()).as("the arena finishes within 120 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  record Resp(int status, String body) {}

  static Resp get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  static Resp post(String url) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private static Resp send(HttpRequest.Builder request) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              request.timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Resp(r.statusCode(), r.body());
    }
  }
}
