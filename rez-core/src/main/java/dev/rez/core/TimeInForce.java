package dev.rez.core;

/** How long a limit order lives. */
public enum TimeInForce {
  /** Good till cancelled: rests on the book. */
  GTC,
  /**
   * Immediate or cancel: takes what it can, the rest is cancelled. A "market" order is an
   * aggressive IOC.
   */
  IOC,
  /** Add liquidity only (post-only): rejected if it would take. */
  ALO
}
