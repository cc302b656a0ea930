package dev.rez.app.diary;

import java.util.Arrays;

/** A growable list of {@code long}s without boxing. Not threadsafe. */
final class LongList {
  private long[] values;
  private int size;

  LongList(int capacity) {
    values = new long[Math.max(4, capacity)];
  }

  void add(long v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length + (values.length >> 1));
    values[size++] = v;
  }

  long get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }
}
