package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.agent.Agent;
import dev.rez.app.config.AppConfig;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's model configuration, end to end against a loopback server speaking OpenAI chat
 * completions.
 */
class ModelConfigurationTest {
  static final String PROMPT = "You are a careful trader. Hold unless the trend is obvious.";
  static final String HOLDS =
      "{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"},"
          + "{\"asset\":\"ETH\",\"action\":\"hold\",\"rationale\":\"flat\"},{\"asset\":\"SOL\",\"action\":\"hold\",\"rationale\":\"flat\"}]}";

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void thePythonDeploymentEnvRunsACycleWithHeadersPromptFileSettingsAndTheRepairModel()
      throws Exception {
    Path env = dir.resolve(".env");
    try (var in =
        ModelConfigurationTest.class.getResourceAsStream("/config/python-deployment.env")) {
      Files.write(env, in.readAllBytes());
    }
    Path promptFile = dir.resolve("prompt.md");
    Files.writeString(promptFile, PROMPT);
    // The main model answers in prose (twice: the agent asks once more), the repair model reshapes
    // it into JSON.
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body ->
                "repair-model".equals(body.get("model"))
                    ? HOLDS
                    : "All three look flat to me; I would wait for a breakout.")) {
      Map<String, String> environment = new HashMap<>();
      environment.put(
          "OPENROUTER_BASE_URL",
          server.baseUrl()); // the only change: the model server is the loopback fake
      environment.put("OPENROUTER_REFERER", "https://bot.example");
      environment.put("OPENROUTER_APP_TITLE", "Rez test");
      environment.put("REZ_SYSTEM_PROMPT_FILE", promptFile.toString());
      environment.put("LLM_TEMPERATURE", "0.7");
      environment.put("LLM_MAX_OUTPUT_TOKENS", "1234");
      environment.put("LLM_TIMEOUT_SECONDS", "30");
      environment.put("LLM_MAX_RETRIES", "0");
      environment.put("SANITIZE_MODEL", "repair-model");
      environment.put("SANITIZE_PRICE", "0.15/0.60");
      AppConfig cfg = AppConfig.load(env, environment);
      Path diaryPath = dir.resolve("diary.jsonl");
      TradingApp.Spec spec =
          new TradingApp.Spec(
              TradingApp.Mode.DEMO,
              cfg,
              AppConfig.Network.SIMULATOR,
              cfg.assets(),
              cfg.interval(),
              diaryPath,
              Map.of(),
              36_000,
              300,
              AfterReplay.SYNTHETIC,
              "python-env",
              null);
      try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
        assertThat(app.policy.limits().hardLeverageCap()).isEqualTo(5);
        assertThat(app.policy.limits().profile()).isEqualTo("conservative");
        app.limitCycles(1);
        app.runLoop();
      }

      List<FakeOpenAiServer.Request> main = server.requestsFor("openai/gpt-4o");
      assertThat(main).hasSize(2);
      FakeOpenAiServer.Request first = main.get(0);
      assertThat(first.header("HTTP-Referer")).isEqualTo("https://bot.example");
      assertThat(first.header("X-Title")).isEqualTo("Rez test");
      assertThat(first.header("Authorization")).isEqualTo("Bearer sk-or-123...");
      assertThat(((BigDecimal) first.body().get("temperature"))).isEqualByComparingTo("0.7");
      assertThat(((BigDecimal) first.body().get("max_tokens")).intValue()).isEqualTo(1234);
      List<Map<String, Object>> messages = (List<Map<String, Object>>) first.body().get("messages");
      assertThat(messages.get(0)).containsEntry("role", "system").containsEntry("content", PROMPT);
      assertThat(server.requestsFor("repair-model")).hasSize(1);

      List<Map<String, Object>> events =
          Files.readAllLines(diaryPath).stream().map(Json::parseObject).toList();
      Map<String, Object> prompt =
          (Map<String, Object>)
              events.stream()
                  .filter(e -> "prompt".equals(e.get("type")))
                  .findFirst()
                  .orElseThrow()
                  .get("data");
      assertThat(prompt)
          .containsEntry("version", Agent.customPromptVersion(PROMPT))
          .containsEntry("system", PROMPT);
      assertThat((String) prompt.get("version")).matches("custom/sha256:[0-9a-f]{16}");
      // The repaired answer became the cycle's decisions: a hold per asset, and the cycle ended
      // well.
      assertThat(events).filteredOn(e -> "decision".equals(e.get("type"))).hasSize(3);
      // The repair model's turn is recorded like the model's, at a step of its own, and its
      // tokens count in the cycle's.
      assertThat(events)
          .filteredOn(e -> "model-answer".equals(e.get("type")))
          .extracting(e -> (Map<String, Object>) e.get("data"))
          .extracting(d -> ((BigDecimal) d.get("step")).intValue(), d -> d.get("model"))
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, null),
              org.assertj.core.groups.Tuple.tuple(2, null),
              org.assertj.core.groups.Tuple.tuple(3, "repair"));
      assertThat(events)
          .filteredOn(e -> "cycle-end".equals(e.get("type")))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(
                          (Map<String, Object>) ((Map<String, Object>) e.get("data")).get("tokens"))
                      .containsEntry("input", new BigDecimal(300)));
      assertThat(events)
          .filteredOn(e -> "cycle-end".equals(e.get("type")))
          .singleElement()
          .satisfies(
              e -> assertThat((Map<String, Object>) e.get("data")).containsEntry("ok", true));
    }
  }

  @Test
  void theModelsKeyTravelsInClearTextOnlyToThisMachine() {
    for (String variable : List.of("LLM_BASE_URL", "SANITIZE_BASE_URL"))
      assertThatThrownBy(
              () ->
                  AppConfig.fromVariables(
                      Map.of(
                          "LLM_PROVIDER",
                          "openai-compatible",
                          "LLM_BASE_URL",
                          variable.equals("LLM_BASE_URL")
                              ? "http://u:pa55word@llm.lan/v1?key=s3cret"
                              : "http://127.0.0.1:11434/v1",
                          "LLM_MODEL",
                          "m",
                          "SANITIZE_MODEL",
                          "r",
                          "SANITIZE_BASE_URL",
                          "http://u:pa55word@llm.lan/v1?key=s3cret")))
          .hasMessageContaining(variable + " must use https for a host that is not loopback")
          .message()
          .doesNotContain("pa55word")
          .doesNotContain("s3cret");
    assertThat(compatible("http://127.0.0.1:11434/v1").llmBaseUrl())
        .isEqualTo("http://127.0.0.1:11434/v1");
    // Another machine over plain http: only when no key goes with the requests.
    assertThat(compatible("http://llm.lan:11434/v1").llmBaseUrl())
        .isEqualTo("http://llm.lan:11434/v1");
    assertThatThrownBy(() -> compatible("http://llm.lan:11434/v1", "LLM_API_KEY", "sk-lan-123"))
        .hasMessageContaining("LLM_BASE_URL must use https for a host that is not loopback")
        .message()
        .doesNotContain("sk-lan-123");
  }

  /**
   * The configuration of an OpenAI-compatible server at {@code url}, with {@code more} variables.
   */
  static AppConfig compatible(String url, String... more) {
    Map<String, String> v = new java.util.HashMap<>();
    v.put("LLM_PROVIDER", "openai-compatible");
    v.put("LLM_BASE_URL", url);
    v.put("LLM_MODEL", "m");
    for (int i = 0; i < more.length; i += 2) v.put(more[i], more[i + 1]);
    return AppConfig.fromVariables(v);
  }

  @Test
  void llmTemperatureDefaultLeavesTheModelItsOwn() {
    dev.rez.app.config.ModelOptions own =
        AppConfig.fromVariables(Map.of("LLM_TEMPERATURE", "default")).modelOptions();
    assertThat(own.modelTemperature()).isTrue();
    assertThat(own.temperature()).isNull();
    assertThat(
            TradingApp.modelSettings(
                    "openai", "o3", null, dev.rez.app.config.Secret.of("k"), own, "LLM_API_KEY")
                .temperature())
        .isEmpty();
    assertThat(
            TradingApp.modelSettings(
                    "openai",
                    "gpt-4o",
                    null,
                    dev.rez.app.config.Secret.of("k"),
                    dev.rez.app.config.ModelOptions.DEFAULTS,
                    "LLM_API_KEY")
                .temperature())
        .hasValue(0.2);
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LLM_TEMPERATURE", "warm")))
        .hasMessageContaining("LLM_TEMPERATURE must be a number");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLocalServerIsUsedWithoutAKey() throws Exception {
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body ->
                HOLDS
                    .replace(",{\"asset\":\"ETH\",\"action\":\"hold\",\"rationale\":\"flat\"}", "")
                    .replace(
                        ",{\"asset\":\"SOL\",\"action\":\"hold\",\"rationale\":\"flat\"}", ""))) {
      AppConfig cfg =
          AppConfig.fromVariables(
              Map.of(
                  "LLM_PROVIDER",
                  "openai-compatible",
                  "LLM_BASE_URL",
                  server.baseUrl(),
                  "LLM_MODEL",
                  "llama3.1",
                  "ASSETS",
                  "BTC"));
      Path diaryPath = dir.resolve("local.jsonl");
      TradingApp.Spec spec =
          new TradingApp.Spec(
              TradingApp.Mode.DEMO,
              cfg,
              AppConfig.Network.SIMULATOR,
              cfg.assets(),
              dev.rez.core.Interval.M1,
              diaryPath,
              Map.of(),
              2400,
              300,
              AfterReplay.SYNTHETIC,
              "local",
              null);
      try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
        assertThat(app.modelName).isEqualTo("openai-compatible/llama3.1");
        app.limitCycles(1);
        app.runLoop();
      }
      assertThat(server.requestsFor("llama3.1")).isNotEmpty();
      List<Map<String, Object>> events =
          Files.readAllLines(diaryPath).stream().map(Json::parseObject).toList();
      assertThat(events).filteredOn(e -> "decision".equals(e.get("type"))).hasSize(1);
    }
  }

  @Test
  void aHostedProviderWithoutAKeyIsAClearError() {
    AppConfig cfg =
        AppConfig.fromVariables(
            Map.of("LLM_PROVIDER", "anthropic", "LLM_MODEL", "claude-sonnet-4-5"));
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            cfg.assets(),
            dev.rez.core.Interval.M1,
            dir.resolve("d.jsonl"),
            Map.of(),
            2400,
            300,
            AfterReplay.SYNTHETIC,
            "nokey",
            null);
    assertThatThrownBy(() -> TradingApp.create(spec, new Serving.Diaries()).close())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("no API key for the anthropic model claude-sonnet-4-5");
  }

  @Test
  void anUnreadablePromptFileIsNamed() {
    AppConfig cfg =
        AppConfig.fromVariables(
            Map.of("REZ_SYSTEM_PROMPT_FILE", dir.resolve("missing.md").toString()));
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            cfg.assets(),
            dev.rez.core.Interval.M1,
            dir.resolve("d.jsonl"),
            Map.of(),
            2400,
            300,
            AfterReplay.SYNTHETIC,
            "noprompt",
            null);
    assertThatThrownBy(() -> TradingApp.create(spec, new Serving.Diaries()).close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REZ_SYSTEM_PROMPT_FILE")
        .hasMessageContaining("missing.md");
  }
}
