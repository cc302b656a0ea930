package dev.rez.app.loop;

import dev.rez.agent.AgentDecision;
import dev.rez.agent.AgentResult;
import dev.rez.agent.TokenUsage;
import dev.rez.app.diary.DiarySchema;
import dev.rez.app.live.LiveSnapshot;
import dev.rez.app.live.LiveView;
import dev.rez.app.live.Stamped;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading loop: one cycle per candle close. A cycle takes one snapshot of the {@link LiveView}
 * (account, orders, marks), picks up the fills that happened since the last one, checks every
 * position's protection, asks the {@link DecisionMaker}, passes each decision through the {@link
 * RiskPolicy} (the authority: the verdict the agent gave its own proposal is advice the model
 * heard, and is not consulted), checks an approved entry again against the fresh mark ({@code
 * stale-price} when the market moved beyond the tolerance while the model was thinking) and
 * executes what is approved. Every step goes to the {@link Diary}; a failing cycle is recorded and
 * the next one runs.
 *
 * <p>Between cycles, when the live view follows the exchange in the background, a protection
 * watchdog reacts to its events: fills reach the diary and the risk policy as they happen, and a
 * position found without a stop-loss (an outside cancel, a position opened by hand, a partial fill)
 * gets one by the reconciler's rules within seconds. While the kill switch says flatten, it closes
 * what is still open (a position the flatten could not close, one opened by hand) at most every
 * {@link #FLATTEN_RETRY_EVERY}, and protects it in between. The watchdog never places entries, and
 * never runs while the cycle is reading or trading: only while the decision maker thinks.
 *
 * <pre>{@code
 * TradingLoop loop = new TradingLoop(settings, exchange, marketData, diary, policy, decisionMaker, budget, clock);
 * loop.start();             // reconcile with the exchange
 * loop.runCycle();          // or let a LoopRunner call it at each candle close
 * LoopStatus s = loop.status();
 * }</pre>
 *
 * <p>Kill switch: {@link #setKillSwitch} from any thread (the API, the CLI through the state file);
 * stop-entries lets the loop manage and protect positions only, flatten closes every position (its
 * stop-loss resting until it is flat), then cancels the orders and stops trading; positions it
 * could not close stay protected. The halted state survives a restart; the risk policy's daily-loss
 * halt goes through it (compare-and-set: it never overwrites a level set meanwhile). An unreadable
 * kill-switch file is recorded and read as stop-entries. Safe mode: after {@link
 * Settings#safeModeAfter()} consecutive failed decisions no new entries until a decision succeeds.
 *
 * <p>{@link #runCycle()} must be called from one thread at a time; {@link #status()} and {@link
 * #setKillSwitch} are threadsafe.
 */
public final class TradingLoop {
  private static final Logger log = LoggerFactory.getLogger(TradingLoop.class);

  /** Close attempts per position and flatten cycle. */
  static final int FLATTEN_ATTEMPTS = 3;

  /** The wait before the second close attempt; the third waits twice as long. */
  static final Duration FLATTEN_BACKOFF = Duration.ofMillis(250);

  /**
   * While the kill switch says flatten, how long the watchdog waits after a flatten before it
   * closes again what is still open (on the loop's clock); it keeps protecting it meanwhile.
   */
  static final Duration FLATTEN_RETRY_EVERY = Duration.ofSeconds(10);

  /**
   * What the loop trades and how.
   *
   * @param assets the assets, in order
   * @param interval the candle interval
   * @param candleCount candles fetched per asset and cycle for the decision maker (enough for the
   *     indicators' warm-up), 0 when the decision maker reads its own
   * @param safeModeAfter consecutive failed decisions that switch safe mode on
   * @param reconcileStopFraction distance of a stop-loss placed for a position found without one,
   *     as a fraction
   * @param executor order pricing and the run id
   * @param stateFile base path of the loop's state files ({@code <stateFile>.kill-switch.json},
   *     {@code <stateFile>.loop.json}, {@code <stateFile>.risk-day.json}); the diary's path is a
   *     good choice
   * @param explorerUrl a fill's explorer link, or null (simulator)
   * @param syncEachCycle true (live, demo) to force the diary and the loop's state file to the disk
   *     at every cycle, so that a crash loses at most the running cycle; false (backtest) to let
   *     the owner force the diary once at the end ({@link Diary#flush()}) and to write the state
   *     file only when the loop finishes: a crashed backtest is rerun, not resumed
   */
  public record Settings(
      List<Asset> assets,
      Interval interval,
      int candleCount,
      int safeModeAfter,
      BigDecimal reconcileStopFraction,
      Executor.Settings executor,
      Path stateFile,
      Function<Fill, String> explorerUrl,
      boolean syncEachCycle) {
    /** Checks the settings. */
    public Settings {
      assets = List.copyOf(assets);
      if (assets.isEmpty()) throw new IllegalArgumentException("assets must not be empty");
      Objects.requireNonNull(interval, "interval == null");
      if (candleCount < 0 || candleCount > 5000)
        throw new IllegalArgumentException("candleCount must be in 0..5000 but was " + candleCount);
      if (safeModeAfter < 1)
        throw new IllegalArgumentException("safeModeAfter must be >= 1 but was " + safeModeAfter);
      Objects.requireNonNull(reconcileStopFraction, "reconcileStopFraction == null");
      if (reconcileStopFraction.signum() <= 0
          || reconcileStopFraction.compareTo(new BigDecimal("0.5")) >= 0) {
        throw new IllegalArgumentException(
            "reconcileStopFraction must be in (0, 0.5) but was "
                + reconcileStopFraction.toPlainString());
      }
      Objects.requireNonNull(executor, "executor == null");
      Objects.requireNonNull(stateFile, "stateFile == null");
      if (explorerUrl == null) explorerUrl = f -> null;
    }
  }

  /**
   * What one cycle did, for callers and tests.
   *
   * @param cycle the number
   * @param ok false when the cycle failed
   * @param executions the executions' results, in decision order
   */
  public record CycleReport(long cycle, boolean ok, List<Executor.Result> executions) {}

  private final Settings settings;
  private final Exchange exchange;
  private final MarketData market;
  private final RiskPolicy policy;
  private final DecisionMaker decisionMaker;
  private final TokenBudget budget;
  private final LoopClock clock;
  private final Recorder rec;
  private final Executor executor;
  private final Reconciler reconciler;
  private final KillSwitch killSwitch;
  private final LoopStateFile stateFile;
  private final DayBaselineFile dayBaselineFile;
  private final LiveView live;
  private final BigDecimal priceToleranceBps;

  /**
   * Held by the cycle while it reads and trades (not while the model thinks) and by the watchdog
   * while it repairs.
   */
  private final ReentrantLock trading = new ReentrantLock();

  private volatile Consumer<LiveSnapshot> onCycleSnapshot = s -> {};
  private Thread watchdog;
  private final Object watchdogSignal = new Object();
  private boolean watchdogWoken; // guarded by watchdogSignal

  /** Candles whose newest closed more than this many intervals before a cycle are stale. */
  static final int STALE_CANDLES_AFTER = 3;

  /** The first and the longest pause between two watchdog repairs that did not hold. */
  static final Duration REPAIR_BACKOFF_MIN = Duration.ofSeconds(1);

  static final Duration REPAIR_BACKOFF_MAX = Duration.ofSeconds(30);

  /** A watchdog repair of an asset that did not hold: when it was tried and the pause after it. */
  record Backoff(long triedAtNanos, Duration pause) {
    boolean over(long nowNanos) {
      return nowNanos - triedAtNanos >= pause.toNanos();
    }

    Backoff next(long nowNanos) {
      Duration twice = pause.multipliedBy(2);
      return new Backoff(
          nowNanos, twice.compareTo(REPAIR_BACKOFF_MAX) > 0 ? REPAIR_BACKOFF_MAX : twice);
    }
  }

  private final Map<Asset, Backoff> repairBackoff = new HashMap<>(); // guarded by trading
  private volatile boolean watching;

  /**
   * When the diary's runs on this account began (its first {@code app-start} after one of another
   * account), or null when the diary does not say; set at start.
   */
  private Instant accountSince;

  /** When the last flatten began, or null before the first one; guarded by {@code trading}. */
  private Instant lastFlatten;

  private final Map<Asset, AssetInfo> infos = new HashMap<>();
  private FillTracker fills;
  private FundingTracker funding;

  /**
   * How long after a position was last seen funding is still asked for: funding is paid on
   * positions only, hourly, and an exchange may list a payment a little after its hour.
   */
  static final Duration FUNDING_TAIL = Duration.ofHours(2);

  /** When a position was last seen (held, or a fill came), or null before the first cycle. */
  private Instant lastExposure;

  /** The last funding poll failed: the next cycle polls whatever the exposure. */
  private boolean fundingBehind;

  private volatile long lastCycleNumber;
  private int failedDecisions;
  private volatile boolean safeMode;
  private volatile boolean cycleRunning;
  private volatile boolean started;
  private volatile LoopStatus.LastCycle lastCycle;
  private volatile Instant nextCycleAt;
  private volatile Runnable onKillSwitch = () -> {};
  // The switch as the diary last recorded it; guarded by switchEvents, which also orders every
  // change this process makes with the event that records it (so no change is recorded twice).
  private KillSwitch.State lastSeenKillSwitch;
  private final Object switchEvents = new Object();
  private LoopStateFile.State savedState;
  // The account this run trades, as its app-start names it (null without one): the state files
  // record it, so that another account's are never taken for this one's.
  private String account;
  private LoopStateFile.State startState; // as loaded: the watermark already durable
  private RiskPolicy.DayBaseline savedBaseline; // guarded by baselineLock
  private final Object baselineLock = new Object();

  /**
   * A loop over the given exchange, market data, diary, policy, decision maker and token budget.
   */
  public TradingLoop(
      Settings settings,
      Exchange exchange,
      MarketData market,
      Diary diary,
      RiskPolicy policy,
      DecisionMaker decisionMaker,
      TokenBudget budget,
      LoopClock clock) {
    this(settings, exchange, market, null, null, diary, policy, decisionMaker, budget, clock);
  }

  /**
   * A loop reading the exchange through {@code live}.
   *
   * @param live the live view the cycle reads its snapshot from; null for one that reads the
   *     exchange only when the cycle asks (no watchdog between cycles)
   * @param priceToleranceBps how far (in basis points) the mark may move between the cycle's
   *     snapshot and the sending of an entry before the entry is refused as {@code stale-price};
   *     null for the risk profile's minimum stop distance
   */
  public TradingLoop(
      Settings settings,
      Exchange exchange,
      MarketData market,
      LiveView live,
      BigDecimal priceToleranceBps,
      Diary diary,
      RiskPolicy policy,
      DecisionMaker decisionMaker,
      TokenBudget budget,
      LoopClock clock) {
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.exchange = Objects.requireNonNull(exchange, "exchange == null");
    this.market = Objects.requireNonNull(market, "market == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
    this.decisionMaker = Objects.requireNonNull(decisionMaker, "decisionMaker == null");
    this.budget = Objects.requireNonNull(budget, "budget == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.rec = new Recorder(Objects.requireNonNull(diary, "diary == null"), clock.asClock());
    this.executor = new Executor(exchange, rec, clock.asClock(), settings.executor());
    this.reconciler = new Reconciler(executor, rec, settings.reconcileStopFraction());
    this.killSwitch = new KillSwitch(killSwitchFile(settings.stateFile()));
    this.stateFile = new LoopStateFile(sibling(settings.stateFile(), ".loop.json"));
    this.dayBaselineFile = new DayBaselineFile(sibling(settings.stateFile(), ".risk-day.json"));
    this.live =
        live != null ? live : LiveView.builder(exchange, market).clock(clock.asClock()).build();
    this.priceToleranceBps =
        priceToleranceBps != null
            ? priceToleranceBps
            : policy.limits().minStopDistance().movePointRight(4);
    if (this.priceToleranceBps.signum() <= 0)
      throw new IllegalArgumentException(
          "priceToleranceBps must be > 0 but was " + this.priceToleranceBps);
  }

  /** The live view the loop reads. */
  public LiveView live() {
    return live;
  }

  /**
   * Called (on the loop's thread) with the snapshot each cycle reads, before the decision maker is
   * asked: pin it in the readers the decision maker uses ({@link dev.rez.app.live.CycleReads#pin}).
   */
  public void onCycleSnapshot(Consumer<LiveSnapshot> listener) {
    this.onCycleSnapshot = Objects.requireNonNull(listener, "listener == null");
  }

  /**
   * The kill-switch file of a loop whose state base path is {@code stateFile} (for the CLI's
   * kill-switch command).
   */
  public static Path killSwitchFile(Path stateFile) {
    return sibling(stateFile, ".kill-switch.json");
  }

  private static Path sibling(Path base, String suffix) {
    return base.resolveSibling(base.getFileName() + suffix);
  }

  /** The kill switch (its state file can also be set by another process). */
  public KillSwitch killSwitch() {
    return killSwitch;
  }

  /** The executor, for callers that need the cloids of this run. */
  public Executor executor() {
    return executor;
  }

  /**
   * Records an event reported by the exchange client itself (a fault it recovered from) under the
   * running cycle, or the last one between cycles. Threadsafe: the client may be used by other
   * threads than the loop's.
   */
  void recordClientEvent(String type, Map<String, Object> data) {
    rec.event(lastCycleNumber, type, null, data);
  }

  /**
   * Called (on the setting thread) whenever the kill switch is set through {@link #setKillSwitch}:
   * wakes a runner.
   */
  public void onKillSwitch(Runnable listener) {
    this.onKillSwitch = Objects.requireNonNull(listener, "listener == null");
  }

  /**
   * Loads the persisted state and reconciles with the exchange: positions without a stop-loss get
   * one, trigger orders of positions that no longer exist are cancelled; a flatten left set is
   * carried out. Exchange failures are recorded (every cycle reconciles again).
   */
  public synchronized void start() {
    trading.lock();
    try {
      startLocked();
    } finally {
      trading.unlock();
    }
    if (live.background() && watchdog == null) {
      live.addListener(
          new LiveView.Listener() {
            @Override
            public void onAccount(LiveSnapshot snapshot) {
              wakeWatchdog();
            }

            @Override
            public void onFills(List<Fill> fresh) {
              wakeWatchdog();
            }

            @Override
            public void onStreamDown(Throwable cause) {
              rec.error(
                  lastCycleNumber,
                  null,
                  "stream",
                  "the exchange's WebSocket dropped ("
                      + (cause == null ? "closed by the server" : Executor.describe(cause))
                      + "); polling over REST until it is back");
            }

            @Override
            public void onStreamUp() {
              rec.event(
                  lastCycleNumber,
                  "stream",
                  null,
                  Json.obj(
                      "state",
                      "connected",
                      "detail",
                      "WebSocket connected; account, orders and fills read again"));
            }
          });
      watching = true;
      watchdog = Thread.ofPlatform().daemon().name("rez-protection-watchdog").start(this::watch);
    }
  }

  private void startLocked() {
    String otherAccount = otherAccount();
    LoopStateFile.State s =
        otherAccount == null ? loadState() : stateForAnotherAccount(otherAccount);
    lastCycleNumber = s.lastCycle();
    startState = s;
    try {
      // A restart the same UTC day keeps measuring the day's loss from the equity the day started
      // with (of the same account: another one's was dropped above).
      dayBaselineFile
          .load()
          .filter(saved -> saved.account() == null || saved.account().equals(account))
          .map(DayBaselineFile.Saved::baseline)
          .ifPresent(
              b -> {
                if (policy.restoreDayBaseline(b)) {
                  synchronized (baselineLock) {
                    savedBaseline = b;
                  }
                }
              });
    } catch (RuntimeException e) {
      rec.error(
          lastCycleNumber,
          null,
          "start",
          "the daily-loss baseline could not be read; the day's loss is measured from now: "
              + Executor.describe(e));
    }
    try {
      restoreTokenUsage();
    } catch (RuntimeException e) {
      rec.error(
          lastCycleNumber,
          null,
          "start",
          "today's token usage could not be read from the diary: " + Executor.describe(e));
    }
    fills =
        new FillTracker(
            live::fillsSince,
            rec,
            policy,
            settings.explorerUrl(),
            s.fillWatermark(),
            s.seenAtWatermark());
    List<Fill> recorded = List.of();
    try {
      recorded = recordedFills();
      fills.alreadyRecorded(
          recorded.stream().filter(f -> !f.time().isBefore(s.fillWatermark())).toList());
    } catch (RuntimeException e) {
      rec.error(
          lastCycleNumber,
          null,
          "start",
          "the diary's fills could not be read; a fill recorded just before a crash may be recorded again: "
              + Executor.describe(e));
    }
    try {
      // Another account's fills start no cooldown of this one: only those since this account's
      // runs on the diary began count.
      if (otherAccount == null)
        fills.replayCloses(
            recorded.stream()
                .filter(f -> accountSince == null || !f.time().isBefore(accountSince))
                .toList());
    } catch (RuntimeException e) {
      rec.error(
          lastCycleNumber,
          null,
          "start",
          "the cooldowns of closes before the start could not be restored: "
              + Executor.describe(e));
    }
    funding = new FundingTracker(exchange, rec, s.fillWatermark());
    started = true;
    try {
      KillSwitch.State ks;
      synchronized (switchEvents) {
        ks = killSwitch.stateOrStop();
        lastSeenKillSwitch = ks;
        if (KillSwitch.UNREADABLE.equals(ks.by())) {
          rec.error(lastCycleNumber, null, "kill-switch", ks.reason());
        } else if (ks.level() != KillSwitch.Level.NONE) {
          killSwitchEvent(lastCycleNumber, ks.level(), ks.by(), ks.reason(), "restored", true);
        }
      }
      loadInfos();
      LiveSnapshot snap = readSnapshot(true);
      AccountState account = snap.account().value();
      List<OpenOrder> orders = snap.orders().value();
      if (ks.level() == KillSwitch.Level.FLATTEN) {
        flatten(lastCycleNumber, account, orders, snap.markPrices());
      } else {
        reconciler.reconcile(Reconciler.Sweep.of(lastCycleNumber, snap, infos), true);
      }
      if (live.background()) live.refresh();
      fills.poll(lastCycleNumber);
      saveState();
    } catch (RuntimeException e) {
      rec.error(lastCycleNumber, null, "reconcile", e);
    }
    rec.flush();
  }

  /**
   * Why the loop's state files (the fill watermark, the daily-loss baseline) may belong to another
   * account than this run's, or null when they are this run's or nothing tells; also sets {@link
   * #account} from this run's {@code app-start}, recorded before the start and so the diary's last.
   * A state file names its account: the answer is then plain. An older one does not; the {@code
   * app-start} before this run's then names the account it was written for, and a diary whose only
   * {@code app-start} is this run's is new (files beside it were left by a deleted diary). A diary
   * without any (the loop used as a library) tells nothing.
   */
  private String otherAccount() {
    List<Map<String, Object>> starts = new ArrayList<>();
    try {
      Diary.Filter appStarts = new Diary.Filter("app-start", null);
      String cursor = null;
      while (true) {
        Diary.Page page = rec.diary().read(cursor, 1000, appStarts);
        for (Diary.Entry e : page.events()) {
          Map<String, Object> start = Json.parseObject(e.event().json());
          if (starts.isEmpty() || !sameAccount(starts.getLast(), start))
            accountSince = e.event().time();
          starts.add(start);
          if (starts.size() > 2) starts.removeFirst();
        }
        if (!page.hasMore() || page.events().isEmpty()) break;
        cursor = page.next();
      }
    } catch (RuntimeException e) {
      rec.error(0, null, "start", "the diary's app-start events could not be read: " + e);
      return null;
    }
    if (starts.isEmpty()) return null;
    Map<String, Object> now = starts.getLast();
    account = accountOf(now);
    String recorded;
    try {
      recorded = stateFile.load().map(LoopStateFile.State::account).orElse(null);
    } catch (RuntimeException unreadable) {
      recorded = null; // loadState records it
    }
    if (recorded != null)
      return recorded.equals(account)
          ? null
          : "the loop state beside the diary is of " + recorded + ", this run trades " + account;
    boolean files = Files.exists(stateFile.file()) || Files.exists(dayBaselineFile.file());
    if (starts.size() == 1) return files ? "the diary is new" : null;
    Map<String, Object> before = starts.getFirst();
    return sameAccount(before, now)
        ? null
        : "the diary's last run traded " + accountOf(before) + ", this one " + account;
  }

  /**
   * An app-start's account: its network and address, and on a simulator the exchange (another
   * simulator is another account, whatever the key).
   */
  private static String accountOf(Map<String, Object> appStart) {
    String network = String.valueOf(appStart.get("network"));
    String out =
        network
            + " account "
            + String.valueOf(appStart.get("address")).toLowerCase(java.util.Locale.ROOT);
    return network.equals("simulator") && appStart.get("exchange") != null
        ? out + " on " + appStart.get("exchange")
        : out;
  }

  /** Whether two app-starts name one account; an older one without its exchange matches any. */
  private static boolean sameAccount(Map<String, Object> a, Map<String, Object> b) {
    if (a.get("exchange") == null || b.get("exchange") == null) {
      Map<String, Object> x = new java.util.HashMap<>(a);
      Map<String, Object> y = new java.util.HashMap<>(b);
      x.remove("exchange");
      y.remove("exchange");
      return accountOf(x).equals(accountOf(y));
    }
    return accountOf(a).equals(accountOf(b));
  }

  /**
   * A start on another account than the state files': the fills are followed from now (the other
   * account's fills are not this one's) and the day's loss is measured from now; the cycles go on
   * counting in the same diary. Written at once, so that a crash now does not bring back the other
   * account's state.
   */
  private LoopStateFile.State stateForAnotherAccount(String why) {
    long lastCycle = 0;
    if (!why.equals("the diary is new")) {
      try {
        lastCycle = stateFile.load().map(LoopStateFile.State::lastCycle).orElse(0L);
      } catch (RuntimeException unreadable) {
        lastCycle = 0;
      }
    }
    LoopStateFile.State s =
        new LoopStateFile.State(lastCycle, clock.now(), java.util.Set.of(), account);
    try {
      dayBaselineFile.delete();
      if (settings.syncEachCycle()) stateFile.save(s, true);
    } catch (RuntimeException e) {
      rec.error(0, null, "start", e);
    }
    rec.event(
        0,
        "warning",
        null,
        Json.obj(
            "message",
            why
                + ": the loop's fill watermark and daily-loss baseline beside the diary were"
                + " another account's; fills are followed from now and the day's loss is measured"
                + " from now"));
    return s;
  }

  /**
   * The loop's persisted state. Without one (the file is missing or cannot be read) the cycles
   * count from 0 and the fills are followed from the last fill the diary has, so that fills made
   * while the loop was down (a stop-loss that triggered) still reach the diary and the risk policy;
   * from now only when the diary has none. A {@code warning} says which, except on a first start
   * (no file, no fill).
   */
  private LoopStateFile.State loadState() {
    boolean missing;
    try {
      Optional<LoopStateFile.State> saved = stateFile.load();
      if (saved.isPresent()) return saved.get();
      missing = true;
    } catch (RuntimeException e) {
      rec.error(0, null, "start", e);
      missing = false;
    }
    Optional<Instant> lastFill;
    try {
      lastFill = recordedFills().stream().map(Fill::time).max(Instant::compareTo);
    } catch (RuntimeException e) {
      rec.error(0, null, "start", "the diary's fills could not be read: " + Executor.describe(e));
      lastFill = Optional.empty();
    }
    Instant watermark = lastFill.orElse(clock.now());
    if (lastFill.isPresent() || !missing) {
      rec.event(
          0,
          "warning",
          null,
          Json.obj(
              "message",
              (missing ? "no loop state file" : "the loop state file could not be read")
                  + "; fills are followed "
                  + (lastFill.isPresent()
                      ? "from the last fill in the diary, at " + watermark
                      : "from now, " + watermark + ": the diary has no fill")));
    }
    return new LoopStateFile.State(0, watermark, java.util.Set.of(), account);
  }

  /**
   * Every fill the diary recorded: those past the persisted watermark were recorded just before a
   * crash that left the state file behind; the closes among them start cooldowns.
   */
  private List<Fill> recordedFills() {
    Diary.Filter fillEvents = new Diary.Filter("fill", null);
    List<Fill> out = new ArrayList<>();
    String cursor = null;
    while (true) {
      Diary.Page page = rec.diary().read(cursor, 1000, fillEvents);
      for (Diary.Entry e : page.events())
        out.add(DiarySchema.fillOf(Json.parseObject(e.event().json())));
      if (!page.hasMore() || page.events().isEmpty()) break;
      cursor = page.next();
    }
    return out;
  }

  /**
   * A restart must not reset the daily budget: adds up today's token usage and cost recorded in the
   * diary's cycle-end events (the cost of an event that records none, written before costs were
   * recorded, is the model's price of its tokens).
   */
  private void restoreTokenUsage() {
    java.time.LocalDate today =
        java.time.LocalDate.ofInstant(clock.now(), java.time.ZoneOffset.UTC);
    Diary.Filter cycleEnds = new Diary.Filter("cycle-end", null);
    String cursor = null;
    while (true) {
      Diary.Page page = rec.diary().read(cursor, 1000, cycleEnds);
      for (Diary.Entry e : page.events()) {
        if (!java.time.LocalDate.ofInstant(e.event().time(), java.time.ZoneOffset.UTC)
            .equals(today)) continue;
        Map<String, Object> end = Json.parseObject(e.event().json());
        TokenUsage t = DiarySchema.tokensOf(end);
        if (t.total() > 0) budget.record(t, DiarySchema.costOf(end));
      }
      if (!page.hasMore() || page.events().isEmpty()) break;
      cursor = page.next();
    }
  }

  /**
   * Runs the next cycle; never throws for a failure inside it (the failure is recorded and {@code
   * ok} is false).
   */
  public synchronized CycleReport runCycle() {
    if (!started) start();
    CycleRun run = new CycleRun(++lastCycleNumber, clock.now(), System.nanoTime());
    cycleRunning = true;
    trading.lock();
    try {
      beginCycle(run);
      LiveSnapshot snap = readSnapshot(false);
      if (lastExposure == null || !snap.account().value().positions().isEmpty())
        lastExposure = run.startedAt;
      pollFills(run.cycle);
      loadInfos();
      policy.observe(snap.account().value());
      saveDayBaseline();
      KillSwitch.State ks = checkHalts(run.cycle);
      if (ks.level() == KillSwitch.Level.FLATTEN) {
        flatten(run.cycle, snap.account().value(), snap.orders().value(), snap.markPrices());
      } else {
        LiveSnapshot protectedSnap = protect(run.cycle, snap);
        onCycleSnapshot.accept(protectedSnap);
        // Contexts and marks as the cycle first read them; account and orders after the protection
        // repairs.
        decideAndTrade(
            run,
            ks,
            protectedSnap.account().value(),
            protectedSnap.orders().value(),
            snap.liveContexts(),
            snap.markPrices());
      }
      if (!pollFills(run.cycle)) run.ok = false;
      // Flat for longer than the tail: no payment can be due (a later position brings it back),
      // unless the last poll failed: then the payments before it are still to be picked up.
      if (fundingBehind || !run.startedAt.isAfter(lastExposure.plus(FUNDING_TAIL))) {
        fundingBehind = !pollFunding(run.cycle);
        if (fundingBehind) run.ok = false;
      }
      saveState();
    } catch (RuntimeException e) {
      run.ok = false;
      rec.error(run.cycle, null, "cycle", e);
    } finally {
      trading.unlock();
      endCycle(run);
    }
    return new CycleReport(run.cycle, run.ok, run.executions);
  }

  /** What the running cycle has done so far: the steps of {@link #runCycle} fill it in. */
  private static final class CycleRun {
    final long cycle;
    final Instant startedAt;
    final long startNanos;
    final List<Executor.Result> executions = new ArrayList<>();
    boolean ok = true;
    TokenUsage tokens = TokenUsage.ZERO;
    BigDecimal costUsd;
    long decisionLatencyMs = -1;

    /** The assets whose candles are too old to open a position on, and why. */
    final Map<Asset, String> staleCandles = new HashMap<>();

    CycleRun(long cycle, Instant startedAt, long startNanos) {
      this.cycle = cycle;
      this.startedAt = startedAt;
      this.startNanos = startNanos;
    }
  }

  /**
   * Records the cycle's start and saves the loop's state file (a failure to save fails the cycle,
   * not the protection).
   */
  private void beginCycle(CycleRun run) {
    rec.event(
        run.cycle,
        "cycle-start",
        null,
        Json.obj(
            "cycle", run.cycle, "assets", settings.assets().stream().map(Asset::name).toList()));
    try {
      saveState();
    } catch (RuntimeException e) {
      // The loop's own bookkeeping must not keep positions from being protected.
      run.ok = false;
      rec.error(
          run.cycle,
          null,
          "state",
          "the loop state file could not be written; the cycle goes on: " + Executor.describe(e));
    }
  }

  /**
   * Gives every position its protection; returns the snapshot to decide on (read again when
   * something was repaired).
   */
  private LiveSnapshot protect(long cycle, LiveSnapshot snap) {
    if (reconciler.reconcile(Reconciler.Sweep.of(cycle, snap, infos), false) > 0)
      return live.refresh();
    return snap;
  }

  /**
   * Asks the decision maker, unless the day's token budget is spent, and executes what the loop's
   * risk check approves. A failed decision counts towards safe mode and executes nothing.
   */
  private void decideAndTrade(
      CycleRun run,
      KillSwitch.State ks,
      AccountState account,
      List<OpenOrder> orders,
      Map<Asset, AssetContext> contexts,
      Map<Asset, BigDecimal> marks) {
    Optional<String> spent = budget.exhausted();
    if (spent.isPresent()) {
      rec.error(
          run.cycle,
          null,
          "token-budget",
          spent.get()
              + "; the model is not asked until the next UTC day, positions stay protected");
      return;
    }
    AgentResult outcome = ask(run, request(run, ks, account, orders, contexts));
    if (outcome == null) return;
    long decidedAt = System.nanoTime();
    run.tokens = outcome.transcript().tokens();
    run.costUsd = outcome.transcript().costUsd().orElse(null);
    budget.record(outcome.transcript());
    rec.transcript(run.cycle, outcome);
    if (outcome.error() != null) {
      decisionFailed(run.cycle, outcome.error());
      run.ok = false;
      return;
    }
    if (failedDecisions > 0 || safeMode) {
      if (safeMode) log.info("cycle {}: a decision succeeded, safe mode off", run.cycle);
      failedDecisions = 0;
      safeMode = false;
    }
    // The model may have thought for minutes: the proposals are judged on the account as it is
    // now (a position opened meanwhile, a loss that reached the daily limit and halts entries).
    boolean acts =
        outcome.decisions().stream()
            .anyMatch(d -> d.proposal().action() != TradeDecision.Action.HOLD);
    boolean accountKnown = true;
    if (acts) {
      try {
        account = judgingSnapshot().account().value();
        policy.observe(account);
        saveDayBaseline();
        checkHalts(run.cycle);
      } catch (RuntimeException e) {
        // Closes and protection moves still go out (they judge nothing on the account's money);
        // entries are not sent on an account that may be minutes old.
        run.ok = false;
        rec.error(run.cycle, null, "execution", e);
        accountKnown = false;
      }
    }
    execute(run, outcome, account, accountKnown, marks, decidedAt);
  }

  /** What the decision maker sees this cycle. */
  private DecisionMaker.Request request(
      CycleRun run,
      KillSwitch.State ks,
      AccountState account,
      List<OpenOrder> orders,
      Map<Asset, AssetContext> contexts) {
    long cycle = run.cycle;
    String restriction = restriction(ks);
    Map<Asset, List<Candle>> candles = new LinkedHashMap<>();
    Instant now = clock.now();
    Instant from = now.minus(settings.interval().duration().multipliedBy(settings.candleCount()));
    if (settings.candleCount() > 0) {
      for (Asset a : settings.assets()) {
        List<Candle> list = market.candles(a, settings.interval(), from, now);
        candles.put(a, list);
        staleness(a, list, now)
            .ifPresent(
                why -> {
                  run.staleCandles.put(a, why);
                  rec.error(cycle, a, "market-data", why + "; no entry in " + a + " this cycle");
                });
      }
    }
    Map<Asset, AssetContext> known = new HashMap<>();
    for (Asset a : settings.assets()) if (contexts.containsKey(a)) known.put(a, contexts.get(a));
    return new DecisionMaker.Request(
        cycle,
        now,
        settings.assets(),
        account,
        orders,
        candles,
        known,
        policy.limits(),
        restriction == null,
        restriction);
  }

  /**
   * Why {@code candles} (an asset's, up to {@code now}) are too old to open a position on: none at
   * all, or the newest closed more than {@link #STALE_CANDLES_AFTER} intervals before {@code now}
   * (an exchange whose candles stopped, a simulator whose clock fell behind); empty when they are
   * current.
   */
  private Optional<String> staleness(Asset asset, List<Candle> candles, Instant now) {
    Interval iv = settings.interval();
    if (candles.isEmpty()) return Optional.of("no " + asset + " " + iv.wire() + " candles");
    Instant newest = candles.getLast().closeTime();
    Duration age = Duration.between(newest, now);
    if (age.compareTo(iv.duration().multipliedBy(STALE_CANDLES_AFTER)) <= 0)
      return Optional.empty();
    return Optional.of(
        "the newest "
            + asset
            + " "
            + iv.wire()
            + " candle closed at "
            + newest
            + ", "
            + age.toMinutes()
            + " min before this cycle");
  }

  /**
   * Asks the decision maker without holding the trading lock (the watchdog may repair protection
   * while the model thinks); null when it threw, which is recorded as a failed decision.
   */
  private AgentResult ask(CycleRun run, DecisionMaker.Request request) {
    long askedAt = System.nanoTime();
    trading.unlock();
    try {
      AgentResult outcome = decisionMaker.decide(request);
      run.decisionLatencyMs = (System.nanoTime() - askedAt) / 1_000_000;
      return outcome;
    } catch (RuntimeException e) {
      run.decisionLatencyMs = (System.nanoTime() - askedAt) / 1_000_000;
      decisionFailed(run.cycle, Executor.describe(e));
      run.ok = false;
      return null;
    } finally {
      trading.lock();
    }
  }

  /** Judges and executes each proposal in order, reading the account again after each execution. */
  private void execute(
      CycleRun run,
      AgentResult outcome,
      AccountState account,
      boolean accountKnown,
      Map<Asset, BigDecimal> marks,
      long decidedAt) {
    boolean repair = false;
    for (AgentDecision proposed : outcome.decisions()) {
      // The proposal, not the agent's verdict on it: the loop's risk check in handle() is the one
      // that counts.
      TradeDecision d = proposed.proposal();
      if (!accountKnown && d.action().opens()) {
        rec.error(
            run.cycle,
            d.asset(),
            "execution",
            "not sent: the account could not be read, so the entry cannot be judged");
        continue;
      }
      try {
        Executor.Result r = handle(run.cycle, d, account, marks, run.staleCandles, decidedAt);
        if (r != null) {
          run.executions.add(r);
          repair |= r.status() == Executor.Status.FAILED;
          account = live.refresh().account().value();
          pollFills(run.cycle);
        }
      } catch (RuntimeException e) {
        run.ok = false;
        rec.error(run.cycle, d.asset(), "execution", e);
        repair = true;
        // What the failed execution did is unknown: what follows is judged on the account as it
        // is now, and no entry is sent while that cannot be read.
        try {
          account = live.refresh().account().value();
          pollFills(run.cycle);
        } catch (RuntimeException again) {
          accountKnown = false;
          rec.error(run.cycle, d.asset(), "execution", again);
        }
      }
    }
    // A failed execution may have left a position without its stop-loss: repaired now, not at the
    // watchdog's next round (there is none in a backtest) or the next cycle.
    if (repair) repairProtection(run.cycle);
  }

  /** Repairs the protection of every position that needs it, on a fresh read. */
  private void repairProtection(long cycle) {
    try {
      LiveSnapshot snap = live.refresh();
      if (Reconciler.needingRepair(snap.account().value(), snap.orders().value()).isEmpty()) return;
      loadInfos();
      if (reconciler.protectPositions(Reconciler.Sweep.of(cycle, snap, infos), false) > 0)
        live.refresh();
    } catch (RuntimeException e) {
      rec.error(cycle, null, "reconcile", e);
    }
  }

  /**
   * Records the cycle's end (forced to the disk when the loop syncs each cycle) and updates the
   * status.
   */
  private void endCycle(CycleRun run) {
    Instant finishedAt = clock.now();
    // Durations are wall-clock time, also when the loop runs on simulated time.
    long duration = (System.nanoTime() - run.startNanos) / 1_000_000;
    try {
      rec.event(
          run.cycle,
          "cycle-end",
          null,
          Json.obj(
              "cycle",
              run.cycle,
              "durationMs",
              duration,
              "ok",
              run.ok,
              "tokens",
              DiarySchema.tokens(run.tokens),
              "costUsd",
              run.costUsd,
              "decisionLatencyMs",
              run.decisionLatencyMs < 0 ? null : run.decisionLatencyMs,
              "safeMode",
              safeMode));
      if (settings.syncEachCycle()) rec.flush();
    } catch (RuntimeException e) {
      run.ok = false;
      log.error("cycle {}: the diary could not be written", run.cycle, e);
    }
    lastCycle = new LoopStatus.LastCycle(run.cycle, run.startedAt, finishedAt, duration, run.ok);
    cycleRunning = false;
  }

  /**
   * Carries out the kill switch between cycles, without a cycle: a flatten closes every position
   * now (stop-losses resting until it is flat) and cancels what remains; any other level needs
   * nothing until the next cycle (which asks the model, or not, at the candle close as always).
   * Failures are recorded; the watchdog and the next cycle flatten again while the switch stays
   * set.
   */
  public synchronized void applyKillSwitch() {
    if (!started) start();
    trading.lock();
    try {
      if (killSwitch.stateOrStop().level() != KillSwitch.Level.FLATTEN) return;
      loadInfos();
      // Acts on the exchange's state as it is now, not on the live view's picture.
      LiveSnapshot snap = live.refresh();
      flatten(lastCycleNumber, snap.account().value(), snap.orders().value(), snap.markPrices());
      if (live.background()) live.refresh();
      else live.syncFills();
      if (pollFills(lastCycleNumber)) saveState();
    } catch (RuntimeException e) {
      rec.error(lastCycleNumber, null, "flatten", e);
    } finally {
      trading.unlock();
    }
    rec.flush();
  }

  /**
   * The graceful stop's last step: records the fills the exchange made since the last poll (the
   * same deduplicated path the cycles use, so the diary's fills match the exchange's), saves the
   * fill watermark and flushes the diary. Never throws: a failure is recorded (and logged when the
   * diary itself fails); the fills are then picked up by the next start. Does nothing before {@link
   * #start()}. Called by {@link LoopRunner} when it stops.
   */
  public synchronized void finish() {
    if (!started) return;
    stopWatchdog();
    trading.lock();
    try {
      live.syncFills();
      pollFills(lastCycleNumber);
      saveState(true);
      pollFunding(lastCycleNumber);
    } catch (RuntimeException e) {
      rec.error(lastCycleNumber, null, "stop", e);
    } finally {
      trading.unlock();
    }
    try {
      rec.flush();
    } catch (RuntimeException e) {
      log.error("the diary could not be flushed at stop", e);
    }
  }

  /** Records new funding payments; a failure is recorded and they are picked up by a later poll. */
  private boolean pollFunding(long cycle) {
    return poll(cycle, "funding", c -> funding.poll(c));
  }

  /**
   * Picks up new fills; a failure is recorded and the fills are picked up by a later poll (the
   * watermark stays).
   */
  private boolean pollFills(long cycle) {
    return poll(
        cycle,
        "fills",
        c -> {
          // A fill is a position seen: funding may be due for it.
          if (!fills.poll(c).isEmpty()) lastExposure = clock.now();
        });
  }

  /** A {@code kill-switch} event: the state, who set it and why, then the {@code more} members. */
  private void killSwitchEvent(
      long cycle, KillSwitch.Level level, String by, String reason, Object... more) {
    Map<String, Object> data = Json.obj("state", level.id(), "by", by, "reason", reason);
    data.putAll(Json.obj(more));
    rec.event(cycle, "kill-switch", null, data);
  }

  /**
   * Runs one tracker's poll; false when it failed, which is recorded as an error at {@code where}.
   */
  private boolean poll(long cycle, String where, LongConsumer tracker) {
    try {
      tracker.accept(cycle);
      return true;
    } catch (RuntimeException e) {
      rec.error(cycle, null, where, e);
      return false;
    }
  }

  private Executor.Result handle(
      long cycle,
      TradeDecision d,
      AccountState account,
      Map<Asset, BigDecimal> marks,
      Map<Asset, String> staleCandles,
      long decidedAt) {
    rec.event(cycle, "decision", d.asset(), DiarySchema.decision(d));
    BigDecimal mark = marks.get(d.asset());
    RiskVerdict verdict;
    String restriction = d.action().opens() ? restriction(killSwitch.stateOrStop()) : null;
    if (restriction != null) {
      verdict =
          new RiskVerdict(
              RiskVerdict.Outcome.REJECTED,
              d,
              List.of(new RiskVerdict.Reason(restrictionCode(), restriction)));
    } else if (d.action().opens() && staleCandles.containsKey(d.asset())) {
      verdict =
          new RiskVerdict(
              RiskVerdict.Outcome.REJECTED,
              d,
              List.of(new RiskVerdict.Reason("stale-candles", staleCandles.get(d.asset()))));
    } else if (mark == null) {
      verdict =
          d.action() == TradeDecision.Action.HOLD
              ? new RiskVerdict(RiskVerdict.Outcome.APPROVED, d, List.of())
              : new RiskVerdict(
                  RiskVerdict.Outcome.REJECTED,
                  d,
                  List.of(new RiskVerdict.Reason("no-price", "no mark price for " + d.asset())));
    } else {
      verdict = policy.evaluate(d, account, mark, infos.get(d.asset()));
    }
    verdictEvent(cycle, verdict);
    if (!verdict.allowed()) return null;
    TradeDecision approved = verdict.decision();
    AssetInfo info = infos.get(approved.asset());
    if (info == null && approved.action() != TradeDecision.Action.HOLD) {
      rec.error(
          cycle, approved.asset(), "execution", "the exchange does not list " + approved.asset());
      return null;
    }
    Optional<Position> position = account.position(approved.asset());
    return switch (approved.action()) {
      case HOLD -> null;
      case OPEN_LONG, OPEN_SHORT -> {
        // The model may have thought for minutes: judge the entry again at the mark as it is now,
        // and size and price the order from that mark.
        Stamped<BigDecimal> fresh = freshMark(approved.asset(), mark);
        Optional<String> stale =
            PriceRecheck.stale(approved, mark, fresh.value(), priceToleranceBps);
        RiskVerdict again =
            stale.isPresent()
                ? new RiskVerdict(
                    RiskVerdict.Outcome.REJECTED,
                    approved,
                    List.of(new RiskVerdict.Reason("stale-price", stale.get())))
                : judgeAgain(approved, account, mark, fresh.value(), info);
        if (!recheckPasses(cycle, approved, again, mark, fresh)) yield null;
        yield executor.open(cycle, again.decision(), fresh.value(), info, decidedAt);
      }
      case CLOSE -> {
        // Priced from the mark as it is now: the cycle's may be minutes old.
        BigDecimal now = freshMark(approved.asset(), mark).value();
        yield position.map(p -> executor.close(cycle, p, now, info, "decision")).orElse(null);
      }
      case ADJUST_PROTECTION -> {
        // A stop-loss judged at a mark the market has since passed would fire at once.
        Stamped<BigDecimal> fresh = freshMark(approved.asset(), mark);
        RiskVerdict again = judgeAgain(approved, account, mark, fresh.value(), info);
        if (!recheckPasses(cycle, approved, again, mark, fresh)) yield null;
        yield position.map(p -> executor.adjust(cycle, again.decision(), p, info)).orElse(null);
      }
    };
  }

  /** The live view's mark of {@code asset}, or the cycle's {@code mark} when it has none. */
  private Stamped<BigDecimal> freshMark(Asset asset, BigDecimal mark) {
    return live.mark(asset).orElse(new Stamped<>(mark, clock.now()));
  }

  /**
   * The risk policy's verdict on an approved decision at the fresh mark: the same limits (stop
   * distance and side, reward to risk, liquidation buffer) at the price the order meets.
   */
  private RiskVerdict judgeAgain(
      TradeDecision approved,
      AccountState account,
      BigDecimal judged,
      BigDecimal fresh,
      AssetInfo info) {
    return fresh.compareTo(judged) == 0
        ? new RiskVerdict(RiskVerdict.Outcome.APPROVED, approved, List.of())
        : policy.evaluate(approved, account, fresh, info);
  }

  /**
   * Whether the recheck lets {@code approved} go, as {@code again.decision()}. A recheck that
   * refuses or changes it (the policy clipped the leverage at the fresh mark) is recorded as a
   * verdict of {@code stage: recheck}; a refusal is told to the model.
   */
  private boolean recheckPasses(
      long cycle,
      TradeDecision approved,
      RiskVerdict again,
      BigDecimal judged,
      Stamped<BigDecimal> fresh) {
    if (again.outcome() == RiskVerdict.Outcome.APPROVED
        || (again.allowed() && again.decision().equals(approved))) return true;
    verdictEvent(
        cycle,
        again,
        "stage",
        "recheck",
        "decisionMark",
        judged,
        "freshMark",
        fresh.value(),
        "freshMarkAgeMs",
        fresh.age(clock.now()).toMillis());
    if (again.allowed()) return true;
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (RiskVerdict.Reason r : again.reasons()) {
      codes.add(r.code());
      messages.add(r.message());
    }
    decisionMaker.feedback(
        again.decision(),
        "not sent ("
            + String.join(", ", codes)
            + "): "
            + String.join("; ", messages)
            + " (at the mark "
            + fresh.value().toPlainString()
            + ")");
    return false;
  }

  /** Records a {@code risk-verdict} event: the verdict, then the {@code more} key/value pairs. */
  private void verdictEvent(long cycle, RiskVerdict verdict, Object... more) {
    List<Object> reasons = new ArrayList<>();
    for (RiskVerdict.Reason r : verdict.reasons())
      reasons.add(Json.obj("code", r.code(), "message", r.message()));
    Map<String, Object> data =
        Json.obj(
            "outcome",
            verdict.outcome(),
            "reasons",
            reasons,
            "decision",
            DiarySchema.decision(verdict.decision()));
    data.putAll(Json.obj(more));
    rec.event(cycle, "risk-verdict", verdict.decision().asset(), data);
  }

  private void decisionFailed(long cycle, String message) {
    failedDecisions++;
    rec.error(cycle, null, "decision", message);
    if (!safeMode && failedDecisions >= settings.safeModeAfter()) {
      safeMode = true;
      rec.error(
          cycle,
          null,
          "safe-mode",
          failedDecisions
              + " consecutive failed decisions: no new entries until a decision succeeds");
    }
  }

  /**
   * Applies the risk policy's daily-loss halt through the kill switch, and lifts it when its time
   * has come. Both are compare-and-set: a level set meanwhile (a flatten from the API) is never
   * overwritten. An unreadable kill-switch file is recorded and read as stop-entries; protection
   * goes on.
   */
  private KillSwitch.State checkHalts(long cycle) {
    boolean halted = false;
    KillSwitch.State ks;
    synchronized (switchEvents) {
      ks = killSwitch.stateOrStop();
      if (KillSwitch.UNREADABLE.equals(ks.by())) {
        rec.error(cycle, null, "kill-switch", ks.reason());
        lastSeenKillSwitch = ks;
        return ks;
      }
      recordOutsideChange(cycle, ks);
      Instant now = clock.now();
      if (ks.level() != KillSwitch.Level.NONE && ks.until() != null && !now.isBefore(ks.until())) {
        boolean lifted =
            killSwitch.compareAndSet(ks, KillSwitch.Level.NONE, null, ks.by(), now, null);
        String by = ks.by();
        ks = killSwitch.stateOrStop();
        if (lifted) killSwitchEvent(cycle, KillSwitch.Level.NONE, by, "the halt's time ran out");
      }
      Optional<RiskPolicy.Halt> halt = policy.halted();
      if (halt.isPresent() && ks.level() == KillSwitch.Level.NONE) {
        halted =
            killSwitch.compareAndSet(
                ks,
                KillSwitch.Level.STOP_ENTRIES,
                halt.get().reason(),
                "risk-policy",
                now,
                halt.get().until());
        ks = killSwitch.stateOrStop();
        if (halted) {
          killSwitchEvent(
              cycle,
              KillSwitch.Level.STOP_ENTRIES,
              "risk-policy",
              halt.get().reason(),
              "until",
              halt.get().until());
        }
      }
      lastSeenKillSwitch = ks;
    }
    if (halted) onKillSwitch.run();
    return ks;
  }

  /**
   * Records {@code ks} when it was set from outside this process (the CLI writes the file) since
   * the loop last looked: here, the diary's only writer. A resume also lifts the policy's halt.
   * {@code ks} must have been read while holding {@code switchEvents}: a state read before a change
   * this process made would otherwise be recorded as an outside change, and that change again.
   */
  private void recordOutsideChange(long cycle, KillSwitch.State ks) {
    assert Thread.holdsLock(switchEvents);
    if (lastSeenKillSwitch == null || ks.equals(lastSeenKillSwitch)) return;
    lastSeenKillSwitch = ks;
    killSwitchEvent(cycle, ks.level(), ks.by(), ks.reason());
    if (ks.level() == KillSwitch.Level.NONE) {
      policy.resume();
      saveDayBaseline();
    }
  }

  private String restriction(KillSwitch.State ks) {
    if (ks.level() != KillSwitch.Level.NONE)
      return "kill switch " + ks.level().id() + (ks.reason() == null ? "" : ": " + ks.reason());
    // A position opened now could not be recorded: none until the diary writes again (protection
    // goes on).
    String diaryFault = rec.diaryFault();
    if (diaryFault != null) return "the diary cannot be written: " + diaryFault;
    if (safeMode) return "safe mode after " + failedDecisions + " consecutive failed decisions";
    return null;
  }

  private String restrictionCode() {
    if (killSwitch.stateOrStop().level() != KillSwitch.Level.NONE) return "kill-switch";
    return rec.diaryFault() != null ? "diary" : "safe-mode";
  }

  /**
   * Closes every position with its stop-loss and take-profit still resting (a reduce-only IOC
   * close, retried with backoff while it does not fill); an asset's protection is cancelled, one
   * order at a time, only once it is flat. Orders that could open or add to a position are
   * cancelled first. A position still open afterwards stays protected (reconciled); the watchdog
   * (between cycles) and the next cycle try again.
   */
  private void flatten(
      long cycle, AccountState account, List<OpenOrder> orders, Map<Asset, BigDecimal> marks) {
    lastFlatten = clock.now();
    for (OpenOrder o : orders) {
      if (!o.isTrigger() && !o.reduceOnly()) executor.cancel(cycle, o, "flatten");
    }
    for (Position p : account.positions()) {
      AssetInfo info = infos.get(p.asset());
      BigDecimal mark = marks.get(p.asset());
      if (info == null || mark == null) {
        rec.error(
            cycle, p.asset(), "flatten", "no market data for " + p.asset() + "; cannot close it");
        continue;
      }
      closeForFlatten(cycle, p, mark, info);
    }
    // Whatever is still open keeps its stop-loss; the triggers of closed positions are cancelled
    // one by one.
    AccountState after = exchange.accountState();
    List<OpenOrder> left = exchange.openOrders();
    reconciler.reconcile(new Reconciler.Sweep(cycle, after, left, marks, infos), false);
    for (OpenOrder o : left) {
      if (!o.isTrigger() && after.position(o.asset()).isEmpty())
        executor.cancel(cycle, o, "flatten");
    }
  }

  /**
   * Closes {@code p}, retrying up to {@link #FLATTEN_ATTEMPTS} times with growing waits and a fresh
   * mark.
   */
  private void closeForFlatten(long cycle, Position p, BigDecimal mark, AssetInfo info) {
    Position open = p;
    for (int attempt = 1; ; attempt++) {
      Executor.Result r =
          executor.close(cycle, open, mark, info, attempt == 1 ? "flatten" : "flatten-" + attempt);
      if (r.status() == Executor.Status.CLOSED) return;
      Optional<Position> still = exchange.accountState().position(p.asset());
      if (still.isEmpty()) return;
      if (attempt >= FLATTEN_ATTEMPTS) {
        rec.error(
            cycle,
            p.asset(),
            "flatten",
            "the position is still open after "
                + attempt
                + " closes; its protection stays and the flatten is tried again");
        return;
      }
      open = still.get();
      try {
        Thread.sleep(FLATTEN_BACKOFF.toMillis() * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        mark = (live.background() ? live.snapshot() : live.refresh()).mark(p.asset()).orElse(mark);
      } catch (RuntimeException e) {
        rec.error(
            cycle,
            p.asset(),
            "flatten",
            "no fresh mark price, closing at the last one: " + Executor.describe(e));
      }
    }
  }

  /**
   * Sets the kill switch (persisted before returning), records it and wakes the runner. Resuming
   * also lifts the risk policy's daily-loss halt. Setting the level the switch already has (a
   * second resume, a second flatten) writes, records and wakes nothing — except over a halt that
   * lifts by itself, which the setting makes lasting.
   *
   * @param by who set it: {@code api}, {@code cli}, …
   */
  public KillSwitch.State setKillSwitch(KillSwitch.Level level, String reason, String by) {
    KillSwitch.State s;
    synchronized (switchEvents) {
      if (killSwitch.alreadyAt(level)) return killSwitch.stateOrStop();
      s = killSwitch.set(level, reason, by, clock.now());
      lastSeenKillSwitch = s;
      if (level == KillSwitch.Level.NONE) {
        policy.resume();
        try {
          saveDayBaseline();
        } catch (RuntimeException e) {
          // The next cycle saves it again; until then a restart measures from the older baseline
          // (the stricter one).
          log.warn("the daily-loss baseline could not be saved: {}", e.getMessage());
        }
      }
      killSwitchEvent(lastCycleNumber, level, by, reason);
    }
    rec.flush();
    log.info("kill switch set to {} by {}{}", level.id(), by, reason == null ? "" : ": " + reason);
    onKillSwitch.run();
    return s;
  }

  /** Tells the status when the next cycle is scheduled (null for none). Called by the runner. */
  public void scheduled(Instant next) {
    this.nextCycleAt = next;
  }

  /** A snapshot of the loop's state; threadsafe and cheap. */
  public LoopStatus status() {
    KillSwitch.State ks = killSwitch.stateOrStop();
    LoopStatus.State state;
    if (ks.level() != KillSwitch.Level.NONE) state = LoopStatus.State.HALTED;
    else if (cycleRunning) state = LoopStatus.State.ACTIVE;
    else if (nextCycleAt != null) state = LoopStatus.State.IDLE;
    else state = LoopStatus.State.PAUSED;
    String haltReason = ks.level() != KillSwitch.Level.NONE ? ks.reason() : null;
    if (haltReason == null && ks.level() != KillSwitch.Level.NONE)
      haltReason = "kill switch " + ks.level().id() + " set by " + ks.by();
    return new LoopStatus(state, ks.level(), haltReason, safeMode, lastCycle, nextCycleAt);
  }

  private void loadInfos() {
    if (!infos.keySet().containsAll(settings.assets())) {
      for (AssetInfo i : market.assets()) infos.put(i.asset(), i);
    }
  }

  /**
   * The picture the cycle (or the start) reads: the live view's as it stands when it follows the
   * exchange in the background, else read from the exchange now.
   */
  private LiveSnapshot readSnapshot(boolean startup) {
    if (!live.started()) {
      live.start();
      return live.snapshot();
    }
    return live.background() && !startup ? live.snapshot() : live.refresh();
  }

  /**
   * The picture proposals are judged on: the live view's, unless its account is older than two
   * resync periods (the socket stayed up while REST reads failed), then read now; read now without
   * a background view.
   */
  private LiveSnapshot judgingSnapshot() {
    if (!live.background()) return live.refresh();
    return live.snapshotNoOlderThan(live.resyncEvery().multipliedBy(2));
  }

  /** Wakes the watchdog: the live view saw something (fills, orders or account read again). */
  private void wakeWatchdog() {
    synchronized (watchdogSignal) {
      watchdogWoken = true;
      watchdogSignal.notifyAll();
    }
  }

  private void stopWatchdog() {
    watching = false;
    wakeWatchdog();
  }

  /**
   * The watchdog's thread: on every live-view event, and at least once a second, records fills and
   * repairs protection.
   */
  private void watch() {
    while (watching) {
      synchronized (watchdogSignal) {
        if (!watchdogWoken) {
          try {
            watchdogSignal.wait(1000);
          } catch (InterruptedException e) {
            return;
          }
        }
        watchdogWoken = false;
      }
      if (!watching) return;
      try {
        betweenCycles();
      } catch (RuntimeException e) {
        rec.error(lastCycleNumber, null, "watchdog", e);
      }
    }
  }

  /**
   * One round of the watchdog: new fills to the diary and the risk policy, then every position
   * checked for its stop-loss; a repair acts on a fresh REST read, never on the possibly older
   * view. A repair of an asset that did not hold waits {@link #REPAIR_BACKOFF_MIN}, doubling up to
   * {@link #REPAIR_BACKOFF_MAX}, before the next; a round repairs only the assets whose pause is
   * over. Skipped while the cycle holds the lock for longer than a few seconds (it reconciles
   * itself).
   */
  void betweenCycles() {
    boolean locked;
    try {
      locked = trading.tryLock(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!locked) return;
    try {
      long cycle = lastCycleNumber;
      int before = fills.seenAtWatermark().size();
      Instant watermark = fills.watermark();
      pollFills(cycle);
      boolean newFills =
          !watermark.equals(fills.watermark()) || before != fills.seenAtWatermark().size();
      if (newFills) {
        saveState();
        if (settings.syncEachCycle()) rec.flush();
      }
      if (killSwitch.stateOrStop().level() == KillSwitch.Level.FLATTEN && flattenAgain(cycle))
        return;
      LiveSnapshot snap = live.snapshot();
      List<Asset> seen = Reconciler.needingRepair(snap.account().value(), snap.orders().value());
      repairBackoff.keySet().retainAll(seen);
      // A repair that did not hold is tried again after a growing pause, not at every round: each
      // try reads and writes the exchange, and its answers wake the watchdog again.
      long now = System.nanoTime();
      if (seen.stream()
          .noneMatch(a -> repairBackoff.get(a) == null || repairBackoff.get(a).over(now))) return;
      snap = live.refresh();
      List<Asset> unprotected =
          Reconciler.needingRepair(snap.account().value(), snap.orders().value());
      repairBackoff.keySet().retainAll(unprotected);
      List<Asset> due =
          unprotected.stream()
              .filter(a -> repairBackoff.get(a) == null || repairBackoff.get(a).over(now))
              .toList();
      if (due.isEmpty()) return;
      for (Asset a : due)
        repairBackoff.merge(a, new Backoff(now, REPAIR_BACKOFF_MIN), (was, first) -> was.next(now));
      loadInfos();
      for (Asset a : due) {
        rec.protection(
            cycle,
            a,
            "watchdog",
            "between cycles: the position's protection is missing or mis-sized; repairing it now");
      }
      // The executor gives each repair a fresh client order id: the watchdog may repair the same
      // asset twice in one cycle.
      int repairs =
          reconciler.protectPositions(
              Reconciler.Sweep.of(cycle, snap, infos), false, due::contains);
      if (repairs > 0) live.refresh();
      if (settings.syncEachCycle()) rec.flush();
    } finally {
      trading.unlock();
    }
  }

  /**
   * The watchdog's part in a flatten: closes what is still open (a position the flatten could not
   * close, one opened by hand meanwhile) when {@link #FLATTEN_RETRY_EVERY} has passed since the
   * last flatten, acting on a fresh read. True when it flattened (which also protects what it could
   * not close); false when nothing is open or it is too early, and the watchdog then repairs
   * protection as usual.
   */
  private boolean flattenAgain(long cycle) {
    if (live.snapshot().account().value().positions().isEmpty()) return false;
    if (lastFlatten != null && clock.now().isBefore(lastFlatten.plus(FLATTEN_RETRY_EVERY)))
      return false;
    // Counted from the try, not from a flatten that happened: an exchange that does not answer is
    // asked again in FLATTEN_RETRY_EVERY, not at every round.
    lastFlatten = clock.now();
    LiveSnapshot snap = live.refresh();
    if (snap.account().value().positions().isEmpty()) return false;
    // The switch as it is after the read: a resume meanwhile wins.
    synchronized (switchEvents) {
      KillSwitch.State ks = killSwitch.stateOrStop();
      if (ks.level() != KillSwitch.Level.FLATTEN) return false;
      recordOutsideChange(cycle, ks);
    }
    loadInfos();
    for (Position p : snap.account().value().positions()) {
      rec.protection(
          cycle,
          p.asset(),
          "watchdog",
          "between cycles: the position is still open while the kill switch says flatten; closing it now");
    }
    flatten(cycle, snap.account().value(), snap.orders().value(), snap.markPrices());
    live.refresh();
    if (pollFills(cycle)) saveState();
    if (settings.syncEachCycle()) rec.flush();
    return true;
  }

  /**
   * Persists the risk policy's daily-loss baseline when it changed (a new day, a manual resume).
   */
  private void saveDayBaseline() {
    synchronized (baselineLock) {
      RiskPolicy.DayBaseline b = policy.dayBaseline().orElse(null);
      if (b != null && !b.equals(savedBaseline)) {
        dayBaselineFile.save(b, account);
        savedBaseline = b;
      }
    }
  }

  private void saveState() {
    saveState(false);
  }

  /**
   * Saves the cycle number and the fill watermark; a backtest ({@code syncEachCycle} false) is
   * rerun, not resumed, and saves them only at its {@code last} save, when it finishes.
   */
  private void saveState(boolean last) {
    if (!settings.syncEachCycle() && !last) return;
    LoopStateFile.State s =
        new LoopStateFile.State(
            lastCycleNumber, fills.watermark(), fills.seenAtWatermark(), account);
    LoopStateFile.State before = savedState != null ? savedState : startState;
    if (before != null
        && (!s.fillWatermark().equals(before.fillWatermark())
            || !s.seenAtWatermark().equals(before.seenAtWatermark()))) {
      // The watermark says "these fills are in the diary": their lines reach the disk first, or a
      // power loss
      // between the two writes loses fills from the diary for good. Not durable yet: keep the old
      // watermark.
      boolean durable = settings.syncEachCycle() || last ? rec.flush() : rec.diaryFault() == null;
      if (!durable)
        s =
            new LoopStateFile.State(
                lastCycleNumber, before.fillWatermark(), before.seenAtWatermark(), account);
    }
    // Each save is an atomic write, fsync'ed unless the loop syncs only at the end: skip it when
    // nothing changed.
    if (!s.equals(savedState)) {
      stateFile.save(s, settings.syncEachCycle());
      savedState = s;
    }
  }
}
