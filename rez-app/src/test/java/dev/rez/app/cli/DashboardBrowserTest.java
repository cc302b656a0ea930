package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.json.Json;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser against the real app: the demo (embedded simulator, offline
 * model, accelerated clock, temporary diary) with its API and the built dashboard on a free
 * loopback port, driven by the dashboard's end-to-end test ({@code rez-dashboard/tests/e2e.mjs},
 * playwright-core and Debian's chromium); and {@code rez arena --port} with the Arena page's checks
 * ({@code tests/e2e-arena.mjs}).
 *
 * <p>Skipped when the build was told to skip the dashboard ({@code -Drez.dashboard.skip=true}) or
 * when chromium, node or the dashboard's {@code node_modules/playwright-core} is missing.
 */
class DashboardBrowserTest extends CliTestBase {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Asset BTC = Asset.of("BTC");

  /** Simulated seconds per wall second: a one-minute cycle every second. */
  static final double SPEED = 60;

  @Test
  void theBuiltDashboardPassesItsBrowserTestAgainstTheDemo() throws Exception {
    Path dashboard = dashboardDir();
    Path node = browserTestable(dashboard);
    URL index = getClass().getClassLoader().getResource("rez-dashboard/index.html");

    AppConfig cfg = AppConfig.fromVariables(Map.of());
    TradingApp.Spec spec = DemoSpecs.btc(cfg, dir.resolve("diary.jsonl"), SPEED, "browser");
    Serving.Diaries diaries = new Serving.Diaries();
    try (TradingApp app = TradingApp.create(spec, diaries);
        ApiServer server =
            ApiServer.builder(new AppBackend(app, diaries.last))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start()) {
      assertThat(app.modelName).startsWith("offline/");
      Thread loop = new Thread(app::runLoop, "rez-demo-loop");
      loop.setDaemon(true);
      loop.start();
      try {
        String base = "http://127.0.0.1:" + server.port();
        // The page served at / is the dashboard of this build, from the jar on the classpath.
        String served = get(base + "/");
        String built;
        try (var in = index.openStream()) {
          built = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(served).isEqualTo(built).doesNotContain("was not built into this jar");
        Path export = dashboard.resolve("out/index.html");
        if (Files.isRegularFile(export)) {
          assertThat(built)
              .as(
                  "the rez-dashboard jar on the classpath matches "
                      + export
                      + " (a stale jar? build with -am)")
              .isEqualTo(Files.readString(export));
        }

        waitForATrade(base, loop);
        Result r = runE2e(node, dashboard, base);
        assertThat(r.output()).contains("e2e: ").contains(" 0 failed");
        assertThat(r.exitCode()).as("exit code of tests/e2e.mjs").isZero();
      } finally {
        app.stop(Duration.ofSeconds(30));
        loop.join(Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void theArenaPageShowsEveryContestantAndOpensTheirPages() throws Exception {
    Path dashboard = dashboardDir();
    Path node = browserTestable(dashboard);
    Path data = bars(0, 320);
    int code;
    try (Background arena =
        background(
            arena(
                data,
                "arena",
                List.of(
                    "rules=offline",
                    "bold=offline,profile=high",
                    "calm=offline,profile=conservative"),
                "--port",
                "0"))) {
      String base = arena.awaitPrinted(SERVING, 120, "the arena's 120 cycles");
      Result r =
          runE2e(
              node,
              dashboard,
              base,
              "tests/e2e-arena.mjs",
              Map.of("REZ_E2E_ARENA", "rules,bold,calm"));
      assertThat(r.output())
          .contains("ok - arena page shows every contestant", "ok - arena drill-down", " 0 failed");
      assertThat(r.exitCode()).as("exit code of tests/e2e-arena.mjs").isZero();
      code = arena.stop();
    }
    assertThat(code).isZero();
  }

  /** What {@code rez arena --port} prints once its run is over, with the URL it serves on. */
  static final java.util.regex.Pattern SERVING =
      java.util.regex.Pattern.compile("still serving (http://127\\.0\\.0\\.1:\\d+)");

  /**
   * The dashboard's folder's node, or the test is skipped when the browser test cannot run here.
   */
  private Path browserTestable(Path dashboard) {
    assumeFalse(
        Boolean.getBoolean("rez.dashboard.skip"),
        "the dashboard is skipped (-Drez.dashboard.skip=true): no browser test");
    assumeTrue(
        Files.isRegularFile(CHROMIUM),
        "no " + CHROMIUM + ": the dashboard's browser test needs Debian's chromium");
    Path node = onPath("node");
    assumeTrue(node != null, "no node on the PATH: the dashboard's browser test needs Node.js");
    assumeTrue(
        Files.isDirectory(dashboard.resolve("node_modules/playwright-core")),
        "no "
            + dashboard.resolve("node_modules/playwright-core")
            + ": build rez-dashboard first (npm ci)");
    assertThat(getClass().getClassLoader().getResource("rez-dashboard/index.html"))
        .as(
            "the built dashboard (rez-dashboard/index.html from the rez-dashboard jar) on the classpath")
        .isNotNull();
    return node;
  }

  /**
   * Waits until the demo has a fill and a closed trade (the track record and 3D pages need one).
   */
  @SuppressWarnings("unchecked")
  static void waitForATrade(String base, Thread loop) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    long t0 = System.nanoTime();
    while (true) {
      assertThat(loop.isAlive()).as("the demo's loop is running").isTrue();
      List<Object> fills =
          (List<Object>) Json.parseObject(get(base + "/api/fills?limit=10")).get("fills");
      if (!fills.isEmpty()) {
        Map<String, Object> overall =
            (Map<String, Object>) Json.parseObject(get(base + "/api/stats")).get("overall");
        if (((Number) overall.get("trades")).intValue() > 0) {
          System.out.printf(
              "demo: %d fill(s), a closed trade after %d s%n",
              fills.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
          return;
        }
      }
      assertThat(System.nanoTime())
          .as("a closed trade within 150 s of demo trading")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  record Result(int exitCode, String output) {}

  /** Runs the dashboard's browser test against {@code base}, echoing its output. */
  static Result runE2e(Path node, Path dashboard, String base) throws Exception {
    // The demo opens positions: the overview's unrealised PnL must move between cycles with the
    // live marks.
    return runE2e(node, dashboard, base, "tests/e2e.mjs", Map.of("REZ_E2E_LIVE_PNL", "1"));
  }

  /**
   * Runs the dashboard's browser test {@code script} against {@code base} with {@code env}, echoing
   * its output.
   */
  static Result runE2e(
      Path node, Path dashboard, String base, String script, Map<String, String> env)
      throws Exception {
    Path out = Path.of(System.getProperty("rez.e2e.out", "target/e2e")).toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder(node.toString(), dashboard.resolve(script).toString())
            .directory(dashboard.toFile())
            .redirectErrorStream(true);
    pb.environment().put("REZ_E2E_URL", base);
    pb.environment().put("REZ_E2E_OUT", out.toString());
    pb.environment().remove("REZ_E2E_TOKEN");
    pb.environment().remove("REZ_E2E_ALLOW_EMPTY");
    pb.environment().remove("REZ_E2E_KILL_SWITCH");
    pb.environment().remove("REZ_E2E_ONLY");
    pb.environment().putAll(env);
    Process p = pb.start();
    StringBuilder text = new StringBuilder();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  System.out.println("e2e | " + line);
                  synchronized (text) {
                    text.append(line).append('\n');
                  }
                }
              } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "e2e-output");
    pump.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    pump.join(Duration.ofSeconds(10));
    int code = p.isAlive() ? -1 : p.exitValue();
    synchronized (text) {
      return new Result(code, text.toString());
    }
  }

  /** The rez-dashboard module's folder: {@code -Drez.dashboard.dir}, else next to this module. */
  static Path dashboardDir() {
    String d = System.getProperty("rez.dashboard.dir");
    return (d != null ? Path.of(d) : Path.of("").toAbsolutePath().resolveSibling("rez-dashboard"))
        .toAbsolutePath()
        .normalize();
  }

  static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) continue;
      Path p = Path.of(d, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
    }
    return null;
  }

  static String get(String url) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
      return r.body();
    }
  }
}
