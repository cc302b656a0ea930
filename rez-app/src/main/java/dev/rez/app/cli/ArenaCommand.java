package dev.rez.app.cli;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez arena --data FILE --contestant NAME=SPEC …}: several agents trade the same replayed
 * market, each on its own simulated account with its own risk policy and diary; prints the
 * leaderboard and writes {@code DIR/leaderboard.json}; with {@code --port}, serves the API and the
 * dashboard while it runs.
 */
@Command(
    name = "arena",
    mixinStandardHelpOptions = true,
    header = "Replay a candle CSV to several contestants on the same market and rank them.",
    description = {
      "Replay a candle CSV to several contestants at once: each trades its own simulated account with its own risk policy,",
      "kill switch and diary (DIR/NAME/diary.jsonl), all on the same market. Prints the leaderboard with a paired bootstrap 95 %% CI of",
      "each contestant's per-cycle returns minus the baseline's, and writes DIR/leaderboard.json (deterministic)."
    })
final class ArenaCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Mixin CommonOptions.Replay replay;

  @Mixin CommonOptions.Contestants contestants;

  @Option(
      names = "--baseline",
      paramLabel = "NAME",
      description = "The contestant the others are compared with (default: the first).")
  String baseline;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the diaries and leaderboard.json go (default: data/arena).")
  Path out;

  @Mixin CommonOptions.JsonOutput output;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = {
        "Serve the API and the dashboard (Arena page, each contestant's pages) on PORT while the arena runs, and after it",
        "until Ctrl-C (0 for any free port)."
      })
  Integer port;

  @Override
  public Integer call() {
    Asset a = replay.asset();
    CommonOptions.ApiPort.checked(port);
    if (contestants.none())
      throw CliException.usage("at least one --contestant NAME=SPEC is required");
    List<ContestantSpec> specs = contestants.specs();
    List<Candle> candles = replay.candles(root);
    Path dir = root.resolve(out != null ? out : Path.of("data", "arena"));
    return ArenaRun.run(
        root,
        new ArenaRun.Options(
            a,
            candles,
            replay.warmup,
            specs,
            baseline,
            dir,
            port,
            true,
            Duration.ZERO,
            output.json));
  }
}
