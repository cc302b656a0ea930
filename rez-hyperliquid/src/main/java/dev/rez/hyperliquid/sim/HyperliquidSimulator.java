package dev.rez.hyperliquid.sim;

import com.sun.net.httpserver.HttpServer;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * An embedded Hyperliquid exchange: a local HTTP server that speaks Hyperliquid's {@code /info} and
 * {@code /exchange} protocol, verifies request signatures, and matches orders against replayed or
 * synthetic candles. Point any Hyperliquid client at {@link #baseUrl()}.
 *
 * <pre>{@code
 * try (var sim = HyperliquidSimulator.builder()
 *     .candles("BTC", candles)                 // a List<Candle>, replayed back to back
 *     .fund("0x14791697260e4c9a71f18484c9f997b308e59325", new BigDecimal("10000"))
 *     .start()) {
 *   String url = sim.baseUrl();               // http://127.0.0.1:<port>
 *   // ... trade through a client pointed at url, then
 *   sim.advance();                            // play the next candle (stepped clock)
 * }
 * }</pre>
 *
 * <p>The server binds 127.0.0.1 unless {@link Builder#host} says otherwise (which then needs an
 * admin token). It uses the JDK's built-in HTTP server: no dependency for users of the client.
 * Hyperliquid's WebSocket API (subscriptions, ping, post) is served on a port of its own, see
 * {@link #webSocketUrl()}. Besides the Hyperliquid endpoints it serves simulator-only admin calls
 * under {@code /sim/} (fund, advance, faults, snapshot, restore, reset, stats), so bots in other
 * languages can script their tests. Bodies, JSON, numbers, connections and slow clients are
 * bounded; bad input gets a quick 4xx. See {@code SIMULATOR.md} for the endpoints, the limits and
 * what differs from the real exchange.
 *
 * <p>The JDK server writes a response's headers and body as two TCP segments; with Nagle's
 * algorithm on, the body then waits for the client's delayed acknowledgement of the headers (about
 * 40 ms on Linux loopback) and every call costs that much. The simulator therefore sets the JDK
 * server's {@code sun.net.httpserver.nodelay} system property to {@code true} when the class loads,
 * unless it is already set.
 *
 * <p>This class is threadsafe. {@link #close()} stops the server.
 */
public final class HyperliquidSimulator implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  static {
    // Read once by the JDK server when its first instance starts: must be set before that. Each is
    // set only when
    // the application has not chosen a value of its own.
    defaultProperty("sun.net.httpserver.nodelay", "true");
    // A sender that trickles its headers or body is cut off after 10 s; a reader that never reads
    // its answer too.
    defaultProperty("sun.net.httpserver.maxReqTime", "10");
    defaultProperty("sun.net.httpserver.maxRspTime", "10");
    defaultProperty("sun.net.httpserver.maxReqHeaders", "100");
    defaultProperty("sun.net.httpserver.maxReqHeaderSize", "65536");
    defaultProperty("jdk.httpserver.maxConnections", "1000");
  }

  private static void defaultProperty(String key, String value) {
    if (System.getProperty(key) == null) System.setProperty(key, value);
  }

  private final Engine engine;
  private final Api api;
  private final Faults faults;
  private final RateMeter meter;
  private final HttpServer server;
  private final ExecutorService executor;
  private final WsServer ws;
  private final HttpFront front;
  private final boolean stepped;
  private final AcceleratedClock accelerated;
  private final String host;
  private final String adminToken;
  private final Map<String, Object> initialState;
  private final String id;
  private final StateFile stateFile;

  private HyperliquidSimulator(Builder b) {
    this.faults = new Faults();
    this.stepped = b.speed == 0;
    Interval interval = b.interval;
    for (MarketConfig mc : b.markets) {
      if (!mc.candles.isEmpty()) {
        Interval i = mc.candles.getFirst().interval();
        if (interval != null && interval != i) {
          throw new IllegalArgumentException(
              "all markets must share one interval but "
                  + mc.coin
                  + " has "
                  + i
                  + " and another "
                  + interval);
        }
        interval = i;
      }
    }
    if (interval == null) interval = Interval.M1;
    long dur = interval.duration().toMillis();
    Map<String, Object> saved = b.stateFile == null ? null : StateFile.load(b.stateFile);
    long origin;
    if (saved != null) {
      origin = SimState.origin(saved);
    } else if (b.startTime != null) {
      origin = b.startTime.toEpochMilli();
    } else {
      Candle first =
          b.markets.stream()
              .filter(m -> !m.candles.isEmpty())
              .map(m -> m.candles.getFirst())
              .findFirst()
              .orElse(null);
      origin =
          first != null
              ? first.openTime().toEpochMilli()
              : Math.floorDiv(b.wallClock.millis(), dur) * dur - b.history * dur;
    }
    List<Market> markets = new ArrayList<>();
    for (MarketConfig mc : b.markets) {
      double ref = mc.candles.isEmpty() ? mc.syntheticStart : mc.candles.getFirst().close();
      int szDecimals = mc.szDecimals >= 0 ? mc.szDecimals : defaultSzDecimals(ref);
      markets.add(
          new Market(
              markets.size(),
              mc.coin,
              szDecimals,
              mc.maxLeverage,
              interval,
              origin,
              mc.candles,
              b.afterReplay,
              b.seed * 31 + markets.size(),
              mc.syntheticStart));
    }
    long start = origin + b.history * dur;
    for (Market m : markets) {
      if (b.history > m.size())
        throw new IllegalArgumentException(
            "history " + b.history + " exceeds the " + m.size() + " candles of " + m.coin);
    }
    this.accelerated = stepped ? null : new AcceleratedClock(start, b.speed);
    this.engine =
        new Engine(
            markets,
            new Engine.Config(
                b.takerFee,
                b.makerFee,
                b.spreadBps,
                b.levelNotional,
                b.defaultLeverage,
                b.fundingRate),
            faults,
            accelerated == null ? null : accelerated::millis,
            start);
    Clock wall = b.wallClock;
    String savedId = saved == null ? null : SimState.id(saved);
    this.id =
        savedId != null
            ? savedId
            : "sim-"
                + java.util.HexFormat.of()
                    .formatHex(
                        java.nio.ByteBuffer.allocate(8)
                            .putLong(new java.security.SecureRandom().nextLong())
                            .array());
    this.api = new Api(engine, faults, wall::millis);
    api.accountInfo = new AccountInfo(engine, api, b.takerFee, b.makerFee);
    if (saved != null) {
      try {
        restoreState(saved);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("state file " + b.stateFile + ": " + e.getMessage(), e);
      }
    } else {
      for (Map.Entry<String, BigDecimal> e : b.funds.entrySet())
        engine.fund(e.getKey(), e.getValue());
    }
    this.initialState = snapshotState();
    this.meter = new RateMeter(b.rateLimit > 0 ? b.rateLimit : 1200, b.rateLimit > 0, wall::millis);
    this.host = b.host;
    this.adminToken = b.adminToken;
    InetAddress bind;
    try {
      bind = InetAddress.getByName(b.host);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "host '" + b.host + "' is not an address of this machine", e);
    }
    if (!bind.isLoopbackAddress() && b.adminToken == null) {
      throw new IllegalArgumentException(
          "binding to "
              + b.host
              + " exposes the admin endpoints: set an admin token with adminToken(...)");
    }
    try {
      this.server = HttpServer.create(new InetSocketAddress(bind, b.port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + b.host
              + ":"
              + b.port
              + " ("
              + e.getMessage()
              + "; is the port in use?)",
          e);
    }
    // One virtual thread per exchange: slow senders wait without holding a pool that other clients
    // need.
    this.executor =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("hyperliquid-simulator-", 0).factory());
    server.setExecutor(executor);
    this.front =
        new HttpFront(api, new AdminApi(this, b.adminToken), faults, meter, this::afterRequest);
    server.createContext("/", front::handle);
    try {
      this.ws = new WsServer(api, front, engine, bind, b.wsPort);
    } catch (IOException e) {
      server.stop(0);
      throw new UncheckedIOException(
          "cannot listen for WebSocket on "
              + b.host
              + ":"
              + b.wsPort
              + " ("
              + e.getMessage()
              + "; is the port in use?)",
          e);
    }
    this.stateFile =
        b.stateFile == null ? null : new StateFile(b.stateFile, this::snapshotState, engine, api);
    server.start();
  }

  /**
   * The simulated clock of an accelerated simulator: {@code speed} × wall time from a base that a
   * restore moves.
   */
  private static final class AcceleratedClock {
    private final double speed;
    private long baseSim;
    private long baseNanos;

    AcceleratedClock(long start, double speed) {
      this.speed = speed;
      rebase(start);
    }

    synchronized void rebase(long simNow) {
      baseSim = simNow;
      baseNanos = System.nanoTime();
    }

    synchronized long millis() {
      return baseSim + (long) ((System.nanoTime() - baseNanos) / 1_000_000.0 * speed);
    }
  }

  /**
   * Size decimals that make one lot worth 0.1 to 1 USD, as Hyperliquid's listings roughly do (BTC
   * 5, ETH 4).
   */
  static int defaultSzDecimals(double price) {
    if (!(price > 0)) return 2;
    return (int) Math.max(0, Math.min(5, Math.floor(Math.log10(price)) + 1));
  }

  /**
   * A new builder with defaults: stepped clock, random port, Hyperliquid's base fees, synthetic
   * continuation.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URL to give a Hyperliquid client, e.g. {@code http://127.0.0.1:53411}; no trailing
   * slash.
   */
  public String baseUrl() {
    return "http://" + urlHost() + ":" + port();
  }

  private String urlHost() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * An HTTP client whose requests for {@link #baseUrl()} never touch a socket: their bytes are
   * handed to this simulator in process and answered as over HTTP (the same routes, limits, rate
   * meter, faults and signature checks); requests for other addresses go to the network as usual.
   * Give it to a client with {@code
   * HyperliquidExchange.builder().baseUrl(sim.baseUrl()).httpClient(sim.inProcessClient())}: the
   * client's signing and wire JSON are unchanged, only the TCP and HTTP framing on loopback go. A
   * backtest uses it; a client in another process uses {@link #baseUrl()}.
   */
  public OkHttpClient inProcessClient() {
    return new OkHttpClient.Builder()
        .addInterceptor(new InProcessTransport(front, okhttp3.HttpUrl.get(baseUrl())))
        .build();
  }

  /**
   * The WebSocket URL, e.g. {@code ws://127.0.0.1:53412/ws}. It has a port of its own, not the HTTP
   * port, so give it to a WebSocket client explicitly.
   */
  public String webSocketUrl() {
    return "ws://" + urlHost() + ":" + ws.port() + "/ws";
  }

  /** The simulated time now. */
  public Instant now() {
    engine.sync();
    return Instant.ofEpochMilli(engine.now());
  }

  /**
   * A {@link Clock} that reads the simulated time, for code that must live on the simulator's
   * timeline: candle ranges, {@code scheduleCancel} times and cycle timing of a backtest or an
   * accelerated demo. Its zone is UTC.
   */
  public Clock clock() {
    return new SimulatedClock(this, java.time.ZoneOffset.UTC);
  }

  private static final class SimulatedClock extends Clock {
    private final HyperliquidSimulator sim;
    private final java.time.ZoneId zone;

    SimulatedClock(HyperliquidSimulator sim, java.time.ZoneId zone) {
      this.sim = sim;
      this.zone = zone;
    }

    @Override
    public java.time.ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return new SimulatedClock(sim, zone);
    }

    @Override
    public Instant instant() {
      return sim.now();
    }
  }

  /**
   * Plays the next candle of every market (stepped clock): resting orders and triggers crossed by
   * its path fill, positions may be liquidated; the candle then shows as closed in {@code
   * candleSnapshot}.
   *
   * @return false, without moving, when a market's replay has ended ({@link AfterReplay#STOP})
   * @throws IllegalStateException on an accelerated clock, which moves by itself
   */
  public boolean advance() {
    requireStepped();
    return engine.step();
  }

  /**
   * Plays up to {@code candles} candles; see {@link #advance()}.
   *
   * @return how many candles were played, less than asked when the replay ended
   */
  public int advance(int candles) {
    if (candles < 0) throw new IllegalArgumentException("candles must be >= 0 but was " + candles);
    requireStepped();
    int played = 0;
    while (played < candles && engine.step()) played++;
    return played;
  }

  /**
   * Moves the stepped clock to {@code time}, possibly to the middle of a candle (its intrabar path
   * is played up to there). Earlier times are ignored.
   */
  public void advanceTo(Instant time) {
    if (time == null) throw new NullPointerException("time == null");
    requireStepped();
    engine.advanceTo(time.toEpochMilli());
  }

  /**
   * True while {@link #advance()} can still move (always, unless a replay ends with {@link
   * AfterReplay#STOP}).
   */
  public boolean hasNext() {
    long next = engine.now() + 1;
    return next <= engine.endMs();
  }

  private void requireStepped() {
    if (!stepped)
      throw new IllegalStateException(
          "the clock is accelerated and moves by itself; advance() needs a stepped clock");
  }

  /**
   * Credits {@code usd} USDC of collateral to {@code address}, creating its account on first use.
   * The same as {@code POST /sim/fund}.
   *
   * @throws IllegalArgumentException when the address is not {@code 0x} + 40 hex digits or the
   *     amount is not positive
   */
  public void fund(String address, BigDecimal usd) {
    engine.fund(checkAddress(address), checkAmount(usd));
  }

  /**
   * The current mark (and mid) price of {@code coin}.
   *
   * @throws IllegalArgumentException for an unknown coin
   */
  public BigDecimal markPrice(String coin) {
    Market m = engine.market(coin);
    if (m == null) throw new IllegalArgumentException("unknown coin '" + coin + "'");
    engine.sync();
    return engine.price(m);
  }

  /**
   * The account value (collateral plus unrealised PnL) of {@code address}; zero for an unknown
   * account.
   */
  public BigDecimal accountValue(String address) {
    engine.sync();
    synchronized (engine) {
      Account a = engine.account(checkAddress(address));
      return a == null ? BigDecimal.ZERO : engine.equity(a);
    }
  }

  /**
   * The positions and open orders of {@code address} now, read in-process (no HTTP, so no fault or
   * latency applies); an unknown account is empty. Cheap enough to call every few milliseconds.
   */
  public AccountSnapshot snapshot(String address) {
    return snapshot(address, false);
  }

  /**
   * Like {@link #snapshot}, with every order the account ever placed (filled, cancelled, and
   * rejected ones that carried a cloid) instead of only the open ones.
   */
  public AccountSnapshot orderHistory(String address) {
    return snapshot(address, true);
  }

  private AccountSnapshot snapshot(String address, boolean history) {
    String user = checkAddress(address);
    engine.sync();
    synchronized (engine) {
      Instant time = Instant.ofEpochMilli(engine.now());
      Account a = engine.account(user);
      if (a == null) return new AccountSnapshot(time, Map.of(), List.of(), 0);
      Map<String, BigDecimal> positions = new LinkedHashMap<>();
      for (Market m : engine.markets()) {
        BigDecimal szi = a.szi(m.index);
        if (szi.signum() != 0) positions.put(m.coin, szi);
      }
      List<AccountSnapshot.Order> orders = new ArrayList<>();
      for (SimOrder o : (history ? a.orders : a.open).values()) {
        String trigger = o.trigger == null ? null : o.trigger.takeProfit() ? "tp" : "sl";
        orders.add(
            new AccountSnapshot.Order(
                o.oid,
                o.cloid,
                o.market.coin,
                o.buy,
                o.isOpen() ? o.sz : o.filledSz,
                o.reduceOnly,
                trigger,
                o.trigger == null ? null : o.trigger.triggerPx(),
                o.waiting,
                o.status,
                Instant.ofEpochMilli(o.timestamp),
                Instant.ofEpochMilli(o.statusTimestamp)));
      }
      return new AccountSnapshot(time, positions, orders, a.cloidReuses);
    }
  }

  /**
   * Every fill of {@code address} so far, oldest first, read in-process, with the values (rounded
   * as on the wire) that {@code userFills} reports.
   */
  public List<dev.rez.core.Fill> fills(String address) {
    engine.sync();
    List<dev.rez.core.Fill> out = new ArrayList<>();
    for (SimFill f : engine.fills(checkAddress(address)).reversed()) {
      out.add(
          new dev.rez.core.Fill(
              dev.rez.core.Asset.of(f.coin()),
              f.buy() ? dev.rez.core.Side.BUY : dev.rez.core.Side.SELL,
              new BigDecimal(Prices.wire(f.px())),
              new BigDecimal(Prices.wire(f.sz())),
              Instant.ofEpochMilli(f.time()),
              new BigDecimal(Prices.usd(f.fee())),
              new BigDecimal(Prices.usd(f.closedPnl())),
              f.oid(),
              f.cloid() == null ? null : dev.rez.core.ClientOrderId.of(f.cloid()),
              new BigDecimal(Prices.wire(f.startPosition())),
              f.crossed(),
              f.hash(),
              f.tid()));
    }
    return out;
  }

  /** The fault injector, to arm failures for the next requests. */
  public Faults faults() {
    return faults;
  }

  /**
   * The request statistics since start: {@code {"requests": N, "weight": W, "byType": {…}}},
   * weights as Hyperliquid counts them. The same as {@code GET /sim/stats}.
   */
  public String stats() {
    return Json.write(meter.stats());
  }

  /**
   * How many {@code /info} and {@code /exchange} requests the simulator has answered (the {@code
   * requests} of {@link #stats()}), for tests and benchmarks that count the calls a client makes.
   */
  public long httpRequestCount() {
    return ((Number) meter.stats().get("requests")).longValue();
  }

  /**
   * Refuses new WebSocket connections (and drops the open ones) while {@code down} is true, as an
   * unreachable socket endpoint would; the HTTP API keeps answering. For tests of a client's
   * fallback to REST.
   */
  public void webSocketDown(boolean down) {
    ws.down(down);
  }

  /** The length of one candle in milliseconds. */
  long candleMillis() {
    return engine.markets().getFirst().durationMs;
  }

  RateMeter meter() {
    return meter;
  }

  /**
   * This exchange's identity: made up when a simulator starts afresh, kept in its state file, so a
   * simulator that continues from a state is the same exchange and a fresh one is another ({@code
   * sim-} and 16 hex digits).
   */
  public String id() {
    return id;
  }

  /** The admin token the {@code /sim/} endpoints require, if one is set. */
  public java.util.Optional<String> adminToken() {
    return java.util.Optional.ofNullable(adminToken);
  }

  /**
   * The exchange state (accounts, orders, positions, agents, nonces, clock) as a JSON tree, as read
   * back from text.
   */
  Map<String, Object> snapshotState() {
    String text;
    synchronized (engine) {
      engine.sync();
      text = Json.write(SimState.write(engine, api, id));
    }
    return Json.object(Json.parse(text), "state");
  }

  /**
   * Replaces the exchange state with {@code state}; an accelerated clock continues from the state's
   * time.
   *
   * @throws IllegalArgumentException when the state does not fit this simulator's markets; nothing
   *     changed
   */
  void restoreState(Map<String, Object> state) {
    synchronized (engine) {
      SimState.read(state, engine, api);
      if (accelerated != null) accelerated.rebase(engine.now);
    }
  }

  /**
   * Puts the exchange back into its state at start: the funded accounts, nothing traded, the start
   * time. Order and trade ids go on from the highest issued, so they are never reused.
   */
  public void reset() {
    restoreState(initialState);
  }

  /**
   * Called after every HTTP request: a changed state is written to the state file before the answer
   * leaves.
   */
  private void afterRequest() {
    if (stateFile != null) stateFile.saveIfChanged();
  }

  /**
   * Stops the server, in-flight requests are abandoned; with a state file, the state is written
   * first.
   */
  @Override
  public void close() {
    ws.close();
    server.stop(0);
    executor.shutdownNow();
    if (stateFile != null) stateFile.close();
  }

  @Override
  public String toString() {
    return "HyperliquidSimulator{" + baseUrl() + "}";
  }

  private static String checkAddress(String address) {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException(
          "address must be 0x followed by 40 hex digits but was '" + address + "'");
    }
    return address.toLowerCase(Locale.ROOT);
  }

  private static BigDecimal checkAmount(BigDecimal usd) {
    if (usd == null || usd.signum() <= 0)
      throw new IllegalArgumentException("usd must be > 0 but was " + usd);
    return usd;
  }

  // ------------------------------------------------------------------ builder

  private record MarketConfig(
      String coin, List<Candle> candles, int szDecimals, int maxLeverage, double syntheticStart) {}

  /**
   * Configures a {@link HyperliquidSimulator}. Markets get asset ids in the order they are added.
   *
   * <p>Not threadsafe; build once.
   */
  public static final class Builder {
    private final List<MarketConfig> markets = new ArrayList<>();
    private final Map<String, BigDecimal> funds = new LinkedHashMap<>();
    private Interval interval;
    private Instant startTime;
    private int history;
    private AfterReplay afterReplay = AfterReplay.SYNTHETIC;
    private long seed = 1;
    private double speed;
    private int port;
    private int wsPort;
    private BigDecimal takerFee = new BigDecimal("0.00045");
    private BigDecimal makerFee = new BigDecimal("0.00015");
    private BigDecimal spreadBps = new BigDecimal("2");
    private BigDecimal levelNotional = new BigDecimal("100000");
    private int defaultLeverage = 20;
    private BigDecimal fundingRate = new BigDecimal("0.0000125");
    private Clock wallClock = Clock.systemUTC();
    private String host = "127.0.0.1";
    private String adminToken;
    private int rateLimit;
    private java.nio.file.Path stateFile;

    private Builder() {}

    /**
     * Adds a market that replays {@code candles} (oldest first, one interval), with size decimals
     * guessed from the price (one lot worth about 0.1 to 1 USD) and a maximum leverage of 20.
     */
    public Builder candles(String coin, List<Candle> candles) {
      return candles(coin, candles, -1, 20);
    }

    /**
     * Adds a market that replays {@code candles}. Their timestamps are laid back to back on the
     * simulator's timeline (candle {@code i} opens at start + i × interval), so gaps close up and
     * assets from different periods can be replayed together.
     *
     * @param szDecimals decimals of a size (Hyperliquid's {@code szDecimals}), 0..6
     * @param maxLeverage the market's maximum leverage, 1..100
     */
    public Builder candles(String coin, List<Candle> candles, int szDecimals, int maxLeverage) {
      checkCoin(coin);
      if (candles == null || candles.isEmpty())
        throw new IllegalArgumentException("candles of " + coin + " must not be empty");
      if (szDecimals != -1 && (szDecimals < 0 || szDecimals > 6))
        throw new IllegalArgumentException("szDecimals must be in 0..6 but was " + szDecimals);
      if (maxLeverage < 1 || maxLeverage > 100)
        throw new IllegalArgumentException("maxLeverage must be in 1..100 but was " + maxLeverage);
      markets.add(new MarketConfig(coin, List.copyOf(candles), szDecimals, maxLeverage, 0));
      return this;
    }

    /**
     * Adds a market made only by the seeded synthetic generator, starting at {@code startPrice}.
     *
     * @param szDecimals decimals of a size, 0..6
     * @param maxLeverage the market's maximum leverage, 1..100
     */
    public Builder synthetic(String coin, double startPrice, int szDecimals, int maxLeverage) {
      checkCoin(coin);
      if (!(startPrice > 0) || Double.isInfinite(startPrice))
        throw new IllegalArgumentException("startPrice must be > 0 but was " + startPrice);
      if (szDecimals < 0 || szDecimals > 6)
        throw new IllegalArgumentException("szDecimals must be in 0..6 but was " + szDecimals);
      if (maxLeverage < 1 || maxLeverage > 100)
        throw new IllegalArgumentException("maxLeverage must be in 1..100 but was " + maxLeverage);
      markets.add(new MarketConfig(coin, List.of(), szDecimals, maxLeverage, startPrice));
      return this;
    }

    private void checkCoin(String coin) {
      if (coin == null || coin.isBlank())
        throw new IllegalArgumentException("coin must not be blank");
      for (MarketConfig m : markets)
        if (m.coin.equals(coin))
          throw new IllegalArgumentException("coin " + coin + " was already added");
    }

    /**
     * The candle interval of synthetic-only markets (replayed markets use their candles' interval).
     * Default 1m.
     */
    public Builder interval(Interval interval) {
      if (interval == null) throw new NullPointerException("interval == null");
      this.interval = interval;
      return this;
    }

    /**
     * The open time of the first candle on the timeline. Default: the first replayed candle's open
     * time, or for synthetic-only markets the wall-clock time such that the start falls on the
     * current interval boundary.
     */
    public Builder startTime(Instant startTime) {
      if (startTime == null) throw new NullPointerException("startTime == null");
      this.startTime = startTime;
      return this;
    }

    /**
     * How many candles are already closed when the simulator starts (history for indicators);
     * trading starts at the close of the last of them. Default 0: the simulator starts at the open
     * of the first candle.
     */
    public Builder history(int candles) {
      if (candles < 0)
        throw new IllegalArgumentException("history must be >= 0 but was " + candles);
      this.history = candles;
      return this;
    }

    /** What happens when replayed candles run out; default {@link AfterReplay#SYNTHETIC}. */
    public Builder afterReplay(AfterReplay afterReplay) {
      if (afterReplay == null) throw new NullPointerException("afterReplay == null");
      this.afterReplay = afterReplay;
      return this;
    }

    /** The seed of the synthetic generator; same seed and data give the same markets. Default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Time moves only by {@link #advance()} (the default): for backtests and tests. */
    public Builder steppedClock() {
      this.speed = 0;
      return this;
    }

    /**
     * Time moves by itself, {@code speed} times faster than the wall clock (1 = real time, 60 = one
     * minute per second): for demos.
     */
    public Builder acceleratedClock(double speed) {
      if (!(speed > 0) || Double.isInfinite(speed))
        throw new IllegalArgumentException("speed must be > 0 but was " + speed);
      this.speed = speed;
      return this;
    }

    /** The port to listen on, 0 (the default) for a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535)
        throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
      this.port = port;
      return this;
    }

    /** The WebSocket port, 0 (the default) for a free one. */
    public Builder webSocketPort(int port) {
      if (port < 0 || port > 65_535)
        throw new IllegalArgumentException("webSocketPort must be in 0..65535 but was " + port);
      this.wsPort = port;
      return this;
    }

    /**
     * Credits {@code usd} USDC to {@code address} at start; may be called for several addresses.
     */
    public Builder fund(String address, BigDecimal usd) {
      funds.merge(checkAddress(address), checkAmount(usd), BigDecimal::add);
      return this;
    }

    /**
     * Fee rates as fractions of notional; default Hyperliquid's base tier, taker 0.00045 and maker
     * 0.00015.
     */
    public Builder fees(BigDecimal taker, BigDecimal maker) {
      if (taker == null || taker.signum() < 0)
        throw new IllegalArgumentException("taker fee must be >= 0 but was " + taker);
      if (maker == null) throw new IllegalArgumentException("maker fee == null");
      this.takerFee = taker;
      this.makerFee = maker;
      return this;
    }

    /**
     * The synthetic book: total spread in basis points (default 2) and notional per level in USD
     * (default 100000).
     */
    public Builder book(BigDecimal spreadBps, BigDecimal levelNotional) {
      if (spreadBps == null || spreadBps.signum() < 0)
        throw new IllegalArgumentException("spreadBps must be >= 0 but was " + spreadBps);
      if (levelNotional == null || levelNotional.signum() <= 0)
        throw new IllegalArgumentException("levelNotional must be > 0 but was " + levelNotional);
      this.spreadBps = spreadBps;
      this.levelNotional = levelNotional;
      return this;
    }

    /**
     * The leverage of an asset until {@code updateLeverage} changes it, capped at its maximum.
     * Default 20.
     */
    public Builder defaultLeverage(int leverage) {
      if (leverage < 1)
        throw new IllegalArgumentException("defaultLeverage must be >= 1 but was " + leverage);
      this.defaultLeverage = leverage;
      return this;
    }

    /**
     * The hourly funding rate paid by longs to shorts (negative: shorts pay), on every simulated
     * hour boundary, on the position's value at the mark. Default 0.0000125, Hyperliquid's baseline
     * (0.01% per 8 hours); zero turns funding off.
     */
    public Builder fundingRate(BigDecimal hourlyRate) {
      if (hourlyRate == null || hourlyRate.abs().compareTo(new BigDecimal("0.04")) > 0) {
        throw new IllegalArgumentException(
            "fundingRate must be within ±0.04 per hour but was " + hourlyRate);
      }
      this.fundingRate = hourlyRate;
      return this;
    }

    /**
     * The clock that nonce windows and {@code expiresAfter} are checked against. Default the system
     * clock.
     */
    public Builder wallClock(Clock clock) {
      if (clock == null) throw new NullPointerException("clock == null");
      this.wallClock = clock;
      return this;
    }

    /**
     * The address to listen on; default {@code 127.0.0.1}. Any other than a loopback address needs
     * an {@link #adminToken(String)}, as it lets other machines reach the admin endpoints.
     */
    public Builder host(String host) {
      if (host == null || host.isBlank())
        throw new IllegalArgumentException("host must not be blank");
      this.host = host;
      return this;
    }

    /**
     * The token the admin endpoints ({@code /sim/fund}, {@code /sim/advance}, {@code /sim/faults},
     * {@code /sim/snapshot}, {@code /sim/restore}, {@code /sim/reset}) require as {@code
     * Authorization: Bearer <token>}; default none.
     */
    public Builder adminToken(String token) {
      if (token == null
          || token.length() < 16
          || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "the admin token must have at least 16 printable characters");
      }
      this.adminToken = token;
      return this;
    }

    /**
     * Answers HTTP 429 to a client IP that has spent {@code weightPerMinute} of request weight in
     * the last minute, weights as Hyperliquid counts them (its own budget is 1200); default 0,
     * counting only.
     */
    public Builder rateLimit(int weightPerMinute) {
      if (weightPerMinute < 0)
        throw new IllegalArgumentException("rateLimit must be >= 0 but was " + weightPerMinute);
      this.rateLimit = weightPerMinute;
      return this;
    }

    /**
     * Keeps the exchange state in {@code file}: read at start when it exists (the saved timeline,
     * accounts, orders and clock win over {@link #startTime}, {@link #history} and {@link #fund}),
     * written after every request that changed it, every second while the clock moves, and at
     * {@link #close()}.
     */
    public Builder stateFile(java.nio.file.Path file) {
      if (file == null) throw new NullPointerException("file == null");
      this.stateFile = file;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalArgumentException when no market was added, the markets do not fit together,
     *     the state file does not fit them, or a non-loopback host has no admin token
     * @throws UncheckedIOException when the port cannot be bound or the state file cannot be read
     */
    public HyperliquidSimulator start() {
      if (markets.isEmpty())
        throw new IllegalArgumentException(
            "add at least one market with candles(...) or synthetic(...)");
      return new HyperliquidSimulator(this);
    }
  }
}
