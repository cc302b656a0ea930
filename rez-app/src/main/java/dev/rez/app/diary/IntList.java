package dev.rez.app.diary;

import java.util.Arrays;

/** A growable list of ascending-or-not {@code int}s without boxing. Not threadsafe. */
final class IntList {
  private int[] values;
  private int size;

  IntList(int capacity) {
    values = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length + (values.length >> 1));
    values[size++] = v;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  void truncate(int newSize) {
    size = newSize;
  }

  /** Index of the first value {@code >= key} in this ascending list ({@link #size()} when none). */
  int lowerBound(int key) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (values[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
