package dev.rez.app.notify;

import dev.rez.app.loop.KillSwitch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Control} that records the kill-switch commands it gets. */
final class RecordingControl implements Control {
  record Call(KillSwitch.Level level, String channel) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();

  @Override
  public String status() {
    return "loop active; kill switch "
        + (calls.isEmpty() ? "none" : calls.get(calls.size() - 1).level().id());
  }

  @Override
  public String killSwitch(KillSwitch.Level level, String channel) {
    calls.add(new Call(level, channel));
    return status();
  }
}
