package dev.rez.benchmarks.diary;

import dev.rez.app.api.ApiServer;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.DiaryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.slf4j.LoggerFactory;

/**
 * {@code /api/stream} under load on loopback, heap 256 MB: {@code clients} SSE clients stay
 * connected while the loop appends diary events.
 *
 * <ul>
 *   <li>{@link #append}: what an append costs the loop (the writer only signals the streams);
 *   <li>{@link #appendAndDeliverToAll}: from the append until the last of the clients has read the
 *       event.
 * </ul>
 *
 * Compare {@code clients=0} with {@code clients=100}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class StreamBenchmark {
  /** Concurrent stream clients. */
  @Param({"0", "100"})
  public int clients;

  private Path dir;
  private JsonlDiary diary;
  private ApiServer server;
  private final List<InputStream> streams = new ArrayList<>();
  private final AtomicLong seq = new AtomicLong();
  private volatile long target;
  private volatile CountDownLatch delivered = new CountDownLatch(0);

  /** Starts the server on 127.0.0.1 and connects the clients. */
  @Setup(Level.Trial)
  public void start() throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    dir = Files.createTempDirectory("rez-stream-bench");
    diary = JsonlDiary.open(dir.resolve("diary.jsonl"));
    server = ApiServer.builder(new BenchBackend(diary)).port(0).build().start();
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < clients; i++) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/stream"))
              .header("Accept", "text/event-stream")
              .build();
      HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200)
        throw new IllegalStateException("stream answered " + r.statusCode());
      InputStream in = r.body();
      streams.add(in);
      Thread.ofVirtual().start(() -> read(in));
    }
  }

  private void read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("id:") && Long.parseLong(line.substring(3).strip()) == target)
          delivered.countDown();
      }
    } catch (IOException | NumberFormatException e) {
      // stream closed
    }
  }

  /** Stops the server and removes the diary. */
  @TearDown(Level.Trial)
  public void stop() throws IOException {
    for (InputStream in : streams) in.close();
    server.close();
    diary.close();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(dir);
  }

  private DiaryEvent next() {
    long n = seq.incrementAndGet();
    return new DiaryEvent(
        Instant.now(), n / 16 + 1, "reasoning", null, "{\"step\":1,\"text\":\"event " + n + "\"}");
  }

  /** One append as the loop does it. */
  @Benchmark
  public long append() {
    diary.append(next());
    return diary.size();
  }

  /** One append, then wait until every client has received it. */
  @Benchmark
  public long appendAndDeliverToAll() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(clients);
    target = diary.size() + 1;
    delivered = latch;
    diary.append(next());
    if (!latch.await(30, TimeUnit.SECONDS))
      throw new IllegalStateException(
          latch.getCount() + " of " + clients + " clients did not receive event " + target);
    return target;
  }
}
