package dev.rez.benchmarks.json;

import dev.rez.json.Json;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A companion to {@link JsonBenchmark} for shared, overloaded machines: the same parse + write of
 * the same three responses, timed with the thread's CPU time (so time spent descheduled does not
 * count), reporting the best pass in microseconds per response. It tells how much of a JMH figure
 * is waiting for a core.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.rez.benchmarks.json.JsonCpuTime
 * }</pre>
 */
public final class JsonCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private JsonCpuTime() {}

  /**
   * Runs every case, printing one line each.
   *
   * @param args optional: the number of passes per case (default 200)
   */
  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String[][] cases = {
      {"clearinghouseState", Responses.clearinghouseState(), "400"},
      {"l2Book", Responses.l2Book(20), "100"},
      {"candleSnapshot", Responses.candleSnapshot(300), "4"},
    };
    for (String[] c : cases) {
      int reps = Integer.parseInt(c[2]);
      long best = Long.MAX_VALUE;
      int sink = 0;
      for (int p = 0; p < passes; p++) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) sink += Json.write(Json.parse(c[1])).length();
        best = Math.min(best, THREADS.getCurrentThreadCpuTime() - start);
      }
      System.out.printf(
          "%-20s %9.1f us CPU per parse + write (best of %d passes; %d)%n",
          c[0], best / 1000.0 / reps, passes, sink % 10);
    }
  }
}
