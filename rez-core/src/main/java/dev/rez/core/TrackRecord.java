package dev.rez.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Track-record statistics of closed trades: a pure function of fills or of {@link ClosedTrade}s.
 *
 * <pre>{@code
 * TrackRecord r = TrackRecord.fromFills(exchange.fills(since), new BigDecimal("1000"));
 * r.tradeCount();           // round trips closed
 * r.winRate();              // 0.6
 * r.profitFactor();         // OptionalDouble[1.8]
 * r.maxDrawdownFraction();  // 0.042 (4.2 % below the peak)
 * r.equityCurve();          // (time, equity) points for a chart
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li>A <b>trade</b> is a round trip: it opens when the position in an asset leaves zero and
 *       closes when the position is zero again. Adds and partial closes belong to the same trade. A
 *       fill that flips the position (long to short or back) is split: the part that brings the
 *       position to zero closes the trade (with all of the fill's realised PnL), the rest opens the
 *       next trade; the fee is split in proportion to size.
 *   <li>Trades are judged on their <b>net PnL</b>: realised PnL minus fees. A win nets more than
 *       zero, a loss less; a trade that nets exactly zero counts as a trade but neither as a win
 *       nor as a loss.
 *   <li>The <b>equity curve</b> starts at the starting equity at the first trade's open time and
 *       moves by each trade's net PnL at its close time, in close-time order, and by each funding
 *       payment at its time when the record carries funding ({@link #withFunding}). Unrealised PnL
 *       is not part of it.
 *   <li>The <b>maximum drawdown</b> is the largest fall of that curve from a previous peak, in
 *       money and, separately, as a fraction of the peak it fell from (the two maxima may come from
 *       different falls).
 *   <li>The <b>Sharpe ratio</b> is per trade and not annualised: with {@code r_i = netPnl_i /
 *       equity before trade i} it is {@code mean(r) / stdev(r)}, using the sample standard
 *       deviation ({@code n − 1}) and a risk-free rate of zero. It is undefined (empty) with fewer
 *       than two trades, when every return is equal, or when the equity before a trade is not
 *       positive.
 * </ul>
 *
 * <p>Money ({@code BigDecimal}) is exact where it is a sum; averages are rounded to 16 significant
 * digits. Ratios are {@code double}.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class TrackRecord {
  private static final MathContext MC = MathContext.DECIMAL64;

  private final BigDecimal startingEquity;
  private final List<ClosedTrade> trades;
  private final int wins;
  private final int losses;
  private final BigDecimal grossProfit;
  private final BigDecimal grossLoss;
  private final BigDecimal realizedPnl;
  private final BigDecimal fees;
  private final List<FundingPayment> fundingPayments;
  private final BigDecimal funding;
  private final BigDecimal volume;
  private final BigDecimal maxDrawdown;
  private final double maxDrawdownFraction;
  private final OptionalDouble sharpe;
  private final List<EquityPoint> curve;
  private final SortedMap<Asset, TrackRecord> perAsset;

  /**
   * One point of the equity curve.
   *
   * @param time when the equity reached this value (the close time of a trade, or the first open
   *     time)
   * @param equity the equity from closed trades: starting equity plus the net PnL of every trade
   *     closed so far
   */
  public record EquityPoint(Instant time, BigDecimal equity) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException naming the component that is null
     */
    public EquityPoint {
      Checks.notNull(time, "time");
      Checks.notNull(equity, "equity");
    }
  }

  private TrackRecord(
      List<ClosedTrade> sortedTrades,
      List<FundingPayment> sortedFunding,
      BigDecimal startingEquity) {
    this.startingEquity = startingEquity;
    this.trades = List.copyOf(sortedTrades);
    this.fundingPayments = List.copyOf(sortedFunding);
    BigDecimal paid = BigDecimal.ZERO;
    for (FundingPayment f : fundingPayments) paid = paid.add(f.usdc());
    this.funding = paid;
    int w = 0;
    int l = 0;
    BigDecimal profit = BigDecimal.ZERO;
    BigDecimal loss = BigDecimal.ZERO;
    BigDecimal pnl = BigDecimal.ZERO;
    BigDecimal fee = BigDecimal.ZERO;
    BigDecimal vol = BigDecimal.ZERO;
    for (ClosedTrade t : trades) {
      BigDecimal net = t.netPnl();
      if (net.signum() > 0) {
        w++;
        profit = profit.add(net);
      } else if (net.signum() < 0) {
        l++;
        loss = loss.subtract(net);
      }
      pnl = pnl.add(t.realizedPnl());
      fee = fee.add(t.fees());
      vol = vol.add(t.volume());
    }
    this.wins = w;
    this.losses = l;
    this.grossProfit = profit;
    this.grossLoss = loss;
    this.realizedPnl = pnl;
    this.fees = fee;
    this.volume = vol;

    List<EquityPoint> points = new ArrayList<>(trades.size() + 1);
    double[] returns = new double[trades.size()];
    boolean returnsDefined = true;
    BigDecimal equity = startingEquity;
    BigDecimal peak = startingEquity;
    BigDecimal worst = BigDecimal.ZERO;
    double worstFraction = 0;
    if (!trades.isEmpty() || !fundingPayments.isEmpty()) {
      Instant first = trades.isEmpty() ? fundingPayments.get(0).time() : trades.get(0).openTime();
      for (ClosedTrade t : trades) if (t.openTime().isBefore(first)) first = t.openTime();
      if (!fundingPayments.isEmpty() && fundingPayments.get(0).time().isBefore(first))
        first = fundingPayments.get(0).time();
      points.add(new EquityPoint(first, equity));
    }
    int nextFunding = 0;
    for (int i = 0; i <= trades.size(); i++) {
      // Funding paid up to this trade's close (after the last trade: the rest) moves the curve
      // first.
      Instant until = i < trades.size() ? trades.get(i).closeTime() : null;
      while (nextFunding < fundingPayments.size()
          && (until == null || !fundingPayments.get(nextFunding).time().isAfter(until))) {
        FundingPayment f = fundingPayments.get(nextFunding++);
        equity = equity.add(f.usdc());
        points.add(new EquityPoint(f.time(), equity));
        peak = peak.max(equity);
        worst = worst.max(peak.subtract(equity));
        if (peak.signum() > 0)
          worstFraction =
              Math.max(worstFraction, peak.subtract(equity).divide(peak, MC).doubleValue());
      }
      if (i == trades.size()) break;
      ClosedTrade t = trades.get(i);
      if (equity.signum() > 0) {
        returns[i] = t.netPnl().divide(equity, MC).doubleValue();
      } else {
        returnsDefined = false;
      }
      equity = equity.add(t.netPnl());
      points.add(new EquityPoint(t.closeTime(), equity));
      peak = peak.max(equity);
      BigDecimal drawdown = peak.subtract(equity);
      worst = worst.max(drawdown);
      // peak >= startingEquity > 0, so the fraction is always defined.
      worstFraction = Math.max(worstFraction, drawdown.divide(peak, MC).doubleValue());
    }
    this.curve = List.copyOf(points);
    this.maxDrawdown = worst;
    this.maxDrawdownFraction = worstFraction;
    this.sharpe = returnsDefined ? sharpe(returns) : OptionalDouble.empty();

    Map<Asset, List<ClosedTrade>> byAsset = new LinkedHashMap<>();
    Map<Asset, List<FundingPayment>> fundingByAsset = new LinkedHashMap<>();
    for (ClosedTrade t : trades) byAsset.computeIfAbsent(t.asset(), a -> new ArrayList<>()).add(t);
    for (FundingPayment f : fundingPayments) {
      fundingByAsset.computeIfAbsent(f.asset(), a -> new ArrayList<>()).add(f);
      byAsset.computeIfAbsent(f.asset(), a -> new ArrayList<>());
    }
    TreeMap<Asset, TrackRecord> split = new TreeMap<>();
    if (byAsset.size() == 1) {
      split.put(byAsset.keySet().iterator().next(), this);
    } else {
      for (Map.Entry<Asset, List<ClosedTrade>> e : byAsset.entrySet()) {
        split.put(
            e.getKey(),
            new TrackRecord(
                e.getValue(), fundingByAsset.getOrDefault(e.getKey(), List.of()), startingEquity));
      }
    }
    this.perAsset = Collections.unmodifiableSortedMap(split);
  }

  private static OptionalDouble sharpe(double[] r) {
    int n = r.length;
    if (n < 2) return OptionalDouble.empty();
    double mean = 0;
    for (double x : r) mean += x;
    mean /= n;
    double squares = 0;
    for (double x : r) squares += (x - mean) * (x - mean);
    double stdev = Math.sqrt(squares / (n - 1));
    if (!(stdev > 0) || !Double.isFinite(stdev)) return OptionalDouble.empty();
    return OptionalDouble.of(mean / stdev);
  }

  /**
   * The track record of {@code trades}, in any order (they are ordered by close time; equal close
   * times keep their order).
   *
   * @param startingEquity the equity before the first trade, {@code > 0}: the base of the equity
   *     curve, of the drawdown fraction and of the per-trade returns
   * @throws IllegalArgumentException if {@code startingEquity} is not positive
   * @throws NullPointerException if an argument or a trade is null
   */
  public static TrackRecord of(List<ClosedTrade> trades, BigDecimal startingEquity) {
    Checks.notNull(trades, "trades");
    Checks.positive(startingEquity, "startingEquity");
    List<ClosedTrade> sorted = new ArrayList<>(trades.size());
    for (int i = 0; i < trades.size(); i++)
      sorted.add(Checks.notNull(trades.get(i), "trades[" + i + "]"));
    sorted.sort(Comparator.comparing(ClosedTrade::closeTime));
    return new TrackRecord(sorted, List.of(), startingEquity);
  }

  /**
   * This record with {@code payments} (replacing any it carried): their sum enters {@link
   * #funding()}, {@link #netPnl()}, {@link #endingEquity()} and the equity curve at their times
   * (and so the drawdown); the per-trade figures (wins, averages, Sharpe) stay those of the trades.
   *
   * @param payments funding payments of any assets, in any order
   * @throws NullPointerException if the list or a payment is null
   */
  public TrackRecord withFunding(List<FundingPayment> payments) {
    Checks.notNull(payments, "payments");
    List<FundingPayment> sorted = new ArrayList<>(payments.size());
    for (int i = 0; i < payments.size(); i++)
      sorted.add(Checks.notNull(payments.get(i), "payments[" + i + "]"));
    sorted.sort(Comparator.comparing(FundingPayment::time));
    return new TrackRecord(trades, sorted, startingEquity);
  }

  /**
   * The track record of the round trips in {@code fills}: groups them with {@link
   * #closedTrades(List)}, then computes {@link #of(List, BigDecimal)}. Fills of a position still
   * open after the last fill belong to no closed trade and are left out of every figure.
   *
   * @param fills fills of any assets, in any order (they are ordered by time; fills of one asset
   *     that share a time are chained by their start positions)
   * @param startingEquity the equity before the first trade, {@code > 0}
   * @throws IllegalArgumentException if {@code startingEquity} is not positive or the fills
   *     contradict each other (see {@link #closedTrades(List)})
   */
  public static TrackRecord fromFills(List<Fill> fills, BigDecimal startingEquity) {
    Checks.positive(startingEquity, "startingEquity");
    return of(closedTrades(fills), startingEquity);
  }

  /**
   * Groups fills into closed round-trip trades, in the order they closed.
   *
   * <p>The position in each asset starts at the {@link Fill#startPosition()} of the asset's first
   * fill and follows the fills from there. A list that starts in the middle of a position is
   * therefore fine: that trade's entry price is then derived from its realised PnL ({@code exit −
   * realizedPnl / (size × direction)}), since its opening fills are not in the list, and its volume
   * counts only the fills that are.
   *
   * <p>Each trade's realised PnL is the sum of its fills' {@link Fill#closedPnl()} (the exchange is
   * the source of truth), its fees the sum of their fees, its entry and exit prices the
   * size-weighted averages of its opening and closing fills.
   *
   * @param fills fills of any assets, in any order (they are ordered by time; fills of one asset
   *     that share a time are chained by their start positions)
   * @throws IllegalArgumentException if a fill's {@code startPosition} differs from the position
   *     the earlier fills of its asset leave (a fill is missing or out of order)
   */
  public static List<ClosedTrade> closedTrades(List<Fill> fills) {
    Checks.notNull(fills, "fills");
    List<Fill> sorted = new ArrayList<>(fills.size());
    for (int i = 0; i < fills.size(); i++)
      sorted.add(Checks.notNull(fills.get(i), "fills[" + i + "]"));
    sorted.sort(Comparator.comparing(Fill::time));
    sorted = chainedWithinEqualTimes(sorted);

    Map<Asset, BigDecimal> position = new HashMap<>();
    Map<Asset, OpenTrade> open = new HashMap<>();
    List<ClosedTrade> closed = new ArrayList<>();
    for (Fill f : sorted) {
      BigDecimal before = position.get(f.asset());
      if (before == null) {
        before = f.startPosition();
        if (before.signum() != 0)
          open.put(f.asset(), new OpenTrade(f.asset(), sideOf(before), f.time(), true));
      } else if (before.compareTo(f.startPosition()) != 0) {
        throw new IllegalArgumentException(
            "fill "
                + f.hash()
                + " ("
                + f.asset()
                + " at "
                + f.time()
                + ") has startPosition "
                + f.startPosition().toPlainString()
                + " but the fills before it leave "
                + before.toPlainString()
                + ": a fill is missing or out of order");
      }
      BigDecimal after = before.add(f.side() == Side.BUY ? f.size() : f.size().negate());
      if (before.signum() == 0) {
        OpenTrade t = new OpenTrade(f.asset(), f.side(), f.time(), false);
        t.open(f.size(), f.price(), f.fee(), f.closedPnl());
        open.put(f.asset(), t);
      } else if (before.signum() == f.side().sign()) {
        open.get(f.asset()).open(f.size(), f.price(), f.fee(), f.closedPnl());
      } else if (f.size().compareTo(before.abs()) <= 0) {
        OpenTrade t = open.get(f.asset());
        t.close(f.size(), f.price(), f.fee(), f.closedPnl());
        if (after.signum() == 0) {
          closed.add(t.finish(f.time()));
          open.remove(f.asset());
        }
      } else {
        // A flip: close the old trade with the part that reaches zero, open the next one with the
        // rest.
        BigDecimal closing = before.abs();
        BigDecimal closingFee = f.fee().multiply(closing).divide(f.size(), MC);
        OpenTrade t = open.get(f.asset());
        t.close(closing, f.price(), closingFee, f.closedPnl());
        closed.add(t.finish(f.time()));
        OpenTrade next = new OpenTrade(f.asset(), f.side(), f.time(), false);
        next.open(
            f.size().subtract(closing), f.price(), f.fee().subtract(closingFee), BigDecimal.ZERO);
        open.put(f.asset(), next);
      }
      position.put(f.asset(), after);
    }
    return closed;
  }

  /**
   * Orders each run of fills that share a time (one order walking several book levels; an entry and
   * a stop-loss that fired at once) so that, per asset, each fill starts where the previous one
   * left the position: the exchange lists fills newest first, and a sort by time alone keeps equal
   * times in that order. A run starts from the position the earlier fills of its asset left; for an
   * asset's first fills, from the fill no other fill leads to, else (a round trip such as 0 → q →
   * 0) from a flat position. Fills that do not form one chain keep their order.
   */
  private static List<Fill> chainedWithinEqualTimes(List<Fill> sorted) {
    List<Fill> out = new ArrayList<>(sorted.size());
    Map<Asset, BigDecimal> position = new HashMap<>();
    int i = 0;
    while (i < sorted.size()) {
      int j = i + 1;
      while (j < sorted.size() && sorted.get(j).time().equals(sorted.get(i).time())) j++;
      Map<Asset, List<Fill>> byAsset = new LinkedHashMap<>();
      for (Fill f : sorted.subList(i, j))
        byAsset.computeIfAbsent(f.asset(), a -> new ArrayList<>()).add(f);
      for (Map.Entry<Asset, List<Fill>> group : byAsset.entrySet()) {
        List<Fill> chained = chain(group.getValue(), position.get(group.getKey()));
        out.addAll(chained);
        position.put(group.getKey(), endPosition(chained.getLast()));
      }
      i = j;
    }
    return out;
  }

  /**
   * {@code group} (one asset, one time) as a chain of start and end positions, starting at {@code
   * before} when known.
   */
  private static List<Fill> chain(List<Fill> group, BigDecimal before) {
    if (group.size() == 1) return group;
    List<Fill> rest = new ArrayList<>(group);
    int head = before == null ? -1 : startingAt(rest, before);
    for (int k = 0; k < rest.size() && head < 0 && before == null; k++) {
      boolean follows = false;
      for (int m = 0; m < rest.size(); m++) {
        if (m != k && endPosition(rest.get(m)).compareTo(rest.get(k).startPosition()) == 0)
          follows = true;
      }
      if (!follows) head = k;
    }
    if (head < 0 && before == null) head = startingAt(rest, BigDecimal.ZERO);
    if (head < 0) return group;
    List<Fill> chain = new ArrayList<>(group.size());
    Fill last = rest.remove(head);
    chain.add(last);
    while (!rest.isEmpty()) {
      int next = startingAt(rest, endPosition(last));
      if (next < 0) break;
      last = rest.remove(next);
      chain.add(last);
    }
    chain.addAll(rest);
    return chain;
  }

  /** The index of the first fill of {@code fills} that starts at {@code position}, or -1. */
  private static int startingAt(List<Fill> fills, BigDecimal position) {
    for (int k = 0; k < fills.size(); k++)
      if (fills.get(k).startPosition().compareTo(position) == 0) return k;
    return -1;
  }

  private static BigDecimal endPosition(Fill f) {
    return f.startPosition().add(f.side() == Side.BUY ? f.size() : f.size().negate());
  }

  private static Side sideOf(BigDecimal signedSize) {
    return signedSize.signum() > 0 ? Side.BUY : Side.SELL;
  }

  /** A trade being accumulated from fills. */
  private static final class OpenTrade {
    final Asset asset;
    final Side side;
    final Instant openTime;
    final boolean carriedIn;
    BigDecimal openedSize = BigDecimal.ZERO;
    BigDecimal openedNotional = BigDecimal.ZERO;
    BigDecimal closedSize = BigDecimal.ZERO;
    BigDecimal closedNotional = BigDecimal.ZERO;
    BigDecimal pnl = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;

    OpenTrade(Asset asset, Side side, Instant openTime, boolean carriedIn) {
      this.asset = asset;
      this.side = side;
      this.openTime = openTime;
      this.carriedIn = carriedIn;
    }

    void open(BigDecimal size, BigDecimal price, BigDecimal fee, BigDecimal closedPnl) {
      openedSize = openedSize.add(size);
      openedNotional = openedNotional.add(size.multiply(price));
      fees = fees.add(fee);
      pnl = pnl.add(closedPnl);
    }

    void close(BigDecimal size, BigDecimal price, BigDecimal fee, BigDecimal closedPnl) {
      closedSize = closedSize.add(size);
      closedNotional = closedNotional.add(size.multiply(price));
      fees = fees.add(fee);
      pnl = pnl.add(closedPnl);
    }

    ClosedTrade finish(Instant closeTime) {
      BigDecimal exit = closedNotional.divide(closedSize, MC);
      BigDecimal entry =
          carriedIn
              ? exit.subtract(
                  pnl.divide(closedSize.multiply(BigDecimal.valueOf(side.sign())), MC), MC)
              : openedNotional.divide(openedSize, MC);
      return new ClosedTrade(
          asset,
          side,
          closedSize,
          entry,
          exit,
          openTime,
          closeTime,
          pnl,
          fees,
          openedNotional.add(closedNotional));
    }
  }

  /** The equity before the first trade. */
  public BigDecimal startingEquity() {
    return startingEquity;
  }

  /** The starting equity plus the net PnL (trades and funding). */
  public BigDecimal endingEquity() {
    return startingEquity.add(netPnl());
  }

  /** The closed trades, in close-time order. */
  public List<ClosedTrade> trades() {
    return trades;
  }

  /** How many trades closed. */
  public int tradeCount() {
    return trades.size();
  }

  /** How many trades netted more than zero. */
  public int winCount() {
    return wins;
  }

  /** How many trades netted less than zero. */
  public int lossCount() {
    return losses;
  }

  /** Wins divided by all trades, in {@code [0, 1]}; 0 when there are no trades. */
  public double winRate() {
    return trades.isEmpty() ? 0 : (double) wins / trades.size();
  }

  /** The sum of the winning trades' net PnL, {@code >= 0}. */
  public BigDecimal grossProfit() {
    return grossProfit;
  }

  /** The sum of the losing trades' net losses as a positive amount, {@code >= 0}. */
  public BigDecimal grossLoss() {
    return grossLoss;
  }

  /** The mean net PnL of the winning trades, {@code >= 0}; zero when there are none. */
  public BigDecimal averageWin() {
    return wins == 0 ? BigDecimal.ZERO : grossProfit.divide(BigDecimal.valueOf(wins), MC);
  }

  /** The mean net PnL of the losing trades: a negative amount, or zero when there are none. */
  public BigDecimal averageLoss() {
    return losses == 0
        ? BigDecimal.ZERO
        : grossLoss.negate().divide(BigDecimal.valueOf(losses), MC);
  }

  /** The mean net PnL of all trades; zero when there are none. */
  public BigDecimal averageTrade() {
    return trades.isEmpty()
        ? BigDecimal.ZERO
        : realizedPnl.subtract(fees).divide(BigDecimal.valueOf(trades.size()), MC);
  }

  /**
   * Gross profit divided by gross loss. {@code 0.0} when every trade lost; {@link
   * Double#POSITIVE_INFINITY} when there were wins and no loss (JSON has no infinity: serialise it
   * as null or a string); empty when there was neither a win nor a loss (no trades, or only trades
   * that netted zero).
   */
  public OptionalDouble profitFactor() {
    if (grossLoss.signum() == 0)
      return grossProfit.signum() == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(Double.POSITIVE_INFINITY);
    return OptionalDouble.of(grossProfit.divide(grossLoss, MC).doubleValue());
  }

  /** The notional traded by all trades, entries and exits together. */
  public BigDecimal totalVolume() {
    return volume;
  }

  /** The realised PnL of all trades before fees. */
  public BigDecimal realizedPnl() {
    return realizedPnl;
  }

  /** The fees of all trades (negative for a net rebate). */
  public BigDecimal fees() {
    return fees;
  }

  /**
   * The funding received (negative: paid) by the payments this record carries; zero without them.
   */
  public BigDecimal funding() {
    return funding;
  }

  /** The funding payments this record carries, oldest first. */
  public List<FundingPayment> fundingPayments() {
    return fundingPayments;
  }

  /** The realised PnL after fees, with funding: {@code realizedPnl − fees + funding}. */
  public BigDecimal netPnl() {
    return realizedPnl.subtract(fees).add(funding);
  }

  /** Net PnL as a fraction of the starting equity ({@code 0.05} is +5 %). */
  public double totalReturn() {
    return netPnl().divide(startingEquity, MC).doubleValue();
  }

  /** The largest fall of the equity curve from a previous peak, in money, {@code >= 0}. */
  public BigDecimal maxDrawdown() {
    return maxDrawdown;
  }

  /**
   * The largest fall of the equity curve from a previous peak as a fraction of that peak ({@code
   * 0.1} is 10 %).
   */
  public double maxDrawdownFraction() {
    return maxDrawdownFraction;
  }

  /**
   * The per-trade, non-annualised Sharpe ratio defined in the class documentation; empty when
   * undefined.
   */
  public OptionalDouble sharpeRatio() {
    return sharpe;
  }

  /**
   * The equity curve: the starting equity at the first trade's open time, then one point per trade
   * at its close time. Empty when there are no trades.
   */
  public List<EquityPoint> equityCurve() {
    return curve;
  }

  /**
   * The track record of each asset's trades alone, with the same starting equity, ordered by asset
   * name. Empty when there are no trades.
   */
  public SortedMap<Asset, TrackRecord> perAsset() {
    return perAsset;
  }

  /** A one-line summary for logs. */
  @Override
  public String toString() {
    OptionalDouble pf = profitFactor();
    return "TrackRecord{trades="
        + trades.size()
        + ", winRate="
        + round(winRate())
        + ", netPnl="
        + netPnl().toPlainString()
        + ", fees="
        + fees.toPlainString()
        + ", funding="
        + funding.toPlainString()
        + ", profitFactor="
        + (pf.isPresent() ? round(pf.getAsDouble()) : "n/a")
        + ", maxDrawdown="
        + maxDrawdown.toPlainString()
        + " ("
        + round(maxDrawdownFraction)
        + ")"
        + ", sharpe="
        + (sharpe.isPresent() ? round(sharpe.getAsDouble()) : "n/a")
        + "}";
  }

  private static String round(double d) {
    if (!Double.isFinite(d)) return String.valueOf(d);
    return BigDecimal.valueOf(d)
        .setScale(4, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }
}
