package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.DiaryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public seam: a sink of one's own, added to the notifier like a configured one. */
class NotifierTest {
  @TempDir Path dir;

  static final class ListSink implements NotificationSink {
    final List<Notification> got = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "my-sink";
    }

    @Override
    public void send(Notification n) {
      got.add(n);
    }
  }

  @Test
  void aUserSinkGetsTheSelectedEventsAndShowsInTheStatus() throws Exception {
    Path path = dir.resolve("diary.jsonl");
    ListSink sink = new ListSink();
    try (JsonlDiary diary = JsonlDiary.open(path)) {
      diary.append(new DiaryEvent(Instant.EPOCH, 0, "app-start", null, "{\"mode\":\"demo\"}"));
      diary.append(new DiaryEvent(Instant.EPOCH, 1, "cycle-start", null, "{}"));
      diary.append(
          new DiaryEvent(
              Instant.EPOCH, 1, "kill-switch", null, "{\"state\":\"flatten\",\"by\":\"cli\"}"));
      Notifier n =
          Notifier.builder(
                  NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_RULES", "kill-switch")),
                  diary,
                  path)
              .sink(sink)
              .build()
              .start();
      Receiver.await("the kill switch", Duration.ofSeconds(20), () -> sink.got.size() == 1);
      String id = Outbox.identity(diary) + "-3";
      assertThat(sink.got.get(0).id()).isEqualTo(id);
      assertThat(sink.got.get(0).text()).isEqualTo("Kill switch flatten (by cli)");
      assertThat(n.status())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.sink()).isEqualTo("my-sink");
                assertThat(s.lastDeliveredId()).isEqualTo(id);
              });
      assertThat(n.commandPort()).isEqualTo(-1);
      n.close(Duration.ofSeconds(5));
      assertThat(n.status().get(0).state()).isEqualTo("stopped");
    }
    assertThat(Files.readString(dir.resolve("diary.jsonl.notify-my-sink.json")))
        .containsPattern("\"lastDeliveredId\":\"[0-9a-f]{12}-3\"");
  }

  @Test
  void commandsNeedSomethingToControlAndSinkNamesAreChecked() {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("d.jsonl"))) {
      NotifyConfig commands =
          NotifyConfig.fromVariables(
              Map.of(
                  "REZ_NOTIFY_COMMANDS",
                  "webhook",
                  "REZ_NOTIFY_COMMAND_SECRET",
                  "s3cret!",
                  "REZ_NOTIFY_COMMAND_PORT",
                  "0"));
      assertThatThrownBy(() -> Notifier.builder(commands, diary, dir.resolve("d.jsonl")).build())
          .isInstanceOf(IllegalStateException.class);
      NotificationSink bad =
          new NotificationSink() {
            @Override
            public String name() {
              return "../escape";
            }

            @Override
            public void send(Notification n) {}
          };
      assertThatThrownBy(
              () ->
                  Notifier.builder(NotifyConfig.NONE, diary, dir.resolve("d.jsonl"))
                      .sink(bad)
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("../escape");
    }
  }
}
