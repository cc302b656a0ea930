package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
 * <p>The live stream's {@code diary}, {@code account} and {@code status} events have the structure
 * of the {@code /api/diary} events, {@code /api/account} and {@code /api/status}; its {@code mark}
 * event that of the golden {@code stream-mark}. The kill switch answers the {@code loop} object of
 * {@code /api/status}. The arena's board ({@code rez arena --port}) has the structure of the golden
 * {@code arena}.
 *
 * <p>With {@code -Drez.golden.record=true} it writes the goldens instead (see {@code
 * rez-dashboard/scripts/record-golden.sh}): after a closed trade and while a position is open, so
 * that every list holds examples.
 */
class ApiGoldenTest extends CliTestBase {
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

  /** The live stream's event names: the test reads the stream until it has an example of each. */
  static final List<String> STREAM_EVENTS = List.of("diary", "account", "status", "mark");

  @Test
  void everyRouteAnswersWithTheGoldenFieldStructure() throws Exception {
    boolean record = Boolean.getBoolean("rez.golden.record");
    Path goldens = goldens();
    AppConfig cfg = AppConfig.fromVariables(Map.of());
    TradingApp.Spec spec =
        DemoSpecs.btc(cfg, dir.resolve("diary.jsonl"), DashboardBrowserTest.SPEED, "golden");
    Serving.Diaries diaries = new Serving.Diaries();
    Map<String, Object> live;
    Map<String, List<Object>> streamed;
    List<Object> killSwitch = new ArrayList<>();
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
        streamed = stream(base);
        live.put("stream-mark", streamed.get("mark").get(0));
        // The kill switch answers the loop object of /api/status; the demo goes on afterwards.
        killSwitch.add(Json.parse(post(base, "/api/kill-switch/stop-entries", 200)));
        killSwitch.add(Json.parse(post(base, "/api/kill-switch/resume", 200)));
      } finally {
        app.stop(Duration.ofSeconds(30));
        loop.join(Duration.ofSeconds(30));
      }
    }

    if (record) {
      write(goldens, live);
      return;
    }
    List<String> problems = differences(goldens, live);
    Map<String, Object> golden = read(goldens, "status", "account", "diary");
    @SuppressWarnings("unchecked")
    Object loopGolden = ((Map<String, Object>) golden.get("status")).get("loop");
    for (Object answer : killSwitch)
      for (String d : JsonShape.differences(loopGolden, answer))
        problems.add("kill switch (POST /api/kill-switch/…, the loop of status) " + d);
    for (String name : List.of("account", "status")) {
      for (Object frame : streamed.get(name))
        for (String d : JsonShape.differences(golden.get(name), frame))
          problems.add("stream event " + name + " (the shape of " + ROUTES.get(name) + ") " + d);
    }
    @SuppressWarnings("unchecked")
    Object events = ((Map<String, Object>) golden.get("diary")).get("events");
    for (String d :
        JsonShape.differences(Map.of("events", events), Map.of("events", streamed.get("diary"))))
      problems.add("stream event diary (the shape of /api/diary's events) " + d);
    assertNoDifferences(problems);
  }

  /**
   * The arena's board ({@code GET /api/arena}) has the golden's structure, recorded from {@code rez
   * arena --port} after its run, and a contestant's drill-down answers what the app's own route
   * answers ({@code /api/arena/NAME/stats} has the structure of the {@code stats} golden).
   */
  @Test
  void theArenaAnswersWithTheGoldenFieldStructure() throws Exception {
    boolean record = Boolean.getBoolean("rez.golden.record");
    Path data = bars(0, 320);
    Map<String, Object> live = new LinkedHashMap<>();
    Object drillDown;
    int code;
    try (Background arena =
        background(
            arena(
                data,
                "arena",
                List.of("rules=offline", "bold=offline,profile=high"),
                "--port",
                "0"))) {
      String base = arena.awaitPrinted(DashboardBrowserTest.SERVING, 150, "the arena's 120 cycles");
      live.put("arena", Json.parse(get(base, "/api/arena", 200)));
      drillDown = Json.parse(get(base, "/api/arena/bold/stats", 200));
      code = arena.stop();
    }
    assertThat(code).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> board = (Map<String, Object>) live.get("arena");
    assertThat(board.get("state")).isEqualTo("finished");
    assertThat(board.get("leaderboard")).as("the leaderboard of a finished arena").isNotNull();

    Path goldens = goldens();
    if (record) {
      write(goldens, live);
      return;
    }
    List<String> problems = differences(goldens, live);
    for (String d : JsonShape.differences(read(goldens, "stats").get("stats"), drillDown))
      problems.add("arena drill-down (/api/arena/bold/stats, the shape of /api/stats) " + d);
    assertNoDifferences(problems);
  }

  static Path goldens() {
    return DashboardBrowserTest.dashboardDir().resolve("tests/golden");
  }

  /** Writes each answer as its golden file. */
  static void write(Path goldens, Map<String, Object> live) throws Exception {
    Files.createDirectories(goldens);
    for (Map.Entry<String, Object> e : live.entrySet()) {
      Files.writeString(
          goldens.resolve(e.getKey() + ".json"),
          JsonShape.pretty(normalised(e.getKey(), e.getValue())),
          StandardCharsets.UTF_8);
    }
    System.out.println("goldens: wrote " + live.size() + " files to " + goldens);
  }

  /** The golden files {@code names}, parsed. */
  static Map<String, Object> read(Path goldens, String... names) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : names)
      out.put(
          name,
          Json.parse(Files.readString(goldens.resolve(name + ".json"), StandardCharsets.UTF_8)));
    return out;
  }

  /** How each answer differs in structure from its golden file. */
  static List<String> differences(Path goldens, Map<String, Object> live) throws Exception {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Object> e : live.entrySet()) {
      Path file = goldens.resolve(e.getKey() + ".json");
      if (!Files.isRegularFile(file)) {
        problems.add(file + " is missing");
        continue;
      }
      Object golden = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      String where = ROUTES.getOrDefault(e.getKey(), WHERE.get(e.getKey()));
      for (String d : JsonShape.differences(golden, e.getValue()))
        problems.add(e.getKey() + " (" + where + ") " + d);
    }
    return problems;
  }

  /** Where the goldens that are not a route of {@link #ROUTES} come from. */
  static final Map<String, String> WHERE =
      Map.of("stream-mark", "/api/stream, event mark", "arena", "/api/arena of rez arena --port");

  static void assertNoDifferences(List<String> problems) {
    assertThat(problems)
        .as(
            "the API's answers differ in structure from rez-dashboard/tests/golden: if the change is meant, record the goldens "
                + "again (rez-dashboard/scripts/record-golden.sh) and update the dashboard (lib/types.ts, its tests)")
        .isEmpty();
  }

  /**
   * The golden kept for a route: the diary keeps one event of each structure for each type and kind
   * ({@link JsonShape#distinct}), so that every kind of event the demo writes is there and the file
   * stays small; the arena keeps each contestant's first three equity points.
   */
  @SuppressWarnings("unchecked")
  static Object normalised(String name, Object answer) {
    if (name.equals("arena")) {
      // Each contestant's first equity points show their structure; all 120 add only length.
      Map<String, Object> board = new LinkedHashMap<>((Map<String, Object>) answer);
      List<Object> contestants = new ArrayList<>();
      for (Object c : (List<Object>) board.get("contestants")) {
        Map<String, Object> contestant = new LinkedHashMap<>((Map<String, Object>) c);
        List<Object> curve = (List<Object>) contestant.get("equityCurve");
        contestant.put("equityCurve", curve.subList(0, Math.min(3, curve.size())));
        contestants.add(contestant);
      }
      board.put("contestants", contestants);
      return board;
    }
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

  /**
   * The data of the live stream's frames by event name, read from the end of the diary until there
   * is an example of each of {@link #STREAM_EVENTS} and a {@code cycle-end} has been streamed (a
   * whole cycle's diary events), at most 60 s.
   */
  static Map<String, List<Object>> stream(String base) throws Exception {
    Map<String, List<Object>> frames = new ConcurrentHashMap<>();
    for (String name : STREAM_EVENTS) frames.put(name, new CopyOnWriteArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    HttpClient c = HttpClient.newHttpClient();
    HttpResponse<Stream<String>> r =
        c.send(
            HttpRequest.newBuilder(URI.create(base + "/api/stream"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).as("GET /api/stream").isEqualTo(200);
    Thread reader =
        new Thread(
            () -> {
              String event = null;
              try (Stream<String> lines = r.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                  if (line.startsWith("event:")) event = line.substring(6).trim();
                  else if (line.startsWith("data:") && event != null) {
                    Object data = Json.parse(line.substring(5).trim());
                    frames.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(data);
                    if (STREAM_EVENTS.stream().noneMatch(n -> frames.get(n).isEmpty())
                        && frames.get("diary").stream()
                            .anyMatch(
                                d ->
                                    d instanceof Map<?, ?> m
                                        && "cycle-end".equals(m.get("type")))) {
                      done.countDown();
                      return;
                    }
                  } else if (line.isEmpty()) event = null;
                }
              } catch (RuntimeException e) {
                // the stream was closed
              }
            },
            "rez-golden-stream");
    reader.setDaemon(true);
    reader.start();
    try {
      assertThat(done.await(60, TimeUnit.SECONDS))
          .as("within 60 s a frame of each of " + STREAM_EVENTS + " and a cycle-end: " + frames)
          .isTrue();
    } finally {
      reader.interrupt();
      c.shutdownNow();
    }
    return frames;
  }

  static String post(String base, String path, int status) throws Exception {
    try (HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("POST " + path + ": " + r.body()).isEqualTo(status);
      return r.body();
    }
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
