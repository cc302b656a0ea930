package dev.rez.hyperliquid.sim;

import dev.rez.core.Hosts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The simulator-only endpoints under {@code /sim/}, for scripted tests in any language: fund an
 * account, advance the clock, arm faults, save and restore named snapshots, reset, and read the
 * request statistics. When the simulator has an admin token, every call except {@code GET
 * /sim/stats} needs {@code Authorization: Bearer <token>}. Every POST needs {@code Content-Type:
 * application/json} and is refused when a browser says it comes from another site.
 */
final class AdminApi {
  /**
   * The most candles one {@code /sim/advance} may play, so one call cannot hold the exchange for
   * minutes.
   */
  static final int MAX_ADVANCE = 10_000;

  /** The largest amount {@code /sim/fund} credits in one call. */
  static final BigDecimal MAX_FUND = new BigDecimal("1000000000000");

  private static final int MAX_SNAPSHOTS = 100;

  private final HyperliquidSimulator sim;
  private final byte[] token;
  private final Map<String, Map<String, Object>> snapshots = new LinkedHashMap<>();

  AdminApi(HyperliquidSimulator sim, String token) {
    this.sim = sim;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Answers one admin request.
   *
   * @param header the request's header of a name (any case), or null when it has none
   */
  Api.Response handle(String path, boolean get, UnaryOperator<String> header, String body) {
    if (get != path.equals("/sim/stats"))
      return Api.Response.text(
          405, get ? "Method Not Allowed: use POST" : "Method Not Allowed: use GET");
    if (!get) {
      Api.Response forged = refuseCrossSite(header);
      if (forged != null) return forged;
    }
    if (!path.equals("/sim/stats") && !authorized(header.apply("Authorization"))) {
      return Api.Response.text(
          401,
          "Unauthorized: the simulator's admin endpoints need the header Authorization: Bearer <admin token>");
    }
    try {
      Map<String, Object> req = body.isBlank() ? Map.of() : Json.object(Json.parse(body), "body");
      return switch (path) {
        case "/sim/stats" -> Api.Response.json(sim.meter().stats());
        case "/sim/fund" -> fund(req);
        case "/sim/advance" -> advance(req);
        case "/sim/faults" -> faults(req);
        case "/sim/snapshot" -> snapshot(req);
        case "/sim/restore" -> restore(req);
        case "/sim/reset" -> {
          sim.reset();
          yield ok(Map.of("time", sim.now().toEpochMilli()));
        }
        default ->
            Api.Response.text(404, "Not Found: " + path.substring(0, Math.min(path.length(), 100)));
      };
    } catch (Json.BadRequest | IllegalArgumentException e) {
      return Api.Response.text(422, e.getMessage());
    } catch (IllegalStateException e) {
      return Api.Response.text(409, e.getMessage());
    }
  }

  /**
   * Refuses a POST that a web page of another site could have sent (cross-site request forgery), or
   * null when it may go on. A page can send a cross-site POST without asking only with a form or
   * text body: {@code Content-Type: application/json} needs a CORS preflight, which the simulator
   * never grants. A browser also names the page's origin and marks the request cross-site. Without
   * an admin token, the {@code Host} must name the loopback address, so that a name an attacker
   * rebinds to 127.0.0.1 (same-origin to the attacker's page) is refused too.
   */
  private Api.Response refuseCrossSite(UnaryOperator<String> header) {
    String contentType = header.apply("Content-Type");
    if (contentType == null
        || !contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
      return Api.Response.text(
          415,
          "Unsupported Media Type: the simulator's admin endpoints take Content-Type: application/json");
    }
    String host = header.apply("Host");
    String origin = header.apply("Origin");
    if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host)))
      return forbidden("a web page of another origin may not call the simulator's admin endpoints");
    if ("cross-site".equalsIgnoreCase(header.apply("Sec-Fetch-Site")))
      return forbidden("a cross-site request may not call the simulator's admin endpoints");
    if (token == null && host != null && !loopback(host))
      return forbidden(
          "without an admin token, the admin endpoints answer only requests for the loopback"
              + " address (Host 127.0.0.1, localhost or [::1])");
    return null;
  }

  private static Api.Response forbidden(String why) {
    return Api.Response.text(403, "Forbidden: " + why);
  }

  /** Whether a {@code Host} header's name, port aside, is the loopback address. */
  private static boolean loopback(String host) {
    String name = host.trim();
    if (name.startsWith("[")) {
      int end = name.indexOf(']');
      return end > 0 && Hosts.isLoopback(name.substring(0, end + 1));
    }
    int colon = name.lastIndexOf(':');
    if (colon >= 0) name = name.substring(0, colon);
    return Hosts.isLoopback(name);
  }

  private boolean authorized(String authorization) {
    if (token == null) return true;
    if (authorization == null || !authorization.startsWith("Bearer ")) return false;
    return MessageDigest.isEqual(
        token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }

  private Api.Response fund(Map<String, Object> req) {
    String user = Json.string(req, "user");
    Object usd = req.get("usd");
    BigDecimal amount =
        usd instanceof BigDecimal d
            ? d
            : usd instanceof String s ? Json.decimalString(s, "usd") : null;
    if (amount == null)
      throw new Json.BadRequest(
          "Failed to deserialize the JSON body: usd must be a decimal string or a number");
    if (amount.compareTo(MAX_FUND) > 0)
      throw new IllegalArgumentException(
          "usd must be at most " + MAX_FUND.toPlainString() + " but was " + amount.toPlainString());
    sim.fund(user, amount);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accountValue", Prices.usd(sim.accountValue(user)));
    return ok(out);
  }

  private Api.Response advance(Map<String, Object> req) {
    if (req.get("to") != null) {
      long to = Json.integer(req, "to");
      long limit = sim.now().toEpochMilli() + MAX_ADVANCE * sim.candleMillis();
      if (to > limit)
        throw new IllegalArgumentException(
            "to must be at most " + MAX_ADVANCE + " candles ahead (" + limit + ") but was " + to);
      sim.advanceTo(java.time.Instant.ofEpochMilli(to));
      return Api.Response.json(Map.of("advanced", 0, "time", sim.now().toEpochMilli()));
    }
    long n = req.get("candles") == null ? 1 : Json.integer(req, "candles");
    if (n < 0 || n > MAX_ADVANCE)
      throw new IllegalArgumentException("candles must be in 0.." + MAX_ADVANCE + " but was " + n);
    int played = sim.advance((int) n);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("advanced", played);
    out.put("time", sim.now().toEpochMilli());
    return Api.Response.json(out);
  }

  private Api.Response faults(Map<String, Object> req) {
    Faults f = sim.faults();
    if (req.get("clear") != null && Json.bool(req, "clear")) f.clear();
    if (req.get("failNext") != null) {
      Map<String, Object> fail = Json.object(req.get("failNext"), "failNext");
      f.failNext(
          (int) Math.min(1000, Json.integer(fail, "count")), (int) Json.integer(fail, "status"));
    }
    if (req.get("rateLimitNext") != null)
      f.rateLimitNext((int) Math.min(1000, Json.integer(req, "rateLimitNext")));
    if (req.get("dropNextOrderAck") != null && Json.bool(req, "dropNextOrderAck"))
      f.dropNextOrderAck();
    if (req.get("rejectNextTriggerOrders") != null)
      f.rejectNextTriggerOrders((int) Math.min(1000, Json.integer(req, "rejectNextTriggerOrders")));
    if (req.get("latencyMs") != null)
      f.latency(Duration.ofMillis(Math.min(60_000, Json.integer(req, "latencyMs"))));
    return ok(Map.of());
  }

  private Api.Response snapshot(Map<String, Object> req) {
    String name = name(req);
    Map<String, Object> state = sim.snapshotState();
    synchronized (snapshots) {
      if (!snapshots.containsKey(name) && snapshots.size() >= MAX_SNAPSHOTS) {
        throw new IllegalStateException(
            "at most " + MAX_SNAPSHOTS + " snapshots are kept; reuse a name");
      }
      snapshots.put(name, state);
    }
    return ok(Map.of("name", name, "time", state.get("now")));
  }

  private Api.Response restore(Map<String, Object> req) {
    String name = name(req);
    Map<String, Object> state;
    synchronized (snapshots) {
      state = snapshots.get(name);
    }
    if (state == null) throw new IllegalArgumentException("no snapshot named '" + name + "'");
    sim.restoreState(state);
    return ok(Map.of("name", name, "time", sim.now().toEpochMilli()));
  }

  private static String name(Map<String, Object> req) {
    String name = req.get("name") == null ? "default" : Json.string(req, "name");
    if (name.isEmpty() || name.length() > 64)
      throw new IllegalArgumentException("name must have 1..64 characters");
    return name;
  }

  private static Api.Response ok(Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.putAll(fields);
    return Api.Response.json(out);
  }
}
