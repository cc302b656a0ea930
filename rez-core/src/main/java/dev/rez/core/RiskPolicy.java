package dev.rez.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate every {@link TradeDecision} passes before an order is built. It approves, adjusts (clips
 * size or leverage) or rejects, and always says why.
 *
 * <pre>{@code
 * RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), Clock.systemUTC());
 * RiskVerdict v = policy.evaluate(decision, exchange.accountState(), markPrice);
 * if (v.allowed()) execute(v.decision());
 * }</pre>
 *
 * <p>It keeps a little state: the equity at the start of the UTC day (for the daily-loss halt), the
 * time and outcome of the last close per asset (for cooldowns) and a halt flag. Feed it with {@link
 * #observe} every cycle and {@link #recordClose} for every closed position; {@link #evaluate} also
 * observes the account it is given before judging an open, so the daily-loss limit holds even when
 * a caller forgets. Closing and holding are always allowed, even when halted: they never add risk.
 *
 * <p>Before approving an open it makes sure the stop-loss triggers well before liquidation: it
 * estimates the isolated-margin liquidation distance at leverage {@code L} as {@code (1/L − m) / (1
 * + m)}, where {@code m} is the maintenance margin rate, half the initial margin at the venue's
 * maximum leverage (Hyperliquid's rule), and keeps the stop within 80 % of that distance by
 * lowering the leverage. When the venue's maximum is unknown (the three-argument {@link
 * #evaluate(TradeDecision, AccountState, BigDecimal) evaluate}) it assumes the worst case, a venue
 * maximum equal to the requested leverage. Cross margin only moves liquidation farther away.
 *
 * <p>Reason codes, in the order the checks run. Rejections: {@code no-position}, {@code halted},
 * {@code asset-not-allowed}, {@code position-exists}, {@code cooldown}, {@code stop-loss-missing},
 * {@code stop-loss-wrong-side}, {@code take-profit-missing}, {@code take-profit-wrong-side}, {@code
 * stop-loss-too-close}, {@code stop-loss-too-far}, {@code reward-risk-too-low}, {@code
 * stop-beyond-liquidation}, {@code no-equity}, {@code below-minimum-order}. Moving the stop-loss of
 * an open position is rejected with {@code stop-beyond-liquidation} too when it would not lie
 * within 80 % of the way from the current price to the position's reported liquidation price.
 * Adjustments (the decision is approved with a smaller leverage or size): {@code leverage-clipped},
 * {@code leverage-clipped-venue}, {@code leverage-clipped-for-stop}, {@code margin-clipped}, {@code
 * available-margin-clipped}, {@code position-notional-clipped}, {@code total-notional-clipped}.
 * Adjusted sizes are rounded down to cents. The free-margin clip keeps 2 % of the equity unused, so
 * that the exchange, which checks the margin at the mark the order meets and after the fees of
 * earlier fills, does not refuse an entry the policy sized to the last cent.
 *
 * <p>This class is threadsafe.
 */
public final class RiskPolicy {
  private static final MathContext MC = MathContext.DECIMAL64;

  /** The stop-loss must lie within this fraction of the estimated liquidation distance. */
  private static final double LIQUIDATION_BUFFER = 0.8;

  /**
   * The share of the equity an entry leaves free: the exchange checks an order's margin at the mark
   * it meets, after the fees of earlier fills, so an entry sized to the last cent of free margin is
   * refused after the smallest move.
   */
  static final BigDecimal FREE_MARGIN_RESERVE = new BigDecimal("0.02");

  private final RiskLimits limits;
  private final Clock clock;

  private LocalDate day;
  private BigDecimal dayStartEquity;
  private BigDecimal lastEquity;
  private Halt halt;
  private final Map<Asset, LastClose> lastClose = new HashMap<>();

  /**
   * Why and until when trading is halted.
   *
   * @param reason a sentence
   * @param until when it lifts by itself, null when only {@link #resume()} lifts it
   */
  public record Halt(String reason, Instant until) {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException naming the component that is out of range and its value
     * @throws NullPointerException naming a required component that is null
     */
    public Halt {
      Checks.notBlank(reason, "reason");
    }
  }

  private record LastClose(Instant time, boolean loss) {}

  /**
   * The daily-loss baseline: the equity at the start of a UTC day, from which that day's loss is
   * measured. An application persists it (see {@link #dayBaseline()}) and seeds a new policy with
   * it after a restart ({@link #restoreDayBaseline}) so that losses made earlier the same day still
   * count.
   *
   * @param day the UTC day
   * @param startEquity the equity the day's loss is measured from, {@code >= 0}
   */
  public record DayBaseline(LocalDate day, BigDecimal startEquity) {
    /**
     * Checks every component.
     *
     * @throws IllegalArgumentException when {@code startEquity} is negative, naming it and its
     *     value
     * @throws NullPointerException naming a component that is null
     */
    public DayBaseline {
      Checks.notNull(day, "day");
      Checks.nonNegative(startEquity, "startEquity");
    }
  }

  /** A policy enforcing {@code limits}, reading time from {@code clock}. */
  public RiskPolicy(RiskLimits limits, Clock clock) {
    this.limits = Checks.notNull(limits, "limits");
    this.clock = Checks.notNull(clock, "clock");
  }

  /** The limits this policy enforces. */
  public RiskLimits limits() {
    return limits;
  }

  /**
   * Records the account's equity: starts a new UTC day's baseline when the day changed, and halts
   * trading until the next UTC day when the day's loss reaches {@link
   * RiskLimits#maxDailyLossFraction()}.
   */
  public synchronized void observe(AccountState account) {
    Checks.notNull(account, "account");
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    lastEquity = account.equity();
    if (!today.equals(day)) {
      day = today;
      dayStartEquity = account.equity();
      if (halt != null && halt.until() != null && !now.isBefore(halt.until())) halt = null;
    }
    if (dayStartEquity.signum() > 0) {
      BigDecimal loss = dayStartEquity.subtract(account.equity());
      BigDecimal limit = dayStartEquity.multiply(limits.maxDailyLossFraction(), MC);
      if (loss.compareTo(limit) >= 0 && halt == null) {
        Instant nextDay = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        halt =
            new Halt(
                "daily loss "
                    + money(loss)
                    + " reached the limit "
                    + money(limit)
                    + " ("
                    + percent(limits.maxDailyLossFraction())
                    + " of the day's starting equity "
                    + money(dayStartEquity)
                    + ")",
                nextDay);
      }
    }
  }

  /** The current daily-loss baseline, empty before the first {@link #observe}. */
  public synchronized Optional<DayBaseline> dayBaseline() {
    return day == null ? Optional.empty() : Optional.of(new DayBaseline(day, dayStartEquity));
  }

  /**
   * Seeds the daily-loss baseline, typically with one persisted before a restart: when {@code
   * baseline} is for the current UTC day, the next {@link #observe} measures the day's loss from
   * its {@code startEquity} (and halts at once when that loss already reaches the limit); a
   * baseline of another day is ignored, and the next {@link #observe} starts a fresh one.
   *
   * @return true when the baseline was taken (it is for today)
   */
  public synchronized boolean restoreDayBaseline(DayBaseline baseline) {
    Checks.notNull(baseline, "baseline");
    if (!baseline.day().equals(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) return false;
    day = baseline.day();
    dayStartEquity = baseline.startEquity();
    return true;
  }

  /**
   * Records that the position in {@code asset} was closed with {@code realizedPnl}: starts its
   * cooldown.
   */
  public synchronized void recordClose(Asset asset, Instant time, BigDecimal realizedPnl) {
    Checks.notNull(asset, "asset");
    Checks.notNull(time, "time");
    Checks.notNull(realizedPnl, "realizedPnl");
    LastClose previous = lastClose.get(asset);
    if (previous == null || !time.isBefore(previous.time()))
      lastClose.put(asset, new LastClose(time, realizedPnl.signum() < 0));
  }

  /** Halts new entries until {@link #resume()} or {@code until} (null for no end). */
  public synchronized void halt(String reason, Instant until) {
    halt = new Halt(reason, until);
  }

  /**
   * Lifts a halt (the manual reset). The day's loss is then measured afresh from the equity last
   * observed, so a daily-loss halt does not come straight back at the next {@link #observe}:
   * trading halts again only after a further loss of {@link RiskLimits#maxDailyLossFraction()}.
   */
  public synchronized void resume() {
    halt = null;
    if (lastEquity != null) dayStartEquity = lastEquity;
  }

  /** The current halt, if trading is halted now. */
  public synchronized Optional<Halt> halted() {
    if (halt != null && halt.until() != null && !clock.instant().isBefore(halt.until()))
      halt = null;
    return Optional.ofNullable(halt);
  }

  /**
   * Judges {@code decision} against the limits, the account and the current price, assuming the
   * worst case for the venue's maximum leverage (see the class documentation).
   *
   * @param decision the proposal
   * @param account the account now (equity, positions)
   * @param markPrice the asset's current price, the expected entry for opens
   * @return the verdict, with every reason
   */
  public RiskVerdict evaluate(TradeDecision decision, AccountState account, BigDecimal markPrice) {
    return evaluate(decision, account, markPrice, null);
  }

  /**
   * Judges {@code decision} like {@link #evaluate(TradeDecision, AccountState, BigDecimal)},
   * knowing what the venue allows for the asset: leverage above {@link AssetInfo#maxLeverage()} is
   * clipped, and the liquidation estimate uses the venue's maintenance margin.
   *
   * @param decision the proposal
   * @param account the account now (equity, positions)
   * @param markPrice the asset's current price, the expected entry for opens
   * @param venue what the venue says about the decision's asset, or null when unknown
   * @return the verdict, with every reason
   * @throws IllegalArgumentException if {@code venue} describes another asset than the decision's
   */
  public synchronized RiskVerdict evaluate(
      TradeDecision decision, AccountState account, BigDecimal markPrice, AssetInfo venue) {
    Checks.notNull(decision, "decision");
    Checks.notNull(account, "account");
    Checks.positive(markPrice, "markPrice");
    if (venue != null && !venue.asset().equals(decision.asset())) {
      throw new IllegalArgumentException(
          "venue describes " + venue.asset() + " but the decision is about " + decision.asset());
    }
    return switch (decision.action()) {
      case HOLD -> new RiskVerdict(RiskVerdict.Outcome.APPROVED, decision, List.of());
      case CLOSE ->
          account.position(decision.asset()).isPresent()
              ? new RiskVerdict(RiskVerdict.Outcome.APPROVED, decision, List.of())
              : reject(
                  decision,
                  "no-position",
                  "there is no open " + decision.asset() + " position to close");
      case ADJUST_PROTECTION -> evaluateAdjust(decision, account, markPrice);
      case OPEN_LONG, OPEN_SHORT -> evaluateOpen(decision, account, markPrice, venue);
    };
  }

  private RiskVerdict evaluateAdjust(TradeDecision d, AccountState account, BigDecimal mark) {
    Optional<Position> position = account.position(d.asset());
    if (position.isEmpty())
      return reject(d, "no-position", "there is no open " + d.asset() + " position to protect");
    boolean isLong = position.get().isLong();
    List<RiskVerdict.Reason> problems = new ArrayList<>();
    if (d.stopLoss() != null) {
      checkSide("stop-loss", isLong, d.stopLoss(), mark, "the current price", problems);
      BigDecimal distance = distance(d.stopLoss(), mark);
      if (problems.isEmpty() && distance.compareTo(limits.minStopDistance()) < 0) {
        problems.add(stopOutOfRange(d.stopLoss(), distance, "the current price " + plain(mark)));
      }
      BigDecimal fromEntry = distance(d.stopLoss(), position.get().entryPrice());
      boolean widening =
          isLong
              ? d.stopLoss().compareTo(position.get().entryPrice()) < 0
              : d.stopLoss().compareTo(position.get().entryPrice()) > 0;
      if (widening && fromEntry.compareTo(limits.maxStopDistance()) > 0) {
        problems.add(stopOutOfRange(d.stopLoss(), fromEntry, "the entry"));
      }
      BigDecimal liq = position.get().liquidationPrice();
      if (problems.isEmpty() && liq != null && liq.signum() > 0) {
        // The stop must fire well before liquidation: within 80 % of the way from the price to the
        // liquidation price.
        BigDecimal limit =
            mark.add(liq.subtract(mark).multiply(BigDecimal.valueOf(LIQUIDATION_BUFFER), MC));
        boolean beyond =
            isLong ? d.stopLoss().compareTo(limit) <= 0 : d.stopLoss().compareTo(limit) >= 0;
        if (beyond) {
          problems.add(
              reason(
                  "stop-beyond-liquidation",
                  "stop-loss "
                      + plain(d.stopLoss())
                      + " would not trigger well before the liquidation price "
                      + plain(liq)
                      + ": it must be "
                      + (isLong ? "above " : "below ")
                      + plain(limit.round(new MathContext(8)))
                      + " (80 % of the way from the current price "
                      + plain(mark)
                      + ")"));
        }
      }
    }
    if (d.takeProfit() != null) {
      checkSide("take-profit", isLong, d.takeProfit(), mark, "the current price", problems);
    }
    return problems.isEmpty()
        ? new RiskVerdict(RiskVerdict.Outcome.APPROVED, d, List.of())
        : new RiskVerdict(RiskVerdict.Outcome.REJECTED, d, problems);
  }

  private RiskVerdict evaluateOpen(
      TradeDecision d, AccountState account, BigDecimal mark, AssetInfo venue) {
    observe(account);
    Instant now = clock.instant();
    Optional<Halt> h = halted();
    if (h.isPresent())
      return reject(
          d,
          "halted",
          "trading is halted: "
              + h.get().reason()
              + (h.get().until() == null ? "" : " (until " + h.get().until() + ")"));
    if (!limits.allows(d.asset())) {
      return reject(
          d,
          "asset-not-allowed",
          d.asset()
              + " is not among the allowed assets "
              + limits.allowedAssets().stream().sorted().toList());
    }
    if (account.position(d.asset()).isPresent()) {
      return reject(
          d,
          "position-exists",
          "a "
              + d.asset()
              + " position is already open: close it or adjust its protection instead");
    }
    LastClose lc = lastClose.get(d.asset());
    if (lc != null) {
      Duration cooldown =
          lc.loss()
              ? Duration.ofMillis(
                  new BigDecimal(limits.cooldown().toMillis())
                      .multiply(limits.lossCooldownMultiplier())
                      .longValue())
              : limits.cooldown();
      Instant free = lc.time().plus(cooldown);
      if (now.isBefore(free)) {
        return reject(
            d,
            "cooldown",
            d.asset()
                + " is cooling down after a "
                + (lc.loss() ? "losing " : "")
                + "close at "
                + lc.time()
                + " until "
                + free
                + " ("
                + cooldown.toMinutes()
                + " min)");
      }
    }

    boolean isLong = d.action() == TradeDecision.Action.OPEN_LONG;
    List<RiskVerdict.Reason> problems = new ArrayList<>();
    if (d.stopLoss() == null) {
      problems.add(reason("stop-loss-missing", "a stop-loss is required for every new position"));
    } else {
      checkSide("stop-loss", isLong, d.stopLoss(), mark, "the entry", problems);
    }
    if (d.takeProfit() == null) {
      problems.add(
          reason(
              "take-profit-missing",
              "a take-profit is required to check the reward-to-risk ratio"));
    } else {
      checkSide("take-profit", isLong, d.takeProfit(), mark, "the entry", problems);
    }
    if (!problems.isEmpty()) return new RiskVerdict(RiskVerdict.Outcome.REJECTED, d, problems);

    BigDecimal risk = mark.subtract(d.stopLoss()).abs();
    BigDecimal stopDistance = risk.divide(mark, MC);
    if (stopDistance.compareTo(limits.minStopDistance()) < 0
        || stopDistance.compareTo(limits.maxStopDistance()) > 0) {
      problems.add(stopOutOfRange(d.stopLoss(), stopDistance, "the entry " + plain(mark)));
    }
    BigDecimal reward = d.takeProfit().subtract(mark).abs();
    BigDecimal rr = reward.divide(risk, MC);
    if (rr.compareTo(limits.minRewardRisk()) < 0) {
      problems.add(
          reason(
              "reward-risk-too-low",
              "reward-to-risk "
                  + rr.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                  + " is below the minimum "
                  + limits.minRewardRisk().toPlainString()));
    }
    if (!problems.isEmpty()) return new RiskVerdict(RiskVerdict.Outcome.REJECTED, d, problems);

    // Sizing: leverage first (it decides the margin), then each notional cap in turn.
    List<RiskVerdict.Reason> adjustments = new ArrayList<>();
    int leverage = d.leverage();
    int maxLev = limits.effectiveMaxLeverage();
    if (leverage > maxLev) {
      adjustments.add(
          reason(
              "leverage-clipped",
              "leverage "
                  + leverage
                  + "x clipped to the maximum "
                  + maxLev
                  + "x"
                  + (limits.hardLeverageCap() < limits.maxLeverage()
                      ? " (hard cap)"
                      : " (" + limits.profile() + " profile)")));
      leverage = maxLev;
    }
    if (venue != null && leverage > venue.maxLeverage()) {
      adjustments.add(
          reason(
              "leverage-clipped-venue",
              "leverage "
                  + leverage
                  + "x clipped to "
                  + venue.maxLeverage()
                  + "x, the venue's maximum for "
                  + d.asset()));
      leverage = venue.maxLeverage();
    }
    // The stop must trigger well before liquidation: lower the leverage until it lies within 80 %
    // of the
    // estimated liquidation distance.
    int liqSafe = leverage;
    while (liqSafe >= 1
        && stopDistance.doubleValue() > LIQUIDATION_BUFFER * liquidationDistance(liqSafe, venue))
      liqSafe--;
    if (liqSafe < 1) {
      return reject(
          d,
          "stop-beyond-liquidation",
          "stop-loss "
              + percent(stopDistance)
              + " away would not trigger before liquidation even at 1x");
    }
    if (leverage > liqSafe) {
      adjustments.add(
          reason(
              "leverage-clipped-for-stop",
              "leverage "
                  + leverage
                  + "x lowered to "
                  + liqSafe
                  + "x so the stop-loss "
                  + percent(stopDistance)
                  + " away triggers before liquidation"));
      leverage = liqSafe;
    }

    BigDecimal notional = d.notionalUsd();
    BigDecimal equity = account.equity();
    if (equity.signum() <= 0) return reject(d, "no-equity", "account equity is " + money(equity));
    BigDecimal marginCap =
        equity.multiply(limits.maxMarginFraction(), MC).multiply(BigDecimal.valueOf(leverage), MC);
    notional =
        clip(
            notional,
            marginCap,
            "margin-clipped",
            "notional clipped to "
                + percent(limits.maxMarginFraction())
                + " of equity "
                + money(equity)
                + " as margin at "
                + leverage
                + "x",
            adjustments);
    BigDecimal free = equity.subtract(account.marginUsed()).max(BigDecimal.ZERO);
    BigDecimal reserve = equity.multiply(FREE_MARGIN_RESERVE, MC);
    BigDecimal available =
        free.subtract(reserve).max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(leverage), MC);
    notional =
        clip(
            notional,
            available,
            "available-margin-clipped",
            "notional clipped to the free margin "
                + money(free)
                + " less "
                + money(reserve)
                + " kept for price moves and fees, at "
                + leverage
                + "x",
            adjustments);
    if (limits.maxPositionNotional() != null) {
      notional =
          clip(
              notional,
              limits.maxPositionNotional(),
              "position-notional-clipped",
              "notional clipped to the per-position maximum " + money(limits.maxPositionNotional()),
              adjustments);
    }
    if (limits.maxTotalNotional() != null) {
      BigDecimal open = BigDecimal.ZERO;
      for (Position p : account.positions()) open = open.add(p.absSize().multiply(p.entryPrice()));
      BigDecimal room = limits.maxTotalNotional().subtract(open).max(BigDecimal.ZERO);
      notional =
          clip(
              notional,
              room,
              "total-notional-clipped",
              "notional clipped to the room "
                  + money(room)
                  + " left under the total maximum "
                  + money(limits.maxTotalNotional()),
              adjustments);
    }
    // The adjusted size is rounded down to cents: check the minimum on what will be sent.
    if (!adjustments.isEmpty()) notional = notional.setScale(2, RoundingMode.DOWN);
    if (notional.compareTo(limits.minOrderValue()) < 0) {
      List<RiskVerdict.Reason> all = new ArrayList<>(adjustments);
      all.add(
          reason(
              "below-minimum-order",
              "notional "
                  + money(notional)
                  + " is below the minimum order value "
                  + money(limits.minOrderValue())));
      return new RiskVerdict(RiskVerdict.Outcome.REJECTED, d, all);
    }
    if (adjustments.isEmpty()) return new RiskVerdict(RiskVerdict.Outcome.APPROVED, d, List.of());
    return new RiskVerdict(
        RiskVerdict.Outcome.ADJUSTED, d.withSize(notional, leverage), adjustments);
  }

  /**
   * The estimated distance from entry to liquidation, as a fraction of entry, of an isolated
   * position at {@code leverage}: {@code (1/L − m) / (1 + m)} (the smaller of the long and short
   * distances), with the maintenance margin rate {@code m} half the initial margin at the venue's
   * maximum leverage, or at {@code leverage} itself when the venue is unknown.
   */
  static double liquidationDistance(int leverage, AssetInfo venue) {
    double m = 1.0 / (2.0 * (venue == null ? leverage : Math.max(leverage, venue.maxLeverage())));
    return (1.0 / leverage - m) / (1 + m);
  }

  private static BigDecimal clip(
      BigDecimal value, BigDecimal cap, String code, String message, List<RiskVerdict.Reason> out) {
    if (value.compareTo(cap) <= 0) return value;
    out.add(
        reason(code, message + " (requested " + money(value) + ", allowed " + money(cap) + ")"));
    return cap;
  }

  /**
   * Adds a {@code <label>-wrong-side} problem unless {@code level} lies on its side of {@code
   * price}: a stop-loss below it for a long and above it for a short, a take-profit the reverse.
   */
  private static void checkSide(
      String label,
      boolean isLong,
      BigDecimal level,
      BigDecimal price,
      String what,
      List<RiskVerdict.Reason> out) {
    boolean above = label.equals("take-profit") == isLong;
    boolean right = above ? level.compareTo(price) > 0 : level.compareTo(price) < 0;
    if (!right) {
      out.add(
          reason(
              label + "-wrong-side",
              label
                  + " "
                  + plain(level)
                  + " must be "
                  + (above ? "above" : "below")
                  + " "
                  + what
                  + " "
                  + plain(price)
                  + " for a "
                  + (isLong ? "long" : "short")));
    }
  }

  /**
   * The problem with a stop-loss {@code distance} (a fraction) away {@code from} a price that lies
   * outside the limits: closer than the minimum or farther than the maximum.
   */
  private RiskVerdict.Reason stopOutOfRange(BigDecimal stop, BigDecimal distance, String from) {
    boolean close = distance.compareTo(limits.minStopDistance()) < 0;
    return reason(
        close ? "stop-loss-too-close" : "stop-loss-too-far",
        "stop-loss "
            + plain(stop)
            + " is "
            + percent(distance)
            + " from "
            + from
            + (close
                ? ", closer than the minimum " + percent(limits.minStopDistance())
                : ", farther than the maximum " + percent(limits.maxStopDistance())));
  }

  private static BigDecimal distance(BigDecimal level, BigDecimal price) {
    return level.subtract(price).abs().divide(price, MC);
  }

  private static RiskVerdict reject(TradeDecision d, String code, String message) {
    return new RiskVerdict(RiskVerdict.Outcome.REJECTED, d, List.of(reason(code, message)));
  }

  private static RiskVerdict.Reason reason(String code, String message) {
    return new RiskVerdict.Reason(code, message);
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  private static String money(BigDecimal v) {
    return "$" + v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String percent(BigDecimal fraction) {
    return fraction
            .multiply(BigDecimal.valueOf(100))
            .round(new MathContext(3))
            .stripTrailingZeros()
            .toPlainString()
        + " %";
  }
}
