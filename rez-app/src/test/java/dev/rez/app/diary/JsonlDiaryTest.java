package dev.rez.app.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class JsonlDiaryTest {
  private static final String[] TYPES = {
    "cycle-start", "decision", "risk-verdict", "order", "fill", "cycle-end"
  };
  private static final String[] ASSETS = {"BTC", "ETH", "SOL", null};

  @TempDir Path dir;
  private Path file;
  private ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void captureLogs() {
    file = dir.resolve("diary.jsonl");
    logs = new ListAppender<>();
    logs.start();
    Logger logger = (Logger) LoggerFactory.getLogger(JsonlDiary.class);
    logger.setLevel(
        ch.qos.logback.classic.Level.WARN); // whatever level the test configuration gives the root
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    Logger logger = (Logger) LoggerFactory.getLogger(JsonlDiary.class);
    logger.detachAppender(logs);
    logger.setLevel(null);
  }

  private static DiaryEvent event(int i) {
    String asset = ASSETS[i % ASSETS.length];
    return new DiaryEvent(
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
        i / 7,
        TYPES[(i * 5 + i / 3) % TYPES.length],
        asset == null ? null : Asset.of(asset),
        "{\"i\":" + i + ",\"text\":\"line \\\"" + i + "\\\"\"}");
  }

  private static List<DiaryEvent> fill(JsonlDiary d, int from, int to) {
    List<DiaryEvent> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      DiaryEvent e = event(i);
      d.append(e);
      out.add(e);
    }
    return out;
  }

  private static List<Diary.Entry> readAll(
      JsonlDiary d, DiaryQuery q, JsonlDiary.Direction dir, int limit) {
    List<Diary.Entry> all = new ArrayList<>();
    Diary.Page page = d.read(null, limit, q, dir);
    all.addAll(page.events());
    int guard = 0;
    while (page.hasMore()) {
      assertThat(page.events()).hasSize(limit);
      page = d.read(page.next(), limit, q, dir);
      all.addAll(page.events());
      assertThat(++guard).isLessThan(100_000);
    }
    return all;
  }

  @Test
  void forwardPagesReturnEveryEventExactlyOnceInOrder() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      List<DiaryEvent> written = fill(d, 0, 1000);
      for (int limit : new int[] {1, 7, 100, 1000, 10_000}) {
        List<Diary.Entry> all = readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, limit);
        assertThat(all).extracting(Diary.Entry::event).containsExactlyElementsOf(written);
        for (int i = 0; i < all.size(); i++)
          assertThat(all.get(i).cursor()).isEqualTo(Integer.toString(i + 1));
      }
      Diary.Page last = d.read(null, 10_000, Diary.Filter.ALL);
      assertThat(last.hasMore()).isFalse();
      assertThat(last.next()).isEqualTo(d.endCursor()).isEqualTo("1000");
      // The id of the last event seen is a cursor: reading on from it gives what follows.
      assertThat(d.read("500", 2, Diary.Filter.ALL).events())
          .extracting(Diary.Entry::event)
          .containsExactly(written.get(500), written.get(501));
    }
  }

  @Test
  void backwardPagesReturnEveryEventExactlyOnceNewestFirst() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      List<DiaryEvent> written = fill(d, 0, 500);
      List<DiaryEvent> reversed = new ArrayList<>(written);
      java.util.Collections.reverse(reversed);
      for (int limit : new int[] {1, 3, 64, 500}) {
        assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD, limit))
            .extracting(Diary.Entry::event)
            .containsExactlyElementsOf(reversed);
      }
      // Backward from an event's id returns the events before it.
      assertThat(d.read("10", 3, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD).events())
          .extracting(Diary.Entry::cursor)
          .containsExactly("9", "8", "7");
      Diary.Page start = d.read("2", 5, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD);
      assertThat(start.events()).extracting(Diary.Entry::cursor).containsExactly("1");
      assertThat(start.hasMore()).isFalse();
      assertThat(start.next()).isEqualTo("0");
    }
  }

  @Test
  void filtersMatchABruteForceScanInBothDirections() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      List<DiaryEvent> written = fill(d, 0, 3000);
      Random rnd = new Random(42);
      List<DiaryQuery> queries =
          new ArrayList<>(
              List.of(
                  new DiaryQuery(Set.of("decision"), null, null),
                  new DiaryQuery(Set.of("decision", "fill", "no-such-type"), null, null),
                  new DiaryQuery(null, Asset.of("ETH"), null),
                  new DiaryQuery(null, Asset.of("DOGE"), null),
                  new DiaryQuery(Set.of("no-such-type"), null, null),
                  new DiaryQuery(null, null, 17L),
                  new DiaryQuery(null, null, 99_999L),
                  new DiaryQuery(Set.of("order", "cycle-end"), Asset.of("BTC"), null),
                  new DiaryQuery(Set.of("fill"), Asset.of("SOL"), 40L)));
      for (int i = 0; i < 20; i++) {
        Set<String> types = new HashSet<>();
        for (String t : TYPES) if (rnd.nextInt(3) == 0) types.add(t);
        String a = ASSETS[rnd.nextInt(ASSETS.length)];
        queries.add(
            new DiaryQuery(
                types,
                a == null ? null : Asset.of(a),
                rnd.nextBoolean() ? (long) rnd.nextInt(450) : null));
      }
      for (DiaryQuery q : queries) {
        Predicate<DiaryEvent> p =
            e ->
                (q.types().isEmpty() || q.types().contains(e.type()))
                    && (q.asset() == null || q.asset().equals(e.asset()))
                    && (q.cycle() == null || q.cycle() == e.cycle());
        List<DiaryEvent> expected = written.stream().filter(p).toList();
        int limit = 1 + rnd.nextInt(50);
        assertThat(readAll(d, q, JsonlDiary.Direction.FORWARD, limit))
            .as("%s forward", q)
            .extracting(Diary.Entry::event)
            .containsExactlyElementsOf(expected);
        List<DiaryEvent> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(readAll(d, q, JsonlDiary.Direction.BACKWARD, limit))
            .as("%s backward", q)
            .extracting(Diary.Entry::event)
            .containsExactlyElementsOf(reversed);
      }
      // The core Filter goes through the same index.
      assertThat(d.read(null, 10_000, new Diary.Filter("fill", Asset.of("BTC"))).events())
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(
              written.stream()
                  .filter(e -> e.type().equals("fill") && Asset.of("BTC").equals(e.asset()))
                  .toList());
    }
  }

  @Test
  void aFilteredPageAtTheEndPointsAtTheEndAndSeesLaterEvents() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      d.append(new DiaryEvent(Instant.EPOCH, 1, "decision", Asset.of("BTC"), "{}"));
      d.append(new DiaryEvent(Instant.EPOCH, 1, "order", Asset.of("BTC"), "{}"));
      DiaryQuery q = new DiaryQuery(Set.of("decision"), null, null);
      Diary.Page page = d.read(null, 10, q, JsonlDiary.Direction.FORWARD);
      assertThat(page.events()).hasSize(1);
      assertThat(page.hasMore()).isFalse();
      assertThat(page.next()).isEqualTo("2");
      d.append(new DiaryEvent(Instant.EPOCH, 2, "decision", Asset.of("ETH"), "{\"n\":2}"));
      assertThat(d.read(page.next(), 10, q, JsonlDiary.Direction.FORWARD).events())
          .extracting(e -> e.event().json())
          .containsExactly("{\"n\":2}");
    }
  }

  @Test
  void cyclesAndCycleEvents() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      List<DiaryEvent> written = fill(d, 0, 100);
      assertThat(d.cycles(null, 3)).containsExactly(14L, 13L, 12L);
      assertThat(d.cycles(2L, 10)).containsExactly(1L, 0L);
      assertThat(d.cycle(3))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written.stream().filter(e -> e.cycle() == 3).toList());
      assertThat(d.cycle(999)).isEmpty();
    }
  }

  @Test
  void reopeningExtendsTheIndexAndKeepsCursors() throws IOException {
    List<DiaryEvent> written = new ArrayList<>();
    try (JsonlDiary d = JsonlDiary.open(file)) {
      written.addAll(fill(d, 0, 300));
    }
    Path idx = dir.resolve("diary.jsonl.idx");
    long idxSize = Files.size(idx);
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(Files.size(idx)).isEqualTo(idxSize);
      assertThat(d.size()).isEqualTo(300);
      written.addAll(fill(d, 300, 400));
      assertThat(d.read("299", 2, Diary.Filter.ALL).events())
          .extracting(Diary.Entry::event)
          .containsExactly(written.get(299), written.get(300));
    }
    // Lines the sidecar has not seen (written by another process, or the sidecar was lost) are
    // indexed on open.
    String extra =
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
            .lines()
            .skip(399)
            .findFirst()
            .orElseThrow()
            .replace("\"seq\":400", "\"seq\":401");
    Files.writeString(file, extra + "\n", StandardOpenOption.APPEND);
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(d.size()).isEqualTo(401);
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 77)).hasSize(401);
    }
  }

  @Test
  void aMissingTornOrForeignSidecarIsRebuilt() throws IOException {
    List<DiaryEvent> written;
    try (JsonlDiary d = JsonlDiary.open(file)) {
      written = fill(d, 0, 200);
    }
    Path idx = dir.resolve("diary.jsonl.idx");
    byte[] good = Files.readAllBytes(idx);

    Files.delete(idx);
    assertReadsBack(written);

    Files.write(idx, java.util.Arrays.copyOf(good, good.length - 5)); // torn record
    assertReadsBack(written);

    Files.write(idx, "garbage, not an index".getBytes(StandardCharsets.UTF_8));
    assertReadsBack(written);

    // A sidecar from another diary: same shape, different lines.
    Path other = dir.resolve("other.jsonl");
    try (JsonlDiary d = JsonlDiary.open(other)) {
      for (int i = 0; i < 200; i++)
        d.append(
            new DiaryEvent(
                Instant.EPOCH, 0, "x-" + i, null, "{\"padding\":\"" + "p".repeat(i % 13) + "\"}"));
    }
    Files.copy(
        dir.resolve("other.jsonl.idx"), idx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertReadsBack(written);

    // The posting lists and the names: missing, torn or foreign, they are rebuilt too.
    Path post = dir.resolve("diary.jsonl.idx-post");
    Path names = dir.resolve("diary.jsonl.idx-names");
    Files.delete(post);
    assertReadsBack(written);
    byte[] goodPost = Files.readAllBytes(post);
    Files.write(post, java.util.Arrays.copyOf(goodPost, 4096));
    assertReadsBack(written);
    Files.copy(
        dir.resolve("other.jsonl.idx-post"),
        post,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertReadsBack(written);
    Files.delete(names);
    assertReadsBack(written);
    Files.copy(
        dir.resolve("other.jsonl.idx-names"),
        names,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertReadsBack(written);
  }

  @Test
  void cycleQueriesFindEventsWhoseCycleGoesBack() {
    // A restart records app-start under cycle 0 after cycle 7; cycle numbers then go on from 7.
    long[] cycles = {0, 1, 1, 2, 5, 5, 7, 0, 7, 8, 8, 0, 3, 9};
    List<DiaryEvent> written = new ArrayList<>();
    try (JsonlDiary d = JsonlDiary.open(file)) {
      for (int i = 0; i < cycles.length; i++) {
        DiaryEvent e =
            new DiaryEvent(
                Instant.EPOCH.plusSeconds(i),
                cycles[i],
                i % 2 == 0 ? "a" : "b",
                null,
                "{\"i\":" + i + "}");
        d.append(e);
        written.add(e);
      }
    }
    for (int round = 0; round < 2; round++) { // as written, then from the index files
      try (JsonlDiary d = JsonlDiary.open(file)) {
        for (long c = 0; c <= 10; c++) {
          long cycle = c;
          assertThat(d.cycle(c))
              .as("cycle %d", c)
              .extracting(Diary.Entry::event)
              .containsExactlyElementsOf(written.stream().filter(e -> e.cycle() == cycle).toList());
          assertThat(
                  readAll(
                      d, new DiaryQuery(Set.of("a"), null, c), JsonlDiary.Direction.BACKWARD, 1))
              .extracting(Diary.Entry::event)
              .containsExactlyElementsOf(
                  written.reversed().stream()
                      .filter(e -> e.cycle() == cycle && e.type().equals("a"))
                      .toList());
        }
        assertThat(d.cycles(null, 100)).containsExactly(9L, 8L, 7L, 5L, 3L, 2L, 1L, 0L);
        assertThat(d.cycles(7L, 3)).containsExactly(5L, 3L, 2L);
        assertThat(d.cycles(1L, 3)).containsExactly(0L);
      }
    }
  }

  @Test
  void theIndexIsOnTheDiskAndSurvivesAWriterThatWasNotClosed() throws IOException {
    // Many events, few names: the index files hold them, the heap holds only block numbers and
    // names.
    List<DiaryEvent> written;
    JsonlDiary d = JsonlDiary.open(file);
    written = fill(d, 0, 5000);
    d.flush();
    written.addAll(
        fill(d, 5000, 5100)); // not flushed: the next open finds them in the diary, not the index
    // No close (a crash); the lock goes with the process, the files stay as they are.
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy);
    for (Path p :
        new ArrayList<>(
            List.of(
                file,
                dir.resolve("diary.jsonl.idx"),
                dir.resolve("diary.jsonl.idx-post"),
                dir.resolve("diary.jsonl.idx-names")))) {
      Files.copy(p, copy.resolve(p.getFileName()));
    }
    d.close();
    Path copied = copy.resolve("diary.jsonl");
    try (JsonlDiary again = JsonlDiary.open(copied)) {
      assertThat(again.size()).isEqualTo(5100);
      assertThat(
              readAll(
                  again,
                  new DiaryQuery(Set.of("fill"), Asset.of("BTC"), null),
                  JsonlDiary.Direction.BACKWARD,
                  97))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(
              written.reversed().stream()
                  .filter(e -> e.type().equals("fill") && Asset.of("BTC").equals(e.asset()))
                  .toList());
    }
  }

  private void assertReadsBack(List<DiaryEvent> written) {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 33))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written);
      assertThat(
              readAll(
                  d, new DiaryQuery(Set.of("fill"), null, null), JsonlDiary.Direction.FORWARD, 33))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(
              written.stream().filter(e -> e.type().equals("fill")).toList());
    }
  }

  @Test
  void aTornLastLineIsSkippedWithAWarningAndNeverCorruptsWhatFollows() throws IOException {
    List<DiaryEvent> written;
    try (JsonlDiary d = JsonlDiary.open(file)) {
      written = new ArrayList<>(fill(d, 0, 50));
      d.flush();
    }
    // A crash in the middle of writing event 51: half a line, no newline.
    byte[] half =
        "{\"v\":1,\"seq\":51,\"time\":\"2026-01-01T00:00:00Z\",\"cycle\":9,\"type\":\"dec"
            .getBytes(StandardCharsets.UTF_8);
    Files.write(file, half, StandardOpenOption.APPEND);

    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(d.size()).isEqualTo(50);
      assertThat(logs.list)
          .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("torn last line"));
      DiaryEvent after =
          new DiaryEvent(
              Instant.parse("2026-02-01T00:00:00Z"),
              10,
              "decision",
              Asset.of("ETH"),
              "{\"after\":true}");
      d.append(after);
      d.flush();
      written.add(after);
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 20))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(52);
    assertThat(lines.get(50)).isEqualTo(new String(half, StandardCharsets.UTF_8));
    assertThat(lines.get(51))
        .startsWith("{\"v\":1,\"seq\":51,")
        .endsWith("\"data\":{\"after\":true}}");

    // The sidecar is deleted too (a crash may lose it): the rebuild skips the fragment, keeps
    // everything else.
    Files.delete(dir.resolve("diary.jsonl.idx"));
    logs.list.clear();
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 20))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written);
      assertThat(logs.list)
          .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("unreadable line"));
    }
  }

  @Test
  void aCrashThatLeavesWholeLinesWithoutTheSidecarLosesNothing() throws IOException {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      fill(d, 0, 10);
    }
    byte[] diaryBytes = Files.readAllBytes(file);
    // The sidecar is older than the diary (written in a buffer that the crash lost).
    Path idx = dir.resolve("diary.jsonl.idx");
    try (JsonlDiary d = JsonlDiary.open(dir.resolve("copy.jsonl"))) {
      fill(d, 0, 4);
    }
    Files.copy(
        dir.resolve("copy.jsonl.idx"), idx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.write(file, diaryBytes);
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(d.size()).isEqualTo(10);
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD, 3))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.iterate(9, i -> i >= 0, i -> i - 1)
                  .mapToObj(JsonlDiaryTest::event)
                  .toList());
    }
  }

  @Test
  void eventsAreStoredOneLineEachInTheVersionedSchema() throws IOException {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      d.append(
          new DiaryEvent(
              Instant.parse("2026-03-04T05:06:07Z"),
              3,
              "reasoning",
              Asset.of("BTC"),
              "{\n  \"text\": \"two\\nlines\",\r\n  \"n\": [1, 2]\n}"));
      d.append(new DiaryEvent(Instant.parse("2026-03-04T05:06:08Z"), 3, "cycle-end", null, "{}"));
      assertThat(d.read(null, 1, Diary.Filter.ALL).events().get(0).event().json())
          .contains("\"two\\nlines\"");
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines)
        .containsExactly(
            "{\"v\":1,\"seq\":1,\"time\":\"2026-03-04T05:06:07Z\",\"cycle\":3,\"type\":\"reasoning\",\"asset\":\"BTC\",\"data\":{   \"text\": \"two\\nlines\",    \"n\": [1, 2] }}",
            "{\"v\":1,\"seq\":2,\"time\":\"2026-03-04T05:06:08Z\",\"cycle\":3,\"type\":\"cycle-end\",\"asset\":null,\"data\":{}}");
  }

  @Test
  void rejectsInvalidJsonWithoutWritingIt() throws IOException {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThatThrownBy(() -> d.append(new DiaryEvent(Instant.EPOCH, 0, "x", null, "{\"a\": }")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("json");
      assertThatThrownBy(() -> d.append(new DiaryEvent(Instant.EPOCH, 0, "x", null, "{} {}")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("json");
      assertThat(d.size()).isZero();
    }
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void rejectsCursorsItDidNotIssueAndLimitsOutOfRange() {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      fill(d, 0, 10);
      for (String bad :
          new String[] {"", "abc", "-1", "11", "1e3", " 1", "99999999999999999999", "0x1"}) {
        assertThatThrownBy(() -> d.read(bad, 10, Diary.Filter.ALL))
            .as(bad)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cursor");
      }
      assertThat(d.read("10", 10, Diary.Filter.ALL).events()).isEmpty();
      assertThatThrownBy(() -> d.read(null, 0, Diary.Filter.ALL))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limit must be in 1..10000 but was 0");
      assertThatThrownBy(() -> d.read(null, 10_001, Diary.Filter.ALL))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("10001");
    }
  }

  @Test
  void awaitMoreWakesOnAppend() throws Exception {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(d.awaitMore(0, Duration.ofMillis(20))).isFalse();
      CompletableFuture<Boolean> waiter =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return d.awaitMore(0, Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(50);
      d.append(event(1));
      assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void concurrentReadersSeeAConsistentPrefix() throws Exception {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      List<Thread> readers = new ArrayList<>();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int r = 0; r < 4; r++) {
        readers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        String cursor = null;
                        int seen = 0;
                        while (seen < 2000) {
                          Diary.Page p = d.read(cursor, 64, Diary.Filter.ALL);
                          for (Diary.Entry e : p.events()) {
                            assertThat(e.event()).isEqualTo(event(seen));
                            seen++;
                          }
                          cursor = p.next();
                          if (p.events().isEmpty())
                            d.awaitMore(d.parseCursor(cursor), Duration.ofMillis(100));
                        }
                      } catch (Throwable t) {
                        errors.add(t);
                      }
                    }));
      }
      fill(d, 0, 2000);
      for (Thread t : readers) t.join(30_000);
      assertThat(errors).isEmpty();
    }
  }

  @Test
  void interruptedReadersAndWritersNeverBreakTheDiary() throws Exception {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      List<DiaryEvent> written = new ArrayList<>(fill(d, 0, 500));
      // A FileChannel is closed by an interrupt that lands in a read or write; the diary must shrug
      // it off.
      java.util.concurrent.atomic.AtomicBoolean stop =
          new java.util.concurrent.atomic.AtomicBoolean();
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        d.read(null, 500, Diary.Filter.ALL);
                      } catch (RuntimeException e) {
                        errors.add(new AssertionError(e + " caused by " + e.getCause(), e));
                      }
                      Thread.interrupted();
                    }
                  });
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 500; i < 1500; i++) {
                      try {
                        d.append(event(i));
                      } catch (RuntimeException e) {
                        errors.add(new AssertionError(e + " caused by " + e.getCause(), e));
                      }
                      Thread.interrupted();
                    }
                  });
      while (writer.isAlive()) {
        reader.interrupt();
        writer.interrupt();
        Thread.onSpinWait();
      }
      stop.set(true);
      reader.join();
      assertThat(errors).isEmpty();
      for (int i = 500; i < 1500; i++) written.add(event(i));
      d.append(event(1500));
      written.add(event(1500));
      d.flush();
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 256))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written);
    }
    // And the file says the same after a reopen: every line whole, none written twice.
    logs.list.clear();
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(logs.list)
          .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("skipping"));
      assertThat(Files.readAllLines(file)).hasSize(1501);
      assertThat(d.size()).isEqualTo(1501);
      assertThat(d.read("1500", 1, Diary.Filter.ALL).events().get(0).event())
          .isEqualTo(event(1500));
    }
  }

  @Test
  void closedDiaryRefusesUse() {
    JsonlDiary d = JsonlDiary.open(file);
    d.close();
    d.close();
    assertThatThrownBy(() -> d.append(event(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aWriteFailureNeverThrowsKeepsTheEventsAndWritesThemInOrderOnceTheDiskRecovers()
      throws IOException {
    FailingDisk disk = new FailingDisk();
    List<DiaryEvent> written;
    try (JsonlDiary d = disk.open(file)) {
      written = new ArrayList<>(fill(d, 0, 10));
      d.flush();
      assertThat(d.health().ok()).isTrue();

      disk.full(true);
      written.addAll(fill(d, 10, 25)); // never throws
      assertThat(d.health().state()).isEqualTo(JsonlDiary.Health.State.DEGRADED);
      assertThat(d.health().error()).contains("No space left on device");
      assertThat(d.health().since()).isNotNull();
      assertThat(d.health().pending()).isEqualTo(15);
      assertThat(d.size()).isEqualTo(10); // readers see only what is in the file
      assertThatThrownBy(d::flush)
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("15 events wait in memory");

      disk.full(false);
      written.addAll(fill(d, 25, 27)); // the next write retries the queue first, in order
      assertThat(d.health()).isEqualTo(JsonlDiary.Health.OK);
      d.flush();
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 7))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written);
    }
    // The fragment the failing write left is a torn line that nothing after it depends on.
    assertReadsBack(written);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(28);
    assertThat(lines.get(10)).hasSize(5);
    assertThat(lines.get(11)).startsWith("{\"v\":1,\"seq\":11,");
  }

  @Test
  void aFlushRetriesTheQueueWithoutANewEvent() {
    FailingDisk disk = new FailingDisk();
    try (JsonlDiary d = disk.open(file)) {
      disk.full(true);
      fill(d, 0, 3);
      disk.full(false);
      d.flush();
      assertThat(d.health().ok()).isTrue();
      assertThat(d.size()).isEqualTo(3);
    }
  }

  @Test
  void opensDegradedOnAFullDiskAndRecordsOnceThereIsRoom() {
    FailingDisk disk = new FailingDisk();
    try (JsonlDiary d = JsonlDiary.open(file)) {
      fill(d, 0, 5);
    }
    disk.full(true);
    try (JsonlDiary d = disk.open(file)) {
      assertThat(d.health().state()).isEqualTo(JsonlDiary.Health.State.DEGRADED);
      assertThat(d.health().error()).contains("disk almost full");
      assertThat(d.size()).isEqualTo(5);
      d.append(event(5)); // does not throw
      assertThat(d.health().pending()).isEqualTo(1);

      disk.full(false);
      d.flush();
      assertThat(d.health().ok()).isTrue();
      assertThat(d.size()).isEqualTo(6);
    }
  }

  @Test
  void aDiaryWhoseIndexCannotBeWrittenOpensDegradedAndIndexesOnceThereIsRoom() throws IOException {
    List<DiaryEvent> written;
    try (JsonlDiary d = JsonlDiary.open(file)) {
      written = new ArrayList<>(fill(d, 0, 40));
    }
    for (Path p : JsonlDiary.indexFiles(file))
      Files.delete(p); // lost, and the disk is full: no room to rebuild it
    FailingDisk disk = new FailingDisk();
    disk.full(true);
    try (JsonlDiary d = disk.open(file)) {
      assertThat(d.health().state()).isEqualTo(JsonlDiary.Health.State.DEGRADED);
      assertThat(d.health().error()).contains("index");
      assertThat(d.read(null, 10, Diary.Filter.ALL).events()).isEmpty();
      written.add(event(40));
      d.append(event(40)); // waits

      disk.full(false);
      d.flush();
      assertThat(d.health().ok()).isTrue();
      assertThat(d.size()).isEqualTo(41);
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD, 9))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written.reversed());
    }
    assertThat(Files.readAllLines(file).get(40)).startsWith("{\"v\":1,\"seq\":41,");
  }

  @Test
  void eventsPastTheQueuesBoundAreCountedAndTheGapIsRecorded() {
    FailingDisk disk = new FailingDisk();
    int lineBytes = LineCodec.encode(1, event(0)).length;
    try (JsonlDiary d = disk.open(file, lineBytes * 5L)) {
      disk.full(true);
      fill(d, 0, 12);
      assertThat(d.health().pending()).isBetween(3, 5);
      long kept = d.health().pending();
      assertThat(d.health().dropped()).isEqualTo(12 - kept);

      disk.full(false);
      d.flush();
      assertThat(d.health().ok()).isTrue();
      List<Diary.Entry> all = readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 50);
      assertThat(all).hasSize((int) kept + 1);
      assertThat(all.get((int) kept).event().type()).isEqualTo("error");
      assertThat(all.get((int) kept).event().json())
          .contains("\"where\":\"diary\"")
          .contains((12 - kept) + " events");
    }
  }

  @Test
  void aSecondWriterIsRefusedWithTheDiarysPathAndTheFirstKeepsWriting() {
    try (JsonlDiary first = JsonlDiary.open(file)) {
      assertThatThrownBy(() -> JsonlDiary.open(file))
          .isInstanceOf(DiaryInUseException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("in use by another process");
      first.append(event(0));
      assertThat(first.size()).isEqualTo(1);
    }
    try (JsonlDiary again = JsonlDiary.open(file)) { // closing released it
      assertThat(again.size()).isEqualTo(1);
    }
  }

  @Test
  void aLockHeldElsewhereRefusesTheDiaryAndOpenUnderItWorks() {
    try (DiaryLock lock = DiaryLock.acquire(file)) {
      assertThatThrownBy(() -> JsonlDiary.open(file)).isInstanceOf(DiaryInUseException.class);
      try (JsonlDiary d = JsonlDiary.open(file, lock)) {
        d.append(event(0));
      }
      assertThat(lock.isValid()).isFalse(); // the diary owned it
    }
    assertThatThrownBy(() -> JsonlDiary.open(file, DiaryLock.acquire(dir.resolve("other.jsonl"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLineTornInsideAMultiByteCharacterIsSkippedWithAWarning() throws IOException {
    List<DiaryEvent> written;
    try (JsonlDiary d = JsonlDiary.open(file)) {
      written = new ArrayList<>(fill(d, 0, 3));
    }
    // A whole-looking line whose text lost the second byte of "é": invalid UTF-8, yet it would
    // parse as JSON.
    byte[] head =
        "{\"v\":1,\"seq\":4,\"time\":\"2026-01-01T00:00:00Z\",\"cycle\":9,\"type\":\"decision\",\"asset\":null,\"data\":{\"t\":\"caf"
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}}\n".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream bad = new java.io.ByteArrayOutputStream();
    bad.write(head);
    bad.write(0xC3);
    bad.write(tail);
    Files.write(file, bad.toByteArray(), StandardOpenOption.APPEND);
    Files.delete(dir.resolve("diary.jsonl.idx"));
    try (JsonlDiary d = JsonlDiary.open(file)) {
      assertThat(logs.list)
          .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("unreadable line"));
      DiaryEvent after = event(3);
      d.append(after);
      written.add(after);
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 2))
          .extracting(Diary.Entry::event)
          .containsExactlyElementsOf(written);
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.BACKWARD, 2)).hasSize(4);
    }
  }

  @Test
  void aDiaryThatCannotBeOpenedClosesEverythingItOpened() throws IOException {
    try (JsonlDiary d = JsonlDiary.open(file)) {
      fill(d, 0, 20);
    }
    // Every open succeeds but the read-only one, the last the diary makes: by then the file and
    // its index are open.
    List<java.nio.channels.FileChannel> opened = new ArrayList<>();
    Storage failingReader =
        new Storage() {
          @Override
          public java.nio.channels.FileChannel open(Path f, java.nio.file.OpenOption... options)
              throws IOException {
            if (options.length == 1 && options[0] == StandardOpenOption.READ)
              throw new IOException("too many open files (test)");
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, options);
            opened.add(ch);
            return ch;
          }

          @Override
          public long usableSpace(Path f) throws IOException {
            return Storage.DEFAULT.usableSpace(f);
          }
        };
    assertThatThrownBy(
            () ->
                JsonlDiary.open(
                    file, DiaryLock.acquire(file), failingReader, JsonlDiary.MAX_PENDING_BYTES))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("cannot open diary");
    assertThat(opened).hasSizeGreaterThan(1); // the file and the index's files
    assertThat(opened).noneMatch(java.nio.channels.FileChannel::isOpen);
    try (JsonlDiary d = JsonlDiary.open(file)) { // the lock was released too
      assertThat(readAll(d, DiaryQuery.ALL, JsonlDiary.Direction.FORWARD, 100)).hasSize(20);
    }
  }

  @Test
  void utf8CheckAcceptsWellFormedTextOnly() {
    byte[] ok = "aé€😀".getBytes(StandardCharsets.UTF_8);
    assertThat(LineCodec.isUtf8(ok, 0, ok.length)).isTrue();
    assertThat(LineCodec.isUtf8(ok, 0, ok.length - 1)).isFalse(); // cut inside the last character
    assertThat(LineCodec.isUtf8(ok, 0, 2)).isFalse(); // cut inside "é"
    assertThat(LineCodec.isUtf8(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)).isFalse(); // overlong
    assertThat(LineCodec.isUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3))
        .isFalse(); // surrogate
  }
}
