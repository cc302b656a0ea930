package dev.rez.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.DiaryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API against a hostile browser: foreign origins, rebinding hosts, flooding. Loopback only. */
class RequestGuardTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private JsonlDiary diary;
  private FakeBackend backend;
  private ApiServer server;
  private Http http;

  @BeforeEach
  void open() {
    diary = JsonlDiary.open(dir.resolve("diary.jsonl"));
    backend = new FakeBackend(diary);
  }

  private void start(ApiServer.Builder b) {
    if (server != null) server.close();
    server = b.port(0).pingInterval(Duration.ofMillis(300)).build().start();
    http = new Http(server.port(), null);
  }

  private ApiServer.Builder builder() {
    return ApiServer.builder(backend).staticFiles(new URLClassLoader(new URL[0], null));
  }

  @AfterEach
  void close() {
    if (server != null) server.close();
    diary.close();
  }

  private static void assertError(Http.Resp r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) r.json().get("error");
    assertThat(error)
        .as(r.body())
        .containsEntry("status", (double) status)
        .containsEntry("code", code);
  }

  private String self() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void aBrowserMarkedCrossSiteRequestCannotOpenStreamsOrSearch() throws Exception {
    start(builder().maxStreams(1));
    for (String site : List.of("cross-site", "same-site")) {
      assertError(
          http.send("GET", "/api/cycles?q=needle", null, Map.of("Sec-Fetch-Site", site)),
          403,
          "forbidden-origin");
      Http.Resp stream =
          http.send(
              "GET",
              "/api/stream",
              null,
              Map.of("Accept", "text/event-stream", "Sec-Fetch-Site", site));
      assertError(stream, 403, "forbidden-origin");
    }
    // A POST to the stream's path, refused for its method, holds no slot either.
    http.send(
        "POST",
        "/api/stream",
        null,
        Map.of("Accept", "text/event-stream", "Content-Type", "application/json"));
    // The dashboard's own request, and a typed URL, pass; the one slot is still free.
    assertThat(http.send("GET", "/api/cycles", null, Map.of("Sec-Fetch-Site", "none")).status())
        .isEqualTo(200);
    try (Http.Stream s = http.stream("/api/stream", Map.of("Sec-Fetch-Site", "same-origin"))) {
      assertThat(s.status).isEqualTo(200);
    }
  }

  @Test
  void streamPumpsArePlatformThreadsSoABlockedWriteCannotPinACarrier() throws Exception {
    start(builder());
    try (Http.Stream s = http.stream("/api/stream", Map.of())) {
      assertThat(s.status).isEqualTo(200);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Thread pump = null;
      while (pump == null && System.nanoTime() < deadline) {
        // getAllStackTraces lists platform threads only: a virtual pump would never show up here.
        for (Thread t : Thread.getAllStackTraces().keySet())
          if (t.getName().startsWith("rez-sse-")) pump = t;
        if (pump == null) Thread.sleep(20);
      }
      assertThat(pump).as("a platform pump thread").isNotNull();
      assertThat(pump.isVirtual()).isFalse();
      assertThat(pump.isDaemon()).isTrue();
    }
  }

  @Test
  void aCrossSiteSimplePostDoesNotSetTheSwitch() {
    start(builder());
    // What a form or fetch(..., {mode: 'no-cors'}) on https://evil.example sends.
    Http.Resp r =
        http.send(
            "POST",
            "/api/kill-switch/flatten",
            null,
            Map.of("Origin", "https://evil.example", "Content-Type", "text/plain"));
    assertError(r, 403, "forbidden-origin");
    r =
        http.send(
            "POST",
            "/api/kill-switch/resume",
            null,
            Map.of("Origin", "https://evil.example", "Content-Type", "application/json"));
    assertError(r, 403, "forbidden-origin");
    // A page that sends no Origin but a Referer (older browsers), and a sandboxed page's opaque
    // origin.
    assertError(
        http.send(
            "POST",
            "/api/kill-switch/flatten",
            null,
            Map.of("Referer", "https://evil.example/page", "Content-Type", "application/json")),
        403,
        "forbidden-origin");
    assertError(
        http.send(
            "POST",
            "/api/kill-switch/flatten",
            null,
            Map.of("Origin", "null", "Content-Type", "application/json")),
        403,
        "forbidden-origin");
    // Same host, other port: another local app is another origin.
    assertError(
        http.send(
            "POST",
            "/api/kill-switch/flatten",
            null,
            Map.of("Origin", "http://127.0.0.1:1", "Content-Type", "application/json")),
        403,
        "forbidden-origin");
    assertThat(backend.commands).isEmpty();
  }

  @Test
  void aFormContentTypeIsRefusedEvenWithoutOrigin() {
    start(builder());
    for (String type :
        List.of(
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      assertError(
          http.send("POST", "/api/kill-switch/flatten", null, Map.of("Content-Type", type)),
          415,
          "unsupported-media-type");
    }
    assertError(http.send("POST", "/api/kill-switch/flatten", null), 415, "unsupported-media-type");
    assertThat(backend.commands).isEmpty();
  }

  @Test
  void theDashboardsOwnRequestsPass() {
    start(builder());
    Http.Resp r =
        http.send(
            "POST",
            "/api/kill-switch/stop-entries",
            null,
            Map.of("Origin", self(), "Content-Type", "application/json"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    r =
        http.send(
            "POST",
            "/api/kill-switch/resume",
            null,
            Map.of("Referer", self() + "/mind", "Content-Type", "application/json; charset=utf-8"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    // A script or curl: neither Origin nor Referer.
    assertThat(http.post("/api/kill-switch/stop-entries").status()).isEqualTo(200);
    assertThat(backend.commands)
        .containsExactly(
            dev.rez.app.loop.KillSwitch.Level.STOP_ENTRIES,
            dev.rez.app.loop.KillSwitch.Level.NONE,
            dev.rez.app.loop.KillSwitch.Level.STOP_ENTRIES);
  }

  @Test
  void aForeignHostIsRefusedSoRebindingCannotReadTheDiary() {
    start(builder());
    diary.append(new DiaryEvent(T0, 1, "decision", null, "{\"rationale\":\"private thoughts\"}"));
    diary.flush();
    Http.Resp r = http.raw("GET", "/api/diary", "evil.example:" + server.port(), "");
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.body()).contains("\"code\":\"forbidden-host\"").doesNotContain("private thoughts");
    assertThat(http.raw("GET", "/", "evil.example:" + server.port(), "").status()).isEqualTo(403);
    assertThat(http.raw("GET", "/api/status", "127.0.0.1:1", "").status()).isEqualTo(403);
    assertThat(http.raw("GET", "/api/status", "127.0.0.1", "").status()).isEqualTo(403);
    assertThat(http.raw("GET", "/api/status", "", "").status()).isIn(403, 404);
    // Our own names pass.
    assertThat(http.raw("GET", "/api/diary", "127.0.0.1:" + server.port(), "").body())
        .contains("private thoughts");
    assertThat(http.raw("GET", "/api/health", "localhost:" + server.port(), "").status())
        .isEqualTo(200);
  }

  @Test
  void aWildcardBindTakesAnyIpLiteralAndLocalhostButNoOtherName() {
    RequestGuard g =
        new RequestGuard(
            "0.0.0.0",
            false,
            List.of(),
            new RequestGuard.RateLimit(1, Duration.ofSeconds(1), Clock.systemUTC()));
    // docker run -p 127.0.0.1:8080:7070: the browser's Host has the published port.
    assertThat(g.hostAllowed("127.0.0.1:8080", 7070)).isTrue();
    assertThat(g.hostAllowed("localhost:8080", 7070)).isTrue();
    assertThat(g.hostAllowed("192.168.1.20:7070", 7070)).isTrue();
    assertThat(g.hostAllowed("[::1]:8080", 7070)).isTrue();
    assertThat(g.hostAllowed("evil.example:7070", 7070)).isFalse();
    RequestGuard local =
        new RequestGuard(
            "127.0.0.1",
            true,
            List.of(),
            new RequestGuard.RateLimit(1, Duration.ofSeconds(1), Clock.systemUTC()));
    assertThat(local.hostAllowed("127.0.0.1:7070", 7070)).isTrue();
    assertThat(local.hostAllowed("[::1]:7070", 7070)).isTrue();
    assertThat(local.hostAllowed("127.0.0.1:8080", 7070)).isFalse();
    assertThat(local.hostAllowed("localtest.me:7070", 7070)).isFalse();
  }

  @Test
  void configuredHostNamesAreAllowed() {
    start(builder().allowedHosts(List.of("rez.example.net", "box.lan:8443")));
    assertThat(http.raw("GET", "/api/health", "rez.example.net", "").status()).isEqualTo(200);
    assertThat(http.raw("GET", "/api/health", "REZ.example.net:443", "").status()).isEqualTo(200);
    assertThat(http.raw("GET", "/api/health", "box.lan:8443", "").status()).isEqualTo(200);
    assertThat(http.raw("GET", "/api/health", "box.lan:8444", "").status()).isEqualTo(403);
    assertThat(http.raw("GET", "/api/health", "other.example.net", "").status()).isEqualTo(403);
    // A proxied dashboard posts with its public origin, which is then our own.
    Http.Resp r =
        http.raw(
            "POST",
            "/api/kill-switch/stop-entries",
            "rez.example.net",
            "Origin: https://rez.example.net\r\nContent-Type: application/json\r\nContent-Length: 0\r\n");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void stateChangesAreRateLimited() {
    start(builder().clock(Clock.fixed(T0, ZoneOffset.UTC)));
    int ok = 0;
    Http.Resp last = null;
    for (int i = 0; i < 12; i++) {
      last = http.post("/api/kill-switch/stop-entries");
      if (last.status() == 200) ok++;
      else break;
    }
    assertThat(ok).isEqualTo(10);
    assertError(last, 429, "rate-limited");
    assertThat(last.raw().headers().firstValue("Retry-After")).isPresent();
    assertThat(backend.commands).hasSize(10);
    // Reads are not limited.
    assertThat(http.get("/api/status").status()).isEqualTo(200);
  }

  @Test
  void aLargeBodyIsRefused() {
    start(builder());
    Http.Resp r =
        http.raw(
            "POST",
            "/api/kill-switch/flatten",
            "127.0.0.1:" + server.port(),
            "Content-Type: application/json\r\nContent-Length: "
                + (RequestGuard.MAX_BODY + 1)
                + "\r\n");
    assertThat(r.status()).as(r.body()).isEqualTo(413);
    assertThat(backend.commands).isEmpty();
  }

  @Test
  void pagesAndJsonCarryTheSecurityHeaders() throws IOException {
    Path site = dir.resolve("site");
    Files.createDirectories(site.resolve("rez-dashboard"));
    Files.writeString(site.resolve("rez-dashboard/index.html"), "<html>home</html>");
    start(
        ApiServer.builder(backend)
            .staticFiles(new URLClassLoader(new URL[] {site.toUri().toURL()}, null)));
    Http.Resp page = http.get("/");
    assertThat(page.status()).isEqualTo(200);
    var h = page.raw().headers();
    assertThat(h.firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'")
        .contains("default-src 'self'")
        .contains("connect-src 'self'");
    assertThat(h.firstValue("X-Frame-Options")).contains("DENY");
    assertThat(h.firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(h.firstValue("Referrer-Policy")).contains("no-referrer");
    var api = http.get("/api/health").raw().headers();
    assertThat(api.firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'");
    assertThat(api.firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void streamsAreCappedAndASlotFreesWhenOneCloses() throws Exception {
    start(builder().maxStreams(2));
    Http.Stream a = http.stream("/api/stream", Map.of());
    Http.Stream b = http.stream("/api/stream", Map.of());
    try {
      assertThat(a.status).isEqualTo(200);
      assertThat(b.status).isEqualTo(200);
      Http.Resp third =
          http.send("GET", "/api/stream", null, Map.of("Accept", "text/event-stream"));
      assertError(third, 429, "too-many-streams");
      a.close();
      // The server notices the closed stream at its next ping (300 ms here); poll until a slot is
      // free.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Http.Stream c = null;
      while (System.nanoTime() < deadline) {
        c = http.stream("/api/stream", Map.of());
        if (c.status == 200) break;
        c.close();
        Thread.sleep(100);
      }
      assertThat(c.status).isEqualTo(200);
      c.close();
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void aStreamReplaysAtMostTheLastEventsOfAHugeDiary() throws Exception {
    int total = StreamLimits.MAX_REPLAY + 300;
    for (int i = 0; i < total; i++)
      diary.append(new DiaryEvent(T0, 1, "tool-call", null, "{\"i\":" + i + "}"));
    diary.flush();
    start(builder());
    try (Http.Stream s = http.stream("/api/stream?lastEventId=0", Map.of())) {
      Http.Event first = s.next("diary", Duration.ofSeconds(20));
      assertThat(first).isNotNull();
      assertThat(first.data()).contains("\"i\":300}");
    }
    assertThat(StreamLimits.replayFrom(10, 100)).isEqualTo(10);
    assertThat(StreamLimits.replayFrom(0, StreamLimits.MAX_REPLAY + 7L)).isEqualTo(7);
  }

  @Test
  void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
    start(builder().maxConnections(3));
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        idle.add(s);
      }
      // Give the acceptor time to take the three; the fourth then waits in the backlog.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < deadline) Thread.onSpinWait();
      CompletableFuture<Integer> fourth =
          CompletableFuture.supplyAsync(() -> rawStatus(server.port()));
      try {
        Integer early = fourth.get(2, TimeUnit.SECONDS);
        throw new AssertionError("the fourth connection was served at once: " + early);
      } catch (TimeoutException expected) {
        // still waiting, as it should
      }
      idle.remove(0).close();
      assertThat(fourth.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    } finally {
      for (Socket s : idle) s.close();
    }
  }

  private static int rawStatus(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream()
          .write(
              ("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(head.substring(9, 12));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void oversizedHeadersAreRefusedAsJson() {
    start(builder());
    Http.Resp r =
        http.raw(
            "GET",
            "/api/health",
            "127.0.0.1:" + server.port(),
            "X-Pad: " + "a".repeat(9000) + "\r\n");
    assertThat(r.status()).isEqualTo(431);
    assertThat(r.body()).startsWith("{\"error\":");
  }
}
