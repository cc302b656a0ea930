package dev.rez.hyperliquid.sim;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded random walk with regimes: calm, trending up, trending down and volatile, switching at
 * random. Each candle is six geometric-Brownian sub-steps; high and low are the extremes of the
 * sub-steps. Prices have five significant figures. Same seed and start price give the same candles.
 */
final class SyntheticCandles {
  private enum Regime {
    CALM(0, 0.6),
    UP(0.2, 1.0),
    DOWN(-0.2, 1.0),
    VOLATILE(0, 2.2);

    final double driftInSigmas;
    final double volFactor;

    Regime(double driftInSigmas, double volFactor) {
      this.driftInSigmas = driftInSigmas;
      this.volFactor = volFactor;
    }
  }

  private static final int SUB_STEPS = 6;
  private static final double SWITCH_PROBABILITY = 0.03;

  private final SplittableRandom random;
  private final double sigma;
  private final double baseVolume;
  private double price;
  private Regime regime = Regime.CALM;

  /**
   * @param seed the random seed
   * @param startPrice the first open
   * @param sigma the standard deviation of one candle's log return in the calm-free base regime,
   *     e.g. 0.002
   * @param baseVolume the typical volume of a candle
   */
  SyntheticCandles(long seed, double startPrice, double sigma, double baseVolume) {
    if (!(startPrice > 0))
      throw new IllegalArgumentException("startPrice must be > 0 but was " + startPrice);
    if (!(sigma > 0) || sigma > 0.2)
      throw new IllegalArgumentException("sigma must be in (0, 0.2] but was " + sigma);
    this.random = new SplittableRandom(seed);
    this.sigma = sigma;
    this.baseVolume = baseVolume > 0 ? baseVolume : 1;
    this.price = startPrice;
  }

  Candle next(Instant openTime, Interval interval) {
    if (random.nextDouble() < SWITCH_PROBABILITY)
      regime = Regime.values()[random.nextInt(Regime.values().length)];
    double vol = sigma * regime.volFactor;
    double drift = sigma * regime.driftInSigmas;
    double open = round(price);
    double p = open;
    double high = open;
    double low = open;
    double absMove = 0;
    for (int i = 0; i < SUB_STEPS; i++) {
      double r = drift / SUB_STEPS + vol / Math.sqrt(SUB_STEPS) * random.nextGaussian();
      absMove += Math.abs(r);
      p = p * Math.exp(r);
      high = Math.max(high, p);
      low = Math.min(low, p);
    }
    double close = round(p);
    high = round(high);
    low = round(low);
    high = Math.max(high, Math.max(open, close));
    low = Math.min(low, Math.min(open, close));
    price = close;
    double volume = baseVolume * Math.exp(0.5 * random.nextGaussian()) * (1 + absMove / sigma / 2);
    return new Candle(
        openTime,
        interval,
        open,
        high,
        low,
        close,
        BigDecimal.valueOf(volume).round(new MathContext(6)).doubleValue());
  }

  private static double round(double v) {
    return new BigDecimal(v).round(new MathContext(5, RoundingMode.HALF_EVEN)).doubleValue();
  }
}
