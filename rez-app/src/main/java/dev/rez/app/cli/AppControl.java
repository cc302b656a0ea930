package dev.rez.app.cli;

import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.LoopStatus;
import dev.rez.app.notify.Control;

/**
 * What notification commands act on: the app's trading loop. Threadsafe (the loop's own methods
 * are).
 */
final class AppControl implements Control {
  private final TradingApp app;

  AppControl(TradingApp app) {
    this.app = app;
  }

  @Override
  public String status() {
    LoopStatus s = app.loop.status();
    StringBuilder b =
        new StringBuilder("Rez ")
            .append(app.spec.mode().id())
            .append(" on ")
            .append(app.spec.network().id())
            .append(": loop ")
            .append(s.state().id())
            .append(", kill switch ")
            .append(s.killSwitch().id());
    if (s.haltReason() != null) b.append(" (").append(s.haltReason()).append(')');
    if (s.safeMode()) b.append(", safe mode");
    if (s.lastCycle() != null)
      b.append(", last cycle ")
          .append(s.lastCycle().cycle())
          .append(s.lastCycle().ok() ? " ok" : " failed");
    return b.toString();
  }

  @Override
  public String killSwitch(KillSwitch.Level level, String channel) {
    app.loop.setKillSwitch(
        level, level == KillSwitch.Level.NONE ? null : "set by a " + channel + " command", channel);
    return status();
  }
}
