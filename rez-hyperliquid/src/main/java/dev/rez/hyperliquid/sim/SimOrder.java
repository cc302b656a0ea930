package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** An order inside the simulator, mutable, guarded by the engine's lock. */
final class SimOrder {
  /** Trigger part of a TP/SL order. */
  record Trigger(boolean isMarket, BigDecimal triggerPx, boolean takeProfit) {}

  final long oid;
  final String cloid;
  final Account account;
  final Market market;
  final boolean buy;
  final BigDecimal limitPx;
  BigDecimal origSz;
  BigDecimal sz;
  final long timestamp;

  /** "Gtc", "Ioc", "Alo", or null for a trigger order. */
  final String tif;

  final boolean reduceOnly;
  final Trigger trigger;
  final boolean positionTpsl;
  final SimOrder parent;
  final List<SimOrder> children = new ArrayList<>();

  /** True while a normalTpsl child waits for its parent to fill. */
  boolean waiting;

  boolean triggered;
  BigDecimal filledSz = BigDecimal.ZERO;
  String status = "open";
  long statusTimestamp;

  SimOrder(
      long oid,
      String cloid,
      Account account,
      Market market,
      boolean buy,
      BigDecimal limitPx,
      BigDecimal sz,
      long timestamp,
      String tif,
      boolean reduceOnly,
      Trigger trigger,
      boolean positionTpsl,
      SimOrder parent) {
    this.oid = oid;
    this.cloid = cloid;
    this.account = account;
    this.market = market;
    this.buy = buy;
    this.limitPx = limitPx;
    this.origSz = sz;
    this.sz = sz;
    this.timestamp = timestamp;
    this.statusTimestamp = timestamp;
    this.tif = tif;
    this.reduceOnly = reduceOnly;
    this.trigger = trigger;
    this.positionTpsl = positionTpsl;
    this.parent = parent;
  }

  boolean isOpen() {
    return status.equals("open");
  }

  /** A trigger order that has not fired yet. */
  boolean pendingTrigger() {
    return trigger != null && !triggered;
  }

  /** Hyperliquid's orderType label. */
  String orderType() {
    if (trigger == null) return "Limit";
    String kind = trigger.takeProfit() ? "Take Profit" : "Stop";
    return kind + (trigger.isMarket() ? " Market" : " Limit");
  }

  String triggerCondition() {
    if (trigger == null) return "N/A";
    return (firesAbove() ? "Price above " : "Price below ")
        + Prices.wire(trigger.triggerPx()).replaceAll("\\.0$", "");
  }

  /**
   * True if the trigger fires when the price rises to the trigger price (a sell TP or a buy SL).
   */
  boolean firesAbove() {
    return buy != trigger.takeProfit();
  }
}
