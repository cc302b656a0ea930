package dev.rez.hyperliquid.sim;

/**
 * What a market does when its replayed candles run out.
 *
 * <pre>{@code
 * HyperliquidSimulator.builder().candles("BTC", candles).afterReplay(AfterReplay.LOOP).start();
 * }</pre>
 */
public enum AfterReplay {
  /**
   * Time stops at the last candle: {@link HyperliquidSimulator#advance()} returns {@code false}.
   * For backtests.
   */
  STOP,
  /** The candles play again, scaled so that each loop opens where the previous one closed. */
  LOOP,
  /**
   * A seeded random walk with regimes continues from the last close, with the replay's volatility.
   */
  SYNTHETIC
}
