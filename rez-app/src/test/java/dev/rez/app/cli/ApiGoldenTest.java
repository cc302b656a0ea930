package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's answers have the field structure of the golden responses the dashboard is tested with
 * ({@code rez-dashboard/tests/golden/*.json}): the demo (embedded simulator, offline model,
 * accelerated clock) runs until it has traded, then every route's live answer must have the
 * golden's keys and JSON types, recursively ({@link JsonShape}). A renamed or retyped field fails
 * here until the goldens are recorded again, and the new goldens then fail the dashboard's tests
 * wherever it still reads the old field.
 *
 * <p>A diary event is compared with the recorded events of its type and, when its {@code data} has
 * one, its {@code data.kind} (an {@code order} that opens carries one request, one that retries
 * protection a list). What the demo does varies with timing, so a live event whose type and kind
 * the recording never saw cannot be judged and is let pass: this test checks the structure of every
 * event the goldens hold an example of, no more.
 *
 * <p>With {@code -Drez.golden.record=true} it writes the goldens instead (see {@code
 * rez-dashboard/scripts/record-golden.sh}): after a closed trade and while a position is open, so
 * that every list holds examples.
 */
class ApiGoldenTest {
  static final Asset BTC = Asset.of("BTC");
  static final String CANDLES =
      "/api/candles?asset=BTC&interval=1m&limit=60&indicators=ema:12,bb:20:2,rsi:14,macd:12:26:9";

  /** Golden file name (without .json) and route, for every GET route that answers JSON. */
  static final Map<String, String> ROUTES = routes();

  private static Map<String, String> routes() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("health", "/api/health");
    r.put("status", "/api/status");
    r.put("account", "/api/account");
    r.put("positions", "/api/positions");
    r.put("orders", "/api/orders");
    r.put("fills", "/api/fills?limit=20");
    r.put("diary", "/api/diary?limit=500"); // every page, see diary()
    r.put("cycles", "/api/cycles?limit=20");
    r.put("cycle", "/api/cycles/{traded}");
    r.put("stats", "/api/stats");
    r.put("candles", CANDLES);
    r.put("error-not-found", "/api/no-such-route");
    return r;
  }

  @TempDir Path dir;

  @Test
  void everyRouteAnswersWithTheGoldenFieldStructure() throws Exception {
    boolean record = Boolean.getBoolean("rez.golden.record");
    Path goldens = DashboardBrowserTest.dashboardDir().resolve("tests/golden");
    AppConfig cfg = AppConfig.fromVariables(Map.of());
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            List.of(BTC),
            Interval.M1,
            dir.resolve("diary.jsonl"),
            Map.of(BTC, CandleCsv.demo()),
            DashboardBrowserTest.SPEED,
            300,
            AfterReplay.SYNTHETIC,
            "golden",
            null);
    Serving.Diaries diaries = new Serving.Diaries();
    Map<String, Object> live;
    try (TradingApp app = TradingApp.create(spec, diaries);
        ApiServer server =
            ApiServer.builder(new AppBackend(app, diaries.last))
                .host("127.0.0.1")
                .port(0)
                .build()
                .start()) {
      Thread loop = new Thread(app::runLoop, "rez-golden-loop");
      loop.setDaemon(true);
      loop.start();
      try {
        String base = "http://127.0.0.1:" + server.port();
        DashboardBrowserTest.waitForATrade(base, loop);
        live = snapshot(base);
        // A recording waits for a moment with an open position, so that every list holds examples.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (record && !hasAnOpenPosition(live)) {
          assertThat(loop.isAlive()).as("the demo's loop is running").isTrue();
          assertThat(System.nanoTime())
              .as("an open position within 150 s of demo trading")
              .isLessThan(deadline);
          Thread.sleep(250);
          live = snapshot(base);
        }
      } finally {
        app.stop(Duration.ofSeconds(30));
        loop.join(Duration.ofSeconds(30));
      }
    }

    if (record) {
      Files.createDirectories(goldens);
      for (Map.Entry<String, Object> e : live.entrySet()) {
        Files.writeString(
            goldens.resolve(e.getKey() + ".json"),
            JsonShape.pretty(normalised(e.getKey(), e.getValue())),
            StandardCharsets.UTF_8);
      }
      System.out.println("goldens: wrote " + live.size() + " files to " + goldens);
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Object> e : live.entrySet()) {
      Path file = goldens.resolve(e.getKey() + ".json");
      if (!Files.isRegularFile(file)) {
        problems.add(file + " is missing");
        continue;
      }
      Object golden = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      for (String d : JsonShape.differences(golden, e.getValue()))
        problems.add(e.getKey() + " (" + ROUTES.get(e.getKey()) + ") " + d);
    }
    assertThat(problems)
        .as(
            "the API's answers differ in structure from rez-dashboard/tests/golden: if the change is meant, record the goldens "
                + "again (rez-dashboard/scripts/record-golden.sh) and update the dashboard (lib/types.ts, its tests)")
        .isEmpty();
  }

  /**
   * The golden kept for a route: the diary keeps one event of each structure for each type and kind
   * ({@link JsonShape#distinct}), so that every kind of event the demo writes is there and the file
   * stays small.
   */
  @SuppressWarnings("unchecked")
  static Object normalised(String name, Object answer) {
    if (!name.equals("diary")) return answer;
    Map<String, Object> page = new LinkedHashMap<>((Map<String, Object>) answer);
    page.put("events", JsonShape.distinct((List<Object>) page.get("events")));
    return page;
  }

  /**
   * Every diary event, oldest first, as one page: {@code {"events": [...], "next": ..., "hasMore":
   * false}}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> diary(String base) throws Exception {
    List<Object> events = new ArrayList<>();
    Map<String, Object> page;
    String cursor = null;
    do {
      page =
          Json.parseObject(
              get(base, "/api/diary?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), 200));
      events.addAll((List<Object>) page.get("events"));
      cursor = (String) page.get("next");
    } while (Boolean.TRUE.equals(page.get("hasMore")));
    Map<String, Object> all = new LinkedHashMap<>(page);
    all.put("events", events);
    return all;
  }

  /** The newest cycle that traded. */
  @SuppressWarnings("unchecked")
  static String tradedCycle(String base) throws Exception {
    List<Map<String, Object>> cycles =
        (List<Map<String, Object>>)
            Json.parseObject(get(base, "/api/cycles?limit=200&outcome=traded", 200)).get("cycles");
    assertThat(cycles).as("a cycle that traded").isNotEmpty();
    return String.valueOf(cycles.get(0).get("cycle"));
  }

  /** Every route's answer, parsed. */
  static Map<String, Object> snapshot(String base) throws Exception {
    Map<String, Object> live = new LinkedHashMap<>();
    for (Map.Entry<String, String> route : ROUTES.entrySet()) {
      live.put(
          route.getKey(),
          switch (route.getKey()) {
            case "diary" -> diary(base);
            case "cycle" -> Json.parse(get(base, "/api/cycles/" + tradedCycle(base), 200));
            case "error-not-found" -> Json.parse(get(base, route.getValue(), 404));
            default -> Json.parse(get(base, route.getValue(), 200));
          });
    }
    return live;
  }

  @SuppressWarnings("unchecked")
  static boolean hasAnOpenPosition(Map<String, Object> live) {
    return !((List<Object>) ((Map<String, Object>) live.get("positions")).get("positions"))
            .isEmpty()
        && !((List<Object>) ((Map<String, Object>) live.get("orders")).get("orders")).isEmpty();
  }

  static String get(String base, String path, int status) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
      return r.body();
    }
  }
}
