package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.net.httpserver.HttpServer;
import dev.rez.app.config.Redactor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
    AtomicInteger calls = new AtomicInteger();
    HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    provider.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          String sent = auth == null ? "" : auth.replaceFirst("(?i)^bearer\\s+", "");
          byte[] body =
              ("{\"error\":{\"message\":\"Incorrect API key provided: "
                      + sent
                      + "\",\"type\":\"invalid_request_error\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(400, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    provider.start();
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
      String url = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
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
      provider.stop(0);
    }
    assertThat(calls.get()).as("the model was asked").isPositive();
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
