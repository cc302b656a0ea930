package dev.rez.indicators;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.time.Duration;
import java.util.List;

/**
 * Session-anchored volume-weighted average price: the volume-weighted mean of the typical price
 * {@code (high + low + close) / 3} of the candles since the start of the current session. Sessions
 * are consecutive periods of a fixed length aligned to the UTC epoch (by default UTC days); a
 * candle belongs to the session containing its open time. While the session has traded no volume
 * the value is the latest typical price. Defined from index 0; to be exact it needs every candle
 * since the session began.
 *
 * <pre>{@code
 * Vwap vwap = new Vwap(Interval.D1);
 * vwap.update(candle);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Vwap extends AbstractIndicator {
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private final long sessionMillis;
  private long session = Long.MIN_VALUE;
  private double priceVolume;
  private double volume;
  private double vwap = Double.NaN;

  /** A VWAP anchored to UTC days. */
  public Vwap() {
    this(Interval.D1);
  }

  /**
   * @param session the session length; it must divide a day (1m … 1d) so sessions align to UTC
   *     midnight
   * @throws IllegalArgumentException if the session length does not divide a day
   */
  public Vwap(Interval session) {
    super(List.of("vwap"));
    if (session == null) throw new NullPointerException("session == null");
    long millis = session.duration().toMillis();
    if (millis > DAY_MILLIS || DAY_MILLIS % millis != 0) {
      throw new IllegalArgumentException(
          "vwap session must divide a day (1m ... 1d) but was " + session);
    }
    this.sessionMillis = millis;
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    long s = Math.floorDiv(candle.openTime().toEpochMilli(), sessionMillis);
    if (s != session) {
      session = s;
      priceVolume = 0;
      volume = 0;
    }
    double typical = (candle.high() + candle.low() + candle.close()) / 3.0;
    priceVolume += typical * candle.volume();
    volume += candle.volume();
    vwap = volume > 0 ? priceVolume / volume : typical;
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    double[] o = out[0];
    for (int i = 0; i < o.length; i++) {
      update(candles.get(i));
      o[i] = value(0);
    }
  }

  @Override
  public double value(int index) {
    if (index != 0) throw noOutput(index);
    return vwap;
  }

  @Override
  public int lookback() {
    return 0;
  }

  @Override
  public int warmUp() {
    return 1;
  }
}
