package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.Engine.MC;

import java.math.BigDecimal;

/**
 * Cross-margin arithmetic of an account at the current prices: equity, position and order margin,
 * maintenance margin and liquidation prices. Reads only; called under the engine's lock.
 */
final class Margin {
  private final Engine engine;

  Margin(Engine engine) {
    this.engine = engine;
  }

  int leverage(Account a, Market m) {
    return a.leverage.getOrDefault(
        m.index, Math.min(engine.config.defaultLeverage(), m.maxLeverage));
  }

  BigDecimal unrealizedPnl(Account a, Market m) {
    BigDecimal szi = a.szi(m.index);
    if (szi.signum() == 0) return BigDecimal.ZERO;
    return engine.price(m).subtract(a.position(m.index).entryPx).multiply(szi);
  }

  BigDecimal equity(Account a) {
    BigDecimal e = a.collateral();
    for (Market m : engine.markets()) e = e.add(unrealizedPnl(a, m));
    return e;
  }

  BigDecimal positionMargin(Account a, Market m) {
    BigDecimal szi = a.szi(m.index);
    return szi.abs().multiply(engine.price(m)).divide(BigDecimal.valueOf(leverage(a, m)), MC);
  }

  BigDecimal totalPositionMargin(Account a) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Market m : engine.markets()) sum = sum.add(positionMargin(a, m));
    return sum;
  }

  /** The margin held by open orders that could increase a position. */
  private BigDecimal orderMargin(Account a) {
    BigDecimal sum = BigDecimal.ZERO;
    for (SimOrder o : a.open.values()) {
      if (o.waiting || o.reduceOnly || o.pendingTrigger()) continue;
      sum = sum.add(o.sz.multiply(o.limitPx).divide(BigDecimal.valueOf(leverage(a, o.market)), MC));
    }
    return sum;
  }

  /** Equity not tied up by positions or open orders: what a new order or a transfer may use. */
  BigDecimal available(Account a) {
    return equity(a).subtract(totalPositionMargin(a)).subtract(orderMargin(a));
  }

  static BigDecimal maintenanceRate(Market m) {
    return BigDecimal.ONE.divide(BigDecimal.valueOf(2L * m.maxLeverage), MC);
  }

  BigDecimal maintenanceMargin(Account a) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Market m : engine.markets())
      sum = sum.add(a.szi(m.index).abs().multiply(engine.price(m)).multiply(maintenanceRate(m)));
    return sum;
  }

  /**
   * The price of {@code m} at which the account's equity falls to its maintenance margin, the other
   * positions held at their current marks; null if there is none.
   */
  BigDecimal liquidationPx(Account a, Market m) {
    BigDecimal s = a.szi(m.index);
    if (s.signum() == 0) return null;
    BigDecimal otherU = BigDecimal.ZERO;
    BigDecimal otherMm = BigDecimal.ZERO;
    for (Market o : engine.markets()) {
      if (o == m) continue;
      otherU = otherU.add(unrealizedPnl(a, o));
      otherMm =
          otherMm.add(a.szi(o.index).abs().multiply(engine.price(o)).multiply(maintenanceRate(o)));
    }
    BigDecimal r = maintenanceRate(m);
    BigDecimal num =
        otherMm
            .subtract(a.collateral())
            .subtract(otherU)
            .add(s.multiply(a.position(m.index).entryPx));
    BigDecimal den = s.subtract(s.abs().multiply(r));
    BigDecimal px = num.divide(den, MC);
    return px.signum() > 0 ? px : null;
  }
}
