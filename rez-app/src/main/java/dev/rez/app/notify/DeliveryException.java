package dev.rez.app.notify;

import java.time.Duration;

/**
 * A notification was not delivered; the outbox sends it again after a backoff, or after the
 * receiver's own {@link #retryAfter()} when that is longer. The message never carries a token or a
 * secret URL.
 */
public final class DeliveryException extends Exception {
  private final Duration retryAfter;

  /** Not delivered, for the reason {@code message}. */
  public DeliveryException(String message) {
    this(message, Duration.ZERO);
  }

  /** Not delivered; the receiver asked to wait {@code retryAfter} before the next attempt. */
  public DeliveryException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
  }

  /** How long the receiver asked to wait ({@link Duration#ZERO} when it did not say). */
  public Duration retryAfter() {
    return retryAfter;
  }
}
