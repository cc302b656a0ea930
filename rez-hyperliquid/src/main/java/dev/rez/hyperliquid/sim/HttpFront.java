package dev.rez.hyperliquid.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door: reads a request within the size limit, meters and (optionally) rate-limits
 * it, injects faults, and hands the body to the exchange API or the admin API. Whatever a request
 * holds, it gets a quick 4xx and never an exception's text; the server keeps serving everyone else.
 *
 * @param api the exchange API
 * @param admin the admin API, under {@code /sim/}
 * @param faults the faults to inject
 * @param meter the rate meter
 * @param afterRequest runs after a request was handled and before its answer is sent (state
 *     persistence)
 */
record HttpFront(Api api, AdminApi admin, Faults faults, RateMeter meter, Runnable afterRequest) {
  private static final Logger log = LoggerFactory.getLogger(HttpFront.class);

  /** The largest request body accepted; Hyperliquid's own requests are a few kilobytes. */
  static final int MAX_BODY_BYTES = 256 * 1024;

  void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        serve(ex);
      } catch (RuntimeException e) {
        // Caught while the exchange is still open, so that the client receives the 500 (unless an
        // answer was already under way).
        Api.Response error = internalError(e);
        if (ex.getResponseCode() == -1) send(ex, error);
      }
    }
  }

  /** Reads, routes and answers one request; throws what went wrong inside. */
  private void serve(HttpExchange ex) throws IOException {
    if (!waitLatency()) return;
    String path = ex.getRequestURI().getPath();
    Api.Response refused = refuseRoute(ex.getRequestMethod(), path);
    if (refused != null) {
      drain(ex);
      send(ex, refused);
      return;
    }
    String body = readBody(ex);
    if (body == null) {
      // The rest of the body is never read: the connection cannot carry another request.
      ex.getResponseHeaders().set("Connection", "close");
      send(ex, tooLarge());
      return;
    }
    Api.Response r =
        dispatch(
            path,
            ex.getRequestMethod().equals("GET"),
            ex.getRemoteAddress().getAddress().getHostAddress(),
            ex.getRequestHeaders()::getFirst,
            body);
    if (r.dropped()) return; // closing without a response: the client sees the connection end
    send(ex, r);
  }

  /**
   * Answers one request handed over in process, without a socket: the same routes, limits, rate
   * meter, faults and signature checks as a request over HTTP from {@code client}. A {@link
   * Api.Response#dropped() dropped} answer means the connection would have closed without one.
   *
   * @param method the HTTP method
   * @param path the request path, e.g. {@code /info}
   * @param header the request's header of a name (any case), or null when it has none
   * @param body the request body as sent
   */
  Api.Response answer(
      String method, String path, String client, UnaryOperator<String> header, byte[] body) {
    try {
      if (!waitLatency()) return new Api.Response(0, "", false, true);
      Api.Response refused = refuseRoute(method, path);
      if (refused != null) return refused;
      if (body.length > MAX_BODY_BYTES) return tooLarge();
      return dispatch(
          path, method.equals("GET"), client, header, new String(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return internalError(e);
    }
  }

  /** Sleeps the injected latency; false when interrupted meanwhile (the request is abandoned). */
  private boolean waitLatency() {
    Duration latency = faults.latency();
    if (latency.isZero()) return true;
    try {
      Thread.sleep(latency);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The 404 or 405 of a request to no route or with the wrong method; null when the request may go
   * on.
   */
  private static Api.Response refuseRoute(String method, String path) {
    boolean exchangeRoute = path.equals("/info") || path.equals("/exchange");
    if (!exchangeRoute && !path.startsWith("/sim/"))
      return Api.Response.text(404, "Not Found: use POST /info, POST /exchange or /sim/…");
    if (!method.equals("POST") && !(method.equals("GET") && path.startsWith("/sim/")))
      return Api.Response.text(405, "Method Not Allowed: use POST");
    return null;
  }

  private static Api.Response tooLarge() {
    return Api.Response.text(
        413, "Payload Too Large: a request body holds at most " + MAX_BODY_BYTES + " bytes");
  }

  private static Api.Response internalError(RuntimeException e) {
    // Never the exception's text: it can carry the request's contents, and it tells a caller
    // nothing useful.
    log.warn("simulator request failed", e);
    return Api.Response.text(500, "Internal simulator error");
  }

  /**
   * A routed request with its body: to the admin API, or metered, fault-injected and handed to the
   * exchange API.
   */
  private Api.Response dispatch(
      String path, boolean get, String client, UnaryOperator<String> header, String body) {
    if (path.startsWith("/sim/")) {
      Api.Response r = admin.handle(path, get, header, body);
      afterRequest.run();
      return r;
    }
    Api.Request request = Api.Request.of(body);
    RateMeter.Charge charge = meter.charge(client, path, request.object());
    if (charge.refused())
      return Api.Response.text(
          429,
          "Too many requests: more than " + meter.budget() + " weight per minute from " + client);
    Integer failure = faults.takeFailure();
    if (failure != null)
      return Api.Response.text(
          failure, failure == 429 ? "Too Many Requests (simulated)" : "Server Error (simulated)");
    Api.Response r = path.equals("/info") ? api.info(request) : api.exchange(request);
    meter.answered(charge, r);
    afterRequest.run();
    return r;
  }

  /** The body as UTF-8, or null when it exceeds {@link #MAX_BODY_BYTES} (declared or actual). */
  private static String readBody(HttpExchange ex) throws IOException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) return null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) return null;
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads and drops a small body so the connection can be reused; a large one closes with the
   * exchange.
   */
  private static void drain(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readNBytes(MAX_BODY_BYTES);
    }
  }

  static void send(HttpExchange ex, Api.Response r) throws IOException {
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders()
        .set("Content-Type", r.json() ? "application/json" : "text/plain; charset=utf-8");
    ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
