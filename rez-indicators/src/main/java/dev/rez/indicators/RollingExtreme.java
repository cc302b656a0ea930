package dev.rez.indicators;

/**
 * Highest (or lowest) of the last {@code period} values: a monotonic deque in a ring, amortised
 * O(1) per value.
 */
final class RollingExtreme {
  private final int period;
  private final boolean highest;
  private final double[] values;
  private final long[] indexes;
  private int head;
  private int size;
  private long next;

  RollingExtreme(int period, boolean highest) {
    this.period = period;
    this.highest = highest;
    this.values = new double[period + 1];
    this.indexes = new long[period + 1];
  }

  void add(double x) {
    int cap = values.length;
    // drop values the new one dominates: they can never be the extreme again
    while (size > 0) {
      int back = head + size - 1;
      if (back >= cap) back -= cap;
      if (highest ? values[back] <= x : values[back] >= x) size--;
      else break;
    }
    int slot = head + size;
    if (slot >= cap) slot -= cap;
    values[slot] = x;
    indexes[slot] = next;
    size++;
    if (indexes[head] <= next - period) {
      if (++head == cap) head = 0;
      size--;
    }
    next++;
  }

  /** The extreme of the window (of all values so far while fewer than {@code period}). */
  double get() {
    return values[head];
  }
}
