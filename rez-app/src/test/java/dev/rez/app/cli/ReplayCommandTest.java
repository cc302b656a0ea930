package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayCommandTest extends CliTestBase {
  static final String HOLD =
      "{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"}]}";

  @SuppressWarnings("unchecked")
  Map<String, Object> json() {
    return Json.parseObject(out.toString().strip());
  }

  @Test
  void aDiaryRecordedAgainstAnOpenAiCompatibleServerReplaysWithTheServerStopped() throws Exception {
    Path data = bars(0, 240);
    Path diary = dir.resolve("llm.jsonl");
    int requests;
    // The model answers in prose first; asked again, it holds: two turns per cycle.
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body -> {
              List<Map<String, Object>> messages = (List<Map<String, Object>>) body.get("messages");
              String last = String.valueOf(messages.get(messages.size() - 1).get("content"));
              return last.startsWith("Your answer contained no decision")
                  ? HOLD
                  : "Flat market; I would wait.";
            })) {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", server.baseUrl());
      env.put("LLM_MODEL", "llama3.1");
      env.put("LLM_MAX_RETRIES", "0");
      backtest(data, diary);
      requests = server.requests.size();
    }
    assertThat(requests).isEqualTo(80);

    assertThat(run("replay", diary.toString(), "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    Map<String, Object> r = json();
    assertThat(r)
        .containsEntry("mode", "strict")
        .containsEntry("sameDecisions", true)
        .containsEntry("sameOrders", true)
        .containsEntry("sameTrackRecord", true);
    assertThat(((BigDecimal) r.get("answersPlayed")).intValue()).isEqualTo(80);
    assertThat((List<Object>) r.get("verdictChanges")).isEmpty();
    // The same decisions and rationales, event for event.
    assertThat(events(dir.resolve("llm.replay.jsonl"), "decision"))
        .isEqualTo(events(diary, "decision"))
        .hasSize(40);
  }

  @Test
  void aRunWhoseServerRefusedToolsAndWhoseRepairModelDecidedReplaysStrictly() throws Exception {
    Path data = bars(0, 240);
    Path diary = dir.resolve("repaired.jsonl");
    // Each cycle: the server refuses the tools, the model answers the JSON format's request in
    // prose twice, and the repair model reshapes that into a hold.
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body ->
                "rez-repair".equals(body.get("model"))
                    ? HOLD
                    : body.containsKey("tools")
                        ? FakeOpenAiServer.TOOLS_REFUSED
                        : "Flat market; I would wait.")) {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", server.baseUrl());
      env.put("LLM_MODEL", "gemma3");
      env.put("LLM_MAX_RETRIES", "0");
      env.put("SANITIZE_MODEL", "rez-repair");
      backtest(data, diary);
      assertThat(server.requests).hasSize(160);
      assertThat(server.requestsFor("rez-repair")).hasSize(40);
    }
    env.remove("SANITIZE_MODEL");

    assertThat(run("replay", diary.toString(), "--data", data.toString(), "--json"))
        .as(err.toString())
        .isZero();
    Map<String, Object> r = json();
    assertThat(r).containsEntry("mode", "strict").containsEntry("sameDecisions", true);
    // Steps 2 and 3 of the model and step 4 of the repair model, in each of the 40 cycles.
    assertThat(((BigDecimal) r.get("answers")).intValue()).isEqualTo(120);
    assertThat(((BigDecimal) r.get("answersPlayed")).intValue()).isEqualTo(120);
    assertThat(events(dir.resolve("repaired.replay.jsonl"), "decision"))
        .isEqualTo(events(diary, "decision"))
        .hasSize(40)
        .allSatisfy(d -> assertThat(d.toString()).contains("flat"));
  }

  @Test
  void anOfflineBacktestReplaysIdenticallyAndACounterfactualListsItsChanges() throws Exception {
    Path data = bars(0, 700);
    Path diary = dir.resolve("offline.jsonl");
    backtest(data, diary);
    assertThat(events(diary, "order")).as("the offline model trades in this window").isNotEmpty();

    assertThat(run("replay", diary.toString(), "--data", data.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .contains("strict")
        .contains("decisions identical; orders identical; track record identical")
        .contains("0 verdict(s) changed");
    assertThat(events(dir.resolve("offline.replay.jsonl"), "fill"))
        .isEqualTo(events(diary, "fill"));

    assertThat(
            run(
                "replay",
                diary.toString(),
                "--data",
                data.toString(),
                "--risk-profile",
                "debug",
                "--diary",
                "cf.jsonl",
                "--json"))
        .as(err.toString())
        .isZero();
    Map<String, Object> r = json();
    assertThat(r).containsEntry("mode", "lenient");
    List<Map<String, Object>> changes = (List<Map<String, Object>>) r.get("verdictChanges");
    assertThat(changes)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("before")).isNotEqualTo(c.get("after")));
    Map<String, Object> pnl = (Map<String, Object>) r.get("netPnl");
    assertThat(((BigDecimal) pnl.get("replayed")).subtract((BigDecimal) pnl.get("recorded")))
        .isEqualByComparingTo((BigDecimal) pnl.get("difference"));
    assertThat((BigDecimal) pnl.get("difference")).isNotEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void strictReplayFailsOnTheFirstCycleWhoseRequestDiffers() throws Exception {
    Path data = bars(0, 230);
    Path diary = dir.resolve("offline.jsonl");
    backtest(data, diary);
    // The same file one bar later: every context differs from the recorded one.
    assertThat(run("replay", diary.toString(), "--data", bars(1, 230).toString()))
        .isEqualTo(ExitCode.FAILURE);
    assertThat(err.toString())
        .contains("replay failed: cycle 1 step 1: the request differs from the recorded one");
  }

  @Test
  void badInput() throws Exception {
    Path data = bars(0, 230);
    assertThat(run("replay", "missing.jsonl", "--data", data.toString()))
        .isEqualTo(ExitCode.BAD_FILE);
    Path live = dir.resolve("live.jsonl");
    Files.writeString(
        live, MainTest.line(1, "app-start", null, "{\"mode\":\"live\",\"equity\":10000}"));
    assertThat(run("replay", live.toString(), "--data", data.toString())).isEqualTo(ExitCode.USAGE);
    Path old = dir.resolve("old.jsonl");
    Files.writeString(
        old,
        MainTest.line(
            1,
            "app-start",
            null,
            "{\"mode\":\"backtest\",\"equity\":10000,\"assets\":[\"BTC\"],\"interval\":\"1m\","
                + "\"riskProfile\":\"moderate\"}"));
    assertThat(run("replay", old.toString(), "--data", data.toString()))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("records no model answers");
  }

  static List<String> events(Path diary, String type) throws Exception {
    return Files.readAllLines(diary).stream()
        .map(Json::parseObject)
        .filter(e -> type.equals(e.get("type")))
        .map(e -> e.get("cycle") + " " + e.get("asset") + " " + Json.write(e.get("data")))
        .toList();
  }
}
