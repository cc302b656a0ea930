package dev.rez.app.loop;

import dev.rez.core.ClientOrderId;
import dev.rez.hyperliquid.ClientListener;
import dev.rez.json.Json;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the faults the Hyperliquid client recovers from by itself to the loop's diary, so that
 * every fault of a run shows there even when the call that met it succeeded: a retried HTTP 429/5xx
 * answer becomes an {@code error} event ({@code where: "exchange"}), an order request whose answer
 * was lost and which the client looked up by client order id becomes a {@code reconcile} event.
 * Both carry the running cycle's number.
 *
 * <pre>{@code
 * ClientFaultRecorder faults = new ClientFaultRecorder();
 * HyperliquidExchange hl = HyperliquidExchange.builder().listener(faults).build();
 * TradingLoop loop = new TradingLoop(settings, hl, hl, diary, policy, decisionMaker, budget, clock);
 * faults.attach(loop);
 * }</pre>
 *
 * <p>Events reported before {@link #attach} are only logged. Threadsafe.
 */
public final class ClientFaultRecorder implements ClientListener {
  private static final Logger log = LoggerFactory.getLogger(ClientFaultRecorder.class);

  private volatile TradingLoop loop;

  /** A recorder that writes nowhere until {@link #attach} is called. */
  public ClientFaultRecorder() {}

  /** Writes every later event to {@code loop}'s diary. */
  public void attach(TradingLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop == null");
  }

  /**
   * Records an {@code error} event: {@code {where: "exchange", message, request, status, attempt,
   * maxAttempts, delayMs}}.
   */
  @Override
  public void retried(Retry r) {
    String message =
        r.request()
            + ": "
            + r.failure()
            + "; retry "
            + r.attempt()
            + " of "
            + (r.maxAttempts() - 1)
            + " in "
            + r.delay().toMillis()
            + " ms";
    log.warn("exchange request failed: {}", message);
    TradingLoop l = loop;
    if (l != null) {
      l.recordClientEvent(
          "error",
          Json.obj(
              "where",
              "exchange",
              "message",
              message,
              "request",
              r.request(),
              "status",
              r.status(),
              "attempt",
              r.attempt(),
              "maxAttempts",
              r.maxAttempts(),
              "delayMs",
              r.delay().toMillis()));
    }
  }

  /** Records a {@code reconcile} event: {@code {detail, request, cloids, found}}. */
  @Override
  public void recoveredByCloid(Recovery r) {
    String detail =
        "acknowledgement lost ("
            + r.cause()
            + "); "
            + (r.found()
                ? "the exchange has the orders by cloid, not resending"
                : "no order found by cloid");
    log.warn("{}: {}", r.request(), detail);
    TradingLoop l = loop;
    if (l != null) {
      l.recordClientEvent(
          "reconcile",
          Json.obj(
              "detail",
              detail,
              "request",
              r.request(),
              "cloids",
              r.cloids().stream().map(ClientOrderId::hex).toList(),
              "found",
              r.found()));
    }
  }
}
