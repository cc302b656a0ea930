package dev.rez.app.diary;

import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Diary} in a {@code diary.jsonl} file: append-only, one JSON object per line, with an offset index
 * so that any page, forwards or backwards, filtered or not, costs what the page costs and not what the file
 * costs.
 *
 * <pre>{@code
 * try (JsonlDiary diary = JsonlDiary.open(Path.of("diary.jsonl"))) {
 *   diary.append(new DiaryEvent(Instant.now(), 1, "cycle-start", null, "{\"cycle\":1}"));
 *   diary.flush();
 *   Diary.Page newest = diary.read(null, 50, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD);
 * }
 * }</pre>
 *
 * <p><b>Line format</b> (version 1): {@code {"v":1,"seq":7,"time":"2026-01-01T00:00:00Z","cycle":3,
 * "type":"decision","asset":"BTC","data":{…}}}. {@code seq} counts from 1; an event's cursor is its {@code seq}.
 * Reading forward from cursor {@code c} returns the events after {@code c}; reading backward returns the events
 * before {@code c}.
 *
 * <p><b>Durability</b>: {@link #append} writes the line to the file at once (other readers see it); {@link
 * #flush} forces it to the disk. A line torn by a crash is skipped with a warning when the file is opened,
 * and the next append starts on a new line, so a torn line never corrupts the events after it.
 *
 * <p><b>Index</b>: kept in memory (about 40 bytes per event) and cached in a sidecar {@code <file>.idx} that is
 * extended on open with whatever the file gained since, or rebuilt when it disagrees with the file.
 *
 * <p>This class is threadsafe. One process should own a diary file at a time.
 */
public final class JsonlDiary implements Diary {
  private static final Logger log = LoggerFactory.getLogger(JsonlDiary.class);
  private static final int MAX_LIMIT = 10_000;

  /** The order of a read. */
  public enum Direction {
    /** Oldest first, events after the cursor. */
    FORWARD,
    /** Newest first, events before the cursor. */
    BACKWARD
  }

  private final Path path;
  // FileChannel is interruptible: a thread interrupted in the middle of a read or write closes the channel for
  // every thread. Reads therefore go through their own channel, and either channel is reopened when an interrupt
  // (not close()) closed it, so that one interrupted reader can never stop the loop from writing.
  private FileChannel channel;
  private volatile FileChannel reader;
  private final Object readerLock = new Object();
  private final IndexFile indexFile;
  private final DiaryIndex index;
  // One exclusive lock guards the index, held for microseconds: readers only pick positions and offsets under it,
  // and read and decode the lines outside it. Readers never queue for it (see lockForRead), so the writer waits at
  // most for the one reader holding it. (Queued behind a hundred stream readers, each of which must first get a
  // carrier thread when its turn comes, an append waited for seconds under load.)
  private final ReentrantLock lock = new ReentrantLock();
  // Threads waiting in awaitMore. An append only unparks them: the writer never waits for a lock a reader holds.
  private final java.util.Set<Thread> waiters = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int size;
  private long end;
  private boolean needsNewline;
  private boolean sidecarFailed;
  private volatile boolean closed;

  private JsonlDiary(Path path, FileChannel channel, FileChannel reader, IndexFile indexFile, DiaryIndex index, long end, boolean needsNewline) {
    this.path = path;
    this.channel = channel;
    this.reader = reader;
    this.indexFile = indexFile;
    this.index = index;
    this.size = index.size();
    this.end = end;
    this.needsNewline = needsNewline;
  }

  /**
   * Opens (or creates) the diary at {@code file}, with its index sidecar next to it.
   *
   * @throws UncheckedIOException if the file cannot be read or created
   */
  public static JsonlDiary open(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) java.nio.file.Files.createDirectories(parent);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        long fileSize = ch.size();
        Path idxPath = file.resolveSibling(file.getFileName() + ".idx");
        IndexFile.Loaded loaded = IndexFile.open(idxPath, ch, fileSize);
        DiaryIndex index = loaded.index();
        int before = index.size();
        boolean torn = scan(file, ch, index, loaded.file(), index.end(), fileSize);
        loaded.file().flush();
        if (index.size() > before) log.info("diary {}: indexed {} new events ({} in all)", file, index.size() - before, index.size());
        return new JsonlDiary(file, ch, FileChannel.open(file, StandardOpenOption.READ), loaded.file(), index, fileSize, torn);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open diary " + file, e);
    }
  }

  /** Indexes the whole lines in {@code [from, to)}; returns true when the file ends inside a line. */
  private static boolean scan(Path file, FileChannel ch, DiaryIndex index, IndexFile idx, long from, long to) throws IOException {
    byte[] buf = new byte[1 << 20];
    int filled = 0; // bytes of buf holding the current, unfinished line(s)
    long bufStart = from; // file offset of buf[0]
    long pos = from;
    while (pos < to) {
      if (filled == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      ByteBuffer bb = ByteBuffer.wrap(buf, filled, (int) Math.min(buf.length - filled, to - pos));
      int n = ch.read(bb, pos);
      if (n <= 0) break;
      pos += n;
      int lineStart = 0;
      for (int i = filled; i < filled + n; i++) {
        if (buf[i] != '\n') continue;
        int len = i - lineStart;
        if (len > 0) indexLine(file, index, idx, buf, lineStart, len, bufStart + lineStart);
        lineStart = i + 1;
      }
      filled += n;
      System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
      filled -= lineStart;
      bufStart += lineStart;
    }
    if (filled > 0) {
      log.warn("diary {}: skipping a torn last line at byte {} ({} bytes, no newline); the next event starts on a new line", file, bufStart, filled);
      return true;
    }
    return false;
  }

  private static void indexLine(Path file, DiaryIndex index, IndexFile idx, byte[] buf, int off, int len, long fileOffset) throws IOException {
    LineCodec.Header h = LineCodec.header(buf, off, len);
    if (h == null) {
      log.warn("diary {}: skipping an unreadable line at byte {} ({} bytes)", file, fileOffset, len);
      return;
    }
    if (h.seq() != index.size() + 1L) {
      log.warn("diary {}: line at byte {} has seq {} but is event {}; its cursor is {}", file, fileOffset, h.seq(), index.size() + 1, index.size() + 1);
    }
    index.add(fileOffset, len, h.cycle(), h.type(), h.asset());
    idx.append(fileOffset, len, h.cycle(), h.type(), h.asset());
  }

  /** The diary file. */
  public Path path() {
    return path;
  }

  /** The number of events in the diary. */
  public long size() {
    return size;
  }

  /** The cursor after the newest event ({@code "0"} when empty): reading forward from it waits for new events. */
  public String endCursor() {
    return Long.toString(size);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the event's json is not a valid JSON object
   * @throws UncheckedIOException if the file cannot be written (the event is then not in the diary)
   */
  @Override
  public void append(DiaryEvent event) {
    Objects.requireNonNull(event, "event == null");
    lock.lock();
    try {
      checkOpen();
      byte[] line = LineCodec.encode(index.size() + 1L, event);
      int lead = needsNewline ? 1 : 0;
      ByteBuffer bb = ByteBuffer.allocate(lead + line.length);
      if (lead == 1) bb.put((byte) '\n');
      bb.put(line).flip();
      long start = end;
      boolean wasInterrupted = false;
      try {
        boolean reopen = false;
        while (true) {
          try {
            if (reopen) {
              // An interrupt closed the channel, maybe mid-write. Reopen it and go on from the last byte that
              // reached the file, so the line is whole and written once.
              channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
              long written = channel.size() - start;
              if (written < 0 || written > bb.limit()) throw new IOException("diary " + path + " changed while it was being written");
              bb.position((int) written);
              reopen = false;
            }
            long at = start + bb.position();
            while (bb.hasRemaining()) at += channel.write(bb, at);
            break;
          } catch (java.nio.channels.ClosedChannelException e) {
            if (closed) throw e;
            wasInterrupted |= Thread.interrupted();
            reopen = true;
          }
        }
      } catch (IOException e) {
        // Part of the line may be in the file: the next append must start on a new line.
        needsNewline = true;
        try {
          end = Math.max(end, channel.size());
        } catch (IOException ignored) {
          // keep the old end
        }
        throw new UncheckedIOException("cannot append to diary " + path, e);
      } finally {
        if (wasInterrupted) Thread.currentThread().interrupt();
      }
      long at = start + bb.limit();
      long offset = end + lead;
      int length = line.length - 1;
      end = at;
      needsNewline = false;
      String asset = event.asset() == null ? null : event.asset().name();
      index.add(offset, length, event.cycle(), event.type(), asset);
      if (!sidecarFailed) {
        try {
          indexFile.append(offset, length, event.cycle(), event.type(), asset);
        } catch (IOException e) {
          sidecarFailed = true;
          log.warn("diary {}: cannot extend the index sidecar ({}); it will be extended on the next open", path, e.toString());
        }
      }
      size = index.size();
    } finally {
      lock.unlock();
    }
    wakeWaiters();
  }

  private void wakeWaiters() {
    for (Thread t : waiters) LockSupport.unpark(t);
  }

  /** @throws UncheckedIOException if the file cannot be forced to the disk */
  @Override
  public void flush() {
    lock.lock();
    try {
      checkOpen();
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush diary " + path, e);
    } finally {
      lock.unlock();
    }
    flushSidecar();
  }

  private void flushSidecar() {
    lock.lock();
    try {
      if (!sidecarFailed && !closed) indexFile.flush();
    } catch (IOException e) {
      sidecarFailed = true;
      log.warn("diary {}: cannot flush the index sidecar ({}); it will be extended on the next open", path, e.toString());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page read(String cursor, int limit, Filter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return read(cursor, limit, DiaryQuery.of(filter), Direction.FORWARD);
  }

  /**
   * Reads up to {@code limit} events matching {@code query} from {@code cursor} in {@code direction}.
   * Forward: the events after the cursor (from the start when null), oldest first; {@code next} is the cursor to
   * continue from, and at the end it is the end cursor. Backward: the events before the cursor (from the newest
   * when null), newest first; at the start {@code next} is {@code "0"}.
   *
   * @throws IllegalArgumentException if the cursor is not one this diary issued, or limit is not in 1..10000
   */
  public Page read(String cursor, int limit, DiaryQuery query, Direction direction) {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(direction, "direction == null");
    if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + " but was " + limit);
    int[] positions;
    long[] offsets;
    int[] lengths;
    int found;
    boolean hasMore;
    int n;
    lockForRead();
    try {
      checkOpen();
      n = index.size();
      long c = parseCursor(cursor, n);
      PositionSource src = PositionSource.choose(index, query, direction, cursor == null ? -1 : c);
      positions = new int[limit];
      found = 0;
      hasMore = false;
      for (int p = src.next(); p >= 0; p = src.next()) {
        if (!src.matches(p)) continue;
        if (found == limit) {
          hasMore = true;
          break;
        }
        positions[found++] = p;
      }
      offsets = new long[found];
      lengths = new int[found];
      for (int i = 0; i < found; i++) {
        offsets[i] = index.offsets.get(positions[i]);
        lengths[i] = index.lengths.get(positions[i]);
      }
    } finally {
      lock.unlock();
    }
    List<Entry> entries = readEntries(positions, offsets, lengths, found);
    String next;
    if (hasMore) next = Long.toString(positions[found - 1] + 1L);
    else next = direction == Direction.FORWARD ? Long.toString(n) : "0";
    return new Page(entries, next, hasMore);
  }

  /** Every event of {@code cycle}, oldest first (at most 10000). */
  public List<Entry> cycle(long cycle) {
    return read(null, MAX_LIMIT, new DiaryQuery(null, null, cycle), Direction.FORWARD).events();
  }

  /**
   * Cycle numbers that have events, newest first, below {@code before} (from the newest when null).
   *
   * @param limit at most this many, {@code >= 1}
   */
  public List<Long> cycles(Long before, int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    lockForRead();
    try {
      var keys = before == null ? index.byCycle.descendingKeySet() : index.byCycle.headMap(before, false).descendingKeySet();
      List<Long> out = new ArrayList<>(Math.min(limit, 64));
      for (Long k : keys) {
        if (out.size() == limit) break;
        out.add(k);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the diary holds more than {@code knownSize} events, or {@code timeout} passes.
   *
   * @return true when there are more events
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitMore(long knownSize, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread me = Thread.currentThread();
    waiters.add(me);
    try {
      // Registered before the check: an append after it unparks us, and a park after that unpark returns at once.
      while (size <= knownSize && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) throw new InterruptedException();
      }
      return size > knownSize;
    } finally {
      waiters.remove(me);
    }
  }

  /**
   * Parses a cursor this diary issued.
   *
   * @return the number of events before the cursor's position
   * @throws IllegalArgumentException naming the cursor when it is not one
   */
  public long parseCursor(String cursor) {
    return parseCursor(cursor, size);
  }

  private static long parseCursor(String cursor, int n) {
    if (cursor == null) return 0;
    if (cursor.isEmpty() || cursor.length() > 12) throw badCursor(cursor);
    long c = 0;
    for (int i = 0; i < cursor.length(); i++) {
      char ch = cursor.charAt(i);
      if (ch < '0' || ch > '9') throw badCursor(cursor);
      c = c * 10 + (ch - '0');
    }
    if (c > n) throw badCursor(cursor);
    return c;
  }

  private static IllegalArgumentException badCursor(String cursor) {
    String shown = cursor.length() > 40 ? cursor.substring(0, 40) + "…" : cursor;
    return new IllegalArgumentException("cursor '" + shown + "' is not a cursor of this diary");
  }

  private List<Entry> readEntries(int[] positions, long[] offsets, int[] lengths, int count) {
    List<Entry> out = new ArrayList<>(count);
    byte[] buf = new byte[4096];
    try {
      for (int i = 0; i < count; i++) {
        int len = lengths[i];
        if (buf.length < len) buf = new byte[Math.max(len, buf.length * 2)];
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        readFully(bb, offsets[i]);
        LineCodec.Decoded d = LineCodec.decode(buf, 0, len);
        out.add(new Entry(Long.toString(positions[i] + 1L), d.event()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read diary " + path, e);
    }
    return out;
  }

  private void readFully(ByteBuffer bb, long offset) throws IOException {
    boolean wasInterrupted = false;
    try {
      while (true) {
        FileChannel ch = reader;
        try {
          readFully(ch, bb, offset);
          return;
        } catch (java.nio.channels.ClosedChannelException e) {
          // This thread (or another) was interrupted in a read: reopen the reading channel and read again with
          // the interrupt status cleared; it is restored once the read is done.
          if (closed) throw e;
          wasInterrupted |= Thread.interrupted();
          reopenReader(ch);
          bb.rewind();
        }
      }
    } finally {
      if (wasInterrupted) Thread.currentThread().interrupt();
    }
  }

  private void readFully(FileChannel ch, ByteBuffer bb, long offset) throws IOException {
    while (bb.hasRemaining()) {
      if (ch.read(bb, offset + bb.position()) < 0) throw new IOException("diary " + path + " is shorter than its index");
    }
  }

  private void reopenReader(FileChannel broken) throws IOException {
    synchronized (readerLock) {
      if (reader == broken) reader = FileChannel.open(path, StandardOpenOption.READ);
    }
  }

  /** Takes the lock without joining its queue: only the writer queues, so it is next whenever the lock frees. */
  private void lockForRead() {
    while (!lock.tryLock()) Thread.yield();
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("diary " + path + " is closed");
  }

  /** Flushes and closes the file. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) return;
      try {
        channel.force(false);
        indexFile.close();
        channel.close();
        synchronized (readerLock) {
          reader.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close diary " + path, e);
      } finally {
        closed = true;
      }
    } finally {
      lock.unlock();
    }
    wakeWaiters();
  }

  @Override
  public String toString() {
    return "JsonlDiary[" + path + ", " + size + " events]";
  }
}
