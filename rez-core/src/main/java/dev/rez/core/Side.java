package dev.rez.core;

/**
 * The side of an order or fill. A long position is opened by {@link #BUY}, a short by {@link
 * #SELL}.
 */
public enum Side {
  /** Buy: opens a long or reduces a short. */
  BUY,
  /** Sell: opens a short or reduces a long. */
  SELL;

  /** The other side: what closes a position opened with this side. */
  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** {@code +1} for {@link #BUY}, {@code -1} for {@link #SELL}. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }

  /**
   * Parses {@code buy}/{@code sell}/{@code long}/{@code short} and Hyperliquid's {@code B}/{@code
   * A}, any case.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static Side parse(String s) {
    Checks.notNull(s, "side");
    return switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "BUY", "B", "LONG", "BID" -> BUY;
      case "SELL", "A", "S", "SHORT", "ASK" -> SELL;
      default ->
          throw new IllegalArgumentException("unknown side '" + s + "' (expected buy or sell)");
    };
  }
}
