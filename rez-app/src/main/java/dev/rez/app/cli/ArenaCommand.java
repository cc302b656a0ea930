package dev.rez.app.cli;

import dev.rez.app.arena.Arena;
import dev.rez.app.arena.Leaderboard;
import dev.rez.app.config.AppConfig;
import dev.rez.app.config.EnvFile;
import dev.rez.app.diary.DiaryInUseException;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez arena --data FILE --contestant NAME=SPEC …}: several agents trade the same replayed market, each on its
 * own simulated account with its own risk policy and diary; prints the leaderboard and writes
 * {@code DIR/leaderboard.json}.
 */
@Command(name = "arena", mixinStandardHelpOptions = true,
    description = {"Replay a candle CSV to several contestants at once: each trades its own simulated account with its own risk policy,",
        "kill switch and diary (DIR/NAME/diary.jsonl), all on the same market. Prints the leaderboard with a paired bootstrap 95 %% CI of",
        "each contestant's per-cycle returns minus the baseline's, and writes DIR/leaderboard.json (deterministic)."})
final class ArenaCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The candle CSV file.")
  Path data;

  @Option(names = "--asset", paramLabel = "NAME", defaultValue = "BTC", description = "The asset the data is for (default: ${DEFAULT-VALUE}).")
  String asset;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "200", description = "Bars of history before the first cycle (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--contestant", required = true, paramLabel = "NAME=SPEC",
      description = {"A contestant (repeat for each). SPEC: offline, openrouter:<model>, openai:<model>, anthropic:<model>,",
          "openai-compatible:<model>@<base-url> or cassette:<diary>; then optionally ,profile=<risk-profile> and ,prompt=<file>."})
  List<String> contestants;

  @Option(names = "--baseline", paramLabel = "NAME", description = "The contestant the others are compared with (default: the first).")
  String baseline;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the diaries and leaderboard.json go (default: data/arena).")
  Path out;

  @Option(names = "--json", description = "Print the leaderboard as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Asset a;
    try {
      a = Asset.of(asset);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--asset: " + e.getMessage());
    }
    List<ContestantSpec> specs = new ArrayList<>();
    for (String c : contestants) specs.add(ContestantSpec.parse(c));
    if (baseline != null && specs.stream().noneMatch(s -> s.name().equals(baseline))) {
      throw CliException.usage("--baseline " + baseline + " is not a contestant");
    }
    List<Candle> candles = CandleCsv.replay(root.resolve(data), data, warmup);
    Interval interval = candles.getFirst().interval();
    AppConfig config = root.config();
    Map<String, String> vars = variables();
    Path dir = root.resolve(out != null ? out : Path.of("data", "arena"));
    Arena.Builder b = Arena.builder().candles(a, candles).warmup(warmup).directory(dir).longInterval(TradingApp.longInterval(interval))
        .concurrent(specs.stream().anyMatch(ContestantSpec::hosted));
    for (ContestantSpec s : specs) {
      Path diary = Arena.diaryOf(dir, s.name());
      refuseForeignDiary(diary);
      var limits = config.with(List.of(a), interval, null, null, s.profile()).riskLimits();
      try {
        // A hosted model keeps to the configured daily token budget, as under run; the offline model costs nothing.
        b.contestant(s.name(), s.agent(config, vars, root.workDir), limits, s.price(), s.hosted() ? config.dailyTokenBudget() : Long.MAX_VALUE);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--contestant: " + e.getMessage());
      }
    }
    if (baseline != null) b.baseline(baseline);
    Arena arena;
    try {
      arena = b.build();
    } catch (IllegalStateException e) {
      throw CliException.usage(e.getMessage());
    }
    Leaderboard board;
    try {
      board = arena.run();
    } catch (DiaryInUseException e) {
      throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    String text = board.toJson();
    try {
      Files.writeString(dir.resolve("leaderboard.json"), text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot write " + dir.resolve("leaderboard.json") + ": " + e.getMessage(), e);
    }
    if (json) {
      root.out.println(text);
    } else {
      board.print(root.out);
      arena.timing().ifPresent(t -> root.out.printf(Locale.ROOT, "%ntime: %.2f s (market steps %.2f s, contestants' cycles %.2f s); diaries and leaderboard.json in %s%n",
          t.total().toNanos() / 1e9, t.marketSteps().toNanos() / 1e9, t.cycles().toNanos() / 1e9, dir));
    }
    root.out.flush();
    return ExitCode.OK;
  }

  /** The env file's variables under the environment's, as {@code run} reads its keys. */
  private Map<String, String> variables() {
    Map<String, String> vars = new HashMap<>();
    Path file = root.envFile == null ? root.workDir.resolve(".env") : root.resolve(root.envFile);
    try {
      if (Files.isRegularFile(file)) vars.putAll(EnvFile.read(file));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw CliException.badFile("env file " + file + ": " + e.getMessage());
    }
    vars.putAll(root.env);
    return vars;
  }

  /** The arena replaces its contestants' diaries: one another app wrote is refused, not deleted. */
  private static void refuseForeignDiary(Path p) {
    if (!Files.isRegularFile(p)) return;
    Object mode = DiaryLines.first(p, "app-start", w -> {}).map(l -> l.data().get("mode")).orElse(null);
    if (mode != null && !"arena".equals(mode)) {
      throw CliException.usage("the diary " + p + " was written by a " + mode + " app, and the arena replaces its diary: choose another --out");
    }
  }
}
