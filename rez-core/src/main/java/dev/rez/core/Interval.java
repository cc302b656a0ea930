package dev.rez.core;

import java.time.Duration;

/**
 * A candle interval, with the wire name Hyperliquid (and most venues) use: {@code 1m}, {@code 4h},
 * {@code 1d}. A constant is named by its unit and count: {@code M5} is five minutes, {@code H4}
 * four hours, {@code D1} one day, {@code W1} one week and {@code MONTH1} one month, taken as 30
 * days.
 */
public enum Interval {
  M1("1m"),
  M3("3m"),
  M5("5m"),
  M15("15m"),
  M30("30m"),
  H1("1h"),
  H2("2h"),
  H4("4h"),
  H8("8h"),
  H12("12h"),
  D1("1d"),
  D3("3d"),
  W1("1w"),
  MONTH1("1M");

  private final String wire;
  private final Duration duration;

  Interval(String wire) {
    this.wire = wire;
    long n = Long.parseLong(wire.substring(0, wire.length() - 1));
    this.duration =
        switch (wire.charAt(wire.length() - 1)) {
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          case 'w' -> Duration.ofDays(7 * n);
          case 'M' -> Duration.ofDays(30 * n);
          default -> throw new AssertionError(wire);
        };
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
    throw new IllegalArgumentException(
        "unknown interval '" + wire + "' (expected one of " + names + ")");
  }

  @Override
  public String toString() {
    return wire;
  }
}
