package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.SimHttp.ADDRESS;
import static dev.rez.hyperliquid.sim.SimHttp.limit;
import static dev.rez.hyperliquid.sim.SimHttp.order;
import static dev.rez.hyperliquid.sim.SimHttp.statuses;
import static dev.rez.hyperliquid.sim.SimHttp.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoints (token, snapshot, restore, reset, stats, rate limit) and the state file. */
class SimulatorAdminTest {
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex(SimHttp.KEY);
  static final String TOKEN = "test-token-0123456789abcdef";

  static HyperliquidSimulator.Builder builder() {
    return HyperliquidSimulator.builder()
        .synthetic("BTC", 60000, 5, 40)
        .startTime(Instant.parse("2024-01-01T00:00:00Z"))
        .fund(ADDRESS, new BigDecimal("10000"));
  }

  static HttpResponse<String> admin(
      HyperliquidSimulator sim, String path, String body, String token) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) r.header("Authorization", "Bearer " + token);
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts {@code body} to {@code path} with the given headers, and nothing else. */
  static HttpResponse<String> post(
      HyperliquidSimulator sim, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) r.headers(headers);
    return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The status line of a POST sent over a plain socket with the given {@code Host} header, which
   * the JDK's client does not let a caller choose.
   */
  static String statusLineWithHost(HyperliquidSimulator sim, String path, String body, String host)
      throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sim.port())) {
      socket.setSoTimeout(10_000);
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + bytes.length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  /** The status of a {@code /sim/fund} of 5 USD posted with the given headers. */
  static int fundStatus(HyperliquidSimulator sim, String... headers) throws Exception {
    return post(sim, "/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":\"5\"}", headers)
        .statusCode();
  }

  @Test
  void aWebPageOfAnotherSiteCannotCallTheAdminEndpoints() throws Exception {
    try (var sim = builder().start()) {
      String json = "application/json";
      // What a page can send cross-site without a preflight: a text/plain or form body.
      HttpResponse<String> simple =
          post(sim, "/sim/reset", "{}", "Content-Type", "application/x-www-form-urlencoded");
      assertThat(simple.statusCode()).isEqualTo(415);
      assertThat(simple.body()).contains("Content-Type: application/json");
      assertThat(fundStatus(sim, "Content-Type", "text/plain")).isEqualTo(415);
      assertThat(fundStatus(sim)).isEqualTo(415);
      // A page's request carries its origin, and a browser marks it cross-site.
      HttpResponse<String> foreign =
          post(sim, "/sim/reset", "{}", "Content-Type", json, "Origin", "http://attacker.example");
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(foreign.body()).startsWith("Forbidden: ");
      assertThat(fundStatus(sim, "Content-Type", json, "Sec-Fetch-Site", "cross-site"))
          .isEqualTo(403);
      // A name rebound to the loopback address: the page is same-origin to its own name.
      String fund = "{\"user\":\"" + ADDRESS + "\",\"usd\":\"5\"}";
      assertThat(statusLineWithHost(sim, "/sim/fund", fund, "attacker.example:" + sim.port()))
          .contains(" 403 ");
      assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("10000");

      // The simulator's own origin, and a client that is no browser, are served.
      assertThat(fundStatus(sim, "Content-Type", json + "; charset=utf-8", "Origin", sim.baseUrl()))
          .isEqualTo(200);
      assertThat(statusLineWithHost(sim, "/sim/fund", fund, "localhost:" + sim.port()))
          .contains(" 200 ");
      assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("10010");
      // The exchange's own endpoints stay open to browsers, as Hyperliquid's are.
      HttpResponse<String> mids =
          post(
              sim,
              "/info",
              "{\"type\":\"allMids\"}",
              "Content-Type",
              "text/plain",
              "Origin",
              "http://attacker.example",
              "Sec-Fetch-Site",
              "cross-site");
      assertThat(mids.statusCode()).isEqualTo(200);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Object> openOrders(SimHttp http) throws Exception {
    return (List<Object>) http.info(Map.of("type", "openOrders", "user", ADDRESS));
  }

  @Test
  void withATokenTheAdminEndpointsRefuseOthers() throws Exception {
    try (var sim = builder().adminToken(TOKEN).start()) {
      assertThat(
              admin(sim, "/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":\"5\"}", null)
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              admin(
                      sim,
                      "/sim/fund",
                      "{\"user\":\"" + ADDRESS + "\",\"usd\":\"5\"}",
                      "wrong-token-0123456789")
                  .statusCode())
          .isEqualTo(401);
      assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("10000");
      HttpResponse<String> ok =
          admin(sim, "/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":\"5\"}", TOKEN);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("\"accountValue\":\"10005.0\"");
    }
  }

  @Test
  void anotherHostThanLoopbackNeedsAToken() {
    assertThatThrownBy(() -> builder().host("0.0.0.0").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("admin token");
  }

  @Test
  void aPortInUseIsNamed() {
    try (var sim = builder().start()) {
      assertThatThrownBy(() -> builder().port(sim.port()).start())
          .hasMessageContaining("is the port in use?");
    }
  }

  @Test
  void snapshotRestoreAndResetPutTheExchangeBack() throws Exception {
    try (var sim = builder().start()) {
      SimHttp http = new SimHttp(sim.baseUrl());
      assertThat(admin(sim, "/sim/snapshot", "{\"name\":\"clean\"}", null).statusCode())
          .isEqualTo(200);
      Map<String, Object> placed =
          http.exchange(
              KEY,
              order(
                  List.of(
                      limit(0, true, "50000", "0.001", false, "Gtc", "0x" + "00".repeat(15) + "01"),
                      trigger(0, false, "45000", "0.001", "sl")),
                  "normalTpsl"));
      assertThat(statuses(placed)).hasSize(2);
      assertThat(openOrders(http)).hasSize(1);
      sim.advance(3);
      Instant later = sim.now();

      assertThat(admin(sim, "/sim/restore", "{\"name\":\"clean\"}", null).statusCode())
          .isEqualTo(200);
      assertThat(openOrders(http)).isEmpty();
      assertThat(sim.now()).isBefore(later);
      // The same cloid can be used again: the order history went back too.
      Map<String, Object> again =
          http.exchange(
              KEY,
              order(
                  List.of(
                      limit(
                          0, true, "50000", "0.001", false, "Gtc", "0x" + "00".repeat(15) + "01")),
                  "na"));
      assertThat(statuses(again).getFirst().toString()).contains("resting");

      admin(sim, "/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":\"1\"}", null);
      assertThat(admin(sim, "/sim/reset", "", null).statusCode()).isEqualTo(200);
      assertThat(openOrders(http)).isEmpty();
      assertThat(sim.accountValue(ADDRESS)).isEqualByComparingTo("10000");
      assertThat(admin(sim, "/sim/restore", "{\"name\":\"missing\"}", null).statusCode())
          .isEqualTo(422);
    }
  }

  @Test
  void statsCountRequestsAndWeightsAsTheExchangeDoes() throws Exception {
    try (var sim = builder().start()) {
      SimHttp http = new SimHttp(sim.baseUrl());
      http.info(Map.of("type", "allMids"));
      http.info(Map.of("type", "meta"));
      http.exchange(KEY, Map.of("type", "noop"));
      HttpResponse<String> stats =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/stats")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(stats.statusCode()).isEqualTo(200);
      Map<String, Object> s = Json.object(Json.parse(stats.body()), "stats");
      assertThat(s.get("requests")).isEqualTo(new BigDecimal(3));
      assertThat(s.get("weight")).isEqualTo(new BigDecimal(2 + 20 + 1));
      assertThat(Json.object(s.get("byType"), "byType")).containsKeys("allMids", "meta", "noop");
      assertThat(Json.object(Json.object(s.get("byClient"), "byClient").get("127.0.0.1"), "client"))
          .containsEntry("weight", new BigDecimal(23));
    }
  }

  @Test
  void pastTheBudgetRequestsGet429() throws Exception {
    try (var sim = builder().rateLimit(100).start()) {
      SimHttp http = new SimHttp(sim.baseUrl());
      int ok = 0;
      int limited = 0;
      for (int i = 0; i < 8; i++) {
        int status = http.post("/info", "{\"type\":\"meta\"}").statusCode();
        if (status == 200) ok++;
        if (status == 429) limited++;
      }
      // 100 weight buys five meta requests of 20 (plus what refills meanwhile, under one more).
      assertThat(ok).isBetween(5, 6);
      assertThat(limited).isEqualTo(8 - ok);
    }
  }

  @Test
  void theStateFileCarriesAccountsOrdersAndClockAcrossARestart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state.json");
    Instant time;
    try (var sim = builder().stateFile(file).start()) {
      SimHttp http = new SimHttp(sim.baseUrl());
      http.exchange(
          KEY, order(List.of(limit(0, true, "50000", "0.001", false, "Gtc", null)), "na"));
      http.exchange(
          KEY, order(List.of(limit(0, true, "70000", "0.002", false, "Ioc", null)), "na"));
      sim.advance(2);
      time = sim.now();
      // Saved before the answer left: a crash now would lose nothing.
      assertThat(Files.readString(file)).contains("\"nextTid\"");
    }
    // Started again with other funding: the saved state wins.
    try (var sim = builder().fund(ADDRESS, new BigDecimal("5")).stateFile(file).start()) {
      SimHttp http = new SimHttp(sim.baseUrl());
      assertThat(sim.now()).isEqualTo(time);
      assertThat(openOrders(http)).hasSize(1);
      @SuppressWarnings("unchecked")
      List<Object> fills = (List<Object>) http.info(Map.of("type", "userFills", "user", ADDRESS));
      assertThat(fills).isNotEmpty();
      assertThat(fills.getFirst().toString()).contains("startPosition=0.0");
    }
  }

  @Test
  void aStateFileWhoseCollateralDisagreesWithItsLedgerIsRefused(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("state.json");
    try (var sim = builder().stateFile(file).start()) {
      new SimHttp(sim.baseUrl())
          .exchange(
              KEY, order(List.of(limit(0, true, "70000", "0.002", false, "Ioc", null)), "na"));
      sim.advance();
    }
    String state = Files.readString(file);
    assertThat(state).containsPattern("\"collateral\":\"[0-9.]+\"");
    try (var sim = builder().stateFile(file).start()) {
      assertThat(sim.now()).isNotNull(); // the untouched file restores
    }
    Files.writeString(
        file, state.replaceFirst("\"collateral\":\"[0-9.]+\"", "\"collateral\":\"123456\""));
    assertThatThrownBy(() -> builder().stateFile(file).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collateral 123456");
  }

  @Test
  void aStateFileOfOtherMarketsIsRefusedClearly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state.json");
    try (var sim = builder().stateFile(file).start()) {
      sim.advance();
    }
    assertThatThrownBy(
            () ->
                HyperliquidSimulator.builder()
                    .synthetic("ETH", 3000, 4, 20)
                    .stateFile(file)
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[BTC]")
        .hasMessageContaining("[ETH]");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> builder().stateFile(file).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a simulator state");
  }
}
