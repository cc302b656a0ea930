package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Fill;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AccountSnapshot;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos test: the real {@code rez demo} (offline model, debug risk profile) as a child process
 * trading on a simulator hosted in this JVM with an accelerated clock (one one-minute candle per 50
 * ms), while a seeded random schedule injects faults (HTTP 5xx and 429, dropped order
 * acknowledgements, rejected TP/SL orders, added latency) for at least 500 cycles. The app is
 * killed with SIGKILL several times (at random moments, and right after an entry filled) and
 * restarted on the same diary; at the end the kill switch is set to flatten with the {@code
 * kill-switch flatten} command (run in this JVM) and the test waits until the account is flat, then
 * stops the app with SIGTERM.
 *
 * <p>A sampler thread reads the simulator's own state in-process every few milliseconds ({@link
 * HyperliquidSimulator#snapshot}): each position must have a live reduce-only stop-loss on its
 * closing side. A moment without one is only allowed right after the simulator rejected that
 * stop-loss by an injected fault (the executor then places it again) or while the app was down
 * after a kill (the restart's reconciliation places it); the worst gap is measured and printed.
 * Duplicates: no order may reuse a cloid (the simulator counts refused reuses), and no decision may
 * have two entry orders. The diary's fills must equal the simulator's, one for one.
 *
 * <p>Run alone: {@code ./mvnw -o -pl rez-app -am test -Drez.dashboard.skip=true -Dtest=ChaosTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (or {@code -Dgroups=chaos}). {@code -Drez.chaos.seed=N}
 * replays another schedule, {@code -Drez.chaos.cycles=N} runs longer. The figures of a run are
 * printed as {@code chaos: …}, kept in {@code target/chaos/figures.txt} beside the app's logs and
 * diary, and recorded in benchmarks/README.md.
 */
@Tag("chaos")
class ChaosTest {
  static final String KEY = "0x" + "7c".repeat(32);
  static final long SEED = Long.getLong("rez.chaos.seed", 20261207L);
  static final int CYCLES = Integer.getInteger("rez.chaos.cycles", 500);
  static final int KILLS = 4;

  /**
   * Simulated seconds per wall second: a one-minute candle, and so a cycle at most, every 50 ms.
   */
  static final double SPEED = 1200;

  /**
   * How long a stop-loss may be missing while the app runs, after an injected rejection (retry on 2
   * cores under load).
   */
  static final Duration REPAIR_BOUND = Duration.ofSeconds(10);

  @TempDir Path dir;

  private final List<Process> processes = new CopyOnWriteArrayList<>();

  /** Wall times (nanoTime) when the app was down: [killed, restarted] pairs. */
  private final List<long[]> downtimes = new CopyOnWriteArrayList<>();

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void faultsKillsAndFlattenLeaveNoDuplicateNoUnprotectedPositionAndTheDiaryAgrees()
      throws Exception {
    String address = PrivateKeySigner.fromHex(KEY).address();
    Path diary = dir.resolve("diary.jsonl");
    Random random = new Random(SEED);
    Instant start = Instant.now().minus(Duration.ofMinutes(300)).truncatedTo(ChronoUnit.SECONDS);
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder()
            .candles("BTC", CandleCsv.demo())
            .history(300)
            .afterReplay(AfterReplay.SYNTHETIC)
            .startTime(start)
            .acceleratedClock(SPEED)
            .seed(SEED)
            .fund(address, new BigDecimal("10000"))
            .start()) {
      Sampler sampler = new Sampler(sim, address);
      FaultSchedule faults = new FaultSchedule(sim, new Random(random.nextLong()));
      Thread samplerThread = Thread.ofPlatform().daemon().name("chaos-sampler").start(sampler);
      Thread faultThread = Thread.ofPlatform().daemon().name("chaos-faults").start(faults);
      long began = System.nanoTime();
      int runs = 0;
      try {
        Process app = startApp(sim, diary, ++runs);
        List<Integer> killAt = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) killAt.add(40 + random.nextInt(CYCLES - 80));
        killAt.sort(null);
        for (int i = 0; i < KILLS; i++) {
          int target = killAt.get(i);
          await(app, () -> lastCycle(diary) >= target, Duration.ofSeconds(120), "cycle " + target);
          if (i % 2 == 1) {
            // Right after an entry: the moment a lost answer or a missing stop-loss would hurt
            // most.
            long entries = sampler.entries;
            await(
                app,
                () -> sampler.entries > entries,
                Duration.ofSeconds(20),
                "an entry before kill " + (i + 1));
          } else {
            Thread.sleep(random.nextInt(400));
          }
          long killed = System.nanoTime();
          app.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
          assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
          Thread.sleep(random.nextInt(500));
          app = startApp(sim, diary, ++runs);
          downtimes.add(new long[] {killed, System.nanoTime()});
        }
        await(app, () -> lastCycle(diary) >= CYCLES, Duration.ofSeconds(180), "cycle " + CYCLES);

        // Flatten from the command line, as an operator would, with the faults still coming.
        // (The command runs in this JVM: the same code as `rez kill-switch flatten`, without a JVM
        // start.)
        java.io.StringWriter out = new java.io.StringWriter();
        int code =
            Main.execute(
                new String[] {
                  "kill-switch", "flatten", "--diary", diary.toString(), "--reason", "chaos test"
                },
                new java.io.PrintWriter(out),
                new java.io.PrintWriter(out),
                Map.of(),
                dir);
        assertThat(code).as(out.toString()).isZero();
        await(
            app,
            () -> {
              AccountSnapshot s = sim.snapshot(address);
              return s.positions().isEmpty() && s.orders().isEmpty();
            },
            Duration.ofSeconds(90),
            "flat with no open order");
        faults.stop();
        faultThread.join(5_000);
        sim.faults().clear();
        long cyclesBeforeStop = lastCycle(diary);
        await(
            app,
            () -> lastCycle(diary) >= cyclesBeforeStop + 2,
            Duration.ofSeconds(30),
            "two quiet cycles after flat");
        app.destroy(); // SIGTERM: the running cycle ends, fills are synced, the diary is closed
        assertThat(app.waitFor(60, TimeUnit.SECONDS))
            .as("graceful stop: " + log("run-" + runs))
            .isTrue();
        // The JVM reports a SIGTERM it handled with its hooks as 143 (128 + 15).
        assertThat(app.exitValue()).as(log("run-" + runs)).isIn(0, 143);
      } finally {
        faults.stop();
        sampler.stop();
        samplerThread.join(5_000);
        for (Process p : processes) p.destroyForcibly();
        keep(diary);
      }
      double seconds = (System.nanoTime() - began) / 1e9;

      // ---- the record
      List<Map<String, Object>> events = new ArrayList<>();
      for (String line : Files.readAllLines(diary)) events.add(Json.parseObject(line));
      long cycleEnds = events.stream().filter(e -> "cycle-end".equals(e.get("type"))).count();
      long appStarts = events.stream().filter(e -> "app-start".equals(e.get("type"))).count();

      // ---- duplicates: a reused cloid, or two entries for one decision
      AccountSnapshot history = sim.orderHistory(address);
      Map<String, String> entryDecision =
          new HashMap<>(); // entry cloid -> "cycle/asset" of its decision
      for (Map<String, Object> e : events) {
        if (!"order".equals(e.get("type"))) continue;
        Map<String, Object> data = data(e);
        if (!"open".equals(data.get("kind"))) continue;
        Map<String, Object> entry = map(map(data.get("request")).get("entry"));
        entryDecision.put((String) entry.get("cloid"), e.get("cycle") + "/" + e.get("asset"));
      }
      Map<String, Integer> entriesPerDecision = new TreeMap<>();
      int entriesUnknownToDiary = 0;
      int filledEntries = 0;
      Map<String, Integer> cloids = new HashMap<>();
      for (AccountSnapshot.Order o : history.orders()) {
        if (o.cloid() != null) cloids.merge(o.cloid(), 1, Integer::sum);
        boolean entry = o.trigger() == null && !o.reduceOnly() && "filled".equals(o.status());
        if (!entry) continue;
        filledEntries++;
        String decision = entryDecision.get(o.cloid());
        if (decision == null) entriesUnknownToDiary++;
        else entriesPerDecision.merge(decision, 1, Integer::sum);
      }
      long sameCloid = cloids.values().stream().filter(n -> n > 1).count();
      long twoEntries = entriesPerDecision.values().stream().filter(n -> n > 1).count();

      // ---- fills: the diary's against the simulator's, one for one
      List<String> diaryFills =
          events.stream()
              .filter(e -> "fill".equals(e.get("type")))
              .map(e -> key(DemoEndToEndTest.fill(data(e))))
              .sorted()
              .toList();
      List<String> simFills = sim.fills(address).stream().map(ChaosTest::key).sorted().toList();

      // ---- protection
      List<Sampler.Gap> unexplained = new ArrayList<>();
      Duration worstRunning = Duration.ZERO;
      Duration worstAny = Duration.ZERO;
      int byReject = 0;
      int byKill = 0;
      for (Sampler.Gap g : sampler.gaps) {
        Duration d = Duration.ofNanos(g.endNanos() - g.startNanos());
        if (d.compareTo(worstAny) > 0) worstAny = d;
        if (overlapsDowntime(g)) {
          byKill++;
        } else if (rejectedStopLoss(history, g)) {
          byReject++;
          if (d.compareTo(worstRunning) > 0) worstRunning = d;
        } else {
          unexplained.add(g);
        }
      }

      Map<String, Long> injected = sim.faults().injected();
      String figures =
          String.format(
              java.util.Locale.ROOT,
              "chaos: seed %d, %.0f s, %d cycles started (%d ended), %d app starts (%d SIGKILL restarts), faults injected %s, %d samples (every %.1f ms), "
                  + "%d unprotected moments (%d after an injected stop-loss rejection, worst %d ms while the app ran; %d across a kill, worst %d ms), "
                  + "%d unexplained, %d cloid reuses refused, %d cloids on two orders, %d decisions with two entries, %d filled entries (%d not in the diary), "
                  + "%d diary fills vs %d simulator fills",
              SEED,
              seconds,
              lastCycle(diary),
              cycleEnds,
              appStarts,
              downtimes.size(),
              injected,
              sampler.samples,
              seconds * 1000 / Math.max(1, sampler.samples),
              sampler.gaps.size(),
              byReject,
              worstRunning.toMillis(),
              byKill,
              worstAny.toMillis(),
              unexplained.size(),
              history.cloidReuses(),
              sameCloid,
              twoEntries,
              filledEntries,
              entriesUnknownToDiary,
              diaryFills.size(),
              simFills.size());
      System.out.println(figures);
      Files.writeString(
          Path.of("target", "chaos", "figures.txt"), figures + System.lineSeparator());

      assertThat(lastCycle(diary)).as(figures).isGreaterThanOrEqualTo(CYCLES);
      assertThat(downtimes).hasSizeGreaterThanOrEqualTo(3);
      assertThat(appStarts).isEqualTo(runs);
      assertThat(injected.keySet())
          .as(figures)
          .contains("http-429", "dropped-ack", "rejected-trigger", "latency")
          .anyMatch(k -> k.startsWith("http-5"));
      assertThat(sampler.samples).as(figures).isGreaterThan(10_000);
      assertThat(unexplained).as(figures + " " + unexplained).isEmpty();
      assertThat(worstRunning).as(figures).isLessThanOrEqualTo(REPAIR_BOUND);
      assertThat(history.cloidReuses()).as(figures).isZero();
      assertThat(sameCloid).as(figures).isZero();
      assertThat(twoEntries).as(figures + " " + entriesPerDecision).isZero();
      // An order whose answer a SIGKILL cut off is on the exchange but not in the diary: at most
      // one per kill.
      assertThat(entriesUnknownToDiary).as(figures).isLessThanOrEqualTo(downtimes.size());
      assertThat(filledEntries).as(figures).isPositive();
      assertThat(diaryFills).as(figures).isEqualTo(simFills);
      AccountSnapshot end = sim.snapshot(address);
      assertThat(end.positions()).isEmpty();
      assertThat(end.orders()).isEmpty();
      assertThat(Files.readString(diary)).doesNotContain(KEY.substring(2));
    }
  }

  // ------------------------------------------------------------------ the app as a child process

  /**
   * Keeps the app's logs and diary in target/chaos for a look after a failure (CI can archive
   * them).
   */
  private void keep(Path diary) throws IOException {
    Path out = Path.of("target", "chaos");
    Files.createDirectories(out);
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().endsWith(".log") || f.equals(diary))
          Files.copy(
              f, out.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private Process startApp(HyperliquidSimulator sim, Path diary, int run) throws IOException {
    Process p =
        child(
            List.of(
                "demo",
                "--simulator",
                sim.baseUrl(),
                "--speed",
                String.valueOf(SPEED),
                "--diary",
                diary.toString(),
                "--port",
                "0"),
            "run-" + run);
    processes.add(p);
    return p;
  }

  private Process child(List<String> args, String name) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(
            k ->
                k.startsWith("HYPERLIQUID_")
                    || k.startsWith("LLM_")
                    || k.startsWith("REZ_")
                    || k.endsWith("_API_KEY"));
    env.put("HYPERLIQUID_PRIVATE_KEY", KEY);
    env.put("LLM_PROVIDER", "offline");
    env.put("RISK_PROFILE", "debug");
    return pb.start();
  }

  private void await(Process app, BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(app.isAlive()).as("the app died waiting for " + what + ": " + tail(app)).isTrue();
      assertThat(System.nanoTime())
          .as("no " + what + " within " + timeout + ": " + tail(app))
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private String tail(Process app) {
    for (int run = processes.size(); run >= 1; run--) {
      if (processes.get(run - 1) == app) {
        String s = log("run-" + run);
        return s.substring(Math.max(0, s.length() - 4000));
      }
    }
    return "";
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /**
   * The last cycle the app started, from its loop state file (written atomically at each cycle's
   * start).
   */
  private static long lastCycle(Path diary) {
    try {
      Path state = diary.resolveSibling(diary.getFileName() + ".loop.json");
      if (!Files.exists(state)) return 0;
      return ((BigDecimal) Json.parseObject(Files.readString(state)).get("lastCycle")).longValue();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private boolean overlapsDowntime(Sampler.Gap g) {
    for (long[] d : downtimes) {
      if (g.startNanos() <= d[1] && g.endNanos() >= d[0]) return true;
    }
    return false;
  }

  /**
   * True when the simulator rejected a trigger order for the gap's coin by an injected fault just
   * before the gap (only injected faults reject with this status; a rejected order keeps no trigger
   * details, and only a rejected stop-loss leaves a position without one).
   */
  private static boolean rejectedStopLoss(AccountSnapshot history, Sampler.Gap g) {
    for (AccountSnapshot.Order o : history.orders()) {
      if (o.coin().equals(g.coin())
          && "badTriggerPxRejected".equals(o.status())
          && !o.placedAt().isBefore(g.previousSample())
          && !o.placedAt().isAfter(g.simStart())) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> e) {
    return (Map<String, Object>) e.get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static String key(Fill f) {
    return f.hash()
        + "|"
        + f.orderId()
        + "|"
        + f.time().toEpochMilli()
        + "|"
        + f.asset()
        + "|"
        + f.side()
        + "|"
        + f.size().stripTrailingZeros().toPlainString()
        + "|"
        + f.price().stripTrailingZeros().toPlainString()
        + "|"
        + f.fee().stripTrailingZeros().toPlainString()
        + "|"
        + f.closedPnl().stripTrailingZeros().toPlainString()
        + "|"
        + f.startPosition().stripTrailingZeros().toPlainString()
        + "|"
        + f.taker()
        + "|"
        + (f.cloid() == null ? null : f.cloid().hex());
  }

  // ------------------------------------------------------------------ sampler and faults

  /**
   * Reads the simulator's state every few milliseconds and records every moment a position has no
   * stop-loss.
   */
  static final class Sampler implements Runnable {
    /** One stretch of samples in which {@code coin} had a position and no live stop-loss. */
    record Gap(
        String coin,
        long startNanos,
        long endNanos,
        Instant previousSample,
        Instant simStart,
        BigDecimal size) {}

    private final HyperliquidSimulator sim;
    private final String address;
    final List<Gap> gaps = new CopyOnWriteArrayList<>();
    volatile long samples;

    /** Times a position appeared where there was none: entries. */
    volatile long entries;

    private volatile boolean stopped;

    Sampler(HyperliquidSimulator sim, String address) {
      this.sim = sim;
      this.address = address;
    }

    void stop() {
      stopped = true;
    }

    @Override
    public void run() {
      Map<String, Object[]> open =
          new LinkedHashMap<>(); // coin -> {startNanos, previousSample, simStart, size}
      Map<String, BigDecimal> lastPositions = Map.of();
      Instant previous = sim.now();
      while (!stopped) {
        AccountSnapshot s = sim.snapshot(address);
        long now = System.nanoTime();
        samples++;
        for (String coin : s.positions().keySet()) if (!lastPositions.containsKey(coin)) entries++;
        lastPositions = s.positions();
        for (Map.Entry<String, BigDecimal> p : s.positions().entrySet()) {
          boolean closingBuys = p.getValue().signum() < 0;
          boolean protectedNow =
              s.orders().stream()
                  .anyMatch(
                      o ->
                          o.isLive()
                              && o.stopLoss()
                              && o.reduceOnly()
                              && o.coin().equals(p.getKey())
                              && o.buy() == closingBuys);
          if (!protectedNow)
            open.putIfAbsent(p.getKey(), new Object[] {now, previous, s.time(), p.getValue()});
        }
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
          var e = it.next();
          String coin = e.getKey();
          boolean still =
              s.positions().containsKey(coin)
                  && s.orders().stream()
                      .noneMatch(
                          o ->
                              o.isLive()
                                  && o.stopLoss()
                                  && o.coin().equals(coin)
                                  && o.reduceOnly()
                                  && o.buy() == (s.positions().get(coin).signum() < 0));
          if (!still) {
            Object[] v = e.getValue();
            gaps.add(
                new Gap(coin, (long) v[0], now, (Instant) v[1], (Instant) v[2], (BigDecimal) v[3]));
            it.remove();
          }
        }
        previous = s.time();
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
      long now = System.nanoTime();
      for (var e : open.entrySet()) {
        Object[] v = e.getValue();
        gaps.add(
            new Gap(
                e.getKey(), (long) v[0], now, (Instant) v[1], (Instant) v[2], (BigDecimal) v[3]));
      }
    }
  }

  /**
   * Every 50-300 ms arms one random fault, unless one of its kind is still waiting to be used: HTTP
   * 5xx or 429 (one at a time, 2 s apart), a dropped order acknowledgement, a rejected TP/SL, or
   * latency for a while.
   */
  static final class FaultSchedule implements Runnable {
    private static final long HTTP_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(2000);
    private final HyperliquidSimulator sim;
    private final Random random;
    private final Map<String, Long> armed = new HashMap<>();
    private volatile boolean stopped;

    FaultSchedule(HyperliquidSimulator sim, Random random) {
      this.sim = sim;
      this.random = random;
    }

    void stop() {
      stopped = true;
    }

    @Override
    public void run() {
      long latencyUntil = 0;
      long lastHttp = 0;
      long lastHttpUsed = 0;
      while (!stopped) {
        long now = System.nanoTime();
        if (latencyUntil != 0 && now > latencyUntil) {
          sim.faults().latency(Duration.ZERO);
          latencyUntil = 0;
        }
        Map<String, Long> used = new HashMap<>();
        sim.faults()
            .injected()
            .forEach((k, v) -> used.merge(k.startsWith("http-") ? "http" : k, v, Long::sum));
        long httpUsed = used.getOrDefault("http", 0L);
        if (httpUsed != lastHttpUsed) {
          lastHttpUsed = httpUsed;
          lastHttp = now;
        }
        // One HTTP failure at a time, the next at least 2 s after the last was used: a request
        // fails at most twice in
        // the client's four attempts (~2.5 s). Transient faults, not an outage (on which the app
        // may refuse to start).
        boolean httpAllowed = now - lastHttp > HTTP_SPACING_NANOS;
        switch (random.nextInt(5)) {
          case 0 -> {
            if (httpAllowed && arm("http", 1, used))
              sim.faults().failNext(1, new int[] {500, 502, 503}[random.nextInt(3)]);
          }
          case 1 -> {
            if (httpAllowed && arm("http", 1, used)) sim.faults().rateLimitNext(1);
          }
          case 2 -> {
            if (arm("dropped-ack", 1, used)) sim.faults().dropNextOrderAck();
          }
          case 3 -> {
            // Two rejections reach the stop-loss of an entry's group too (its take-profit comes
            // first).
            int n = 1 + random.nextInt(2);
            if (arm("rejected-trigger", n, used)) sim.faults().rejectNextTriggerOrders(n);
          }
          default -> {
            // Latency about a tenth of the time: slow answers, not a slow exchange throughout.
            if (latencyUntil == 0 && random.nextInt(3) == 0) {
              sim.faults().latency(Duration.ofMillis(10 + random.nextInt(90)));
              latencyUntil = now + TimeUnit.MILLISECONDS.toNanos(100 + random.nextInt(300));
            }
          }
        }
        try {
          Thread.sleep(50 + random.nextInt(250));
        } catch (InterruptedException e) {
          return;
        }
      }
      sim.faults().latency(Duration.ZERO);
    }

    /**
     * Counts {@code n} more faults of {@code kind} as armed, unless the ones armed before are not
     * all used yet.
     */
    private boolean arm(String kind, int n, Map<String, Long> used) {
      long before = armed.getOrDefault(kind, 0L);
      if (used.getOrDefault(kind, 0L) < before) return false;
      armed.put(kind, before + n);
      return true;
    }
  }
}
