package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCommandTest {
  static final String ADDRESS = "0x14791697260e4c9a71f18484c9f997b308e59325";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.execute(
        args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), dir);
  }

  /**
   * Starts the command on a thread and waits for its banner; returns the thread (interrupt it to
   * stop).
   */
  Thread start(AtomicInteger code, String... args) throws InterruptedException {
    Thread t = Thread.ofPlatform().daemon().start(() -> code.set(run(args)));
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!out.toString().contains("Stop with Ctrl-C.")
        && t.isAlive()
        && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(out.toString()).as(err.toString()).contains("Stop with Ctrl-C.");
    return t;
  }

  static HttpResponse<String> post(String url, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  String restUrl() {
    Matcher m = Pattern.compile("REST +(http://\\S+)").matcher(out.toString());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void servesTheExchangeAndPrintsWhatAClientNeeds() throws Exception {
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        start(
            code,
            "simulator",
            "--port",
            "0",
            "--stepped",
            "--fund",
            ADDRESS + "=2500",
            "--synthetic",
            "SOL:150");
    try {
      assertThat(out.toString())
          .contains("WebSocket  ws://127.0.0.1:")
          .containsPattern("takes http://127\\.0\\.0\\.1:\\d+ as its base URL")
          .contains("account    " + ADDRESS + "  2500 USDC")
          .contains("no token (loopback only)");
      String url = restUrl();
      HttpResponse<String> state =
          post(url + "/info", "{\"type\":\"clearinghouseState\",\"user\":\"" + ADDRESS + "\"}");
      assertThat(state.body()).contains("\"accountValue\":\"2500.0\"");
      assertThat(post(url + "/info", "{\"type\":\"allMids\"}").body()).contains("\"SOL\"");
      assertThat(post(url + "/sim/advance", "{\"candles\":2}").body()).contains("\"advanced\":2");
    } finally {
      t.interrupt();
      t.join(20_000);
    }
    assertThat(code.get()).isZero();
  }

  @Test
  void anotherHostGetsAnAdminTokenThatTheAdminEndpointsRequire() throws Exception {
    AtomicInteger code = new AtomicInteger(-1);
    // 127.0.0.2 is loopback too, so make the host non-loopback by name only when available; use the
    // token option instead.
    Thread t =
        start(
            code, "simulator", "--port", "0", "--stepped", "--admin-token", "0123456789abcdef0123");
    try {
      assertThat(out.toString()).contains("Authorization: Bearer 0123456789abcdef0123");
      String url = restUrl();
      assertThat(
              post(url + "/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":\"5\"}").statusCode())
          .isEqualTo(401);
    } finally {
      t.interrupt();
      t.join(20_000);
    }
  }

  @Test
  void theStateFileKeepsAccountsAcrossRuns() throws Exception {
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        start(
            code,
            "simulator",
            "--port",
            "0",
            "--stepped",
            "--fund",
            ADDRESS + "=100",
            "--state",
            "sim.json");
    try {
      post(restUrl() + "/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":\"50\"}");
    } finally {
      t.interrupt();
      t.join(20_000);
    }
    out.getBuffer().setLength(0);
    t = start(code, "simulator", "--port", "0", "--stepped", "--state", "sim.json");
    try {
      HttpResponse<String> state =
          post(
              restUrl() + "/info",
              "{\"type\":\"clearinghouseState\",\"user\":\"" + ADDRESS + "\"}");
      assertThat(state.body()).contains("\"accountValue\":\"150.0\"");
    } finally {
      t.interrupt();
      t.join(20_000);
    }
  }

  @Test
  void badInputsGetClearErrors() throws Exception {
    assertThat(run("simulator", "--port", "0", "--fund", "0x1234=100")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("address must be 0x followed by 40 hex digits");
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "time,open\n1,2\n");
    assertThat(run("simulator", "--port", "0", "--data", "bad.csv:BTC"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("bad.csv line 1: expected the header");
    assertThat(run("simulator", "--port", "0", "--data", "bad.csv")).isEqualTo(ExitCode.USAGE);
    assertThat(run("simulator", "--port", "0", "--faults", "explode=1")).isEqualTo(ExitCode.USAGE);
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(run("simulator", "--port", String.valueOf(taken.getLocalPort())))
          .isEqualTo(ExitCode.FAILURE);
      assertThat(err.toString()).contains("is the port in use?");
    }
  }
}
