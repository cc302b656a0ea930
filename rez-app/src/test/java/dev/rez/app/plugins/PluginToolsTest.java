package dev.rez.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginToolsTest {
  static final ClassLoader APP = PluginToolsTest.class.getClassLoader();
  static final String SERVICES = "META-INF/services/dev.rez.agent.Tool";

  @TempDir Path dir;

  @Test
  void theExamplePluginLoadsFromItsJar() throws Exception {
    Path plugins = dir.resolve("plugins");
    PluginJars.examplePlugin(plugins, "rez-example-tool-plugin.jar");

    List<PluginTools.Loaded> tools = PluginTools.load(plugins, APP);
    assertThat(tools)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.tool().name()).isEqualTo("get_trading_session");
              assertThat(t.source()).isEqualTo("rez-example-tool-plugin.jar");
              assertThat(t.tool().description()).contains("sessions");
              // Loaded by the jar's own loader, not found on the app's classpath.
              assertThat(t.tool().getClass().getClassLoader()).isNotSameAs(APP);
            });
  }

  @Test
  void noFolderMeansNoPlugins() {
    assertThat(PluginTools.load(dir.resolve("absent"), APP)).isEmpty();
    assertThat(PluginTools.load(null, APP)).isEmpty();
  }

  @Test
  void aJarNamingAMissingClassIsAnErrorNamingTheJar() throws Exception {
    Path plugins = dir.resolve("plugins");
    PluginJars.build(
        plugins, "broken-tools.jar", List.of(), Map.of(SERVICES, "com.example.NoSuchTool\n"));
    assertThatThrownBy(() -> PluginTools.load(plugins, APP))
        .isInstanceOf(PluginTools.PluginException.class)
        .hasMessageContaining("broken-tools.jar")
        .hasMessageContaining("com.example.NoSuchTool");
  }

  @Test
  void aToolThatFailsToStartIsAnErrorNamingTheJar() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/bad"));
    Files.writeString(
        src.resolve("Exploding.java"),
        """
        package bad;
        public final class Exploding implements dev.rez.agent.Tool {
          public Exploding() { throw new IllegalStateException("no config file"); }
          public String name() { return "exploding"; }
          public String description() { return "x"; }
          public String parameters() { return "{\\"type\\":\\"object\\"}"; }
          public dev.rez.agent.ToolResult execute(dev.rez.agent.ToolArguments a, dev.rez.agent.ToolContext c) { return null; }
        }
        """);
    Path plugins = dir.resolve("plugins");
    PluginJars.build(
        plugins,
        "exploding.jar",
        List.of(src.resolve("Exploding.java")),
        Map.of(SERVICES, "bad.Exploding\n"));
    assertThatThrownBy(() -> PluginTools.load(plugins, APP))
        .isInstanceOf(PluginTools.PluginException.class)
        .hasMessageContaining("exploding.jar")
        .hasMessageContaining("no config file");
  }

  @Test
  void aJarWithoutToolsOrNotAJarAtAllIsAnErrorNamingIt() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.writeString(plugins.resolve("notes.jar"), "this is not a zip file");
    assertThatThrownBy(() -> PluginTools.load(plugins, APP))
        .isInstanceOf(PluginTools.PluginException.class)
        .hasMessageContaining("notes.jar");
  }

  @Test
  void twoToolsWithOneNameAreAnErrorNamingBothJars() throws Exception {
    Path plugins = dir.resolve("plugins");
    PluginJars.examplePlugin(plugins, "a.jar");
    PluginJars.examplePlugin(plugins, "b.jar");
    assertThatThrownBy(() -> PluginTools.load(plugins, APP))
        .isInstanceOf(PluginTools.PluginException.class)
        .hasMessageContaining("get_trading_session")
        .hasMessageContaining("a.jar")
        .hasMessageContaining("b.jar");
  }
}
