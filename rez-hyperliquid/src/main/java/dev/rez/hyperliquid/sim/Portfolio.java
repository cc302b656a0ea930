package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code portfolio} answer: an account's value and PnL over the last day, week, month and all
 * its time, in total and for the perp balance alone ({@code perpDay} …), and the volume it traded
 * in each period. The history is rebuilt from the account's own records at sample times: USDC moved
 * in and out, fills and funding up to then, and its positions valued at the public price of that
 * moment. Samples are evenly spaced: every 15 minutes for a day, 2 hours for a week, 8 hours for a
 * month and a hundredth of the account's life (at least a minute) for all time, from when the
 * account was funded (the exchange does not publish its own spacing), the last one now. Called
 * under the engine's lock.
 */
final class Portfolio {
  private static final long MINUTE = 60_000L;
  private static final long DAY = 24 * 60 * MINUTE;

  private Portfolio() {}

  /** The answer for {@code user}; an address without an account has empty histories. */
  static List<Object> of(Engine engine, String user) {
    Account a = engine.account(user);
    long now = engine.now();
    List<Object> out = new ArrayList<>();
    for (boolean perpOnly : new boolean[] {false, true}) {
      out.add(period(engine, a, perpOnly ? "perpDay" : "day", now - DAY, 15 * MINUTE, perpOnly));
      out.add(
          period(engine, a, perpOnly ? "perpWeek" : "week", now - 7 * DAY, 120 * MINUTE, perpOnly));
      out.add(
          period(
              engine, a, perpOnly ? "perpMonth" : "month", now - 30 * DAY, 480 * MINUTE, perpOnly));
      long born = a == null ? now : born(a, now);
      out.add(
          period(
              engine,
              a,
              perpOnly ? "perpAllTime" : "allTime",
              born,
              Math.max(MINUTE, (now - born) / 100),
              perpOnly));
    }
    return out;
  }

  private static List<Object> period(
      Engine engine, Account a, String name, long from, long step, boolean perpOnly) {
    List<Object> values = new ArrayList<>();
    List<Object> pnls = new ArrayList<>();
    BigDecimal volume = BigDecimal.ZERO;
    if (a != null) {
      long now = engine.now();
      long start = Math.max(from, born(a, now));
      List<Long> times = new ArrayList<>();
      for (long t = start; t < now; t += step) times.add(t);
      times.add(now);
      History h = new History(engine, a, perpOnly);
      BigDecimal basePnl = null;
      for (long t : times) {
        BigDecimal[] valueAndFlow = h.at(t);
        BigDecimal pnl = valueAndFlow[0].subtract(valueAndFlow[1]);
        if (basePnl == null) basePnl = pnl;
        values.add(List.of(t, Prices.usd(valueAndFlow[0])));
        pnls.add(List.of(t, Prices.usd(pnl.subtract(basePnl))));
      }
      for (SimFill f : a.fills)
        if (f.time() >= start && f.time() <= now) volume = volume.add(f.px().multiply(f.sz()));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("accountValueHistory", values);
    data.put("pnlHistory", pnls);
    data.put("vlm", Prices.usd(volume));
    return List.of(name, data);
  }

  /** When the account first received USDC: its first ledger entry, else now. */
  private static long born(Account a, long now) {
    long born = now;
    for (Account.Transfer t : a.ledger) born = Math.min(born, t.time());
    for (SimFill f : a.fills) born = Math.min(born, f.time());
    return born;
  }

  /**
   * The account's value at increasing sample times, by one pass over its records in time order:
   * USDC moved in or out ({@code flow}), fills (cash and positions) and funding.
   */
  private static final class History {
    private final Engine engine;
    private final Account a;
    private final boolean perpOnly;
    private final List<Account.Transfer> ledger;
    private final List<SimFill> fills;
    private final List<Account.Funding> fundings;
    private final Map<String, BigDecimal> positions = new HashMap<>();
    private int nextLedger;
    private int nextFill;
    private int nextFunding;
    private BigDecimal cash = BigDecimal.ZERO;
    private BigDecimal flow = BigDecimal.ZERO;

    History(Engine engine, Account a, boolean perpOnly) {
      this.engine = engine;
      this.a = a;
      this.perpOnly = perpOnly;
      this.ledger = sorted(a.ledger, Comparator.comparingLong(Account.Transfer::time));
      this.fills = sorted(a.fills, Comparator.comparingLong(SimFill::time));
      this.fundings = sorted(a.fundings, Comparator.comparingLong(Account.Funding::time));
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
      List<T> copy = new ArrayList<>(list);
      copy.sort(order);
      return copy;
    }

    /** {@code [account value, net USDC moved in]} at {@code t}, no earlier than the last call. */
    BigDecimal[] at(long t) {
      for (; nextLedger < ledger.size() && ledger.get(nextLedger).time() <= t; nextLedger++) {
        BigDecimal in = inflow(ledger.get(nextLedger));
        cash = cash.add(in);
        flow = flow.add(in);
      }
      for (; nextFill < fills.size() && fills.get(nextFill).time() <= t; nextFill++) {
        SimFill f = fills.get(nextFill);
        BigDecimal notional = f.px().multiply(f.sz());
        cash = cash.add(f.buy() ? notional.negate() : notional).subtract(f.fee());
        positions.merge(f.coin(), f.buy() ? f.sz() : f.sz().negate(), BigDecimal::add);
      }
      for (; nextFunding < fundings.size() && fundings.get(nextFunding).time() <= t; nextFunding++)
        cash = cash.add(fundings.get(nextFunding).usdc());
      BigDecimal value = cash;
      for (Map.Entry<String, BigDecimal> p : positions.entrySet()) {
        Market m = engine.market(p.getKey());
        if (m != null && p.getValue().signum() != 0)
          value = value.add(p.getValue().multiply(engine.timeline.priceAt(m, t)));
      }
      return new BigDecimal[] {value, flow};
    }

    /**
     * What {@code t} moved into the balance counted: into the perp balance when only it counts, or
     * into the account (a move between its perp and spot balances then nets out).
     */
    private BigDecimal inflow(Account.Transfer t) {
      return switch (t.type()) {
        case "deposit" -> t.usdc();
        case "withdraw" -> t.usdc().negate();
        case "internalTransfer" ->
            t.from().equals(t.to())
                ? BigDecimal.ZERO
                : a.address.equals(t.from()) ? t.usdc().negate() : t.usdc();
        case "accountClassTransfer" ->
            !perpOnly
                ? BigDecimal.ZERO
                : Account.PERP.equals(t.to()) ? t.usdc() : t.usdc().negate();
        default -> BigDecimal.ZERO;
      };
    }
  }
}
