package dev.rez.core;

import java.math.BigDecimal;

/**
 * What the exchange said about one order of a request. Rejections are values, not exceptions: a
 * batch may partly succeed.
 */
public sealed interface OrderResult {
  /**
   * The order rests on the book (or, for a trigger order, waits for its trigger).
   *
   * @param orderId the exchange's id
   * @param cloid the client order id, null when the request carried none
   */
  record Resting(long orderId, ClientOrderId cloid) implements OrderResult {}

  /**
   * The order filled (fully, or as much as an IOC could) at an average price.
   *
   * @param orderId the exchange's id
   * @param totalSize the size filled, {@code >= 0}
   * @param averagePrice the size-weighted average fill price, {@code >= 0}
   * @param cloid the client order id, null when the request carried none
   */
  record Filled(long orderId, BigDecimal totalSize, BigDecimal averagePrice, ClientOrderId cloid)
      implements OrderResult {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component that is out of range and its value
     * @throws NullPointerException naming a required component that is null
     */
    public Filled {
      Checks.nonNegative(totalSize, "totalSize");
      Checks.nonNegative(averagePrice, "averagePrice");
    }
  }

  /**
   * The exchange refused this order.
   *
   * @param error the exchange's own text
   * @param cloid the client order id, null when the request carried none
   */
  record Rejected(String error, ClientOrderId cloid) implements OrderResult {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component that is out of range and its value
     * @throws NullPointerException naming a required component that is null
     */
    public Rejected {
      Checks.notNull(error, "error");
    }
  }

  /**
   * The order was accepted as part of a grouped request but not yet placed (e.g. TP/SL waiting for
   * a fill).
   *
   * @param cloid the client order id, null when the request carried none
   */
  record Waiting(ClientOrderId cloid) implements OrderResult {}

  /** The client order id, null when the request carried none. */
  ClientOrderId cloid();

  /** True unless {@link Rejected}. */
  default boolean accepted() {
    return !(this instanceof Rejected);
  }
}
