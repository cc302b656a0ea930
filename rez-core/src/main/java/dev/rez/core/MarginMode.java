package dev.rez.core;

/** How margin is shared between positions. */
public enum MarginMode {
  CROSS,
  ISOLATED
}
