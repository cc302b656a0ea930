package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.app.notify.Notifier;
import dev.rez.core.Asset;
import dev.rez.json.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo with a webhook sink and signed commands: what a trader hears, and a stop-entries sent
 * from outside.
 */
class NotificationsEndToEndTest {
  static final Asset BTC = Asset.of("BTC");
  static final String WEBHOOK_SECRET = "whsec-e2e-5b1d0c9a";
  static final String COMMAND_SECRET = "cmd-e2e-77aa31f0";
  static final String TELEGRAM_TOKEN = "424242:e2e-telegram-token-q9";

  @TempDir Path dir;

  record Hook(Map<String, String> headers, String body) {}

  @Test
  @SuppressWarnings("unchecked")
  void aSignedStopEntriesHaltsEntriesAndEveryNotificationArrivesSigned() throws Exception {
    List<Hook> hooks = new CopyOnWriteArrayList<>();
    List<String> telegram = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.createContext(
        "/hook",
        x -> {
          hooks.add(
              new Hook(
                  Map.of(
                      "ts",
                      x.getRequestHeaders().getFirst("X-Rez-Timestamp"),
                      "sig",
                      x.getRequestHeaders().getFirst("X-Rez-Signature")),
                  new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    receiver.createContext(
        "/",
        x -> {
          telegram.add(x.getRequestURI().getPath());
          byte[] ok = "{\"ok\":true,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, ok.length);
          x.getResponseBody().write(ok);
          x.close();
        });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger rez = (Logger) LoggerFactory.getLogger("dev.rez");
    rez.setLevel(ch.qos.logback.classic.Level.DEBUG);
    rez.addAppender(logs);
    try {
      AppConfig cfg =
          AppConfig.fromVariables(
              Map.of(
                  "HYPERLIQUID_PRIVATE_KEY",
                  DemoEndToEndTest.KEY,
                  "REZ_NOTIFY_WEBHOOK_URL",
                  base + "/hook",
                  "REZ_NOTIFY_WEBHOOK_SECRET",
                  WEBHOOK_SECRET,
                  "REZ_NOTIFY_TELEGRAM_TOKEN",
                  TELEGRAM_TOKEN,
                  "REZ_NOTIFY_TELEGRAM_CHAT_ID",
                  "555",
                  "REZ_NOTIFY_TELEGRAM_API_URL",
                  base,
                  "REZ_NOTIFY_COMMANDS",
                  "webhook",
                  "REZ_NOTIFY_COMMAND_SECRET",
                  COMMAND_SECRET,
                  "REZ_NOTIFY_COMMAND_PORT",
                  "0",
                  "REZ_NOTIFY_RULES",
                  "default"));
      assertThat(cfg.toString())
          .doesNotContain(WEBHOOK_SECRET, COMMAND_SECRET, TELEGRAM_TOKEN, base + "/hook");
      Path diaryPath = dir.resolve("diary.jsonl");
      TradingApp.Spec spec = DemoSpecs.btc(cfg, diaryPath, 2400, "notify-e2e");
      Serving.Diaries diaries = new Serving.Diaries();
      String status;
      String commandAnswer;
      try (TradingApp app = TradingApp.create(spec, diaries)) {
        app.limitCycles(120);
        Notifier notifier = Serving.notifier(app, diaries, cfg).start();
        try (ApiServer server =
            ApiServer.builder(new AppBackend(app, diaries.last, notifier::status))
                .port(0)
                .build()
                .start()) {
          Thread loop = Thread.ofPlatform().start(app::runLoop);
          // Once the agent has opened a position, a trader sends stop-entries from outside.
          long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
          while (!Files.readString(diaryPath).contains("\"kind\":\"open\"")) {
            assertThat(System.nanoTime()).as("an entry before the command").isLessThan(deadline);
            assertThat(loop.isAlive()).as("the loop still runs").isTrue();
            Thread.sleep(20);
          }
          commandAnswer = command(notifier.commandPort(), "{\"command\":\"stop-entries\"}");
          loop.join(Duration.ofSeconds(180));
          assertThat(loop.isAlive()).isFalse();
          status = DemoEndToEndTest.get(server.port(), "/api/status");
        }
        app.recordStop("test over");
        notifier.close(Duration.ofSeconds(20));
      }
      assertThat(commandAnswer).contains("\"ok\":true").contains("stop-entries");

      // The command is a kill-switch event naming its channel, and no entry follows it.
      List<Map<String, Object>> events = new ArrayList<>();
      for (String line : Files.readAllLines(diaryPath)) events.add(Json.parseObject(line));
      int kill = -1;
      for (int i = 0; i < events.size(); i++) {
        Map<String, Object> data = (Map<String, Object>) events.get(i).get("data");
        if ("kill-switch".equals(events.get(i).get("type")) && "webhook".equals(data.get("by"))) {
          assertThat(data.get("state")).isEqualTo("stop-entries");
          kill = i;
        }
      }
      assertThat(kill).isPositive();
      // From the next cycle on (a cycle already sending its entry when the command lands finishes
      // it, as with the API).
      int next = kill + 1;
      while (next < events.size() && !"cycle-start".equals(events.get(next).get("type"))) next++;
      assertThat(
              events.subList(next, events.size()).stream()
                  .filter(e -> "cycle-end".equals(e.get("type")))
                  .count())
          .isGreaterThan(5);
      for (Map<String, Object> e : events.subList(next, events.size())) {
        if ("order".equals(e.get("type")))
          assertThat(((Map<String, Object>) e.get("data")).get("kind")).isNotEqualTo("open");
      }

      // Every eligible event reached the webhook once, in diary order, signed.
      List<String> eligible = new ArrayList<>();
      for (Map<String, Object> e : events) {
        String type = (String) e.get("type");
        Map<String, Object> data = (Map<String, Object>) e.get("data");
        boolean pick =
            switch (type) {
              case "fill", "protection", "kill-switch", "app-start", "app-stop" -> true;
              case "error" ->
                  !"exchange".equals(data.get("where"))
                      || data.get("attempt").equals(data.get("maxAttempts"));
              // An entry refused just before sending because the price moved while the model
              // thought.
              case "risk-verdict" -> String.valueOf(data.get("reasons")).contains("stale-price");
              default -> false;
            };
        if (pick) eligible.add(e.get("seq").toString());
      }
      List<String> ids = new ArrayList<>();
      for (Hook h : hooks) {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected =
            "sha256="
                + HexFormat.of()
                    .formatHex(
                        mac.doFinal(
                            (h.headers().get("ts") + "." + h.body())
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(h.headers().get("sig")).isEqualTo(expected);
        ids.add((String) Json.parseObject(h.body()).get("id"));
      }
      // An id is the diary's identity (the same for each) and the event's seq.
      String diaryId = ids.get(0).substring(0, ids.get(0).indexOf('-'));
      assertThat(diaryId).matches("[0-9a-f]{12}");
      assertThat(ids).allMatch(id -> id.startsWith(diaryId + "-"));
      assertThat(ids.stream().map(id -> id.substring(diaryId.length() + 1)).toList())
          .containsExactlyElementsOf(eligible);
      // Each names the run and network that wrote its event.
      Map<String, Object> start = (Map<String, Object>) events.get(0).get("data");
      assertThat(hooks)
          .allSatisfy(
              h ->
                  assertThat(Json.parseObject(h.body()))
                      .containsEntry("runId", start.get("runId"))
                      .containsEntry("network", start.get("network")));
      assertThat(hooks)
          .anySatisfy(
              h ->
                  assertThat(h.body())
                      .contains("\"type\":\"kill-switch\"")
                      .contains("\"by\":\"webhook\""));
      assertThat(hooks.get(hooks.size() - 1).body()).contains("\"type\":\"app-stop\"");
      assertThat(telegram).hasSize(ids.size());

      // The status shows each sink; no token, secret or secret URL appears in a log line, the diary
      // or the API.
      Map<String, Object> s = Json.parseObject(status);
      List<Map<String, Object>> sinks = (List<Map<String, Object>>) s.get("notifications");
      assertThat(sinks).extracting(m -> m.get("sink")).containsExactly("webhook", "telegram");
      assertThat(sinks.get(0)).containsKeys("lastDeliveredId", "backlog", "lastError", "state");
      String diary = Files.readString(diaryPath);
      for (String secret : List.of(WEBHOOK_SECRET, COMMAND_SECRET, TELEGRAM_TOKEN)) {
        assertThat(diary).doesNotContain(secret);
        assertThat(status).doesNotContain(secret);
        assertThat(logs.list).noneMatch(l -> l.getFormattedMessage().contains(secret));
      }
      assertThat(status).doesNotContain(base + "/hook");
    } finally {
      rez.detachAppender(logs);
      rez.setLevel(null);
      receiver.stop(0);
    }
  }

  static String command(int port, String body) throws Exception {
    String ts = Long.toString(Instant.now().getEpochSecond());
    String nonce = "e2e-" + System.nanoTime();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(COMMAND_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sig =
        "sha256="
            + HexFormat.of()
                .formatHex(
                    mac.doFinal((ts + "." + nonce + "." + body).getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/command"))
                    .header("Content-Type", "application/json")
                    .header("X-Rez-Timestamp", ts)
                    .header("X-Rez-Nonce", nonce)
                    .header("X-Rez-Signature", sig)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
