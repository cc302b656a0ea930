package dev.rez.app.cli;

import dev.langchain4j.model.chat.ChatModel;
import dev.rez.agent.Agent;
import dev.rez.agent.AgentResult;
import dev.rez.agent.BlindModel;
import dev.rez.agent.CassetteModel;
import dev.rez.agent.ContextBuilder;
import dev.rez.agent.ModelPrice;
import dev.rez.agent.ModelProvider;
import dev.rez.agent.ModelSettings;
import dev.rez.agent.Models;
import dev.rez.app.config.AppConfig;
import dev.rez.app.config.ModelOptions;
import dev.rez.app.config.Redactor;
import dev.rez.app.config.Secret;
import dev.rez.app.diary.AppStart;
import dev.rez.app.live.ClosedCandles;
import dev.rez.app.live.CycleReads;
import dev.rez.app.live.LiveView;
import dev.rez.app.loop.ClientFaultRecorder;
import dev.rez.app.loop.DecisionMaker;
import dev.rez.app.loop.Executor;
import dev.rez.app.loop.LoopClock;
import dev.rez.app.loop.LoopRunner;
import dev.rez.app.loop.TokenBudget;
import dev.rez.app.loop.TradingLoop;
import dev.rez.app.plugins.PluginTools;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.Hosts;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running app: an exchange (the embedded simulator or Hyperliquid), the diary, the agent and
 * the trading loop with its runner, wired from the configuration. The commands {@code demo}, {@code
 * run} and {@code backtest} are thin layers over it.
 */
final class TradingApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TradingApp.class);

  /** How the app trades. */
  enum Mode {
    DEMO,
    LIVE,
    BACKTEST;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What to start.
   *
   * @param mode demo, live or backtest
   * @param config the configuration (its network is used for live)
   * @param network where to trade
   * @param assets the assets
   * @param interval the candle interval
   * @param diaryPath the diary
   * @param replay per asset the candles the simulator replays (demo, backtest); absent assets are
   *     synthetic
   * @param speed the demo's clock speed (simulated seconds per wall second)
   * @param history simulator candles already closed at the start (indicator warm-up)
   * @param afterReplay what the simulator does after the replay
   * @param runId distinguishes this run's client order ids
   * @param simulatorUrl a demo's simulator already running elsewhere (a loopback URL; its clock
   *     runs at {@code speed}) instead of an embedded one, or null
   */
  record Spec(
      Mode mode,
      AppConfig config,
      AppConfig.Network network,
      List<Asset> assets,
      Interval interval,
      Path diaryPath,
      Map<Asset, List<Candle>> replay,
      double speed,
      int history,
      AfterReplay afterReplay,
      String runId,
      String simulatorUrl) {
    Spec {
      Objects.requireNonNull(mode, "mode == null");
      Objects.requireNonNull(config, "config == null");
      assets = List.copyOf(assets);
      replay = Map.copyOf(replay);
      if (simulatorUrl != null && mode != Mode.DEMO)
        throw new IllegalArgumentException("a simulator URL is for a demo only");
    }
  }

  final Spec spec;
  final Instant startedAt;
  final HyperliquidSimulator sim;
  final HyperliquidExchange exchange;
  final LiveView live;
  final Diary diary;
  final LoopClock clock;
  final RiskPolicy policy;
  final TradingLoop loop;
  private LoopRunner runner;
  private final Duration afterClose;
  final String modelName;
  final String address;
  final String signer;
  final BigDecimal startingEquity;

  /** The last cycle decided and the account's equity then, for a backtest's progress line. */
  final Progress progress = new Progress();

  /** The look-ahead audit of a backtest run with one, else null. */
  final LookaheadAudit audit;

  /** The tools found on the classpath and in the plugins folder, given to the agent. */
  final List<PluginTools.Loaded> pluginTools;

  /** The plugins folder searched. */
  final Path pluginsDir;

  /**
   * How a backtest's model is run.
   *
   * @param model the model to use instead of the configured one (a cassette), or null
   * @param blindSeed when not null, the model sees a disguised market ({@link BlindModel}) with
   *     this seed
   * @param auditLookahead whether a {@link LookaheadAudit} watches what the model's side reads
   */
  record ModelUse(ChatModel model, Long blindSeed, boolean auditLookahead) {
    static final ModelUse NONE = new ModelUse(null, null, false);
  }

  private TradingApp(Spec spec, Function<Path, Diary> diaries, ModelUse options) {
    this.spec = spec;
    ChatModel model = options.model();
    this.startedAt = Instant.now();
    AppConfig cfg = spec.config();
    PrivateKeySigner key = signer(spec);
    // Plugins first: a broken jar stops the start before anything is opened.
    this.pluginsDir = pluginsDir(cfg, spec.diaryPath());
    this.pluginTools = PluginTools.load(pluginsDir, TradingApp.class.getClassLoader());
    log.info("plugins folder {}: {} tool(s)", pluginsDir.toAbsolutePath(), pluginTools.size());
    for (PluginTools.Loaded t : pluginTools)
      log.info("tool {} from {} ({})", t.tool().name(), t.source(), t.tool().getClass().getName());
    HyperliquidSimulator s = null;
    LiveView lv = null;
    Diary diaryOpened = null;
    Diary appDiary = null;
    ClientFaultRecorder faults = new ClientFaultRecorder();
    try {
      if (spec.simulatorUrl() != null) {
        // A simulator in another process: the loop follows its clock, read once and run on at its
        // speed.
        this.exchange =
            HyperliquidExchange.builder()
                .network(Network.TESTNET)
                .baseUrl(spec.simulatorUrl())
                .signer(key)
                .listener(faults)
                .expiresAfter(expiresAfter(cfg))
                .build();
        this.clock = LoopClock.accelerated(exchange.exchangeTime(), spec.speed());
      } else if (spec.network() == AppConfig.Network.SIMULATOR) {
        s = startSimulator(spec, key.address());
        HyperliquidExchange.Builder b =
            HyperliquidExchange.builder()
                .network(Network.TESTNET)
                .baseUrl(s.baseUrl())
                .signer(key)
                .listener(faults)
                .expiresAfter(expiresAfter(cfg));
        // A backtest hands the client's requests to the simulator in process: the same signed
        // bytes, no loopback HTTP.
        if (spec.mode() == Mode.BACKTEST) b.httpClient(s.inProcessClient());
        this.exchange = b.build();
        HyperliquidSimulator simulator = s;
        this.clock =
            spec.mode() == Mode.BACKTEST
                ? LoopClock.stepped(s.now(), simulator::advanceTo)
                : LoopClock.following(simulator::now, spec.speed());
      } else {
        HyperliquidExchange.Builder b =
            HyperliquidExchange.builder()
                .network(
                    spec.network() == AppConfig.Network.MAINNET ? Network.MAINNET : Network.TESTNET)
                .signer(key)
                .listener(faults);
        if (cfg.exchangeUrl() != null) b.baseUrl(cfg.exchangeUrl());
        if (cfg.accountAddress() != null) b.accountAddress(cfg.accountAddress());
        this.exchange = b.expiresAfter(expiresAfter(cfg)).build();
        verifySigner(exchange);
        this.clock = LoopClock.system();
      }
      this.sim = s;
      this.signer = key.address();
      this.address = exchange.accountAddress().orElse(signer);
      // The live view: the simulator's socket in a demo, the network's (or HYPERLIQUID_WS_URL)
      // live. A backtest on the stepped clock reads only when the loop asks, so that it stays
      // deterministic.
      LiveView.Builder lb = LiveView.builder(exchange, exchange).clock(clock.asClock());
      if (spec.mode() != Mode.BACKTEST) {
        String streamUrl;
        if (s != null) streamUrl = s.webSocketUrl();
        else if (spec.simulatorUrl() != null)
          streamUrl = simulatorStreamUrl(spec.simulatorUrl(), cfg.webSocketUrl());
        else
          streamUrl =
              cfg.webSocketUrlOr(
                  spec.network() == AppConfig.Network.MAINNET
                      ? Network.MAINNET.wsUrl()
                      : Network.TESTNET.wsUrl());
        lb.stream(streamUrl, address);
      }
      lv = lb.build();
      this.live = lv;
      Diary opened = diaries.apply(spec.diaryPath());
      diaryOpened = opened;
      // External text (a provider's error body, an exchange's answer) is recorded and logged
      // through one redactor.
      Redactor redactor = Redactor.of(cfg.secrets());
      RedactedMessage.use(redactor);
      Diary redacting = new RedactingDiary(opened, redactor);
      // A backtest's loop hands its events over and goes on; the writing runs on the other core.
      this.diary = spec.mode() == Mode.BACKTEST ? new WriteBehindDiary(redacting) : redacting;
      appDiary = this.diary;
      RiskLimits limits = cfg.with(spec.assets(), spec.interval(), null, null, null).riskLimits();
      this.policy = new RiskPolicy(limits, clock.asClock());
      long[] cycleNow = {0};
      ChatModel chat = model != null ? model : chatModel(cfg);
      BlindModel blind =
          options.blindSeed() == null
              ? null
              : BlindModel.of(chat, spec.assets(), options.blindSeed());
      if (blind != null) {
        Diary d = diary;
        blind.onView(
            (role, text) ->
                d.append(
                    new DiaryEvent(
                        clock.now(),
                        cycleNow[0],
                        "model-view",
                        null,
                        Json.write(Json.obj("role", role, "text", text)))));
      }
      this.audit =
          options.auditLookahead() ? new LookaheadAudit(clock.asClock(), () -> cycleNow[0]) : null;
      // The agent and the context read the cycle's snapshot of the live view; candles and books
      // from the exchange.
      // A backtest's closed candles never change: they are read once, then only the newer ones.
      MarketData venue =
          spec.mode() == Mode.BACKTEST ? new ClosedCandles(exchange, clock.asClock()) : exchange;
      CycleReads reads = new CycleReads(live, venue);
      // What the model's side reads: audited when asked; the loop's own reads (orders, protection)
      // are not the model's.
      MarketData md = audit == null ? reads : audit.wrap(reads, MarketData.class, Exchange.class);
      Exchange ex = audit == null ? reads : (Exchange) md;
      ChatModel seen = blind != null ? blind : chat;
      Agent agent =
          agent(
              cfg,
              policy,
              md,
              ex,
              clock,
              pluginTools,
              audit == null ? seen : audit.model(seen),
              blind,
              model);
      this.modelName = (model != null ? "cassette" : cfg.llmProvider()) + "/" + agent.modelName();
      ContextBuilder contexts =
          ContextBuilder.builder(md, ex, limits)
              .intervals(spec.interval(), longInterval(spec.interval()))
              .clock(clock.asClock())
              .build();
      // The memory only reads, and reads pass the redactor untouched: it reads the opened diary
      // and its index directly.
      DecisionMaker dm = DecisionMaker.agent(agent, contexts, 10, opened);
      // … so in a backtest, what the diary's writer still holds is written before each decision.
      Runnable written = diary instanceof WriteBehindDiary w ? w::awaitWritten : () -> {};
      dm =
          keyedByCycle(
              dm, model instanceof CassetteModel c ? c : null, cycleNow, progress, written);
      // The offline model costs nothing: its token counts are recorded, not budgeted.
      TokenBudget budget =
          cfg.llmProvider().equals("offline")
              ? new TokenBudget(Long.MAX_VALUE, null, null, clock.asClock())
              : new TokenBudget(
                  cfg.dailyTokenBudget(),
                  cfg.dailyCostBudgetUsd(),
                  modelPrice(cfg),
                  clock.asClock());
      Function<Fill, String> explorer =
          spec.network() == AppConfig.Network.SIMULATOR
              ? f -> null
              : f ->
                  (spec.network() == AppConfig.Network.MAINNET
                          ? "https://app.hyperliquid.xyz/explorer/tx/"
                          : "https://app.hyperliquid-testnet.xyz/explorer/tx/")
                      + f.hash();
      TradingLoop.Settings settings =
          new TradingLoop.Settings(
              spec.assets(),
              spec.interval(),
              0,
              cfg.safeModeAfter(),
              new BigDecimal("0.02"),
              Executor.Settings.defaults(spec.runId()),
              spec.diaryPath(),
              explorer,
              spec.mode() != Mode.BACKTEST);
      this.loop =
          new TradingLoop(
              settings, exchange, exchange, live, null, diary, policy, dm, budget, clock);
      loop.onCycleSnapshot(reads::pin);
      faults.attach(loop);
      this.afterClose =
          spec.network() == AppConfig.Network.SIMULATOR ? Duration.ZERO : Duration.ofSeconds(2);
      long maxCycles = spec.mode() == Mode.BACKTEST ? backtestCycles(spec) : 0;
      this.runner = new LoopRunner(loop, clock, spec.interval(), afterClose, maxCycles);
      live.start();
      AccountState account = live.snapshot().account().value();
      this.startingEquity = account.equity();
      diary.append(
          new AppStart(
                  spec.mode().id(),
                  spec.network().id(),
                  address,
                  signer,
                  spec.assets().stream().map(Asset::name).toList(),
                  spec.interval().wire(),
                  modelName,
                  limits.profile(),
                  account.equity(),
                  spec.runId(),
                  s != null ? s.id() : Redactor.safeUrl(exchange.baseUrl()))
              .event(
                  clock.now(),
                  Json.obj(
                      "history",
                      spec.history(),
                      "blind",
                      blind == null
                          ? null
                          : Json.obj(
                              "seed",
                              options.blindSeed(),
                              "priceFactor",
                              blind.factor(),
                              "shiftDays",
                              blind.shift().toDays(),
                              "assets",
                              aliases(blind, spec.assets()))),
                  Json.obj(
                      "tools",
                      pluginTools.stream()
                          .map(t -> Json.obj("name", t.tool().name(), "source", t.source()))
                          .toList())));
      String urlWarning =
          spec.network() == AppConfig.Network.MAINNET
              ? AppConfig.unofficialMainnetUrl(cfg.exchangeUrl())
              : null;
      if (urlWarning != null) {
        System.err.println("WARNING: " + urlWarning);
        System.err.flush();
        log.warn(urlWarning);
        diary.append(
            new DiaryEvent(
                clock.now(),
                0,
                "error",
                null,
                Json.write(Json.obj("where", "config", "message", urlWarning))));
      }
      diary.flush();
    } catch (RuntimeException e) {
      if (lv != null) lv.close();
      // The diary holds its lock until closed: a failed start must not keep it from the next one.
      if (diaryOpened != null) {
        try {
          // Through the app's diary when there is one: what it still holds is written first.
          (appDiary != null ? appDiary : diaryOpened).close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      if (s != null) s.close();
      throw e;
    }
  }

  /** Where a running loop is, read from another thread. */
  static final class Progress {
    volatile long cycle;
    volatile BigDecimal equity;
  }

  /**
   * Starts the exchange side, opens the diary and records {@code app-start}; the loop is not
   * running yet.
   */
  static TradingApp create(Spec spec, Function<Path, Diary> diaries) {
    return new TradingApp(spec, diaries, ModelUse.NONE);
  }

  /** As {@link #create(Spec, Function)}, running the model as {@code options} say. */
  static TradingApp create(Spec spec, Function<Path, Diary> diaries, ModelUse options) {
    return new TradingApp(
        spec, diaries, java.util.Objects.requireNonNull(options, "options == null"));
  }

  private static Map<String, String> aliases(BlindModel blind, List<Asset> assets) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Asset a : assets) out.put(a.name(), blind.alias(a));
    return out;
  }

  /**
   * Keeps {@code cycleNow} at the deciding cycle (for the model's view in the diary) and tells a
   * cassette which cycle each decision belongs to, so that its answers are found by cycle and step.
   */
  private static DecisionMaker keyedByCycle(
      DecisionMaker dm,
      CassetteModel cassette,
      long[] cycleNow,
      Progress progress,
      Runnable beforeDecide) {
    return new DecisionMaker() {
      @Override
      public AgentResult decide(Request request) {
        beforeDecide.run();
        cycleNow[0] = request.cycle();
        progress.equity = request.account().equity();
        progress.cycle = request.cycle();
        if (cassette != null) cassette.cycle(request.cycle());
        return dm.decide(request);
      }

      @Override
      public String name() {
        return dm.name();
      }
    };
  }

  /** The model's token prices, or null when the configuration does not give both. */
  private static ModelPrice modelPrice(AppConfig cfg) {
    return cfg.inputPricePerMillion() != null && cfg.outputPricePerMillion() != null
        ? new ModelPrice(cfg.inputPricePerMillion(), cfg.outputPricePerMillion())
        : null;
  }

  /** Stops the loop by itself after {@code cycles} cycles (before {@link #runLoop()}). */
  void limitCycles(long cycles) {
    this.runner = new LoopRunner(loop, clock, spec.interval(), afterClose, cycles);
  }

  /**
   * Runs the loop on this thread until it is stopped (or, for a backtest, the data ends), then
   * forces the diary to the disk: live and demo cycles force it at every cycle, a backtest only
   * here.
   */
  void runLoop() {
    runner.run();
    diary.flush();
  }

  /** Records {@code app-stop} (durably): the app is about to close. */
  void recordStop(String reason) {
    try {
      diary.append(
          new DiaryEvent(
              clock.now(),
              0,
              "app-stop",
              null,
              Json.write(Json.obj("reason", reason, "runId", spec.runId()))));
      diary.flush();
    } catch (RuntimeException e) {
      log.warn("app-stop could not be recorded: {}", e.getMessage());
    }
  }

  /** Stops the loop after its running cycle; waits up to {@code timeout}. */
  boolean stop(Duration timeout) {
    return runner.stopAndWait(timeout);
  }

  @Override
  public void close() {
    try {
      diary.flush();
    } catch (RuntimeException e) {
      log.warn("flushing the diary failed: {}", e.getMessage());
    }
    try {
      diary.close();
    } catch (RuntimeException e) {
      log.warn("closing the diary failed: {}", e.getMessage());
    }
    live.close();
    if (sim != null) sim.close();
  }

  /** The exchange's base URL, for the status. */
  String exchangeUrl() {
    return exchange.baseUrl();
  }

  private static Duration expiresAfter(AppConfig cfg) {
    return cfg.expiresAfterMs() == 0 ? null : Duration.ofMillis(cfg.expiresAfterMs());
  }

  /**
   * Refuses to start when the key may not trade for HYPERLIQUID_ACCOUNT_ADDRESS: the loop would
   * read one account and trade another.
   */
  private static void verifySigner(HyperliquidExchange exchange) {
    try {
      exchange.verifySigner();
    } catch (IllegalStateException e) {
      throw CliException.usage("HYPERLIQUID_ACCOUNT_ADDRESS: " + e.getMessage());
    }
  }

  private static long backtestCycles(Spec spec) {
    int n = spec.replay().values().stream().mapToInt(List::size).max().orElse(0);
    return Math.max(0, n - spec.history());
  }

  /**
   * The configured signer: {@code HYPERLIQUID_PRIVATE_KEY}, else {@code HYPERLIQUID_KEY_FILE}, else
   * the key derived from {@code MNEMONIC} at {@code m/44'/60'/0'/0/<MNEMONIC_INDEX>}; empty when
   * none is set.
   *
   * @throws IllegalArgumentException when the one set is invalid (never showing it)
   */
  static java.util.Optional<PrivateKeySigner> configuredSigner(AppConfig cfg) {
    var key = cfg.signingKey();
    if (key.isPresent()) return java.util.Optional.of(PrivateKeySigner.fromHex(key.get().reveal()));
    if (cfg.mnemonic() == null) return java.util.Optional.empty();
    PrivateKeySigner s;
    try {
      s = PrivateKeySigner.fromMnemonic(cfg.mnemonic().reveal(), cfg.mnemonicIndex());
    } catch (IllegalArgumentException e) {
      // The message describes the mnemonic's shape, never its words.
      throw new IllegalArgumentException("MNEMONIC: " + e.getMessage());
    }
    log.info(
        "signer {} derived from MNEMONIC at m/44'/60'/0'/0/{}", s.address(), cfg.mnemonicIndex());
    return java.util.Optional.of(s);
  }

  private static PrivateKeySigner signer(Spec spec) {
    if (spec.mode() == Mode.DEMO) DemoAccount.forgetUnlessContinuing(spec.diaryPath());
    var configured = configuredSigner(spec.config());
    if (configured.isPresent()) return configured.get();
    if (spec.simulatorUrl() != null) {
      throw CliException.missingKey(
          "a demo on the simulator at "
              + spec.simulatorUrl()
              + " trades the account of HYPERLIQUID_PRIVATE_KEY, "
              + "HYPERLIQUID_KEY_FILE or MNEMONIC, funded on that simulator: set one");
    }
    if (spec.network() != AppConfig.Network.SIMULATOR) {
      throw CliException.missingKey(
          "no private key for "
              + spec.network().id()
              + ": set HYPERLIQUID_PRIVATE_KEY, HYPERLIQUID_KEY_FILE or MNEMONIC");
    }
    // A demo keeps its simulated account beside the diary, so a restarted demo continues it; a
    // backtest's is thrown away.
    if (spec.mode() == Mode.DEMO) return DemoAccount.key(spec.diaryPath());
    return PrivateKeySigner.fromHex(DemoAccount.randomKeyHex());
  }

  private static HyperliquidSimulator startSimulator(Spec spec, String address) {
    HyperliquidSimulator.Builder b =
        HyperliquidSimulator.builder()
            .history(spec.history())
            .afterReplay(spec.afterReplay())
            .fund(address, new BigDecimal("10000"));
    for (Asset a : spec.assets()) {
      List<Candle> c = spec.replay().get(a);
      if (c != null) b.candles(a.name(), c);
      else b.synthetic(a.name(), syntheticStart(a), a.name().equals("ETH") ? 4 : 2, 20);
    }
    if (spec.replay().isEmpty()) b.interval(spec.interval());
    if (spec.mode() == Mode.DEMO) b.stateFile(DemoAccount.stateFile(spec.diaryPath()));
    if (spec.mode() == Mode.BACKTEST) {
      b.steppedClock();
    } else {
      b.acceleratedClock(spec.speed());
      // Lay the replay so that trading starts now: the warm-up history lies just behind.
      b.startTime(
          Instant.now()
              .minus(spec.interval().duration().multipliedBy(spec.history()))
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
    return b.start();
  }

  private static double syntheticStart(Asset a) {
    return switch (a.name()) {
      case "BTC" -> 60000;
      case "ETH" -> 3000;
      case "SOL" -> 150;
      default -> 100;
    };
  }

  /** The longer interval the context shows next to the loop's: about twelve times longer. */
  static Interval longInterval(Interval i) {
    Duration target = i.duration().multipliedBy(12);
    for (Interval candidate : Interval.values()) {
      if (candidate.duration().compareTo(target) >= 0 && candidate != i) return candidate;
    }
    return Interval.D1 == i ? Interval.W1 : Interval.D1;
  }

  /** {@code REZ_PLUGINS_DIR}, else {@code plugins/} beside the diary. */
  static Path pluginsDir(AppConfig cfg, Path diaryPath) {
    if (cfg.pluginsDir() != null) return cfg.pluginsDir();
    Path parent = diaryPath.toAbsolutePath().getParent();
    return parent == null ? Path.of("plugins") : parent.resolve("plugins");
  }

  /**
   * The agent of the configured model {@code chat} (already disguised or audited); {@code recorded}
   * is the recorded model it plays (a cassette), or null.
   */
  private static Agent agent(
      AppConfig cfg,
      RiskPolicy policy,
      MarketData md,
      Exchange exchange,
      LoopClock clock,
      List<PluginTools.Loaded> tools,
      ChatModel chat,
      BlindModel blind,
      ChatModel recorded) {
    // The agent judges proposals with the loop's own policy, so the model hears the verdicts
    // (cooldowns, halts)
    // the loop will apply.
    Agent.Builder b =
        Agent.builder().riskPolicy(policy).marketData(md).exchange(exchange).clock(clock.asClock());
    for (PluginTools.Loaded t : tools) b.tool(t.tool());
    ModelOptions o = cfg.modelOptions();
    if (o.systemPromptFile() != null) b.systemPrompt(readPrompt(o.systemPromptFile()));
    b.chatModel(chat).modelName(cfg.llmModel());
    // A recorded model (a cassette) costs nothing: its answers are played as they came, the repair
    // model's by the cassette's repair model.
    if (recorded == null && !cfg.llmProvider().equals("offline")) {
      if (modelPrice(cfg) != null) {
        b.price(modelPrice(cfg));
      }
    }
    if (recorded instanceof CassetteModel cassette) {
      b.repairModel(blind == null ? cassette.repairModel() : blind.sharing(cassette.repairModel()));
    } else if (o.hasRepairModel() && recorded == null) {
      ModelSettings repair =
          modelSettings(
              o.repairProvider(),
              o.repairModel(),
              o.repairBaseUrl(),
              o.repairApiKey(),
              o,
              "SANITIZE_API_KEY");
      // toString leaves out the key and the URL's user info and query; a key-like path is masked.
      log.info("repair model: {}", Redactor.maskKeys(repair.toString()));
      // A blind run's repair model sees the same disguise; its answer is mapped back like the
      // model's.
      ChatModel repairModel = Models.create(repair);
      b.repairModel(blind == null ? repairModel : blind.sharing(repairModel));
      b.repairPrice(o.repairPrice());
    }
    return b.build();
  }

  /** The configured chat model: the offline model, or a hosted or local one. */
  private static ChatModel chatModel(AppConfig cfg) {
    if (cfg.llmProvider().equals("offline")) return Models.offline();
    ModelSettings settings =
        modelSettings(
            cfg.llmProvider(),
            cfg.llmModel(),
            cfg.llmBaseUrl(),
            cfg.llmApiKey(),
            cfg.modelOptions(),
            "OPENROUTER_API_KEY or LLM_API_KEY");
    log.info("model: {}", Redactor.maskKeys(settings.toString()));
    return Models.create(settings);
  }

  /**
   * The settings of a hosted or local model; a hosted provider without a key is the error {@code
   * keyHint} explains.
   */
  static ModelSettings modelSettings(
      String provider, String model, String baseUrl, Secret key, ModelOptions o, String keyHint) {
    ModelProvider p = ModelProvider.parse(provider);
    ModelSettings.Builder ms = ModelSettings.builder(p).model(model);
    if (baseUrl != null) ms.baseUrl(baseUrl);
    if (key != null) {
      ms.apiKey(key.reveal());
    } else if (p != ModelProvider.OPENAI_COMPATIBLE) {
      throw CliException.missingKey(
          "no API key for the " + p.id() + " model " + model + ": set " + keyHint);
    }
    if (o.timeout() != null) ms.timeout(o.timeout());
    if (o.modelTemperature()) ms.modelTemperature();
    else if (o.temperature() != null) ms.temperature(o.temperature().doubleValue());
    if (o.maxOutputTokens() != null) ms.maxOutputTokens(o.maxOutputTokens());
    if (o.maxRetries() != null) ms.maxRetries(o.maxRetries());
    if (p == ModelProvider.OPENROUTER) ms.openRouterAttribution(o.referer(), o.appTitle());
    return ms.build();
  }

  /** The text of {@code REZ_SYSTEM_PROMPT_FILE}. */
  private static String readPrompt(Path file) {
    try {
      String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
      if (text.isBlank())
        throw new IllegalArgumentException("REZ_SYSTEM_PROMPT_FILE " + file + " is empty");
      return text;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "REZ_SYSTEM_PROMPT_FILE " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The WebSocket of a simulator running at {@code simulatorUrl}: {@code configured}
   * (HYPERLIQUID_WS_URL) when set, else the simulator's own default, the port after its HTTP port.
   * Never a real network's: a demo does not reach a real exchange.
   *
   * @throws IllegalArgumentException when {@code configured} is not on this machine
   */
  static String simulatorStreamUrl(String simulatorUrl, String configured) {
    if (configured != null) {
      URI ws = URI.create(configured);
      if (ws.getHost() == null || !Hosts.isLoopback(ws.getHost()))
        throw new IllegalArgumentException(
            "HYPERLIQUID_WS_URL must be on this machine (127.0.0.1, ::1 or localhost) for a demo on"
                + " a simulator but was '"
                + Redactor.safeUrl(configured)
                + "'");
      return configured;
    }
    URI http = URI.create(simulatorUrl);
    int port = http.getPort() == -1 ? 80 : http.getPort();
    return "ws://" + http.getHost() + ":" + (port + 1) + "/ws"; // an IPv6 host keeps its brackets
  }
}
