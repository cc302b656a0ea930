package dev.rez.app.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.rez.app.config.Redactor;
import java.util.Objects;

/**
 * The log message with secrets masked, {@code %redactedMsg} in {@code logback.xml}: the app's log
 * lines carry text from outside too (a model provider's error), so they pass the same {@link
 * Redactor} as the diary. Until the app installs the configured secrets ({@link #use}), whatever
 * looks like a credential is masked. Threadsafe.
 */
public final class RedactedMessage extends MessageConverter {
  private static volatile Redactor redactor = Redactor.none();

  /** Logback instantiates the converter. */
  public RedactedMessage() {}

  /**
   * Masks {@code r}'s secrets in every log message from now on (the app calls this once it knows
   * them).
   */
  static void use(Redactor r) {
    redactor = Objects.requireNonNull(r, "redactor == null");
  }

  @Override
  public String convert(ILoggingEvent event) {
    return redactor.scrub(super.convert(event));
  }
}
