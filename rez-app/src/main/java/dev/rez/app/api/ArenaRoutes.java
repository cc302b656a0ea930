package dev.rez.app.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arena's routes of {@code docs/API.md}, read-only: {@code GET /api/arena} (the live board:
 * every contestant's equity curve, return and drawdown, and the leaderboard once the run is done),
 * and {@code GET /api/arena/{name}/<route>}, the API's own {@code GET /api/<route>} over contestant
 * {@code name}'s account and diary (status, account, positions, orders, fills, diary, cycles,
 * stats, candles; not the stream).
 *
 * <p>Each contestant has its own {@link ApiServer} on a loopback port that only this server talks
 * to; its answers (and errors) are passed on as they are. Registered on a server with {@link
 * ApiServer.Builder#arena(ArenaRoutes)}. Threadsafe.
 */
public final class ArenaRoutes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArenaRoutes.class);
  private static final Pattern ROUTE = Pattern.compile("[a-z]+(/[a-z0-9-]{1,40})?");
  private static final String JSON = "application/json; charset=utf-8";

  private final Supplier<String> board;
  private final Map<String, URI> contestants;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Routes over a running arena.
   *
   * @param board the JSON object of {@code GET /api/arena}, as it is now
   * @param contestants per contestant name the base URL ({@code http://127.0.0.1:port}) of its own
   *     API server
   */
  public ArenaRoutes(Supplier<String> board, Map<String, URI> contestants) {
    this.board = Objects.requireNonNull(board, "board == null");
    this.contestants = Map.copyOf(contestants);
  }

  void register(RoutesConfig routes) {
    ApiServer.get(routes, "/api/arena", ctx -> ctx.contentType(JSON).result(board.get()));
    ApiServer.get(routes, "/api/arena/{name}/<route>", this::drillDown);
  }

  private void drillDown(Context ctx) throws IOException, InterruptedException {
    String name = ctx.pathParam("name");
    URI base = contestants.get(name);
    if (base == null)
      throw ApiException.notFound("no contestant '" + Params.shown(name) + "' in this arena");
    String route = ctx.pathParam("route");
    if (!ROUTE.matcher(route).matches() || route.equals("stream") || route.startsWith("arena")) {
      throw ApiException.notFound("no route " + ctx.method() + " " + Params.shown(ctx.path()));
    }
    String query = ctx.queryString();
    URI uri;
    try {
      uri =
          URI.create(
              base + "/api/" + route + (query == null || query.isEmpty() ? "" : "?" + query));
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("the query string is not valid");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    String auth = ctx.header("Authorization");
    if (auth != null) request.header("Authorization", auth);
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      log.warn("contestant {}'s API did not answer: {}", name, e.toString());
      throw ApiException.unavailable("contestant " + name + "'s API did not answer");
    }
    ctx.status(answer.statusCode())
        .contentType(answer.headers().firstValue("Content-Type").orElse(JSON))
        .result(answer.body());
  }

  /** Releases the connections to the contestants' servers. */
  @Override
  public void close() {
    http.close();
  }
}
