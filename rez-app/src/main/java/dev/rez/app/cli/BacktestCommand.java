package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.TrackRecord;
import dev.rez.hyperliquid.sim.AfterReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez backtest --data FILE}: replays a candle file through the same loop on the simulator's stepped clock,
 * writes a diary and prints the track record. Same data and model, same output.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Replay a candle CSV (time,open,high,low,close,volume) through the trading loop on the simulator's stepped",
        "clock; write a diary (replaced if it exists) and print the track record. The offline model unless an LLM is configured."})
final class BacktestCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The candle CSV file.")
  Path data;

  @Option(names = "--asset", paramLabel = "NAME", defaultValue = "BTC", description = "The asset the data is for (default: ${DEFAULT-VALUE}).")
  String asset;

  @Option(names = "--diary", paramLabel = "PATH", description = "The diary to write (default: data/backtest/diary.jsonl).")
  Path diary;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "200", description = "Bars of history before the first cycle (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Print the track record as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Asset a;
    try {
      a = Asset.of(asset);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--asset: " + e.getMessage());
    }
    if (warmup < 1 || warmup > 5000) throw CliException.usage("--warmup must be in 1..5000 but was " + warmup);
    List<Candle> candles = CandleCsv.read(root.resolve(data), null);
    if (candles.size() <= warmup) {
      throw CliException.badFile(data + " has " + candles.size() + " bars: more than the " + warmup + " of --warmup are needed");
    }
    Interval interval = candles.get(0).interval();
    AppConfig config = root.config();
    Path diaryPath = root.resolve(diary != null ? diary : Path.of("data", "backtest", "diary.jsonl"));
    freshDiary(diaryPath);
    TradingApp.Spec spec = new TradingApp.Spec(TradingApp.Mode.BACKTEST, config, AppConfig.Network.SIMULATOR, List.of(a), interval, diaryPath,
        Map.of(a, candles), 1, warmup, AfterReplay.STOP, "backtest");
    TrackRecord record;
    int fills;
    try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
      app.runLoop();
      var all = app.exchange.fills(Instant.EPOCH);
      fills = all.size();
      record = TrackRecord.fromFills(all, app.startingEquity);
    }
    if (json) {
      root.out.println(dev.rez.app.loop.Json.write(StatsCommand.summary(record)));
    } else {
      root.out.println("backtest of " + data + ": " + a + ", " + (candles.size() - warmup) + " cycles of " + interval.wire() + ", " + fills + " fills");
      StatsCommand.print(root.out, record, "");
      root.out.println("diary: " + diaryPath);
    }
    root.out.flush();
    return ExitCode.OK;
  }

  /** A backtest writes a new diary: the previous one at the same path and its state files go. */
  private static void freshDiary(Path p) {
    try {
      for (String suffix : List.of("", ".idx", ".kill-switch.json", ".loop.json", ".risk-day.json")) Files.deleteIfExists(p.resolveSibling(p.getFileName() + suffix));
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot replace the diary " + p + ": " + e.getMessage(), e);
    }
  }
}
