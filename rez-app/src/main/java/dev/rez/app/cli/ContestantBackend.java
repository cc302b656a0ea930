package dev.rez.app.cli;

import dev.rez.app.api.ApiBackend;
import dev.rez.app.api.StatusSnapshot;
import dev.rez.app.arena.Arena;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.LoopStatus;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API's view of one arena contestant: its own simulated account, its diary and its loop.
 * Read-only: the kill switch is refused. Threadsafe.
 */
final class ContestantBackend implements ApiBackend {
  private final Arena.Live live;
  private final Instant startedAt;

  ContestantBackend(Arena.Live live) {
    this.live = live;
    this.startedAt = live.clock().instant();
  }

  @Override
  public StatusSnapshot status() {
    String address = live.exchange().accountAddress().orElseThrow();
    return new StatusSnapshot(
        AppBackend.version(),
        StatusSnapshot.Mode.BACKTEST,
        StatusSnapshot.Network.SIMULATOR,
        address,
        address,
        List.of(live.asset()),
        live.interval(),
        live.model(),
        live.policy().limits().profile(),
        live.status().get(),
        live.exchangeUrl(),
        startedAt,
        List.of(),
        List.of(),
        true,
        null);
  }

  @Override
  public AccountState account() {
    return live.exchange().accountState();
  }

  @Override
  public List<OpenOrder> openOrders() {
    return live.exchange().openOrders();
  }

  @Override
  public List<Fill> fills() {
    return live.exchange().fills(Instant.EPOCH);
  }

  @Override
  public List<FundingPayment> fundings() {
    return live.exchange().fundings(Instant.EPOCH);
  }

  @Override
  public BigDecimal startingEquity() {
    return live.startingEquity();
  }

  @Override
  public Map<Asset, BigDecimal> markPrices() {
    return live.exchange().mids();
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, int limit) {
    Instant to = live.clock().instant();
    List<Candle> c =
        live.exchange()
            .candles(asset, interval, to.minus(interval.duration().multipliedBy(limit)), to);
    return c.size() > limit ? c.subList(c.size() - limit, c.size()) : c;
  }

  /** The arena's API is read-only: its contestants' loops are not steered through it. */
  @Override
  public LoopStatus killSwitch(KillSwitch.Level level) {
    throw new UnsupportedOperationException("the arena's API is read-only");
  }

  @Override
  public JsonlDiary diary() {
    return live.diary();
  }
}
