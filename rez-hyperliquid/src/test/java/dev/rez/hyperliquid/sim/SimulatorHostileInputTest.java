package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.SimHttp.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input from loopback: huge and endless bodies, absurd numbers, deep nesting, slow senders,
 * oversized WebSocket messages and random garbage on every route. Each gets a quick 4xx (or a
 * closed connection), and the simulator keeps answering an ordinary client throughout.
 */
class SimulatorHostileInputTest {
  HyperliquidSimulator sim;
  SimHttp http;

  @BeforeEach
  void start() {
    sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 40)
            .fund(ADDRESS, new BigDecimal("10000"))
            .start();
    http = new SimHttp(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** An ordinary client's query still gets its real answer. */
  private void stillServing() throws Exception {
    HttpResponse<String> r =
        http.post("/info", "{\"type\":\"clearinghouseState\",\"user\":\"" + ADDRESS + "\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"accountValue\":\"10000.0\"");
  }

  @Test
  void aDeclaredHugeBodyIsRefusedBeforeItIsRead() throws Exception {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("POST /info HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n{")
                  .getBytes(StandardCharsets.US_ASCII));
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 413");
    }
    stillServing();
  }

  @Test
  void aBodyLargerThanTheLimitIsRefused() throws Exception {
    String big = "{\"type\":\"allMids\",\"pad\":\"" + "x".repeat(HttpFront.MAX_BODY_BYTES) + "\"}";
    assertThat(http.post("/info", big).statusCode()).isEqualTo(413);
    stillServing();
  }

  @Test
  void absurdNumbersAreRefusedAndLeaveAccountsReadable() throws Exception {
    for (String usd :
        List.of(
            "\"1e999999999\"",
            "1e999999999",
            "\"" + "9".repeat(5000) + "\"",
            "1e-999999999",
            "\"NaN\"",
            "\"-5\"")) {
      HttpResponse<String> r =
          http.post("/sim/fund", "{\"user\":\"" + ADDRESS + "\",\"usd\":" + usd + "}");
      assertThat(r.statusCode()).as(usd).isEqualTo(422);
    }
    // A clock jump of billions of candles would hold the exchange for hours.
    assertThat(http.post("/sim/advance", "{\"candles\":2147483647}").statusCode()).isEqualTo(422);
    assertThat(http.post("/sim/advance", "{\"to\":9223372036854775807}").statusCode())
        .isEqualTo(422);
    HttpResponse<String> nonce =
        http.post(
            "/info",
            "{\"type\":\"userFillsByTime\",\"user\":\""
                + ADDRESS
                + "\",\"startTime\":1e999999999}");
    assertThat(nonce.statusCode()).isEqualTo(422);
    assertThat(nonce.body()).startsWith("Failed to deserialize the JSON body");
    stillServing();
  }

  @Test
  void anOrderPricedWithAnExponentIsRejectedAsAnInvalidPrice() throws Exception {
    var key = dev.rez.hyperliquid.PrivateKeySigner.fromHex(SimHttp.KEY);
    Map<String, Object> r =
        http.exchange(
            key,
            SimHttp.order(
                List.of(SimHttp.limit(0, true, "1e999999999", "0.001", false, "Gtc", null)), "na"));
    assertThat(SimHttp.statuses(r)).containsExactly(Map.of("error", "Order has invalid price."));
    stillServing();
  }

  @Test
  void deepNestingIsRefused() throws Exception {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    for (String path : List.of("/info", "/exchange", "/sim/fund")) {
      HttpResponse<String> r = http.post(path, deep);
      assertThat(r.statusCode()).as(path).isEqualTo(422);
    }
    stillServing();
  }

  @Test
  void slowSendersDoNotStallOtherClients() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 32; i++) {
        Socket s = new Socket("127.0.0.1", sim.port());
        OutputStream out = s.getOutputStream();
        // Headers promise a body that never comes; others send half a request line.
        out.write(
            (i % 2 == 0
                    ? "POST /info HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"ty"
                    : "POST /inf")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(s);
      }
      for (int i = 0; i < 5; i++) stillServing();
    } finally {
      for (Socket s : slow) s.close();
    }
  }

  @Test
  void anEndlessWebSocketMessageClosesOnlyThatConnection() throws Exception {
    try (Socket s =
        new Socket(
            "127.0.0.1", Integer.parseInt(sim.webSocketUrl().replaceAll(".*:(\\d+)/ws", "$1")))) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  + "Sec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] frame = new byte[2 + 2 + 4 + 60_000];
      frame[0] = 0x01; // text, not final
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (60_000 >>> 8);
      frame[3] = (byte) (60_000 & 0xff);
      boolean closed = false;
      try {
        for (int i = 0; i < 40; i++) {
          out.write(frame);
          frame[0] = 0x00; // continuation
        }
        out.flush();
      } catch (java.io.IOException e) {
        closed = true; // the server closed while we were still sending
      }
      if (!closed) {
        // Read until the server closes: the close frame 1009, then end of stream (or a reset, as
        // the server
        // closed with our unread bytes in its buffer). Either way the connection ends; a timeout
        // would fail.
        try {
          byte[] all = in.readAllBytes();
          assertThat(new String(all, StandardCharsets.ISO_8859_1))
              .contains("101 Switching Protocols");
        } catch (java.net.SocketException reset) {
          // closed by the server
        }
      }
    }
    stillServing();
  }

  @Test
  void randomGarbageOnEveryRouteGetsAFourHundredAndNoException() throws Exception {
    Random random = new Random(7);
    List<String> paths =
        List.of(
            "/info",
            "/exchange",
            "/sim/fund",
            "/sim/advance",
            "/sim/faults",
            "/sim/snapshot",
            "/sim/restore",
            "/nope",
            "/sim/x");
    List<String> shapes =
        List.of(
            "{\"type\":%s}",
            "{\"action\":%s,\"nonce\":1,\"signature\":%s}",
            "%s",
            "{\"user\":%s,\"usd\":%s}",
            "{\"type\":\"l2Book\",\"coin\":%s}",
            "{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\",\"interval\":%s,\"startTime\":%s}}",
            "{\"action\":{\"type\":\"order\",\"orders\":[%s],\"grouping\":%s},\"nonce\":%s,\"signature\":{\"r\":%s,\"s\":%s,\"v\":%s}}");
    for (int i = 0; i < 600; i++) {
      String path = paths.get(random.nextInt(paths.size()));
      String body;
      if (random.nextBoolean()) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        body = new String(bytes, StandardCharsets.ISO_8859_1);
      } else {
        String shape = shapes.get(random.nextInt(shapes.size()));
        Object[] values = new Object[6];
        for (int k = 0; k < values.length; k++) values[k] = randomValue(random);
        body = String.format(shape, values);
      }
      HttpResponse<String> r = http.post(path, body);
      assertThat(r.statusCode()).as(path + " " + body).isBetween(200, 499);
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("Internal simulator error");
    }
    stillServing();
  }

  private static String randomValue(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> "null";
      case 1 -> "true";
      case 2 -> Long.toString(random.nextLong());
      case 3 -> "1e" + random.nextInt(1_000_000_000);
      case 4 -> "\"" + "0x" + Long.toHexString(random.nextLong()) + "\"";
      case 5 -> "[]";
      case 6 -> "{}";
      case 7 -> "\"1m\"";
      case 8 -> "-0.0000000000000000000000000000000000001";
      default -> "\"" + random.nextInt() + "\"";
    };
  }
}
