package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP front door's answers as a real HTTP client receives them. */
class HttpFrontTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void anInternalErrorReachesAnHttpClientAsA500WithTheInProcessBody() throws Exception {
    List<Candle> candles =
        List.of(
            new Candle(T0, Interval.M1, 100, 101, 99, 100, 5),
            new Candle(T0.plusSeconds(60), Interval.M1, 100, 101, 99, 100, 5));
    try (HyperliquidSimulator sim =
        HyperliquidSimulator.builder().candles("BTC", candles, 3, 50).history(1).start()) {
      // A front whose state persistence fails after every request; /sim/ requests never reach
      // the exchange API, so it has none.
      HttpFront failing =
          new HttpFront(
              null,
              new AdminApi(sim, null),
              sim.faults(),
              sim.meter(),
              () -> {
                throw new IllegalStateException("the state store failed");
              });
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", failing::handle);
      server.start();
      try {
        URI stats = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sim/stats");
        HttpResponse<String> overHttp =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        Api.Response inProcess =
            failing.answer(
                "GET",
                "/sim/stats",
                "127.0.0.1",
                name -> null,
                "".getBytes(StandardCharsets.UTF_8));

        assertThat(inProcess.status()).isEqualTo(500);
        assertThat(overHttp.statusCode()).isEqualTo(inProcess.status());
        assertThat(overHttp.body())
            .isEqualTo(inProcess.body())
            .isEqualTo("Internal simulator error");
        assertThat(overHttp.headers().firstValue("Content-Type"))
            .hasValue("text/plain; charset=utf-8");
      } finally {
        server.stop(0);
      }
    }
  }
}
