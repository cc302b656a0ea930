package dev.rez.core;

/** How margin is shared between positions. */
public enum MarginMode {
  /** The account's whole collateral backs every position. */
  CROSS,
  /** Each position has its own margin; a liquidation loses only that margin. */
  ISOLATED
}
