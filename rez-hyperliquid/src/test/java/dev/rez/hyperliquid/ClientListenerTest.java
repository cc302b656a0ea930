package dev.rez.hyperliquid;

import static dev.rez.hyperliquid.FakeApi.fixture;
import static dev.rez.hyperliquid.FakeApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client reports the faults it recovers from by itself to its {@link ClientListener}. */
class ClientListenerTest {
  static final PrivateKeySigner KEY =
      PrivateKeySigner.fromHex(
          "0x0123456789012345678901234567890123456789012345678901234567890123");
  static final long T0 = 1_700_000_000_000L;
  static final ClientOrderId C1 = ClientOrderId.of("0x00000000000000000000000000000001");
  static final String RESTING =
      "{\"status\":\"ok\",\"response\":{\"type\":\"order\",\"data\":{\"statuses\":[{\"resting\":{\"oid\":77738308}}]}}}";
  static final String DUPLICATE =
      "{\"status\":\"err\",\"response\":\"Invalid nonce: duplicate nonce " + T0 + "\"}";

  /** Records every event. */
  static final class Events implements ClientListener {
    final List<Retry> retries = new CopyOnWriteArrayList<>();
    final List<Recovery> recoveries = new CopyOnWriteArrayList<>();

    @Override
    public void retried(Retry retry) {
      retries.add(retry);
    }

    @Override
    public void recoveredByCloid(Recovery recovery) {
      recoveries.add(recovery);
    }
  }

  FakeApi api;
  Events events = new Events();

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  HyperliquidExchange.Builder client() {
    return HyperliquidExchange.builder()
        .baseUrl(api.baseUrl())
        .signer(KEY)
        .clock(Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC))
        .retryBackoff(Duration.ofMillis(2))
        .listener(events);
  }

  static OrderRequest buy() {
    return new OrderRequest(
        Asset.of("BTC"),
        Side.BUY,
        new BigDecimal("0.001"),
        new BigDecimal("65000"),
        TimeInForce.GTC,
        false,
        C1);
  }

  @Test
  void eachRetriedFailureIsReportedWithItsStatusAttemptAndDelay() {
    api.exchange(json(429, "")).exchange(json(503, "unavailable")).exchange(RESTING);

    List<OrderResult> r = client().maxRetries(3).build().place(List.of(buy()));

    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(events.retries).hasSize(2);
    ClientListener.Retry first = events.retries.get(0);
    assertThat(first.request()).isEqualTo("order");
    assertThat(first.status()).isEqualTo(429);
    assertThat(first.failure()).isEqualTo("HTTP 429");
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.maxAttempts()).isEqualTo(4);
    // first retry: the backoff plus up to 50 % jitter; the second doubles it
    assertThat(first.delay()).isBetween(Duration.ofMillis(2), Duration.ofMillis(3));
    ClientListener.Retry second = events.retries.get(1);
    assertThat(second.status()).isEqualTo(503);
    assertThat(second.failure()).isEqualTo("HTTP 503: unavailable");
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.delay()).isBetween(Duration.ofMillis(4), Duration.ofMillis(6));
    assertThat(events.recoveries).isEmpty();
  }

  @Test
  void infoRetriesAreReportedAndTheLastFailureIsThrownNotReported() {
    for (int i = 0; i < 3; i++) api.infoOnce("allMids", json(502, "bad gateway"));
    HyperliquidExchange hl = client().maxRetries(2).build();

    assertThatThrownBy(hl::mids)
        .isInstanceOf(HyperliquidException.Transport.class)
        .hasMessageContaining("HTTP 502");

    assertThat(events.retries)
        .extracting(ClientListener.Retry::request)
        .containsExactly("allMids", "allMids");
    assertThat(events.retries).extracting(ClientListener.Retry::attempt).containsExactly(1, 2);
    assertThat(events.retries).allSatisfy(e -> assertThat(e.status()).isEqualTo(502));
  }

  @Test
  void aLostAnswerFoundByCloidIsReportedAsFound() {
    api.exchange(
            new MockResponse.Builder()
                .code(200)
                .body(RESTING)
                .headersDelay(5, TimeUnit.SECONDS)
                .build())
        .info("orderStatus", fixture("orderStatus.json"));

    List<OrderResult> r = client().timeout(Duration.ofMillis(1000)).build().place(List.of(buy()));

    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(events.recoveries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.request()).isEqualTo("order");
              assertThat(e.cloids()).containsExactly(C1);
              assertThat(e.found()).isTrue();
              assertThat(e.cause()).startsWith("order: ");
            });
    assertThat(api.calls("/exchange")).hasSize(1);
  }

  @Test
  void aLostAnswerWithNothingKnownIsReportedBeforeTheResend() {
    api.exchange(json(503, "down"))
        .exchange(RESTING)
        .info("orderStatus", "{\"status\":\"unknownOid\"}");

    List<OrderResult> r = client().maxRetries(0).build().place(List.of(buy()));

    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(events.recoveries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.found()).isFalse();
              assertThat(e.cause()).isEqualTo("order: HTTP 503: down");
            });
    assertThat(events.retries).isEmpty();
    assertThat(api.calls("/exchange")).hasSize(2);
  }

  @Test
  void aDuplicateNonceIsReportedWhetherOrNotTheOrdersAreKnown() {
    api.exchange(DUPLICATE).info("orderStatus", fixture("orderStatus.json"));
    assertThat(client().build().place(List.of(buy())))
        .containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(events.recoveries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.found()).isTrue();
              assertThat(e.cause()).contains("duplicate nonce");
            });

    api.exchange(DUPLICATE).info("orderStatus", "{\"status\":\"unknownOid\"}");
    assertThatThrownBy(() -> client().build().place(List.of(buy())))
        .isInstanceOf(HyperliquidException.Rejected.class);
    assertThat(events.recoveries).hasSize(2).last().satisfies(e -> assertThat(e.found()).isFalse());
  }

  @Test
  void aFailingListenerNeverChangesTheOutcome() {
    api.exchange(json(500, ""))
        .exchange(DUPLICATE)
        .info("orderStatus", fixture("orderStatus.json"));
    ClientListener throwing =
        new ClientListener() {
          @Override
          public void retried(Retry retry) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void recoveredByCloid(Recovery recovery) {
            throw new IllegalStateException("listener bug");
          }
        };

    List<OrderResult> r = client().listener(throwing).build().place(List.of(buy()));

    assertThat(r).containsExactly(new OrderResult.Resting(77738308, C1));
    assertThat(api.calls("/exchange")).hasSize(2);
  }

  @Test
  void eventsCarryNoKeyMaterialOrSignature() {
    api.exchange(json(502, ""))
        .exchange(json(502, ""))
        .info("orderStatus", fixture("orderStatus.json"));
    client().maxRetries(1).build().place(List.of(buy()));

    String all = events.retries + " " + events.recoveries;
    assertThat(events.retries).hasSize(1);
    assertThat(events.recoveries).hasSize(1);
    String key = "0123456789012345678901234567890123456789012345678901234567890123";
    String signature = String.valueOf(api.calls("/exchange").getFirst().json().get("signature"));
    assertThat(all)
        .doesNotContain(key)
        .doesNotContain("signature")
        .doesNotContain(signature.substring(4, 30));
  }

  @Test
  void badListenerAndEventFieldsAreRefused() {
    assertThatNullPointerException()
        .isThrownBy(() -> HyperliquidExchange.builder().listener(null))
        .withMessageContaining("listener");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ClientListener.Retry("order", 503, "HTTP 503", 4, 4, Duration.ZERO))
        .withMessageContaining("attempt");
    assertThatNullPointerException()
        .isThrownBy(() -> new ClientListener.Recovery("order", List.of(C1), true, null))
        .withMessageContaining("cause");
  }
}
