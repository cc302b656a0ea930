package dev.rez.benchmarks.arena;

import dev.rez.agent.Models;
import dev.rez.app.arena.Arena;
import dev.rez.app.arena.Leaderboard;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.RiskProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark command for the arena: runs 1, 2 and 4 offline contestants (sequentially and, for 4,
 * on virtual threads) over the same candle file in one JVM, after a warm-up run, and prints for
 * each the wall time, the process CPU time, the time spent stepping the market and the time in the
 * contestants' cycles.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.arena.ArenaScale /tmp/btc1200.csv /tmp/rez-arena-bench
 * </pre>
 */
public final class ArenaScale {
  private ArenaScale() {}

  /** {@code ArenaScale <candles.csv> <work dir> [warmup bars]}. */
  public static void main(String[] args) throws IOException {
    List<Candle> candles = read(Path.of(args[0]));
    Path work = Path.of(args[1]);
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    System.out.printf("%d bars, %d cycles per run%n", candles.size(), candles.size() - warmup);
    run(
        candles.subList(0, Math.min(candles.size(), warmup + 200)),
        warmup,
        work.resolve("jit"),
        1,
        false,
        "JIT warm-up");
    for (int n : new int[] {1, 2, 4})
      run(candles, warmup, work.resolve("n" + n), n, false, n + " sequential");
    run(candles, warmup, work.resolve("n4v"), 4, true, "4 virtual threads");
  }

  private static void run(
      List<Candle> candles,
      int warmup,
      Path dir,
      int contestants,
      boolean concurrent,
      String label) {
    Arena.Builder b =
        Arena.builder()
            .candles(Asset.of("BTC"), candles)
            .warmup(warmup)
            .directory(dir)
            .longInterval(Interval.M15)
            .concurrent(concurrent);
    for (int i = 0; i < contestants; i++)
      b.contestant("c" + i, Models.offline(), RiskProfile.MODERATE.limits());
    Arena arena = b.build();
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    Leaderboard board = arena.run();
    long cpu = os.getProcessCpuTime() - cpu0;
    Arena.Timing t = arena.timing().orElseThrow();
    System.out.printf(
        "%-18s wall %7.1f s  cpu %7.1f s  market steps %6.2f s  cycles %7.1f s  venue reads %6d  trades %s%n",
        label,
        t.total().toNanos() / 1e9,
        cpu / 1e9,
        t.marketSteps().toNanos() / 1e9,
        t.cycles().toNanos() / 1e9,
        t.marketReads(),
        board.rows().stream().map(r -> String.valueOf(r.record().tradeCount())).toList());
  }

  private static List<Candle> read(Path file) throws IOException {
    List<Candle> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        String[] f = line.split(",");
        out.add(
            new Candle(
                Instant.ofEpochMilli(Long.parseLong(f[0])),
                Interval.M1,
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5])));
      }
    }
    return out;
  }
}
