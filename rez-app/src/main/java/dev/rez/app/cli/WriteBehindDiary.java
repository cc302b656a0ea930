package dev.rez.app.cli;

import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A diary whose appends are written by a thread of their own, in order, while the appending thread
 * goes on: a backtest's loop hands over each event and the redaction, encoding and writing run on
 * the other core. Every other call first makes sure that all that was appended before it is written
 * — helping: what the writer has not started yet, the calling thread writes itself, so a busy core
 * never makes it wait longer than writing would have taken. A read thus sees every event appended
 * before it, and {@link #flush()} and {@link #close()} lose nothing. At most {@value #CAPACITY}
 * events wait; an append beyond that writes them first.
 *
 * <p>An event the wrapped diary refuses (its JSON is not an object) never surfaces as an exception
 * in some later, unrelated call: it is logged and recorded in its place as an {@code error} event
 * ({@code where: "diary"}) with the same time, cycle and asset. Should that be refused too, or the
 * writer fail, {@link #fault()} says so from then on, and the loop opens no new positions.
 * Threadsafe.
 */
final class WriteBehindDiary implements Diary {
  private static final Logger log = LoggerFactory.getLogger(WriteBehindDiary.class);
  static final int CAPACITY = 4096;

  private final Diary diary;
  private final Thread writer;

  /** Guards {@link #waiting} and {@link #stopped}. */
  private final ReentrantLock queue = new ReentrantLock();

  private final Condition notEmpty = queue.newCondition();
  private final ArrayDeque<DiaryEvent> waiting = new ArrayDeque<>();
  private boolean stopped;

  /** Held while an event is taken and written: one at a time, in the order they came. */
  private final ReentrantLock writing = new ReentrantLock();

  /** Why an event could not be recorded at all, or null. */
  private volatile String fault;

  private volatile boolean closed;

  WriteBehindDiary(Diary diary) {
    this.diary = diary;
    this.writer = Thread.ofPlatform().name("diary-writer").daemon().start(this::writeAsTheyCome);
  }

  private void writeAsTheyCome() {
    while (true) {
      queue.lock();
      try {
        while (waiting.isEmpty() && !stopped) notEmpty.awaitUninterruptibly();
        if (waiting.isEmpty()) return; // stopped, and everything is written
      } finally {
        queue.unlock();
      }
      writeWaiting();
    }
  }

  /**
   * Writes every waiting event, oldest first, one at a time under {@link #writing}: the writer and
   * a thread that needs them written take turns, and neither waits for the other longer than one
   * event.
   */
  private void writeWaiting() {
    while (true) {
      writing.lock();
      try {
        DiaryEvent next;
        queue.lock();
        try {
          next = waiting.pollFirst();
        } finally {
          queue.unlock();
        }
        if (next == null) return;
        try {
          diary.append(next);
        } catch (RuntimeException | Error e) {
          recordRefusal(next, e);
          if (e instanceof Error error) throw error;
        }
      } finally {
        writing.unlock();
      }
    }
  }

  /** Records, in place of {@code refused}, an {@code error} event saying why it was refused. */
  private void recordRefusal(DiaryEvent refused, Throwable why) {
    String message =
        "a "
            + refused.type()
            + " event was not recorded: "
            + why.getClass().getSimpleName()
            + (why.getMessage() == null ? "" : ": " + why.getMessage());
    log.error("cycle {}: {}", refused.cycle(), message);
    try {
      diary.append(
          new DiaryEvent(
              refused.time(),
              refused.cycle(),
              "error",
              refused.asset(),
              Json.write(Json.obj("where", "diary", "message", message))));
    } catch (RuntimeException e) {
      if (fault == null) fault = message;
    }
    if (why instanceof Error && fault == null) fault = message;
  }

  @Override
  public void append(DiaryEvent event) {
    boolean full;
    queue.lock();
    try {
      if (stopped || closed) throw new IllegalStateException("the diary is closed");
      waiting.addLast(event);
      full = waiting.size() >= CAPACITY;
      notEmpty.signal();
    } finally {
      queue.unlock();
    }
    if (full) writeWaiting();
  }

  @Override
  public void flush() {
    awaitWritten();
    diary.flush();
  }

  @Override
  public Page read(String cursor, int limit, Filter filter) {
    awaitWritten();
    return diary.read(cursor, limit, filter);
  }

  @Override
  public String fault() {
    String own = fault;
    return own != null ? own : diary.fault();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    // An interrupted thread cannot close a file channel: the interrupt is kept for the caller,
    // after.
    boolean interrupted = Thread.interrupted();
    try {
      awaitWritten();
    } finally {
      queue.lock();
      try {
        stopped = true;
        notEmpty.signal();
      } finally {
        queue.unlock();
      }
      while (writer.isAlive()) {
        try {
          writer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      writeWaiting(); // nothing, unless an append raced the close
      try {
        diary.close();
      } finally {
        if (interrupted) Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Returns once every event appended so far is written (for a reader of the wrapped diary),
   * writing those the writer has not started.
   */
  void awaitWritten() {
    writeWaiting();
  }
}
