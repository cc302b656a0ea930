package dev.rez.app.api;

import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.LoopStatus;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.TrackRecord;
import dev.rez.json.JsonOut;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code docs/API.md} and the dashboard's static files, on one port.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.builder(backend).port(7070).token(System.getenv("REZ_API_TOKEN")).build().start()) {
 *   // serving on http://127.0.0.1:7070 until closed
 * }
 * }</pre>
 *
 * <p>Security: binds {@code 127.0.0.1} unless told otherwise, and {@link #start()} refuses an
 * address that is not loopback when no token is set. With a token, every {@code /api} route
 * requires {@code Authorization: Bearer <token>} ({@code /api/stream} also takes {@code ?token=}).
 * Static files are served only from the classpath folder {@code rez-dashboard/}; no route reads a
 * file named by a request. Every request also passes a {@link RequestGuard} (host, origin,
 * JSON-only state changes, their rate, security headers), streams are bounded by {@link
 * StreamLimits}, and connections, headers and bodies are capped.
 *
 * <p>This class is threadsafe.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S+)\\s*");
  private static final Pattern FILL_CURSOR = Pattern.compile("(\\d{1,15})\\.(\\d{1,9})");
  private static final String CURSOR_ATTR = "rez.stream.cursor";
  private static final int MAX_HEADER_BYTES = 8192;

  private final ApiBackend backend;
  private final String host;
  private final int port;
  private final byte[] token;
  private final Duration ping;
  private final Clock clock;
  private final ClassLoader staticLoader;
  private final List<String> allowedHosts;
  private final int maxStreams;
  private final int maxConnections;
  private final List<Routes> extraRoutes;
  private Javalin app;
  private StreamHub hub;
  private CachedAccount cachedAccount;

  private ApiServer(Builder b) {
    this.backend = b.backend;
    this.host = b.host;
    this.port = b.port;
    this.token = b.token == null ? null : b.token.getBytes(StandardCharsets.UTF_8);
    this.ping = b.ping;
    this.clock = b.clock;
    this.staticLoader = b.staticLoader;
    this.allowedHosts = b.allowedHosts;
    this.maxStreams = b.maxStreams;
    this.maxConnections = b.maxConnections;
    this.extraRoutes = List.copyOf(b.extraRoutes);
  }

  /** A builder for a server over {@code backend}: host {@code 127.0.0.1}, port 7070, no token. */
  public static Builder builder(ApiBackend backend) {
    return new Builder(backend);
  }

  /**
   * Starts serving.
   *
   * @return this server
   * @throws IllegalStateException if the host is not a loopback address and no token is set, or
   *     when already started
   * @throws IllegalArgumentException if the host does not resolve
   */
  public synchronized ApiServer start() {
    if (app != null) throw new IllegalStateException("the API server is already started");
    boolean loopback = refuseOpenBind(host, token != null);
    RequestGuard guard =
        new RequestGuard(
            host,
            loopback,
            allowedHosts,
            new RequestGuard.RateLimit(10, Duration.ofSeconds(6), clock));
    StreamLimits streams = new StreamLimits(maxStreams);
    JsonlDiary diary = Objects.requireNonNull(backend.diary(), "backend.diary() == null");
    hub =
        new StreamHub(
            diary,
            ping,
            this::accountJson,
            backend::status,
            new StreamHub.Live(
                this::liveMarks,
                () -> !backend.account().positions().isEmpty(),
                () -> backend.status().assets()));
    StaticFiles files = new StaticFiles(staticLoader);
    app =
        Javalin.create(
            config -> {
              configureJetty(config);
              guard.register(config.routes);
              filters(config.routes, diary, streams);
              accountRoutes(config.routes, diary);
              diaryRoutes(config.routes, diary);
              streamAndControlRoutes(config.routes, streams);
              for (Routes r : extraRoutes) r.register(config.routes);
              get(
                  config.routes,
                  "/api/<rest>",
                  ctx -> {
                    throw ApiException.notFound(
                        "no route " + ctx.method() + " " + Params.shown(ctx.path()));
                  });
              get(config.routes, "/", ctx -> serveStatic(ctx, files));
              get(config.routes, "/<path>", ctx -> serveStatic(ctx, files));
              errorHandlers(config.routes);
            });
    app.start();
    log.info(
        "API listening on http://{}:{} ({}; dashboard {})",
        host,
        app.port(),
        token == null ? "no token" : "bearer token required",
        files.built() ? "built" : "not built");
    return this;
  }

  /**
   * More routes for the same server, registered after the API's own (so they pass the same request
   * guard, token check and error handling) and before the dashboard's files. A path under {@code
   * /api/} answers JSON like the others; throw {@link ApiException} for a clear 4xx. A {@code HEAD}
   * is answered by a route registered for it ({@code routes.head(path, handler)} beside {@code
   * routes.get(path, handler)}), else it is a 404.
   */
  @FunctionalInterface
  public interface Routes {
    /** Registers the routes. */
    void register(RoutesConfig routes);
  }

  /** Host, port, banner, request and header sizes, connection limit and the JSON error page. */
  private void configureJetty(JavalinConfig config) {
    config.jetty.host = host;
    config.jetty.port = port;
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.router.ignoreTrailingSlashes = true;
    config.http.maxRequestSize = RequestGuard.MAX_BODY;
    config.jetty.modifyHttpConfiguration(
        http -> {
          http.setSendServerVersion(false);
          http.setRequestHeaderSize(MAX_HEADER_BYTES);
        });
    config.jetty.modifyServer(
        server -> {
          server.setErrorHandler(new JsonErrorHandler());
          server.addBean(new NetworkConnectionLimit(maxConnections, server));
        });
  }

  /**
   * No caching and the token check on every {@code /api} route; the stream's cursor and its slot.
   */
  private void filters(RoutesConfig routes, JsonlDiary diary, StreamLimits streams) {
    routes.before(
        "/api/*",
        ctx -> {
          ctx.header("Cache-Control", "no-store");
          authorize(ctx);
          Params.query(ctx); // every parameter decodes, whether or not the route reads it
        });
    routes.before("/api/stream", ctx -> ctx.attribute(CURSOR_ATTR, streamCursor(ctx, diary)));
    routes.before("/api/stream", streams::acquire);
  }

  /** Health, status, account, positions, orders, fills, candles and stats. */
  private void accountRoutes(RoutesConfig routes, JsonlDiary diary) {
    get(routes, "/api/health", ctx -> json(ctx, Views.health(clock.instant())));
    get(
        routes,
        "/api/status",
        ctx -> json(ctx, write(o -> Views.status(o, status(), diary.health()))));
    get(
        routes,
        "/api/account",
        ctx -> json(ctx, write(o -> Views.account(o, exchange(backend::account), sortedFills()))));
    get(
        routes,
        "/api/positions",
        ctx -> {
          AccountState a = exchange(backend::account);
          List<OpenOrder> orders = exchange(backend::openOrders);
          Map<Asset, BigDecimal> marks = exchange(backend::markPrices);
          json(ctx, write(o -> Views.positions(o, a, orders, marks)));
        });
    get(
        routes,
        "/api/orders",
        ctx -> json(ctx, write(o -> Views.orders(o, exchange(backend::openOrders)))));
    get(routes, "/api/fills", this::fills);
    get(routes, "/api/candles", this::candles);
    get(
        routes,
        "/api/stats",
        ctx -> {
          BigDecimal start = exchange(backend::startingEquity);
          if (start.signum() <= 0)
            throw ApiException.unavailable(
                "no track record yet: the account has had no equity to measure returns against");
          Instant since = exchange(backend::trackRecordSince);
          List<Fill> fills = sortedFills().stream().filter(f -> !f.time().isBefore(since)).toList();
          List<dev.rez.core.FundingPayment> funding =
              exchange(backend::fundings).stream().filter(p -> !p.time().isBefore(since)).toList();
          json(ctx, StatsView.write(TrackRecord.fromFills(fills, start).withFunding(funding)));
        });
  }

  /** The diary's events and cycles. */
  private static void diaryRoutes(RoutesConfig routes, JsonlDiary diary) {
    get(routes, "/api/diary", ctx -> diaryPage(ctx, diary));
    get(routes, "/api/cycles", ctx -> cycles(ctx, diary));
    get(routes, "/api/cycles/{cycle}", ctx -> cycle(ctx, diary));
  }

  /** The live stream and the kill switch. */
  private void streamAndControlRoutes(RoutesConfig routes, StreamLimits streams) {
    routes.sse(
        "/api/stream",
        client ->
            hub.open(
                client, client.ctx().<Long>attribute(CURSOR_ATTR), streams.release(client.ctx())));
    routes.post("/api/kill-switch/{command}", this::killSwitch);
  }

  /**
   * Every failure answers JSON: an {@link ApiException} its status, anything else a logged 500; no
   * route a 404.
   */
  private static void errorHandlers(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status, e.code, e.getMessage()));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
          error(ctx, 500, "internal", "internal error");
        });
    // Javalin's own 404/405 (no route for this method and path) become the API's JSON 404.
    routes.error(
        404,
        ctx -> {
          if (!isJson(ctx))
            error(
                ctx, 404, "not-found", "no route " + ctx.method() + " " + Params.shown(ctx.path()));
        });
    routes.error(
        405,
        ctx ->
            error(
                ctx,
                404,
                "not-found",
                "no route " + ctx.method() + " " + Params.shown(ctx.path())));
  }

  /**
   * Registers {@code handler} for {@code GET path} and for {@code HEAD path}: a {@code HEAD} is
   * answered as the {@code GET} would be (status, headers, content type), without the body.
   */
  static void get(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }

  /** The port the server listens on (the chosen one when built with port 0). */
  public synchronized int port() {
    if (app == null) throw new IllegalStateException("the API server is not started");
    return app.port();
  }

  /** Stops serving and ends every stream. Idempotent. */
  @Override
  public synchronized void close() {
    if (app == null) return;
    hub.close();
    app.stop();
    app = null;
  }

  /**
   * @return whether {@code host} is loopback
   */
  static boolean refuseOpenBind(String host, boolean hasToken) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("API host '" + host + "' does not resolve", e);
    }
    boolean loopback = true;
    for (InetAddress a : addresses) loopback &= a.isLoopbackAddress();
    if (!loopback && !hasToken) {
      throw new IllegalStateException(
          "refusing to serve the API on "
              + host
              + " without a token: set REZ_API_TOKEN, or bind 127.0.0.1");
    }
    return loopback;
  }

  private void authorize(Context ctx) {
    if (token == null) return;
    String given = null;
    String header = ctx.header("Authorization");
    if (header != null) {
      Matcher m = BEARER.matcher(header);
      if (m.matches()) given = m.group(1);
    }
    if (given == null && ctx.path().equals("/api/stream")) given = Params.one(ctx, "token");
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token))
      throw ApiException.unauthorized();
  }

  private static Long streamCursor(Context ctx, JsonlDiary diary) {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw ApiException.badParameter(
          "the stream is Server-Sent Events: send Accept: text/event-stream (EventSource does)");
    }
    String last = ctx.header("Last-Event-ID");
    String name = "Last-Event-ID";
    if (last == null || last.isEmpty()) {
      last = Params.one(ctx, "lastEventId");
      name = "lastEventId";
    }
    if (last == null || last.isEmpty()) return diary.size();
    try {
      return StreamLimits.replayFrom(diary.parseCursor(last), diary.size());
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(
          name + " '" + Params.shown(last) + "' is not a diary event id");
    }
  }

  private interface Writer {
    void write(JsonOut o);
  }

  private static String write(Writer w) {
    JsonOut o = new JsonOut();
    w.write(o);
    return o.text();
  }

  private static void json(Context ctx, String body) {
    ctx.contentType(JSON).result(body);
  }

  private static boolean isJson(Context ctx) {
    String ct = ctx.res().getContentType();
    return ct != null && ct.startsWith("application/json");
  }

  private static void error(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType(JSON).result(Views.error(status, code, message));
  }

  private StatusSnapshot status() {
    return exchange(backend::status);
  }

  /** Calls the backend where it reaches the exchange; a failure is a 503, not a 500. */
  private static <T> T exchange(Supplier<T> call) {
    try {
      return Objects.requireNonNull(call.get(), "backend returned null");
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("backend call failed: {}", e.toString());
      throw ApiException.unavailable("the exchange did not answer (the app's log has the cause)");
    }
  }

  private List<Fill> sortedFills() {
    List<Fill> fills = new ArrayList<>(exchange(backend::fills));
    fills.sort(Comparator.comparing(Fill::time)); // stable: equal times keep the exchange's order
    return fills;
  }

  /** The marks for the stream's {@code mark} events, each with the time it was seen. */
  private Map<Asset, StreamHub.Mark> liveMarks() {
    Map<Asset, BigDecimal> marks = backend.markPrices();
    Map<Asset, Instant> times = backend.markTimes();
    Instant now = clock.instant();
    Map<Asset, StreamHub.Mark> out = new java.util.HashMap<>();
    for (Map.Entry<Asset, BigDecimal> e : marks.entrySet())
      out.put(e.getKey(), new StreamHub.Mark(e.getValue(), times.getOrDefault(e.getKey(), now)));
    return out;
  }

  private record CachedAccount(long cursor, Instant at, String json) {}

  /**
   * The account JSON for stream clients: computed once per diary position and quarter second,
   * however many listen.
   */
  private synchronized String accountJson(long cursor) {
    Instant now = clock.instant();
    if (cachedAccount != null
        && cachedAccount.cursor == cursor
        && Duration.between(cachedAccount.at, now).toMillis() < 250) return cachedAccount.json;
    try {
      AccountState a = backend.account();
      List<Fill> fills = backend.fills();
      String json = write(o -> Views.account(o, a, fills));
      cachedAccount = new CachedAccount(cursor, now, json);
      return json;
    } catch (RuntimeException e) {
      log.warn("account for the stream unavailable: {}", e.toString());
      return null;
    }
  }

  /**
   * {@code GET /api/fills}: newest first; the cursor is {@code <epoch ms>.<fills of that ms already
   * seen>}.
   */
  private void fills(Context ctx) {
    int limit = Params.limit(ctx);
    String cursor = Params.one(ctx, "cursor");
    List<Fill> fills = sortedFills();
    int i = fills.size() - 1; // walk from the newest
    if (cursor != null) {
      Matcher m = FILL_CURSOR.matcher(cursor);
      if (!m.matches())
        throw ApiException.badParameter(
            "cursor '" + Params.shown(cursor) + "' is not a fills cursor");
      long ms = Long.parseLong(m.group(1));
      long skip = Long.parseLong(m.group(2));
      if (!issuedFillsCursor(fills, cursor, ms, skip))
        throw ApiException.badParameter(
            "cursor '" + Params.shown(cursor) + "' is not a cursor of these fills");
      while (i >= 0 && fills.get(i).time().toEpochMilli() > ms) i--;
      while (i >= 0 && skip > 0 && fills.get(i).time().toEpochMilli() == ms) {
        i--;
        skip--;
      }
    }
    StatusSnapshot.Network network = status().network();
    JsonOut o = new JsonOut().begin().name("fills").beginArray();
    int last = -1;
    for (int n = 0; n < limit && i >= 0; n++, i--) {
      Views.fill(o, fills.get(i), network);
      last = i;
    }
    String next;
    if (last < 0) next = cursor == null ? "0.0" : cursor;
    else {
      long ms = fills.get(last).time().toEpochMilli();
      int seen = 0;
      for (int j = last; j < fills.size() && fills.get(j).time().toEpochMilli() == ms; j++) seen++;
      next = ms + "." + seen;
    }
    o.endArray().field("next", next).field("hasMore", i >= 0).end();
    json(ctx, o.text());
  }

  /**
   * Whether the server could have issued {@code cursor} ({@code ms.skip}) over {@code fills}
   * (oldest first): {@code 0.0} (the end of no fills), or written without leading zeros with at
   * least {@code skip >= 1} fills at {@code ms}.
   */
  private static boolean issuedFillsCursor(List<Fill> fills, String cursor, long ms, long skip) {
    if (cursor.equals("0.0")) return true;
    if (skip < 1 || !cursor.equals(ms + "." + skip)) return false;
    long at = 0;
    for (Fill f : fills) if (f.time().toEpochMilli() == ms) at++;
    return at >= skip;
  }

  private static void diaryPage(Context ctx, JsonlDiary diary) {
    int limit = Params.limit(ctx);
    String cursor = Params.one(ctx, "cursor");
    Set<String> types = Params.types(ctx);
    Asset asset = Params.asset("asset", Params.one(ctx, "asset"));
    String cycleParam = Params.one(ctx, "cycle");
    Long cycle = cycleParam == null ? null : Params.nonNegativeLong("cycle", cycleParam);
    String order = Params.oneOf(ctx, "order", Set.of("asc", "desc"));
    JsonlDiary.Direction dir =
        "desc".equals(order) ? JsonlDiary.Direction.BACKWARD : JsonlDiary.Direction.FORWARD;
    Diary.Page page;
    try {
      page =
          diary.read(
              cursor == null || cursor.isEmpty() ? null : cursor,
              limit,
              new DiaryQuery(types, asset, cycle),
              dir);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(e.getMessage());
    }
    JsonOut o = new JsonOut().begin().name("events").beginArray();
    for (Diary.Entry e : page.events()) Views.event(o, e);
    o.endArray().field("next", page.next()).field("hasMore", page.hasMore()).end();
    json(ctx, o.text());
  }

  private static void cycles(Context ctx, JsonlDiary diary) {
    int limit = Params.limit(ctx);
    String cursor = Params.one(ctx, "cursor");
    Long before =
        cursor == null || cursor.isEmpty() ? null : Params.nonNegativeLong("cursor", cursor);
    Asset asset = Params.asset("asset", Params.one(ctx, "asset"));
    String action = Params.action(ctx);
    String outcome = Params.oneOf(ctx, "outcome", CycleSummaries.OUTCOMES);
    String q = Params.one(ctx, "q");
    if (q != null && q.length() > 200)
      throw ApiException.badParameter("q must be at most 200 characters but had " + q.length());
    if (q != null && q.isBlank()) q = null;
    var criteria =
        new CycleSummaries.Criteria(asset == null ? null : asset.name(), action, outcome, q);
    json(ctx, CycleSummaries.page(diary, before, limit, criteria));
  }

  private static void cycle(Context ctx, JsonlDiary diary) {
    long cycle = Params.nonNegativeLong("cycle", ctx.pathParam("cycle"));
    List<Diary.Entry> events = diary.cycle(cycle);
    if (events.isEmpty()) throw ApiException.notFound("no cycle " + cycle + " in the diary");
    JsonOut o = new JsonOut().begin().field("cycle", cycle).name("events").beginArray();
    for (Diary.Entry e : events) Views.event(o, e);
    json(ctx, o.endArray().end().text());
  }

  private void candles(Context ctx) {
    StatusSnapshot s = status();
    String assetParam = Params.one(ctx, "asset");
    if (assetParam == null)
      throw ApiException.badParameter("asset is required (one of " + names(s.assets()) + ")");
    Asset asset = Params.asset("asset", assetParam);
    if (!s.assets().contains(asset))
      throw ApiException.badParameter(
          "unknown asset '" + asset + "' (expected one of " + names(s.assets()) + ")");
    String intervalParam = Params.one(ctx, "interval");
    Interval interval = intervalParam == null ? s.interval() : Params.interval(intervalParam);
    int limit = Params.intIn(ctx, "limit", 1, 5000, 300);
    List<ChartIndicators.Spec> specs = ChartIndicators.parse(Params.one(ctx, "indicators"));
    List<Candle> candles = exchange(() -> backend.candles(asset, interval, limit));
    List<Fill> fills = sortedFills();
    List<OpenOrder> orders = exchange(backend::openOrders);
    AccountState account = exchange(backend::account);

    JsonOut o =
        new JsonOut().begin().field("asset", asset.name()).field("interval", interval.wire());
    o.name("candles").beginArray();
    for (Candle c : candles) {
      o.begin().field("time", c.openTime().toEpochMilli());
      o.name("open")
          .value(c.open())
          .name("high")
          .value(c.high())
          .name("low")
          .value(c.low())
          .name("close")
          .value(c.close())
          .name("volume")
          .value(c.volume());
      o.end();
    }
    o.endArray();
    o.name("indicators").begin();
    for (ChartIndicators.Spec spec : specs) {
      for (Map.Entry<String, double[]> series : ChartIndicators.compute(spec, candles).entrySet()) {
        o.name(series.getKey()).beginArray();
        for (double v : series.getValue()) Views.finite(o, v);
        o.endArray();
      }
    }
    o.end();
    o.name("markers").beginArray();
    Instant from = candles.isEmpty() ? Instant.MAX : candles.get(0).openTime();
    for (Fill f : fills) {
      if (!f.asset().equals(asset) || f.time().isBefore(from)) continue;
      boolean exit = f.closing();
      String direction =
          exit
              ? (f.side() == dev.rez.core.Side.SELL ? "long" : "short")
              : (f.side() == dev.rez.core.Side.BUY ? "long" : "short");
      String verb = exit ? "close" : f.startPosition().signum() == 0 ? "open" : "add to";
      o.begin()
          .field("time", f.time().toEpochMilli())
          .field("kind", exit ? "exit" : "entry")
          .field("side", Views.lower(f.side()))
          .field("price", f.price())
          .field("text", verb + " " + direction + " " + f.size().toPlainString())
          .end();
    }
    o.endArray();
    o.name("levels").beginArray();
    for (OpenOrder x : orders) {
      if (x.asset().equals(asset) && x.trigger() != null)
        o.begin().field("kind", Views.lower(x.trigger())).field("price", x.triggerPrice()).end();
    }
    for (Position p : account.positions()) {
      if (p.asset().equals(asset))
        o.begin().field("kind", "entry").field("price", p.entryPrice()).end();
    }
    o.endArray().end();
    json(ctx, o.text());
  }

  private static String names(List<Asset> assets) {
    List<String> out = new ArrayList<>();
    for (Asset a : assets) out.add(a.name());
    return String.join(", ", out);
  }

  private void killSwitch(Context ctx) {
    String command = ctx.pathParam("command");
    KillSwitch.Level level =
        switch (command) {
          case "stop-entries" -> KillSwitch.Level.STOP_ENTRIES;
          case "flatten" -> KillSwitch.Level.FLATTEN;
          case "resume" -> KillSwitch.Level.NONE;
          default -> throw ApiException.notFound("no route POST " + Params.shown(ctx.path()));
        };
    log.warn("kill switch: {} requested from {}", command, ctx.ip());
    LoopStatus after =
        exchange(
            () -> {
              try {
                return backend.killSwitch(level);
              } catch (UnsupportedOperationException e) {
                throw ApiException.readOnly();
              }
            });
    json(ctx, write(o -> Views.loop(o, after)));
  }

  private static void serveStatic(Context ctx, StaticFiles files) {
    String path = ctx.path();
    StaticFiles.Found f = files.find(path);
    if (f == null && (path.equals("/") || path.isEmpty()) && !files.built()) {
      ctx.contentType("text/html; charset=utf-8").result(StaticFiles.NOT_BUILT);
      return;
    }
    if (f == null) throw ApiException.notFound("no file " + Params.shown(path));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", f.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
    ctx.contentType(f.contentType()).result(f.bytes());
  }

  /** Configures an {@link ApiServer}. */
  public static final class Builder {
    private final ApiBackend backend;
    private String host = "127.0.0.1";
    private int port = 7070;
    private String token;
    private Duration ping = Duration.ofSeconds(15);
    private Clock clock = Clock.systemUTC();
    private ClassLoader staticLoader = ApiServer.class.getClassLoader();
    private List<String> allowedHosts = List.of();
    private final List<Routes> extraRoutes = new ArrayList<>();
    private int maxStreams = 16;
    private int maxConnections = 64;

    private Builder(ApiBackend backend) {
      this.backend = Objects.requireNonNull(backend, "backend == null");
    }

    /**
     * The address to bind; {@code 127.0.0.1} by default. Anything but loopback requires a {@link
     * #token}.
     */
    public Builder host(String host) {
      if (host == null || host.isBlank())
        throw new IllegalArgumentException("host must not be blank");
      this.host = host.strip();
      return this;
    }

    /** Also serves an arena's routes ({@code /api/arena…}). */
    public Builder arena(ArenaRoutes routes) {
      Objects.requireNonNull(routes, "routes == null");
      return routes(routes::register);
    }

    /** The port, 0..65535 (0 picks a free one); 7070 by default. */
    public Builder port(int port) {
      if (port < 0 || port > 65535)
        throw new IllegalArgumentException("port must be in 0..65535 but was " + port);
      this.port = port;
      return this;
    }

    /** The bearer token every {@code /api} route requires; null or blank for none. */
    public Builder token(String token) {
      if (token != null && token.isBlank()) token = null;
      if (token != null && !token.strip().equals(token))
        throw new IllegalArgumentException("token must not start or end with whitespace");
      if (token != null && token.chars().anyMatch(Character::isWhitespace))
        throw new IllegalArgumentException("token must not contain whitespace");
      this.token = token;
      return this;
    }

    /** How often an idle stream gets a {@code : ping} comment; 15 s by default. */
    public Builder pingInterval(Duration ping) {
      if (ping == null || ping.isNegative() || ping.isZero())
        throw new IllegalArgumentException("pingInterval must be > 0 but was " + ping);
      this.ping = ping;
      return this;
    }

    /**
     * Host names besides the bound address (and {@code localhost} on a loopback bind) that requests
     * may be addressed to, for example a reverse proxy's; a name alone allows any port, {@code
     * name:port} that port.
     */
    public Builder allowedHosts(List<String> names) {
      for (String n : Objects.requireNonNull(names, "names == null")) {
        if (n == null || n.isBlank() || n.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
          throw new IllegalArgumentException(
              "an allowed host must be a host name, optionally with :port, but was '" + n + "'");
        }
      }
      this.allowedHosts = List.copyOf(names);
      return this;
    }

    /**
     * How many {@code /api/stream} clients may be connected at once, {@code >= 1}; 16 by default.
     */
    public Builder maxStreams(int maxStreams) {
      if (maxStreams < 1)
        throw new IllegalArgumentException("maxStreams must be >= 1 but was " + maxStreams);
      this.maxStreams = maxStreams;
      return this;
    }

    /**
     * How many connections the server accepts at once, {@code >= 2}; 64 by default. More wait in
     * the backlog.
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 2)
        throw new IllegalArgumentException("maxConnections must be >= 2 but was " + maxConnections);
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * The clock for {@code /api/health} and the rate limit of state-changing requests; the system
     * UTC clock by default.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Where the {@code rez-dashboard/} folder is looked up; this class's loader by default. For
     * tests.
     */
    /** Adds routes to the server (see {@link Routes}); called again, adds more. */
    public Builder routes(Routes routes) {
      extraRoutes.add(Objects.requireNonNull(routes, "routes == null"));
      return this;
    }

    Builder staticFiles(ClassLoader loader) {
      this.staticLoader = Objects.requireNonNull(loader, "loader == null");
      return this;
    }

    /** A server, not yet started. */
    public ApiServer build() {
      return new ApiServer(this);
    }

    @Override
    public String toString() {
      return "ApiServer.Builder["
          + host
          + ":"
          + port
          + (token == null ? ", no token" : ", token set")
          + "]";
    }
  }

  @Override
  public String toString() {
    return "ApiServer[" + host + ":" + port + (token == null ? ", no token" : ", token set") + "]";
  }
}
