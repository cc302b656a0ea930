package dev.rez.app.live;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.hyperliquid.HyperliquidStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-driven view of market and account that the trading loop, the protection watchdog, the
 * API and the dashboard share: mark prices, the account (equity, positions, margin), the resting
 * orders and the account's fills, each stamped with the time the exchange last confirmed it.
 *
 * <pre>{@code
 * LiveView live = LiveView.builder(exchange, exchange)         // REST: Exchange + MarketData
 *     .stream("wss://api.hyperliquid-testnet.xyz/ws", address)  // allMids, userFills, orderUpdates
 *     .clock(clock)
 *     .build();
 * live.start();                      // first REST read, then the socket
 * LiveSnapshot s = live.snapshot();  // what a cycle reads, once
 * live.close();
 * }</pre>
 *
 * <p>How it stays current. With a stream it subscribes to {@code allMids} (prices move the marks
 * and revalue the positions' unrealised PnL at once), {@code userFills} and {@code orderUpdates}
 * (each message triggers a REST resync of account, orders and fills, coalesced). It also resyncs
 * over REST when the socket connects (and after every reconnect: messages may have been missed) and
 * every {@code resyncEvery}. While the socket is down it polls instead: mids and the account every
 * {@code pollEvery} (at least once a second, weight 4), and everything (weight 62: orders, asset
 * contexts, fills) when the positions changed or every tenth poll: about 610 of Hyperliquid's 1200
 * weight a minute per IP at the default 1 s, leaving the rest to the loop. Without a stream (a
 * backtest on a stepped clock) nothing runs in the background: {@link #refresh()} reads the
 * exchange when the owner asks.
 *
 * <p>Listeners are called on the view's threads (marks on the socket's reader thread, the rest on
 * the view's worker thread): keep them short, hand heavy work to a thread of your own. A listener's
 * exception is logged and ignored.
 *
 * <p>This class is threadsafe. Close it to stop the socket and the worker.
 */
public final class LiveView implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveView.class);

  /** What the view reports; every method defaults to a no-op. */
  public interface Listener {
    /** Prices changed (only the changed assets), at {@code time}. */
    default void onMarks(Map<Asset, BigDecimal> changed, Instant time) {}

    /** Account or orders were read again from the exchange. */
    default void onAccount(LiveSnapshot snapshot) {}

    /** Fills the view had not seen, oldest first. */
    default void onFills(List<Fill> fresh) {}

    /** The socket dropped; the view polls over REST until it is back. */
    default void onStreamDown(Throwable cause) {}

    /** The socket is (again) connected and the view resynced. */
    default void onStreamUp() {}

    /** A REST read failed; the view keeps its older values (their age shows it) and tries again. */
    default void onReadFailed(RuntimeException e) {}
  }

  private final Exchange exchange;
  private final MarketData market;
  private final Clock clock;
  private final String streamUrl;
  private final String user;
  private final Duration resyncEvery;
  private final Duration pollEvery;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  private final Object state = new Object();
  private AccountState restAccount; // guarded by state: as read, before revaluation
  private Stamped<AccountState> account;
  private Stamped<List<OpenOrder>> orders;
  private Stamped<Map<Asset, AssetContext>> contexts;
  private final Map<Asset, Stamped<BigDecimal>> marks = new HashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private final Set<String> fillKeys = new HashSet<>();

  private final Object refreshing = new Object();
  private final AtomicBoolean resyncPending = new AtomicBoolean();
  private final AtomicLong restReads = new AtomicLong();
  private volatile boolean streaming;
  private volatile long lastResyncNanos = System.nanoTime();
  private volatile long accountReadNanos = System.nanoTime();
  private volatile long lastMessageNanos;
  private int polls; // worker thread only
  private volatile boolean started;
  private volatile boolean closed;
  private ScheduledExecutorService worker;
  private HyperliquidStream stream;

  private LiveView(Builder b) {
    this.exchange = b.exchange;
    this.market = b.market;
    this.clock = b.clock;
    this.streamUrl = b.streamUrl;
    this.user = b.user;
    this.resyncEvery = b.resyncEvery;
    this.pollEvery = b.pollEvery;
  }

  /** A builder reading {@code exchange} and {@code market} over REST. */
  public static Builder builder(Exchange exchange, MarketData market) {
    return new Builder(exchange, market);
  }

  /** Adds a listener. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /**
   * Reads everything over REST once, then (with a stream) connects the socket and starts the
   * worker.
   *
   * @throws RuntimeException the exchange client's exception when the first read fails; the view is
   *     not started
   */
  public void start() {
    synchronized (refreshing) {
      if (started) return;
      refreshOrThrow();
      started = true;
    }
    if (streamUrl == null) return;
    worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rez-live");
              t.setDaemon(true);
              return t;
            });
    stream =
        HyperliquidStream.builder()
            .url(streamUrl)
            .pingInterval(Duration.ofSeconds(20))
            .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(10))
            .listener(
                new HyperliquidStream.Listener() {
                  @Override
                  public void onConnected() {
                    streaming = true;
                    lastMessageNanos = System.nanoTime();
                    // Messages may have been missed while the socket was down: read everything
                    // again.
                    worker.execute(
                        () -> {
                          safeRefresh();
                          for (Listener l : listeners) call(() -> l.onStreamUp());
                        });
                  }

                  @Override
                  public void onDisconnected(Throwable cause) {
                    streaming = false;
                    for (Listener l : listeners) call(() -> l.onStreamDown(cause));
                  }
                })
            .build();
    stream.mids(this::onMids);
    stream.userFills(user, false, f -> messageThenResync());
    stream.orderUpdates(user, u -> messageThenResync());
    long tick = pollEvery.toMillis();
    worker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Whether {@link #start()} has succeeded. */
  public boolean started() {
    return started;
  }

  /** Whether the view keeps itself current in the background (it was built with a stream). */
  public boolean background() {
    return streamUrl != null;
  }

  /**
   * Whether the socket is connected now; false while the view polls over REST (and always without a
   * stream).
   */
  public boolean streaming() {
    return streaming;
  }

  /** How many REST reads (one per exchange call) the view has made, for monitoring. */
  public long restReads() {
    return restReads.get();
  }

  /**
   * The current picture, consistent in itself: the account, its orders and the marks as they stand
   * now.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public LiveSnapshot snapshot() {
    synchronized (state) {
      if (account == null) throw new IllegalStateException("the live view has not been started");
      return new LiveSnapshot(account, orders, marks, contexts, clock.instant(), streaming);
    }
  }

  /**
   * The current picture, read again from the exchange first when its account was last confirmed
   * more than {@code maxAge} ago on the view's clock. The socket keeps the marks current but not
   * the account: that comes from REST reads, and an old one means those reads have been failing.
   *
   * @throws RuntimeException the exchange client's exception when the account is too old and cannot
   *     be read now: the caller must not act on the old one
   * @throws IllegalStateException before {@link #start()}
   */
  public LiveSnapshot snapshotNoOlderThan(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge == null");
    LiveSnapshot s = snapshot();
    return s.account().age(clock.instant()).compareTo(maxAge) <= 0 ? s : refresh();
  }

  /**
   * How long ago, in wall-clock time, the account was last read from the exchange (also when the
   * view's clock is simulated and runs faster): a health measure that grows while the exchange does
   * not answer.
   */
  public Duration sinceAccountRead() {
    return Duration.ofNanos(System.nanoTime() - accountReadNanos);
  }

  /** How often the view reads everything again over REST while the socket is up. */
  public Duration resyncEvery() {
    return resyncEvery;
  }

  /** The latest price of {@code asset} with its time, if the view has one. */
  public Optional<Stamped<BigDecimal>> mark(Asset asset) {
    synchronized (state) {
      return Optional.ofNullable(marks.get(asset));
    }
  }

  /** Every fill the view has seen, oldest first. */
  public List<Fill> fills() {
    synchronized (state) {
      return List.copyOf(fills);
    }
  }

  /** The fills at or after {@code since}, oldest first. */
  public List<Fill> fillsSince(Instant since) {
    synchronized (state) {
      List<Fill> out = new ArrayList<>();
      for (int i = fills.size() - 1; i >= 0 && !fills.get(i).time().isBefore(since); i--)
        out.add(fills.get(i));
      return out.reversed();
    }
  }

  /**
   * Reads account, orders, marks and new fills over REST now and returns the picture after it. Used
   * where the caller must act on the exchange's state as it is (after placing orders, before a
   * repair).
   *
   * @throws RuntimeException the exchange client's exception; the view keeps its older values
   */
  public LiveSnapshot refresh() {
    refreshOrThrow();
    return snapshot();
  }

  /**
   * Reads the fills made since the newest the view has seen, over REST, and reports the new ones.
   *
   * @throws RuntimeException the exchange client's exception
   */
  public List<Fill> syncFills() {
    synchronized (refreshing) {
      List<Fill> fresh = mergeFills(readFills());
      notifyFills(fresh);
      return fresh;
    }
  }

  private void refreshOrThrow() {
    synchronized (refreshing) {
      AccountState a = count(exchange::accountState);
      List<OpenOrder> o = count(exchange::openOrders);
      Map<Asset, AssetContext> c = count(market::contexts);
      List<Fill> f = readFills();
      Instant now = clock.instant();
      List<Fill> fresh;
      synchronized (state) {
        for (Map.Entry<Asset, AssetContext> e : c.entrySet())
          marks.put(e.getKey(), new Stamped<>(e.getValue().markPrice(), now));
        contexts = new Stamped<>(Map.copyOf(c), now);
        restAccount = a;
        account = new Stamped<>(revalue(a), now);
        accountReadNanos = System.nanoTime();
        orders = new Stamped<>(List.copyOf(o), now);
        fresh = mergeFills(f);
      }
      lastResyncNanos = System.nanoTime();
      notifyFills(fresh);
      if (started) notifyAccount();
    }
  }

  private List<Fill> readFills() {
    Instant since;
    synchronized (state) {
      since = fills.isEmpty() ? Instant.EPOCH : fills.getLast().time();
    }
    return count(() -> exchange.fills(since));
  }

  /** Adds the fills not seen yet, keeping the list in time order; returns them. */
  private List<Fill> mergeFills(List<Fill> read) {
    synchronized (state) {
      List<Fill> fresh = new ArrayList<>();
      for (Fill f : read) {
        if (fillKeys.add(f.key())) fresh.add(f);
      }
      if (fresh.isEmpty()) return fresh;
      fresh.sort(Comparator.comparing(Fill::time));
      boolean inOrder =
          fills.isEmpty() || !fresh.getFirst().time().isBefore(fills.getLast().time());
      fills.addAll(fresh);
      if (!inOrder) fills.sort(Comparator.comparing(Fill::time));
      return fresh;
    }
  }

  private void onMids(Map<Asset, BigDecimal> mids) {
    lastMessageNanos = System.nanoTime();
    Instant now = clock.instant();
    Map<Asset, BigDecimal> changed = new HashMap<>();
    synchronized (state) {
      for (Map.Entry<Asset, BigDecimal> e : mids.entrySet()) {
        Stamped<BigDecimal> before = marks.get(e.getKey());
        if (before == null && !contexts.value().containsKey(e.getKey()))
          continue; // a spot or unknown pair
        if (before == null || before.value().compareTo(e.getValue()) != 0)
          changed.put(e.getKey(), e.getValue());
        marks.put(e.getKey(), new Stamped<>(e.getValue(), now));
      }
      if (!changed.isEmpty() && restAccount != null)
        account = new Stamped<>(revalue(restAccount), account.asOf());
    }
    if (changed.isEmpty()) return;
    for (Listener l : listeners) call(() -> l.onMarks(changed, now));
  }

  /**
   * The account with each position's unrealised PnL (and the equity) at the latest marks. Holds
   * {@code state}.
   */
  private AccountState revalue(AccountState a) {
    if (a.positions().isEmpty()) return a;
    List<Position> positions = new ArrayList<>();
    BigDecimal delta = BigDecimal.ZERO;
    for (Position p : a.positions()) {
      Stamped<BigDecimal> m = marks.get(p.asset());
      if (m == null) {
        positions.add(p);
        continue;
      }
      BigDecimal upnl = p.size().multiply(m.value().subtract(p.entryPrice()));
      delta = delta.add(upnl.subtract(p.unrealizedPnl()));
      positions.add(
          new Position(
              p.asset(),
              p.size(),
              p.entryPrice(),
              upnl,
              p.leverage(),
              p.liquidationPrice(),
              p.marginUsed()));
    }
    return new AccountState(
        a.equity().add(delta), a.marginUsed(), a.withdrawable(), positions, a.time());
  }

  private void messageThenResync() {
    lastMessageNanos = System.nanoTime();
    requestResync();
  }

  /** Schedules one REST resync on the worker; requests made before it starts are served by it. */
  private void requestResync() {
    if (worker == null || !resyncPending.compareAndSet(false, true)) return;
    try {
      worker.execute(
          () -> {
            resyncPending.set(false);
            safeRefresh();
          });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      resyncPending.set(false);
    }
  }

  private void tick() {
    if (closed) return;
    if (streaming) {
      if (System.nanoTime() - lastResyncNanos >= resyncEvery.toNanos()) safeRefresh();
      return;
    }
    // The socket is down: poll. Mids and the account every tick; everything when positions moved or
    // every tenth.
    polls++;
    try {
      Map<Asset, BigDecimal> mids = count(market::mids);
      onMids(mids);
      AccountState a = count(exchange::accountState);
      boolean positionsMoved;
      synchronized (state) {
        positionsMoved = !samePositions(a, restAccount);
        if (!positionsMoved) {
          restAccount = a;
          account = new Stamped<>(revalue(a), clock.instant());
          accountReadNanos = System.nanoTime();
        }
      }
      if (positionsMoved || polls % 10 == 0) refreshOrThrow();
      else notifyAccount();
    } catch (RuntimeException e) {
      readFailed(e);
    }
  }

  private static boolean samePositions(AccountState a, AccountState b) {
    if (b == null || a.positions().size() != b.positions().size()) return false;
    for (Position p : a.positions()) {
      Optional<Position> q = b.position(p.asset());
      if (q.isEmpty() || q.get().size().compareTo(p.size()) != 0) return false;
    }
    return true;
  }

  private void safeRefresh() {
    if (closed) return;
    try {
      refreshOrThrow();
    } catch (RuntimeException e) {
      readFailed(e);
    }
  }

  private void readFailed(RuntimeException e) {
    log.warn("live view: a REST read failed: {}", e.toString());
    for (Listener l : listeners) call(() -> l.onReadFailed(e));
  }

  private <T> T count(java.util.function.Supplier<T> call) {
    restReads.incrementAndGet();
    return Objects.requireNonNull(call.get(), "the exchange client returned null");
  }

  private void notifyFills(List<Fill> fresh) {
    if (fresh.isEmpty()) return;
    for (Listener l : listeners) call(() -> l.onFills(fresh));
  }

  private void notifyAccount() {
    LiveSnapshot s = snapshot();
    for (Listener l : listeners) call(() -> l.onAccount(s));
  }

  private static void call(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("live view listener failed", e);
    }
  }

  /** Closes the socket and stops the worker. */
  @Override
  public void close() {
    closed = true;
    if (stream != null) stream.close();
    if (worker != null) worker.shutdownNow();
  }

  /** Configures a {@link LiveView}. */
  public static final class Builder {
    private final Exchange exchange;
    private final MarketData market;
    private Clock clock = Clock.systemUTC();
    private String streamUrl;
    private String user;
    private Duration resyncEvery = Duration.ofSeconds(30);
    private Duration pollEvery = Duration.ofSeconds(1);

    private Builder(Exchange exchange, MarketData market) {
      this.exchange = Objects.requireNonNull(exchange, "exchange == null");
      this.market = Objects.requireNonNull(market, "market == null");
    }

    /**
     * Follows Hyperliquid's WebSocket at {@code url} for the account {@code user} (the account's
     * address, not an agent's); without it the view reads only when asked ({@link #refresh()}).
     */
    public Builder stream(String url, String user) {
      this.streamUrl = Objects.requireNonNull(url, "url == null");
      this.user = Objects.requireNonNull(user, "user == null");
      return this;
    }

    /**
     * The clock that stamps values; the loop's (simulated time in a demo). Default UTC system time.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * How often everything is read again over REST while the socket is up; default 30 s, at least 1
     * s.
     */
    public Builder resyncEvery(Duration d) {
      if (d == null || d.compareTo(Duration.ofSeconds(1)) < 0)
        throw new IllegalArgumentException("resyncEvery must be >= 1 s but was " + d);
      this.resyncEvery = d;
      return this;
    }

    /** How often the view polls while the socket is down; default 1 s, in 100 ms..1 s. */
    public Builder pollEvery(Duration d) {
      if (d == null || d.toMillis() < 100 || d.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new IllegalArgumentException("pollEvery must be in 100 ms..1 s but was " + d);
      }
      this.pollEvery = d;
      return this;
    }

    /** Builds the view; call {@link LiveView#start()} next. */
    public LiveView build() {
      return new LiveView(this);
    }
  }
}
