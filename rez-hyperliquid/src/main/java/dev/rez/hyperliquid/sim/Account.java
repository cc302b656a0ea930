package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A simulated cross-margin perp account, guarded by the engine's lock. */
final class Account {
  /** A one-way position: signed size, average entry. */
  static final class Position {
    BigDecimal szi = BigDecimal.ZERO;
    BigDecimal entryPx = BigDecimal.ZERO;
  }

  /** Where this account's view of a market's intrabar path is. */
  static final class PathState {
    int k;
    double f;
    boolean lowFirst;
    BigDecimal price;
  }

  final String address;
  /** Deposits + realised PnL - fees. */
  BigDecimal collateral = BigDecimal.ZERO;
  BigDecimal deposits = BigDecimal.ZERO;
  BigDecimal realizedPnl = BigDecimal.ZERO;
  BigDecimal feesPaid = BigDecimal.ZERO;
  final Map<Integer, Position> positions = new HashMap<>();
  final Map<Integer, Integer> leverage = new HashMap<>();
  final Map<Integer, Boolean> crossFlag = new HashMap<>();
  final Map<Long, SimOrder> orders = new LinkedHashMap<>();
  final Map<String, SimOrder> byCloid = new HashMap<>();
  final List<SimFill> fills = new ArrayList<>();
  final Map<Integer, PathState> paths = new HashMap<>();
  Long scheduledCancel;

  Account(String address) {
    this.address = address;
  }

  Position position(int asset) {
    return positions.computeIfAbsent(asset, a -> new Position());
  }

  BigDecimal szi(int asset) {
    Position p = positions.get(asset);
    return p == null ? BigDecimal.ZERO : p.szi;
  }

  List<SimOrder> openOrders() {
    List<SimOrder> open = new ArrayList<>();
    for (SimOrder o : orders.values()) if (o.isOpen()) open.add(o);
    return open;
  }
}
