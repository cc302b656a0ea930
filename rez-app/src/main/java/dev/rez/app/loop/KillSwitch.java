package dev.rez.app.loop;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The two-level kill switch, persisted in a small JSON file so that a halted state survives a restart and can be
 * set from another process (the CLI) while the loop runs: the loop reads the file each time it looks.
 *
 * <pre>{@code
 * KillSwitch ks = new KillSwitch(Path.of("data/testnet/diary.jsonl.kill-switch.json"));
 * ks.set(KillSwitch.Level.STOP_ENTRIES, "manual stop", "cli", Instant.now());
 * }</pre>
 *
 * <p>Writes are atomic (temporary file, fsync, rename). This class is threadsafe.
 */
public final class KillSwitch {
  /** The levels. */
  public enum Level {
    /** Trading normally. */
    NONE,
    /** No new positions; existing ones are managed and protected. */
    STOP_ENTRIES,
    /** Close every position, cancel every order, stop trading. */
    FLATTEN;

    /** The wire name: {@code none}, {@code stop-entries}, {@code flatten}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses {@code none}, {@code stop-entries} or {@code flatten} (any case; {@code _} for {@code -} accepted).
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Level parse(String s) {
      Objects.requireNonNull(s, "level == null");
      for (Level l : values()) {
        if (l.id().equalsIgnoreCase(s.trim().replace('_', '-'))) return l;
      }
      throw new IllegalArgumentException("unknown kill-switch level '" + s + "' (expected none, stop-entries or flatten)");
    }
  }

  /**
   * The switch's state.
   *
   * @param level the level
   * @param reason why, null for {@link Level#NONE}
   * @param by who set it: {@code api}, {@code cli}, {@code risk-policy}, …
   * @param since when it was set, null when never set
   * @param until when it lifts by itself (a daily-loss halt lifts at the next UTC day), null for never
   */
  public record State(Level level, String reason, String by, Instant since, Instant until) {
    /** The state of a switch never set. */
    public static final State OFF = new State(Level.NONE, null, null, null, null);

    public State {
      Objects.requireNonNull(level, "level == null");
    }
  }

  private final Path file;

  /**
   * A switch persisted at {@code file}; reads it when it exists.
   *
   * @throws IllegalArgumentException when the file exists but is not a kill-switch state
   */
  public KillSwitch(Path file) {
    this.file = Objects.requireNonNull(file, "file == null");
    load();
  }

  /** The file the state lives in. */
  public Path file() {
    return file;
  }

  /** The current state, read from the file so that a change made by another process is seen at once. */
  public synchronized State state() {
    return load();
  }

  /**
   * Whether setting {@code level} would change nothing: the switch is at that level already, for good (not a halt
   * that lifts by itself). Such a setting is skipped: nothing written, recorded or woken.
   */
  public boolean alreadyAt(Level level) {
    State s = state();
    return s.level() == level && s.until() == null;
  }

  /** Sets the level with no end (durably, before returning) and returns the new state. */
  public State set(Level level, String reason, String by, Instant now) {
    return set(level, reason, by, now, null);
  }

  /**
   * Sets the level (durably, before returning) and returns the new state.
   *
   * @param until when the level lifts by itself, or null
   */
  public synchronized State set(Level level, String reason, String by, Instant now, Instant until) {
    Objects.requireNonNull(level, "level == null");
    State next = level == Level.NONE ? new State(Level.NONE, null, by, now, null) : new State(level, reason, by, now, until);
    AtomicFile.write(file, Json.write(Json.obj("level", level.id(), "reason", next.reason(), "by", by, "since", now, "until", next.until())));
    return next;
  }

  private State load() {
    String text = AtomicFile.read(file);
    if (text == null) return State.OFF;
    try {
      Map<String, Object> m = Json.parseObject(text);
      Object since = m.get("since");
      Object until = m.get("until");
      return new State(Level.parse((String) m.get("level")), (String) m.get("reason"), (String) m.get("by"),
          since == null ? null : Instant.parse((String) since), until == null ? null : Instant.parse((String) until));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("kill-switch file " + file + " is not valid: " + e.getMessage(), e);
    }
  }
}
