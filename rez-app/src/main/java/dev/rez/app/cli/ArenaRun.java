package dev.rez.app.cli;

import dev.rez.app.api.ApiServer;
import dev.rez.app.api.ArenaRoutes;
import dev.rez.app.arena.Arena;
import dev.rez.app.arena.Leaderboard;
import dev.rez.app.arena.LiveBoard;
import dev.rez.app.config.AppConfig;
import dev.rez.app.config.EnvFile;
import dev.rez.app.config.Redactor;
import dev.rez.app.config.Secret;
import dev.rez.app.diary.DiaryInUseException;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs an arena of {@code --contestant} options for {@code rez arena} and {@code rez demo}: prints
 * the leaderboard and writes {@code DIR/leaderboard.json}; with a port, serves the API and the
 * dashboard (its Arena page and every contestant's pages) while it runs, and after it until
 * interrupted (Ctrl-C).
 */
final class ArenaRun {
  /**
   * What to run.
   *
   * @param asset the asset of the candles
   * @param candles the market, oldest first
   * @param warmup bars of history before the first cycle
   * @param specs the contestants
   * @param baseline the baseline's name, or null for the first contestant
   * @param dir where the diaries and leaderboard.json go
   * @param port the API's port, or null for none
   * @param serveAfter with a port, keep serving after the run until interrupted (Ctrl-C); else
   *     return once the leaderboard is out
   * @param pace the least wall time of a cycle
   * @param json print the leaderboard as JSON
   */
  record Options(
      Asset asset,
      List<Candle> candles,
      int warmup,
      List<ContestantSpec> specs,
      String baseline,
      Path dir,
      Integer port,
      boolean serveAfter,
      Duration pace,
      boolean json) {}

  private final RezCommand root;
  private final Options o;
  private final CountDownLatch done = new CountDownLatch(1);
  private Served served;

  private ArenaRun(RezCommand root, Options o) {
    this.root = root;
    this.o = o;
  }

  /** Runs the arena; returns the exit code. */
  static int run(RezCommand root, Options o) {
    return new ArenaRun(root, o).run();
  }

  private int run() {
    String baseline = o.baseline() != null ? o.baseline() : o.specs().getFirst().name();
    if (o.specs().stream().noneMatch(s -> s.name().equals(baseline)))
      throw CliException.usage("--baseline " + baseline + " is not a contestant");
    Interval interval = o.candles().getFirst().interval();
    AppConfig config = config(root);
    Map<String, String> vars = variables();
    // A provider's error body may echo a contestant's key: the diaries and the log lines pass the
    // redactor that run's do, over the configured secrets and every contestant's key.
    List<Secret> secrets = new ArrayList<>(config.secrets());
    for (ContestantSpec s : o.specs()) secrets.add(s.key(vars));
    Redactor redactor = Redactor.of(secrets);
    RedactedMessage.use(redactor);
    Arena.Builder b =
        Arena.builder()
            .candles(o.asset(), o.candles())
            .warmup(o.warmup())
            .directory(o.dir())
            .longInterval(TradingApp.longInterval(interval))
            .concurrent(o.specs().stream().anyMatch(ContestantSpec::hosted))
            .pace(o.pace())
            .diaries(d -> new RedactingDiary(d, redactor))
            .baseline(baseline);
    for (ContestantSpec s : o.specs()) {
      refuseForeignDiary(Arena.diaryOf(o.dir(), s.name()));
      var limits = config.with(List.of(o.asset()), interval, null, null, s.profile()).riskLimits();
      try {
        // A hosted model keeps to the configured daily token budget, as under run; the offline
        // model costs nothing.
        b.contestant(
            s.name(),
            s.agent(config, vars, root.workDir),
            limits,
            s.price(config),
            s.hosted() ? config.dailyTokenBudget() : Long.MAX_VALUE);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--contestant: " + e.getMessage());
      }
    }
    LiveBoard board =
        new LiveBoard(
            o.asset().name(),
            interval.wire(),
            Math.max(0, o.candles().size() - o.warmup()),
            baseline);
    Arena[] arena = new Arena[1];
    b.onOpen(
            live -> {
              board.seated(live);
              if (o.port() != null) served = serve(live, board, baseline, config, o.port());
            })
        .listener(board)
        .onFinish(
            result -> {
              board.finished(result);
              report(result, arena[0]);
              if (served != null && o.serveAfter()) awaitInterrupt();
            });
    try {
      arena[0] = b.build();
    } catch (IllegalStateException e) {
      throw CliException.usage(e.getMessage());
    }
    // Made once the arguments are known to be good: bad ones leave nothing behind.
    createFolder(o.dir());
    try {
      arena[0].run();
    } catch (DiaryInUseException e) {
      throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    } finally {
      if (served != null) served.close();
      done.countDown();
    }
    return ExitCode.OK;
  }

  private void report(Leaderboard board, Arena arena) {
    String text = board.toJson();
    Path file = o.dir().resolve("leaderboard.json");
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot write " + file + ": " + e.getMessage(), e);
    }
    if (o.json()) {
      root.out.println(text);
    } else {
      board.print(root.out);
      arena
          .timing()
          .ifPresent(
              t ->
                  root.out.printf(
                      Locale.ROOT,
                      "%ntime: %.2f s (market steps %.2f s, contestants' cycles %.2f s); diaries and leaderboard.json in %s%n",
                      t.total().toNanos() / 1e9,
                      t.marketSteps().toNanos() / 1e9,
                      t.cycles().toNanos() / 1e9,
                      o.dir()));
    }
    root.out.flush();
  }

  /** The run is done: the API keeps showing its end until Ctrl-C (or the thread is interrupted). */
  private void awaitInterrupt() {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                done.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "rez-arena-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    root.out.println("the arena is over; still serving " + served.url + " until Ctrl-C");
    root.out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      // Interrupting is how an embedder stops the serving; the flag is not kept, the diaries are
      // still to be closed.
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it waits for the cleanup.
      }
    }
  }

  /**
   * The API servers of a running arena: one per contestant on a loopback port, and the public one.
   */
  private record Served(List<ApiServer> contestants, ArenaRoutes routes, ApiServer main, String url)
      implements AutoCloseable {
    @Override
    public void close() {
      if (main != null) main.close();
      if (routes != null) routes.close();
      for (ApiServer s : contestants) s.close();
    }
  }

  private Served serve(
      List<Arena.Live> live, LiveBoard board, String baseline, AppConfig config, int port) {
    String token = config.apiToken() == null ? null : config.apiToken().reveal();
    List<ApiServer> inner = new ArrayList<>();
    Map<String, URI> urls = new LinkedHashMap<>();
    ArenaRoutes routes = null;
    try {
      for (Arena.Live l : live) {
        ApiServer s =
            ApiServer.builder(new ContestantBackend(l))
                .host("127.0.0.1")
                .port(0)
                .token(token)
                .build()
                .start();
        inner.add(s);
        urls.put(l.name(), URI.create("http://127.0.0.1:" + s.port()));
      }
      routes = new ArenaRoutes(board::toJson, urls);
      Arena.Live first =
          live.stream().filter(l -> l.name().equals(baseline)).findFirst().orElse(live.getFirst());
      ApiServer main =
          ApiServer.builder(new ContestantBackend(first))
              .host(config.apiHost())
              .port(port)
              .token(token)
              .allowedHosts(config.apiAllowedHosts())
              .maxStreams(config.apiMaxStreams())
              .arena(routes)
              .build()
              .start();
      String host =
          config.apiHost().contains(":") ? "[" + config.apiHost() + "]" : config.apiHost();
      String url = "http://" + host + ":" + main.port();
      root.out.println(
          "Rez arena ("
              + String.join(", ", urls.keySet())
              + ") on "
              + url
              + "/arena/  (diaries in "
              + o.dir()
              + "; Ctrl-C to stop)");
      root.out.flush();
      return new Served(inner, routes, main, url);
    } catch (RuntimeException e) {
      new Served(inner, routes, null, null).close();
      throw new CliException(
          e instanceof IllegalStateException || e instanceof IllegalArgumentException
              ? ExitCode.USAGE
              : ExitCode.FAILURE,
          "the API cannot start on " + config.apiHost() + ":" + port + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * The configuration of an arena: the app's, except that the configured model ({@code
   * LLM_PROVIDER}, {@code LLM_MODEL}, {@code LLM_BASE_URL}) is not required to be complete, since
   * every contestant names its own model. When only the model's settings stand in the way, the
   * configuration is read with the offline model instead (said on stderr).
   *
   * @throws CliException when the configuration is wrong in anything but the model
   */
  static AppConfig config(RezCommand root) {
    try {
      return root.config();
    } catch (CliException e) {
      if (e.exitCode() != ExitCode.USAGE) throw e;
      Map<String, String> env = new HashMap<>(root.env);
      env.put("LLM_PROVIDER", "offline");
      env.remove("LLM_MODEL");
      env.remove("LLM_BASE_URL");
      AppConfig config;
      try {
        config = AppConfig.load(envFile(root), env);
      } catch (IllegalArgumentException other) {
        // Wrong in something else too: that is what to say.
        throw new CliException(ExitCode.USAGE, "configuration: " + other.getMessage(), other);
      } catch (RuntimeException again) {
        throw e;
      }
      root.err.println(
          "note: the configured model (LLM_PROVIDER, LLM_MODEL, LLM_BASE_URL) is incomplete; the"
              + " arena does not use it: each contestant names its own model");
      return config;
    }
  }

  /** The folder of the diaries and leaderboard.json, made if missing. */
  private static void createFolder(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException | UncheckedIOException e) {
      String why =
          e instanceof java.nio.file.NoSuchFileException
              ? "a parent folder does not exist or cannot have folders made in it"
              : e instanceof java.nio.file.AccessDeniedException
                  ? "permission denied"
                  : e instanceof java.nio.file.FileAlreadyExistsException
                      ? "a file that is not a folder is in the way"
                      : e.getClass().getSimpleName();
      throw new CliException(
          ExitCode.BAD_FILE,
          "cannot make the folder "
              + dir
              + " for the diaries (--out): "
              + why
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static Path envFile(RezCommand root) {
    return root.envFile == null ? root.workDir.resolve(".env") : root.resolve(root.envFile);
  }

  /** The env file's variables under the environment's, as {@code run} reads its keys. */
  private Map<String, String> variables() {
    Map<String, String> vars = new HashMap<>();
    Path file = envFile(root);
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
    Object mode =
        DiaryLines.first(p, "app-start", w -> {}).map(l -> l.data().get("mode")).orElse(null);
    if (mode != null && !"arena".equals(mode)) {
      throw CliException.usage(
          "the diary "
              + p
              + " was written by a "
              + mode
              + " app, and the arena replaces its diary: choose another --out");
    }
  }
}
