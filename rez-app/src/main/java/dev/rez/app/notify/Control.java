package dev.rez.app.notify;

import dev.rez.app.loop.KillSwitch;

/**
 * What a command may do to the running app: read its status and set the kill switch. The app
 * implements it over its trading loop, which records each change as a {@code kill-switch} diary
 * event naming the channel.
 *
 * <p>Implementations must be threadsafe: commands arrive on the command channels' threads.
 */
public interface Control {
  /**
   * The app's state in a few lines of text (loop state, kill switch, last cycle); never a secret.
   */
  String status();

  /**
   * Sets the kill switch (durably) and returns {@link #status()} after it.
   *
   * @param channel who asked: {@code webhook} or {@code telegram}; recorded as the event's {@code
   *     by}
   */
  String killSwitch(KillSwitch.Level level, String channel);
}
