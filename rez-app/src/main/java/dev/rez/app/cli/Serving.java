package dev.rez.app.cli;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs a {@link TradingApp} with the HTTP API until it stops: on SIGTERM (or Ctrl-C) the running cycle finishes,
 * the diary is flushed and closed, the server and the simulator stop.
 */
final class Serving {
  private Serving() {}

  /** Opens diaries as {@link JsonlDiary} files, remembering the last for the API. */
  static final class Diaries implements Function<Path, Diary> {
    JsonlDiary last;

    @Override
    public Diary apply(Path p) {
      try {
        java.nio.file.Files.createDirectories(p.toAbsolutePath().getParent());
      } catch (java.io.IOException e) {
        throw new CliException(ExitCode.BAD_FILE, "cannot create the diary's directory for " + p + ": " + e.getMessage(), e);
      }
      last = JsonlDiary.open(p);
      return last;
    }
  }

  static int serve(TradingApp app, JsonlDiary diary, AppConfig config, int port, PrintWriter out, String banner) {
    ApiServer server;
    try {
      server = ApiServer.builder(new AppBackend(app, diary)).host(config.apiHost()).port(port)
          .token(config.apiToken() == null ? null : config.apiToken().reveal()).build().start();
    } catch (IllegalStateException | IllegalArgumentException e) {
      app.close();
      throw new CliException(ExitCode.USAGE, "the API cannot start on " + config.apiHost() + ":" + port + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      app.close();
      throw new CliException(ExitCode.FAILURE, "the API cannot start on " + config.apiHost() + ":" + port + ": " + e.getMessage(), e);
    }
    String host = config.apiHost().contains(":") ? "[" + config.apiHost() + "]" : config.apiHost();
    out.println(banner + " http://" + host + ":" + server.port() + "  (diary " + app.spec.diaryPath() + "; Ctrl-C to stop)");
    if (app.sim != null) out.println("simulated exchange " + app.sim.baseUrl() + "  (request counts: GET " + app.sim.baseUrl() + "/sim/stats)");
    out.flush();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Thread> hook = new AtomicReference<>(new Thread(() -> {
      // SIGTERM: let the running cycle finish, then wait for the main thread's cleanup.
      app.stop(Duration.ofSeconds(60));
      try {
        done.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "rez-shutdown"));
    Runtime.getRuntime().addShutdownHook(hook.get());
    Thread trades = app.spec.mode() == TradingApp.Mode.DEMO ? printTrades(diary, out) : null;
    try {
      app.runLoop();
    } finally {
      if (trades != null) {
        trades.interrupt();
        try {
          trades.join(5000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      server.close();
      app.close();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook.get());
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it waits for the latch above.
      }
    }
    return ExitCode.OK;
  }

  /** Prints a line per trade step (open with protection, protection changes, close with PnL) as the diary records it. */
  private static Thread printTrades(JsonlDiary diary, PrintWriter out) {
    dev.rez.app.loop.TradeLog log = dev.rez.app.loop.TradeLog.fromEnd(diary);
    Thread t = new Thread(() -> {
      boolean stopping = false;
      while (true) {
        try {
          List<String> lines = log.poll();
          for (String line : lines) out.println(line);
          if (!lines.isEmpty()) out.flush();
          if (stopping) return;
          Thread.sleep(500);
        } catch (InterruptedException e) {
          stopping = true; // one last read: the loop's last fills
        } catch (RuntimeException e) {
          out.println("trade lines stopped: " + e.getMessage());
          out.flush();
          return;
        }
      }
    }, "rez-trade-lines");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
