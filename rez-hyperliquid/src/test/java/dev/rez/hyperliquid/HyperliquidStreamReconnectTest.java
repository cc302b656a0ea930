package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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

  static Candle c(int i, double o, double h, double l, double cl) {
    return new Candle(T0.plusSeconds(60L * i), Interval.M1, o, h, l, cl, 5);
  }

  @BeforeEach
  void start() {
    sim =
        HyperliquidSimulator.builder()
            .candles(
                "BTC",
                List.of(
                    c(0, 100, 101, 99, 100),
                    c(1, 100, 106, 99, 105),
                    c(2, 105, 107, 104, 104.5),
                    c(3, 104.5, 108, 103, 107),
                    c(4, 107, 109, 106, 108),
                    c(5, 108, 110, 107, 109)),
                3,
                50)
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

  /** Buys a little at the ask, which fills at once against the simulator's book. */
  void fill(String tag) {
    List<OrderResult> results =
        exchange.place(
            List.of(
                new OrderRequest(
                    BTC,
                    Side.BUY,
                    new BigDecimal("0.2"),
                    new BigDecimal("200"),
                    TimeInForce.IOC,
                    false,
                    ClientOrderId.derive("reconnect/" + tag))));
    assertThat(results).singleElement().isInstanceOf(OrderResult.Filled.class);
  }

  void dropAndRestore(Runnable whileDown) throws InterruptedException {
    int before = connected.get();
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
}
