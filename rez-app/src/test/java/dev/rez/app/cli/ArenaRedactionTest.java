package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.rez.app.config.Redactor;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A hosted contestant's provider echoes its key in an error body: the key reaches neither the
 * contestant's diary nor the log lines.
 */
class ArenaRedactionTest extends CliTestBase {
  /** Looks like no credential: only the configured key's own masking can hide it. */
  static final String KEY = "zq7Hw2LmPx9TrVb4NcKd";

  @AfterEach
  void reset() {
    RedactedMessage.use(Redactor.none());
  }

  @Test
  void aHostedContestantsKeyEchoedByItsProviderIsMaskedInItsDiaryAndTheLog() throws Exception {
    // Answers 400 with an error echoing the key it was sent, as some providers do.
    FakeOpenAiServer provider =
        FakeOpenAiServer.failing(
            400,
            r -> {
              String auth = r.header("Authorization");
              return "Incorrect API key provided: "
                  + (auth == null ? "" : auth.replaceFirst("(?i)^bearer\\s+", ""));
            });
    // The log lines as the app's logback.xml writes them (%redactedMsg).
    ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    AppenderBase<ILoggingEvent> appender =
        new AppenderBase<>() {
          final RedactedMessage message = new RedactedMessage();

          @Override
          protected void append(ILoggingEvent e) {
            logged.add(message.convert(e));
          }
        };
    appender.setContext(ctx);
    appender.start();
    Logger app = ctx.getLogger("dev.rez.app");
    Level level = app.getLevel();
    app.setLevel(Level.WARN);
    Logger loop = ctx.getLogger("dev.rez.app.loop");
    Level loopLevel = loop.getLevel();
    loop.setLevel(Level.WARN);
    app.addAppender(appender);
    try {
      String url = provider.baseUrl();
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", url);
      env.put("LLM_MODEL", "m");
      env.put("LLM_API_KEY", KEY);
      env.put("LLM_MAX_RETRIES", "0");
      int code = run(arena(bars(203), "ar", List.of("a=openai-compatible:m@" + url)));
      assertThat(code).as(err.toString()).isZero();
    } finally {
      app.detachAppender(appender);
      app.setLevel(level);
      loop.setLevel(loopLevel);
      provider.close();
    }
    assertThat(provider.requests).as("the model was asked").isNotEmpty();
    String diary = Files.readString(dir.resolve("ar/a/diary.jsonl"));
    assertThat(diary.contains("Incorrect API key provided: [redacted]"))
        .as("the provider's error is in the diary, masked")
        .isTrue();
    assertThat(diary.contains(KEY)).as("the key is in the diary").isFalse();
    String log = String.join("\n", logged);
    assertThat(log).contains("Incorrect API key provided: [redacted]").doesNotContain(KEY);
    assertThat(out.toString() + err).doesNotContain(KEY);
  }
}
