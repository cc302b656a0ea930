package dev.rez.app.api;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scripted backend over a real diary. It holds a private key, as the app does, to prove none
 * leaks.
 */
final class FakeBackend implements ApiBackend {
  static final String PRIVATE_KEY =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  @SuppressWarnings("unused")
  private final String privateKey = PRIVATE_KEY;

  final JsonlDiary diary;
  static final LoopStatus.LastCycle LAST =
      new LoopStatus.LastCycle(12, STARTED.plusSeconds(60), STARTED.plusSeconds(61), 840, true);
  final AtomicReference<LoopStatus> loop =
      new AtomicReference<>(status(LoopStatus.State.IDLE, KillSwitch.Level.NONE, null));
  final List<KillSwitch.Level> commands = new CopyOnWriteArrayList<>();
  volatile AccountState account =
      new AccountState(
          new BigDecimal("10012.5"),
          new BigDecimal("210.0"),
          new BigDecimal("9802.5"),
          List.of(),
          STARTED);
  volatile List<OpenOrder> orders = List.of();
  final List<Fill> fills = new CopyOnWriteArrayList<>();
  final List<dev.rez.core.FundingPayment> fundings = new CopyOnWriteArrayList<>();
  volatile Map<Asset, BigDecimal> marks = Map.of();
  volatile List<Candle> candles = List.of();
  volatile StatusSnapshot.Network network = StatusSnapshot.Network.SIMULATOR;
  volatile RuntimeException exchangeDown;
  volatile boolean readOnly;
  volatile String exchangeUrl = "http://127.0.0.1:7071";
  final List<String> candleRequests = new CopyOnWriteArrayList<>();

  static LoopStatus status(LoopStatus.State state, KillSwitch.Level level, String haltReason) {
    return new LoopStatus(state, level, haltReason, false, LAST, STARTED.plusSeconds(360));
  }

  FakeBackend(JsonlDiary diary) {
    this.diary = diary;
  }

  private void maybeFail() {
    RuntimeException e = exchangeDown;
    if (e != null) throw e;
  }

  @Override
  public StatusSnapshot status() {
    return new StatusSnapshot(
        "0.1.0",
        StatusSnapshot.Mode.DEMO,
        network,
        "0x00000000000000000000000000000000000000aa",
        "0x00000000000000000000000000000000000000bb",
        List.of(Asset.of("BTC"), Asset.of("ETH")),
        Interval.M5,
        "offline-rules",
        "moderate",
        loop.get(),
        exchangeUrl,
        STARTED,
        List.of(),
        List.of(
            new StatusSnapshot.PluginTool("get_trading_session", "rez-example-tool-plugin.jar")),
        readOnly,
        new StatusSnapshot.ExchangeData(true, STARTED, 3));
  }

  @Override
  public AccountState account() {
    maybeFail();
    return account;
  }

  @Override
  public List<OpenOrder> openOrders() {
    maybeFail();
    return orders;
  }

  @Override
  public List<Fill> fills() {
    maybeFail();
    return new ArrayList<>(fills);
  }

  @Override
  public List<dev.rez.core.FundingPayment> fundings() {
    maybeFail();
    return new ArrayList<>(fundings);
  }

  @Override
  public BigDecimal startingEquity() {
    return new BigDecimal("10000");
  }

  @Override
  public Map<Asset, BigDecimal> markPrices() {
    maybeFail();
    return marks;
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, int limit) {
    maybeFail();
    candleRequests.add(asset + " " + interval + " " + limit);
    List<Candle> c = candles;
    return c.subList(Math.max(0, c.size() - limit), c.size());
  }

  @Override
  public LoopStatus killSwitch(KillSwitch.Level level) {
    if (readOnly) throw new UnsupportedOperationException("the arena's API is read-only");
    commands.add(level);
    LoopStatus next =
        switch (level) {
          case STOP_ENTRIES -> status(LoopStatus.State.IDLE, KillSwitch.Level.STOP_ENTRIES, null);
          case FLATTEN ->
              status(
                  LoopStatus.State.HALTED, KillSwitch.Level.FLATTEN, "flattened by the operator");
          case NONE -> status(LoopStatus.State.IDLE, KillSwitch.Level.NONE, null);
        };
    loop.set(next);
    return next;
  }

  @Override
  public JsonlDiary diary() {
    return diary;
  }

  @Override
  public String toString() {
    return "FakeBackend[key redacted]";
  }
}
