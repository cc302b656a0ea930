package dev.rez.benchmarks.json;

import dev.rez.json.Json;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON of the backtest's hot path: the client parses, and the simulator writes, a typical
 * {@code clearinghouseState} (two positions), {@code l2Book} (20 levels a side) and {@code
 * candleSnapshot} (300 one-minute candles). Each benchmark parses the response text into a tree and
 * writes the tree back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JsonBenchmark {
  private final String clearinghouseState = Responses.clearinghouseState();
  private final String l2Book = Responses.l2Book(20);
  private final String candleSnapshot = Responses.candleSnapshot(300);

  @Benchmark
  public String clearinghouseState() {
    return Json.write(Json.parse(clearinghouseState));
  }

  @Benchmark
  public String l2Book() {
    return Json.write(Json.parse(l2Book));
  }

  @Benchmark
  public String candleSnapshot() {
    return Json.write(Json.parse(candleSnapshot));
  }
}
