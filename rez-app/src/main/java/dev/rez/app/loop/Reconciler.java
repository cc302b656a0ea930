package dev.rez.app.loop;

import dev.rez.app.live.LiveSnapshot;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetInfo;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the exchange's protection in line with its positions: a stop-loss for every position
 * (placed per the policy when missing, else the position is closed), take-profit and stop-loss
 * re-armed to the position's size after a partial close, trigger orders of positions that no longer
 * exist cancelled one by one. Take-profit and stop-loss are told apart by their trigger kind;
 * nothing is ever "cancel all". Internal.
 */
final class Reconciler {
  /**
   * What one sweep looks at: the account and the resting orders read together, the prices and asset
   * infos its repairs are built with, and the cycle they are recorded under.
   *
   * @param cycle the cycle the repairs are recorded under
   * @param account the positions to protect
   * @param orders the resting orders, plain and trigger, read with {@code account}
   * @param marks the latest price of each asset (a missing stop-loss is placed relative to it)
   * @param infos each asset's size and price rules
   */
  record Sweep(
      long cycle,
      AccountState account,
      List<OpenOrder> orders,
      Map<Asset, BigDecimal> marks,
      Map<Asset, AssetInfo> infos) {

    /** The sweep of {@code snap}'s account, orders and marks. */
    static Sweep of(long cycle, LiveSnapshot snap, Map<Asset, AssetInfo> infos) {
      return new Sweep(
          cycle, snap.account().value(), snap.orders().value(), snap.markPrices(), infos);
    }
  }

  private final Executor executor;
  private final Recorder rec;
  private final BigDecimal stopFraction;

  Reconciler(Executor executor, Recorder rec, BigDecimal stopFraction) {
    this.executor = executor;
    this.rec = rec;
    this.stopFraction = stopFraction;
  }

  /**
   * @param startup true on start (events typed {@code reconcile}), false per cycle ({@code
   *     protection})
   * @return how many repairs were made
   */
  int reconcile(Sweep s, boolean startup) {
    long cycle = s.cycle();
    AccountState account = s.account();
    List<OpenOrder> orders = s.orders();
    int repairs = protectPositions(s, startup);
    Set<Asset> withPosition = new HashSet<>();
    for (Position p : account.positions()) withPosition.add(p.asset());
    for (OpenOrder o : orders) {
      if (o.isTrigger() && !withPosition.contains(o.asset())) {
        note(
            cycle,
            o.asset(),
            startup,
            "stale-trigger",
            Executor.kindId(o.trigger())
                + " "
                + o.orderId()
                + " protects no position; cancelling it");
        if (executor.cancel(cycle, o, "stale: no " + o.asset() + " position")) repairs++;
      }
    }
    if (startup)
      rec.event(
          cycle,
          "reconcile",
          null,
          Json.obj(
              "detail",
              "reconciled "
                  + account.positions().size()
                  + " position(s) and "
                  + orders.size()
                  + " open order(s); "
                  + repairs
                  + " repair(s)"));
    return repairs;
  }

  /**
   * The per-position half of {@link #reconcile}: every position gets a stop-loss (placed per the
   * policy when missing), and triggers of the wrong size are re-armed. Never touches orders of
   * assets without a position (an entry may be in flight there). The protection watchdog uses it
   * between cycles; its repairs take fresh client order ids ({@link Executor#freshCloid}), as it
   * may repair the same position more than once in one cycle.
   *
   * @return how many repairs were made
   */
  int protectPositions(Sweep s, boolean startup) {
    return protectPositions(s, startup, a -> true);
  }

  /**
   * {@link #protectPositions(Sweep, boolean)} for the positions of the assets {@code which} takes.
   */
  int protectPositions(Sweep s, boolean startup, java.util.function.Predicate<Asset> which) {
    int repairs = 0;
    for (Position p : s.account().positions()) {
      if (!which.test(p.asset())) continue;
      AssetInfo info = s.infos().get(p.asset());
      BigDecimal mark = s.marks().get(p.asset());
      if (info == null || mark == null) {
        rec.error(
            s.cycle(),
            p.asset(),
            "reconcile",
            "no market data for " + p.asset() + "; its protection cannot be checked");
        continue;
      }
      repairs += protect(s, p, mark, info, startup);
    }
    return repairs;
  }

  /**
   * The positions {@link #protectPositions} would repair: without a stop-loss on the closing side,
   * or whose stop-loss or take-profit does not cover the position's size. Reads nothing; cheap
   * enough to run every second.
   */
  static List<Asset> needingRepair(AccountState account, List<OpenOrder> orders) {
    List<Asset> out = new ArrayList<>();
    for (Position p : account.positions()) {
      Side closing = p.side().opposite();
      List<OpenOrder> sls = new ArrayList<>();
      List<OpenOrder> tps = new ArrayList<>();
      boolean wrongSide = false;
      for (OpenOrder o : orders) {
        if (!o.asset().equals(p.asset()) || !o.isTrigger()) continue;
        if (o.side() != closing) wrongSide = true;
        else (o.trigger() == TriggerKind.STOP_LOSS ? sls : tps).add(o);
      }
      if (wrongSide || sls.isEmpty() || !covers(sls, p) || (!tps.isEmpty() && !covers(tps, p)))
        out.add(p.asset());
    }
    return out;
  }

  private int protect(Sweep s, Position p, BigDecimal mark, AssetInfo info, boolean startup) {
    long cycle = s.cycle();
    Asset asset = p.asset();
    Side closing = p.side().opposite();
    List<OpenOrder> sls = new ArrayList<>();
    List<OpenOrder> tps = new ArrayList<>();
    for (OpenOrder o : s.orders()) {
      if (!o.asset().equals(asset) || !o.isTrigger()) continue;
      if (o.side() != closing) {
        note(
            cycle,
            asset,
            startup,
            "stale-trigger",
            Executor.kindId(o.trigger())
                + " "
                + o.orderId()
                + " is on the opening side; cancelling it");
        executor.cancel(cycle, o, "trigger on the wrong side of the position");
        continue;
      }
      (o.trigger() == TriggerKind.STOP_LOSS ? sls : tps).add(o);
    }
    int repairs = 0;
    if (sls.isEmpty()) {
      BigDecimal level = policyStop(p, mark);
      note(
          cycle,
          asset,
          startup,
          "stop-loss-missing",
          p.size().toPlainString()
              + " "
              + asset
              + " has no stop-loss; placing one at "
              + level.toPlainString());
      Executor.Result r = executor.ensureStopLoss(cycle, p, level, mark, info, "sl-reconcile");
      note(
          cycle,
          asset,
          startup,
          r.status() == Executor.Status.PROTECTED ? "stop-loss-placed" : "stop-loss-failed",
          r.detail());
      return 1;
    }
    if (!covers(sls, p)) {
      repairs += rearm(cycle, p, sls, TriggerKind.STOP_LOSS, info, startup);
    }
    if (!tps.isEmpty() && !covers(tps, p)) {
      repairs += rearm(cycle, p, tps, TriggerKind.TAKE_PROFIT, info, startup);
    }
    return repairs;
  }

  /**
   * Replaces triggers whose total size differs from the position's by one of the right size at the
   * same level.
   */
  private int rearm(
      long cycle,
      Position p,
      List<OpenOrder> existing,
      TriggerKind kind,
      AssetInfo info,
      boolean startup) {
    Asset asset = p.asset();
    // Keep the tightest level: the highest stop of a long, the lowest of a short (for take-profits
    // the nearest).
    OpenOrder ref = existing.get(0);
    for (OpenOrder o : existing) {
      boolean higher = o.triggerPrice().compareTo(ref.triggerPrice()) > 0;
      boolean tighter =
          kind == TriggerKind.STOP_LOSS ? (p.isLong() == higher) : (p.isLong() != higher);
      if (tighter) ref = o;
    }
    BigDecimal total = BigDecimal.ZERO;
    for (OpenOrder o : existing) total = total.add(o.size());
    note(
        cycle,
        asset,
        startup,
        "re-arm",
        Executor.kindId(kind)
            + " size "
            + total.toPlainString()
            + " differs from the position's "
            + p.absSize().toPlainString()
            + "; re-arming at "
            + ref.triggerPrice().toPlainString());
    TriggerOrder t =
        executor.trigger(
            p,
            kind,
            ref.triggerPrice(),
            info,
            executor.freshCloid(cycle, asset, "rearm-" + Executor.kindId(kind)));
    var results = executor.placeProtection(cycle, asset, "re-arm", List.of(t));
    if (results.size() == 1 && results.get(0).accepted()) {
      for (OpenOrder o : existing)
        executor.cancel(cycle, o, "replaced by the re-armed " + Executor.kindId(kind));
      return 1;
    }
    // The old, mis-sized trigger still protects: keep it rather than leave nothing.
    rec.error(
        cycle,
        asset,
        "reconcile",
        "re-arming the " + Executor.kindId(kind) + " failed; the previous one stays");
    return 0;
  }

  private static boolean covers(List<OpenOrder> triggers, Position p) {
    BigDecimal total = BigDecimal.ZERO;
    for (OpenOrder o : triggers) {
      // Size 0 is how a venue reports a trigger bound to the whole position (it follows the
      // position's size).
      if (o.size().signum() == 0) return true;
      total = total.add(o.size());
    }
    return total.compareTo(p.absSize()) == 0;
  }

  /**
   * The policy's stop for a position found without one: {@code stopFraction} beyond the worse of
   * entry and mark.
   */
  BigDecimal policyStop(Position p, BigDecimal mark) {
    if (p.isLong()) {
      BigDecimal base = p.entryPrice().min(mark);
      return base.multiply(BigDecimal.ONE.subtract(stopFraction));
    }
    BigDecimal base = p.entryPrice().max(mark);
    return base.multiply(BigDecimal.ONE.add(stopFraction));
  }

  private void note(long cycle, Asset asset, boolean startup, String action, String detail) {
    if (startup) rec.event(cycle, "reconcile", asset, Json.obj("action", action, "detail", detail));
    else rec.protection(cycle, asset, action, detail);
  }
}
