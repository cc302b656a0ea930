package dev.rez.app.cli;

import dev.rez.app.api.ApiBackend;
import dev.rez.app.api.StatusSnapshot;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.live.CandleCache;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.LoopStatus;
import dev.rez.app.notify.SinkStatus;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP API's view of a running {@link TradingApp}. Account, positions, orders, fills and marks
 * come from the app's live view (memory: no exchange call per request); candles from a cache read
 * at most once per interval. Threadsafe.
 */
final class AppBackend implements ApiBackend {
  private final TradingApp app;
  private final JsonlDiary diary;
  private final CandleCache candles;
  private final Supplier<List<SinkStatus>> notifications;
  private volatile BigDecimal startingEquity;
  private volatile Instant trackRecordSince = Instant.EPOCH;
  private List<dev.rez.core.FundingPayment> fundings; // guarded by this
  private Instant fundingsReadAt;
  private long fundingsWallNanos;

  AppBackend(TradingApp app, JsonlDiary diary) {
    this(app, diary, List::of);
  }

  /** A backend whose status also shows the notification sinks' states. */
  AppBackend(TradingApp app, JsonlDiary diary, Supplier<List<SinkStatus>> notifications) {
    this.app = app;
    this.diary = diary;
    this.candles = new CandleCache(app.exchange, app.live, app.clock.asClock());
    this.notifications = notifications;
    try {
      fundings(); // read once now, so that the first requests do not wait for the exchange
    } catch (RuntimeException e) {
      // read on the first request instead
    }
  }

  @Override
  public StatusSnapshot status() {
    return new StatusSnapshot(
        version(),
        StatusSnapshot.Mode.valueOf(app.spec.mode().name()),
        StatusSnapshot.Network.valueOf(app.spec.network().name()),
        app.address,
        app.signer,
        app.spec.assets(),
        app.spec.interval(),
        app.modelName,
        app.policy.limits().profile(),
        app.loop.status(),
        app.exchangeUrl(),
        app.startedAt,
        notifications.get(),
        app.pluginTools.stream()
            .map(t -> new StatusSnapshot.PluginTool(t.tool().name(), t.source()))
            .toList(),
        false,
        exchangeData());
  }

  /** How current the live view is. */
  private StatusSnapshot.ExchangeData exchangeData() {
    return new StatusSnapshot.ExchangeData(
        app.live.streaming(),
        app.live.snapshot().account().asOf(),
        app.live.sinceAccountRead().toSeconds());
  }

  /** This build's version, {@code development} when run from the classes. */
  static String version() {
    String version = RezCommand.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  @Override
  public AccountState account() {
    return app.live.snapshot().account().value();
  }

  @Override
  public List<OpenOrder> openOrders() {
    return app.live.snapshot().orders().value();
  }

  @Override
  public List<Fill> fills() {
    return app.live.fills();
  }

  /**
   * Funding is paid once an hour: the payments are read again only after an hour boundary passed on
   * the app's clock (and at most once a wall minute, for an accelerated demo), not per request.
   */
  @Override
  public synchronized List<dev.rez.core.FundingPayment> fundings() {
    Instant now = app.clock.now();
    long wall = System.nanoTime();
    boolean newHour =
        fundingsReadAt == null
            || now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).isAfter(fundingsReadAt);
    if (fundings == null || (newHour && wall - fundingsWallNanos >= 60_000_000_000L)) {
      fundings = List.copyOf(app.exchange.fundings(Instant.EPOCH));
      fundingsReadAt = now;
      fundingsWallNanos = wall;
    }
    return fundings;
  }

  /**
   * The equity the track record starts from: the equity when the app first ran with this diary.
   * When that was zero (a wallet funded after the start), what was paid in: the equity now less
   * every profit the fills, the funding and the open positions made, so that the base stays put
   * across restarts and trades. Zero while the account has had no equity.
   */
  @Override
  public synchronized BigDecimal startingEquity() {
    if (startingEquity != null) return startingEquity;
    BigDecimal e = app.startingEquity;
    Instant since = Instant.EPOCH;
    Diary.Page page = diary.read(null, 1, new Diary.Filter("app-start", null));
    if (!page.events().isEmpty()
        && Json.parseObject(page.events().get(0).event().json()).get("equity")
            instanceof BigDecimal first) {
      e = first;
      since = page.events().get(0).event().time();
    }
    trackRecordSince = since;
    if (e.signum() <= 0) {
      e = paidIn(account());
      trackRecordSince = Instant.EPOCH;
    }
    // Kept once positive: the base of every return figure must not move.
    if (e.signum() > 0) startingEquity = e;
    return e;
  }

  /**
   * When the diary's first run began, whose equity {@link #startingEquity()} is; the epoch when the
   * base is what was paid in (every fill counts then).
   */
  @Override
  public synchronized Instant trackRecordSince() {
    startingEquity();
    return trackRecordSince;
  }

  /** {@code account}'s equity less what its fills, funding and open positions made. */
  private BigDecimal paidIn(AccountState account) {
    BigDecimal made = BigDecimal.ZERO;
    for (Fill f : fills()) made = made.add(f.closedPnl()).subtract(f.fee());
    for (dev.rez.core.FundingPayment p : fundings()) made = made.add(p.usdc());
    for (dev.rez.core.Position p : account.positions()) made = made.add(p.unrealizedPnl());
    return account.equity().subtract(made);
  }

  @Override
  public Map<Asset, BigDecimal> markPrices() {
    return app.live.snapshot().markPrices();
  }

  @Override
  public Map<Asset, Instant> markTimes() {
    Map<Asset, Instant> out = new java.util.HashMap<>();
    for (var e : app.live.snapshot().marks().entrySet()) out.put(e.getKey(), e.getValue().asOf());
    return out;
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, int limit) {
    return candles.latest(asset, interval, limit);
  }

  @Override
  public LoopStatus killSwitch(KillSwitch.Level level) {
    app.loop.setKillSwitch(
        level, level == KillSwitch.Level.NONE ? null : "set through the API", "api");
    return app.loop.status();
  }

  @Override
  public JsonlDiary diary() {
    return diary;
  }
}
