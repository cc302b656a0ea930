package dev.rez.hyperliquid;

import dev.rez.core.ClientOrderId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Observes the faults a {@link HyperliquidExchange} recovers from by itself, so that a caller can
 * record them (a trading journal, metrics) even when the call it made succeeds in the end.
 *
 * <pre>{@code
 * HyperliquidExchange hl = HyperliquidExchange.builder()
 *     .listener(new ClientListener() {
 *       public void retried(Retry r) { log.warn("{} failed with HTTP {}, retrying", r.request(), r.status()); }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Callbacks run on the thread making the call, before the client goes on, and may run
 * concurrently when the client is shared; keep them short. An exception thrown by a callback is
 * logged and ignored: observing never changes what the client does. Events carry no key material,
 * signatures or request bodies, only the request kind, HTTP status, the exchange's error text and
 * client order ids.
 *
 * <p>Both methods do nothing by default; implement the ones of interest.
 */
public interface ClientListener {
  /** A listener that ignores every event: the default. */
  ClientListener NONE = new ClientListener() {};

  /**
   * A request failed with HTTP 429 or 5xx (or, for an info request, an I/O error) and is sent
   * again, with the identical body, after {@link Retry#delay()}. Not called for the last failed
   * attempt: that failure is thrown.
   *
   * @param retry what failed and when it is tried again
   */
  default void retried(Retry retry) {}

  /**
   * The answer to an order request was lost, or the exchange reported its nonce as already used (an
   * earlier copy arrived), and the client looked the orders up by client order id before sending
   * anything again.
   *
   * @param recovery what was looked up and whether the exchange knew the orders
   */
  default void recoveredByCloid(Recovery recovery) {}

  /**
   * One retried request.
   *
   * @param request the request kind: the action type for {@code /exchange} (e.g. {@code order},
   *     {@code cancelByCloid}) or the info type for {@code /info} (e.g. {@code clearinghouseState})
   * @param status the HTTP status of the failed attempt, or {@code 0} for an I/O failure
   *     (connection reset, timeout)
   * @param failure a short description of the failure, e.g. {@code HTTP 503: unavailable}
   * @param attempt the number of the attempt that failed, from 1
   * @param maxAttempts how many attempts are made at most (1 + the configured retries)
   * @param delay the wait before the next attempt
   */
  record Retry(
      String request, int status, String failure, int attempt, int maxAttempts, Duration delay) {
    /** Checks the fields. */
    public Retry {
      Objects.requireNonNull(request, "request == null");
      Objects.requireNonNull(failure, "failure == null");
      Objects.requireNonNull(delay, "delay == null");
      if (attempt < 1 || attempt >= maxAttempts)
        throw new IllegalArgumentException(
            "attempt must be in [1, maxAttempts) but was " + attempt + " of " + maxAttempts);
    }
  }

  /**
   * One lookup by client order id after an order request's answer was lost.
   *
   * @param request the action type, {@code order}
   * @param cloids the client order ids looked up, in request order
   * @param found true when the exchange knew at least one of them: the call's results come from the
   *     lookup and nothing is sent again; false when it knew none: after a lost answer the
   *     identical signed request is sent once more (its nonce keeps it from being applied twice),
   *     after a duplicate-nonce answer the failure is thrown
   * @param cause the failure that led to the lookup, e.g. {@code order: HTTP 502} or the exchange's
   *     duplicate-nonce text
   */
  record Recovery(String request, List<ClientOrderId> cloids, boolean found, String cause) {
    /** Checks the fields and copies the list. */
    public Recovery {
      Objects.requireNonNull(request, "request == null");
      cloids = List.copyOf(cloids);
      Objects.requireNonNull(cause, "cause == null");
    }
  }
}
