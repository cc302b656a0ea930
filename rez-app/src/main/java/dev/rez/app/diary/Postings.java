package dev.rez.app.diary;

/**
 * An ascending list of event positions: a posting list of the index, on the heap or on the disk.
 */
interface Postings {
  int size();

  int get(int i);

  /** Index of the first value {@code >= key} ({@link #size()} when none). */
  default int lowerBound(int key) {
    int lo = 0;
    int hi = size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (get(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
