package dev.rez.benchmarks.diary;

import dev.rez.app.diary.JsonlDiary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up cost of a diary of a million events with a 256 MB heap: opening with its index files
 * (the usual restart), and opening without them (the index is rebuilt by scanning the file).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DiaryOpenBenchmark {
  /** Events in the diary. */
  @Param("1000000")
  public long events;

  private Path file;
  private List<Path> index;

  /** Generates (once) the diary and keeps a copy of its index files. */
  @Setup(Level.Trial)
  public void generate() throws IOException {
    Path dir = Path.of(System.getProperty("rez.bench.dir", "target/diary-bench"));
    file = DiaryFixture.ensure(dir.resolve("diary-" + events + ".jsonl"), events);
    index = JsonlDiary.indexFiles(file);
    for (Path p : index) Files.copy(p, backup(p), StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path backup(Path p) {
    return p.resolveSibling(p.getFileName() + ".bak");
  }

  /** Restores the index files before each open. */
  @Setup(Level.Invocation)
  public void restore() throws IOException {
    for (Path p : index) Files.copy(backup(p), p, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Opens with the index in place. */
  @Benchmark
  public long openWithIndex() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      return d.size();
    }
  }

  /** Opens after losing the index: every line is scanned and indexed again. */
  @Benchmark
  public long openRebuildingIndex() {
    try {
      for (Path p : index) Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (JsonlDiary d = JsonlDiary.open(file)) {
      return d.size();
    }
  }
}
