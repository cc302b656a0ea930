package dev.rez.hyperliquid;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.OrderBook;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid's WebSocket feed with typed subscriptions, heartbeat, and automatic reconnection that
 * re-sends every open subscription.
 *
 * <pre>{@code
 * try (HyperliquidStream stream = HyperliquidStream.builder().network(Network.TESTNET).build()) {
 *   HyperliquidStream.Subscription s = stream.candles(Asset.of("BTC"), Interval.M1, candle -> System.out.println(candle));
 *   stream.orderUpdates("0xYourAccount", updates -> updates.forEach(System.out::println));
 *   …
 *   s.close(); // unsubscribes when no other consumer needs the same feed
 * }
 * }</pre>
 *
 * <p>The connection opens with the first subscription. Every {@code pingInterval} the client sends
 * {@code {"method":"ping"}} (the server drops connections silent for 60 s); when nothing at all has
 * arrived for two intervals, or a connection attempt has not completed its handshake within two
 * intervals, the connection is considered dead and replaced. After a drop it reconnects with
 * exponential backoff and jitter and subscribes again. What a consumer gets across a reconnect:
 *
 * <ul>
 *   <li>{@link #userFills}: every fill once, those made while the connection was down too (taken
 *       from the snapshot the server sends on subscribing again), as far as that snapshot reaches;
 *   <li>{@link #orderUpdates}: the changes after the reconnect; those made while the connection was
 *       down are not sent again (the channel has no snapshot): read the orders over REST after
 *       {@link Listener#onConnected};
 *   <li>{@link #candles}, {@link #orderBook}, {@link #mids}: the current values again, then the
 *       changes ({@link #closedCandles} says what becomes of the bars that closed meanwhile);
 *   <li>{@link #trades}: the latest trades again (some possibly delivered before), then new ones.
 * </ul>
 *
 * <p>Consumers run on the connection's reader thread, one message at a time: keep them short. (A
 * {@code userFills} consumer joining a feed already open gets the history it asked for on the
 * subscribing thread, before any later message.) An exception thrown by a consumer is logged and
 * does not affect other consumers or the connection.
 *
 * <p>This class is threadsafe. Close it to stop reconnecting and release its thread.
 */
public final class HyperliquidStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HyperliquidStream.class);

  /** An open subscription; closing it stops delivery to its consumer. */
  public interface Subscription extends AutoCloseable {
    /** Stops delivery; idempotent. */
    @Override
    void close();
  }

  /** Connection events, for monitoring. All methods default to no-ops. */
  public interface Listener {
    /** The connection is open and every subscription has been (re)sent. */
    default void onConnected() {}

    /** The connection dropped; a reconnect is scheduled unless the stream was closed. */
    default void onDisconnected(Throwable cause) {}
  }

  private final OkHttpClient http;
  private final Request request;
  private final Duration pingInterval;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final Listener listener;
  private final ScheduledExecutorService scheduler;

  private final Object lock = new Object();
  private final Map<String, Feed> feeds = new LinkedHashMap<>();
  private volatile WebSocket socket;
  private boolean open;
  private boolean closed;
  private int failures;
  private volatile long lastMessageNanos = System.nanoTime();
  private volatile int connections;

  /**
   * One wire subscription, shared by the consumers that asked for the same feed. Its {@code
   * matches} comes from the first consumer, so it may depend only on the subscription itself; a
   * consumer's own options belong in its handler.
   */
  private static final class Feed {
    final String key;
    final Map<String, Object> subscription;
    final String channel;
    final Predicate<Object> matches;
    final List<Consumer<Object>> consumers = new CopyOnWriteArrayList<>();

    // A feed whose server starts with a snapshot keeps it, and the updates since, for a consumer
    // that joins later and asks for it (guarded by this feed).
    final boolean keepsHistory;
    private Object snapshot;
    private final ArrayDeque<Object> sinceSnapshot = new ArrayDeque<>();

    Feed(Map<String, Object> subscription, String channel, Predicate<Object> matches) {
      this.key = Json.write(subscription);
      this.subscription = subscription;
      this.channel = channel;
      this.matches = matches;
      this.keepsHistory = channel.equals("userFills");
    }

    /** Keeps {@code data}: a snapshot replaces what was kept, an update is added to it. */
    void remember(Object data) {
      if (isSnapshot(data)) {
        snapshot = data;
        sinceSnapshot.clear();
      } else if (snapshot != null) {
        sinceSnapshot.addLast(data);
        if (sinceSnapshot.size() > MAX_KEPT_UPDATES) sinceSnapshot.removeFirst();
      }
    }

    /** The last snapshot and the updates since, in order; empty before the first snapshot. */
    List<Object> history() {
      if (snapshot == null) return List.of();
      List<Object> h = new ArrayList<>(1 + sinceSnapshot.size());
      h.add(snapshot);
      h.addAll(sinceSnapshot);
      return h;
    }
  }

  /** How many updates after its snapshot a feed keeps for consumers that join later. */
  static final int MAX_KEPT_UPDATES = 2000;

  /**
   * A consumer of a feed that keeps history (see {@link Feed#remember}); told that history when it
   * joins, under the feed's lock, it answers the messages it wants delivered before the next.
   */
  interface HistoryConsumer extends Consumer<Object> {
    List<Object> join(List<Object> history);
  }

  static boolean isSnapshot(Object data) {
    return data instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("isSnapshot"));
  }

  /**
   * A late consumer's handler: the history it joined with goes first (on the subscribing thread, or
   * on the reader's when a message comes first), then the messages as they arrive, one at a time.
   */
  private static final class CatchUp implements Consumer<Object> {
    private final Consumer<Object> delegate;
    private List<Object> pending;

    CatchUp(Consumer<Object> delegate, List<Object> pending) {
      this.delegate = delegate;
      this.pending = pending;
    }

    @Override
    public synchronized void accept(Object data) {
      flush();
      delegate.accept(data);
    }

    synchronized void flush() {
      List<Object> p = pending;
      pending = null;
      if (p != null) for (Object d : p) safely(() -> delegate.accept(d));
    }
  }

  private HyperliquidStream(Builder b) {
    this.http =
        b.httpClient != null
            ? b.httpClient
            : new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
    this.request = new Request.Builder().url(b.url != null ? b.url : b.network.wsUrl()).build();
    this.pingInterval = b.pingInterval;
    this.minBackoff = b.minBackoff;
    this.maxBackoff = b.maxBackoff;
    this.listener = b.listener;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hyperliquid-stream");
              t.setDaemon(true);
              return t;
            });
    long ping = pingInterval.toMillis();
    // With a fixed delay, a process paused for minutes runs one late heartbeat, not one per period
    // missed.
    scheduler.scheduleWithFixedDelay(this::heartbeat, ping, ping, TimeUnit.MILLISECONDS);
  }

  /** A builder; testnet by default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Mid prices of every asset, on every change. */
  public Subscription mids(Consumer<Map<Asset, BigDecimal>> consumer) {
    return subscribe(
        WireActions.map("type", "allMids"),
        "allMids",
        d -> true,
        d -> Parsers.mids(Tree.obj(d, "allMids").get("mids")),
        consumer);
  }

  /** Book snapshots of {@code asset} (at most 20 levels a side), at most every 0.5 s. */
  public Subscription orderBook(Asset asset, Consumer<OrderBook> consumer) {
    String coin = asset.name();
    return subscribe(
        WireActions.map("type", "l2Book", "coin", coin),
        "l2Book",
        d -> coin.equals(coinOf(d)),
        d -> Parsers.book(d, Integer.MAX_VALUE),
        consumer);
  }

  /**
   * Every update of the candles of {@code asset} at {@code interval}: the forming bar each time it
   * changes, so several per open time, the last of them its closed values. For closed bars only,
   * each once (what a streaming indicator wants), use {@link #closedCandles}.
   */
  public Subscription candles(Asset asset, Interval interval, Consumer<Candle> consumer) {
    String coin = asset.name();
    String wire = interval.wire();
    Predicate<Object> matches =
        d -> {
          Object first = d instanceof List<?> l ? (l.isEmpty() ? null : l.getFirst()) : d;
          return first instanceof Map<?, ?> m && coin.equals(m.get("s")) && wire.equals(m.get("i"));
        };
    return subscribe(
        WireActions.map("type", "candle", "coin", coin, "interval", wire),
        "candle",
        matches,
        d -> d,
        data -> {
          // The SDK receives one candle object; the docs describe an array. Accept both.
          if (data instanceof List<?> l) {
            for (Object c : l) consumer.accept(Parsers.candle(c));
          } else {
            consumer.accept(Parsers.candle(data));
          }
        });
  }

  /**
   * The closed bars of {@code asset} at {@code interval}, each once, open times strictly
   * increasing: a bar is delivered when the feed shows the next one, with the values of its last
   * update (on Hyperliquid every trade updates the forming bar, so the last update is the closed
   * bar).
   *
   * <p>Across a reconnect: a bar the feed keeps showing after it is delivered as usual. The bars
   * that closed while the connection was down are not on the feed, nor is the end of the bar that
   * was forming when it dropped, if that bar has closed by the reconnect: those are not delivered,
   * and the consumer sees a gap in open times. {@link #closedCandles(Asset, Interval, int,
   * MarketData, Consumer)} fills such gaps over REST.
   *
   * <pre>{@code
   * Rsi rsi = new Rsi(14);
   * stream.closedCandles(Asset.of("BTC"), Interval.M1, bar -> rsi.update(bar));
   * }</pre>
   */
  public Subscription closedCandles(Asset asset, Interval interval, Consumer<Candle> consumer) {
    return candles(
        asset, interval, new ClosedBars(asset, interval, null, 0, this::connections, consumer));
  }

  /**
   * The closed bars of {@code asset} at {@code interval}, each once, open times strictly
   * increasing, read from {@code rest} (e.g. a {@link HyperliquidExchange}) when the feed shows
   * that a bar has closed: first the {@code history} bars closed before the feed's first (to warm
   * up an indicator), then every bar as the next one starts, the venue's own values, bars that
   * closed while the connection was down included. One REST read per bar, on the connection's
   * reader thread (it delays the stream's other consumers by its duration); a read that fails is
   * logged and tried again with a later update, at most every 5 s, and the bars it would have
   * delivered come with the next read that succeeds.
   *
   * <pre>{@code
   * Rsi rsi = new Rsi(14);
   * stream.closedCandles(Asset.of("BTC"), Interval.M1, rsi.warmUp(), exchange, bar -> rsi.update(bar));
   * }</pre>
   *
   * @param history how many closed bars before the first the feed shows to deliver first, {@code >=
   *     0}
   * @throws IllegalArgumentException when {@code history} is negative
   */
  public Subscription closedCandles(
      Asset asset, Interval interval, int history, MarketData rest, Consumer<Candle> consumer) {
    if (rest == null) throw new NullPointerException("rest == null");
    return candles(
        asset,
        interval,
        new ClosedBars(asset, interval, rest, history, this::connections, consumer));
  }

  /** How many times the stream has connected; a message belongs to the latest connection. */
  private int connections() {
    return connections;
  }

  /** Public trades of {@code asset}. */
  public Subscription trades(Asset asset, Consumer<List<Trade>> consumer) {
    String coin = asset.name();
    return subscribe(
        WireActions.map("type", "trades", "coin", coin),
        "trades",
        d -> d instanceof List<?> l && !l.isEmpty() && coin.equals(coinOf(l.getFirst())),
        d -> Tree.arr(d, "trades").stream().map(Parsers::trade).toList(),
        consumer);
  }

  /**
   * Fills of {@code user} (the account address, not an agent's), each once and oldest first, also
   * across reconnects: the server opens every subscription, so every reconnect, with a snapshot of
   * the user's recent fills, and the fills of a reconnect's snapshot that this consumer has not
   * been given yet (those made while the connection was down) are delivered from it, the others
   * dropped. Only fills the snapshot still holds can be delivered so (on Hyperliquid, its latest
   * 2,000); for a complete record read the fills over REST too ({@link HyperliquidExchange#fills})
   * after {@link Listener#onConnected}.
   *
   * @param includeSnapshot whether to deliver the history the server sends first, the fills made
   *     before this subscription. A consumer that joins a feed of the same user already open gets,
   *     with {@code true}, at once, the snapshot that feed last received and the fills since (at
   *     most the last 2,000 updates), as if it had been there from the start; with {@code false},
   *     only the fills after those
   */
  public Subscription userFills(
      String user, boolean includeSnapshot, Consumer<List<Fill>> consumer) {
    String u = Hex.address(user, "user");
    // Consumers of the same user share one feed, so what a consumer was given is its own.
    FillDelivery delivery = new FillDelivery(includeSnapshot, consumer);
    return subscribe(
        WireActions.map("type", "userFills", "user", u),
        "userFills",
        d -> d instanceof Map<?, ?> m && u.equalsIgnoreCase(String.valueOf(m.get("user"))),
        delivery);
  }

  /**
   * Status changes of {@code user}'s orders. The server's messages do not name the user, so a
   * stream carries order updates of one user only. The channel has no snapshot: changes made while
   * the connection was down are not delivered after the reconnect; read the orders over REST
   * ({@link HyperliquidExchange#openOrders}, {@link HyperliquidExchange#orderStatus}) after {@link
   * Listener#onConnected}.
   *
   * @throws IllegalStateException when this stream already follows another user's orders
   */
  public Subscription orderUpdates(String user, Consumer<List<OrderStatus>> consumer) {
    String u = Hex.address(user, "user");
    synchronized (lock) {
      for (Feed f : feeds.values()) {
        if (f.channel.equals("orderUpdates") && !u.equals(f.subscription.get("user"))) {
          throw new IllegalStateException(
              "this stream already follows order updates of "
                  + f.subscription.get("user")
                  + "; use another stream for "
                  + u);
        }
      }
    }
    return subscribe(
        WireActions.map("type", "orderUpdates", "user", u),
        "orderUpdates",
        d -> true,
        d ->
            Tree.arr(d, "orderUpdates").stream()
                .map(o -> Parsers.orderUpdate(o, "orderUpdate"))
                .toList(),
        consumer);
  }

  private static Object coinOf(Object d) {
    return d instanceof Map<?, ?> m ? m.get("coin") : null;
  }

  private <T> Subscription subscribe(
      Map<String, Object> subscription,
      String channel,
      Predicate<Object> matches,
      Function<Object, T> parse,
      Consumer<T> consumer) {
    if (consumer == null) throw new NullPointerException("consumer == null");
    return subscribe(subscription, channel, matches, data -> consumer.accept(parse.apply(data)));
  }

  /**
   * Adds {@code handler} to the feed of {@code subscription}, opening it when new. A {@link
   * HistoryConsumer} joining a feed that keeps history is told that history first.
   */
  private Subscription subscribe(
      Map<String, Object> subscription,
      String channel,
      Predicate<Object> matches,
      Consumer<Object> handler) {
    CatchUp late = null;
    Feed feed;
    synchronized (lock) {
      if (closed) throw new IllegalStateException("stream is closed");
      Feed candidate = new Feed(subscription, channel, matches);
      feed = feeds.get(candidate.key);
      if (feed == null) {
        feed = candidate;
        feeds.put(feed.key, feed);
        if (open) send(socket, "subscribe", feed);
      }
      if (feed.keepsHistory) {
        // Under the feed's lock, so that each message is either in the history taken here or
        // delivered to this consumer afterwards, never both.
        synchronized (feed) {
          List<Object> first =
              handler instanceof HistoryConsumer h ? h.join(feed.history()) : List.of();
          if (!first.isEmpty()) handler = late = new CatchUp(handler, first);
          feed.consumers.add(handler);
        }
      } else {
        feed.consumers.add(handler);
      }
      if (socket == null) connect();
    }
    if (late != null) late.flush();
    Feed f = feed;
    Consumer<Object> registered = handler;
    return new Subscription() {
      private boolean done;

      @Override
      public void close() {
        synchronized (lock) {
          if (done) return;
          done = true;
          f.consumers.remove(registered);
          if (f.consumers.isEmpty() && feeds.get(f.key) == f) {
            feeds.remove(f.key);
            if (open) send(socket, "unsubscribe", f);
          }
        }
      }
    };
  }

  private void connect() {
    lastMessageNanos = System.nanoTime();
    socket = http.newWebSocket(request, new SocketListener());
  }

  private static void send(WebSocket ws, String method, Feed feed) {
    ws.send(Json.write(WireActions.map("method", method, "subscription", feed.subscription)));
  }

  private void heartbeat() {
    synchronized (lock) {
      if (socket == null) return;
      // While connecting, lastMessageNanos is when the attempt started: the handshake gets the same
      // two intervals as an open connection's silence (OkHttp's read timeout may be off).
      long silentNanos = System.nanoTime() - lastMessageNanos;
      if (silentNanos > 2 * pingInterval.toNanos()) {
        LOG.warn(
            open
                ? "no message for {} ms; replacing the connection"
                : "no handshake after {} ms; giving up on the connection",
            TimeUnit.NANOSECONDS.toMillis(silentNanos));
        socket.cancel(); // reported through onFailure, which reconnects
        return;
      }
      if (open) socket.send("{\"method\":\"ping\"}");
    }
  }

  private void dropped(WebSocket ws, Throwable cause) {
    long delay;
    synchronized (lock) {
      if (ws != socket) return;
      socket = null;
      open = false;
      if (closed) return;
      long base = Math.min(maxBackoff.toMillis(), minBackoff.toMillis() << Math.min(failures, 20));
      delay = base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
      failures++;
      scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }
    LOG.info(
        "stream disconnected ({}); reconnecting in {} ms",
        cause == null ? "closed by server" : cause.toString(),
        delay);
    safely(() -> listener.onDisconnected(cause));
  }

  private void reconnect() {
    synchronized (lock) {
      if (closed || socket != null) return;
      connect();
    }
  }

  private void route(String text) {
    lastMessageNanos = System.nanoTime();
    Object msg;
    try {
      msg = Json.parse(text);
    } catch (IllegalArgumentException notJson) {
      LOG.debug("ignoring non-JSON frame: {}", text);
      return;
    }
    if (!(msg instanceof Map<?, ?> m) || !(m.get("channel") instanceof String channel)) return;
    Object data = m.get("data");
    if (channel.equals("pong") || channel.equals("subscriptionResponse")) return;
    if (channel.equals("error")) {
      LOG.warn("stream error from server: {}", data);
      return;
    }
    List<Feed> targets = new ArrayList<>();
    synchronized (lock) {
      for (Feed f : feeds.values()) {
        if (f.channel.equals(channel)) targets.add(f);
      }
    }
    for (Feed f : targets) {
      boolean matches;
      try {
        matches = f.matches.test(data);
      } catch (RuntimeException e) {
        matches = false;
      }
      if (!matches) continue;
      List<Consumer<Object>> consumers = f.consumers;
      if (f.keepsHistory) {
        synchronized (f) {
          f.remember(data);
          consumers = List.copyOf(f.consumers);
        }
      }
      for (Consumer<Object> c : consumers) safely(() -> c.accept(data));
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("stream consumer failed", e);
    }
  }

  private final class SocketListener extends WebSocketListener {
    @Override
    public void onOpen(WebSocket ws, Response response) {
      synchronized (lock) {
        if (ws != socket) return;
        open = true;
        failures = 0;
        connections++;
        lastMessageNanos = System.nanoTime();
        for (Feed f : feeds.values()) send(ws, "subscribe", f);
      }
      LOG.info("stream connected to {}", request.url());
      safely(listener::onConnected);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      if (ws == socket) route(text);
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      ws.close(1000, null);
      dropped(ws, null);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      dropped(ws, null);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      dropped(ws, t);
    }
  }

  /** Closes the connection and stops reconnecting. */
  @Override
  public void close() {
    WebSocket ws;
    synchronized (lock) {
      if (closed) return;
      closed = true;
      ws = socket;
      socket = null;
      open = false;
      feeds.clear();
    }
    if (ws != null) ws.close(1000, "closed by client");
    scheduler.shutdownNow();
  }

  /** Configures a {@link HyperliquidStream}. */
  public static final class Builder {
    private Network network = Network.TESTNET;
    private String url;
    private OkHttpClient httpClient;
    private Duration pingInterval = Duration.ofSeconds(50);
    private Duration minBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Listener listener = new Listener() {};

    private Builder() {}

    /** The network whose WebSocket URL is used; default {@link Network#TESTNET}. */
    public Builder network(Network network) {
      if (network == null) throw new NullPointerException("network == null");
      this.network = network;
      return this;
    }

    /**
     * An explicit URL ({@code ws://}, {@code wss://}, {@code http(s)://}), e.g. a local
     * simulator's.
     */
    public Builder url(String url) {
      if (url == null) throw new NullPointerException("url == null");
      if (!url.matches("(?i)(wss?|https?)://.+"))
        throw new IllegalArgumentException(
            "url must be a ws(s):// or http(s):// URL but was '" + url + "'");
      this.url = url;
      return this;
    }

    /** The OkHttp client to use; default a new one without read timeout. */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * How often to send {@code {"method":"ping"}}; default 50 s (the server drops after 60 s of
     * silence).
     */
    public Builder pingInterval(Duration pingInterval) {
      if (pingInterval == null || pingInterval.toMillis() < 1)
        throw new IllegalArgumentException("pingInterval must be >= 1 ms but was " + pingInterval);
      this.pingInterval = pingInterval;
      return this;
    }

    /** First and largest reconnect delay; defaults 0.5 s and 30 s. */
    public Builder reconnectBackoff(Duration min, Duration max) {
      if (min == null || max == null || min.toMillis() < 1 || max.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "reconnect backoff must satisfy 1 ms <= min <= max but was " + min + ", " + max);
      }
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    /** Connection events. */
    public Builder listener(Listener listener) {
      if (listener == null) throw new NullPointerException("listener == null");
      this.listener = listener;
      return this;
    }

    /** Builds the stream; it connects with the first subscription. */
    public HyperliquidStream build() {
      return new HyperliquidStream(this);
    }
  }
}
