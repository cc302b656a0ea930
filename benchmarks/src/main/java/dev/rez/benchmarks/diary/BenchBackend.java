package dev.rez.benchmarks.diary;

import dev.rez.app.api.ApiBackend;
import dev.rez.app.api.StatusSnapshot;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.LoopStatus;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A fixed backend for the stream benchmark: a diary and an idle account, no exchange. */
final class BenchBackend implements ApiBackend {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final JsonlDiary diary;

  BenchBackend(JsonlDiary diary) {
    this.diary = diary;
  }

  @Override
  public StatusSnapshot status() {
    return new StatusSnapshot(
        "bench",
        StatusSnapshot.Mode.DEMO,
        StatusSnapshot.Network.SIMULATOR,
        "0x01",
        "0x01",
        List.of(Asset.of("BTC")),
        Interval.M5,
        "bench",
        "moderate",
        new LoopStatus(LoopStatus.State.IDLE, KillSwitch.Level.NONE, null, false, null, null),
        "http://127.0.0.1:1",
        T0,
        List.of(),
        List.of(),
        false,
        new StatusSnapshot.ExchangeData(true, T0, 0));
  }

  @Override
  public AccountState account() {
    return new AccountState(
        new BigDecimal("10000"), BigDecimal.ZERO, new BigDecimal("10000"), List.of(), T0);
  }

  @Override
  public List<OpenOrder> openOrders() {
    return List.of();
  }

  @Override
  public List<Fill> fills() {
    return List.of();
  }

  @Override
  public BigDecimal startingEquity() {
    return new BigDecimal("10000");
  }

  @Override
  public Map<Asset, BigDecimal> markPrices() {
    return Map.of();
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, int limit) {
    return List.of();
  }

  @Override
  public LoopStatus killSwitch(KillSwitch.Level level) {
    return status().loop();
  }

  @Override
  public JsonlDiary diary() {
    return diary;
  }
}
