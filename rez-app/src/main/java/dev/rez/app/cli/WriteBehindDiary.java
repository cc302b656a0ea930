package dev.rez.app.cli;

import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A diary whose appends are written by a thread of their own, in order, while the appending thread
 * goes on: a backtest's loop hands over each event and the redaction, encoding and writing run on
 * the other core. Every other call first waits until all that was appended before it is written, so
 * a read sees every event appended before it, and {@link #flush()} and {@link #close()} lose
 * nothing. At most {@value #CAPACITY} events wait; an append beyond that waits for room.
 *
 * <p>An event the wrapped diary refuses (its JSON is not an object) is reported by the next call:
 * that call throws an {@link IllegalStateException} whose cause is the refusal, once. Threadsafe.
 */
final class WriteBehindDiary implements Diary {
  static final int CAPACITY = 4096;

  private final Diary diary;
  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread writer;
  private final Object refusalLock = new Object();
  private RuntimeException refusal;
  private volatile boolean closed;

  WriteBehindDiary(Diary diary) {
    this.diary = diary;
    this.writer = Thread.ofPlatform().name("diary-writer").daemon().start(this::write);
  }

  private void write() {
    while (true) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        // Only close() ends this thread, after everything queued was written.
        continue;
      }
      if (task == STOP) return;
      try {
        task.run();
      } catch (RuntimeException e) {
        synchronized (refusalLock) {
          if (refusal == null) refusal = e;
          else refusal.addSuppressed(e);
        }
      }
    }
  }

  private static final Runnable STOP = () -> {};

  @Override
  public void append(DiaryEvent event) {
    if (closed) throw new IllegalStateException("the diary is closed");
    reportRefusal();
    put(() -> diary.append(event));
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
      put(STOP);
      while (writer.isAlive()) {
        try {
          writer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      interrupted |= Thread.interrupted();
      try {
        diary.close();
      } finally {
        if (interrupted) Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits until every event appended so far is written (for a reader of the wrapped diary); reports
   * a refusal among them.
   */
  void awaitWritten() {
    if (Thread.currentThread() == writer) return;
    CompletableFuture<Void> written = new CompletableFuture<>();
    put(() -> written.complete(null));
    boolean interrupted = false;
    while (!written.isDone()) {
      try {
        written.get();
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    reportRefusal();
  }

  /** Queues {@code task}, waiting for room; an interrupt waits on and is kept, never loses it. */
  private void put(Runnable task) {
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(task);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
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
