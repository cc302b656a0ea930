package dev.rez.app.notify;

import dev.rez.app.config.Redactor;
import dev.rez.app.loop.AtomicFile;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from Telegram: long-polls the Bot API's {@code getUpdates} and obeys {@code /status},
 * {@code /stop_entries}, {@code /flatten} and {@code /resume} from the allow-listed chats only,
 * answering in the chat. Every other chat is ignored. The position in the update stream is saved
 * before a command runs, so a restart never runs a command twice; a command sent more than five
 * minutes before it is read (the app was down) is not run.
 */
final class TelegramCommands extends Worker {
  private static final Logger log = LoggerFactory.getLogger(TelegramCommands.class);
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  private final TelegramSink.TelegramApi api;
  private final Set<String> allowed;
  private final Control control;
  private final Timing timing;
  private final Path offsetFile;
  private final int pollSeconds;
  private final Redactor redactor;
  private volatile long offset;

  TelegramCommands(
      TelegramSink.TelegramApi api,
      Set<String> allowed,
      Control control,
      Timing timing,
      Path offsetFile,
      int pollSeconds,
      Redactor redactor) {
    // The long poll is an HTTP request: an interrupt cancels it.
    super("rez-notify-telegram-commands", true);
    this.api = Objects.requireNonNull(api, "api == null");
    this.allowed = Set.copyOf(allowed);
    this.control = control;
    this.timing = timing;
    this.offsetFile = offsetFile;
    this.pollSeconds = pollSeconds;
    this.redactor = redactor;
    String saved = AtomicFile.read(offsetFile);
    this.offset =
        saved == null ? 0 : ((BigDecimal) Json.parseObject(saved).get("offset")).longValue();
  }

  @Override
  void work() throws InterruptedException {
    int failures = 0;
    while (stop.getCount() > 0) {
      try {
        poll();
        failures = 0;
      } catch (DeliveryException | RuntimeException e) {
        failures++;
        Duration wait = Outbox.Backoff.DEFAULT.after(failures);
        if (failures == 1 || failures % 10 == 0)
          log.warn(
              "telegram getUpdates failed (attempt {}): {}",
              failures,
              redactor.scrub(e.getMessage()));
        if (timing.pause(wait, stop)) return;
      }
    }
  }

  private void poll() throws DeliveryException {
    String query =
        "offset="
            + offset
            + "&timeout="
            + pollSeconds
            + "&allowed_updates="
            + URLEncoder.encode("[\"message\"]", StandardCharsets.UTF_8);
    Http.Response r =
        Http.get(
            "telegram", api.method("getUpdates", query), Duration.ofSeconds(pollSeconds + 10L));
    if (!r.ok()) throw Http.failure("telegram", r);
    if (!(Json.parseObject(r.body()).get("result") instanceof List<?> updates))
      throw new DeliveryException("telegram answered without a result");
    for (Object u : updates) {
      if (!(u instanceof Map<?, ?> update) || !(update.get("update_id") instanceof BigDecimal id))
        continue;
      // Saved before the command runs: a restart never runs it twice.
      offset = id.longValue() + 1;
      AtomicFile.write(offsetFile, Json.write(Json.obj("offset", offset)));
      if (stop.getCount() == 0) return;
      if (update.get("message") instanceof Map<?, ?> m) handle(m);
    }
  }

  private void handle(Map<?, ?> message) throws DeliveryException {
    String chat =
        message.get("chat") instanceof Map<?, ?> c && c.get("id") instanceof BigDecimal cid
            ? cid.toPlainString()
            : null;
    String text = message.get("text") instanceof String t ? t : null;
    if (chat == null || text == null || !text.startsWith("/")) return;
    if (!allowed.contains(chat)) {
      log.warn(
          "ignored a telegram command from chat {} (not in REZ_NOTIFY_TELEGRAM_ALLOWED_CHATS)",
          chat);
      return;
    }
    String answer;
    Instant sent =
        message.get("date") instanceof BigDecimal d ? Instant.ofEpochSecond(d.longValue()) : null;
    if (sent == null || Duration.between(sent, timing.now()).compareTo(MAX_AGE) > 0) {
      answer =
          "Not run: "
              + Commands.normalise(text)
              + " was sent more than "
              + MAX_AGE.toMinutes()
              + " minutes ago. Send it again.";
    } else {
      try {
        answer = Commands.run(control, text, "telegram");
        log.info("command {} from telegram chat {}", Commands.normalise(text), chat);
      } catch (IllegalArgumentException e) {
        answer = e.getMessage();
      }
    }
    api.sendMessage("telegram", chat, answer);
  }
}
