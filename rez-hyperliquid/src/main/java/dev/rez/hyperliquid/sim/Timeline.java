package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import java.math.BigDecimal;
import java.util.List;

/**
 * Simulated time against the markets' candles: which candle a time falls in, how far into it, and
 * the public (neutral path) price there. Stateless apart from the shared origin and candle length.
 */
final class Timeline {
  private final List<Market> markets;
  private final long origin;
  private final long durationMs;

  Timeline(List<Market> markets) {
    this.markets = markets;
    this.origin = markets.getFirst().origin;
    this.durationMs = markets.getFirst().durationMs;
  }

  long durationMs() {
    return durationMs;
  }

  /** The last time the simulation can reach, or {@link Long#MAX_VALUE}. */
  long endMs() {
    long end = Long.MAX_VALUE;
    for (Market m : markets)
      if (m.size() != Integer.MAX_VALUE) end = Math.min(end, m.openMs(m.size()));
    return end;
  }

  /** The first candle boundary after {@code t}. */
  long nextBoundary(long t) {
    return origin + (Math.floorDiv(t - origin, durationMs) + 1) * durationMs;
  }

  /**
   * The candle index and fraction at time {@code t}: a boundary belongs to the candle it closes.
   */
  double[] kf(long t) {
    long d = t - origin;
    if (d <= 0) return new double[] {0, 0};
    long k = (d - 1) / durationMs;
    return new double[] {k, (d - k * durationMs) / (double) durationMs};
  }

  /** The public (neutral path) price of a market at time {@code t}. */
  BigDecimal priceAt(Market m, long t) {
    double[] kf = kf(t);
    Candle c = m.candle((int) kf[0]);
    return Market.priceAt(Market.vertices(c, Market.neutralLowFirst(c)), kf[1]);
  }

  /**
   * The candle in progress (or just closed) at {@code t}, cut there: high/low so far, close = the
   * price at t.
   */
  Candle partialCandle(Market m, long t) {
    double[] kf = kf(t);
    Candle c = m.candle((int) kf[0]);
    if (kf[1] >= 1) return c;
    BigDecimal[] v = Market.vertices(c, Market.neutralLowFirst(c));
    BigDecimal[] range = Market.rangeUpTo(v, kf[1]);
    double close = Market.priceAt(v, kf[1]).doubleValue();
    return new Candle(
        c.openTime(),
        c.interval(),
        c.open(),
        range[1].doubleValue(),
        range[0].doubleValue(),
        close,
        c.volume() * kf[1]);
  }

  /** The {low, high} the public path has traded so far in the candle of {@code t}. */
  BigDecimal[] tradedRange(Market m, long t) {
    double[] kf = kf(t);
    Candle c = m.candle((int) kf[0]);
    return Market.rangeUpTo(Market.vertices(c, Market.neutralLowFirst(c)), kf[1]);
  }
}
