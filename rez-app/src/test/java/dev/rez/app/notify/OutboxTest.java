package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.Redactor;
import dev.rez.app.config.Secret;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  static final String SECRET = "whsec-test-0123456789";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  JsonlDiary diary;
  Receiver receiver;
  VirtualTiming timing;
  final List<String> eligible = new ArrayList<>();
  int appended;

  @BeforeEach
  void open() {
    diary = JsonlDiary.open(dir.resolve("diary.jsonl"));
    receiver = new Receiver(r -> Receiver.Reply.of(204, ""));
    timing = new VirtualTiming(T0);
  }

  @AfterEach
  void closeAll() {
    receiver.close();
    diary.close();
  }

  /** Appends a fill (eligible) and a cycle-start (not), remembering the fill's id. */
  void appendPair() {
    appended++;
    diary.append(
        new DiaryEvent(
            T0.plusSeconds(appended),
            appended,
            "cycle-start",
            null,
            "{\"cycle\":" + appended + "}"));
    diary.append(
        new DiaryEvent(
            T0.plusSeconds(appended),
            appended,
            "fill",
            Asset.of("BTC"),
            Json.write(
                Json.obj(
                    "side",
                    "buy",
                    "size",
                    "0.01",
                    "price",
                    60000 + appended,
                    "fee",
                    "0.3",
                    "closedPnl",
                    "0"))));
    diary.flush();
    eligible.add(Outbox.identity(diary) + "-" + diary.endCursor());
  }

  Outbox outbox(String name) {
    return new Outbox(
        new WebhookSink(URI.create(receiver.url("/hook")), SECRET, Clock.systemUTC()),
        diary,
        new Rules(Rule.DEFAULTS),
        dir.resolve("diary.jsonl.notify-webhook.json"),
        null,
        timing,
        Outbox.Backoff.DEFAULT,
        Redactor.of(List.of(Secret.of(SECRET))));
  }

  List<String> receivedIds() {
    List<String> ids = new ArrayList<>();
    for (Receiver.Request r : receiver.requests("/hook"))
      ids.add((String) Json.parseObject(r.body()).get("id"));
    return ids;
  }

  static void assertSigned(Receiver.Request r) {
    String ts = r.header("X-Rez-Timestamp");
    assertThat(ts).matches("\\d+");
    assertThat(r.header("X-Rez-Signature")).isEqualTo(Hmac.sign(SECRET, ts + "." + r.body()));
    assertThat(r.header("X-Rez-Signature")).startsWith("sha256=").hasSize(7 + 64);
  }

  @Test
  void aReceiverDownForAMinuteGetsEveryEventOnceInOrderAfterItReturns() throws Exception {
    try (Outbox box = outbox("a").start()) {
      for (int i = 0; i < 3; i++) appendPair();
      Receiver.await("the first three", WAIT, () -> receiver.requests.size() == 3);

      receiver.stop();
      Instant down = timing.now();
      for (int i = 0; i < 6; i++) appendPair();
      // The outbox retries with backoff on its virtual clock: a minute of outage passes without a
      // minute of waiting.
      Receiver.await(
          "a minute of virtual outage", WAIT, () -> timing.now().isAfter(down.plusSeconds(60)));
      SinkStatus during = box.status();
      assertThat(during.state()).isEqualTo("retrying");
      assertThat(during.lastError()).contains("webhook unreachable");
      assertThat(during.backlog()).isEqualTo(6);
      assertThat(during.lastDeliveredId()).isEqualTo(eligible.get(2));
      receiver.restart();
      Instant back = timing.now();

      Receiver.await(
          "all nine", WAIT, () -> receiver.requests.size() >= 9 && box.status().backlog() == 0);
      assertThat(receivedIds()).containsExactlyElementsOf(eligible);
      for (Receiver.Request r : receiver.requests) assertSigned(r);
      SinkStatus after = box.status();
      assertThat(after.lastDeliveredId()).isEqualTo(eligible.get(8));
      assertThat(after.lastError()).isNull();
      assertThat(after.delivered()).isEqualTo(9);
      // The backoff doubles, no faster: delivery came after the outage, and no later than one more
      // wait (at most the
      // time already waited) after the receiver came back, however late the virtual clock saw it
      // come back.
      Duration outage = Duration.between(down, back);
      assertThat(Duration.between(down, after.lastDeliveredAt()))
          .isBetween(Duration.ofSeconds(60), outage.multipliedBy(2).plusSeconds(2));
    }
    Map<String, Object> body = Json.parseObject(receiver.requests.get(0).body());
    assertThat(body)
        .containsEntry("type", "fill")
        .containsEntry("rule", "fills")
        .containsEntry("asset", "BTC")
        .containsKeys("time", "payload", "text");
    assertThat(((Map<?, ?>) body.get("payload")).get("side")).isEqualTo("buy");
  }

  @Test
  void aRestartMidBacklogLosesNothingAndRepeatsAtMostTheNotificationInFlight() throws Exception {
    receiver.respond(
        r -> {
          try {
            Thread.sleep(15);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Receiver.Reply.of(200, "ok");
        });
    for (int i = 0; i < 40; i++) appendPair();
    Outbox first = outbox("first").start();
    Receiver.await("ten delivered", WAIT, () -> receiver.requests.size() >= 10);
    first.close();
    int before = receiver.requests.size();
    assertThat(before).isLessThan(40);

    try (Outbox second = outbox("second").start()) {
      Receiver.await(
          "the backlog",
          WAIT,
          () -> new LinkedHashSet<>(receivedIds()).size() == 40 && second.status().backlog() == 0);
      assertThat(new ArrayList<>(new LinkedHashSet<>(receivedIds())))
          .containsExactlyElementsOf(eligible);
      assertThat(receivedIds().size() - 40).isBetween(0, 1);
      assertThat(second.status().lastDeliveredId()).isEqualTo(eligible.get(39));
    }
    for (Receiver.Request r : receiver.requests) assertSigned(r);
  }

  @Test
  void aNewSinkStartsAtTheGivenCursorAndASavedOneWhereItStopped() throws Exception {
    for (int i = 0; i < 3; i++) appendPair();
    String start = diary.endCursor();
    Outbox box =
        new Outbox(
                new WebhookSink(URI.create(receiver.url("/hook")), SECRET, Clock.systemUTC()),
                diary,
                new Rules(Rule.DEFAULTS),
                dir.resolve("state.json"),
                start,
                timing,
                Outbox.Backoff.DEFAULT,
                Redactor.none())
            .start();
    appendPair();
    Receiver.await("the new fill", WAIT, () -> receiver.requests.size() == 1);
    box.close(Duration.ofSeconds(5));
    assertThat(receivedIds()).containsExactly(eligible.get(3));
    assertThat(box.status().state()).isEqualTo("stopped");
  }

  Outbox outboxOn(JsonlDiary d, Path state, String firstCursor) {
    return outboxOn(d, state, firstCursor, Rule.DEFAULTS);
  }

  Outbox outboxOn(JsonlDiary d, Path state, String firstCursor, Set<Rule> rules) {
    return new Outbox(
        new WebhookSink(URI.create(receiver.url("/hook")), SECRET, Clock.systemUTC()),
        d,
        new Rules(rules),
        state,
        firstCursor,
        timing,
        Outbox.Backoff.DEFAULT,
        Redactor.none());
  }

  static void fill(JsonlDiary d, int price) {
    d.append(
        new DiaryEvent(
            T0, 1, "fill", Asset.of("BTC"), "{\"side\":\"buy\",\"price\":" + price + "}"));
    d.flush();
  }

  List<Object> receivedPrices() {
    List<Object> prices = new ArrayList<>();
    for (Receiver.Request r : receiver.requests("/hook"))
      prices.add(((Map<?, ?>) Json.parseObject(r.body()).get("payload")).get("price").toString());
    return prices;
  }

  @Test
  void aPositionSavedForADiaryThatIsGoneNeitherStopsNotificationsNorSkipsTheNewDiarysEvents()
      throws Exception {
    Path state = dir.resolve("shared.notify-webhook.json");
    for (int i = 0; i < 4; i++) appendPair(); // the old diary: 8 events, its position ends at 8
    outboxOn(diary, state, null).start().close(Duration.ofSeconds(15));
    assertThat(receivedIds()).hasSize(4);
    String oldState = Files.readString(state);
    assertThat(oldState).contains("\"cursor\":\"8\"");
    receiver.requests.clear();

    // The diary is deleted and the app restarts on a new one, the old state file still there: the
    // new diary is shorter than the saved position.
    try (JsonlDiary fresh = JsonlDiary.open(dir.resolve("fresh.jsonl"))) {
      fill(fresh, 1);
      try (Outbox box = outboxOn(fresh, state, "0").start()) {
        fill(fresh, 2);
        Receiver.await("the new diary's fills", WAIT, () -> receiver.requests.size() >= 2);
        assertThat(box.status().state()).isEqualTo("delivering");
      }
      assertThat(receivedPrices()).containsExactly("1", "2");
    }
    receiver.requests.clear();

    // Another diary grew past the old position while the outbox was away (the old state file
    // left as it was): a restart starts where a new sink starts, and skips none of its events.
    Files.writeString(state, oldState);
    try (JsonlDiary longer = JsonlDiary.open(dir.resolve("longer.jsonl"))) {
      for (int i = 1; i <= 12; i++) fill(longer, 100 + i);
      try (Outbox box = outboxOn(longer, state, null).start()) {
        Receiver.await("all twelve", WAIT, () -> receiver.requests.size() >= 12);
        assertThat(box.status().state()).isEqualTo("delivering");
      }
      assertThat(receivedPrices())
          .containsExactly(
              "101", "102", "103", "104", "105", "106", "107", "108", "109", "110", "111", "112");
    }
  }

  static final Set<Rule> FILLS = Set.of(Rule.FILLS);

  static void appStart(JsonlDiary d, String runId, String network) {
    d.append(
        new DiaryEvent(
            T0,
            0,
            "app-start",
            null,
            Json.write(Json.obj("mode", "run", "network", network, "runId", runId))));
  }

  @Test
  void idsAreUniqueAcrossDiariesAndEachNotificationNamesItsRunAndNetwork() throws Exception {
    // Two diaries, each with its fill at event 2, the second with two runs; only fills are
    // notified, the runs are known all the same.
    appStart(diary, "run-a", "testnet");
    fill(diary, 1);
    try (JsonlDiary other = JsonlDiary.open(dir.resolve("other.jsonl"))) {
      appStart(other, "run-b", "mainnet");
      fill(other, 2);
      appStart(other, "run-c", "testnet");
      fill(other, 3);
      outboxOn(diary, dir.resolve("a.json"), null, FILLS).start().close(Duration.ofSeconds(15));
      outboxOn(other, dir.resolve("b.json"), null, FILLS).start().close(Duration.ofSeconds(15));
      assertThat(Outbox.identity(diary))
          .matches("[0-9a-f]{12}")
          .isNotEqualTo(Outbox.identity(other));
      assertThat(receivedIds())
          .containsExactly(
              Outbox.identity(diary) + "-2",
              Outbox.identity(other) + "-2",
              Outbox.identity(other) + "-4")
          .doesNotHaveDuplicates();
      List<Map<String, Object>> bodies = new ArrayList<>();
      for (Receiver.Request r : receiver.requests("/hook")) {
        bodies.add(Json.parseObject(r.body()));
        assertThat(r.header("X-Rez-Id")).isEqualTo(Json.parseObject(r.body()).get("id"));
      }
      assertThat(bodies)
          .extracting(b -> b.get("runId") + "/" + b.get("network"))
          .containsExactly("run-a/testnet", "run-b/mainnet", "run-c/testnet");

      // A restart in the middle of the second run still names it.
      appStart(diary, "run-d", "mainnet");
      fill(diary, 4);
      outboxOn(diary, dir.resolve("a.json"), null, FILLS).start().close(Duration.ofSeconds(15));
      fill(diary, 5);
      outboxOn(diary, dir.resolve("a.json"), null, FILLS).start().close(Duration.ofSeconds(15));
      List<Receiver.Request> all = receiver.requests("/hook");
      assertThat(all).hasSize(5);
      for (Receiver.Request r : all.subList(3, 5))
        assertThat(Json.parseObject(r.body()))
            .containsEntry("runId", "run-d")
            .containsEntry("network", "mainnet");
      assertThat(receivedIds().subList(3, 5))
          .containsExactly(Outbox.identity(diary) + "-4", Outbox.identity(diary) + "-5");
    }
  }

  @Test
  void closingDrainsWhatIsPending() throws Exception {
    Outbox box = outbox("drain");
    for (int i = 0; i < 5; i++) appendPair();
    box.start().close(Duration.ofSeconds(15));
    assertThat(receivedIds()).containsExactlyElementsOf(eligible);
  }

  @Test
  void secretsInAFailureAreMaskedInTheStatus() throws Exception {
    String token = "123456:ABC-secret-token";
    NotificationSink leaky =
        new NotificationSink() {
          @Override
          public String name() {
            return "leaky";
          }

          @Override
          public void send(Notification n) throws DeliveryException {
            throw new DeliveryException(
                "cannot reach https://api.example/bot" + token + "/sendMessage");
          }
        };
    appendPair();
    try (Outbox box =
        new Outbox(
                leaky,
                diary,
                new Rules(Set.of(Rule.FILLS)),
                dir.resolve("leaky.json"),
                null,
                timing,
                Outbox.Backoff.DEFAULT,
                Redactor.of(List.of(Secret.of(token))))
            .start()) {
      Receiver.await("a failure", WAIT, () -> box.status().lastError() != null);
      assertThat(box.status().lastError()).doesNotContain(token).contains(Redactor.MASK);
    }
  }

  @Test
  void backoffDoublesFromTheMinimumUpToTheMaximum() {
    Outbox.Backoff b = new Outbox.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    assertThat(List.of(b.after(1), b.after(2), b.after(3), b.after(5), b.after(6), b.after(60)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }
}
