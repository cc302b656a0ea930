package dev.rez.app.notify;

import dev.rez.app.loop.KillSwitch;
import java.util.Locale;

/**
 * The commands a channel may send, by name: {@code status}, {@code stop-entries}, {@code flatten},
 * {@code resume}.
 */
final class Commands {
  private Commands() {}

  /**
   * Runs {@code command} (any case; {@code _} for {@code -}, a leading {@code /} and a Telegram
   * {@code @bot} suffix accepted) and returns the answer text.
   *
   * @throws IllegalArgumentException naming an unknown command
   */
  static String run(Control control, String command, String channel) {
    String c = normalise(command);
    return switch (c) {
      case "status" -> control.status();
      case "stop-entries", "stopentries" ->
          control.killSwitch(KillSwitch.Level.STOP_ENTRIES, channel);
      case "flatten" -> control.killSwitch(KillSwitch.Level.FLATTEN, channel);
      case "resume" -> control.killSwitch(KillSwitch.Level.NONE, channel);
      default ->
          throw new IllegalArgumentException(
              "unknown command '" + c + "' (expected status, stop-entries, flatten or resume)");
    };
  }

  static String normalise(String command) {
    String c = command == null ? "" : command.strip();
    int space = c.indexOf(' ');
    if (space >= 0) c = c.substring(0, space);
    if (c.startsWith("/")) c = c.substring(1);
    int at = c.indexOf('@');
    if (at >= 0) c = c.substring(0, at);
    return c.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
