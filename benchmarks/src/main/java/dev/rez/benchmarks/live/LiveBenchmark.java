package dev.rez.benchmarks.live;

import dev.rez.app.live.LiveView;
import dev.rez.app.loop.DecisionMaker;
import dev.rez.app.loop.Executor;
import dev.rez.app.loop.LoopClock;
import dev.rez.app.loop.LoopRunner;
import dev.rez.app.loop.TokenBudget;
import dev.rez.app.loop.TradingLoop;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.MarginMode;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * Measures the live part of the app on the loopback simulator, printing one line per figure:
 *
 * <ul>
 *   <li>{@code latency}: a decision → its entry, take-profit and stop-loss acknowledged, through a
 *       whole {@link TradingLoop} cycle (risk verdict, the re-check against the live mark,
 *       leverage, the grouped order), p50/p99 of the total and of Rez's own time: the total minus
 *       the time each HTTP call spent between sending its request and the simulator's first
 *       response byte.
 *   <li>{@code watchdog}: a stop-loss cancelled by hand, and a position opened by hand without one,
 *       until the protection watchdog's stop-loss rests, seen by polling the exchange every 5 ms;
 *       the loop runs on a real-time clock with a cycle a minute.
 *   <li>{@code footprint}: CPU time and allocation of the live view's threads and its retained
 *       heap, idle with one asset and with ten.
 * </ul>
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.live.LiveBenchmark latency 300
 * java -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.live.LiveBenchmark watchdog 25
 * java -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.live.LiveBenchmark footprint 30
 * }</pre>
 */
public final class LiveBenchmark {
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "7a".repeat(32));

  private LiveBenchmark() {}

  /**
   * Runs one part.
   *
   * @param args {@code latency [trials]}, {@code watchdog [trials]} or {@code footprint [seconds]}
   */
  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "latency";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    switch (what) {
      case "latency" -> latency(n > 0 ? n : 300);
      case "watchdog" -> watchdog(n > 0 ? n : 25);
      case "footprint" -> footprint(n > 0 ? n : 30);
      default ->
          throw new IllegalArgumentException(
              "expected latency, watchdog or footprint but was " + what);
    }
  }

  // ------------------------------------------------------------------ latency

  /**
   * The time each HTTP call waited for the simulator: request headers sent → first response byte.
   */
  static final class ServerTime extends EventListener {
    final List<long[]> spans = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Long> sent = new ThreadLocal<>();

    @Override
    public void requestHeadersStart(Call call) {
      sent.set(System.nanoTime());
    }

    @Override
    public void responseHeadersStart(Call call) {
      Long s = sent.get();
      if (s != null) spans.add(new long[] {s, System.nanoTime()});
    }

    long within(long from, long to) {
      long sum = 0;
      for (long[] s : spans) if (s[0] >= from && s[1] <= to) sum += s[1] - s[0];
      return sum;
    }
  }

  /** Notes when the grouped entry's acknowledgement came back. */
  static final class AckClock implements Exchange {
    final Exchange d;
    volatile long ackedAt;

    AckClock(Exchange d) {
      this.d = d;
    }

    @Override
    public java.math.BigDecimal roundPrice(
        dev.rez.core.AssetInfo info, java.math.BigDecimal price, java.math.RoundingMode mode) {
      return d.roundPrice(info, price, mode);
    }

    @Override
    public java.math.BigDecimal roundSize(
        dev.rez.core.AssetInfo info, java.math.BigDecimal size, java.math.RoundingMode mode) {
      return d.roundSize(info, size, mode);
    }

    @Override
    public List<OrderResult> placeWithProtection(
        OrderRequest entry, List<TriggerOrder> protection) {
      List<OrderResult> r = d.placeWithProtection(entry, protection);
      ackedAt = System.nanoTime();
      return r;
    }

    @Override
    public AccountState accountState() {
      return d.accountState();
    }

    @Override
    public List<OpenOrder> openOrders() {
      return d.openOrders();
    }

    @Override
    public List<Fill> fills(java.time.Instant since) {
      return d.fills(since);
    }

    @Override
    public List<OrderResult> place(List<OrderRequest> orders) {
      return d.place(orders);
    }

    @Override
    public List<OrderResult> placeProtection(List<TriggerOrder> protection) {
      return d.placeProtection(protection);
    }

    @Override
    public boolean cancel(Asset asset, long orderId) {
      return d.cancel(asset, orderId);
    }

    @Override
    public Optional<OpenOrder> orderByCloid(ClientOrderId cloid) {
      return d.orderByCloid(cloid);
    }

    @Override
    public void setLeverage(Asset asset, int leverage, MarginMode mode) {
      d.setLeverage(asset, leverage, mode);
    }
  }

  /** Opens a long each cycle it is flat and notes when it answered. */
  static final class Opener implements DecisionMaker {
    volatile long decidedAt;

    @Override
    public dev.rez.agent.AgentResult decide(Request r) {
      if (r.account().position(BTC).isPresent())
        return DecisionMaker.decisions(List.of(TradeDecision.hold(BTC, "in")));
      BigDecimal mark = r.markets().get(BTC).markPrice();
      TradeDecision d =
          TradeDecision.open(
              Side.BUY,
              BTC,
              new BigDecimal("2000"),
              3,
              mark.multiply(new BigDecimal("1.05")).setScale(0, RoundingMode.HALF_UP),
              mark.multiply(new BigDecimal("0.97")).setScale(0, RoundingMode.HALF_UP),
              "bench");
      decidedAt = System.nanoTime();
      return DecisionMaker.decisions(List.of(d));
    }
  }

  /** A diary that keeps nothing (the benchmark reads the exchange). */
  static final class NoDiary implements Diary {
    @Override
    public void append(DiaryEvent event) {}

    @Override
    public void flush() {}

    @Override
    public Page read(String cursor, int limit, Filter filter) {
      return new Page(List.of(), cursor == null ? "0" : cursor, false);
    }

    @Override
    public void close() {}
  }

  static void latency(int trials) throws IOException {
    ServerTime serverTime = new ServerTime();
    Path dir = Files.createTempDirectory("rez-live-bench");
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 50)
            .history(60)
            .fund(KEY.address(), new BigDecimal("1000000"))
            .start()) {
      HyperliquidExchange hl =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(sim.baseUrl())
              .signer(KEY)
              .httpClient(new OkHttpClient.Builder().eventListener(serverTime).build())
              .build();
      AckClock acks = new AckClock(hl);
      LoopClock.Stepped clock = LoopClock.stepped(sim.now(), sim::advanceTo);
      try (LiveView live =
          LiveView.builder(hl, hl).stream(sim.webSocketUrl(), KEY.address())
              .clock(clock.asClock())
              .build()) {
        Opener dm = new Opener();
        RiskPolicy policy =
            new RiskPolicy(
                RiskProfile.MODERATE.limits().toBuilder().cooldown(Duration.ZERO).build(),
                clock.asClock());
        TradingLoop loop =
            new TradingLoop(
                new TradingLoop.Settings(
                    List.of(BTC),
                    Interval.M1,
                    0,
                    3,
                    new BigDecimal("0.02"),
                    Executor.Settings.defaults("bench"),
                    dir.resolve("state"),
                    null,
                    false),
                acks,
                hl,
                live,
                new BigDecimal("500"),
                new NoDiary(),
                policy,
                dm,
                new TokenBudget(Long.MAX_VALUE, null, null, clock.asClock()),
                clock);
        loop.start();
        HyperliquidExchange hand =
            HyperliquidExchange.builder()
                .network(Network.TESTNET)
                .baseUrl(sim.baseUrl())
                .signer(KEY)
                .build();
        int warmup = Math.min(50, trials / 5);
        long[] total = new long[trials];
        long[] own = new long[trials];
        int done = 0;
        for (int i = 0; i < trials + warmup; i++) {
          clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
          acks.ackedAt = 0;
          loop.runCycle();
          if (acks.ackedAt == 0) throw new IllegalStateException("cycle " + i + " sent no entry");
          long t = acks.ackedAt - dm.decidedAt;
          long o = t - serverTime.within(dm.decidedAt, acks.ackedAt);
          if (i >= warmup) {
            total[done] = t;
            own[done] = o;
            done++;
          }
          flatten(hand);
          while (!live.snapshot().account().value().positions().isEmpty()
              || !live.snapshot().orders().value().isEmpty()) sleep(2);
        }
        loop.finish();
        System.out.printf(
            "latency: %d trials (after %d warm-up), decision → entry + TP + SL acknowledged%n",
            trials, warmup);
        System.out.printf(
            "  total (with the simulator):   p50 %.2f ms  p99 %.2f ms  max %.2f ms%n",
            pct(total, 50), pct(total, 99), pct(total, 100));
        System.out.printf(
            "  Rez's own (minus the server): p50 %.2f ms  p99 %.2f ms  max %.2f ms%n",
            pct(own, 50), pct(own, 99), pct(own, 100));
      }
    }
  }

  /**
   * Closes the position by hand and cancels every order, then waits until the exchange shows it
   * flat.
   */
  static void flatten(HyperliquidExchange hand) {
    for (Position p : hand.accountState().positions()) {
      BigDecimal mark = hand.mids().get(p.asset());
      Side side = p.side().opposite();
      BigDecimal px =
          mark.multiply(side == Side.BUY ? new BigDecimal("1.02") : new BigDecimal("0.98"))
              .setScale(0, RoundingMode.HALF_UP);
      hand.place(
          List.of(
              new OrderRequest(
                  p.asset(),
                  side,
                  p.absSize(),
                  px,
                  TimeInForce.IOC,
                  true,
                  ClientOrderId.derive("flat-" + System.nanoTime()))));
    }
    for (OpenOrder o : hand.openOrders()) hand.cancel(o.asset(), o.orderId());
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))] / 1e6;
  }

  // ------------------------------------------------------------------ watchdog

  static void watchdog(int trials) throws Exception {
    Path dir = Files.createTempDirectory("rez-live-bench");
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 50)
            .history(60)
            .acceleratedClock(1)
            .fund(KEY.address(), new BigDecimal("1000000"))
            .start()) {
      HyperliquidExchange hl =
          HyperliquidExchange.builder()
              .network(Network.TESTNET)
              .baseUrl(sim.baseUrl())
              .signer(KEY)
              .build();
      LoopClock clock = LoopClock.accelerated(sim.now(), 1);
      try (LiveView live =
          LiveView.builder(hl, hl).stream(sim.webSocketUrl(), KEY.address())
              .clock(clock.asClock())
              .build()) {
        DecisionMaker hold = r -> DecisionMaker.decisions(List.of(TradeDecision.hold(BTC, "wait")));
        RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), clock.asClock());
        TradingLoop loop =
            new TradingLoop(
                new TradingLoop.Settings(
                    List.of(BTC),
                    Interval.M1,
                    0,
                    3,
                    new BigDecimal("0.02"),
                    Executor.Settings.defaults("bench"),
                    dir.resolve("state"),
                    null,
                    false),
                hl,
                hl,
                live,
                null,
                new NoDiary(),
                policy,
                hold,
                new TokenBudget(Long.MAX_VALUE, null, null, clock.asClock()),
                clock);
        LoopRunner runner = new LoopRunner(loop, clock, Interval.M1, Duration.ZERO, 0);
        Thread loopThread = Thread.ofPlatform().name("bench-loop").start(runner::run);
        while (!live.streaming()) Thread.sleep(10);
        HyperliquidExchange hand =
            HyperliquidExchange.builder()
                .network(Network.TESTNET)
                .baseUrl(sim.baseUrl())
                .signer(KEY)
                .build();
        java.util.Random random = new java.util.Random(7);
        long[] opened = new long[trials];
        long[] cancelled = new long[trials];
        for (int i = 0; i < trials; i++) {
          BigDecimal mark = hand.mids().get(BTC);
          long t0 = System.nanoTime();
          hand.place(
              List.of(
                  new OrderRequest(
                      BTC,
                      Side.BUY,
                      new BigDecimal("0.05"),
                      mark.multiply(new BigDecimal("1.01")).setScale(0, RoundingMode.HALF_UP),
                      TimeInForce.IOC,
                      false,
                      ClientOrderId.derive("hand-" + i + "-" + t0))));
          OpenOrder sl = awaitStop(hand, null);
          opened[i] = System.nanoTime() - t0;
          long stops =
              hand.openOrders().stream().filter(o -> o.trigger() == TriggerKind.STOP_LOSS).count();
          if (stops != 1)
            throw new IllegalStateException(
                stops + " stop-losses rest after the repair, expected one");
          // Let the events of the repair settle (a resync they trigger would see the cancel early),
          // at a random phase
          // of the simulator's 250 ms publishing.
          Thread.sleep(400 + random.nextInt(500));
          long t1 = System.nanoTime();
          hand.cancel(BTC, sl.orderId());
          awaitStop(hand, sl.orderId());
          cancelled[i] = System.nanoTime() - t1;
          flatten(hand);
          while (!live.snapshot().account().value().positions().isEmpty()
              || !live.snapshot().orders().value().isEmpty()) Thread.sleep(5);
          Thread.sleep(400 + random.nextInt(500));
        }
        runner.stopAndWait(Duration.ofSeconds(30));
        loopThread.join(30_000);
        System.out.printf(
            "watchdog: %d trials each, loop on a real-time clock with a cycle a minute%n", trials);
        System.out.printf(
            "  hand-opened position → stop-loss rests: p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
            pct(opened, 50), pct(opened, 99), pct(opened, 100));
        System.out.printf(
            "  stop-loss cancelled → stop-loss rests:  p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
            pct(cancelled, 50), pct(cancelled, 99), pct(cancelled, 100));
      }
    }
  }

  /** Polls the exchange until a stop-loss other than {@code not} rests; gives up after 30 s. */
  static OpenOrder awaitStop(HyperliquidExchange hand, Long not) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (OpenOrder o : hand.openOrders()) {
        if (o.trigger() == TriggerKind.STOP_LOSS && (not == null || o.orderId() != not)) return o;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no stop-loss within 30 s");
  }

  // ------------------------------------------------------------------ footprint

  static void footprint(int seconds) throws Exception {
    for (int assets : new int[] {1, 10}) {
      // 60 simulated seconds a second: every market's price moves at each of the simulator's
      // publications (4 a second).
      HyperliquidSimulator.Builder b =
          HyperliquidSimulator.builder()
              .history(60)
              .acceleratedClock(60)
              .fund(KEY.address(), new BigDecimal("1000000"));
      for (int i = 0; i < assets; i++) b.synthetic(i == 0 ? "BTC" : "A" + i, 100 + i, 2, 20);
      try (HyperliquidSimulator sim = b.start()) {
        HyperliquidExchange hl =
            HyperliquidExchange.builder()
                .network(Network.TESTNET)
                .baseUrl(sim.baseUrl())
                .signer(KEY)
                .build();
        // A first view loads the classes and warms the client, so that the heap figure is the
        // view's own.
        try (LiveView warm =
            LiveView.builder(hl, hl).stream(sim.webSocketUrl(), KEY.address()).build()) {
          warm.start();
          while (!warm.streaming()) Thread.sleep(10);
          Thread.sleep(1000);
        }
        long heap0 = usedHeap();
        LiveView live = LiveView.builder(hl, hl).stream(sim.webSocketUrl(), KEY.address()).build();
        live.start();
        while (!live.streaming()) Thread.sleep(10);
        Thread.sleep(2000);
        java.util.Map<Long, long[]> u0 = usage();
        long reads0 = live.restReads();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        java.util.Map<Long, long[]> u1 = usage();
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = 0;
        long alloc = 0;
        for (var e : u1.entrySet()) {
          long[] before = u0.getOrDefault(e.getKey(), new long[2]);
          cpu += e.getValue()[0] - before[0];
          alloc += e.getValue()[1] - before[1];
        }
        long heap1 = usedHeap();
        System.out.printf(
            "footprint, %2d asset(s), no position, prices moving, %d s: CPU %.2f %% of a core (%.2f ms/s), allocation %.1f KB/s, retained heap ≈ %d KB, %d REST reads, %d thread(s)%n",
            assets,
            seconds,
            cpu / 1e7 / wall,
            cpu / 1e6 / wall,
            alloc / 1024.0 / wall,
            (heap1 - heap0) / 1024,
            live.restReads() - reads0,
            u1.size());
        live.close();
      }
    }
  }

  /**
   * CPU time and allocated bytes by thread id of the live view's threads: its worker, the socket's
   * scheduler, OkHttp's threads (the socket reader).
   */
  static java.util.Map<Long, long[]> usage() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
    java.util.Map<Long, long[]> out = new java.util.HashMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t == null) continue;
      String name = t.getThreadName();
      if (name.equals("rez-live")
          || name.equals("hyperliquid-stream")
          || name.startsWith("OkHttp ")) {
        out.put(
            t.getThreadId(),
            new long[] {
              Math.max(0, mx.getThreadCpuTime(t.getThreadId())),
              Math.max(0, sun.getThreadAllocatedBytes(t.getThreadId()))
            });
      }
    }
    return out;
  }

  static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
