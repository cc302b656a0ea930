package dev.rez.core;

import java.time.Instant;
import java.util.List;

/**
 * Trading and account access on a venue, for one account. Implement it (with {@link MarketData}) to
 * put Rez on another venue.
 *
 * <p>Implementations are threadsafe. Transport failures and exchange-level rejections are unchecked
 * exceptions; per-order rejections are {@link OrderResult.Rejected} values. When a call that places
 * orders fails with an exception, <em>the orders may have been accepted</em>: the implementation
 * has already looked them up by client order id and resent the identical request where that was
 * safe, so a caller never sends them again; it resolves what became of them with {@link
 * #orderResult}.
 */
public interface Exchange {
  /** The account's equity, margin and positions. */
  AccountState accountState();

  /** Resting orders, plain and trigger. */
  List<OpenOrder> openOrders();

  /** Fills at or after {@code since}, oldest first. */
  List<Fill> fills(Instant since);

  /**
   * Funding payments at or after {@code since}, oldest first. A venue without funding has none: the
   * default answers an empty list.
   */
  default List<FundingPayment> fundings(Instant since) {
    return List.of();
  }

  /**
   * Places an entry order together with its take-profit and stop-loss, grouped so that the
   * protection is activated by the entry's fill. Results come back in request order: entry first,
   * then each trigger.
   *
   * @param protection zero or more reduce-only trigger orders for the same asset
   */
  List<OrderResult> placeWithProtection(OrderRequest entry, List<TriggerOrder> protection);

  /** Places plain orders; one result per order, in order. */
  List<OrderResult> place(List<OrderRequest> orders);

  /** Places trigger orders attached to the current position (they follow its size). */
  List<OrderResult> placeProtection(List<TriggerOrder> protection);

  /** Cancels one order; true when the exchange cancelled it, false when it was no longer open. */
  boolean cancel(Asset asset, long orderId);

  /**
   * Cancels the order of {@code asset} carrying {@code cloid}; true when the exchange cancelled it,
   * false when it was no longer open or never existed.
   *
   * <p>The default finds the order with {@link #orderByCloid} and cancels it by its id (two
   * requests); a venue that cancels by client order id in one request overrides it.
   *
   * @throws NullPointerException when {@code asset} or {@code cloid} is null
   */
  default boolean cancelByCloid(Asset asset, ClientOrderId cloid) {
    java.util.Objects.requireNonNull(asset, "asset == null");
    java.util.Objects.requireNonNull(cloid, "cloid == null");
    return orderByCloid(cloid)
        .filter(o -> o.asset().equals(asset))
        .map(o -> cancel(asset, o.orderId()))
        .orElse(false);
  }

  /** The open order carrying {@code cloid}, if it is still resting. */
  java.util.Optional<OpenOrder> orderByCloid(ClientOrderId cloid);

  /**
   * What became of the order carrying {@code cloid}, open or not: {@link OrderResult.Resting} while
   * it rests (or waits for its trigger), {@link OrderResult.Filled} with the size it filled, {@link
   * OrderResult.Rejected} when it was rejected or cancelled; empty when the exchange never saw it.
   * Used to resolve a request whose answer was lost.
   *
   * <p>The default throws {@link UnsupportedOperationException}: a caller then treats the outcome
   * as unknown and sends nothing again.
   *
   * @throws RuntimeException when the exchange cannot be asked or answers something unreadable:
   *     never read as "not found"
   */
  default java.util.Optional<OrderResult> orderResult(ClientOrderId cloid) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot look orders up by client order id");
  }

  /**
   * Rounds a price to one the venue accepts for the asset, in the given direction: a caller keeps a
   * stop-loss on the safe side of the level it approved by choosing the mode (a long's stop rounds
   * up, a short's down). A venue without a tick size answers the price unchanged; {@code
   * HyperliquidExchange} applies Hyperliquid's rule (5 significant figures, at most {@code 6 -
   * sizeDecimals} decimals, integers always allowed). A wrapper around another exchange delegates
   * to it.
   *
   * @param info the asset as {@link MarketData#assets()} lists it
   * @throws IllegalArgumentException when the price is not positive or rounds to zero
   */
  java.math.BigDecimal roundPrice(
      AssetInfo info, java.math.BigDecimal price, java.math.RoundingMode mode);

  /**
   * Rounds a size to the venue's lot for the asset ({@link AssetInfo#sizeDecimals()} decimals on
   * Hyperliquid), in the given direction; zero when it rounds to zero, so a caller can tell a
   * too-small order from a bad one.
   *
   * @param info the asset as {@link MarketData#assets()} lists it
   * @throws IllegalArgumentException when the size is negative
   */
  java.math.BigDecimal roundSize(
      AssetInfo info, java.math.BigDecimal size, java.math.RoundingMode mode);

  /** Sets the leverage (and margin mode) used for new positions in {@code asset}. */
  void setLeverage(Asset asset, int leverage, MarginMode mode);
}
