package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.SimHttp.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Interval;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's in-process client: requests reach the simulator with no socket, and each gets the
 * answer the same bytes get over HTTP — routes, limits, signature checks and injected faults
 * included.
 */
class InProcessTransportTest {
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex(SimHttp.KEY);
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  HyperliquidSimulator sim;

  /** The in-process client, unable to open any socket: a request that tried would fail. */
  OkHttpClient inProcess;

  @BeforeEach
  void start() {
    List<Candle> candles = new ArrayList<>();
    for (int i = 0; i < 5; i++)
      candles.add(new Candle(T0.plusSeconds(60L * i), Interval.M1, 100, 101, 99, 100, 5));
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", candles, 3, 50)
            .history(1)
            .afterReplay(AfterReplay.STOP)
            .fund(ADDRESS, new BigDecimal("10000"))
            .start();
    inProcess = sim.inProcessClient().newBuilder().socketFactory(new NoSockets()).build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  HyperliquidExchange client() {
    return HyperliquidExchange.builder()
        .network(Network.TESTNET)
        .baseUrl(sim.baseUrl())
        .httpClient(inProcess)
        .signer(KEY)
        .maxRetries(1)
        .build();
  }

  static OrderRequest entry(String limit, TimeInForce tif, String intent) {
    return new OrderRequest(
        BTC,
        Side.BUY,
        new BigDecimal("0.5"),
        new BigDecimal(limit),
        tif,
        false,
        ClientOrderId.derive(intent));
  }

  @Test
  void theClientTradesThroughTheSimulatorWithoutASocket() {
    HyperliquidExchange hl = client();
    List<OrderResult> r =
        hl.placeWithProtection(
            entry("101", TimeInForce.IOC, "in-process"),
            List.of(
                new TriggerOrder(
                    BTC,
                    Side.SELL,
                    new BigDecimal("0.5"),
                    TriggerKind.STOP_LOSS,
                    new BigDecimal("90"),
                    true,
                    new BigDecimal("85"),
                    ClientOrderId.derive("in-process-sl"))));
    assertThat(r.getFirst()).isInstanceOf(OrderResult.Filled.class);
    assertThat(hl.accountState().position(BTC))
        .hasValueSatisfying(p -> assertThat(p.size()).isEqualByComparingTo("0.5"));
    assertThat(hl.openOrders())
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(ClientOrderId.derive("in-process-sl")));
    // Metered as requests, as over HTTP.
    assertThat(sim.httpRequestCount()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void eachRequestGetsTheAnswerItsBytesGetOverHttp() throws Exception {
    SimHttp http = new SimHttp(sim.baseUrl());
    String badSignature =
        "{\"action\":{\"type\":\"cancel\",\"cancels\":[{\"a\":0,\"o\":1}]},\"nonce\":"
            + System.currentTimeMillis()
            + ",\"signature\":{\"r\":\"0x"
            + "11".repeat(32)
            + "\",\"s\":\"0x"
            + "22".repeat(32)
            + "\",\"v\":27}}";
    List<String[]> requests =
        List.of(
            new String[] {
              "/info", "{\"type\":\"clearinghouseState\",\"user\":\"" + ADDRESS + "\"}"
            },
            new String[] {
              "/info",
              "{\"type\":\"candleSnapshot\",\"req\":{\"coin\":\"BTC\",\"interval\":\"1m\",\"startTime\":0,\"endTime\":9999999999999}}"
            },
            new String[] {"/info", "{\"type\":\"nonsense\"}"},
            new String[] {"/info", "not json"},
            new String[] {"/exchange", badSignature},
            new String[] {"/elsewhere", "{}"},
            new String[] {"/sim/snapshot", "{\"name\":\"same\"}"},
            new String[] {
              "/info",
              "{\"type\":\"allMids\",\"pad\":\"" + "x".repeat(HttpFront.MAX_BODY_BYTES) + "\"}"
            });
    for (String[] req : requests) {
      HttpResponse<String> overHttp = http.post(req[0], req[1]);
      try (Response inside = post(req[0], req[1])) {
        assertThat(inside.code())
            .as(req[0] + " " + req[1].substring(0, Math.min(60, req[1].length())))
            .isEqualTo(overHttp.statusCode());
        assertThat(inside.body().string()).isEqualTo(overHttp.body());
      }
    }
    try (Response get =
        inProcess
            .newCall(new Request.Builder().url(sim.baseUrl() + "/info").get().build())
            .execute()) {
      assertThat(get.code()).isEqualTo(405);
    }
    // An admin call without a JSON body type is refused in process as over HTTP.
    try (Response text =
        inProcess
            .newCall(
                new Request.Builder()
                    .url(sim.baseUrl() + "/sim/reset")
                    .post(RequestBody.create("{}", MediaType.get("text/plain")))
                    .build())
            .execute()) {
      assertThat(text.code()).isEqualTo(415);
    }
  }

  @Test
  void aLostAcknowledgementIsResolvedByCloidAndTheOrderPlacedOnce() {
    HyperliquidExchange hl = client();
    sim.faults().dropNextOrderAck();
    List<OrderResult> r = hl.place(List.of(entry("95", TimeInForce.GTC, "lost")));
    assertThat(r.getFirst()).isInstanceOf(OrderResult.Resting.class);
    assertThat(hl.openOrders())
        .singleElement()
        .satisfies(o -> assertThat(o.cloid()).isEqualTo(ClientOrderId.derive("lost")));
  }

  @Test
  void injectedServerErrorsReachTheClientAndAreRetried() throws Exception {
    sim.faults().failNext(1, 502);
    try (Response r = post("/info", "{\"type\":\"allMids\"}")) {
      assertThat(r.code()).isEqualTo(502);
    }
    sim.faults().failNext(1, 502);
    assertThat(client().mids().get(BTC)).isEqualByComparingTo("100");
  }

  private Response post(String path, String body) throws IOException {
    return inProcess
        .newCall(
            new Request.Builder()
                .url(sim.baseUrl() + path)
                .post(RequestBody.create(body, MediaType.get("application/json")))
                .build())
        .execute();
  }

  /** Fails every attempt to open a socket. */
  static final class NoSockets extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      throw new IOException("no socket may be opened");
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return createSocket();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return createSocket();
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return createSocket();
    }
  }
}
