package dev.rez.hyperliquid.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * An embedded Hyperliquid exchange: a local HTTP server that speaks Hyperliquid's {@code /info} and
 * {@code /exchange} protocol, verifies request signatures, and matches orders against replayed or synthetic
 * candles. Point any Hyperliquid client at {@link #baseUrl()}.
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
 * <p>The server binds 127.0.0.1 only. It uses the JDK's built-in HTTP server: no dependency for users of the
 * client. Hyperliquid's WebSocket API (subscriptions, ping, post) is served on a port of its own, see
 * {@link #webSocketUrl()}. Besides the Hyperliquid endpoints it serves two simulator-only calls, {@code POST /sim/fund}
 * ({@code {"user":"0x…","usd":"1000"}}) and {@code POST /sim/advance} ({@code {"candles":1}}, stepped clock only),
 * so bots in other languages can fund accounts and drive a backtest. See {@code SIMULATOR.md} for what differs
 * from the real exchange.
 *
 * <p>The JDK server writes a response's headers and body as two TCP segments; with Nagle's algorithm on, the body
 * then waits for the client's delayed acknowledgement of the headers (about 40 ms on Linux loopback) and every call
 * costs that much. The simulator therefore sets the JDK server's {@code sun.net.httpserver.nodelay} system property
 * to {@code true} when the class loads, unless it is already set.
 *
 * <p>This class is threadsafe. {@link #close()} stops the server.
 */
public final class HyperliquidSimulator implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  static {
    // Read once by the JDK server when its first instance starts: must be set before that.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final Engine engine;
  private final Api api;
  private final Faults faults;
  private final HttpServer server;
  private final ExecutorService executor;
  private final WsServer ws;
  private final boolean stepped;

  private HyperliquidSimulator(Builder b) {
    this.faults = new Faults();
    this.stepped = b.speed == 0;
    Interval interval = b.interval;
    for (MarketConfig mc : b.markets) {
      if (!mc.candles.isEmpty()) {
        Interval i = mc.candles.getFirst().interval();
        if (interval != null && interval != i) {
          throw new IllegalArgumentException("all markets must share one interval but " + mc.coin + " has " + i + " and another " + interval);
        }
        interval = i;
      }
    }
    if (interval == null) interval = Interval.M1;
    long dur = interval.duration().toMillis();
    long origin;
    if (b.startTime != null) {
      origin = b.startTime.toEpochMilli();
    } else {
      Candle first = b.markets.stream().filter(m -> !m.candles.isEmpty()).map(m -> m.candles.getFirst()).findFirst().orElse(null);
      origin = first != null ? first.openTime().toEpochMilli() : Math.floorDiv(b.wallClock.millis(), dur) * dur - b.history * dur;
    }
    List<Market> markets = new ArrayList<>();
    for (MarketConfig mc : b.markets) {
      double ref = mc.candles.isEmpty() ? mc.syntheticStart : mc.candles.getFirst().close();
      int szDecimals = mc.szDecimals >= 0 ? mc.szDecimals : defaultSzDecimals(ref);
      markets.add(new Market(markets.size(), mc.coin, szDecimals, mc.maxLeverage, interval, origin, mc.candles, b.afterReplay,
          b.seed * 31 + markets.size(), mc.syntheticStart));
    }
    long start = origin + b.history * dur;
    for (Market m : markets) {
      if (b.history > m.size()) throw new IllegalArgumentException("history " + b.history + " exceeds the " + m.size() + " candles of " + m.coin);
    }
    LongSupplier clock = null;
    if (!stepped) {
      long wallStart = System.nanoTime();
      double speed = b.speed;
      clock = () -> start + (long) ((System.nanoTime() - wallStart) / 1_000_000.0 * speed);
    }
    this.engine = new Engine(markets, new Engine.Config(b.takerFee, b.makerFee, b.spreadBps, b.levelNotional, b.defaultLeverage, b.fundingRate), faults, clock,
        start);
    for (Map.Entry<String, BigDecimal> e : b.funds.entrySet()) engine.fund(e.getKey(), e.getValue());
    Clock wall = b.wallClock;
    this.api = new Api(engine, faults, wall::millis);
    try {
      this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + b.port, e);
    }
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "hyperliquid-simulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    try {
      this.ws = new WsServer(api, engine, b.wsPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the WebSocket port 127.0.0.1:" + b.wsPort, e);
    }
    server.start();
  }

  /** Size decimals that make one lot worth 0.1 to 1 USD, as Hyperliquid's listings roughly do (BTC 5, ETH 4). */
  static int defaultSzDecimals(double price) {
    if (!(price > 0)) return 2;
    return (int) Math.max(0, Math.min(5, Math.floor(Math.log10(price)) + 1));
  }

  /** A new builder with defaults: stepped clock, random port, Hyperliquid's base fees, synthetic continuation. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL to give a Hyperliquid client, e.g. {@code http://127.0.0.1:53411}; no trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The WebSocket URL, e.g. {@code ws://127.0.0.1:53412/ws}. It has a port of its own, not the HTTP port, so
   * give it to a WebSocket client explicitly.
   */
  public String webSocketUrl() {
    return "ws://127.0.0.1:" + ws.port() + "/ws";
  }

  /** The simulated time now. */
  public Instant now() {
    engine.sync();
    return Instant.ofEpochMilli(engine.now());
  }

  /**
   * A {@link Clock} that reads the simulated time, for code that must live on the simulator's timeline: candle
   * ranges, {@code scheduleCancel} times and cycle timing of a backtest or an accelerated demo. Its zone is UTC.
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
   * Plays the next candle of every market (stepped clock): resting orders and triggers crossed by its path fill,
   * positions may be liquidated; the candle then shows as closed in {@code candleSnapshot}.
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
   * Moves the stepped clock to {@code time}, possibly to the middle of a candle (its intrabar path is played up
   * to there). Earlier times are ignored.
   */
  public void advanceTo(Instant time) {
    if (time == null) throw new NullPointerException("time == null");
    requireStepped();
    engine.advanceTo(time.toEpochMilli());
  }

  /** True while {@link #advance()} can still move (always, unless a replay ends with {@link AfterReplay#STOP}). */
  public boolean hasNext() {
    long next = engine.now() + 1;
    return next <= engine.endMs();
  }

  private void requireStepped() {
    if (!stepped) throw new IllegalStateException("the clock is accelerated and moves by itself; advance() needs a stepped clock");
  }

  /**
   * Credits {@code usd} USDC of collateral to {@code address}, creating its account on first use. The same as
   * {@code POST /sim/fund}.
   *
   * @throws IllegalArgumentException when the address is not {@code 0x} + 40 hex digits or the amount is not positive
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

  /** The account value (collateral plus unrealised PnL) of {@code address}; zero for an unknown account. */
  public BigDecimal accountValue(String address) {
    engine.sync();
    synchronized (engine) {
      Account a = engine.account(checkAddress(address));
      return a == null ? BigDecimal.ZERO : engine.equity(a);
    }
  }

  /**
   * The positions and open orders of {@code address} now, read in-process (no HTTP, so no fault or latency applies);
   * an unknown account is empty. Cheap enough to call every few milliseconds.
   */
  public AccountSnapshot snapshot(String address) {
    return snapshot(address, false);
  }

  /**
   * Like {@link #snapshot}, with every order the account ever placed (filled, cancelled, and rejected ones that
   * carried a cloid) instead of only the open ones.
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
        orders.add(new AccountSnapshot.Order(o.oid, o.cloid, o.market.coin, o.buy, o.isOpen() ? o.sz : o.filledSz, o.reduceOnly, trigger,
            o.trigger == null ? null : o.trigger.triggerPx(), o.waiting, o.status, Instant.ofEpochMilli(o.timestamp), Instant.ofEpochMilli(o.statusTimestamp)));
      }
      return new AccountSnapshot(time, positions, orders, a.cloidReuses);
    }
  }

  /**
   * Every fill of {@code address} so far, oldest first, read in-process, with the values (rounded as on the wire)
   * that {@code userFills} reports.
   */
  public List<dev.rez.core.Fill> fills(String address) {
    engine.sync();
    List<dev.rez.core.Fill> out = new ArrayList<>();
    for (SimFill f : engine.fills(checkAddress(address)).reversed()) {
      out.add(new dev.rez.core.Fill(dev.rez.core.Asset.of(f.coin()), f.buy() ? dev.rez.core.Side.BUY : dev.rez.core.Side.SELL,
          new BigDecimal(Prices.wire(f.px())), new BigDecimal(Prices.wire(f.sz())), Instant.ofEpochMilli(f.time()), new BigDecimal(Prices.usd(f.fee())),
          new BigDecimal(Prices.usd(f.closedPnl())), f.oid(), f.cloid() == null ? null : dev.rez.core.ClientOrderId.of(f.cloid()),
          new BigDecimal(Prices.wire(f.startPosition())), f.crossed(), f.hash()));
    }
    return out;
  }

  /** The fault injector, to arm failures for the next requests. */
  public Faults faults() {
    return faults;
  }

  /** Stops the server; in-flight requests are abandoned. */
  @Override
  public void close() {
    ws.close();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "HyperliquidSimulator{" + baseUrl() + "}";
  }

  private static String checkAddress(String address) {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("address must be 0x followed by 40 hex digits but was '" + address + "'");
    }
    return address.toLowerCase(Locale.ROOT);
  }

  private static BigDecimal checkAmount(BigDecimal usd) {
    if (usd == null || usd.signum() <= 0) throw new IllegalArgumentException("usd must be > 0 but was " + usd);
    return usd;
  }

  // ------------------------------------------------------------------ HTTP

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Duration latency = faults.latency();
      if (!latency.isZero()) {
        try {
          Thread.sleep(latency);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String path = ex.getRequestURI().getPath();
      if (!ex.getRequestMethod().equals("POST")) {
        send(ex, Api.Response.text(405, "Method Not Allowed: use POST"));
        return;
      }
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (path.equals("/info") || path.equals("/exchange")) {
        Integer failure = faults.takeFailure();
        if (failure != null) {
          send(ex, Api.Response.text(failure, failure == 429 ? "Too Many Requests (simulated)" : "Server Error (simulated)"));
          return;
        }
      }
      Api.Response r = switch (path) {
        case "/info" -> api.info(body);
        case "/exchange" -> api.exchange(body);
        case "/sim/fund" -> adminFund(body);
        case "/sim/advance" -> adminAdvance(body);
        default -> Api.Response.text(404, "Not Found: " + path);
      };
      if (r.dropped()) return; // closing without a response: the client sees the connection end
      send(ex, r);
    } catch (RuntimeException e) {
      send(ex, Api.Response.text(500, "Internal simulator error: " + e));
    }
  }

  private Api.Response adminFund(String body) {
    try {
      Map<String, Object> req = Json.object(Json.parse(body), "body");
      String user = Json.string(req, "user");
      Object usd = req.get("usd");
      BigDecimal amount = usd instanceof BigDecimal d ? d : usd instanceof String s ? new BigDecimal(s) : null;
      fund(user, amount);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("status", "ok");
      out.put("accountValue", Prices.usd(accountValue(user)));
      return Api.Response.json(out);
    } catch (Json.BadRequest | IllegalArgumentException e) {
      return Api.Response.text(422, e.getMessage());
    }
  }

  private Api.Response adminAdvance(String body) {
    try {
      Map<String, Object> req = body.isBlank() ? Map.of() : Json.object(Json.parse(body), "body");
      long n = req.get("candles") == null ? 1 : Json.integer(req, "candles");
      if (!stepped) return Api.Response.text(409, "the clock is accelerated; /sim/advance needs a stepped clock");
      int played = advance((int) Math.min(Integer.MAX_VALUE, Math.max(0, n)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("advanced", played);
      out.put("time", engine.now());
      return Api.Response.json(out);
    } catch (Json.BadRequest | IllegalArgumentException e) {
      return Api.Response.text(422, e.getMessage());
    }
  }

  private static void send(HttpExchange ex, Api.Response r) throws IOException {
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.json() ? "application/json" : "text/plain; charset=utf-8");
    ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  // ------------------------------------------------------------------ builder

  private record MarketConfig(String coin, List<Candle> candles, int szDecimals, int maxLeverage, double syntheticStart) {}

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

    private Builder() {}

    /**
     * Adds a market that replays {@code candles} (oldest first, one interval), with size decimals guessed from
     * the price (one lot worth about 0.1 to 1 USD) and a maximum leverage of 20.
     */
    public Builder candles(String coin, List<Candle> candles) {
      return candles(coin, candles, -1, 20);
    }

    /**
     * Adds a market that replays {@code candles}. Their timestamps are laid back to back on the simulator's
     * timeline (candle {@code i} opens at start + i × interval), so gaps close up and assets from different
     * periods can be replayed together.
     *
     * @param szDecimals decimals of a size (Hyperliquid's {@code szDecimals}), 0..6
     * @param maxLeverage the market's maximum leverage, 1..100
     */
    public Builder candles(String coin, List<Candle> candles, int szDecimals, int maxLeverage) {
      checkCoin(coin);
      if (candles == null || candles.isEmpty()) throw new IllegalArgumentException("candles of " + coin + " must not be empty");
      if (szDecimals != -1 && (szDecimals < 0 || szDecimals > 6)) throw new IllegalArgumentException("szDecimals must be in 0..6 but was " + szDecimals);
      if (maxLeverage < 1 || maxLeverage > 100) throw new IllegalArgumentException("maxLeverage must be in 1..100 but was " + maxLeverage);
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
      if (!(startPrice > 0) || Double.isInfinite(startPrice)) throw new IllegalArgumentException("startPrice must be > 0 but was " + startPrice);
      if (szDecimals < 0 || szDecimals > 6) throw new IllegalArgumentException("szDecimals must be in 0..6 but was " + szDecimals);
      if (maxLeverage < 1 || maxLeverage > 100) throw new IllegalArgumentException("maxLeverage must be in 1..100 but was " + maxLeverage);
      markets.add(new MarketConfig(coin, List.of(), szDecimals, maxLeverage, startPrice));
      return this;
    }

    private void checkCoin(String coin) {
      if (coin == null || coin.isBlank()) throw new IllegalArgumentException("coin must not be blank");
      for (MarketConfig m : markets) if (m.coin.equals(coin)) throw new IllegalArgumentException("coin " + coin + " was already added");
    }

    /** The candle interval of synthetic-only markets (replayed markets use their candles' interval). Default 1m. */
    public Builder interval(Interval interval) {
      if (interval == null) throw new NullPointerException("interval == null");
      this.interval = interval;
      return this;
    }

    /**
     * The open time of the first candle on the timeline. Default: the first replayed candle's open time, or for
     * synthetic-only markets the wall-clock time such that the start falls on the current interval boundary.
     */
    public Builder startTime(Instant startTime) {
      if (startTime == null) throw new NullPointerException("startTime == null");
      this.startTime = startTime;
      return this;
    }

    /**
     * How many candles are already closed when the simulator starts (history for indicators); trading starts at
     * the close of the last of them. Default 0: the simulator starts at the open of the first candle.
     */
    public Builder history(int candles) {
      if (candles < 0) throw new IllegalArgumentException("history must be >= 0 but was " + candles);
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
     * Time moves by itself, {@code speed} times faster than the wall clock (1 = real time, 60 = one minute per
     * second): for demos.
     */
    public Builder acceleratedClock(double speed) {
      if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be > 0 but was " + speed);
      this.speed = speed;
      return this;
    }

    /** The port to listen on, 0 (the default) for a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
      this.port = port;
      return this;
    }

    /** The WebSocket port, 0 (the default) for a free one. */
    public Builder webSocketPort(int port) {
      if (port < 0 || port > 65_535) throw new IllegalArgumentException("webSocketPort must be in 0..65535 but was " + port);
      this.wsPort = port;
      return this;
    }

    /** Credits {@code usd} USDC to {@code address} at start; may be called for several addresses. */
    public Builder fund(String address, BigDecimal usd) {
      funds.merge(checkAddress(address), checkAmount(usd), BigDecimal::add);
      return this;
    }

    /** Fee rates as fractions of notional; default Hyperliquid's base tier, taker 0.00045 and maker 0.00015. */
    public Builder fees(BigDecimal taker, BigDecimal maker) {
      if (taker == null || taker.signum() < 0) throw new IllegalArgumentException("taker fee must be >= 0 but was " + taker);
      if (maker == null) throw new IllegalArgumentException("maker fee == null");
      this.takerFee = taker;
      this.makerFee = maker;
      return this;
    }

    /** The synthetic book: total spread in basis points (default 2) and notional per level in USD (default 100000). */
    public Builder book(BigDecimal spreadBps, BigDecimal levelNotional) {
      if (spreadBps == null || spreadBps.signum() < 0) throw new IllegalArgumentException("spreadBps must be >= 0 but was " + spreadBps);
      if (levelNotional == null || levelNotional.signum() <= 0) throw new IllegalArgumentException("levelNotional must be > 0 but was " + levelNotional);
      this.spreadBps = spreadBps;
      this.levelNotional = levelNotional;
      return this;
    }

    /** The leverage of an asset until {@code updateLeverage} changes it, capped at its maximum. Default 20. */
    public Builder defaultLeverage(int leverage) {
      if (leverage < 1) throw new IllegalArgumentException("defaultLeverage must be >= 1 but was " + leverage);
      this.defaultLeverage = leverage;
      return this;
    }

    /**
     * The hourly funding rate paid by longs to shorts (negative: shorts pay), on every simulated hour boundary,
     * on the position's value at the mark. Default 0.0000125, Hyperliquid's baseline (0.01% per 8 hours);
     * zero turns funding off.
     */
    public Builder fundingRate(BigDecimal hourlyRate) {
      if (hourlyRate == null || hourlyRate.abs().compareTo(new BigDecimal("0.04")) > 0) {
        throw new IllegalArgumentException("fundingRate must be within ±0.04 per hour but was " + hourlyRate);
      }
      this.fundingRate = hourlyRate;
      return this;
    }

    /** The clock that nonce windows and {@code expiresAfter} are checked against. Default the system clock. */
    public Builder wallClock(Clock clock) {
      if (clock == null) throw new NullPointerException("clock == null");
      this.wallClock = clock;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalArgumentException when no market was added or the markets do not fit together
     * @throws UncheckedIOException when the port cannot be bound
     */
    public HyperliquidSimulator start() {
      if (markets.isEmpty()) throw new IllegalArgumentException("add at least one market with candles(...) or synthetic(...)");
      return new HyperliquidSimulator(this);
    }
  }
}
