package dev.rez.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a perpetuals account.
 *
 * @param equity account value: collateral + unrealised PnL
 * @param marginUsed margin committed to open positions
 * @param withdrawable what could be withdrawn now
 * @param positions open positions, at most one per asset
 * @param time when the snapshot was taken
 */
public record AccountState(
    BigDecimal equity,
    BigDecimal marginUsed,
    BigDecimal withdrawable,
    List<Position> positions,
    Instant time) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public AccountState {
    Checks.notNull(equity, "equity");
    Checks.nonNegative(marginUsed, "marginUsed");
    Checks.notNull(withdrawable, "withdrawable");
    positions = Checks.list(positions, "positions");
    for (int i = 0; i < positions.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (positions.get(i).asset().equals(positions.get(j).asset())) {
          throw new IllegalArgumentException(
              "positions must hold at most one position per asset but "
                  + positions.get(i).asset()
                  + " appears twice");
        }
      }
    }
    Checks.notNull(time, "time");
  }

  /** The position in {@code asset}, if any. */
  public Optional<Position> position(Asset asset) {
    for (Position p : positions) {
      if (p.asset().equals(asset)) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** Sum of unrealised PnL over all positions. */
  public BigDecimal unrealizedPnl() {
    BigDecimal sum = BigDecimal.ZERO;
    for (Position p : positions) sum = sum.add(p.unrealizedPnl());
    return sum;
  }
}
