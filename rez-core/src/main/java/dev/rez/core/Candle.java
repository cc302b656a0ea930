package dev.rez.core;

import java.time.Instant;

/**
 * One OHLCV bar. Prices are {@code double}: candles feed the indicator engine, where speed matters
 * and the venue's own precision is far below a double's. Orders, positions and balances use {@code
 * BigDecimal}.
 *
 * <pre>{@code
 * Candle c = new Candle(Instant.parse("2024-01-01T00:00:00Z"), Interval.M5, 100, 101, 99.5, 100.5, 12.3);
 * }</pre>
 *
 * @param openTime the bar's open time
 * @param interval the bar's length
 * @param open first traded price
 * @param high highest traded price, at least {@code max(open, close, low)}
 * @param low lowest traded price, at most {@code min(open, close)}
 * @param close last traded price
 * @param volume traded volume in the base asset, {@code >= 0}
 */
public record Candle(
    Instant openTime,
    Interval interval,
    double open,
    double high,
    double low,
    double close,
    double volume) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public Candle {
    Checks.notNull(openTime, "openTime");
    Checks.notNull(interval, "interval");
    Checks.finite(open, "open");
    Checks.finite(high, "high");
    Checks.finite(low, "low");
    Checks.finite(close, "close");
    Checks.finite(volume, "volume");
    if (high < low)
      throw new IllegalArgumentException(
          "candle at " + openTime + ": high " + high + " < low " + low);
    if (open < low || open > high) {
      throw new IllegalArgumentException(
          "candle at "
              + openTime
              + ": open "
              + open
              + " outside [low "
              + low
              + ", high "
              + high
              + "]");
    }
    if (close < low || close > high) {
      throw new IllegalArgumentException(
          "candle at "
              + openTime
              + ": close "
              + close
              + " outside [low "
              + low
              + ", high "
              + high
              + "]");
    }
    if (volume < 0)
      throw new IllegalArgumentException(
          "candle at " + openTime + ": volume must be >= 0 but was " + volume);
  }

  /** The instant the bar closes: {@code openTime + interval}. */
  public Instant closeTime() {
    return openTime.plus(interval.duration());
  }
}
