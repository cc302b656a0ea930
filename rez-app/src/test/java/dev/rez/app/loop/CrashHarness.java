package dev.rez.app.loop;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A trading process for {@link SigkillRestartTest}: the loop against a simulator running in another
 * process, on the simulator's accelerated time. Arguments: simulator URL, key, diary path, speed,
 * and {@code forever} or {@code once} (start, reconcile, one cycle, exit).
 */
public final class CrashHarness {
  private CrashHarness() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    PrivateKeySigner key = PrivateKeySigner.fromHex(args[1]);
    Path diaryPath = Path.of(args[2]);
    double speed = Double.parseDouble(args[3]);
    boolean once = args[4].equals("once");
    HttpClient http = HttpClient.newHttpClient();
    LoopClock clock =
        new LoopClock() {
          @Override
          public Instant now() {
            try {
              String body =
                  http.send(
                          HttpRequest.newBuilder(URI.create(url + "/info"))
                              .header("Content-Type", "application/json")
                              .POST(
                                  HttpRequest.BodyPublishers.ofString(
                                      "{\"type\":\"exchangeStatus\"}"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              return Instant.ofEpochMilli(
                  ((BigDecimal) Json.parseObject(body).get("time")).longValueExact());
            } catch (Exception e) {
              throw new IllegalStateException("simulator time unavailable", e);
            }
          }

          @Override
          public Duration realDelayUntil(Instant t) {
            Duration d = Duration.between(now(), t);
            return d.isNegative() ? Duration.ZERO : Duration.ofNanos((long) (d.toNanos() / speed));
          }
        };
    HyperliquidExchange hl =
        HyperliquidExchange.builder().network(Network.TESTNET).baseUrl(url).signer(key).build();
    JsonlDiary diary = JsonlDiary.open(diaryPath);
    RiskPolicy policy =
        new RiskPolicy(
            RiskProfile.MODERATE.limits().toBuilder().cooldown(Duration.ZERO).build(),
            clock.asClock());
    TradingLoop loop =
        new TradingLoop(
            new TradingLoop.Settings(
                List.of(Asset.of("BTC")),
                Interval.M1,
                0,
                3,
                new BigDecimal("0.02"),
                Executor.Settings.defaults("harness-" + ProcessHandle.current().pid()),
                diaryPath,
                null,
                true),
            hl,
            hl,
            diary,
            policy,
            new SimulatorLoopTest.Trend(),
            new TokenBudget(1_000_000, null, null, clock.asClock()),
            clock);
    if (once) {
      loop.start();
      loop.runCycle();
      diary.close();
      System.out.println("restarted cleanly");
      return;
    }
    new LoopRunner(loop, clock, Interval.M1, Duration.ZERO, 0).run();
  }
}
