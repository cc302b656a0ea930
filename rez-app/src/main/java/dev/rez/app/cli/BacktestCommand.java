package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.app.diary.DiaryInUseException;
import dev.rez.app.diary.DiaryLock;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.TradingLoop;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Interval;
import dev.rez.core.TrackRecord;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez backtest --data FILE}: replays a candle file through the same loop on the simulator's
 * stepped clock, writes a diary and prints the track record. Same data and model, same output.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    header = "Replay a candle CSV through the trading loop and print the track record.",
    description = {
      "Replay a candle CSV (time,open,high,low,close,volume) through the trading loop on the simulator's stepped",
      "clock; write a diary (a backtest's diary at the path is replaced) and print the track record. The offline model unless an LLM is configured.",
      "Cycles whose decision failed (the model's call failed) are held and counted; when no decision succeeded the backtest fails."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (held cycles, if any, are reported on stderr)",
      "1:no decision succeeded (every model call failed), or --audit-lookahead found a look-ahead",
      "2:bad arguments or configuration, or --diary is a file no backtest wrote",
      "3:a required key is missing",
      "4:the data file cannot be read or the diary is in use by another process"
    })
final class BacktestCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Mixin CommonOptions.Replay replay;

  @Option(
      names = "--diary",
      paramLabel = "PATH",
      description = {
        "The diary to write (default: data/backtest/diary.jsonl). A backtest's diary there is replaced;",
        "any other file is refused (exit code 2) and left as it was."
      })
  Path diary;

  @Mixin CommonOptions.JsonOutput output;

  @Option(
      names = "--blind",
      description = {
        "Show the model a disguised market: times moved to a fictitious epoch, prices scaled by a seeded factor,",
        "the asset renamed ASSET-1; its decisions are mapped back before the risk policy. The diary records both views."
      })
  boolean blind;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The seed of --blind's disguise (default: 1).")
  Long seed;

  @Option(
      names = "--audit-lookahead",
      description = {
        "Audit that nothing timestamped after a cycle's decision time reaches the context, a tool or",
        "the model; a look-ahead fails the backtest (exit code 1), naming the cycle and the source."
      })
  boolean auditLookahead;

  @Override
  public Integer call() {
    Asset a = replay.asset();
    int warmup = replay.warmup;
    if (seed != null && !blind) throw CliException.usage("--seed only goes with --blind");
    List<Candle> candles = replay.candles(root);
    Interval interval = candles.get(0).interval();
    AppConfig config = root.config();
    Path diaryPath =
        root.resolve(diary != null ? diary : Path.of("data", "backtest", "diary.jsonl"));
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.BACKTEST,
            config,
            AppConfig.Network.SIMULATOR,
            List.of(a),
            interval,
            diaryPath,
            Map.of(a, candles),
            1,
            warmup,
            AfterReplay.STOP,
            "backtest",
            null);
    List<String> warnings = new java.util.ArrayList<>();
    if (!blind)
      ModelCutoffs.warning(
              config.llmProvider(),
              config.llmModel(),
              root.env.get("REZ_MODEL_CUTOFF"),
              candles.getLast().closeTime())
          .ifPresent(warnings::add);
    for (String w : warnings) root.err.println("warning: " + w);
    ProgressLine line = ProgressLine.forTerminal(root.err, candles.size() - warmup);
    Result result;
    try {
      result =
          run(
              spec,
              new TradingApp.ModelUse(
                  null, blind ? (seed == null ? 1L : seed) : null, auditLookahead),
              warnings,
              line::start);
    } finally {
      line.stop();
    }
    if (result.lookahead() != null) {
      root.err.println("backtest failed: " + result.lookahead().message());
      root.err.flush();
      return ExitCode.FAILURE;
    }
    TrackRecord record = result.record();
    int fills = result.fills();
    Held held = result.held();
    if (output.json) {
      Map<String, Object> summary = dev.rez.app.api.StatsView.summary(record);
      summary.put("cycles", held.cycles());
      summary.put("heldCycles", held.failed());
      root.out.println(dev.rez.json.Json.write(summary));
    } else {
      root.out.println(
          "backtest of "
              + replay.data
              + ": "
              + a
              + ", "
              + (candles.size() - warmup)
              + " cycles of "
              + interval.wire()
              + ", "
              + fills
              + " fills");
      StatsCommand.print(root.out, record, "");
      if (held.failed() > 0)
        root.out.println(
            "held: " + held.failed() + " of " + held.cycles() + " cycles (the decision failed)");
      if (auditLookahead)
        root.out.println("look-ahead audit: passed (" + result.checked() + " timestamps checked)");
      root.out.println("diary: " + diaryPath);
    }
    root.out.flush();
    if (held.failed() == 0) return ExitCode.OK;
    String first = " (first error: " + held.firstError() + ")";
    if (held.noneSucceeded()) {
      root.err.println(
          "backtest failed: no decision succeeded: the decision failed in all "
              + held.failed()
              + " cycles the model was asked"
              + first
              + "; the diary "
              + diaryPath
              + " has each error");
      root.err.flush();
      return ExitCode.FAILURE;
    }
    root.err.println(
        "warning: held "
            + held.failed()
            + " of "
            + held.cycles()
            + " cycles: the decision failed"
            + first);
    root.err.flush();
    return ExitCode.OK;
  }

  /**
   * The cycles whose decision failed (the model's call failed or its answer was unusable: the loop
   * held), read from the diary's {@code error} events.
   *
   * @param cycles the cycles run
   * @param failed the cycles whose decision failed
   * @param unasked the cycles the model was not asked (the day's token budget was spent)
   * @param firstError the first failure's message (masked as the diary records it), or null
   */
  record Held(long cycles, long failed, long unasked, String firstError) {
    /** True when decisions failed and none succeeded: the model was never of use. */
    boolean noneSucceeded() {
      return failed > 0 && failed + unasked >= cycles;
    }

    static Held of(dev.rez.core.Diary diary) {
      long cycles = count(diary, "cycle-end", null);
      long unasked = count(diary, "error", "token-budget");
      String[] first = {null};
      long failed =
          count(
              diary,
              "error",
              "decision",
              d -> {
                if (first[0] == null) first[0] = String.valueOf(d.get("message"));
              });
      return new Held(cycles, failed, unasked, first[0]);
    }

    private static long count(dev.rez.core.Diary diary, String type, String where) {
      return count(diary, type, where, d -> {});
    }

    private static long count(
        dev.rez.core.Diary diary,
        String type,
        String where,
        java.util.function.Consumer<Map<String, Object>> each) {
      long n = 0;
      String cursor = null;
      while (true) {
        dev.rez.core.Diary.Page page =
            diary.read(cursor, 10_000, new dev.rez.core.Diary.Filter(type, null));
        for (dev.rez.core.Diary.Entry e : page.events()) {
          if (where == null) {
            n++;
            continue;
          }
          Map<String, Object> d = Json.parseObject(e.event().json());
          if (where.equals(d.get("where"))) {
            n++;
            each.accept(d);
          }
        }
        cursor = page.next();
        if (!page.hasMore()) return n;
      }
    }
  }

  /**
   * What a backtest left.
   *
   * @param record the track record of the simulated account's fills and funding payments
   * @param fills how many fills
   * @param lookahead the look-ahead the audit found, or null (none, or no audit)
   * @param checked how many timestamps the audit checked
   * @param held the cycles whose decision failed
   */
  record Result(
      TrackRecord record, int fills, LookaheadAudit.Violation lookahead, long checked, Held held) {}

  /**
   * Runs the backtest {@code spec} to its end, replacing its diary (a backtest's only), running the
   * model as {@code use} says.
   */
  static Result run(
      TradingApp.Spec spec,
      TradingApp.ModelUse use,
      List<String> warnings,
      java.util.function.Consumer<TradingApp> beforeRun) {
    Path diaryPath = spec.diaryPath();
    // Held from the check to the end: no other process can start on the diary while it is replaced.
    try (DiaryLock lock = lock(diaryPath)) {
      refuseForeignDiary(diaryPath);
      freshDiary(diaryPath);
      java.util.function.Function<Path, dev.rez.core.Diary> diaries = p -> JsonlDiary.open(p, lock);
      try (TradingApp app = TradingApp.create(spec, diaries, use)) {
        for (String w : warnings)
          app.diary.append(
              new DiaryEvent(
                  app.clock.now(), 0, "warning", null, Json.write(Json.obj("message", w))));
        beforeRun.accept(app);
        app.runLoop();
        closeAtTheEnd(app);
        var all = app.exchange.fills(Instant.EPOCH);
        LookaheadAudit.Violation v = app.audit == null ? null : app.audit.violation().orElse(null);
        if (v != null) {
          app.diary.append(
              new DiaryEvent(
                  app.clock.now(),
                  v.cycle(),
                  "lookahead",
                  null,
                  Json.write(
                      Json.obj("cycle", v.cycle(), "source", v.source(), "detail", v.detail()))));
          app.diary.flush();
        }
        app.diary.flush();
        return new Result(
            // As the API and the arena compute it: the account's fills and its funding payments.
            TrackRecord.fromFills(all, app.startingEquity)
                .withFunding(app.exchange.fundings(Instant.EPOCH)),
            all.size(),
            v,
            app.audit == null ? 0 : app.audit.checked(),
            Held.of(app.diary));
      }
    }
  }

  /**
   * Closes a position still open after the last cycle at the last mark (the loop's flatten,
   * recorded as a kill switch the backtest sets), as the arena does: the track record counts only
   * closed trades, and a run must not look better by ending on an open loser.
   */
  private static void closeAtTheEnd(TradingApp app) {
    if (app.exchange.accountState().positions().isEmpty()) return;
    app.loop.setKillSwitch(
        KillSwitch.Level.FLATTEN,
        "the backtest ended: open positions are closed at the last mark",
        "backtest");
    app.loop.applyKillSwitch();
    app.loop.finish(); // records the closing fills
  }

  private static DiaryLock lock(Path p) {
    try {
      return DiaryLock.acquire(p);
    } catch (DiaryInUseException e) {
      throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      throw new CliException(
          ExitCode.BAD_FILE, "cannot lock the diary " + p + ": " + e.getMessage(), e);
    }
  }

  /**
   * A backtest replaces only a backtest's diary (or an empty file): any other file at the path — a
   * demo or live app's diary (its record of real orders), notes, the candle file itself — and a
   * path beside a set kill switch that no backtest wrote, is refused, not deleted.
   */
  private static void refuseForeignDiary(Path p) {
    boolean backtests = false;
    if (Files.exists(p) && !Files.isRegularFile(p))
      throw CliException.usage("--diary " + p + " is not a file: choose another --diary");
    if (Files.isRegularFile(p) && size(p) > 0) {
      Object mode =
          DiaryLines.first(p, "app-start", w -> {}).map(l -> l.data().get("mode")).orElse(null);
      if (mode == null) {
        throw CliException.usage(
            "--diary "
                + p
                + " exists and is not a backtest's diary (it has no app-start event); a backtest"
                + " replaces only its own diary: choose another --diary");
      }
      if (!TradingApp.Mode.BACKTEST.id().equals(mode)) {
        throw CliException.usage(
            "the diary "
                + p
                + " was written by a "
                + mode
                + " app, and a backtest replaces its diary: choose another --diary");
      }
      backtests = true;
    }
    Path ks = TradingLoop.killSwitchFile(p);
    if (!backtests && Files.exists(ks)) {
      KillSwitch.State state;
      try {
        state = new KillSwitch(ks).state();
      } catch (RuntimeException e) {
        throw CliException.usage(
            "the kill switch "
                + ks
                + " of an app is beside "
                + p
                + " and unreadable ("
                + e.getMessage()
                + "): choose another --diary");
      }
      if (state.level() != KillSwitch.Level.NONE) {
        throw CliException.usage(
            "the kill switch "
                + ks
                + " is set ("
                + state.level().id()
                + ") for an app that is not a backtest: choose another --diary");
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.BAD_FILE, "cannot read the diary " + p + ": " + e.getMessage(), e);
    }
  }

  /** A backtest writes a new diary: the previous one at the same path and its state files go. */
  private static void freshDiary(Path p) {
    try {
      for (String suffix : List.of("", ".kill-switch.json", ".loop.json", ".risk-day.json"))
        Files.deleteIfExists(p.resolveSibling(p.getFileName() + suffix));
      for (Path index : JsonlDiary.indexFiles(p)) Files.deleteIfExists(index);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.BAD_FILE, "cannot replace the diary " + p + ": " + e.getMessage(), e);
    }
  }
}
