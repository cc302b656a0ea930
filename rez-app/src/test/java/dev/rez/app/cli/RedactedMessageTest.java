package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.rez.app.config.Redactor;
import dev.rez.app.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app's log lines mask the configured secrets, through the app's own logback.xml. */
class RedactedMessageTest {
  static final String LLM_KEY = "rez-test-key-7f3a9c2e51b04d68";

  @AfterEach
  void reset() {
    RedactedMessage.use(Redactor.none());
  }

  @Test
  void theAppsLogConfigurationMasksSecretsInMessages() throws Exception {
    URL config = TradingApp.class.getClassLoader().getResource("logback.xml");
    assertThat(config).isNotNull();
    assertThat(config.toString()).doesNotContain("test-classes"); // the app's, not a test's
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      JoranConfigurator j = new JoranConfigurator();
      j.setContext(ctx);
      j.doConfigure(config);
      RedactedMessage.use(Redactor.of(List.of(Secret.of(LLM_KEY))));
      ctx.getLogger("dev.rez.app.loop.Recorder")
          .warn(
              "cycle {} decision: provider said: invalid key {} (Bearer {})",
              3,
              LLM_KEY,
              "abc.def-ghi");
    } finally {
      ctx.stop();
      System.setErr(old);
    }
    String line = err.toString(StandardCharsets.UTF_8);
    assertThat(line)
        .contains("cycle 3 decision: provider said: invalid key [redacted] (Bearer [redacted])")
        .doesNotContain(LLM_KEY);
  }
}
