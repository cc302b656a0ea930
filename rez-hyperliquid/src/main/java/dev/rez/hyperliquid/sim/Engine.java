package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The simulated exchange without HTTP: markets on a shared timeline, accounts, matching, triggers,
 * margin and liquidation. Every public-facing method is synchronized; the engine is deterministic
 * for a given sequence of calls and times.
 *
 * <p>This class holds the state and the lock; the work is done by focused parts that run under that
 * lock: {@link Timeline} (time against candles), {@link Clock} (advancing time, funding, scheduled
 * cancels), {@link PathPlayer} (intrabar paths, triggers, liquidation), {@link Margin}, {@link
 * SyntheticBook}, {@link OrderDesk} (placement, modify, cancel) and {@link Fills} (executions and
 * order lifecycle).
 *
 * <p>Each account sees each candle through its own intrabar path, chosen at the candle's open to be
 * adverse to its position (a long sees the low first, a short the high first, a flat account the
 * neutral order), so a stop-loss fires before a take-profit inside one candle. Accounts never trade
 * with one another: the book is synthetic.
 */
final class Engine {
  static final MathContext MC = new MathContext(24, RoundingMode.HALF_EVEN);

  /** One order as parsed from the wire, before validation. */
  record OrderSpec(
      int asset,
      boolean buy,
      String px,
      String sz,
      boolean reduceOnly,
      String tif,
      Boolean triggerIsMarket,
      String triggerPx,
      String tpsl,
      String cloid) {
    boolean isTrigger() {
      return tif == null;
    }
  }

  /** The outcome of one order of a batch. */
  sealed interface Status {
    /** The order rests on the book. */
    record Resting(long oid, String cloid) implements Status {}

    /** The order filled, fully or (IOC) partly. */
    record Filled(BigDecimal totalSz, BigDecimal avgPx, long oid, String cloid) implements Status {}

    /** The order was rejected. */
    record Error(String message) implements Status {}

    /** A plain-string status such as {@code waitingForFill}. */
    record Text(String text) implements Status {}
  }

  /** A level of the synthetic book. */
  record Level(BigDecimal px, BigDecimal sz, int n) {}

  /** Both sides of the synthetic book, best first. */
  record Book(List<Level> bids, List<Level> asks) {}

  /** Fee rates and book shape. */
  record Config(
      BigDecimal takerFee,
      BigDecimal makerFee,
      BigDecimal spreadBps,
      BigDecimal levelNotional,
      int defaultLeverage,
      BigDecimal fundingRate) {}

  static final long HOUR_MS = Clock.HOUR_MS;

  private final List<Market> markets;
  private final Map<String, Market> byCoin = new HashMap<>();
  final Config config;
  final Faults faults;
  private final LongSupplier clock;
  final Timeline timeline;
  private final Margin margin;
  private final SyntheticBook books;
  private final OrderDesk desk;
  private final Clock stepper;
  final Map<String, Account> accounts = new LinkedHashMap<>();
  long now;
  long nextOid = 1_000;
  long nextTid = 1_000;

  /**
   * @param clock the target time in ms for an accelerated clock, or null for a stepped clock
   * @param startMs the initial simulated time
   */
  Engine(List<Market> markets, Config config, Faults faults, LongSupplier clock, long startMs) {
    if (markets.isEmpty()) throw new IllegalArgumentException("at least one market is required");
    this.markets = List.copyOf(markets);
    for (Market m : markets) byCoin.put(m.coin, m);
    this.config = config;
    this.faults = faults;
    this.clock = clock;
    this.timeline = new Timeline(this.markets);
    this.margin = new Margin(this);
    Fills fills = new Fills(this);
    this.books = new SyntheticBook(config, fills);
    this.desk = new OrderDesk(this, margin, books, fills);
    this.stepper = new Clock(this, margin, fills, books);
    this.now = startMs;
  }

  // ---------------------------------------------------------------- time

  synchronized long now() {
    return now;
  }

  List<Market> markets() {
    return markets;
  }

  Market market(String coin) {
    return byCoin.get(coin);
  }

  Market market(int asset) {
    return asset >= 0 && asset < markets.size() ? markets.get(asset) : null;
  }

  /** The last time the simulation can reach, or {@link Long#MAX_VALUE}. */
  long endMs() {
    return timeline.endMs();
  }

  /** Brings an accelerated clock up to date; a stepped clock does not move. */
  synchronized void sync() {
    if (clock != null) advanceTo(clock.getAsLong());
  }

  /** Advances to the next candle boundary; false if the replay has ended. */
  synchronized boolean step() {
    long target = timeline.nextBoundary(now);
    if (target > endMs()) return false;
    advanceTo(target);
    return true;
  }

  synchronized void advanceTo(long target) {
    stepper.advanceTo(target);
  }

  BigDecimal fundingRate() {
    return config.fundingRate();
  }

  int currentIndex() {
    return (int) timeline.kf(now)[0];
  }

  double currentFraction() {
    return timeline.kf(now)[1];
  }

  /** The public (neutral path) price of a market now: mid, mark and last trade in one. */
  synchronized BigDecimal price(Market m) {
    return timeline.priceAt(m, now);
  }

  /**
   * The candle in progress (or just closed), cut at now: high/low so far, close = the price now.
   */
  synchronized Candle partialCandle(Market m) {
    return timeline.partialCandle(m, now);
  }

  // ---------------------------------------------------------------- accounts

  synchronized Account account(String address) {
    return accounts.get(address.toLowerCase(Locale.ROOT));
  }

  synchronized void fund(String address, BigDecimal usd) {
    if (usd.signum() <= 0)
      throw new IllegalArgumentException("usd must be > 0 but was " + usd.toPlainString());
    Account a = credit(address, usd);
    a.ledger.add(new Account.Transfer(now, "deposit", usd, null, null));
  }

  /** Adds {@code usd} to the account of {@code address}, creating it. */
  private Account credit(String address, BigDecimal usd) {
    Account a = accounts.computeIfAbsent(address.toLowerCase(Locale.ROOT), this::newAccount);
    a.deposits = a.deposits.add(usd);
    return a;
  }

  private Account newAccount(String address) {
    Account a = new Account(address);
    double[] kf = timeline.kf(now);
    for (Market m : markets) {
      Account.PathState s = new Account.PathState();
      s.k = (int) kf[0];
      s.f = kf[1];
      Candle c = m.candle(s.k);
      s.lowFirst = Market.neutralLowFirst(c);
      s.price = Market.priceAt(Market.vertices(c, s.lowFirst), s.f);
      a.paths.put(m.index, s);
    }
    return a;
  }

  // ---------------------------------------------------------------- margin

  int leverage(Account a, Market m) {
    return margin.leverage(a, m);
  }

  BigDecimal unrealizedPnl(Account a, Market m) {
    return margin.unrealizedPnl(a, m);
  }

  synchronized BigDecimal equity(Account a) {
    return margin.equity(a);
  }

  BigDecimal positionMargin(Account a, Market m) {
    return margin.positionMargin(a, m);
  }

  /** Equity not tied up by positions or open orders. */
  BigDecimal available(Account a) {
    return margin.available(a);
  }

  synchronized BigDecimal totalPositionMargin(Account a) {
    return margin.totalPositionMargin(a);
  }

  synchronized BigDecimal maintenanceMargin(Account a) {
    return margin.maintenanceMargin(a);
  }

  /** See {@link Margin#liquidationPx}. */
  synchronized BigDecimal liquidationPx(Account a, Market m) {
    return margin.liquidationPx(a, m);
  }

  // ---------------------------------------------------------------- book and orders

  synchronized Book book(Market m) {
    return book(m, 20);
  }

  synchronized Book book(Market m, int levels) {
    return books.book(m, price(m), levels);
  }

  /**
   * Places a batch for {@code user} (which must exist). Grouping: {@code na}, {@code normalTpsl} or
   * {@code positionTpsl}.
   */
  synchronized List<Status> placeOrders(String user, List<OrderSpec> specs, String grouping) {
    return desk.placeOrders(user, specs, grouping);
  }

  /** See {@link OrderDesk#modify}. */
  synchronized Status modify(String user, Object oidOrCloid, OrderSpec spec) {
    return desk.modify(user, oidOrCloid, spec);
  }

  /** Cancels by oid; returns null on success or the error text. */
  synchronized String cancel(String user, int asset, long oid) {
    return desk.cancel(user, asset, oid);
  }

  synchronized String cancelByCloid(String user, int asset, String cloid) {
    return desk.cancelByCloid(user, asset, cloid);
  }

  /** Looks up an order by oid or cloid. */
  synchronized SimOrder order(String user, Object oidOrCloid) {
    return desk.order(user, oidOrCloid);
  }

  private static final Comparator<SimFill> NEWEST_FIRST =
      Comparator.comparingLong(SimFill::time).thenComparingLong(SimFill::tid).reversed();

  synchronized List<SimFill> fills(String user) {
    Account a = account(user);
    if (a == null) return List.of();
    // Fills are made in time order, so the account's list is normally oldest first already.
    List<SimFill> out = new ArrayList<>(a.fills.reversed());
    for (int i = 1; i < out.size(); i++) {
      if (NEWEST_FIRST.compare(out.get(i - 1), out.get(i)) > 0) {
        out.sort(NEWEST_FIRST);
        break;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- account actions

  /** Moves USDC between accounts; null on success or the error text. */
  synchronized String usdSend(String from, String to, BigDecimal amount) {
    Account a = account(from);
    if (amount.signum() <= 0) return "Invalid amount: " + amount.toPlainString();
    BigDecimal withdrawable = margin.available(a);
    if (amount.compareTo(withdrawable) > 0)
      return "Insufficient balance for transfer: withdrawable "
          + Prices.usd(withdrawable.max(BigDecimal.ZERO));
    a.deposits = a.deposits.subtract(amount);
    Account.Transfer t = new Account.Transfer(now, "internalTransfer", amount, a.address, to);
    a.ledger.add(t);
    Account b = credit(to, amount);
    if (b != a) b.ledger.add(t);
    return null;
  }

  /**
   * Moves {@code amount} USDC of {@code user}'s from the spot balance to the perp balance ({@code
   * toPerp}) or back; returns null on success or the error text.
   */
  synchronized String usdClassTransfer(String user, BigDecimal amount, boolean toPerp) {
    Account a = account(user);
    if (amount.signum() <= 0) return "Invalid amount: " + amount.toPlainString();
    BigDecimal available = toPerp ? a.spotUsdc() : margin.available(a).max(BigDecimal.ZERO);
    if (amount.compareTo(available) > 0)
      return "Insufficient balance for transfer: "
          + (toPerp ? "spot USDC " : "withdrawable ")
          + Prices.usd(available);
    a.deposits = toPerp ? a.deposits.add(amount) : a.deposits.subtract(amount);
    a.ledger.add(
        new Account.Transfer(
            now,
            "accountClassTransfer",
            amount,
            toPerp ? Account.SPOT : Account.PERP,
            toPerp ? Account.PERP : Account.SPOT));
    return null;
  }

  /**
   * Withdraws {@code amount} USDC of {@code user}'s perp balance to {@code destination} (the fee of
   * {@link Account#WITHDRAWAL_FEE} comes out of it); returns null on success or the error text.
   */
  synchronized String withdraw(String user, BigDecimal amount, String destination, long nonce) {
    Account a = account(user);
    if (amount.compareTo(Account.WITHDRAWAL_FEE) <= 0)
      return "Invalid amount: a withdrawal must be more than its fee of "
          + Prices.usd(Account.WITHDRAWAL_FEE)
          + " USDC";
    BigDecimal withdrawable = margin.available(a).max(BigDecimal.ZERO);
    if (amount.compareTo(withdrawable) > 0)
      return "Insufficient balance for withdrawal: withdrawable " + Prices.usd(withdrawable);
    a.deposits = a.deposits.subtract(amount);
    a.ledger.add(new Account.Transfer(now, "withdraw", amount, a.address, destination, nonce));
    return null;
  }

  synchronized String updateLeverage(String user, int asset, boolean isCross, int leverage) {
    Account a = account(user);
    Market m = market(asset);
    if (m == null) return "Invalid asset: " + asset + ".";
    if (leverage < 1 || leverage > m.maxLeverage) return "Invalid leverage value";
    int old = leverage(a, m);
    a.leverage.put(m.index, leverage);
    if (equity(a).compareTo(totalPositionMargin(a)) < 0) {
      a.leverage.put(m.index, old);
      return "Insufficient margin to change leverage";
    }
    return null;
  }

  synchronized String scheduleCancel(String user, Long time) {
    Account a = account(user);
    if (time == null) {
      a.scheduledCancel = null;
      return null;
    }
    if (time < now + 5_000)
      return "Scheduled cancel time too early, must be at least 5 seconds from now.";
    a.scheduledCancel = time;
    return null;
  }
}
