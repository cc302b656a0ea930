package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.indicators.Rsi;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream across a dropped and restored connection, against the embedded simulator. */
class HyperliquidStreamReconnectTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY =
      PrivateKeySigner.fromHex(
          "0x0123456789012345678901234567890123456789012345678901234567890123");

  HyperliquidSimulator sim;
  HyperliquidExchange exchange;
  HyperliquidStream stream;
  final AtomicInteger connected = new AtomicInteger();
  final BlockingQueue<Throwable> drops = new LinkedBlockingQueue<>();

  /** {@code n} one-minute bars from {@link #T0}, each opening at the previous close. */
  static List<Candle> bars(int n) {
    return bars(n, i -> 100 + (i % 3 == 2 ? -i : i));
  }

  /** {@code n} one-minute bars from {@link #T0}, bar {@code i} opening at {@code price(i)}. */
  static List<Candle> bars(int n, IntToDoubleFunction price) {
    List<Candle> bars = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double o = price.applyAsDouble(i);
      double cl = price.applyAsDouble(i + 1);
      bars.add(
          new Candle(
              T0.plusSeconds(60L * i),
              Interval.M1,
              o,
              Math.max(o, cl) + 2,
              Math.min(o, cl) - 1.5,
              cl,
              5 + i));
    }
    return bars;
  }

  static Instant open(int bar) {
    return T0.plusSeconds(60L * bar);
  }

  @BeforeEach
  void start() {
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", bars(10), 3, 50)
            .history(1)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    exchange = HyperliquidExchange.builder().baseUrl(sim.baseUrl()).signer(KEY).build();
    stream =
        HyperliquidStream.builder()
            .url(sim.webSocketUrl())
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .listener(HyperliquidStreamTest.recording(connected, drops))
            .build();
  }

  @AfterEach
  void stop() {
    if (stream != null) stream.close();
    sim.close();
  }

  /** Waits until {@code condition} holds, failing after a generous deadline. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(condition.getAsBoolean()).as("%s within 20 s", what).isTrue();
  }

  /**
   * Buys a little at the ask, which fills at once against the simulator's book (the limit well
   * above the market of about 100, yet inside the exchange's band around the oracle price).
   */
  void fill(String tag) {
    List<OrderResult> results =
        exchange.place(
            List.of(
                new OrderRequest(
                    BTC,
                    Side.BUY,
                    new BigDecimal("0.2"),
                    new BigDecimal("150"),
                    TimeInForce.IOC,
                    false,
                    ClientOrderId.derive("reconnect/" + tag))));
    assertThat(results).singleElement().isInstanceOf(OrderResult.Filled.class);
  }

  /** Takes the simulator's WebSocket down, runs {@code whileDown}, and waits for the reconnect. */
  void dropAndRestore(Runnable whileDown) throws InterruptedException {
    int before = connected.get();
    drops.clear(); // the failed attempts of an earlier outage
    sim.webSocketDown(true);
    assertThat(drops.poll(20, TimeUnit.SECONDS)).as("a reported disconnect").isNotNull();
    whileDown.run();
    sim.webSocketDown(false);
    await("a reconnect", () -> connected.get() > before);
  }

  @Test
  void userFillsWithoutSnapshotDeliverTheFillsMadeWhileDisconnectedOnceAndInOrder()
      throws Exception {
    fill("before"); // history from before subscribing: not for a consumer without the snapshot
    List<Fill> got = new CopyOnWriteArrayList<>();
    List<Fill> all = new CopyOnWriteArrayList<>();
    stream.userFills(KEY.address(), false, got::addAll);
    stream.userFills(KEY.address(), true, all::addAll);
    await("the snapshot", () -> all.size() == 1);

    fill("1");
    await("fill 1", () -> got.size() == 1);
    dropAndRestore(() -> fill("2"));
    fill("3");
    List<Fill> exchangeFills = sim.fills(KEY.address()); // oldest first
    assertThat(exchangeFills).hasSize(4);
    long third = exchangeFills.getLast().tradeId();
    await("fill 3", () -> got.stream().anyMatch(f -> f.tradeId() == third));
    await("fill 3 with the snapshot", () -> all.stream().anyMatch(f -> f.tradeId() == third));
    Thread.sleep(600); // two more publishing rounds: nothing else may come

    List<Long> expected = exchangeFills.stream().map(Fill::tradeId).toList();
    assertThat(got.stream().map(Fill::tradeId).toList()).isEqualTo(expected.subList(1, 4));
    assertThat(all.stream().map(Fill::tradeId).toList()).isEqualTo(expected);
  }

  /**
   * Moves the clock to {@code time} and waits until the feed has shown the forming bar's values.
   */
  void moveAndShow(Instant time, List<Candle> updates) throws InterruptedException {
    sim.advanceTo(time);
    Instant open = Instant.ofEpochMilli(time.toEpochMilli() / 60_000 * 60_000);
    Candle now = exchange.candles(BTC, Interval.M1, open, open).getLast();
    assertThat(now.openTime()).isEqualTo(open);
    await("the feed showing " + now, () -> updates.contains(now));
  }

  /** The last update {@code updates} holds of the bar opening at {@code open}. */
  static Candle lastUpdate(List<Candle> updates, Instant open) {
    return updates.stream()
        .filter(u -> u.openTime().equals(open))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Test
  void closedCandlesDeliverEachBarOnceWhenTheNextStartsAndFeedAStreamingIndicator()
      throws Exception {
    List<Candle> updates = new CopyOnWriteArrayList<>();
    List<Candle> closed = new CopyOnWriteArrayList<>();
    Rsi rsi = new Rsi(2);
    stream.candles(BTC, Interval.M1, updates::add);
    stream.closedCandles(
        BTC,
        Interval.M1,
        bar -> {
          rsi.update(bar);
          closed.add(bar);
        });
    for (int bar = 1; bar <= 4; bar++) {
      moveAndShow(open(bar).plusSeconds(20), updates);
      moveAndShow(open(bar).plusSeconds(50), updates);
    }
    moveAndShow(open(5).plusSeconds(20), updates);
    await("four closed bars", () -> closed.size() == 4);

    assertThat(closed)
        .containsExactly(
            lastUpdate(updates, open(1)),
            lastUpdate(updates, open(2)),
            lastUpdate(updates, open(3)),
            lastUpdate(updates, open(4)));
    assertThat(rsi.isReady()).isTrue();
    // The raw updates, several per bar, are what a streaming indicator refuses.
    assertThat(updates.stream().filter(u -> u.openTime().equals(open(2)))).hasSizeGreaterThan(1);
    Rsi raw = new Rsi(2);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> updates.forEach(raw::update))
        .withMessageContaining("is not after the previous candle's openTime");
  }

  /**
   * Bar 2 is forming across the first drop, bars 3 and 4 close during the second; {@code closed}
   * gets what the feed alone shows, {@code fromRest} the venue's bars.
   */
  @Test
  void acrossReconnectsClosedCandlesDeliverNoBarTwiceAndRestFillsTheGaps() throws Exception {
    List<Candle> updates = new CopyOnWriteArrayList<>();
    List<Candle> closed = new CopyOnWriteArrayList<>();
    List<Candle> fromRest = new CopyOnWriteArrayList<>();
    stream.candles(BTC, Interval.M1, updates::add);
    stream.closedCandles(BTC, Interval.M1, closed::add);
    stream.closedCandles(BTC, Interval.M1, 1, exchange, fromRest::add);
    moveAndShow(open(1).plusSeconds(20), updates);
    moveAndShow(open(2).plusSeconds(20), updates);
    await("bar 1", () -> closed.size() == 1 && fromRest.size() == 2);

    dropAndRestore(() -> sim.advanceTo(open(2).plusSeconds(50)));
    moveAndShow(open(2).plusSeconds(50), updates);
    moveAndShow(open(3).plusSeconds(20), updates);
    await("bar 2", () -> closed.size() == 2 && fromRest.size() == 3);

    dropAndRestore(() -> sim.advanceTo(open(5).plusSeconds(20)));
    moveAndShow(open(5).plusSeconds(20), updates);
    moveAndShow(open(6).plusSeconds(20), updates);
    await("bar 5", () -> fromRest.size() == 6);
    await("bar 5 on the feed alone", () -> closed.size() >= 3);
    Thread.sleep(600); // two more publishing rounds: nothing else may come

    assertThat(closed)
        .containsExactly(
            lastUpdate(updates, open(1)),
            lastUpdate(updates, open(2)),
            lastUpdate(updates, open(5)));
    assertThat(fromRest).isEqualTo(bars(10).subList(0, 6));
  }
}
