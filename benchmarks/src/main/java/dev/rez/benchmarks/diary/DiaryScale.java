package dev.rez.benchmarks.diary;

import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A benchmark command for a diary of any size: generates it once ({@link DiaryFixture}), then in
 * this JVM (run it with {@code -Xmx256m}) times the open with its index, times pages of 100 events
 * from random cursors (plain, backward, newest, filtered; wall clock and the reading thread's CPU
 * time, which a loaded machine does not inflate), and reports the heap the open diary holds after a
 * full GC.
 *
 * <pre>
 * java -Xmx256m -Xms256m -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.diary.DiaryScale /tmp/rez-bench/diary-10000000.jsonl 10000000
 * </pre>
 */
public final class DiaryScale {
  private DiaryScale() {}

  /** {@code DiaryScale <file> <events> [pagesPerKind]}. */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    long events = Long.parseLong(args[1]);
    int pages = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    long t0 = System.nanoTime();
    DiaryFixture.ensure(file, events);
    System.out.printf(
        "diary %s: %d events ready in %.1f s%n", file, events, (System.nanoTime() - t0) / 1e9);
    System.gc();
    long heapBefore = usedHeap();

    long open0 = System.nanoTime();
    try (JsonlDiary d = JsonlDiary.open(file)) {
      double openMs = (System.nanoTime() - open0) / 1e6;
      System.out.printf("open with its index: %.1f ms (%d events)%n", openMs, d.size());
      long n = d.size();
      SplittableRandom rnd = new SplittableRandom(42);
      DiaryQuery decisions = new DiaryQuery(Set.of("decision"), null, null);
      DiaryQuery errors = new DiaryQuery(Set.of("error"), null, null);
      DiaryQuery btcFills = new DiaryQuery(Set.of("fill"), Asset.of("BTC"), null);
      DiaryQuery ethDecisionsAndVerdicts =
          new DiaryQuery(Set.of("decision", "risk-verdict"), Asset.of("ETH"), null);
      Map<String, IntFunction<Object>> kinds = new java.util.LinkedHashMap<>();
      kinds.put(
          "forward",
          i -> d.read(cursor(rnd, n), 100, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD));
      kinds.put(
          "backward",
          i -> d.read(cursor(rnd, n), 100, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD));
      kinds.put("newest", i -> d.read(null, 100, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD));
      kinds.put("type", i -> d.read(cursor(rnd, n), 100, decisions, JsonlDiary.Direction.FORWARD));
      kinds.put(
          "rare type", i -> d.read(cursor(rnd, n), 100, errors, JsonlDiary.Direction.FORWARD));
      kinds.put(
          "type+asset backward",
          i -> d.read(cursor(rnd, n), 100, btcFills, JsonlDiary.Direction.BACKWARD));
      kinds.put(
          "2 types+asset",
          i -> d.read(cursor(rnd, n), 100, ethDecisionsAndVerdicts, JsonlDiary.Direction.FORWARD));
      kinds.put("one cycle", i -> d.cycle(1 + rnd.nextLong(n / DiaryFixture.CYCLE)));
      java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      System.out.printf(
          "%-22s %9s %9s %9s %9s | %9s %9s %9s%n",
          "page of 100",
          "p50 ms",
          "p99 ms",
          "p99.9 ms",
          "max ms",
          "cpu p50",
          "cpu p99",
          "cpu p99.9");
      for (Map.Entry<String, IntFunction<Object>> k : kinds.entrySet()) {
        for (int i = 0; i < pages / 4; i++) k.getValue().apply(i); // warm-up
        long[] t = new long[pages];
        long[] c = new long[pages];
        for (int i = 0; i < pages; i++) {
          long c0 = cpu.getCurrentThreadCpuTime();
          long s = System.nanoTime();
          k.getValue().apply(i);
          t[i] = System.nanoTime() - s;
          c[i] = cpu.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        System.out.printf(
            "%-22s %9.3f %9.3f %9.3f %9.3f | %9.3f %9.3f %9.3f%n",
            k.getKey(),
            t[pages / 2] / 1e6,
            t[(int) (pages * 0.99)] / 1e6,
            t[(int) (pages * 0.999)] / 1e6,
            t[pages - 1] / 1e6,
            c[pages / 2] / 1e6,
            c[(int) (pages * 0.99)] / 1e6,
            c[(int) (pages * 0.999)] / 1e6);
      }
      System.gc();
      long heapOpen = usedHeap();
      System.out.printf(
          "heap used after GC: %.1f MB before open, %.1f MB with the diary open and paged (max heap %.0f MB)%n",
          heapBefore / 1e6, heapOpen / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
  }

  private static String cursor(SplittableRandom rnd, long n) {
    return Long.toString(rnd.nextLong(n + 1));
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
