package dev.rez.app.diary;

import java.util.Arrays;

/** A growable list of ascending-or-not {@code int}s without boxing. Not threadsafe. */
final class IntList implements Postings {
  private int[] values;
  private int size;

  IntList(int capacity) {
    values = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == values.length) values = Arrays.copyOf(values, values.length + (values.length >> 1));
    values[size++] = v;
  }

  @Override
  public int get(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return size;
  }
}
