package dev.rez.benchmarks.diary;

import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU time of one diary page, apart from the time the thread waits for a core: on a shared
 * machine the wall-clock tail of {@link DiaryPageBenchmark} is mostly scheduling. Each invocation
 * reads 20,000 pages of the given kind from random cursors (heap 256 MB) and prints the percentiles
 * of the reading thread's CPU time per page; the score is the wall time of the whole batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DiaryPageCpuBenchmark {
  private static final int PAGES = 20_000;

  /** Events in the diary. */
  @Param("1000000")
  public long events;

  /** The kind of page: all, decisions (type), btc-fills (type and asset), errors (a rare type). */
  @Param({"all", "decisions", "btc-fills", "errors"})
  public String kind;

  private JsonlDiary diary;
  private DiaryQuery query;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final SplittableRandom random = new SplittableRandom(7);
  private final long[] cpu = new long[PAGES];

  /** Generates (once) and opens the diary. */
  @Setup(Level.Trial)
  public void open() {
    Path dir = Path.of(System.getProperty("rez.bench.dir", "target/diary-bench"));
    diary = JsonlDiary.open(DiaryFixture.ensure(dir.resolve("diary-" + events + ".jsonl"), events));
    query =
        switch (kind) {
          case "all" -> DiaryQuery.ALL;
          case "decisions" -> new DiaryQuery(Set.of("decision"), null, null);
          case "btc-fills" -> new DiaryQuery(Set.of("fill"), Asset.of("BTC"), null);
          case "errors" -> new DiaryQuery(Set.of("error"), null, null);
          default -> throw new IllegalArgumentException("kind " + kind);
        };
  }

  /** Closes the diary. */
  @TearDown(Level.Trial)
  public void close() {
    diary.close();
  }

  /** Reads the pages and prints the CPU-time percentiles. */
  @Benchmark
  public long pages() {
    long size = diary.size();
    long n = 0;
    for (int i = 0; i < PAGES; i++) {
      String cursor = Long.toString(random.nextLong(size + 1));
      JsonlDiary.Direction dir =
          (i & 1) == 0 ? JsonlDiary.Direction.FORWARD : JsonlDiary.Direction.BACKWARD;
      long t0 = threads.getCurrentThreadCpuTime();
      n += diary.read(cursor, 100, query, dir).events().size();
      cpu[i] = threads.getCurrentThreadCpuTime() - t0;
    }
    long[] sorted = cpu.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%n  cpu per page (%s): p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
        kind, at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted[PAGES - 1] / 1e6);
    return n;
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
  }
}
