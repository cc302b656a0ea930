package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One account as the simulator holds it at one instant, read in-process without HTTP (and so
 * without faults or latency): its positions and the orders it has, for tests that check a bot's
 * behaviour against the exchange's own state, e.g. that every position has a resting stop-loss at
 * every moment.
 *
 * <pre>{@code
 * AccountSnapshot s = sim.snapshot(address);
 * for (var p : s.positions().entrySet()) {
 *   boolean protectedNow = s.orders().stream().anyMatch(o -> o.isLive() && o.coin().equals(p.getKey())
 *       && o.stopLoss() && o.reduceOnly() && o.buy() == (p.getValue().signum() < 0));
 * }
 * }</pre>
 *
 * @param time the simulated time of the snapshot
 * @param positions signed size per coin, only the coins with a position
 * @param orders the account's orders: the open ones ({@link HyperliquidSimulator#snapshot}) or
 *     every order ever placed, rejected ones with a cloid included ({@link
 *     HyperliquidSimulator#orderHistory}), oldest first
 * @param cloidReuses orders refused because their cloid was already used by the account (a client
 *     that sent an order a second time under a new signature)
 */
public record AccountSnapshot(
    Instant time, Map<String, BigDecimal> positions, List<Order> orders, long cloidReuses) {
  public AccountSnapshot {
    positions = Map.copyOf(positions);
    orders = List.copyOf(orders);
  }

  /**
   * One order.
   *
   * @param oid the exchange's id
   * @param cloid the client order id, or null
   * @param coin the market
   * @param buy the side
   * @param size the size still open (the filled size for a filled order)
   * @param reduceOnly reduce-only (position TP/SL included)
   * @param trigger {@code "tp"}, {@code "sl"}, or null for a plain order and for a rejected one
   *     (which keeps no trigger details)
   * @param triggerPx the trigger price, or null
   * @param waiting a {@code normalTpsl} child still waiting for its parent to fill (it protects
   *     nothing yet)
   * @param status {@code open}, {@code filled}, {@code canceled}, or a rejection status such as
   *     {@code badTriggerPxRejected}
   * @param placedAt simulated time the order was placed
   * @param statusAt simulated time of its last status change
   */
  public record Order(
      long oid,
      String cloid,
      String coin,
      boolean buy,
      BigDecimal size,
      boolean reduceOnly,
      String trigger,
      BigDecimal triggerPx,
      boolean waiting,
      String status,
      Instant placedAt,
      Instant statusAt) {
    /** True for a stop-loss trigger order. */
    public boolean stopLoss() {
      return "sl".equals(trigger);
    }

    /** True while the order is open and not waiting for a parent: it can act now. */
    public boolean isLive() {
      return "open".equals(status) && !waiting;
    }
  }
}
