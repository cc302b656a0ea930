package dev.rez.core;

import java.math.BigDecimal;

/**
 * A limit order to send to an exchange. A "market" order is an {@link TimeInForce#IOC} order priced
 * through the book by a slippage bound.
 *
 * <pre>{@code
 * OrderRequest buy = new OrderRequest(Asset.of("BTC"), Side.BUY, new BigDecimal("0.01"),
 *     new BigDecimal("65000"), TimeInForce.GTC, false, ClientOrderId.derive("my-intent"));
 * }</pre>
 *
 * @param asset what to trade
 * @param side buy or sell
 * @param size size in the base asset, {@code > 0}
 * @param limitPrice worst acceptable price, {@code > 0}
 * @param timeInForce how long the order lives
 * @param reduceOnly when true, the order may only shrink a position
 * @param cloid client order id, never null: retries reuse it
 */
public record OrderRequest(
    Asset asset,
    Side side,
    BigDecimal size,
    BigDecimal limitPrice,
    TimeInForce timeInForce,
    boolean reduceOnly,
    ClientOrderId cloid) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public OrderRequest {
    Checks.notNull(asset, "asset");
    Checks.notNull(side, "side");
    Checks.positive(size, "size");
    Checks.positive(limitPrice, "limitPrice");
    Checks.notNull(timeInForce, "timeInForce");
    Checks.notNull(cloid, "cloid");
  }

  /** Notional value: {@code size × limitPrice}. */
  public BigDecimal notional() {
    return size.multiply(limitPrice);
  }
}
