package dev.rez.core;

/** What a trigger order protects: profit taken above/below entry, or loss stopped. */
public enum TriggerKind {
  /** Takes profit: fires when the price moves in the position's favour. */
  TAKE_PROFIT,
  /** Stops a loss: fires when the price moves against the position. */
  STOP_LOSS
}
