package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.Engine.MC;

import dev.rez.core.Candle;
import dev.rez.hyperliquid.sim.Engine.Book;
import dev.rez.hyperliquid.sim.Engine.Level;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic order book around the public price, and taking liquidity from it. Accounts never
 * trade with one another: every level is the house's. Called under the engine's lock.
 */
final class SyntheticBook {
  private final Engine.Config config;
  private final Fills fills;

  SyntheticBook(Engine.Config config, Fills fills) {
    this.config = config;
    this.fills = fills;
  }

  /**
   * {@code levels} levels a side around {@code mid}: a half spread, then one basis point a level,
   * sizes growing.
   */
  Book book(Market m, BigDecimal mid, int levels) {
    BigDecimal tick = Prices.tick(mid, m.szDecimals);
    BigDecimal half = halfSpread(mid, m);
    BigDecimal step = mid.divide(BigDecimal.valueOf(10_000), MC).max(tick);
    BigDecimal lot = BigDecimal.ONE.scaleByPowerOfTen(-m.szDecimals);
    BigDecimal base =
        config.levelNotional().divide(mid, MC).setScale(m.szDecimals, RoundingMode.FLOOR).max(lot);
    List<Level> bids = new ArrayList<>();
    List<Level> asks = new ArrayList<>();
    BigDecimal lastBid = null;
    BigDecimal lastAsk = null;
    for (int i = 0; i < levels; i++) {
      BigDecimal offset = half.add(step.multiply(BigDecimal.valueOf(i)));
      BigDecimal bid = Prices.roundPrice(mid.subtract(offset), m.szDecimals, RoundingMode.FLOOR);
      BigDecimal ask = Prices.roundPrice(mid.add(offset), m.szDecimals, RoundingMode.CEILING);
      if (lastBid != null && bid.compareTo(lastBid) >= 0)
        bid =
            Prices.roundPrice(
                lastBid.subtract(Prices.tick(lastBid, m.szDecimals)),
                m.szDecimals,
                RoundingMode.FLOOR);
      if (lastAsk != null && ask.compareTo(lastAsk) <= 0)
        ask =
            Prices.roundPrice(
                lastAsk.add(Prices.tick(lastAsk, m.szDecimals)),
                m.szDecimals,
                RoundingMode.CEILING);
      BigDecimal sz =
          base.multiply(BigDecimal.valueOf(4 + i))
              .divide(BigDecimal.valueOf(4), MC)
              .setScale(m.szDecimals, RoundingMode.FLOOR);
      if (bid.signum() > 0) bids.add(new Level(bid, sz, 1 + i % 3));
      asks.add(new Level(ask, sz, 1 + i % 3));
      lastBid = bid;
      lastAsk = ask;
    }
    return new Book(bids, asks);
  }

  /** Half the configured spread at {@code px}, at least one tick. */
  private BigDecimal halfSpread(BigDecimal px, Market m) {
    return px.multiply(config.spreadBps())
        .divide(BigDecimal.valueOf(20_000), MC)
        .max(Prices.tick(px, m.szDecimals));
  }

  /**
   * Where a market order sent at path price {@code px} executes: on the far side of the synthetic
   * book, as an IOC does (the best ask for a buy, the best bid for a sell), kept inside the range
   * of the candle it trades in.
   */
  BigDecimal acrossTheSpread(SimOrder o, BigDecimal px) {
    Market m = o.market;
    BigDecimal half = halfSpread(px, m);
    BigDecimal p =
        o.buy
            ? Prices.roundPrice(px.add(half), m.szDecimals, RoundingMode.CEILING)
            : Prices.roundPrice(px.subtract(half), m.szDecimals, RoundingMode.FLOOR);
    Candle c = m.candle(o.account.paths.get(m.index).k);
    return p.max(BigDecimal.valueOf(c.low())).min(BigDecimal.valueOf(c.high()));
  }

  /**
   * Takes liquidity from the book up to the order's limit at time {@code t}; prices stay inside
   * {@code range}, the {low, high} the candle has traded so far.
   */
  void take(SimOrder o, Book book, BigDecimal[] range, long t) {
    Account a = o.account;
    for (Level level : o.buy ? book.asks() : book.bids()) {
      if (o.sz.signum() <= 0 || !o.isOpen()) break;
      if (o.buy ? level.px().compareTo(o.limitPx) > 0 : level.px().compareTo(o.limitPx) < 0) break;
      BigDecimal px = level.px().max(range[0]).min(range[1]);
      BigDecimal size = o.sz.min(level.sz());
      if (o.reduceOnly) {
        BigDecimal szi = a.szi(o.market.index);
        if (szi.signum() == 0) break;
        size = size.min(szi.abs());
      }
      fills.fill(o, px, size, true, false, t);
    }
  }
}
