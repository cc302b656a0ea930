package dev.rez.core;

import java.math.BigDecimal;

/**
 * What the exchange said about one order of a request. Rejections are values, not exceptions: a batch may
 * partly succeed.
 */
public sealed interface OrderResult {
  /** The order rests on the book (or, for a trigger order, waits for its trigger). */
  record Resting(long orderId, ClientOrderId cloid) implements OrderResult {}

  /** The order filled (fully, or as much as an IOC could) at an average price. */
  record Filled(long orderId, BigDecimal totalSize, BigDecimal averagePrice, ClientOrderId cloid) implements OrderResult {
    public Filled {
      Checks.nonNegative(totalSize, "totalSize");
      Checks.nonNegative(averagePrice, "averagePrice");
    }
  }

  /** The exchange refused this order; {@code error} is its own text. */
  record Rejected(String error, ClientOrderId cloid) implements OrderResult {
    public Rejected {
      Checks.notNull(error, "error");
    }
  }

  /** The order was accepted as part of a grouped request but not yet placed (e.g. TP/SL waiting for a fill). */
  record Waiting(ClientOrderId cloid) implements OrderResult {}

  /** The client order id, null when the request carried none. */
  ClientOrderId cloid();

  /** True unless {@link Rejected}. */
  default boolean accepted() {
    return !(this instanceof Rejected);
  }
}
