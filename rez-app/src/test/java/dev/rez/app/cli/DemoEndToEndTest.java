package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.api.ApiServer;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.Fill;
import dev.rez.core.TrackRecord;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a newcomer runs it: simulator, offline model, accelerated clock, diary and API. */
class DemoEndToEndTest {
  static final String KEY = "0x" + "5e".repeat(32);
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void demoTradesWithProtectionAndTheDiaryAgreesWithTheExchange() throws Exception {
    AppConfig cfg = AppConfig.fromVariables(Map.of("HYPERLIQUID_PRIVATE_KEY", KEY));
    Path diaryPath = dir.resolve("diary.jsonl");
    TradingApp.Spec spec = DemoSpecs.btc(cfg, diaryPath, 2400, "e2e");
    Serving.Diaries diaries = new Serving.Diaries();
    String status;
    List<Fill> exchangeFills;
    BigDecimal start;
    try (TradingApp app = TradingApp.create(spec, diaries)) {
      app.limitCycles(60);
      try (ApiServer server =
          ApiServer.builder(new AppBackend(app, diaries.last)).port(0).build().start()) {
        app.runLoop();
        status =
            get(server.port(), "/api/status")
                + get(server.port(), "/api/stats")
                + get(server.port(), "/api/diary?limit=500");
      }
      exchangeFills = app.exchange.fills(Instant.EPOCH);
      start = app.startingEquity;
    }

    // Complete cycles, each started and ended.
    List<Map<String, Object>> events = new ArrayList<>();
    Map<String, List<Map<String, Object>>> byType = new java.util.HashMap<>();
    for (String line : Files.readAllLines(diaryPath)) {
      Map<String, Object> e = Json.parseObject(line);
      events.add(e);
      byType
          .computeIfAbsent((String) e.get("type"), k -> new ArrayList<>())
          .add((Map<String, Object>) e.get("data"));
    }
    assertThat(byType.get("cycle-start")).hasSize(60);
    assertThat(byType.get("cycle-end")).hasSize(60);
    assertThat(byType.get("app-start")).hasSize(1);

    // A trade opened with take-profit and stop-loss accepted, later closed by one of them.
    Set<String> protectionCloids = new HashSet<>();
    for (Map<String, Object> o : byType.get("order")) {
      if (!"open".equals(o.get("kind"))) continue;
      List<Map<String, Object>> results = (List<Map<String, Object>>) o.get("results");
      for (Map<String, Object> r : results.subList(Math.min(1, results.size()), results.size())) {
        if (!"rejected".equals(r.get("status"))) protectionCloids.add((String) r.get("cloid"));
      }
    }
    assertThat(protectionCloids).isNotEmpty();
    assertThat(exchangeFills)
        .anySatisfy(
            f -> {
              assertThat(f.closing()).isTrue();
              assertThat(f.cloid()).isNotNull();
              assertThat(protectionCloids).contains(f.cloid().hex());
            });

    // The track record from the diary equals the one from the exchange's fills.
    List<Fill> diaryFills = byType.get("fill").stream().map(DemoEndToEndTest::fill).toList();
    // The simulator's accelerated clock runs on after the loop stops, so a trigger may fire after
    // the app's
    // final fills sync (a restart picks it up). Up to the diary's last event, the diary has every
    // fill.
    Instant lastEvent =
        events.stream()
            .map(e -> Instant.parse((String) e.get("time")))
            .max(Instant::compareTo)
            .orElseThrow();
    exchangeFills = exchangeFills.stream().filter(f -> !f.time().isAfter(lastEvent)).toList();
    assertThat(diaryFills).hasSize(exchangeFills.size());
    TrackRecord fromDiary = TrackRecord.fromFills(diaryFills, start);
    TrackRecord fromExchange = TrackRecord.fromFills(exchangeFills, start);
    assertThat(fromDiary.tradeCount()).isEqualTo(fromExchange.tradeCount()).isPositive();
    assertThat(fromDiary.netPnl()).isEqualByComparingTo(fromExchange.netPnl());
    assertThat(fromDiary.fees()).isEqualByComparingTo(fromExchange.fees());
    assertThat(fromDiary.equityCurve()).isEqualTo(fromExchange.equityCurve());

    // The private key is nowhere: not in the diary, not in the API's answers.
    String hex = KEY.substring(2);
    assertThat(Files.readString(diaryPath)).doesNotContain(hex);
    assertThat(status).doesNotContain(hex).contains("\"mode\"");
  }

  static String get(int port, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  static Fill fill(Map<String, Object> d) {
    Object cloid = d.get("cloid");
    return new Fill(
        Asset.of((String) d.get("asset")),
        dev.rez.core.Side.parse((String) d.get("side")),
        (BigDecimal) d.get("price"),
        (BigDecimal) d.get("size"),
        Instant.parse((String) d.get("time")),
        (BigDecimal) d.get("fee"),
        (BigDecimal) d.get("closedPnl"),
        ((BigDecimal) d.get("orderId")).longValueExact(),
        cloid == null ? null : dev.rez.core.ClientOrderId.of((String) cloid),
        (BigDecimal) d.get("startPosition"),
        Boolean.TRUE.equals(d.get("taker")),
        (String) d.get("hash"),
        0);
  }

  @SuppressWarnings("unused")
  private static final Diary.Filter ALL = Diary.Filter.ALL;
}
