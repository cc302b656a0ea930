package dev.rez.core;

/** What a trigger order protects: profit taken above/below entry, or loss stopped. */
public enum TriggerKind {
  TAKE_PROFIT,
  STOP_LOSS
}
