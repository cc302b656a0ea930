package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Moves simulated time forward: plays each account's intrabar path up to the target, paying hourly
 * funding and running a scheduled cancel at their moments on the way. Called under the engine's
 * lock.
 */
final class Clock {
  static final long HOUR_MS = 3_600_000L;

  private final Engine engine;
  private final PathPlayer player;
  private final Fills fills;

  Clock(Engine engine, Margin margin, Fills fills, SyntheticBook books) {
    this.engine = engine;
    this.fills = fills;
    this.player = new PathPlayer(engine, margin, fills, books);
  }

  void advanceTo(long target) {
    target = Math.min(target, engine.timeline.endMs());
    long now = engine.now;
    if (target <= now) return;
    BigDecimal rate = engine.config.fundingRate();
    for (Account a : engine.accounts.values()) {
      // Events in time order: funding on every hour, the scheduled cancel, then the target.
      long hour = (Math.floorDiv(now, HOUR_MS) + 1) * HOUR_MS;
      while (true) {
        Long cancelAt =
            a.scheduledCancel != null && a.scheduledCancel > now && a.scheduledCancel <= target
                ? a.scheduledCancel
                : null;
        boolean funding = rate.signum() != 0 && hour <= target;
        if (cancelAt != null && (!funding || cancelAt < hour)) {
          player.playAll(a, cancelAt);
          for (SimOrder o : a.openOrders()) fills.close(o, "scheduledCancel", cancelAt);
          a.scheduledCancel = null;
        } else if (funding) {
          player.playAll(a, hour);
          payFunding(a, hour);
          hour += HOUR_MS;
        } else {
          break;
        }
      }
      player.playAll(a, target);
    }
    engine.now = target;
  }

  /**
   * Hourly funding at the public price of that hour: longs pay shorts when the rate is positive.
   */
  private void payFunding(Account a, long t) {
    BigDecimal rate = engine.config.fundingRate();
    for (Market m : engine.markets()) {
      BigDecimal szi = a.szi(m.index);
      if (szi.signum() == 0) continue;
      BigDecimal usdc =
          szi.multiply(engine.timeline.priceAt(m, t))
              .multiply(rate)
              .negate()
              .setScale(6, RoundingMode.HALF_EVEN);
      a.fundingPaid = a.fundingPaid.add(usdc);
      Account.Position p = a.position(m.index);
      p.fundingSinceOpen = p.fundingSinceOpen.add(usdc);
      p.fundingSinceChange = p.fundingSinceChange.add(usdc);
      a.fundingAllTime.merge(m.index, usdc, BigDecimal::add);
      a.fundings.add(new Account.Funding(t, m.coin, rate, szi, usdc));
    }
  }
}
