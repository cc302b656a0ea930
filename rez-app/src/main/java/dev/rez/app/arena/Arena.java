package dev.rez.app.arena;

import dev.langchain4j.model.chat.ChatModel;
import dev.rez.agent.ContextBuilder;
import dev.rez.agent.ModelPrice;
import dev.rez.app.diary.DiaryLock;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.DecisionMaker;
import dev.rez.app.loop.LoopClock;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.Exchange;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Several agents trade the same replayed market side by side, each on its own simulated account
 * with its own risk policy, kill switch and diary, and a {@link Leaderboard} says which did better,
 * with a paired bootstrap confidence interval against a baseline.
 *
 * <pre>{@code
 * Leaderboard board = Arena.builder()
 *     .candles(Asset.of("BTC"), candles)
 *     .directory(Path.of("data/arena"))                        // data/arena/<name>/diary.jsonl
 *     .contestant("rules", Models.offline(), RiskProfile.MODERATE.limits())
 *     .contestant("mine", seat -> new MyDecisionMaker(seat.market(), seat.exchange()), RiskProfile.HIGH.limits())
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Every cycle the simulator's market moves once; every contestant then runs one cycle of the
 * standard {@link dev.rez.app.loop.TradingLoop} against its own account. The market data they read
 * is read once per cycle and shared ({@link Seat#market()}), so the market part of their contexts
 * is the same; their orders fill against the same simulated book. A contestant whose decision fails
 * holds that cycle (its loop records it in its diary); the others go on. With {@link
 * Builder#concurrent(boolean)} the contestants' cycles run on virtual threads (for hosted models,
 * whose calls are slow).
 *
 * <p>The diaries of a previous run in the same directory are replaced. {@link #run()} is called
 * once. Not threadsafe.
 */
public final class Arena {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

  /** Makes a contestant's decision maker for its seat. */
  @FunctionalInterface
  public interface Agent {
    /**
     * The decision maker of the contestant sitting at {@code seat}; called once, before the first
     * cycle.
     *
     * @throws RuntimeException when it cannot be made: the arena does not start
     */
    DecisionMaker create(Seat seat);
  }

  /**
   * What a contestant trades with.
   *
   * @param name the contestant's name
   * @param market the market data, shared by every contestant and read once per cycle
   * @param exchange the contestant's own simulated account
   * @param policy the contestant's own risk policy (the loop judges every decision with it)
   * @param clock the arena's simulated time
   * @param contexts the standard context builder over {@code market} and {@code exchange}
   * @param diary the contestant's own diary, which its loop writes (the standard agent's memory
   *     reads it)
   */
  public record Seat(
      String name,
      MarketData market,
      Exchange exchange,
      RiskPolicy policy,
      Clock clock,
      ContextBuilder contexts,
      Diary diary) {}

  /** Wall-clock figures of a run (not part of the leaderboard, which is deterministic). */
  public record Timing(Duration total, Duration marketSteps, Duration cycles, long marketReads) {}

  /** One contestant as the builder was given it. */
  record Entry(String name, Agent agent, RiskLimits limits, ModelPrice price, long dailyTokens) {}

  private final Asset asset;
  private final List<Candle> candles;
  private final Interval interval;
  private final Interval longInterval;
  private final int warmup;
  private final Path directory;
  private final List<Entry> entries;
  private final String baseline;
  private final long seed;
  private final int resamples;
  private final boolean concurrent;
  private final BigDecimal startingEquity;
  private final CycleListener listener;
  private final Duration pace;
  private final java.util.function.Consumer<List<Live>> onOpen;
  private final java.util.function.Consumer<Leaderboard> onFinish;
  private final java.util.function.UnaryOperator<Diary> writing;
  private Timing timing;

  /**
   * A contestant as a live view sees it while the arena runs (for an API over each contestant's
   * account and diary).
   *
   * @param name the contestant's name
   * @param model its decision maker's name
   * @param asset the asset traded
   * @param interval the candle interval
   * @param exchange its own simulated account (also the market data)
   * @param diary its diary (open until the run ends)
   * @param policy its risk policy
   * @param status its loop's state
   * @param startingEquity every account's starting equity
   * @param clock the arena's simulated time
   * @param exchangeUrl the simulator's URL
   */
  public record Live(
      String name,
      String model,
      Asset asset,
      Interval interval,
      HyperliquidExchange exchange,
      JsonlDiary diary,
      RiskPolicy policy,
      java.util.function.Supplier<dev.rez.app.loop.LoopStatus> status,
      BigDecimal startingEquity,
      Clock clock,
      String exchangeUrl) {}

  /**
   * Called after every cycle with each contestant's equity; for live views. Called from the arena's
   * thread.
   */
  @FunctionalInterface
  public interface CycleListener {
    /**
     * One cycle done.
     *
     * @param cycle the cycle number, from 1
     * @param time the cycle's simulated time
     * @param equity per contestant (in entry order) its equity after the cycle, marked to market
     */
    void cycleDone(long cycle, Instant time, Map<String, BigDecimal> equity);
  }

  private Arena(Builder b) {
    this.asset = b.asset;
    this.candles = b.candles;
    this.interval = candles.getFirst().interval();
    this.longInterval =
        b.longInterval != null
            ? b.longInterval
            : interval == Interval.H4 ? Interval.D1 : Interval.H4;
    this.warmup = b.warmup;
    this.directory = b.directory;
    this.entries = List.copyOf(b.entries);
    this.baseline = b.baseline != null ? b.baseline : entries.getFirst().name();
    this.seed = b.seed;
    this.resamples = b.resamples;
    this.concurrent = b.concurrent;
    this.startingEquity = b.startingEquity;
    this.listener = b.listener;
    this.pace = b.pace;
    this.onOpen = b.onOpen;
    this.onFinish = b.onFinish;
    this.writing = b.writing;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The diary of contestant {@code name} in {@code directory}: {@code directory/name/diary.jsonl}.
   */
  public static Path diaryOf(Path directory, String name) {
    return directory.resolve(name).resolve("diary.jsonl");
  }

  /** How many cycles the run has: the bars after the warm-up. */
  public long cycles() {
    return candles.size() - warmup;
  }

  /** The wall-clock figures of the last {@link #run()}; empty before. */
  public java.util.Optional<Timing> timing() {
    return java.util.Optional.ofNullable(timing);
  }

  /**
   * Runs every cycle and returns the leaderboard. After the last cycle a contestant's position
   * still open is closed at the last mark (its loop's flatten, recorded as a kill switch set by
   * {@code arena}), so that every column of the leaderboard counts it. Each contestant's diary is
   * complete (fills included) and closed when it returns.
   *
   * @throws IllegalStateException when called twice
   * @throws RuntimeException when the simulator, a diary or a contestant's agent cannot be set up
   */
  public Leaderboard run() {
    try {
      return runOnce();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private Leaderboard runOnce() throws IOException {
    if (timing != null) throw new IllegalStateException("an arena runs once");
    long started = System.nanoTime();
    List<Contestant> contestants = new ArrayList<>();
    HyperliquidSimulator.Builder sb =
        HyperliquidSimulator.builder()
            .history(warmup)
            .afterReplay(AfterReplay.STOP)
            .candles(asset.name(), candles)
            .steppedClock();
    List<dev.rez.hyperliquid.PrivateKeySigner> signers = new ArrayList<>();
    for (Entry e : entries) {
      var signer = Contestant.signer(e.name());
      signers.add(signer);
      sb.fund(signer.address(), startingEquity);
    }
    ExecutorService threads = concurrent ? Executors.newVirtualThreadPerTaskExecutor() : null;
    try (HyperliquidSimulator sim = sb.start()) {
      LoopClock.Stepped clock = LoopClock.stepped(sim.now(), sim::advanceTo);
      SharedMarket market =
          new SharedMarket(
              HyperliquidExchange.builder()
                  .network(Network.TESTNET)
                  .baseUrl(sim.baseUrl())
                  .build());
      try {
        for (int i = 0; i < entries.size(); i++) {
          Entry e = entries.get(i);
          Path diary = diaryOf(directory, e.name());
          HyperliquidExchange exchange =
              HyperliquidExchange.builder()
                  .network(Network.TESTNET)
                  .baseUrl(sim.baseUrl())
                  .signer(signers.get(i))
                  .build();
          RiskPolicy policy = new RiskPolicy(e.limits(), clock.asClock());
          ContextBuilder contexts =
              ContextBuilder.builder(market, exchange, e.limits())
                  .intervals(interval, longInterval)
                  .clock(clock.asClock())
                  .build();
          // Held from before the old diary goes: no other process can be writing it meanwhile.
          Files.createDirectories(diary.getParent());
          DiaryLock lock = DiaryLock.acquire(diary);
          JsonlDiary opened;
          try {
            fresh(diary);
            opened = JsonlDiary.open(diary, lock);
          } catch (RuntimeException ex) {
            lock.close();
            throw ex;
          }
          Diary writer =
              Objects.requireNonNull(writing.apply(opened), "the diary filter gave null");
          Seat seat =
              new Seat(e.name(), market, exchange, policy, clock.asClock(), contexts, writer);
          DecisionMaker dm;
          try {
            dm = Objects.requireNonNull(e.agent().create(seat), "the agent made no decision maker");
          } catch (RuntimeException ex) {
            opened.close();
            fresh(diary);
            throw new IllegalArgumentException(
                "contestant " + e.name() + ": its agent cannot be made: " + ex.getMessage(), ex);
          }
          try {
            contestants.add(
                new Contestant(
                    e,
                    asset,
                    interval,
                    exchange,
                    market,
                    opened,
                    writer,
                    diary,
                    policy,
                    dm,
                    clock,
                    sim.id(),
                    (int) cycles()));
          } catch (RuntimeException ex) {
            try {
              opened.close();
            } catch (RuntimeException closing) {
              ex.addSuppressed(closing);
            }
            throw ex;
          }
        }
        List<Live> live = new ArrayList<>();
        for (Contestant c : contestants)
          live.add(c.live(asset, interval, startingEquity, clock.asClock(), sim.baseUrl()));
        onOpen.accept(List.copyOf(live));
        for (Contestant c : contestants) c.start();
        long marketNanos = 0;
        long cycleNanos = 0;
        long n = cycles();
        long cycleStarted = System.nanoTime();
        for (long cycle = 1; cycle <= n; cycle++) {
          if (cycle > 1) waitForPace(cycleStarted);
          cycleStarted = System.nanoTime();
          long t0 = System.nanoTime();
          clock.advanceTo(nextClose(clock.now()));
          market.nextCycle();
          long t1 = System.nanoTime();
          runCycle(contestants, threads);
          long t2 = System.nanoTime();
          marketNanos += t1 - t0;
          cycleNanos += t2 - t1;
          Map<String, BigDecimal> equity = new LinkedHashMap<>();
          for (Contestant c : contestants) equity.put(c.name, c.lastEquity());
          listener.cycleDone(cycle, clock.now(), equity);
        }
        for (Contestant c : contestants) c.finish();
        Leaderboard board = leaderboard(contestants, n);
        timing =
            new Timing(
                Duration.ofNanos(System.nanoTime() - started),
                Duration.ofNanos(marketNanos),
                Duration.ofNanos(cycleNanos),
                market.venueReads());
        onFinish.accept(board);
        return board;
      } finally {
        for (Contestant c : contestants) c.close();
      }
    } finally {
      if (threads != null) threads.shutdownNow();
    }
  }

  private void runCycle(List<Contestant> contestants, ExecutorService threads) {
    if (threads == null) {
      for (Contestant c : contestants) c.runCycle();
      return;
    }
    List<Future<?>> running = new ArrayList<>();
    for (Contestant c : contestants) running.add(threads.submit(c::runCycle));
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the arena was interrupted", e);
      } catch (ExecutionException e) {
        // Contestant.runCycle records its own failures; this is a bug, not a contestant's fault.
        throw new IllegalStateException("a contestant's cycle failed unexpectedly", e.getCause());
      }
    }
  }

  /** Waits until the running cycle has taken the pace's wall time (none by default). */
  private void waitForPace(long cycleStarted) {
    long left = pace.toNanos() - (System.nanoTime() - cycleStarted);
    if (left <= 0) return;
    try {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the arena was interrupted", e);
    }
  }

  private Instant nextClose(Instant now) {
    long step = interval.duration().toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step + step);
  }

  private Leaderboard leaderboard(List<Contestant> contestants, long cycles) {
    Contestant base =
        contestants.stream().filter(c -> c.name.equals(baseline)).findFirst().orElseThrow();
    double[] baseReturns = base.returns();
    List<Leaderboard.Row> rows = new ArrayList<>();
    for (Contestant c : contestants) {
      double[] r = c.returns();
      double[] ci = PairedBootstrap.interval(r, baseReturns, resamples, 0.05, seed);
      double mean = 0;
      for (int i = 0; i < r.length; i++) mean += r[i] - baseReturns[i];
      mean = r.length == 0 ? 0 : mean / r.length;
      rows.add(c.row(new Leaderboard.Comparison(mean, ci[0], ci[1])));
    }
    return new Leaderboard(asset.name(), interval.wire(), cycles, baseline, seed, resamples, rows);
  }

  /** A new run replaces the contestant's previous diary and its state files. */
  private static void fresh(Path diary) {
    try {
      for (String suffix : List.of("", ".kill-switch.json", ".loop.json", ".risk-day.json")) {
        Files.deleteIfExists(diary.resolveSibling(diary.getFileName() + suffix));
      }
      for (Path index : JsonlDiary.indexFiles(diary)) Files.deleteIfExists(index);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot replace the diary " + diary + ": " + e.getMessage(), e);
    }
  }

  /** Configures an {@link Arena}. Not threadsafe. */
  public static final class Builder {
    private Asset asset;
    private List<Candle> candles;
    private Interval longInterval;
    private int warmup = 200;
    private Path directory;
    private final List<Entry> entries = new ArrayList<>();
    private String baseline;
    private long seed = 42;
    private int resamples = 2000;
    private boolean concurrent;
    private BigDecimal startingEquity = new BigDecimal("10000");
    private CycleListener listener = (cycle, time, equity) -> {};
    private Duration pace = Duration.ZERO;
    private java.util.function.Consumer<List<Live>> onOpen = live -> {};
    private java.util.function.Consumer<Leaderboard> onFinish = board -> {};
    private java.util.function.UnaryOperator<Diary> writing = d -> d;

    private Builder() {}

    /**
     * What each contestant's writers (its loop, its agent's memory) see of its diary: {@code
     * filter} is given the opened diary and returns the one they append to, e.g. one that masks
     * secrets a model provider's error body echoes. Default: the diary itself. Reads (the live
     * view) see the file as written.
     */
    public Builder diaries(java.util.function.UnaryOperator<Diary> filter) {
      this.writing = Objects.requireNonNull(filter, "filter == null");
      return this;
    }

    /**
     * The least wall time a cycle takes, so that people can watch (a demo); default none: as fast
     * as it goes.
     */
    public Builder pace(Duration perCycle) {
      if (perCycle == null || perCycle.isNegative())
        throw new IllegalArgumentException("pace must be >= 0 but was " + perCycle);
      this.pace = perCycle;
      return this;
    }

    /**
     * Told once every contestant is seated, before the first cycle; the accounts and diaries stay
     * open until {@link #onFinish}'s return.
     */
    public Builder onOpen(java.util.function.Consumer<List<Live>> onOpen) {
      this.onOpen = Objects.requireNonNull(onOpen, "onOpen == null");
      return this;
    }

    /**
     * Told the leaderboard after the last cycle, while the accounts and diaries are still open (a
     * live view may keep showing them until it returns).
     */
    public Builder onFinish(java.util.function.Consumer<Leaderboard> onFinish) {
      this.onFinish = Objects.requireNonNull(onFinish, "onFinish == null");
      return this;
    }

    /**
     * The market: candles of {@code asset}, oldest first, all of one interval. Required.
     *
     * @throws IllegalArgumentException when empty or of mixed intervals
     */
    public Builder candles(Asset asset, List<Candle> candles) {
      this.asset = Objects.requireNonNull(asset, "asset == null");
      List<Candle> copy = List.copyOf(candles);
      if (copy.isEmpty()) throw new IllegalArgumentException("candles must not be empty");
      Interval i = copy.getFirst().interval();
      if (copy.stream().anyMatch(c -> c.interval() != i))
        throw new IllegalArgumentException("candles must all be of one interval");
      this.candles = copy;
      return this;
    }

    /** Bars of history before the first cycle, 1..5000; default 200. */
    public Builder warmup(int bars) {
      if (bars < 1 || bars > 5000)
        throw new IllegalArgumentException("warmup must be in 1..5000 but was " + bars);
      this.warmup = bars;
      return this;
    }

    /**
     * The longer interval the standard context shows next to the candles' (default 4h, or 1d for 4h
     * candles).
     */
    public Builder longInterval(Interval interval) {
      this.longInterval = Objects.requireNonNull(interval, "interval == null");
      return this;
    }

    /** Where the contestants' diaries go: {@code directory/<name>/diary.jsonl}. Required. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /**
     * Enters a contestant.
     *
     * @param name 1 to 40 letters, digits, {@code _ . -}; unique; names its diary's folder
     * @param agent makes its decision maker
     * @param limits its risk policy's limits
     * @throws IllegalArgumentException for a bad or repeated name
     */
    public Builder contestant(String name, Agent agent, RiskLimits limits) {
      return contestant(name, agent, limits, null);
    }

    /**
     * Enters a contestant whose tokens cost {@code price} (null: unknown), without a token budget.
     */
    public Builder contestant(String name, Agent agent, RiskLimits limits, ModelPrice price) {
      return contestant(name, agent, limits, price, Long.MAX_VALUE);
    }

    /**
     * Enters a contestant whose tokens cost {@code price} (null: unknown) and who may use {@code
     * dailyTokens} per UTC day of the replay's time: once they are spent its model is not asked
     * until the next day (its loop records it, positions stay protected), as the token budget of
     * {@code run} does.
     */
    public Builder contestant(
        String name, Agent agent, RiskLimits limits, ModelPrice price, long dailyTokens) {
      if (dailyTokens < 0)
        throw new IllegalArgumentException("dailyTokens must be >= 0 but was " + dailyTokens);
      Objects.requireNonNull(name, "name == null");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "contestant name must be 1 to 40 letters, digits, '_', '.' or '-' (not starting with one of the last three) but was '"
                + name
                + "'");
      }
      if (entries.stream().anyMatch(e -> e.name().equals(name)))
        throw new IllegalArgumentException("contestant " + name + " is entered twice");
      entries.add(
          new Entry(
              name,
              Objects.requireNonNull(agent, "agent == null"),
              Objects.requireNonNull(limits, "limits == null"),
              price,
              dailyTokens));
      return this;
    }

    /**
     * Enters a contestant that is the standard agent over {@code model} (its name is the model's).
     */
    public Builder contestant(String name, ChatModel model, RiskLimits limits) {
      Objects.requireNonNull(model, "model == null");
      return contestant(name, standardAgent(model, name), limits);
    }

    /** The contestant the others are compared with; default the first one entered. */
    public Builder baseline(String name) {
      this.baseline = Objects.requireNonNull(name, "baseline == null");
      return this;
    }

    /** The bootstrap's seed; default 42. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The bootstrap's resamples, 100..100000; default 2000. */
    public Builder resamples(int resamples) {
      if (resamples < 100 || resamples > 100_000)
        throw new IllegalArgumentException("resamples must be in 100..100000 but was " + resamples);
      this.resamples = resamples;
      return this;
    }

    /**
     * Runs the contestants' cycles concurrently on virtual threads (for hosted models); default
     * false.
     */
    public Builder concurrent(boolean concurrent) {
      this.concurrent = concurrent;
      return this;
    }

    /** Every account's starting equity in USD; default 10000. */
    public Builder startingEquity(BigDecimal usd) {
      if (usd == null || usd.signum() <= 0)
        throw new IllegalArgumentException("startingEquity must be > 0 but was " + usd);
      this.startingEquity = usd;
      return this;
    }

    /** Told after every cycle. */
    public Builder listener(CycleListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * The arena.
     *
     * @throws IllegalStateException when the candles, the directory or the contestants are missing,
     *     the baseline is not a contestant, or the candles do not outlast the warm-up
     */
    public Arena build() {
      if (candles == null) throw new IllegalStateException("candles are required");
      if (directory == null) throw new IllegalStateException("directory is required");
      if (entries.isEmpty()) throw new IllegalStateException("at least one contestant is required");
      if (baseline != null && entries.stream().noneMatch(e -> e.name().equals(baseline))) {
        throw new IllegalStateException("the baseline " + baseline + " is not a contestant");
      }
      if (candles.size() <= warmup) {
        throw new IllegalStateException(
            candles.size() + " bars: more than the " + warmup + " of the warm-up are needed");
      }
      Set<String> folders = new HashSet<>();
      for (Entry e : entries) {
        if (!folders.add(e.name().toLowerCase(java.util.Locale.ROOT))) {
          throw new IllegalStateException(
              "contestants "
                  + e.name()
                  + " and another differ only in case: their folders would clash");
        }
      }
      return new Arena(this);
    }
  }

  /**
   * The standard agent over {@code model}: the agent rez runs, with the seat's policy, market,
   * account and context.
   */
  public static Agent standardAgent(ChatModel model, String modelName) {
    return standardAgent(model, modelName, null);
  }

  /**
   * The standard agent over {@code model} with the system prompt {@code systemPrompt} (null: rez's
   * own).
   */
  public static Agent standardAgent(ChatModel model, String modelName, String systemPrompt) {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(modelName, "modelName == null");
    return seat -> {
      dev.rez.agent.Agent.Builder b =
          dev.rez.agent.Agent.builder()
              .chatModel(model)
              .modelName(modelName)
              .riskPolicy(seat.policy())
              .marketData(seat.market())
              .exchange(seat.exchange())
              .clock(seat.clock());
      if (systemPrompt != null) b.systemPrompt(systemPrompt);
      return DecisionMaker.agent(b.build(), seat.contexts(), 10, seat.diary());
    };
  }
}
