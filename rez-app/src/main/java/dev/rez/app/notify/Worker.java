package dev.rez.app.notify;

import java.util.concurrent.CountDownLatch;

/**
 * A background task on a daemon thread of its own, with a latch that stops it: {@link #work()}
 * returns when {@link #stop} is released (its waits go through {@link Timing#pause}, which the
 * latch cuts short).
 */
abstract class Worker implements AutoCloseable {
  final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private final boolean interruptOnClose;

  /**
   * @param interruptOnClose true when {@link #work()} may block in an HTTP request that only an
   *     interrupt cancels
   */
  Worker(String name, boolean interruptOnClose) {
    this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::runWork);
    this.interruptOnClose = interruptOnClose;
  }

  /** The task; returns when stopped. */
  abstract void work() throws InterruptedException;

  private void runWork() {
    try {
      work();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void start() {
    thread.start();
  }

  /** Stops the task and waits up to ten seconds for it. */
  @Override
  public void close() {
    stop.countDown();
    if (interruptOnClose) thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
