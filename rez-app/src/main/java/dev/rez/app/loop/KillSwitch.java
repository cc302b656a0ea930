package dev.rez.app.loop;

import dev.rez.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The two-level kill switch, persisted in a small JSON file so that a halted state survives a
 * restart and can be set from another process (the CLI) while the loop runs: the loop reads the
 * file each time it looks.
 *
 * <pre>{@code
 * KillSwitch ks = new KillSwitch(Path.of("data/testnet/diary.jsonl.kill-switch.json"));
 * ks.set(KillSwitch.Level.STOP_ENTRIES, "manual stop", "cli", Instant.now());
 * }</pre>
 *
 * <p>Writes are atomic (temporary file, fsync, rename) and serialized per file, across threads and
 * processes (a lock on the sibling {@code .lock} file); {@link #compareAndSet} lets the loop change
 * the state only if nobody (the API, the CLI) has changed it since the loop looked. This class is
 * threadsafe. An unreadable file fails closed: {@link #stateOrStop()} reads it as {@link
 * Level#STOP_ENTRIES}.
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
     * Parses {@code none}, {@code stop-entries} or {@code flatten} (any case; {@code _} for {@code
     * -} accepted).
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Level parse(String s) {
      Objects.requireNonNull(s, "level == null");
      for (Level l : values()) {
        if (l.id().equalsIgnoreCase(s.trim().replace('_', '-'))) return l;
      }
      throw new IllegalArgumentException(
          "unknown kill-switch level '" + s + "' (expected none, stop-entries or flatten)");
    }
  }

  /**
   * The switch's state.
   *
   * @param level the level
   * @param reason why, null for {@link Level#NONE}
   * @param by who set it: {@code api}, {@code cli}, {@code risk-policy}, …
   * @param since when it was set, null when never set
   * @param until when it lifts by itself (a daily-loss halt lifts at the next UTC day), null for
   *     never
   */
  public record State(Level level, String reason, String by, Instant since, Instant until) {
    /** The state of a switch never set. */
    public static final State OFF = new State(Level.NONE, null, null, null, null);

    public State {
      Objects.requireNonNull(level, "level == null");
    }
  }

  /** The {@code by} of the state {@link #stateOrStop()} reports for a file that cannot be read. */
  public static final String UNREADABLE = "unreadable-file";

  /** One monitor per kill-switch file in this process (several instances may share a file). */
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path file;

  /**
   * A switch persisted at {@code file}. The file is read on each look, so a corrupt one does not
   * prevent building the switch (the loop must go on protecting positions): {@link #state()}
   * reports it.
   */
  public KillSwitch(Path file) {
    this.file = Objects.requireNonNull(file, "file == null");
  }

  /** The file the state lives in. */
  public Path file() {
    return file;
  }

  /**
   * The current state, read from the file so that a change made by another process is seen at once.
   *
   * @throws IllegalArgumentException when the file exists but is not a kill-switch state
   */
  public synchronized State state() {
    return load();
  }

  /**
   * Whether setting {@code level} would change nothing: the switch is at that level already, for
   * good (not a halt that lifts by itself). Such a setting is skipped: nothing written, recorded or
   * woken. False when the file cannot be read, so that setting the level repairs it.
   */
  public synchronized boolean alreadyAt(Level level) {
    State s;
    try {
      s = load();
    } catch (RuntimeException unreadable) {
      return false;
    }
    return s.level() == level && s.until() == null;
  }

  /**
   * The current state, failing closed: a file that cannot be read or parsed is {@link
   * Level#STOP_ENTRIES} by {@link #UNREADABLE}, with the reason naming the file and the fault,
   * until the switch is set again.
   */
  public synchronized State stateOrStop() {
    try {
      return load();
    } catch (RuntimeException e) {
      return new State(
          Level.STOP_ENTRIES,
          e.getMessage() + "; entries are stopped until the kill switch is set again",
          UNREADABLE,
          null,
          null);
    }
  }

  /**
   * Sets the level only if the state is still {@code expected} (read again under this switch's
   * lock), so a change made meanwhile (a flatten from the API) is never overwritten. False when the
   * state had changed, or the file cannot be read (then it is left as it is).
   */
  public boolean compareAndSet(
      State expected, Level level, String reason, String by, Instant now, Instant until) {
    Objects.requireNonNull(expected, "expected == null");
    Objects.requireNonNull(level, "level == null");
    return locked(() -> compareAndWrite(expected, level, reason, by, now, until));
  }

  private boolean compareAndWrite(
      State expected, Level level, String reason, String by, Instant now, Instant until) {
    State current;
    try {
      current = load();
    } catch (RuntimeException unreadable) {
      return false;
    }
    if (!expected.equals(current)) return false;
    write(level, reason, by, now, until);
    return true;
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
  public State set(Level level, String reason, String by, Instant now, Instant until) {
    Objects.requireNonNull(level, "level == null");
    return locked(() -> write(level, reason, by, now, until));
  }

  private State write(Level level, String reason, String by, Instant now, Instant until) {
    State next =
        level == Level.NONE
            ? new State(Level.NONE, null, by, now, null)
            : new State(level, reason, by, now, until);
    AtomicFile.write(
        file,
        Json.write(
            Json.obj(
                "level",
                level.id(),
                "reason",
                next.reason(),
                "by",
                by,
                "since",
                now,
                "until",
                next.until())));
    return next;
  }

  /**
   * Runs a write under one lock per file: a monitor for the threads of this process, a lock on the
   * sibling {@code .lock} file for other processes (the CLI), so writes never interleave and a
   * compare-and-set is atomic.
   */
  private <T> T locked(Supplier<T> body) {
    synchronized (LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object())) {
      Path lock = file.resolveSibling(file.getFileName() + ".lock");
      try {
        Path dir = lock.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        try (FileChannel ch =
                FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = ch.lock()) {
          return body.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lock + ": " + e.getMessage(), e);
      }
    }
  }

  private State load() {
    String text = AtomicFile.read(file);
    if (text == null) return State.OFF;
    try {
      Map<String, Object> m = Json.parseObject(text);
      Object since = m.get("since");
      Object until = m.get("until");
      return new State(
          Level.parse((String) m.get("level")),
          (String) m.get("reason"),
          (String) m.get("by"),
          since == null ? null : Instant.parse((String) since),
          until == null ? null : Instant.parse((String) until));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "kill-switch file " + file + " is not valid: " + e.getMessage(), e);
    }
  }
}
