package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;

/** One fill as the simulator records it; {@code closedPnl} excludes the fee. */
record SimFill(
    String coin,
    BigDecimal px,
    BigDecimal sz,
    boolean buy,
    long time,
    BigDecimal startPosition,
    String dir,
    BigDecimal closedPnl,
    long oid,
    String cloid,
    boolean crossed,
    BigDecimal fee,
    long tid,
    boolean liquidation) {

  String hash() {
    String hex = Long.toHexString(tid);
    return "0x" + "0".repeat(64 - hex.length()) + hex;
  }
}
