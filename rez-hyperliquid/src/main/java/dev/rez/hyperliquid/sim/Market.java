package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One perp market: its static facts and its candles laid back to back on the simulator's timeline
 * (candle {@code k} opens at {@code origin + k * interval}). Candles past the replay are made on
 * demand: looped or synthetic, or none ({@link AfterReplay#STOP}).
 *
 * <p>The intrabar path of a candle visits open, one extreme, the other extreme, then close, at
 * fractions 0, 1/3, 2/3 and 1 of the interval, linearly in between. Which extreme comes first is
 * chosen by the caller.
 */
final class Market {
  final int index;
  final String coin;
  final int szDecimals;
  final int maxLeverage;
  final Interval interval;
  final long origin;
  final long durationMs;
  private final List<Candle> replay;
  private final AfterReplay after;
  private final SyntheticCandles synthetic;
  private final List<Candle> timeline = new ArrayList<>();
  private double loopScale = 1;

  /**
   * Running sums over the timeline, so that a day's volume is two subtractions: entry {@code k}
   * sums volume × close (and volume) of candles {@code 0} to {@code k - 1}.
   */
  private double[] notionalSums = new double[1024];

  private double[] volumeSums = new double[1024];
  private int summed;

  Market(
      int index,
      String coin,
      int szDecimals,
      int maxLeverage,
      Interval interval,
      long origin,
      List<Candle> replay,
      AfterReplay after,
      long seed,
      double syntheticStart) {
    this.index = index;
    this.coin = coin;
    this.szDecimals = szDecimals;
    this.maxLeverage = maxLeverage;
    this.interval = interval;
    this.origin = origin;
    this.durationMs = interval.duration().toMillis();
    this.replay = List.copyOf(replay);
    this.after = replay.isEmpty() ? AfterReplay.SYNTHETIC : after;
    double start = replay.isEmpty() ? syntheticStart : replay.getLast().close();
    this.synthetic =
        this.after == AfterReplay.SYNTHETIC
            ? new SyntheticCandles(seed, start, volatility(replay), meanVolume(replay))
            : null;
  }

  /** The number of candles that exist, or {@link Integer#MAX_VALUE} when the market never ends. */
  int size() {
    return after == AfterReplay.STOP ? replay.size() : Integer.MAX_VALUE;
  }

  /** Candle {@code k} on the timeline. */
  Candle candle(int k) {
    if (k < 0 || k >= size())
      throw new IndexOutOfBoundsException("candle " + k + " of " + coin + " does not exist");
    while (timeline.size() <= k) timeline.add(make(timeline.size()));
    return timeline.get(k);
  }

  /**
   * The traded notional (volume × close) of candles {@code from} (inclusive) to {@code to}
   * (exclusive), {@code 0 <= from <= to}.
   */
  double notional(int from, int to) {
    sumTo(to);
    return notionalSums[to] - notionalSums[from];
  }

  /** The volume of candles {@code from} (inclusive) to {@code to} (exclusive). */
  double volume(int from, int to) {
    sumTo(to);
    return volumeSums[to] - volumeSums[from];
  }

  private void sumTo(int to) {
    if (to >= notionalSums.length) {
      int n = Math.max(to + 1, notionalSums.length * 2);
      notionalSums = java.util.Arrays.copyOf(notionalSums, n);
      volumeSums = java.util.Arrays.copyOf(volumeSums, n);
    }
    for (; summed < to; summed++) {
      Candle c = candle(summed);
      notionalSums[summed + 1] = notionalSums[summed] + c.volume() * c.close();
      volumeSums[summed + 1] = volumeSums[summed] + c.volume();
    }
  }

  long openMs(int k) {
    return origin + k * durationMs;
  }

  private Candle make(int k) {
    Instant open = Instant.ofEpochMilli(openMs(k));
    if (k < replay.size()) return relaid(replay.get(k), open, 1);
    if (after == AfterReplay.LOOP) {
      int i = k % replay.size();
      if (i == 0) loopScale = timeline.get(k - 1).close() / replay.getFirst().open();
      return relaid(replay.get(i), open, loopScale);
    }
    return synthetic.next(open, interval);
  }

  private Candle relaid(Candle c, Instant open, double scale) {
    if (scale == 1)
      return new Candle(open, interval, c.open(), c.high(), c.low(), c.close(), c.volume());
    return new Candle(
        open,
        interval,
        r(c.open() * scale),
        r(c.high() * scale),
        r(c.low() * scale),
        r(c.close() * scale),
        c.volume());
  }

  private static double r(double v) {
    return new BigDecimal(v).round(new MathContext(5, RoundingMode.HALF_EVEN)).doubleValue();
  }

  /** The path's vertices: open, first extreme, second extreme, close. */
  static BigDecimal[] vertices(Candle c, boolean lowFirst) {
    BigDecimal o = BigDecimal.valueOf(c.open());
    BigDecimal h = BigDecimal.valueOf(c.high());
    BigDecimal l = BigDecimal.valueOf(c.low());
    BigDecimal cl = BigDecimal.valueOf(c.close());
    return lowFirst ? new BigDecimal[] {o, l, h, cl} : new BigDecimal[] {o, h, l, cl};
  }

  /** The neutral order of extremes: a candle that closes up is assumed to have dipped first. */
  static boolean neutralLowFirst(Candle c) {
    return c.close() >= c.open();
  }

  /** The path price at fraction {@code f} of the candle. */
  static BigDecimal priceAt(BigDecimal[] v, double f) {
    if (f <= 0) return v[0];
    if (f >= 1) return v[3];
    int seg = Math.min(2, (int) Math.floor(f * 3));
    double local = f * 3 - seg;
    if (local == 0) return v[seg];
    BigDecimal a = v[seg];
    BigDecimal b = v[seg + 1];
    BigDecimal p =
        a.add(b.subtract(a).multiply(BigDecimal.valueOf(local)))
            .round(new MathContext(10, RoundingMode.HALF_EVEN));
    BigDecimal lo = a.min(b);
    BigDecimal hi = a.max(b);
    return p.max(lo).min(hi);
  }

  /** The lowest and highest price of the path up to fraction {@code f}. */
  static BigDecimal[] rangeUpTo(BigDecimal[] v, double f) {
    BigDecimal lo = v[0];
    BigDecimal hi = v[0];
    for (int i = 1; i <= 3; i++) {
      double at = i / 3.0;
      BigDecimal p = at <= f ? v[i] : priceAt(v, f);
      lo = lo.min(p);
      hi = hi.max(p);
      if (at > f) break;
    }
    return new BigDecimal[] {lo, hi};
  }

  private static double volatility(List<Candle> candles) {
    if (candles.size() < 3) return 0.002;
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int i = 1; i < candles.size(); i++) {
      double r = Math.log(candles.get(i).close() / candles.get(i - 1).close());
      if (!Double.isFinite(r)) continue;
      sum += r;
      sumSq += r * r;
      n++;
    }
    if (n < 2) return 0.002;
    double var = (sumSq - sum * sum / n) / (n - 1);
    double sd = Math.sqrt(Math.max(var, 0));
    return Math.min(0.2, Math.max(sd, 0.0002));
  }

  private static double meanVolume(List<Candle> candles) {
    return candles.stream().mapToDouble(Candle::volume).average().orElse(100);
  }
}
