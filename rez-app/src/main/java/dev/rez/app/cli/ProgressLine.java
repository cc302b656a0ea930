package dev.rez.app.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * A backtest's progress on a terminal, redrawn in place twice a second: cycles done of all, the
 * rate, the time left and the running PnL. Quiet when the output is not a terminal (a pipe, a file,
 * a test).
 */
final class ProgressLine {
  private final PrintWriter err;
  private final long total;
  private final boolean terminal;
  private volatile boolean running;
  private Thread thread;

  private ProgressLine(PrintWriter err, long total, boolean terminal) {
    this.err = err;
    this.total = total;
    this.terminal = terminal;
  }

  /**
   * A line drawn on {@code err} when the process runs on a terminal, else one that draws nothing.
   */
  static ProgressLine forTerminal(PrintWriter err, long total) {
    java.io.Console console = System.console();
    boolean terminal = console != null;
    if (terminal) {
      try {
        // Java 22 and later have a console off a terminal too, and say whether it is one.
        terminal = (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
      } catch (NoSuchMethodException e) {
        // Java 21: there is a console only on a terminal.
      } catch (ReflectiveOperationException e) {
        terminal = false;
      }
    }
    return new ProgressLine(err, total, terminal);
  }

  /** Starts drawing the progress of {@code app}. */
  void start(TradingApp app) {
    if (!terminal) return;
    running = true;
    long t0 = System.nanoTime();
    BigDecimal start = app.startingEquity;
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("rez-progress")
            .start(
                () -> {
                  while (running) {
                    try {
                      Thread.sleep(500);
                    } catch (InterruptedException e) {
                      return;
                    }
                    draw(app.progress, start, System.nanoTime() - t0);
                  }
                });
  }

  /** Stops drawing and ends the line. */
  void stop() {
    if (thread == null) return;
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (err) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  private void draw(TradingApp.Progress p, BigDecimal start, long nanos) {
    long done = p.cycle;
    double seconds = nanos / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    long left = rate > 0 ? Math.round((total - done) / rate) : -1;
    BigDecimal equity = p.equity;
    String pnl =
        equity == null
            ? "n/a"
            : equity.subtract(start).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    String eta = left < 0 ? "--:--" : String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60);
    synchronized (err) {
      err.printf(
          Locale.ROOT,
          "\rcycle %d/%d  %.0f cycles/s  ETA %s  PnL %s\033[K",
          done,
          total,
          rate,
          eta,
          pnl);
      err.flush();
    }
  }
}
