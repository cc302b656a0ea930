package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.api.StatusSnapshot;
import dev.rez.app.config.AppConfig;
import dev.rez.app.plugins.PluginJars;
import dev.rez.app.plugins.PluginTools;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app gives the agent the tools of the plugins folder, and says which it loaded. */
class PluginAppTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void theExamplePluginBesideTheDiaryReachesTheModelTheStatusAndTheDiary() throws Exception {
    Path diaryPath = dir.resolve("data/diary.jsonl");
    PluginJars.examplePlugin(
        dir.resolve("data/plugins"),
        "rez-example-tool-plugin.jar"); // the default folder: plugins/ beside the diary
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body ->
                "{\"reasoning\":\"x\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"x\"}]}")) {
      AppConfig cfg =
          AppConfig.fromVariables(
              Map.of(
                  "LLM_PROVIDER",
                  "openai-compatible",
                  "LLM_BASE_URL",
                  server.baseUrl(),
                  "LLM_MODEL",
                  "local",
                  "ASSETS",
                  "BTC"));
      TradingApp.Spec spec =
          new TradingApp.Spec(
              TradingApp.Mode.DEMO,
              cfg,
              AppConfig.Network.SIMULATOR,
              cfg.assets(),
              Interval.M1,
              diaryPath,
              Map.of(),
              2400,
              300,
              AfterReplay.SYNTHETIC,
              "plugins",
              null);
      try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
        StatusSnapshot status = new AppBackend(app, null).status();
        assertThat(status.tools())
            .containsExactly(
                new StatusSnapshot.PluginTool(
                    "get_trading_session", "rez-example-tool-plugin.jar"));
        app.limitCycles(1);
        app.runLoop();
      }
      List<Map<String, Object>> tools =
          (List<Map<String, Object>>) server.requests.get(0).body().get("tools");
      assertThat(tools)
          .extracting(t -> ((Map<String, Object>) t.get("function")).get("name"))
          .contains("get_trading_session", "open_long");
    }
    Map<String, Object> start =
        Files.readAllLines(diaryPath).stream()
            .map(Json::parseObject)
            .filter(e -> "app-start".equals(e.get("type")))
            .findFirst()
            .orElseThrow();
    assertThat(((Map<String, Object>) start.get("data")).get("tools"))
        .isEqualTo(
            List.of(
                Map.of("name", "get_trading_session", "source", "rez-example-tool-plugin.jar")));
  }

  @Test
  void aBrokenPluginStopsTheStartNamingTheJar() throws Exception {
    Path plugins = dir.resolve("custom-plugins");
    PluginJars.build(
        plugins,
        "broken.jar",
        List.of(),
        Map.of("META-INF/services/dev.rez.agent.Tool", "com.example.Gone\n"));
    AppConfig cfg =
        AppConfig.fromVariables(Map.of("REZ_PLUGINS_DIR", plugins.toString(), "ASSETS", "BTC"));
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            cfg.assets(),
            Interval.M1,
            dir.resolve("d.jsonl"),
            Map.of(),
            2400,
            300,
            AfterReplay.SYNTHETIC,
            "broken",
            null);
    assertThatThrownBy(() -> TradingApp.create(spec, new Serving.Diaries()).close())
        .isInstanceOf(PluginTools.PluginException.class)
        .hasMessageContaining("broken.jar")
        .hasMessageContaining("com.example.Gone");
    assertThat(Main.exitCodeOf(new PluginTools.PluginException("x", null)))
        .isEqualTo(ExitCode.BAD_FILE);
  }
}
