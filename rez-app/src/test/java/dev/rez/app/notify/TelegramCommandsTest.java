package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.config.Redactor;
import dev.rez.app.config.Secret;
import dev.rez.app.loop.KillSwitch;
import dev.rez.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telegram commands against a loopback fake of the Bot API's getUpdates and sendMessage. */
class TelegramCommandsTest {
  static final String TOKEN = "987654:telegram-cmd-token";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  @TempDir Path dir;
  final RecordingControl control = new RecordingControl();
  final List<Map<String, Object>> updates = new CopyOnWriteArrayList<>();
  final List<Long> offsets = new CopyOnWriteArrayList<>();
  final Receiver fake = new Receiver(this::answer);

  Receiver.Reply answer(Receiver.Request r) {
    if (r.path().equals("/bot" + TOKEN + "/sendMessage"))
      return Receiver.Reply.of(200, "{\"ok\":true,\"result\":{}}");
    if (!r.path().equals("/bot" + TOKEN + "/getUpdates"))
      return Receiver.Reply.of(404, "{\"ok\":false}");
    long offset = 0;
    for (String p : r.query().split("&"))
      if (p.startsWith("offset=")) offset = Long.parseLong(p.substring(7));
    offsets.add(offset);
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> u : updates)
      if (((Number) u.get("update_id")).longValue() >= offset) out.add(u);
    if (out.isEmpty()) {
      try {
        Thread.sleep(50); // a short long-poll
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return Receiver.Reply.of(200, Json.write(Json.obj("ok", true, "result", out)));
  }

  static Map<String, Object> message(long id, long chat, String text, Instant date) {
    return Json.obj(
        "update_id",
        id,
        "message",
        Json.obj(
            "message_id",
            id,
            "date",
            date.getEpochSecond(),
            "chat",
            Json.obj("id", chat, "type", "private"),
            "text",
            text));
  }

  TelegramCommands open() {
    TelegramCommands c =
        new TelegramCommands(
            new TelegramSink.TelegramApi(fake.url(""), TOKEN),
            Set.of("555"),
            control,
            new VirtualTiming(NOW),
            dir.resolve("offset.json"),
            1,
            Redactor.of(List.of(Secret.of(TOKEN))));
    c.start();
    return c;
  }

  @AfterEach
  void close() {
    fake.close();
  }

  List<Map<String, Object>> replies() {
    return fake.requests("/bot" + TOKEN + "/sendMessage").stream()
        .map(r -> Json.parseObject(r.body()))
        .toList();
  }

  @Test
  void anAllowListedChatSetsTheKillSwitchAndOthersAreIgnored() throws Exception {
    updates.add(message(10, 999, "/flatten", NOW));
    updates.add(message(11, 555, "/stop_entries@rez_bot", NOW));
    updates.add(message(12, 555, "/status", NOW.minusSeconds(10)));
    updates.add(message(13, 555, "/resume", NOW.minus(Duration.ofMinutes(6))));
    try (TelegramCommands c = open()) {
      Receiver.await("three answers", Duration.ofSeconds(20), () -> replies().size() == 3);
    }
    assertThat(control.calls)
        .containsExactly(new RecordingControl.Call(KillSwitch.Level.STOP_ENTRIES, "telegram"));
    List<Map<String, Object>> replies = replies();
    assertThat(replies).allSatisfy(m -> assertThat(m.get("chat_id")).isEqualTo("555"));
    assertThat((String) replies.get(0).get("text")).contains("stop-entries");
    assertThat((String) replies.get(1).get("text")).startsWith("loop active");
    assertThat((String) replies.get(2).get("text")).startsWith("Not run: resume");
  }

  @Test
  void aRestartResumesAfterTheLastUpdateAndRunsNothingTwice() throws Exception {
    updates.add(message(20, 555, "/stop_entries", NOW));
    try (TelegramCommands c = open()) {
      Receiver.await(
          "the command",
          Duration.ofSeconds(20),
          () -> control.calls.size() == 1 && offsets.contains(21L));
    }
    offsets.clear();
    try (TelegramCommands c = open()) {
      Receiver.await("a poll", Duration.ofSeconds(20), () -> !offsets.isEmpty());
    }
    assertThat(offsets.get(0)).isEqualTo(21L);
    assertThat(control.calls).hasSize(1);
  }
}
