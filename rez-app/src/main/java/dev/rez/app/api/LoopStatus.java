package dev.rez.app.api;

import java.util.Objects;

/**
 * The trading loop's state as the API shows it (the {@code loop} object of {@code /api/status}).
 *
 * @param state active (in a cycle), idle (between cycles), paused or halted
 * @param killSwitch the kill switch position
 * @param haltReason why the loop halted, null unless halted
 * @param safeMode true after several consecutive failed decisions
 */
public record LoopStatus(State state, KillSwitch killSwitch, String haltReason, boolean safeMode) {
  public LoopStatus {
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(killSwitch, "killSwitch == null");
  }

  /** Where the loop is. */
  public enum State {
    /** Running a cycle. */
    ACTIVE,
    /** Waiting for the next cycle. */
    IDLE,
    /** Not scheduling cycles. */
    PAUSED,
    /** Stopped by a limit (daily loss, flatten); see {@code haltReason}. */
    HALTED
  }

  /** The kill switch position. */
  public enum KillSwitch {
    /** Trading normally. */
    NONE,
    /** No new entries; existing positions are managed and protected. */
    STOP_ENTRIES,
    /** Everything closed, orders cancelled, loop stopped. */
    FLATTEN
  }

  /** A kill-switch command, as the {@code POST /api/kill-switch/…} routes send it. */
  public enum Command {
    /** Manage and protect existing positions only. */
    STOP_ENTRIES,
    /** Close everything, cancel all orders, stop. */
    FLATTEN,
    /** Back to normal; also lifts a daily-loss halt. */
    RESUME
  }
}
