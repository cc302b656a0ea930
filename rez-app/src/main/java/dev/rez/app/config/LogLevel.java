package dev.rez.app.config;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code REZ_LOG_LEVEL}, the level of the app's root logger. {@code logback.xml} reads it from the
 * environment when logging starts, before any {@code .env} is read; {@link AppConfig#load} applies
 * the value the {@code .env} file and the environment give it together (the environment wins), so
 * it works from either.
 */
final class LogLevel {
  static final String VARIABLE = "REZ_LOG_LEVEL";

  private LogLevel() {}

  /**
   * The level {@code value} names: {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code
   * error} or {@code off} in any case (and Python's {@code warning} and {@code critical}); null
   * when {@code value} is null or blank.
   *
   * @throws IllegalArgumentException naming the variable and the accepted names
   */
  static Level parse(String value) {
    if (value == null || value.isBlank()) return null;
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "trace" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARN;
      case "error", "critical" -> Level.ERROR;
      case "off" -> Level.OFF;
      default ->
          throw new IllegalArgumentException(
              VARIABLE
                  + " must be trace, debug, info, warn, error or off but was "
                  + AppConfig.shown(value.strip()));
    };
  }

  /**
   * Sets the root logger to the level {@code value} names; nothing when it names none, or when
   * logging is not Logback's (a library user's own binding is left alone).
   *
   * @throws IllegalArgumentException when {@code value} names no level
   */
  static void apply(String value) {
    Level level = parse(value);
    if (level != null
        && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
            instanceof ch.qos.logback.classic.Logger root) root.setLevel(level);
  }
}
