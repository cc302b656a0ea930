package dev.rez.hyperliquid;

/**
 * The root of every failure of the Hyperliquid client. Three kinds, each its own subclass:
 *
 * <ul>
 *   <li>{@link Rejected}: the exchange answered and refused the whole request (a top-level {@code
 *       err}, or an HTTP 4xx other than 429); {@link #getMessage()} carries the exchange's own
 *       text, e.g. {@code "L1 error: User or API Wallet 0x… does not exist."}. Not retriable as is.
 *   <li>{@link Transport}: no usable answer (I/O failure, timeout, HTTP 429 or 5xx after the
 *       bounded retries). Retriable; for a request that places orders <em>the orders may have been
 *       accepted</em>: look them up by client order id before sending them again.
 *   <li>{@link Malformed}: the answer was not JSON, or JSON of an unexpected shape.
 * </ul>
 *
 * <p>Per-order rejections inside an accepted request are not exceptions but {@link
 * dev.rez.core.OrderResult.Rejected} values.
 */
public abstract sealed class HyperliquidException extends RuntimeException
    permits HyperliquidException.Rejected,
        HyperliquidException.Transport,
        HyperliquidException.Malformed {
  private final int httpStatus;

  HyperliquidException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status of the answer, or 0 when there was none (I/O failure). */
  public int httpStatus() {
    return httpStatus;
  }

  /** True when sending the same request again later may succeed. */
  public abstract boolean retriable();

  /** The exchange refused the request; the message is the exchange's text. */
  public static final class Rejected extends HyperliquidException {
    Rejected(String message, int httpStatus) {
      super(message, httpStatus, null);
    }

    @Override
    public boolean retriable() {
      return false;
    }

    /**
     * True for the "Invalid nonce: duplicate nonce …" rejection: the same signed request was
     * already seen.
     */
    public boolean isDuplicateNonce() {
      return getMessage() != null && getMessage().contains("duplicate nonce");
    }
  }

  /**
   * No usable answer: I/O failure, timeout, HTTP 429 or 5xx. The request may have been processed.
   */
  public static final class Transport extends HyperliquidException {
    Transport(String message, int httpStatus, Throwable cause) {
      super(message, httpStatus, cause);
    }

    @Override
    public boolean retriable() {
      return true;
    }
  }

  /** The answer was not JSON, or not of the documented shape. */
  public static final class Malformed extends HyperliquidException {
    Malformed(String message, Throwable cause) {
      super(message, 200, cause);
    }

    @Override
    public boolean retriable() {
      return false;
    }
  }
}
