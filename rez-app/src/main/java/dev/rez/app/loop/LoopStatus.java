package dev.rez.app.loop;

import java.time.Instant;
import java.util.Locale;

/**
 * A read-only snapshot of the loop for the API's {@code /api/status}: its state, the kill switch,
 * why it is halted, safe mode, the last cycle and when the next one runs.
 *
 * @param state active (a cycle runs), idle (waiting for the next), paused (not running), halted
 *     (kill switch set)
 * @param killSwitch the kill switch's level
 * @param haltReason why entries are halted (kill switch or risk policy), null when they are not
 * @param safeMode true after too many consecutive failed decisions, until one succeeds
 * @param lastCycle the last finished cycle, null before the first
 * @param nextCycleAt when the next cycle is scheduled, null when none is
 */
public record LoopStatus(
    State state,
    KillSwitch.Level killSwitch,
    String haltReason,
    boolean safeMode,
    LastCycle lastCycle,
    Instant nextCycleAt) {
  /** The loop's states. */
  public enum State {
    ACTIVE,
    IDLE,
    PAUSED,
    HALTED;

    /** Lower-case name, as in the API. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The last finished cycle.
   *
   * @param cycle its number
   * @param startedAt when it started
   * @param finishedAt when it ended
   * @param durationMs how long it took
   * @param ok false when it failed (recorded in the diary)
   */
  public record LastCycle(
      long cycle, Instant startedAt, Instant finishedAt, long durationMs, boolean ok) {}
}
