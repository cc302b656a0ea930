package dev.rez.app.arena;

import dev.rez.agent.AgentResult;
import dev.rez.agent.ModelPrice;
import dev.rez.agent.TokenUsage;
import dev.rez.app.diary.AppStart;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.DecisionMaker;
import dev.rez.app.loop.Executor;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.LoopClock;
import dev.rez.app.loop.TokenBudget;
import dev.rez.app.loop.TradingLoop;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.RiskPolicy;
import dev.rez.core.TrackRecord;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One contestant in a run: its account, diary, risk policy and trading loop, and what the
 * leaderboard needs (its equity after every cycle, its tokens, its held cycles). {@link
 * #runCycle()} never throws.
 */
final class Contestant implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Contestant.class);

  final String name;
  private final HyperliquidExchange exchange;
  private final JsonlDiary diary;
  private final Diary writer;
  private final RiskPolicy policy;
  private final Counting decisions;
  private final ModelPrice price;
  private final TradingLoop loop;
  private final BigDecimal startingEquity;
  private final double[] equity;
  private int cycles;
  private volatile BigDecimal lastEquity;

  /**
   * Wires the contestant's loop over its own account and records {@code app-start} in its diary.
   * The diary stays the caller's to close if this throws. {@code writer} is what the loop appends
   * to: {@code diary} or a filter over it.
   */
  Contestant(
      Arena.Entry entry,
      Asset asset,
      Interval interval,
      HyperliquidExchange exchange,
      MarketData market,
      JsonlDiary diary,
      Diary writer,
      Path diaryPath,
      RiskPolicy policy,
      DecisionMaker dm,
      LoopClock clock,
      String simulatorId,
      int maxCycles) {
    this.name = entry.name();
    this.price = entry.price();
    this.decisions = new Counting(dm);
    this.exchange = exchange;
    this.diary = diary;
    this.writer = writer;
    this.policy = policy;
    // A backtest's pace: the diary is forced to the disk once at the end.
    TradingLoop.Settings settings =
        new TradingLoop.Settings(
            List.of(asset),
            interval,
            0,
            3,
            new BigDecimal("0.02"),
            Executor.Settings.defaults("arena-" + name),
            diaryPath,
            f -> null,
            false);
    TokenBudget budget = new TokenBudget(entry.dailyTokens(), null, null, clock.asClock());
    this.loop =
        new TradingLoop(settings, exchange, market, writer, policy, decisions, budget, clock);
    this.startingEquity = exchange.accountState().equity();
    this.lastEquity = startingEquity;
    this.equity = new double[maxCycles];
    String address = exchange.accountAddress().orElseThrow();
    writer.append(
        new AppStart(
                "arena",
                "simulator",
                address,
                address,
                List.of(asset.name()),
                interval.wire(),
                dm.name(),
                policy.limits().profile(),
                startingEquity,
                "arena-" + name,
                simulatorId)
            .event(clock.now(), Map.of(), Map.of("contestant", name)));
  }

  /**
   * The simulated account's key: derived from the name, so that a rerun trades the same account
   * addresses.
   */
  static PrivateKeySigner signer(String name) {
    try {
      byte[] b =
          MessageDigest.getInstance("SHA-256")
              .digest(("rez-arena/" + name).getBytes(StandardCharsets.UTF_8));
      b[0] = (byte) (b[0] & 0x7f | 0x01);
      return PrivateKeySigner.fromHex(HexFormat.of().formatHex(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a live view shows of this contestant. */
  Arena.Live live(
      Asset asset,
      Interval interval,
      BigDecimal startingEquity,
      java.time.Clock clock,
      String exchangeUrl) {
    return new Arena.Live(
        name,
        decisions.name(),
        asset,
        interval,
        exchange,
        diary,
        policy,
        loop::status,
        startingEquity,
        clock,
        exchangeUrl);
  }

  void start() {
    loop.start();
  }

  /**
   * Runs one cycle of the contestant's loop, then reads its equity; a failure is recorded, never
   * thrown.
   */
  void runCycle() {
    try {
      loop.runCycle();
    } catch (RuntimeException e) {
      // The loop records its own failures; whatever escapes it must not stop the other contestants.
      log.error("contestant {}: the cycle failed", name, e);
    }
    try {
      lastEquity = exchange.accountState().equity();
    } catch (RuntimeException e) {
      log.warn(
          "contestant {}: its equity could not be read, the last one stands: {}",
          name,
          e.getMessage());
    }
    if (cycles < equity.length) equity[cycles++] = lastEquity.doubleValue();
  }

  BigDecimal lastEquity() {
    return lastEquity;
  }

  /**
   * Ends the run: a position still open is closed at the last mark (the loop's flatten, recorded as
   * a kill switch the arena sets), so that the track record, the return and the final equity all
   * count it; then picks up the last fills and forces the diary to the disk.
   */
  void finish() {
    try {
      if (!exchange.accountState().positions().isEmpty()) {
        loop.setKillSwitch(
            KillSwitch.Level.FLATTEN,
            "the arena's run ended: open positions are closed at the last mark",
            "arena");
        loop.applyKillSwitch();
        lastEquity = exchange.accountState().equity();
        // The last cycle's return includes the closing (its fee, its fill's slippage).
        if (cycles > 0) equity[cycles - 1] = lastEquity.doubleValue();
      }
    } catch (RuntimeException e) {
      log.warn("contestant {}: closing its positions at the end failed: {}", name, e.getMessage());
    }
    loop.finish();
    writer.flush();
  }

  /**
   * Per-cycle returns, marked to market: {@code equity_t / equity_t-1 - 1}, from the starting
   * equity.
   */
  double[] returns() {
    double[] r = new double[cycles];
    double before = startingEquity.doubleValue();
    for (int i = 0; i < cycles; i++) {
      r[i] = equity[i] / before - 1;
      before = equity[i];
    }
    return r;
  }

  Leaderboard.Row row(Leaderboard.Comparison vsBaseline) {
    TrackRecord record =
        TrackRecord.fromFills(exchange.fills(Instant.EPOCH), startingEquity)
            .withFunding(exchange.fundings(Instant.EPOCH));
    TokenUsage t = decisions.tokens();
    BigDecimal cost = price == null ? null : price.cost(t).round(MathContext.DECIMAL64);
    return new Leaderboard.Row(
        name,
        decisions.name(),
        policy.limits().profile(),
        record,
        decisions.held(),
        t.input(),
        t.output(),
        cost,
        lastEquity,
        vsBaseline);
  }

  @Override
  public void close() {
    try {
      diary.close();
    } catch (RuntimeException e) {
      log.warn("contestant {}: closing its diary failed: {}", name, e.getMessage());
    }
  }

  /** Adds up the tokens and the failed decisions of the decision maker it wraps. */
  private static final class Counting implements DecisionMaker {
    private final DecisionMaker inner;
    private final AtomicLong input = new AtomicLong();
    private final AtomicLong output = new AtomicLong();
    private final AtomicLong held = new AtomicLong();

    Counting(DecisionMaker inner) {
      this.inner = inner;
    }

    @Override
    public AgentResult decide(Request request) {
      AgentResult o;
      try {
        o = inner.decide(request);
      } catch (RuntimeException e) {
        held.incrementAndGet();
        throw e;
      }
      input.addAndGet(o.transcript().tokens().input());
      output.addAndGet(o.transcript().tokens().output());
      if (o.error() != null) held.incrementAndGet();
      return o;
    }

    @Override
    public String name() {
      return inner.name();
    }

    TokenUsage tokens() {
      return new TokenUsage(input.get(), output.get());
    }

    long held() {
      return held.get();
    }
  }
}
