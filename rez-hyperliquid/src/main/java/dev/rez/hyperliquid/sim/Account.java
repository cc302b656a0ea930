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

    /**
     * Funding received (negative: paid) since the position opened, and since its size last changed.
     */
    BigDecimal fundingSinceOpen = BigDecimal.ZERO;

    BigDecimal fundingSinceChange = BigDecimal.ZERO;
  }

  /** One hourly funding payment; {@code usdc} is what the account received (negative: paid). */
  record Funding(long time, String coin, BigDecimal rate, BigDecimal szi, BigDecimal usdc) {}

  /**
   * A movement of USDC that is not funding: a {@code deposit} (funding the account), an {@code
   * internalTransfer} ({@code usdSend}) from {@code from} to {@code to}, or an {@code
   * accountClassTransfer} ({@code usdClassTransfer}) from {@code from} to {@code to}, each {@link
   * #PERP} or {@link #SPOT}, or a {@code withdraw} ({@code withdraw3}, its action {@code nonce}) to
   * {@code to}.
   */
  record Transfer(long time, String type, BigDecimal usdc, String from, String to, Long nonce) {
    Transfer(long time, String type, BigDecimal usdc, String from, String to) {
      this(time, type, usdc, from, to, null);
    }
  }

  /** What a withdrawal costs, taken from the amount withdrawn, in USDC. */
  static final BigDecimal WITHDRAWAL_FEE = BigDecimal.ONE;

  /** The perp balance, as an end of an {@code accountClassTransfer}. */
  static final String PERP = "perp";

  /** The spot balance, as an end of an {@code accountClassTransfer}. */
  static final String SPOT = "spot";

  /** Where this account's view of a market's intrabar path is. */
  static final class PathState {
    int k;
    double f;
    boolean lowFirst;
    BigDecimal price;
  }

  final String address;

  /** Deposits net of transfers out. */
  BigDecimal deposits = BigDecimal.ZERO;

  BigDecimal realizedPnl = BigDecimal.ZERO;
  BigDecimal feesPaid = BigDecimal.ZERO;

  /** Net funding received (negative: paid). */
  BigDecimal fundingPaid = BigDecimal.ZERO;

  final Map<Integer, BigDecimal> fundingAllTime = new HashMap<>();
  final List<Funding> fundings = new ArrayList<>();

  /** Deposits and transfers in and out, oldest first. */
  final List<Transfer> ledger = new ArrayList<>();

  final Map<Integer, Position> positions = new HashMap<>();
  final Map<Integer, Integer> leverage = new HashMap<>();

  /**
   * Every order ever placed, by oid; {@link #open} holds the open ones, kept in step by the engine.
   */
  final Map<Long, SimOrder> orders = new LinkedHashMap<>();

  final Map<Long, SimOrder> open = new LinkedHashMap<>();
  final Map<String, SimOrder> byCloid = new HashMap<>();
  final List<SimFill> fills = new ArrayList<>();
  final Map<Integer, PathState> paths = new HashMap<>();
  Long scheduledCancel;

  /** Orders refused because their cloid was already used. */
  long cloidReuses;

  Account(String address) {
    this.address = address;
  }

  /** The collateral: deposits + realised PnL - fees + funding. */
  BigDecimal collateral() {
    return deposits.add(realizedPnl).subtract(feesPaid).add(fundingPaid);
  }

  /**
   * The USDC on the account's spot balance: what {@code usdClassTransfer} moved there from the perp
   * balance, less what it moved back (the simulator trades no spot).
   */
  BigDecimal spotUsdc() {
    BigDecimal spot = BigDecimal.ZERO;
    for (Transfer t : ledger) {
      if (!t.type().equals("accountClassTransfer")) continue;
      spot = SPOT.equals(t.to()) ? spot.add(t.usdc()) : spot.subtract(t.usdc());
    }
    return spot;
  }

  Position position(int asset) {
    return positions.computeIfAbsent(asset, a -> new Position());
  }

  BigDecimal szi(int asset) {
    Position p = positions.get(asset);
    return p == null ? BigDecimal.ZERO : p.szi;
  }

  /** A snapshot of the open orders, oldest first. */
  List<SimOrder> openOrders() {
    return new ArrayList<>(open.values());
  }
}
