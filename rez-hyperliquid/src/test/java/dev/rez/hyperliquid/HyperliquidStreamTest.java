package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OrderBook;
import dev.rez.core.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HyperliquidStreamTest {
  static final String USER = "0x14791697260e4c9a71f18484c9f997b308e59325";

  /** The server side of one connection: what it received, and a handle to push frames. */
  static final class ServerSide extends WebSocketListener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final boolean answerPings;
    volatile WebSocket ws;

    ServerSide(boolean answerPings) {
      this.answerPings = answerPings;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      ws = webSocket;
      webSocket.send("Websocket connection established.");
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      received.add(text);
      if (answerPings && text.equals("{\"method\":\"ping\"}"))
        webSocket.send("{\"channel\":\"pong\"}");
      if (text.contains("\"subscribe\"")) {
        webSocket.send("{\"channel\":\"subscriptionResponse\",\"data\":" + text + "}");
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
    }

    String next() throws InterruptedException {
      String s = received.poll(5, TimeUnit.SECONDS);
      assertThat(s).as("a frame from the client").isNotNull();
      return s;
    }

    String nextNonPing() throws InterruptedException {
      String s;
      do {
        s = next();
      } while (s.equals("{\"method\":\"ping\"}"));
      return s;
    }

    WebSocket socket() throws InterruptedException {
      for (int i = 0; i < 500 && ws == null; i++) Thread.sleep(10);
      assertThat(ws).isNotNull();
      return ws;
    }
  }

  MockWebServer server;
  List<ServerSide> connections = new ArrayList<>();
  HyperliquidStream stream;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    if (stream != null) stream.close();
    server.close();
  }

  ServerSide accept(boolean answerPings) {
    ServerSide side = new ServerSide(answerPings);
    connections.add(side);
    server.enqueue(new MockResponse.Builder().webSocketUpgrade(side).build());
    return side;
  }

  HyperliquidStream.Builder builder() {
    return HyperliquidStream.builder()
        .url("ws://127.0.0.1:" + server.getPort() + "/ws")
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  /** Counts connections and queues the causes of drops (a clean close as "closed"). */
  static HyperliquidStream.Listener recording(
      AtomicInteger connected, BlockingQueue<Throwable> drops) {
    return new HyperliquidStream.Listener() {
      @Override
      public void onConnected() {
        connected.incrementAndGet();
      }

      @Override
      public void onDisconnected(Throwable cause) {
        drops.add(cause == null ? new RuntimeException("closed") : cause);
      }
    };
  }

  static final String FILL =
      "{\"coin\":\"BTC\",\"side\":\"B\",\"px\":\"65000\",\"sz\":\"0.001\",\"time\":1700000000000,\"fee\":\"0.03\",\"oid\":7,\"hash\":\"0x1\",\"crossed\":true,\"startPosition\":\"0\",\"closedPnl\":\"0\",\"tid\":1}";

  static String userFills(boolean snapshot, long oid) {
    return "{\"channel\":\"userFills\",\"data\":{"
        + (snapshot ? "\"isSnapshot\":true," : "")
        + "\"user\":\""
        + USER
        + "\",\"fills\":["
        + FILL.replace("\"oid\":7", "\"oid\":" + oid)
        + "]}}";
  }

  static String candle(String coin, String interval, long t, String close) {
    return "{\"channel\":\"candle\",\"data\":{\"t\":"
        + t
        + ",\"T\":"
        + (t + 59_999)
        + ",\"s\":\""
        + coin
        + "\",\"i\":\""
        + interval
        + "\",\"o\":\"100.0\",\"c\":\""
        + close
        + "\",\"h\":\"102.0\",\"l\":\"99.0\",\"v\":\"12.5\",\"n\":42}}";
  }

  @Test
  void subscribesAndDeliversTypedCandlesOnlyForTheirFeed() throws Exception {
    ServerSide side = accept(true);
    stream = builder().build();
    BlockingQueue<Candle> btc = new LinkedBlockingQueue<>();
    BlockingQueue<Map<Asset, BigDecimal>> mids = new LinkedBlockingQueue<>();
    stream.candles(Asset.of("BTC"), Interval.M1, btc::add);
    stream.mids(mids::add);

    assertThat(side.next())
        .isEqualTo(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"candle\",\"coin\":\"BTC\",\"interval\":\"1m\"}}");
    assertThat(side.next())
        .isEqualTo("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}");

    WebSocket ws = side.socket();
    ws.send(candle("ETH", "1m", 1_700_000_000_000L, "101.0"));
    ws.send(candle("BTC", "5m", 1_700_000_000_000L, "101.0"));
    ws.send(candle("BTC", "1m", 1_700_000_040_000L, "101.5"));
    ws.send("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"65000.5\",\"ETH\":\"3000\"}}}");

    Candle c = btc.poll(5, TimeUnit.SECONDS);
    assertThat(c)
        .isEqualTo(
            new Candle(
                Instant.ofEpochMilli(1_700_000_040_000L),
                Interval.M1,
                100.0,
                102.0,
                99.0,
                101.5,
                12.5));
    assertThat(mids.poll(5, TimeUnit.SECONDS))
        .containsEntry(Asset.of("BTC"), new BigDecimal("65000.5"));
    assertThat(btc).isEmpty();
  }

  @Test
  void closedCandlesDeliverTheLastUpdateOfEachBarOnceAlsoWhenAReconnectShowsItAgain()
      throws Exception {
    ServerSide first = accept(true);
    ServerSide second = accept(true);
    stream = builder().build();
    BlockingQueue<Candle> closed = new LinkedBlockingQueue<>();
    stream.closedCandles(Asset.of("BTC"), Interval.M1, closed::add);
    assertThat(first.nextNonPing()).contains("\"candle\"");
    long t = 1_700_000_040_000L;
    first.socket().send(candle("BTC", "1m", t, "100.5"));
    first.socket().send(candle("BTC", "1m", t, "101.5"));
    first.socket().send(candle("BTC", "1m", t + 60_000, "100.5"));
    assertThat(closed.poll(5, TimeUnit.SECONDS).close()).isEqualTo(101.5);

    first.socket().close(1001, "going away");
    assertThat(second.nextNonPing()).contains("\"candle\"");
    // A server showing the bar already delivered again, then the forming one and the next.
    second.socket().send(candle("BTC", "1m", t, "101.0"));
    second.socket().send(candle("BTC", "1m", t + 60_000, "101.0"));
    second.socket().send(candle("BTC", "1m", t + 120_000, "100.5"));

    Candle next = closed.poll(5, TimeUnit.SECONDS);
    assertThat(next.openTime()).isEqualTo(Instant.ofEpochMilli(t + 60_000));
    assertThat(next.close()).isEqualTo(101.0);
    assertThat(closed.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void reconnectsAndResubscribesEverything() throws Exception {
    ServerSide first = accept(true);
    ServerSide second = accept(true);
    AtomicInteger connected = new AtomicInteger();
    BlockingQueue<Throwable> drops = new LinkedBlockingQueue<>();
    stream = builder().listener(recording(connected, drops)).build();
    BlockingQueue<OrderBook> books = new LinkedBlockingQueue<>();
    stream.orderBook(Asset.of("ETH"), books::add);
    stream.trades(Asset.of("ETH"), t -> {});
    first.nextNonPing();
    first.nextNonPing();

    first.socket().close(1001, "going away");

    assertThat(drops.poll(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(second.nextNonPing())
        .isEqualTo(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"ETH\"}}");
    assertThat(second.nextNonPing())
        .isEqualTo(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"ETH\"}}");
    second
        .socket()
        .send(
            "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"ETH\",\"time\":1754450974231,\"levels\":[[{\"px\":\"3000.1\",\"sz\":\"2\",\"n\":1}],[]]}}");
    OrderBook book = books.poll(5, TimeUnit.SECONDS);
    assertThat(book.bids())
        .containsExactly(new OrderBook.Level(new BigDecimal("3000.1"), new BigDecimal("2"), 1));
    assertThat(connected.get()).isEqualTo(2);
  }

  @Test
  void pingsAndReplacesASilentConnection() throws Exception {
    ServerSide silent = accept(false);
    ServerSide healthy = accept(true);
    stream = builder().pingInterval(Duration.ofMillis(250)).build();
    stream.mids(m -> {});
    assertThat(silent.next()).contains("\"subscribe\"");
    // The silent server sent its greeting once and then nothing: after pings go unanswered the
    // stream gives up on it.
    assertThat(silent.next()).isEqualTo("{\"method\":\"ping\"}");
    assertThat(healthy.nextNonPing())
        .isEqualTo("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}");
    assertThat(healthy.next()).isEqualTo("{\"method\":\"ping\"}");
    assertThat(healthy.next()).isEqualTo("{\"method\":\"ping\"}");
    assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void givesUpOnAServerThatNeverAnswersTheUpgradeAndReconnects() throws Exception {
    // Accepts TCP connections and then says nothing, like a stuck load balancer.
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) accepted.add(silent.accept());
                } catch (IOException closed) {
                  // the test is over
                }
              },
              "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
      BlockingQueue<Throwable> drops = new LinkedBlockingQueue<>();
      AtomicInteger connected = new AtomicInteger();
      stream =
          HyperliquidStream.builder()
              .url("ws://127.0.0.1:" + silent.getLocalPort() + "/ws")
              .pingInterval(Duration.ofMillis(200))
              .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
              .listener(recording(connected, drops))
              .build();
      stream.mids(m -> {});

      assertThat(drops.poll(20, TimeUnit.SECONDS)).as("a reported disconnect").isNotNull();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (accepted.size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(accepted).as("connections, the first and a reconnect").hasSizeGreaterThan(1);
      assertThat(connected.get()).isZero();
    } finally {
      for (Socket s : accepted) s.close();
    }
  }

  @Test
  void closingTheLastConsumerUnsubscribes() throws Exception {
    ServerSide side = accept(true);
    stream = builder().build();
    HyperliquidStream.Subscription a = stream.trades(Asset.of("BTC"), t -> {});
    HyperliquidStream.Subscription b = stream.trades(Asset.of("BTC"), t -> {});
    assertThat(side.nextNonPing()).contains("\"subscribe\"");
    a.close();
    a.close();
    b.close();
    assertThat(side.nextNonPing())
        .isEqualTo(
            "{\"method\":\"unsubscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"BTC\"}}");
  }

  @Test
  void userFillsSkipTheSnapshotAndOrderUpdatesAreTyped() throws Exception {
    ServerSide side = accept(true);
    stream = builder().build();
    BlockingQueue<List<Fill>> fills = new LinkedBlockingQueue<>();
    BlockingQueue<List<OrderStatus>> updates = new LinkedBlockingQueue<>();
    BlockingQueue<List<Trade>> trades = new LinkedBlockingQueue<>();
    stream.userFills(USER.toUpperCase().replace("0X", "0x"), false, fills::add);
    stream.orderUpdates(USER, updates::add);
    stream.trades(Asset.of("BTC"), trades::add);
    assertThat(side.nextNonPing())
        .isEqualTo(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"userFills\",\"user\":\""
                + USER
                + "\"}}");
    assertThat(side.nextNonPing())
        .isEqualTo(
            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"orderUpdates\",\"user\":\""
                + USER
                + "\"}}");
    assertThatIllegalStateException()
        .isThrownBy(
            () -> stream.orderUpdates("0x5e9ee1089755c3435139848e47e6635505d5a13a", u -> {}))
        .withMessageContaining("already follows");

    WebSocket ws = side.socket();
    ws.send(userFills(true, 7));
    ws.send(userFills(false, 8));
    ws.send(
        "{\"channel\":\"orderUpdates\",\"data\":[{\"order\":{\"coin\":\"BTC\",\"side\":\"A\",\"limitPx\":\"70000.0\",\"sz\":\"0.001\",\"oid\":9,"
            + "\"timestamp\":1700000000000,\"origSz\":\"0.001\",\"cloid\":\"0x00000000000000000000000000000009\"},\"status\":\"canceled\",\"statusTimestamp\":1700000000500}]}");
    ws.send(
        "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\",\"side\":\"A\",\"px\":\"64999.0\",\"sz\":\"0.5\",\"hash\":\"0xab\",\"time\":1700000000001,\"tid\":55,\"users\":[\"0x1\",\"0x2\"]}]}");

    List<Fill> live = fills.poll(5, TimeUnit.SECONDS);
    assertThat(live).singleElement().satisfies(f -> assertThat(f.orderId()).isEqualTo(8));
    List<OrderStatus> u = updates.poll(5, TimeUnit.SECONDS);
    assertThat(u)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo("canceled");
              assertThat(s.order().side()).isEqualTo(Side.SELL);
              assertThat(s.order().cloid().hex()).isEqualTo("0x00000000000000000000000000000009");
              assertThat(s.statusTime()).isEqualTo(Instant.ofEpochMilli(1700000000500L));
            });
    assertThat(trades.poll(5, TimeUnit.SECONDS))
        .containsExactly(
            new Trade(
                Asset.of("BTC"),
                Side.SELL,
                new BigDecimal("64999.0"),
                new BigDecimal("0.5"),
                Instant.ofEpochMilli(1700000000001L),
                55,
                "0xab"));
    assertThat(fills).isEmpty();
  }

  /**
   * Two consumers of one user's fills, the first asking for the snapshot or not, the second the
   * opposite: each gets what it asked for, whoever subscribed first.
   */
  void eachUserFillsConsumerGetsTheSnapshotItAskedFor(boolean firstWantsSnapshot) throws Exception {
    ServerSide side = accept(true);
    stream = builder().build();
    BlockingQueue<List<Fill>> first = new LinkedBlockingQueue<>();
    BlockingQueue<List<Fill>> second = new LinkedBlockingQueue<>();
    stream.userFills(USER, firstWantsSnapshot, first::add);
    stream.userFills(USER, !firstWantsSnapshot, second::add);
    assertThat(side.nextNonPing()).contains("\"userFills\"");

    side.socket().send(userFills(true, 1));
    side.socket().send(userFills(false, 2));

    BlockingQueue<List<Fill>> wants = firstWantsSnapshot ? first : second;
    BlockingQueue<List<Fill>> skips = firstWantsSnapshot ? second : first;
    assertThat(wants.poll(5, TimeUnit.SECONDS))
        .singleElement()
        .satisfies(f -> assertThat(f.orderId()).isEqualTo(1));
    assertThat(wants.poll(5, TimeUnit.SECONDS))
        .singleElement()
        .satisfies(f -> assertThat(f.orderId()).isEqualTo(2));
    // Messages arrive in order, so the live fill coming first means the snapshot was skipped.
    assertThat(skips.poll(5, TimeUnit.SECONDS))
        .singleElement()
        .satisfies(f -> assertThat(f.orderId()).isEqualTo(2));
    assertThat(skips).isEmpty();
  }

  @Test
  void aConsumerJoiningAnOpenUserFillsFeedGetsTheSnapshotAndTheFillsSinceWhenItAsks()
      throws Exception {
    ServerSide side = accept(true);
    stream = builder().build();
    BlockingQueue<List<Fill>> first = new LinkedBlockingQueue<>();
    stream.userFills(USER, false, first::add);
    assertThat(side.nextNonPing()).contains("\"userFills\"");
    side.socket().send(userFills(true, 1));
    side.socket().send(userFills(false, 2));
    assertThat(first.poll(5, TimeUnit.SECONDS))
        .singleElement()
        .extracting(Fill::orderId)
        .isEqualTo(2L);

    BlockingQueue<List<Fill>> late = new LinkedBlockingQueue<>();
    BlockingQueue<List<Fill>> lateWithout = new LinkedBlockingQueue<>();
    stream.userFills(USER, true, late::add);
    stream.userFills(USER, false, lateWithout::add);
    side.socket().send(userFills(false, 3));

    List<Long> seen = new ArrayList<>();
    while (seen.size() < 3) {
      List<Fill> batch = late.poll(5, TimeUnit.SECONDS);
      assertThat(batch).as("fills so far: %s", seen).isNotNull();
      batch.forEach(f -> seen.add(f.orderId()));
    }
    assertThat(seen).containsExactly(1L, 2L, 3L);
    assertThat(lateWithout.poll(5, TimeUnit.SECONDS))
        .singleElement()
        .extracting(Fill::orderId)
        .isEqualTo(3L);
    assertThat(first.poll(5, TimeUnit.SECONDS))
        .singleElement()
        .extracting(Fill::orderId)
        .isEqualTo(3L);
    assertThat(late).isEmpty();
    assertThat(lateWithout).isEmpty();
  }

  /** A userFills message of fills that share one time, each with trade id = order id. */
  static String userFillsAtOneTime(boolean snapshot, long... oids) {
    List<String> fills = new ArrayList<>();
    for (long oid : oids)
      fills.add(FILL.replace("\"oid\":7", "\"oid\":" + oid).replace("\"tid\":1", "\"tid\":" + oid));
    return "{\"channel\":\"userFills\",\"data\":{"
        + (snapshot ? "\"isSnapshot\":true," : "")
        + "\"user\":\""
        + USER
        + "\",\"fills\":["
        + String.join(",", fills)
        + "]}}";
  }

  static List<Long> orderIds(BlockingQueue<List<Fill>> q, int n) throws InterruptedException {
    List<Long> seen = new ArrayList<>();
    while (seen.size() < n) {
      List<Fill> batch = q.poll(5, TimeUnit.SECONDS);
      assertThat(batch).as("fills so far: %s", seen).isNotNull();
      batch.forEach(f -> seen.add(f.orderId()));
    }
    return seen;
  }

  @Test
  void afterAReconnectEachConsumerGetsTheFillsOfTheSnapshotItHasNotBeenGiven() throws Exception {
    ServerSide first = accept(true);
    ServerSide second = accept(true);
    stream = builder().build();
    BlockingQueue<List<Fill>> early = new LinkedBlockingQueue<>();
    BlockingQueue<List<Fill>> withSnapshot = new LinkedBlockingQueue<>();
    stream.userFills(USER, false, early::add);
    stream.userFills(USER, true, withSnapshot::add);
    assertThat(first.nextNonPing()).contains("\"userFills\"");
    first.socket().send(userFillsAtOneTime(true, 1));
    first.socket().send(userFillsAtOneTime(false, 2));
    assertThat(orderIds(early, 1)).containsExactly(2L);
    assertThat(orderIds(withSnapshot, 2)).containsExactly(1L, 2L);
    // Joins after fill 2 without its history: fill 2 is history to it.
    BlockingQueue<List<Fill>> late = new LinkedBlockingQueue<>();
    stream.userFills(USER, false, late::add);

    first.socket().close(1001, "going away");
    assertThat(second.nextNonPing()).contains("\"userFills\"");
    // Fills 3 and 4 were made while the connection was down, in the millisecond of fill 2.
    second.socket().send(userFillsAtOneTime(true, 1, 2, 3, 4));
    second.socket().send(userFillsAtOneTime(false, 5));

    assertThat(orderIds(early, 3)).containsExactly(3L, 4L, 5L);
    assertThat(orderIds(withSnapshot, 3)).containsExactly(3L, 4L, 5L);
    assertThat(orderIds(late, 3)).containsExactly(3L, 4L, 5L);
    assertThat(early).isEmpty();
    assertThat(withSnapshot).isEmpty();
    assertThat(late).isEmpty();
  }

  @Test
  void userFillsSnapshotFollowsEachConsumerWhenTheFirstWantsIt() throws Exception {
    eachUserFillsConsumerGetsTheSnapshotItAskedFor(true);
  }

  @Test
  void userFillsSnapshotFollowsEachConsumerWhenTheFirstSkipsIt() throws Exception {
    eachUserFillsConsumerGetsTheSnapshotItAskedFor(false);
  }

  @Test
  void aFailingConsumerDoesNotStopOthers() throws Exception {
    ServerSide side = accept(true);
    stream = builder().build();
    BlockingQueue<Map<Asset, BigDecimal>> ok = new LinkedBlockingQueue<>();
    stream.mids(
        m -> {
          throw new IllegalStateException("consumer bug");
        });
    stream.mids(ok::add);
    side.nextNonPing();
    side.socket().send("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"1\"}}}");
    side.socket().send("{\"channel\":\"allMids\",\"data\":{\"mids\":{\"BTC\":\"2\"}}}");
    assertThat(ok.poll(5, TimeUnit.SECONDS)).containsEntry(Asset.of("BTC"), BigDecimal.ONE);
    assertThat(ok.poll(5, TimeUnit.SECONDS)).containsEntry(Asset.of("BTC"), new BigDecimal("2"));
  }

  @Test
  void closedStreamRefusesSubscriptions() {
    stream = builder().build();
    stream.close();
    assertThatIllegalStateException()
        .isThrownBy(() -> stream.mids(m -> {}))
        .withMessageContaining("closed");
  }
}
