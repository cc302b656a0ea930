package dev.rez.app.cli;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.notify.Notifier;
import dev.rez.core.Diary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs a {@link TradingApp} with the HTTP API until it stops: on SIGTERM (or Ctrl-C) the running
 * cycle finishes, the diary is flushed and closed, the server and the simulator stop.
 */
final class Serving {
  private Serving() {}

  /** Opens diaries as {@link JsonlDiary} files, remembering the last for the API. */
  static final class Diaries implements Function<Path, Diary> {
    JsonlDiary last;

    /**
     * The end of the last diary when it was opened: where a new notification sink starts (this
     * run's events).
     */
    String openedAt;

    @Override
    public Diary apply(Path p) {
      try {
        java.nio.file.Files.createDirectories(p.toAbsolutePath().getParent());
      } catch (java.io.IOException e) {
        throw new CliException(
            ExitCode.BAD_FILE,
            "cannot create the diary's directory for " + p + ": " + e.getMessage(),
            e);
      }
      try {
        last = JsonlDiary.open(p);
      } catch (dev.rez.app.diary.DiaryInUseException e) {
        throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
      }
      openedAt = last.endCursor();
      return last;
    }
  }

  /**
   * The notifications of {@code app}, as configured; a sink new to this diary starts with this
   * run's events. Signatures and command freshness run on the wall clock, the daily summary on the
   * app's (a demo's runs faster), the one its events carry.
   */
  static Notifier notifier(TradingApp app, Diaries diaries, AppConfig config) {
    return Notifier.builder(config.notifications(), diaries.last, app.spec.diaryPath())
        .control(new AppControl(app))
        .firstCursor(diaries.openedAt)
        .eventClock(app.clock.asClock())
        .prices(config.inputPricePerMillion(), config.outputPricePerMillion())
        .equity(() -> app.exchange.accountState().equity())
        .build();
  }

  static int serve(
      TradingApp app, Diaries diaries, AppConfig config, int port, PrintWriter out, String banner) {
    return serve(app, diaries, config, port, out, banner, false);
  }

  /**
   * As {@link #serve(TradingApp, Diaries, AppConfig, int, PrintWriter, String)}; with {@code
   * tradeLines}, a line per fill on {@code out}.
   */
  static int serve(
      TradingApp app,
      Diaries diaries,
      AppConfig config,
      int port,
      PrintWriter out,
      String banner,
      boolean tradeLines) {
    JsonlDiary diary = diaries.last;
    Notifier notifier;
    try {
      notifier = notifier(app, diaries, config).start();
    } catch (RuntimeException e) {
      app.close();
      throw new CliException(ExitCode.USAGE, "notifications cannot start: " + e.getMessage(), e);
    }
    ApiServer server;
    try {
      server =
          ApiServer.builder(new AppBackend(app, diary, notifier::status))
              .host(config.apiHost())
              .port(port)
              .token(config.apiToken() == null ? null : config.apiToken().reveal())
              .allowedHosts(config.apiAllowedHosts())
              .maxStreams(config.apiMaxStreams())
              .build()
              .start();
    } catch (IllegalStateException | IllegalArgumentException e) {
      notifier.close(Duration.ZERO);
      app.close();
      throw new CliException(
          ExitCode.USAGE,
          "the API cannot start on " + config.apiHost() + ":" + port + ": " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      notifier.close(Duration.ZERO);
      app.close();
      throw new CliException(
          ExitCode.FAILURE,
          "the API cannot start on " + config.apiHost() + ":" + port + ": " + e.getMessage(),
          e);
    }
    String host = config.apiHost().contains(":") ? "[" + config.apiHost() + "]" : config.apiHost();
    out.println(
        banner
            + " http://"
            + host
            + ":"
            + server.port()
            + "  (diary "
            + app.spec.diaryPath()
            + "; Ctrl-C to stop)");
    if (app.sim != null)
      out.println(
          "simulated exchange "
              + app.sim.baseUrl()
              + "  (request counts: GET "
              + app.sim.baseUrl()
              + "/sim/stats)");
    out.flush();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Thread> hook =
        new AtomicReference<>(
            new Thread(
                () -> {
                  // SIGTERM: let the running cycle finish, then wait for the main thread's cleanup.
                  app.stop(Duration.ofSeconds(60));
                  try {
                    done.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "rez-shutdown"));
    Runtime.getRuntime().addShutdownHook(hook.get());
    TradeTicker ticker = tradeLines ? new TradeTicker(diary, out) : null;
    try {
      app.runLoop();
    } finally {
      if (ticker != null) ticker.close();
      server.close();
      app.recordStop("stopped");
      // The outbox gets a few seconds for app-stop and what is pending; the rest goes out after the
      // next start.
      notifier.close(Duration.ofSeconds(5));
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
}
