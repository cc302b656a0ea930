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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Diary} in a {@code diary.jsonl} file: append-only, one JSON object per line, with an
 * offset index so that any page, forwards or backwards, filtered or not, costs what the page costs
 * and not what the file costs.
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
 * "type":"decision","asset":"BTC","data":{…}}}. {@code seq} counts from 1; an event's cursor is its
 * {@code seq}. Reading forward from cursor {@code c} returns the events after {@code c}; reading
 * backward returns the events before {@code c}.
 *
 * <p><b>Durability</b>: {@link #append} writes the line to the file at once (other readers see it);
 * {@link #flush} forces it to the disk. A line torn by a crash is skipped with a warning when the
 * file is opened, and the next append starts on a new line, so a torn line never corrupts the
 * events after it.
 *
 * <p><b>Index</b>: on the disk beside the file ({@code <file>.idx}, {@code .idx-post}, {@code
 * .idx-names}) and memory-mapped, so that the heap stays the same size however long the diary grows
 * (about 40 bytes of disk per event). It is extended on open with whatever the file gained since,
 * or rebuilt when it disagrees with the file.
 *
 * <p><b>Write failures</b> (a full disk, an I/O error) never throw from {@link #append}: the diary
 * turns {@linkplain Health.State#DEGRADED degraded}, keeps the events it could not write in a
 * bounded queue in memory and writes them, in order, at the next append or flush once the disk
 * takes them again. While degraded, {@link #health()} says why and since when, and {@link #flush()}
 * throws (what was appended is not durable); a trading loop opens no new position then. A diary
 * opened on a nearly full disk starts degraded. Events past the queue's bound are counted and the
 * gap is recorded as an {@code error} event once the diary recovers.
 *
 * <p><b>One writer</b>: opening takes an exclusive {@link DiaryLock} on {@code <file>.lock}; a
 * second writer, in this process or another, gets a {@link DiaryInUseException}.
 *
 * <p>This class is threadsafe.
 */
public final class JsonlDiary implements Diary {
  private static final Logger log = LoggerFactory.getLogger(JsonlDiary.class);
  private static final int MAX_LIMIT = 10_000;

  /**
   * Bytes of unwritten events kept in memory while the disk fails; later events are dropped and
   * counted.
   */
  static final long MAX_PENDING_BYTES = 32L << 20;

  /**
   * Below this much free space on the diary's disk the diary is degraded: a cycle must still fit.
   */
  static final long MIN_FREE_BYTES = 8L << 20;

  /**
   * Whether the diary can write.
   *
   * @param state ok or degraded
   * @param error why it is degraded, null when ok
   * @param since when it became degraded, null when ok
   * @param pending events waiting in memory to be written
   * @param dropped events lost because the queue was full (recorded as a gap once the disk
   *     recovers)
   */
  public record Health(State state, String error, Instant since, int pending, long dropped) {
    static final Health OK = new Health(State.OK, null, null, 0, 0);

    /** Whether the diary writes. */
    public enum State {
      /** Every appended event is in the file. */
      OK,
      /** Writes fail; events wait in memory. */
      DEGRADED
    }

    /** True when every appended event reached the file and the disk has room. */
    public boolean ok() {
      return state == State.OK;
    }
  }

  /**
   * An event that could not be written yet (encoded when written: its seq is known then), and its
   * size.
   */
  private record Pending(DiaryEvent event, int bytes) {}

  /** The order of a read. */
  public enum Direction {
    /** Oldest first, events after the cursor. */
    FORWARD,
    /** Newest first, events before the cursor. */
    BACKWARD
  }

  private final Path path;
  private final Storage storage;
  private final long maxPendingBytes;
  private final DiaryLock diaryLock;
  private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
  private long pendingBytes;
  private long dropped;
  private long droppedCycle;
  private Instant droppedFrom;
  private String failure; // null when ok
  private Instant failingSince;
  private volatile Health health = Health.OK;
  // FileChannel is interruptible: a thread interrupted in the middle of a read or write closes the
  // channel for
  // every thread. Reads therefore go through their own channel, and either channel is reopened when
  // an interrupt
  // (not close()) closed it, so that one interrupted reader can never stop the loop from writing.
  private FileChannel channel;
  private volatile FileChannel reader;
  private final Object readerLock = new Object();
  private DiaryIndex
      index; // null while it cannot be written (a full disk at open): built at the first write
  // One exclusive lock guards the index, held for microseconds: readers only pick positions and
  // offsets under it,
  // and read and decode the lines outside it. Readers never queue for it (see lockForRead), so the
  // writer waits at
  // most for the one reader holding it. (Queued behind a hundred stream readers, each of which must
  // first get a
  // carrier thread when its turn comes, an append waited for seconds under load.)
  private final ReentrantLock lock = new ReentrantLock();
  // Threads waiting in awaitMore. An append only unparks them: the writer never waits for a lock a
  // reader holds.
  private final java.util.Set<Thread> waiters = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int size;
  private long end;
  private boolean needsNewline;
  private volatile boolean closed;

  private JsonlDiary(
      Path path,
      Storage storage,
      long maxPendingBytes,
      DiaryLock diaryLock,
      FileChannel channel,
      Indexed indexed)
      throws IOException {
    this.path = path;
    this.storage = storage;
    this.maxPendingBytes = maxPendingBytes;
    this.diaryLock = diaryLock;
    this.channel = channel;
    this.reader = openReader();
    adopt(indexed);
  }

  /**
   * Opens (or creates) the diary at {@code file}, with its index files next to it, and takes its
   * {@link DiaryLock}.
   *
   * @throws DiaryInUseException if another writer holds the diary
   * @throws UncheckedIOException if the file cannot be read or created
   */
  public static JsonlDiary open(Path file) {
    Objects.requireNonNull(file, "file == null");
    return open(file, DiaryLock.acquire(file), Storage.DEFAULT, MAX_PENDING_BYTES);
  }

  /**
   * Opens (or creates) the diary at {@code file} under a lock already taken, which the diary then
   * owns (and releases when it closes, or when opening fails).
   *
   * @throws IllegalArgumentException if {@code lock} is not a valid lock of {@code file}
   * @throws UncheckedIOException if the file cannot be read or created
   */
  public static JsonlDiary open(Path file, DiaryLock lock) {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(lock, "lock == null");
    if (!lock.diary().equals(file) || !lock.isValid())
      throw new IllegalArgumentException("lock " + lock.diary() + " does not hold " + file);
    return open(file, lock, Storage.DEFAULT, MAX_PENDING_BYTES);
  }

  static JsonlDiary open(Path file, DiaryLock lock, Storage storage, long maxPendingBytes) {
    try {
      FileChannel ch =
          storage.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        long fileSize = ch.size();
        Indexed indexed;
        IOException indexFailure = null;
        try {
          indexed = openIndex(file, storage, ch, fileSize);
        } catch (IOException e) {
          // A full disk must not keep the app from starting (and protecting its positions): the
          // diary opens
          // degraded, and the index is built at its first write.
          indexFailure = e;
          indexed = new Indexed(null, fileSize, fileSize > 0 && lastByte(ch, fileSize) != '\n');
        }
        JsonlDiary d;
        try {
          d = new JsonlDiary(file, storage, maxPendingBytes, lock, ch, indexed);
        } catch (IOException | RuntimeException e) {
          if (indexed.index() != null) closeQuietly(indexed.index());
          throw e;
        }
        if (indexFailure != null)
          d.failed(
              new IOException(
                  "its index cannot be written: " + indexFailure.getMessage(), indexFailure));
        d.checkSpace();
        d.publishHealth();
        return d;
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException("cannot open diary " + file, e);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * What opening the index found: the index, brought up to date with the file up to {@code end}
   * (null when it could not be written), and whether the file ends inside a line.
   */
  private record Indexed(DiaryIndex index, long end, boolean torn) {}

  /** Opens the index of {@code file} and indexes the lines it lacks. */
  private static Indexed openIndex(Path file, Storage storage, FileChannel ch, long fileSize)
      throws IOException {
    DiaryIndex index = DiaryIndex.open(file, storage, ch, fileSize);
    int before = index.size();
    boolean torn;
    try {
      torn = scan(file, ch, index, index.end(), fileSize);
      try {
        index.flush();
      } catch (IOException e) {
        log.warn(
            "diary {}: cannot force its index ({}); it is checked again on the next open",
            file,
            e.toString());
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(index);
      throw e;
    }
    if (index.size() > before)
      log.info(
          "diary {}: indexed {} new events ({} in all)", file, index.size() - before, index.size());
    return new Indexed(index, fileSize, torn);
  }

  private static int lastByte(FileChannel ch, long size) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1);
    return ch.read(b, size - 1) == 1 ? b.get(0) : -1;
  }

  private static void closeQuietly(DiaryIndex index) {
    try {
      index.close();
    } catch (IOException ignored) {
      // the index is a cache, checked on the next open
    }
  }

  /**
   * The index files of the diary at {@code file} (caches: deleting them costs a rebuild on the next
   * open).
   */
  public static List<Path> indexFiles(Path file) {
    return DiaryIndex.files(file);
  }

  /**
   * Indexes the whole lines in {@code [from, to)}; returns true when the file ends inside a line.
   */
  private static boolean scan(Path file, FileChannel ch, DiaryIndex index, long from, long to)
      throws IOException {
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
        if (len > 0) indexLine(file, index, buf, lineStart, len, bufStart + lineStart);
        lineStart = i + 1;
      }
      filled += n;
      System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
      filled -= lineStart;
      bufStart += lineStart;
    }
    if (filled > 0) {
      log.warn(
          "diary {}: skipping a torn last line at byte {} ({} bytes, no newline); the next event starts on a new line",
          file,
          bufStart,
          filled);
      return true;
    }
    return false;
  }

  private static void indexLine(
      Path file, DiaryIndex index, byte[] buf, int off, int len, long fileOffset)
      throws IOException {
    LineCodec.Header h = LineCodec.header(buf, off, len);
    if (h == null) {
      log.warn(
          "diary {}: skipping an unreadable line at byte {} ({} bytes)", file, fileOffset, len);
      return;
    }
    if (h.seq() != index.size() + 1L) {
      log.warn(
          "diary {}: line at byte {} has seq {} but is event {}; its cursor is {}",
          file,
          fileOffset,
          h.seq(),
          index.size() + 1,
          index.size() + 1);
    }
    index.reserve(h.cycle(), h.type(), h.asset());
    index.add(fileOffset, len, h.cycle(), h.type(), h.asset());
  }

  /** The diary file. */
  public Path path() {
    return path;
  }

  /** The number of events in the diary. */
  public long size() {
    return size;
  }

  /**
   * The cursor after the newest event ({@code "0"} when empty): reading forward from it waits for
   * new events.
   */
  public String endCursor() {
    return Long.toString(size);
  }

  /**
   * {@inheritDoc} A write failure does not throw: the event waits in memory and the diary is
   * degraded (see the class comment).
   *
   * @throws IllegalArgumentException if the event's json is not a valid JSON object
   * @throws IllegalStateException if the diary is closed
   */
  @Override
  public void append(DiaryEvent event) {
    Objects.requireNonNull(event, "event == null");
    boolean wrote;
    lock.lock();
    try {
      checkOpen();
      int before = size;
      if (pending.isEmpty() && index != null) {
        byte[] line = LineCodec.encode(index.size() + 1L, event);
        try {
          write(line, event);
        } catch (IOException e) {
          failed(e);
          enqueue(new Pending(event, line.length));
        }
      } else {
        Pending p =
            new Pending(
                event,
                LineCodec.encode(1, event).length); // validates it now, numbers it when written
        if (drainPending()) {
          try {
            write(p.event());
          } catch (IOException e) {
            failed(e);
            enqueue(p);
          }
        } else {
          enqueue(p);
        }
      }
      if (failure != null && pending.isEmpty()) recoverIfRoom();
      publishHealth();
      wrote = size > before;
    } finally {
      lock.unlock();
    }
    if (wrote) wakeWaiters();
  }

  /** Writes the waiting events in order; true when none is left. Under the lock. */
  private boolean drainPending() {
    while (!pending.isEmpty()) {
      Pending p = pending.peekFirst();
      try {
        write(p.event());
      } catch (IOException e) {
        failed(e);
        return false;
      }
      pending.removeFirst();
      pendingBytes -= p.bytes();
    }
    return true;
  }

  private void enqueue(Pending p) {
    if (pendingBytes + p.bytes() > maxPendingBytes) {
      if (dropped++ == 0) droppedFrom = p.event().time();
      droppedCycle = p.event().cycle();
      return;
    }
    pending.addLast(p);
    pendingBytes += p.bytes();
  }

  private void failed(IOException e) {
    String why =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    if (failure == null) {
      failingSince = Instant.now();
      log.error(
          "diary {}: cannot write ({}); events wait in memory and no new position is opened until it can",
          path,
          why);
    }
    failure = why;
  }

  /**
   * Everything is written: back to ok when the disk has room again, recording a gap first. Under
   * the lock.
   */
  private void recoverIfRoom() {
    try {
      ensureIndex();
    } catch (IOException e) {
      failed(e);
      return;
    }
    checkSpace();
    if (failure != null && !failure.startsWith("disk almost full")) {
      // The last write went through; a low-space failure is lifted by checkSpace alone.
      failure = null;
    }
    if (failure != null) return;
    if (dropped > 0) {
      long lost = dropped;
      dropped = 0;
      String note =
          "{\"where\":\"diary\",\"message\":\""
              + lost
              + " events from "
              + droppedFrom
              + " on could not be recorded: the disk could not be written and the queue in memory was full\"}";
      try {
        write(new DiaryEvent(Instant.now(), droppedCycle, "error", null, note));
      } catch (IOException e) {
        dropped = lost;
        failed(e);
        return;
      }
    }
    log.info("diary {}: writing again after a failure since {}", path, failingSince);
    failingSince = null;
  }

  /**
   * Degrades the diary while its disk has less than {@link #MIN_FREE_BYTES} free. Under the lock.
   */
  private void checkSpace() {
    long free;
    try {
      free = storage.usableSpace(path);
    } catch (IOException | RuntimeException e) {
      return; // unknown: the writes tell
    }
    if (free < MIN_FREE_BYTES) {
      if (failure == null) {
        failingSince = Instant.now();
        log.error(
            "diary {}: only {} bytes free on its disk; no new position is opened until there is room",
            path,
            free);
      }
      if (failure == null || failure.startsWith("disk almost full"))
        failure = "disk almost full: " + free + " bytes free";
    } else if (failure != null && failure.startsWith("disk almost full") && pending.isEmpty()) {
      failure = null;
    }
  }

  private void publishHealth() {
    health =
        failure == null && pending.isEmpty() && dropped == 0
            ? Health.OK
            : new Health(
                Health.State.DEGRADED,
                failure == null ? "events wait to be written" : failure,
                failingSince,
                pending.size(),
                dropped);
  }

  /** Whether the diary writes; cheap, for status pages and the loop's entry gate. */
  public Health health() {
    return health;
  }

  /** {@inheritDoc} Says why it is {@link Health.State#DEGRADED}, and how much waits in memory. */
  @Override
  public String fault() {
    Health h = health;
    if (h.ok()) return null;
    return h.error() + (h.pending() > 0 ? " (" + h.pending() + " events wait in memory)" : "");
  }

  /** Builds the index when it could not be at open. Under the lock. */
  private void ensureIndex() throws IOException {
    if (index != null) return;
    adopt(openIndex(path, storage, channel, Math.max(end, channel.size())));
  }

  /**
   * Takes the index, the end of the file (where the next line is written) and whether that line
   * must start with a newline from {@code indexed}.
   */
  private void adopt(Indexed indexed) {
    index = indexed.index();
    end = indexed.end();
    needsNewline = indexed.torn();
    size = index == null ? 0 : index.size();
  }

  /** Numbers {@code event} and writes it. Under the lock. */
  private void write(DiaryEvent event) throws IOException {
    ensureIndex();
    write(LineCodec.encode(index.size() + 1L, event), event);
  }

  /** Writes one encoded line at the end of the file and indexes it. Under the lock. */
  private void write(byte[] line, DiaryEvent event) throws IOException {
    String asset = event.asset() == null ? null : event.asset().name();
    index.reserve(event.cycle(), event.type(), asset); // a full disk fails here, before the line
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
            // An interrupt closed the channel, maybe mid-write. Reopen it and go on from the last
            // byte that
            // reached the file, so the line is whole and written once.
            channel = storage.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long written = channel.size() - start;
            if (written < 0 || written > bb.limit())
              throw new IOException("diary " + path + " changed while it was being written");
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
      // Part of the line may be in the file: the next write must start on a new line.
      needsNewline = true;
      try {
        end = Math.max(end, channel.size());
      } catch (IOException ignored) {
        // keep the old end
      }
      throw e;
    } finally {
      if (wasInterrupted) Thread.currentThread().interrupt();
    }
    long offset = end + lead;
    int length = line.length - 1;
    end = start + bb.limit();
    needsNewline = false;
    index.add(offset, length, event.cycle(), event.type(), asset);
    size = index.size();
  }

  private void wakeWaiters() {
    for (Thread t : waiters) LockSupport.unpark(t);
  }

  /**
   * Writes the events waiting after a write failure, then forces the file to the disk.
   *
   * @throws UncheckedIOException if an appended event is not durable: events still wait in memory,
   *     or the file cannot be forced (the diary is then degraded, see {@link #health()})
   */
  @Override
  public void flush() {
    boolean wrote;
    lock.lock();
    try {
      checkOpen();
      int before = size;
      boolean drained = drainPending();
      wrote = size > before;
      try {
        if (drained) channel.force(false);
      } catch (IOException e) {
        failed(e);
        drained = false;
      }
      if (drained) {
        if (failure != null) recoverIfRoom();
        else checkSpace();
      }
      publishHealth();
      try {
        if (index != null) index.flush();
      } catch (IOException e) {
        log.warn(
            "diary {}: cannot force its index ({}); it is checked again on the next open",
            path,
            e.toString());
      }
      if (!drained) {
        throw new UncheckedIOException(
            "cannot flush diary " + path + " (" + pending.size() + " events wait in memory)",
            new IOException(failure));
      }
    } finally {
      lock.unlock();
    }
    if (wrote) wakeWaiters();
  }

  @Override
  public Page read(String cursor, int limit, Filter filter) {
    Objects.requireNonNull(filter, "filter == null");
    return read(cursor, limit, DiaryQuery.of(filter), Direction.FORWARD);
  }

  /**
   * Reads up to {@code limit} events matching {@code query} from {@code cursor} in {@code
   * direction}. Forward: the events after the cursor (from the start when null), oldest first;
   * {@code next} is the cursor to continue from, and at the end it is the end cursor. Backward: the
   * events before the cursor (from the newest when null), newest first; at the start {@code next}
   * is {@code "0"}.
   *
   * @throws IllegalArgumentException if the cursor is not one this diary issued, or limit is not in
   *     1..10000
   */
  public Page read(String cursor, int limit, DiaryQuery query, Direction direction) {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(direction, "direction == null");
    if (limit < 1 || limit > MAX_LIMIT)
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + " but was " + limit);
    int[] positions;
    long[] offsets;
    int[] lengths;
    int found;
    boolean hasMore;
    int n;
    lockForRead();
    try {
      checkOpen();
      n = size;
      long c = parseCursor(cursor, n);
      if (index == null)
        return new Page(List.of(), "0", false); // no index yet: nothing can be read
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
        offsets[i] = index.offset(positions[i]);
        lengths[i] = index.length(positions[i]);
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
      checkOpen();
      return index == null ? List.of() : index.cycles(before, limit);
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
      // Registered before the check: an append after it unparks us, and a park after that unpark
      // returns at once.
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
          // This thread (or another) was interrupted in a read: reopen the reading channel and read
          // again with
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
      if (ch.read(bb, offset + bb.position()) < 0)
        throw new IOException("diary " + path + " is shorter than its index");
    }
  }

  private void reopenReader(FileChannel broken) throws IOException {
    synchronized (readerLock) {
      if (reader == broken) reader = openReader();
    }
  }

  /** Opens the channel reads go through, apart from the writer's (see {@link #reader}). */
  private FileChannel openReader() throws IOException {
    return storage.open(path, StandardOpenOption.READ);
  }

  /**
   * Takes the lock without joining its queue: only the writer queues, so it is next whenever the
   * lock frees.
   */
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
        if (!drainPending()) {
          log.error(
              "diary {}: closing with {} events that could not be written ({}); they are lost",
              path,
              pending.size() + dropped,
              failure);
        }
        channel.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close diary " + path, e);
      } finally {
        closed = true;
        if (index != null) closeQuietly(index);
        try {
          channel.close();
          synchronized (readerLock) {
            reader.close();
          }
        } catch (IOException e) {
          log.warn("diary {}: closing its channels failed: {}", path, e.toString());
        }
        diaryLock.close();
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
