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
import java.util.List;
import java.util.Map;

/**
 * What the {@link ApiServer} needs from the running app: the seam between the HTTP API and the
 * trading loop. The app implements it over its exchange client, its loop and its diary; tests
 * implement it with doubles.
 *
 * <pre>{@code
 * ApiServer server = ApiServer.builder(backend).port(7070).token(System.getenv("REZ_API_TOKEN")).build();
 * server.start();
 * }</pre>
 *
 * <p>Implementations must be threadsafe: the server calls them from many request threads at once.
 * Methods that reach the exchange may throw any unchecked exception when it does not answer; the
 * API then answers {@code 503}. No method may return or throw anything that contains a private key.
 */
public interface ApiBackend {
  /** The app's status: mode, network, addresses, assets, model, loop state, cycles. */
  StatusSnapshot status();

  /** The account's equity, margin and positions, from the exchange. */
  AccountState account();

  /** The resting orders, plain and trigger, from the exchange. */
  List<OpenOrder> openOrders();

  /**
   * Every fill of the account the exchange reports, oldest first. The track record is computed from
   * them.
   */
  List<Fill> fills();

  /**
   * Every funding payment of the account the exchange reports, oldest first; the track record
   * counts them. The default is none, for a venue without funding.
   */
  default List<dev.rez.core.FundingPayment> fundings() {
    return List.of();
  }

  /**
   * The equity the track record starts from: the account's equity before its first trade (for
   * example as recorded when the app first ran, or configured); zero while the account has had no
   * equity, and {@code /api/stats} then answers 503.
   */
  BigDecimal startingEquity();

  /**
   * When the track record begins: the time {@link #startingEquity()} was the account's equity.
   * {@code /api/stats} counts the fills and funding from then on, not the account's earlier history
   * (already in that equity). The default is the epoch: every fill counts.
   */
  default java.time.Instant trackRecordSince() {
    return java.time.Instant.EPOCH;
  }

  /** Current mark prices by asset (assets without one are absent). */
  Map<Asset, BigDecimal> markPrices();

  /**
   * When each of {@link #markPrices()} was last seen (by the live view), for the stream's {@code
   * mark} events; assets without a time are sent with the current time. By default none.
   */
  default Map<Asset, java.time.Instant> markTimes() {
    return Map.of();
  }

  /**
   * The latest {@code limit} candles of {@code asset}, oldest first; the last may still be forming.
   *
   * @param limit how many, 1..5000
   */
  List<Candle> candles(Asset asset, Interval interval, int limit);

  /**
   * Sets the kill switch ({@code NONE} resumes, also from a daily-loss halt) and returns the loop
   * state after it. The state must survive a restart.
   *
   * @throws UnsupportedOperationException when this backend's loops are not steered through the API
   *     (an arena's): answered {@code 503 read-only}
   */
  LoopStatus killSwitch(KillSwitch.Level level);

  /** The diary the loop writes. */
  JsonlDiary diary();
}
