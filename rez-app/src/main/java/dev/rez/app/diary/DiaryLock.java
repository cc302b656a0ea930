package dev.rez.app.diary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The exclusive hold on a diary and its state files ({@code <diary>.idx}, {@code .loop.json},
 * {@code .risk-day.json}): an OS file lock on {@code <diary>.lock}, released when it is closed or
 * the process ends. A {@link JsonlDiary} takes one when it opens; take one first to prepare a
 * diary's files before opening it (a backtest replacing an old diary), and hand it to {@link
 * JsonlDiary#open(Path, DiaryLock)}.
 *
 * <pre>{@code
 * try (DiaryLock lock = DiaryLock.acquire(Path.of("diary.jsonl"))) { ... }
 * }</pre>
 *
 * <p>The kill-switch file is not covered: other processes (the CLI) write it on purpose.
 */
public final class DiaryLock implements AutoCloseable {
  private final Path diary;
  private final FileChannel channel;
  private final FileLock lock;

  private DiaryLock(Path diary, FileChannel channel, FileLock lock) {
    this.diary = diary;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of {@code diary}. */
  public static Path lockFile(Path diary) {
    return diary.resolveSibling(diary.getFileName() + ".lock");
  }

  /**
   * Takes the exclusive hold on {@code diary}, creating its directory and lock file when needed.
   *
   * @throws DiaryInUseException if another process or another writer in this process holds it
   * @throws UncheckedIOException if the lock file cannot be created or locked
   */
  public static DiaryLock acquire(Path diary) {
    Objects.requireNonNull(diary, "diary == null");
    Path file = lockFile(diary);
    FileChannel ch = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        l = null;
      }
      if (l == null) throw new DiaryInUseException(diary, file);
      return new DiaryLock(diary, ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException("cannot lock diary " + diary + " (" + file + ")", e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) return;
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  /** The diary this lock holds. */
  public Path diary() {
    return diary;
  }

  /** True while held. */
  public boolean isValid() {
    return lock.isValid();
  }

  /** Releases the hold. Idempotent. */
  @Override
  public void close() {
    closeQuietly(channel); // closing the channel releases its lock
  }
}
