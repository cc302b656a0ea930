package dev.rez.app.loop;

import dev.rez.core.Asset;
import dev.rez.core.AssetInfo;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.MarginMode;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Executes approved decisions on an {@link Exchange}: entries with their take-profit and stop-loss
 * in one grouped request, closes, protection changes, and the stop-loss a position must always
 * have. Every request and answer goes to the diary.
 *
 * <p>Client order ids are derived from the run id, the cycle, the asset and the order's role, and
 * for an order that may be sent again within a cycle (a close that did not fill, a stop-loss
 * repaired again) from its attempt: the exchange refuses a cloid it has seen. Each request is sent
 * once: the exchange client alone resends a request whose answer was lost (the identical signed
 * bytes); when a call still fails, the executor resolves what became of its orders by cloid ({@link
 * Exchange#orderResult}) and never sends them again. The entry's own result (its filled size) says
 * whether a position was opened, not an account read that may lag. After an entry fills, the
 * executor checks that the stop-loss rests; it retries once and otherwise closes the position at
 * once, recording why: no position is left without a stop-loss.
 *
 * <pre>{@code
 * Executor executor = new Executor(exchange, diary, clock, Executor.Settings.defaults("run-1"));
 * Executor.Result r = executor.open(cycle, verdict.decision(), mark, assetInfo, System.nanoTime());
 * }</pre>
 *
 * <p>Not threadsafe: the trading loop drives it from one thread.
 */
public final class Executor {
  /** How far behind this clock the exchange's may run when fills are read back by time. */
  static final Duration FILL_CLOCK_MARGIN = Duration.ofMinutes(5);

  /**
   * How orders are priced.
   *
   * @param runId distinguishes this run's client order ids from every other run's
   * @param entrySlippage how far through the mark an entry or close IOC may fill, as a fraction
   *     (0.01 = 1 %)
   * @param protectionSlippage worst fill beyond a triggered take-profit or stop-loss, as a fraction
   * @param marginMode the margin mode set for new positions
   */
  public record Settings(
      String runId,
      BigDecimal entrySlippage,
      BigDecimal protectionSlippage,
      MarginMode marginMode) {
    public Settings {
      Objects.requireNonNull(runId, "runId == null");
      fraction(entrySlippage, "entrySlippage");
      fraction(protectionSlippage, "protectionSlippage");
      Objects.requireNonNull(marginMode, "marginMode == null");
    }

    /** 1 % entry slippage, 5 % beyond triggers, cross margin. */
    public static Settings defaults(String runId) {
      return new Settings(runId, new BigDecimal("0.01"), new BigDecimal("0.05"), MarginMode.CROSS);
    }

    private static void fraction(BigDecimal v, String name) {
      Objects.requireNonNull(v, name + " == null");
      if (v.signum() <= 0 || v.compareTo(new BigDecimal("0.5")) > 0)
        throw new IllegalArgumentException(
            name + " must be in (0, 0.5] but was " + v.toPlainString());
    }
  }

  /** What came of an execution. */
  public enum Status {
    /** A position was opened and its stop-loss rests. */
    OPENED,
    /** The entry did not fill (IOC found no liquidity within the slippage bound). */
    NOT_FILLED,
    /** The exchange refused the request. */
    REJECTED,
    /** The position was closed. */
    CLOSED,
    /** The position was opened but its stop-loss could not be placed, so it was closed at once. */
    CLOSED_UNPROTECTED,
    /** Protection was placed or moved. */
    PROTECTED,
    /**
     * Something failed; the diary says what. Reconciliation repairs protection on the next cycle.
     */
    FAILED
  }

  /**
   * The result of one execution.
   *
   * @param status what happened
   * @param detail a sentence for the diary and the logs
   * @param latencyMs decision → orders acknowledged, or -1 when nothing was acknowledged
   */
  public record Result(Status status, String detail, long latencyMs) {}

  private final Exchange exchange;
  private final Recorder rec;
  private final Settings settings;

  /** How many cloids {@link #freshCloid} gave each asset and role in {@link #attemptsCycle}. */
  private final Map<String, Integer> attempts = new HashMap<>();

  private final Clock clock;

  private long attemptsCycle = Long.MIN_VALUE;

  /** An executor trading on {@code exchange}, recording to {@code diary}. */
  public Executor(Exchange exchange, dev.rez.core.Diary diary, Clock clock, Settings settings) {
    this(
        exchange,
        new Recorder(Objects.requireNonNull(diary, "diary == null"), clock),
        clock,
        settings);
  }

  Executor(Exchange exchange, Recorder rec, Clock clock, Settings settings) {
    this.exchange = Objects.requireNonNull(exchange, "exchange == null");
    this.rec = rec;
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
  }

  /**
   * The client order id of the order with {@code role} for {@code asset} in {@code cycle} of this
   * run.
   */
  public ClientOrderId cloid(long cycle, Asset asset, String role) {
    return ClientOrderId.derive(settings.runId() + "/" + cycle + "/" + asset.name() + "/" + role);
  }

  /**
   * A client order id never used before for one more attempt at the order with {@code role} for
   * {@code asset} in {@code cycle}: the first is {@link #cloid cloid(cycle, asset, role)}, the n-th
   * that of role {@code role + "#" + n}. The exchange refuses a cloid it has seen, also that of an
   * order that did not fill, so every order that may be sent again in one cycle takes its cloid
   * here: a close that did not fill, a second flatten, a stop-loss the watchdog repairs between
   * cycles. Deterministic within a run; the counts are kept for the latest cycle only (cycles only
   * go forward).
   */
  ClientOrderId freshCloid(long cycle, Asset asset, String role) {
    if (cycle != attemptsCycle) {
      attempts.clear();
      attemptsCycle = cycle;
    }
    int n = attempts.merge(asset.name() + "/" + role, 1, Integer::sum);
    return cloid(cycle, asset, n == 1 ? role : role + "#" + n);
  }

  /**
   * Opens the position of an approved {@code OPEN_LONG}/{@code OPEN_SHORT} decision: sets leverage,
   * sends an IOC entry with its take-profit and stop-loss as one grouped request, then verifies
   * that the stop-loss rests.
   *
   * @param mark the current mark price (the expected entry)
   * @param decidedAtNanos {@link System#nanoTime()} when the decision was made, for the decision →
   *     acknowledgement latency (wall-clock time, also when the loop runs on simulated time)
   */
  public Result open(
      long cycle, TradeDecision d, BigDecimal mark, AssetInfo info, long decidedAtNanos) {
    if (!d.action().opens())
      throw new IllegalArgumentException(
          "open needs OPEN_LONG or OPEN_SHORT but was " + d.action());
    if (d.stopLoss() == null)
      throw new IllegalArgumentException("refusing to open " + d.asset() + " without a stop-loss");
    Asset asset = d.asset();
    Side side = d.entrySide();
    BigDecimal size =
        exchange.roundSize(
            info, d.notionalUsd().divide(mark, 12, RoundingMode.DOWN), RoundingMode.DOWN);
    if (size.signum() <= 0) {
      rec.error(
          cycle,
          asset,
          "execution",
          "notional $"
              + d.notionalUsd().toPlainString()
              + " rounds to a zero size at "
              + mark.toPlainString());
      return new Result(Status.REJECTED, "size rounds to zero", -1);
    }
    try {
      exchange.setLeverage(asset, d.leverage(), settings.marginMode());
    } catch (RuntimeException e) {
      rec.error(cycle, asset, "set-leverage", e);
      return new Result(Status.FAILED, "leverage could not be set: " + e.getMessage(), -1);
    }
    OrderRequest entry =
        new OrderRequest(
            asset,
            side,
            size,
            slipped(mark, side, settings.entrySlippage(), info),
            TimeInForce.IOC,
            false,
            cloid(cycle, asset, "entry"));
    List<TriggerOrder> protection = new ArrayList<>();
    if (d.takeProfit() != null)
      protection.add(
          trigger(
              asset,
              side.opposite(),
              size,
              TriggerKind.TAKE_PROFIT,
              d.takeProfit(),
              info,
              cloid(cycle, asset, "tp")));
    TriggerOrder sl =
        trigger(
            asset,
            side.opposite(),
            size,
            TriggerKind.STOP_LOSS,
            d.stopLoss(),
            info,
            cloid(cycle, asset, "sl"));
    protection.add(sl);

    Instant sentAt = clock.instant();
    List<OrderResult> results = sendGrouped(cycle, entry, protection);
    long latency = results == null ? -1 : (System.nanoTime() - decidedAtNanos) / 1_000_000;
    if (results != null && !results.isEmpty()) {
      recordAnswer(cycle, asset, openOrder(entry, protection), results, latency);
    }
    if (results != null && results.isEmpty())
      return new Result(
          Status.FAILED, "the entry request failed and the exchange has none of its orders", -1);

    // The exchange's answer for the entry decides, not an account read that may not show the fill
    // yet.
    OrderResult first = results == null ? null : results.get(0);
    if (first instanceof OrderResult.Rejected r) {
      cancelByCloid(cycle, asset, protection);
      return new Result(Status.REJECTED, "entry rejected: " + r.error(), latency);
    }
    if (first instanceof OrderResult.Filled f && f.totalSize().signum() == 0) {
      cancelByCloid(cycle, asset, protection);
      return new Result(Status.NOT_FILLED, "the entry did not fill", latency);
    }
    Optional<Position> position = exchange.accountState().position(asset);
    if (position.isEmpty()
        && first instanceof OrderResult.Filled f
        && closedAnOpposite(f.orderId(), sentAt)) {
      // The entry met a position on the other side of exactly its size and closed it: nothing is
      // open, and the entry's protection would sell (or buy) a position that does not exist.
      cancelByCloid(cycle, asset, protection);
      return new Result(
          Status.FAILED,
          "the entry met a position on the other side and closed it; nothing is open",
          latency);
    }
    if (position.isEmpty() && first instanceof OrderResult.Filled f) {
      reconcileEvent(
          cycle,
          asset,
          "the entry filled "
              + f.totalSize().toPlainString()
              + " but the account does not show the position yet; keeping its protection");
      BigDecimal signed = side == Side.BUY ? f.totalSize() : f.totalSize().negate();
      position =
          Optional.of(
              new Position(
                  asset,
                  signed,
                  f.averagePrice().signum() > 0 ? f.averagePrice() : mark,
                  BigDecimal.ZERO,
                  d.leverage(),
                  null,
                  BigDecimal.ZERO));
    }
    if (position.isPresent() && position.get().side() != side) {
      // The entry met a position on the other side (opened meanwhile, by hand or another client)
      // and only reduced it: the entry's protection is on the wrong side for what is left.
      cancelByCloid(cycle, asset, protection);
      return new Result(
          Status.FAILED,
          "the entry met a "
              + (position.get().side() == Side.BUY ? "long" : "short")
              + " position of "
              + position.get().absSize().toPlainString()
              + " and reduced it; its protection is repaired by reconciliation",
          latency);
    }
    if (position.isEmpty()) {
      // Outcome unknown: the protection stays as it is (it only acts with a position); the next
      // cycle reconciles.
      rec.error(
          cycle,
          asset,
          "execution",
          "the entry's outcome is unknown and no position is visible; nothing is cancelled, the next reconciliation checks "
              + asset);
      return new Result(Status.FAILED, "the entry's outcome is unknown", latency);
    }
    return verifyProtection(
        cycle,
        position.get(),
        d.takeProfit(),
        d.stopLoss(),
        mark,
        info,
        latency,
        accepted(results, sl.cloid()));
  }

  /**
   * True when the exchange lists a fill of order {@code orderId} that reduced a position on the
   * other side ({@link Fill#closing()}); false when it lists none (its reads may lag) or cannot be
   * read.
   */
  private boolean closedAnOpposite(long orderId, Instant sentAt) {
    try {
      // A margin for the exchange's clock running behind this one.
      for (Fill f : exchange.fills(sentAt.minus(FILL_CLOCK_MARGIN)))
        if (f.orderId() == orderId && f.closing()) return true;
      return false;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** True when {@code results} say the order carrying {@code cloid} was accepted. */
  private static boolean accepted(List<OrderResult> results, ClientOrderId cloid) {
    if (results == null) return false;
    for (OrderResult r : results) {
      if (cloid.equals(r.cloid()) && r.accepted()) return true;
    }
    return false;
  }

  /**
   * Sends entry + protection once. The exchange client owns resending a request whose answer was
   * lost (it resends the identical signed request, which cannot apply twice); when the call still
   * fails, the executor only resolves what became of the orders by cloid and never sends them
   * again. Null when the outcome is unknown, empty when the exchange has none of the orders.
   */
  private List<OrderResult> sendGrouped(
      long cycle, OrderRequest entry, List<TriggerOrder> protection) {
    Asset asset = entry.asset();
    try {
      return exchange.placeWithProtection(entry, protection);
    } catch (RuntimeException failed) {
      recordFailure(cycle, asset, openOrder(entry, protection), failed);
      List<ClientOrderId> cloids = new ArrayList<>();
      cloids.add(entry.cloid());
      for (TriggerOrder t : protection) cloids.add(t.cloid());
      return resolve(cycle, asset, cloids);
    }
  }

  /**
   * What became of the orders of a failed request, by cloid: their results (Rejected for those the
   * exchange does not know, never taken for accepted) when it knows one of them, empty when it
   * knows none, null when they cannot be looked up. Records the outcome; never sends anything.
   */
  private List<OrderResult> resolve(long cycle, Asset asset, List<ClientOrderId> cloids) {
    List<OrderResult> found = new ArrayList<>();
    boolean any = false;
    try {
      for (ClientOrderId c : cloids) {
        Optional<OrderResult> r = exchange.orderResult(c);
        any |= r.isPresent();
        found.add(r.orElse(new OrderResult.Rejected("unknown to the exchange", c)));
      }
    } catch (RuntimeException lookupFailed) {
      // Not knowing whether the request went through, sending it again could double the position.
      rec.error(
          cycle,
          asset,
          "execution",
          "request failed and its orders could not be looked up by cloid, not resending: "
              + describe(lookupFailed));
      return null;
    }
    if (any) {
      rec.event(
          cycle,
          "reconcile",
          asset,
          Json.obj(
              "detail",
              "request failed; the exchange has its orders by cloid, not resending",
              "found",
              Recorder.results(found)));
      return found;
    }
    reconcileEvent(
        cycle,
        asset,
        "request failed and the exchange has none of its orders by cloid; not resending");
    return List.of();
  }

  /** A {@code reconcile} event: what the exchange showed of an order whose outcome was unsure. */
  private void reconcileEvent(long cycle, Asset asset, String detail) {
    rec.event(cycle, "reconcile", asset, Json.obj("detail", detail));
  }

  /**
   * Checks that {@code position} has a resting stop-loss (and the take-profit asked for); places
   * what is missing once more, and closes the position at once when the stop-loss still cannot be
   * placed.
   *
   * @param slAccepted the exchange accepted the entry's stop-loss (it may not be listed yet)
   */
  private Result verifyProtection(
      long cycle,
      Position position,
      BigDecimal takeProfit,
      BigDecimal stopLoss,
      BigDecimal mark,
      AssetInfo info,
      long latency,
      boolean slAccepted) {
    Asset asset = position.asset();
    Side closing = position.side().opposite();
    List<OpenOrder> orders = exchange.openOrders();
    boolean hasSl = slAccepted || hasTrigger(orders, asset, closing, TriggerKind.STOP_LOSS);
    boolean hasTp =
        takeProfit == null || hasTrigger(orders, asset, closing, TriggerKind.TAKE_PROFIT);
    if (hasSl && hasTp)
      return new Result(
          Status.OPENED,
          "opened " + position.size().toPlainString() + " " + asset + " with protection resting",
          latency);

    List<TriggerOrder> retry = new ArrayList<>();
    if (!hasSl)
      retry.add(
          trigger(
              position, TriggerKind.STOP_LOSS, stopLoss, info, cloid(cycle, asset, "sl-retry")));
    if (!hasTp)
      retry.add(
          trigger(
              position,
              TriggerKind.TAKE_PROFIT,
              takeProfit,
              info,
              cloid(cycle, asset, "tp-retry")));
    rec.protection(
        cycle,
        asset,
        "retry",
        (hasSl ? "" : "stop-loss ")
            + (hasTp ? "" : "take-profit ")
            + "not resting after the entry; placing again");
    List<OrderResult> retried = placeProtection(cycle, asset, "protection-retry", retry);
    orders = exchange.openOrders();
    // The exchange's acceptance counts even when the order list does not show the order yet.
    hasSl =
        hasSl
            || accepted(retried, cloid(cycle, asset, "sl-retry"))
            || hasTrigger(orders, asset, closing, TriggerKind.STOP_LOSS);
    hasTp =
        hasTp
            || accepted(retried, cloid(cycle, asset, "tp-retry"))
            || hasTrigger(orders, asset, closing, TriggerKind.TAKE_PROFIT);
    if (hasSl) {
      if (!hasTp)
        rec.protection(
            cycle,
            asset,
            "take-profit-missing",
            "take-profit could not be placed; the stop-loss rests");
      return new Result(
          Status.OPENED,
          "opened " + position.size().toPlainString() + " " + asset + " after a protection retry",
          latency);
    }
    String why = "stop-loss could not be placed after a retry; closing the position";
    return closeUnprotected(cycle, position, mark, info, why, latency);
  }

  /** Closes {@code position}, whose stop-loss could not be placed, as {@code why} says. */
  private Result closeUnprotected(
      long cycle, Position position, BigDecimal mark, AssetInfo info, String why, long latency) {
    rec.protection(cycle, position.asset(), "closed-unprotected", why);
    Result closed = close(cycle, position, mark, info, "unprotected");
    return new Result(
        closed.status() == Status.CLOSED ? Status.CLOSED_UNPROTECTED : Status.FAILED,
        why + ": " + closed.detail(),
        latency);
  }

  /**
   * Closes {@code position} with a reduce-only IOC order, then cancels its take-profit and
   * stop-loss orders.
   *
   * @param why the reason, for the diary
   */
  public Result close(long cycle, Position position, BigDecimal mark, AssetInfo info, String why) {
    Asset asset = position.asset();
    Side side = position.side().opposite();
    OrderRequest order =
        new OrderRequest(
            asset,
            side,
            exchange.roundSize(info, position.absSize(), RoundingMode.DOWN),
            slipped(mark, side, settings.entrySlippage(), info),
            TimeInForce.IOC,
            true,
            freshCloid(cycle, asset, "close-" + why));
    long startNanos = System.nanoTime();
    List<OrderResult> results;
    try {
      results = exchange.place(List.of(order));
    } catch (RuntimeException e) {
      recordFailure(cycle, asset, closeOrder(why, order), e);
      results = resolve(cycle, asset, List.of(order.cloid()));
      if (results != null && results.isEmpty()) results = null;
    }
    long latency = (System.nanoTime() - startNanos) / 1_000_000;
    if (results != null) recordAnswer(cycle, asset, closeOrder(why, order), results, latency);
    if (exchange.accountState().position(asset).isPresent()) {
      rec.error(cycle, asset, "close", "the position is still open after the close order");
      return new Result(Status.FAILED, "close did not fill", latency);
    }
    cancelTriggers(cycle, asset, exchange.openOrders(), null, "position closed");
    return new Result(Status.CLOSED, "closed " + asset + " (" + why + ")", latency);
  }

  /**
   * Moves the take-profit and/or stop-loss of {@code position} as an approved {@code
   * ADJUST_PROTECTION} decision asks: places the new trigger first, then cancels the old one of the
   * same kind, so the position is never without a stop-loss.
   */
  public Result adjust(long cycle, TradeDecision d, Position position, AssetInfo info) {
    Asset asset = position.asset();
    Side closing = position.side().opposite();
    List<OpenOrder> before = exchange.openOrders();
    List<String> done = new ArrayList<>();
    for (TriggerKind kind : TriggerKind.values()) {
      BigDecimal level = kind == TriggerKind.STOP_LOSS ? d.stopLoss() : d.takeProfit();
      if (level == null) continue;
      TriggerOrder t =
          trigger(position, kind, level, info, cloid(cycle, asset, "adjust-" + kindId(kind)));
      List<OrderResult> r = placeProtection(cycle, asset, "adjust", List.of(t));
      if (r.size() == 1 && r.get(0).accepted()) {
        for (OpenOrder o : before) {
          if (o.asset().equals(asset) && o.trigger() == kind && o.side() == closing)
            cancel(cycle, o, "replaced by the adjusted " + kindId(kind));
        }
        done.add(kindId(kind) + " → " + t.triggerPrice().toPlainString());
      } else {
        rec.protection(
            cycle,
            asset,
            "adjust-failed",
            kindId(kind) + " " + level.toPlainString() + " not placed; the previous one stays");
      }
    }
    return done.isEmpty()
        ? new Result(Status.FAILED, "no protection moved", -1)
        : new Result(Status.PROTECTED, String.join(", ", done), -1);
  }

  /**
   * Places a stop-loss for {@code position} at {@code level}; retries once; when it still does not
   * rest, closes the position at once. Used when a position is found without one.
   */
  public Result ensureStopLoss(
      long cycle,
      Position position,
      BigDecimal level,
      BigDecimal mark,
      AssetInfo info,
      String role) {
    Asset asset = position.asset();
    Side closing = position.side().opposite();
    for (int attempt = 1; attempt <= 2; attempt++) {
      TriggerOrder sl =
          trigger(
              position,
              TriggerKind.STOP_LOSS,
              level,
              info,
              freshCloid(cycle, asset, role + "-" + attempt));
      List<OrderResult> r = placeProtection(cycle, asset, "stop-loss", List.of(sl));
      // The exchange's acceptance decides, not an order list that may not show the order yet.
      if ((r.size() == 1 && r.get(0).accepted()) || safeLookup(sl.cloid())) {
        return new Result(
            Status.PROTECTED, "stop-loss placed at " + sl.triggerPrice().toPlainString(), -1);
      }
    }
    String why = "stop-loss could not be placed twice; closing the position";
    return closeUnprotected(cycle, position, mark, info, why, -1);
  }

  /**
   * Places trigger orders attached to the current position, recording request and answer; empty on
   * failure.
   */
  List<OrderResult> placeProtection(
      long cycle, Asset asset, String kind, List<TriggerOrder> triggers) {
    long start = System.nanoTime();
    try {
      List<OrderResult> r = exchange.placeProtection(triggers);
      recordAnswer(
          cycle, asset, triggerOrder(kind, triggers), r, (System.nanoTime() - start) / 1_000_000);
      return r;
    } catch (RuntimeException e) {
      recordFailure(cycle, asset, triggerOrder(kind, triggers), e);
      return List.of();
    }
  }

  /** An order event's head for an entry sent with its protection. */
  private static Map<String, Object> openOrder(OrderRequest entry, List<TriggerOrder> protection) {
    return Json.obj(
        "kind",
        "open",
        "request",
        Json.obj("entry", Recorder.order(entry), "protection", Recorder.triggers(protection)));
  }

  /** An order event's head for a reduce-only close. */
  private static Map<String, Object> closeOrder(String why, OrderRequest order) {
    return Json.obj("kind", "close", "reason", why, "request", Recorder.order(order));
  }

  /** An order event's head for trigger orders of {@code kind} attached to a position. */
  private static Map<String, Object> triggerOrder(String kind, List<TriggerOrder> triggers) {
    return Json.obj("kind", kind, "request", Recorder.triggers(triggers));
  }

  /** Records the order event {@code head} with what the exchange answered and how fast. */
  private void recordAnswer(
      long cycle,
      Asset asset,
      Map<String, Object> head,
      List<OrderResult> results,
      long latencyMs) {
    head.put("results", Recorder.results(results));
    head.put("latencyMs", latencyMs);
    rec.event(cycle, "order", asset, head);
  }

  /** Records the order event {@code head} of a request that failed: no results, the error. */
  private void recordFailure(long cycle, Asset asset, Map<String, Object> head, Exception e) {
    head.put("results", List.of());
    head.put("error", describe(e));
    rec.event(cycle, "order", asset, head);
  }

  /**
   * Cancels trigger orders of {@code asset} (of {@code kind}, or every kind when null), one by one
   * by id.
   */
  int cancelTriggers(
      long cycle, Asset asset, List<OpenOrder> orders, TriggerKind kind, String why) {
    int n = 0;
    for (OpenOrder o : orders) {
      if (o.asset().equals(asset)
          && o.isTrigger()
          && (kind == null || o.trigger() == kind)
          && cancel(cycle, o, why)) n++;
    }
    return n;
  }

  /** A {@code kind} trigger that closes all of {@code position} at {@code level}. */
  TriggerOrder trigger(
      Position position, TriggerKind kind, BigDecimal level, AssetInfo info, ClientOrderId cloid) {
    return trigger(
        position.asset(), position.side().opposite(), position.absSize(), kind, level, info, cloid);
  }

  /** Cancels one order by id, recording it; true when the exchange cancelled it. */
  boolean cancel(long cycle, OpenOrder o, String why) {
    try {
      boolean cancelled = exchange.cancel(o.asset(), o.orderId());
      rec.protection(
          cycle,
          o.asset(),
          cancelled ? "cancelled" : "already-gone",
          (o.trigger() == null ? "order" : kindId(o.trigger()))
              + " "
              + o.orderId()
              + (o.triggerPrice() == null ? "" : " at " + o.triggerPrice().toPlainString())
              + ": "
              + why);
      return cancelled;
    } catch (RuntimeException e) {
      rec.error(cycle, o.asset(), "cancel", "order " + o.orderId() + ": " + describe(e));
      return false;
    }
  }

  private void cancelByCloid(long cycle, Asset asset, List<TriggerOrder> triggers) {
    for (TriggerOrder t : triggers) {
      try {
        exchange.orderByCloid(t.cloid()).ifPresent(o -> cancel(cycle, o, "its entry did not fill"));
      } catch (RuntimeException e) {
        rec.error(cycle, asset, "cancel", "lookup of " + t.cloid() + " failed: " + describe(e));
      }
    }
  }

  private boolean safeLookup(ClientOrderId cloid) {
    try {
      return exchange.orderByCloid(cloid).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static boolean hasTrigger(List<OpenOrder> orders, Asset asset, Side closing, TriggerKind kind) {
    for (OpenOrder o : orders) {
      if (o.asset().equals(asset) && o.trigger() == kind && o.side() == closing) return true;
    }
    return false;
  }

  TriggerOrder trigger(
      Asset asset,
      Side closing,
      BigDecimal size,
      TriggerKind kind,
      BigDecimal level,
      AssetInfo info,
      ClientOrderId cloid) {
    // Round the trigger towards the position's side of the market: never a looser stop than
    // approved.
    boolean closingSells = closing == Side.SELL;
    RoundingMode mode =
        kind == TriggerKind.STOP_LOSS
            ? (closingSells ? RoundingMode.CEILING : RoundingMode.FLOOR)
            : (closingSells ? RoundingMode.FLOOR : RoundingMode.CEILING);
    BigDecimal triggerPx = exchange.roundPrice(info, level, mode);
    BigDecimal limit = slipped(triggerPx, closing, settings.protectionSlippage(), info);
    return new TriggerOrder(
        asset,
        closing,
        exchange.roundSize(info, size, RoundingMode.DOWN),
        kind,
        triggerPx,
        true,
        limit,
        cloid);
  }

  /**
   * {@code px} moved by {@code fraction} in the direction that lets an order on {@code side} fill,
   * rounded towards px.
   */
  private BigDecimal slipped(BigDecimal px, Side side, BigDecimal fraction, AssetInfo info) {
    BigDecimal factor =
        side == Side.BUY ? BigDecimal.ONE.add(fraction) : BigDecimal.ONE.subtract(fraction);
    return exchange.roundPrice(
        info, px.multiply(factor), side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
  }

  static String kindId(TriggerKind k) {
    return k == TriggerKind.STOP_LOSS ? "stop-loss" : "take-profit";
  }

  static String describe(Throwable t) {
    return t.getMessage() == null
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
