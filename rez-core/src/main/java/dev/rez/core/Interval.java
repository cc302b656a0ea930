package dev.rez.core;

import java.time.Duration;

/** A candle interval, with the wire name Hyperliquid (and most venues) use: {@code 1m}, {@code 4h}, {@code 1d}. */
public enum Interval {
  /** One minute. */
  M1("1m", Duration.ofMinutes(1)),
  /** Three minutes. */
  M3("3m", Duration.ofMinutes(3)),
  /** Five minutes. */
  M5("5m", Duration.ofMinutes(5)),
  /** Fifteen minutes. */
  M15("15m", Duration.ofMinutes(15)),
  /** Thirty minutes. */
  M30("30m", Duration.ofMinutes(30)),
  /** One hour. */
  H1("1h", Duration.ofHours(1)),
  /** Two hours. */
  H2("2h", Duration.ofHours(2)),
  /** Four hours. */
  H4("4h", Duration.ofHours(4)),
  /** Eight hours. */
  H8("8h", Duration.ofHours(8)),
  /** Twelve hours. */
  H12("12h", Duration.ofHours(12)),
  /** One day. */
  D1("1d", Duration.ofDays(1)),
  /** Three days. */
  D3("3d", Duration.ofDays(3)),
  /** One week. */
  W1("1w", Duration.ofDays(7)),
  /** One month (30 days). */
  MONTH1("1M", Duration.ofDays(30));

  private final String wire;
  private final Duration duration;

  Interval(String wire, Duration duration) {
    this.wire = wire;
    this.duration = duration;
  }

  /** The short name, e.g. {@code "5m"}. */
  public String wire() {
    return wire;
  }

  /** The length of one candle (a calendar month is approximated as 30 days). */
  public Duration duration() {
    return duration;
  }

  /**
   * Parses a wire name such as {@code "5m"} or {@code "4h"}.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static Interval parse(String wire) {
    Checks.notNull(wire, "interval");
    for (Interval i : values()) {
      if (i.wire.equals(wire)) return i;
    }
    StringBuilder names = new StringBuilder();
    for (Interval i : values()) names.append(names.isEmpty() ? "" : ", ").append(i.wire);
    throw new IllegalArgumentException("unknown interval '" + wire + "' (expected one of " + names + ")");
  }

  @Override
  public String toString() {
    return wire;
  }
}
