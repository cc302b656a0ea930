package dev.rez.hyperliquid.sim;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid's WebSocket API on its own port: subscriptions ({@code allMids}, {@code l2Book},
 * {@code bbo}, {@code activeAssetCtx}, {@code activeAssetData}, {@code candle}, {@code trades},
 * {@code userFills}, {@code orderUpdates}, {@code userEvents} (fills, funding, non-user cancels),
 * {@code userFundings}, {@code userNonFundingLedgerUpdates}), {@code ping}, and {@code post}
 * requests. Updates are published every 250 ms when something changed. A minimal RFC 6455 server:
 * text frames, ping/pong, close.
 *
 * <p>As on Hyperliquid, where REST and {@code /ws} share one host, the port also answers plain HTTP
 * requests ({@code POST /info}, {@code POST /exchange}, {@code /sim/…}) through the {@link
 * HttpFront}: a client that derives its WebSocket URL from its REST base URL (the official Python
 * SDK appends {@code /ws}) works with this port as its base URL.
 */
final class WsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WsServer.class);
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /**
   * The largest message, also when sent in continuation frames; Hyperliquid's own messages are far
   * smaller.
   */
  private static final int MAX_FRAME = 1 << 20;

  /** Connections and subscriptions per connection, as Hyperliquid limits them (100 and 1000). */
  private static final int MAX_CONNECTIONS = 100;

  private static final int MAX_SUBSCRIPTIONS = 1000;

  private final Api api;
  private final HttpFront front;
  private final Engine engine;
  private final ServerSocket server;
  private final Set<Conn> conns = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService publisher;
  private final Thread acceptor;

  WsServer(Api api, HttpFront front, Engine engine, InetAddress host, int port) throws IOException {
    this.api = api;
    this.front = front;
    this.engine = engine;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(host, port));
    this.publisher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hyperliquid-simulator-ws-publisher");
              t.setDaemon(true);
              return t;
            });
    publisher.scheduleWithFixedDelay(this::publishAll, 250, 250, TimeUnit.MILLISECONDS);
    this.acceptor =
        Thread.ofPlatform().daemon().name("hyperliquid-simulator-ws").start(this::acceptLoop);
  }

  private volatile boolean down;

  /** Closes every connection's socket at once (no close frame). */
  void dropAll() {
    for (Conn c : conns) c.close();
  }

  /**
   * While true, new connections are closed right after they are accepted and the open ones are
   * dropped.
   */
  void down(boolean down) {
    this.down = down;
    if (down) dropAll();
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() {
    publisher.shutdownNow();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Conn c : conns) c.close();
    acceptor.interrupt();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        if (down || conns.size() >= MAX_CONNECTIONS) {
          s.close();
          continue;
        }
        Thread.ofVirtual().name("hyperliquid-simulator-ws-conn").start(() -> serve(s));
      } catch (IOException e) {
        if (server.isClosed()) return;
      }
    }
  }

  // ------------------------------------------------------------------ connection

  private final class Conn {
    final Socket socket;
    final OutputStream out;
    final List<Sub> subs = new ArrayList<>();

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    synchronized void send(int opcode, byte[] payload) throws IOException {
      out.write(0x80 | opcode);
      if (payload.length < 126) {
        out.write(payload.length);
      } else if (payload.length < 65_536) {
        out.write(126);
        out.write(payload.length >>> 8);
        out.write(payload.length & 0xff);
      } else {
        out.write(127);
        for (int i = 7; i >= 0; i--) out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
      }
      out.write(payload);
      out.flush();
    }

    void sendText(String text) {
      try {
        send(0x1, text.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      conns.remove(this);
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  /** One subscription and what was last sent for it. */
  private static final class Sub {
    final Map<String, Object> subscription;
    final String key;
    String lastPayload;
    long lastTid = -1;

    /** How far the account's funding payments and its other ledger updates were published. */
    final Cursor fundings = new Cursor();

    final Cursor ledger = new Cursor();
    final Map<Long, String> orderStates = new HashMap<>();

    /** Whether its last publication failed; a failure is logged when it starts, not every round. */
    boolean failing;

    Sub(Map<String, Object> subscription) {
      this.subscription = subscription;
      this.key = Json.write(subscription);
    }

    String type() {
      return String.valueOf(subscription.get("type"));
    }

    String user() {
      return String.valueOf(subscription.get("user")).toLowerCase(Locale.ROOT);
    }

    boolean aggregateByTime() {
      return Boolean.TRUE.equals(subscription.get("aggregateByTime"));
    }
  }

  private void serve(Socket socket) {
    Conn conn;
    try {
      socket.setTcpNoDelay(true);
      conn = new Conn(socket);
      InputStream in = socket.getInputStream();
      // A client that never finishes its handshake (or its next HTTP request) is dropped after 10
      // s.
      socket.setSoTimeout(10_000);
      Head head = readHead(in);
      while (head != null && !head.isUpgrade()) {
        if (!answerHttp(head, in, conn.out, socket.getInetAddress().getHostAddress())) break;
        head = readHead(in);
      }
      if (head == null || !head.isUpgrade()) {
        socket.close();
        return;
      }
      handshake(head, conn.out);
      socket.setSoTimeout(0);
      conns.add(conn);
      conn.sendText("Websocket connection established.");
      DataInputStream data = new DataInputStream(in);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int b0 = data.read();
        if (b0 < 0) break;
        int b1 = data.readUnsignedByte();
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        long len = b1 & 0x7f;
        if (len == 126) len = data.readUnsignedShort();
        else if (len == 127) len = data.readLong();
        if (len < 0 || len > MAX_FRAME) break;
        byte[] mask = (b1 & 0x80) != 0 ? data.readNBytes(4) : null;
        byte[] payload = data.readNBytes((int) len);
        if (mask != null) for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
        switch (opcode) {
          case 0x0, 0x1 -> {
            if (message.size() + payload.length > MAX_FRAME) {
              conn.send(0x8, new byte[] {0x03, (byte) 0xF1}); // 1009: message too big
              conn.close();
              return;
            }
            message.write(payload);
            if (fin) {
              try {
                handle(conn, message.toString(StandardCharsets.UTF_8));
              } catch (RuntimeException e) {
                // A message of the wrong shape gets an error, and the connection keeps serving.
                conn.sendText(message("error", "Invalid message"));
              }
              message.reset();
            }
          }
          case 0x8 -> {
            conn.send(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
            conn.close();
            return;
          }
          case 0x9 -> conn.send(0xA, payload);
          default -> {
            // pong and unknown control frames are ignored
          }
        }
      }
      conn.close();
    } catch (IOException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // gone
      }
    }
  }

  /** An HTTP request line and its headers, names in lower case. */
  private record Head(String method, String path, String version, Map<String, String> headers) {
    boolean isUpgrade() {
      return method.equals("GET")
          && headers.containsKey("sec-websocket-key")
          && "websocket".equalsIgnoreCase(headers.get("upgrade"));
    }
  }

  /** Headers of one request at most; as many as the JDK server reads on the REST port. */
  private static final int MAX_HEADERS = 100;

  /** What stands for a request whose head is not HTTP/1.x or is too large. */
  private static final Head MALFORMED = new Head("", "", "", Map.of());

  /**
   * The head of the next request on the connection; null when the connection ended, {@link
   * #MALFORMED} when the head is not HTTP/1.x or too large.
   */
  private static Head readHead(InputStream in) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null) return null;
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) return MALFORMED;
    Map<String, String> headers = new HashMap<>();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      if (headers.size() >= MAX_HEADERS) return MALFORMED;
      int colon = line.indexOf(':');
      if (colon > 0)
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
    }
    if (line == null) return MALFORMED;
    int query = parts[1].indexOf('?');
    String path = query < 0 ? parts[1] : parts[1].substring(0, query);
    return new Head(parts[0], path, parts[2], headers);
  }

  /**
   * Answers one plain HTTP request through the HTTP front, as the REST port would; false when the
   * connection must close afterwards.
   */
  private boolean answerHttp(Head head, InputStream in, OutputStream out, String client)
      throws IOException {
    if (head == MALFORMED) {
      writeHttp(
          out, 400, "text/plain; charset=utf-8", "Bad Request: not an HTTP/1.1 request", false);
      return false;
    }
    if (head.path().equals("/ws")) {
      writeHttp(
          out,
          400,
          "text/plain; charset=utf-8",
          "Bad Request: /ws takes a WebSocket upgrade",
          false);
      return false;
    }
    if (head.headers().containsKey("transfer-encoding")) {
      writeHttp(out, 411, "text/plain; charset=utf-8", "Length Required", false);
      return false;
    }
    long length;
    try {
      String declared = head.headers().get("content-length");
      length = declared == null ? 0 : Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      length = -1;
    }
    if (length < 0 || length > HttpFront.MAX_BODY_BYTES) {
      writeHttp(
          out,
          413,
          "text/plain; charset=utf-8",
          "Payload Too Large: a request body holds at most " + HttpFront.MAX_BODY_BYTES + " bytes",
          false);
      return false;
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) return false;
    Api.Response r =
        front.answer(
            head.method(),
            head.path(),
            client,
            name -> head.headers().get(name.toLowerCase(Locale.ROOT)),
            body);
    if (r.dropped()) return false;
    boolean keepAlive =
        !"close".equalsIgnoreCase(head.headers().get("connection"))
            && !head.version().equals("HTTP/1.0");
    writeHttp(
        out,
        r.status(),
        r.json() ? "application/json" : "text/plain; charset=utf-8",
        r.body(),
        keepAlive);
    return keepAlive;
  }

  private static void writeHttp(
      OutputStream out, int status, String contentType, String body, boolean keepAlive)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + (status == 200 ? " OK" : " ")
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + bytes.length
            + (keepAlive ? "" : "\r\nConnection: close")
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  private static void handshake(Head head, OutputStream out) throws IOException {
    String key = head.headers().get("sec-websocket-key");
    String accept;
    try {
      accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from the JDK", e);
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') return sb.toString();
      if (c != '\r') sb.append((char) c);
      if (sb.length() > 8192) return null;
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  // ------------------------------------------------------------------ messages

  private void handle(Conn conn, String text) {
    Map<String, Object> msg;
    try {
      msg = Json.object(Json.parse(text), "message");
    } catch (Json.BadRequest e) {
      conn.sendText(message("error", "Invalid message: " + text));
      return;
    }
    String method = String.valueOf(msg.get("method"));
    switch (method) {
      case "ping" -> conn.sendText("{\"channel\":\"pong\"}");
      case "subscribe", "unsubscribe" -> {
        if (!(msg.get("subscription") instanceof Map<?, ?>)) {
          conn.sendText(message("error", "Invalid subscription " + text));
          return;
        }
        Sub sub = new Sub(Json.object(msg.get("subscription"), "subscription"));
        if (method.equals("subscribe")
            ? !servable(sub)
            : !SUBSCRIPTION_TYPES.contains(sub.type())) {
          conn.sendText(message("error", "Invalid subscription " + Json.write(sub.subscription)));
          return;
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("method", method);
        ack.put("subscription", sub.subscription);
        conn.sendText(message("subscriptionResponse", ack));
        synchronized (conn.subs) {
          if (method.equals("unsubscribe")) {
            conn.subs.removeIf(s -> s.key.equals(sub.key));
            return;
          }
          if (conn.subs.stream().anyMatch(s -> s.key.equals(sub.key))) return;
          if (conn.subs.size() >= MAX_SUBSCRIPTIONS) {
            conn.sendText(
                message(
                    "error",
                    "Too many subscriptions: at most " + MAX_SUBSCRIPTIONS + " per connection"));
            return;
          }
          conn.subs.add(sub);
        }
        publishSafely(conn, sub, true);
      }
      case "post" -> post(conn, msg);
      default -> conn.sendText(message("error", "Unknown method: " + method));
    }
  }

  /** The subscriptions of one account that need only its {@code user}. */
  private static final Set<String> USER_TYPES =
      Set.of(
          "userFills",
          "orderUpdates",
          "userEvents",
          "userFundings",
          "userNonFundingLedgerUpdates",
          "webData2",
          "webData3",
          "spotState",
          "allDexsClearinghouseState",
          "userHistoricalOrders",
          "userTwapSliceFills",
          "userTwapHistory",
          "notification");

  /** Every subscription type the simulator serves. */
  private static final Set<String> SUBSCRIPTION_TYPES =
      java.util.stream.Stream.concat(
              USER_TYPES.stream(),
              java.util.stream.Stream.of(
                  "allMids",
                  "l2Book",
                  "bbo",
                  "activeAssetCtx",
                  "activeAssetData",
                  "candle",
                  "trades",
                  "clearinghouseState",
                  "openOrders",
                  "assetCtxs",
                  "twapStates",
                  "allDexsAssetCtxs"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * Whether the simulator can serve {@code sub}: a supported type with the fields it needs, a
   * listed coin and a known interval.
   */
  private boolean servable(Sub sub) {
    Map<String, Object> s = sub.subscription;
    if (USER_TYPES.contains(sub.type())) return s.get("user") instanceof String;
    return switch (sub.type()) {
      case "allMids" -> true;
      case "l2Book", "bbo", "activeAssetCtx", "trades" -> listedCoin(s.get("coin"));
      case "activeAssetData" -> listedCoin(s.get("coin")) && s.get("user") instanceof String;
      case "candle" -> listedCoin(s.get("coin")) && knownInterval(s.get("interval"));
      // The first perp dex ("") is the only one here.
      case "clearinghouseState", "openOrders", "twapStates" ->
          s.get("user") instanceof String && firstDex(s.get("dex"));
      case "assetCtxs" -> firstDex(s.get("dex"));
      case "allDexsAssetCtxs" -> true;
      default -> false;
    };
  }

  /** Whether {@code dex} names the first perp dex: absent or empty. */
  private static boolean firstDex(Object dex) {
    return dex == null || "".equals(dex);
  }

  private boolean listedCoin(Object coin) {
    if (!(coin instanceof String c)) return false;
    synchronized (engine) {
      return engine.market(c) != null;
    }
  }

  private static boolean knownInterval(Object interval) {
    if (!(interval instanceof String i)) return false;
    try {
      dev.rez.core.Interval.parse(i);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void post(Conn conn, Map<String, Object> msg) {
    Object id = msg.get("id");
    Map<String, Object> request = Json.object(msg.get("request"), "request");
    String type = String.valueOf(request.get("type"));
    String payload = Json.write(request.get("payload"));
    Api.Response r = type.equals("action") ? api.exchange(payload) : api.info(payload);
    if (r.dropped()) return;
    Map<String, Object> response = new LinkedHashMap<>();
    if (r.status() != 200) {
      // As the exchange does, the error text carries the request, so clients can match it by id.
      conn.sendText(message("error", r.body() + " " + Json.write(msg)));
      return;
    }
    if (type.equals("action")) {
      response.put("type", "action");
      response.put("payload", Json.parse(r.body()));
    } else {
      // Info answers are wrapped as {"type": <request type>, "data": <answer>}.
      Map<String, Object> wrapped = new LinkedHashMap<>();
      wrapped.put("type", request.get("payload") instanceof Map<?, ?> p ? p.get("type") : null);
      wrapped.put("data", Json.parse(r.body()));
      response.put("type", "info");
      response.put("payload", wrapped);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("response", response);
    conn.sendText(message("post", data));
  }

  // ------------------------------------------------------------------ publishing

  private void publishAll() {
    for (Conn c : conns) {
      List<Sub> subs;
      synchronized (c.subs) {
        subs = new ArrayList<>(c.subs);
      }
      for (Sub s : subs) publishSafely(c, s, false);
    }
  }

  /**
   * Publishes one subscription; a failure stays with it (the next round tries again) and never
   * stops the other subscriptions or connections.
   */
  private void publishSafely(Conn conn, Sub sub, boolean first) {
    try {
      publish(conn, sub, first);
      sub.failing = false;
    } catch (RuntimeException e) {
      if (!sub.failing) log.warn("cannot publish the WebSocket subscription {}", sub.key, e);
      sub.failing = true;
    }
  }

  private void publish(Conn conn, Sub sub, boolean first) {
    List<String> messages = new ArrayList<>();
    synchronized (engine) {
      engine.sync();
      switch (sub.type()) {
        case "allMids" ->
            changed(sub, "allMids", Map.of("mids", info(Map.of("type", "allMids"))), messages);
        case "l2Book" ->
            changed(
                sub,
                "l2Book",
                info(
                    Map.of("type", "l2Book", "coin", String.valueOf(sub.subscription.get("coin")))),
                messages);
        case "bbo" -> {
          String coin = String.valueOf(sub.subscription.get("coin"));
          Map<String, Object> book =
              Json.object(info(Map.of("type", "l2Book", "coin", coin)), "l2Book");
          List<Object> levels = Json.array(book.get("levels"), "levels");
          List<Object> bids = Json.array(levels.get(0), "bids");
          List<Object> asks = Json.array(levels.get(1), "asks");
          // Either side is null when the book has none; a message only when the best levels move.
          List<Object> bbo =
              Arrays.asList(
                  bids.isEmpty() ? null : bids.getFirst(), asks.isEmpty() ? null : asks.getFirst());
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("coin", coin);
          data.put("time", book.get("time"));
          data.put("bbo", bbo);
          changed(sub, "bbo", data, bbo, messages);
        }
        case "activeAssetCtx" -> {
          Market m = engine.market(String.valueOf(sub.subscription.get("coin")));
          if (m == null) return;
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("coin", m.coin);
          data.put("ctx", api.infos().assetCtxs().get(m.index));
          changed(sub, "activeAssetCtx", data, messages);
        }
        case "activeAssetData" ->
            changed(
                sub,
                "activeAssetData",
                api.infos()
                    .activeAssetData(sub.user(), String.valueOf(sub.subscription.get("coin"))),
                messages);
        case "candle" -> {
          Market m = engine.market(String.valueOf(sub.subscription.get("coin")));
          dev.rez.core.Interval interval;
          try {
            interval =
                dev.rez.core.Interval.parse(String.valueOf(sub.subscription.get("interval")));
          } catch (IllegalArgumentException e) {
            return;
          }
          if (m == null) return;
          long since = engine.now() - 2 * interval.duration().toMillis();
          Map<String, Object> req =
              Map.of("coin", m.coin, "interval", interval.wire(), "startTime", Math.max(0, since));
          Object candles = info(Map.of("type", "candleSnapshot", "req", req));
          if (candles instanceof List<?> l && !l.isEmpty())
            changed(sub, "candle", l.getLast(), messages);
        }
        case "trades" -> {
          // The first message carries the latest trades, as the exchange's does; later ones the
          // new.
          List<Object> trades =
              api.infos().trades(String.valueOf(sub.subscription.get("coin")), sub.lastTid, 50);
          if (!trades.isEmpty()) {
            sub.lastTid = (Long) ((Map<?, ?>) trades.getLast()).get("tid");
            messages.add(message("trades", trades));
          }
        }
        case "userFills", "userEvents" -> {
          List<SimFill> fills = engine.fills(sub.user());
          // An order's fills are made at once, so an aggregate is never split between messages.
          List<SimFill> shown =
              sub.type().equals("userFills") && sub.aggregateByTime()
                  ? InfoResponses.aggregatedByTime(fills)
                  : fills;
          List<Object> fresh = new ArrayList<>();
          for (int i = shown.size() - 1; i >= 0; i--) {
            SimFill f = shown.get(i);
            if (f.tid() > sub.lastTid) fresh.add(InfoResponses.fill(sub.user(), f));
          }
          long newest =
              fills.isEmpty() ? sub.lastTid : Math.max(sub.lastTid, fills.getFirst().tid());
          if (sub.type().equals("userFills")) {
            snapshotThenUpdates(sub, first, "fills", fresh, 2000, messages);
          } else {
            if (!first && !fresh.isEmpty()) messages.add(message("user", Map.of("fills", fresh)));
            // Each hourly payment is an event of its own; none are replayed at subscription.
            List<Object> fundings = newFundings(sub);
            if (!first)
              for (Object f : fundings) messages.add(message("user", Map.of("funding", f)));
            List<Object> cancels = newNonUserCancels(sub);
            if (!first && !cancels.isEmpty())
              messages.add(message("user", Map.of("nonUserCancel", cancels)));
          }
          sub.lastTid = newest;
        }
        case "userFundings" ->
            snapshotThenUpdates(sub, first, "fundings", newFundings(sub), 500, messages);
        case "userNonFundingLedgerUpdates" ->
            snapshotThenUpdates(
                sub, first, "nonFundingLedgerUpdates", newLedgerUpdates(sub), 500, messages);
        case "webData2" ->
            changed(sub, "webData2", WebData.webData2(api, engine, sub.user()), messages);
        case "webData3" ->
            changed(sub, "webData3", WebData.webData3(api, engine, sub.user()), messages);
        case "clearinghouseState" ->
            changed(
                sub,
                "clearinghouseState",
                ofDex(sub.user(), "clearinghouseState", api.infos().clearinghouseState(sub.user())),
                messages);
        case "openOrders" ->
            changed(
                sub,
                "openOrders",
                ofDex(sub.user(), "orders", api.infos().frontendOpenOrders(sub.user())),
                messages);
        case "twapStates" ->
            changed(sub, "twapStates", ofDex(sub.user(), "states", List.of()), messages);
        case "assetCtxs" ->
            changed(sub, "assetCtxs", ofDex(null, "ctxs", api.infos().assetCtxs()), messages);
        case "spotState" -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("user", sub.user());
          data.put("spotState", api.infos().spotClearinghouseState(sub.user()));
          changed(sub, "spotState", data, messages);
        }
        case "allDexsClearinghouseState" -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("user", sub.user());
          data.put(
              "clearinghouseStates",
              List.of(List.of("", api.infos().clearinghouseState(sub.user()))));
          changed(sub, "allDexsClearinghouseState", data, messages);
        }
        case "userHistoricalOrders" -> {
          // The order history first, then the orders whose status or size changed.
          List<Object> changed = new ArrayList<>();
          for (SimOrder o : changedOrders(sub))
            changed.add(InfoResponses.withStatus(o, InfoResponses.frontend(o)));
          List<Object> history = first ? api.infos().historicalOrders(sub.user()) : changed;
          snapshotThenUpdates(sub, first, "orderHistory", history, 2000, messages);
        }
        // No TWAP orders exist here: an empty snapshot, and nothing after it.
        case "userTwapSliceFills" ->
            snapshotThenUpdates(sub, first, "twapSliceFills", List.of(), 2000, messages);
        case "userTwapHistory" ->
            snapshotThenUpdates(sub, first, "history", List.of(), 2000, messages);
        case "allDexsAssetCtxs" ->
            changed(
                sub,
                "allDexsAssetCtxs",
                Map.of("ctxs", List.of(List.of("", api.infos().assetCtxs()))),
                messages);
        case "orderUpdates" -> {
          List<Object> updates = new ArrayList<>();
          for (SimOrder o : changedOrders(sub)) if (!first) updates.add(orderUpdate(o));
          if (!updates.isEmpty()) messages.add(message("orderUpdates", updates));
        }
        default -> {
          // notification: the simulator has none to send; unsupported types are refused at
          // subscription
        }
      }
    }
    for (String m : messages) conn.sendText(m);
  }

  /**
   * The orders of the subscription's account whose status or size changed since the last round (all
   * of them in the first), remembering them for the next.
   */
  private List<SimOrder> changedOrders(Sub sub) {
    Account a = engine.account(sub.user());
    List<SimOrder> changed = new ArrayList<>();
    if (a == null) return changed;
    for (SimOrder o : a.orders.values()) {
      String state = o.status + "/" + o.sz.toPlainString() + "/" + o.waiting;
      if (!state.equals(sub.orderStates.put(o.oid, state))) changed.add(o);
    }
    return changed;
  }

  /**
   * A message of a per-user channel that starts with a snapshot ({@code userFills}, {@code
   * userFundings}): {@code {"isSnapshot":true,"user","<field>":[…]}} first, then one for each round
   * with new items; at most the newest {@code cap} items.
   */
  private static void snapshotThenUpdates(
      Sub sub, boolean first, String field, List<Object> fresh, int cap, List<String> messages) {
    if (!first && fresh.isEmpty()) return;
    Map<String, Object> data = new LinkedHashMap<>();
    if (first) data.put("isSnapshot", true);
    data.put("user", sub.user());
    data.put(field, fresh.size() > cap ? fresh.subList(fresh.size() - cap, fresh.size()) : fresh);
    messages.add(message(sub.type(), data));
  }

  /**
   * The account's funding payments {@code sub} has not published yet, oldest first, as the
   * exchange's {@code WsUserFunding}; all of them again when a reset or restore rewrote the
   * history.
   */
  private List<Object> newFundings(Sub sub) {
    Account a = engine.account(sub.user());
    List<Object> out = new ArrayList<>();
    for (Account.Funding f : sub.fundings.fresh(a == null ? List.of() : a.fundings)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", f.time());
      m.put("coin", f.coin());
      m.put("usdc", Prices.usd(f.usdc()));
      m.put("szi", Prices.wire(f.szi()));
      m.put("fundingRate", Prices.wire(f.rate()));
      m.put("nSamples", null);
      out.add(m);
    }
    return out;
  }

  /**
   * What ends an order without the user's cancel: reduce-only orders that would increase the
   * position, siblings of a filled TP/SL, orders of a liquidated position, a scheduled cancel.
   */
  private static final Set<String> NON_USER_CANCELS =
      Set.of(
          "reduceOnlyCanceled", "siblingFilledCanceled", "liquidatedCanceled", "scheduledCancel");

  /**
   * The orders of the account that the exchange cancelled since {@code sub} last looked: {@code
   * [{"coin","oid"}]}.
   */
  private List<Object> newNonUserCancels(Sub sub) {
    Account a = engine.account(sub.user());
    List<Object> out = new ArrayList<>();
    if (a == null) return out;
    for (SimOrder o : a.orders.values()) {
      String before = sub.orderStates.put(o.oid, o.status);
      if (NON_USER_CANCELS.contains(o.status) && !o.status.equals(before)) {
        Map<String, Object> cancel = new LinkedHashMap<>();
        cancel.put("coin", o.market.coin);
        cancel.put("oid", o.oid);
        out.add(cancel);
      }
    }
    return out;
  }

  /** The account's deposits and transfers {@code sub} has not published yet, oldest first. */
  private List<Object> newLedgerUpdates(Sub sub) {
    Account a = engine.account(sub.user());
    List<Object> out = new ArrayList<>();
    for (Account.Transfer t : sub.ledger.fresh(a == null ? List.of() : a.ledger))
      out.add(InfoResponses.ledgerUpdate(t));
    return out;
  }

  /** Where a subscription is in one of an account's append-only lists. */
  private static final class Cursor {
    int seen;
    Object last;

    /**
     * The items of {@code all} after those already published; all of them again when a reset or
     * restore rewrote the list.
     */
    <T> List<T> fresh(List<T> all) {
      boolean continues = seen <= all.size() && (seen == 0 || all.get(seen - 1).equals(last));
      List<T> out = List.copyOf(all.subList(continues ? seen : 0, all.size()));
      seen = all.size();
      last = all.isEmpty() ? null : all.getLast();
      return out;
    }
  }

  private static String message(String channel, Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("channel", channel);
    m.put("data", data);
    return Json.write(m);
  }

  /**
   * The event of a per-dex subscription of the first perp dex: {@code {"dex":"","user",<field>}}
   * ({@code user} left out when null).
   */
  private static Map<String, Object> ofDex(String user, String field, Object value) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dex", "");
    if (user != null) data.put("user", user);
    data.put(field, value);
    return data;
  }

  private Object info(Map<String, Object> req) {
    Api.Response r = api.info(Json.write(req));
    return Json.parse(r.body());
  }

  private static void changed(Sub sub, String channel, Object data, List<String> messages) {
    changed(sub, channel, data, data, messages);
  }

  /** Adds the message of {@code data} when {@code key}, what it tells, changed since the last. */
  private static void changed(
      Sub sub, String channel, Object data, Object key, List<String> messages) {
    String payload = Json.write(key);
    if (payload.equals(sub.lastPayload)) return;
    sub.lastPayload = payload;
    messages.add(message(channel, data));
  }

  private static Map<String, Object> orderUpdate(SimOrder o) {
    return InfoResponses.withStatus(o, InfoResponses.plain(o));
  }
}
