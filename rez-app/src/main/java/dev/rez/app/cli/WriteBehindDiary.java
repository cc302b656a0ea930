package dev.rez.app.cli;

import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A diary whose appends are written by a thread of their own, in order, while the appending thread
 * goes on: a backtest's loop hands over each event and the redaction, encoding and writing run on
 * the other core. Every other call first makes sure that all that was appended before it is written
 * — helping: what the writer has not started yet, the calling thread writes itself, so a busy core
 * never makes it wait longer than writing would have taken. A read thus sees every event appended
 * before it, and {@link #flush()} and {@link #close()} lose nothing. At most {@value #CAPACITY}
 * events wait; an append beyond that writes them first.
 *
 * <p>An event the wrapped diary refuses (its JSON is not an object) is reported by the next call:
 * that call throws an {@link IllegalStateException} whose cause is the refusal, once. Threadsafe.
 */
final class WriteBehindDiary implements Diary {
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

  private final Object refusalLock = new Object();
  private RuntimeException refusal;
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
        } catch (RuntimeException e) {
          synchronized (refusalLock) {
            if (refusal == null) refusal = e;
            else if (refusal != e && refusal.getSuppressed().length < 10) refusal.addSuppressed(e);
          }
        }
      } finally {
        writing.unlock();
      }
    }
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
    // After this event is queued: a refusal of an earlier one never costs this one.
    reportRefusal();
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
    synchronized (refusalLock) {
      if (refusal != null) return "an event was refused: " + refusal.getMessage();
    }
    return diary.fault();
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
   * writing those the writer has not started; reports a refusal among them.
   */
  void awaitWritten() {
    writeWaiting();
    reportRefusal();
  }

  private void reportRefusal() {
    RuntimeException r;
    synchronized (refusalLock) {
      r = refusal;
      refusal = null;
    }
    if (r != null)
      throw new IllegalStateException(
          "an event appended earlier was not recorded: " + r.getMessage(), r);
  }
}
