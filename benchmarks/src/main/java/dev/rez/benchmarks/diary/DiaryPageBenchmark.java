package dev.rez.benchmarks.diary;

import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
 * Latency of one diary page (what {@code GET /api/diary} reads) in a diary of a million events,
 * with a heap of 256 MB: pages from random cursors forwards and backwards, the newest page, and
 * filtered pages (a common type, a rare type, type and asset together, several types). Sample mode:
 * JMH reports p50, p99 and the maximum.
 *
 * <p>The diary is generated once under {@code target/diary-bench/} (or {@code -Drez.bench.dir}) and
 * reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class DiaryPageBenchmark {
  private static final DiaryQuery DECISIONS = new DiaryQuery(Set.of("decision"), null, null);
  private static final DiaryQuery ERRORS = new DiaryQuery(Set.of("error"), null, null);
  private static final DiaryQuery BTC_FILLS = new DiaryQuery(Set.of("fill"), Asset.of("BTC"), null);
  private static final DiaryQuery DECISIONS_AND_VERDICTS =
      new DiaryQuery(Set.of("decision", "risk-verdict"), Asset.of("ETH"), null);

  /** Events in the diary. */
  @Param("1000000")
  public long events;

  /** Page size (the API's default). */
  @Param("100")
  public int limit;

  private JsonlDiary diary;
  private long size;

  /** Generates (once) and opens the diary. */
  @Setup(Level.Trial)
  public void open() {
    Path dir = Path.of(System.getProperty("rez.bench.dir", "target/diary-bench"));
    diary = JsonlDiary.open(DiaryFixture.ensure(dir.resolve("diary-" + events + ".jsonl"), events));
    size = diary.size();
  }

  /** Closes the diary. */
  @TearDown(Level.Trial)
  public void close() {
    diary.close();
  }

  private String randomCursor() {
    return Long.toString(ThreadLocalRandom.current().nextLong(size + 1));
  }

  /** 100 events after a random cursor, oldest first. */
  @Benchmark
  public Diary.Page forwardPage() {
    return diary.read(randomCursor(), limit, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD);
  }

  /** 100 events before a random cursor, newest first. */
  @Benchmark
  public Diary.Page backwardPage() {
    return diary.read(randomCursor(), limit, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD);
  }

  /** The newest 100 events (the dashboard's first page). */
  @Benchmark
  public Diary.Page newestPage() {
    return diary.read(null, limit, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD);
  }

  /** 100 decisions after a random cursor (1 event in 8). */
  @Benchmark
  public Diary.Page typeFilteredPage() {
    return diary.read(randomCursor(), limit, DECISIONS, JsonlDiary.Direction.FORWARD);
  }

  /** Errors after a random cursor (1 event in 1600): the page may run to the end of the diary. */
  @Benchmark
  public Diary.Page rareTypeFilteredPage() {
    return diary.read(randomCursor(), limit, ERRORS, JsonlDiary.Direction.FORWARD);
  }

  /** BTC fills before a random cursor, newest first. */
  @Benchmark
  public Diary.Page typeAndAssetFilteredPage() {
    return diary.read(randomCursor(), limit, BTC_FILLS, JsonlDiary.Direction.BACKWARD);
  }

  /** ETH decisions and verdicts after a random cursor (two posting lists merged, asset checked). */
  @Benchmark
  public Diary.Page multiTypeAndAssetFilteredPage() {
    return diary.read(randomCursor(), limit, DECISIONS_AND_VERDICTS, JsonlDiary.Direction.FORWARD);
  }
}
