package dev.rez.app.diary;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks the positions a query may match, in read order, from the cheapest of the posting lists that
 * cover it (or every position when the query has no criterion); {@link #matches} checks the other
 * criteria against the index's per-event columns. Used under the diary's read lock.
 */
final class PositionSource {
  private final DiaryIndex index;
  private final boolean forward;
  private final boolean[] typeOk; // null: any type
  private final int assetId; // -1: any asset
  private final Long cycle;
  // Either a range [lo, hi) walked from one end, or a union of posting lists.
  private final List<Postings> lists;
  private final int[] heads;
  private int cursorPos;
  private final int lo;
  private final int hi;

  private PositionSource(
      DiaryIndex index,
      boolean forward,
      boolean[] typeOk,
      int assetId,
      Long cycle,
      List<Postings> lists,
      int lo,
      int hi) {
    this.index = index;
    this.forward = forward;
    this.typeOk = typeOk;
    this.assetId = assetId;
    this.cycle = cycle;
    this.lists = lists;
    this.lo = lo;
    this.hi = hi;
    if (lists == null) {
      heads = null;
      cursorPos = forward ? lo : hi - 1;
    } else {
      heads = new int[lists.size()];
      for (int i = 0; i < heads.length; i++) {
        Postings l = lists.get(i);
        heads[i] = forward ? l.lowerBound(lo) : l.lowerBound(hi) - 1;
      }
    }
  }

  /**
   * @param c the parsed cursor, or -1 when none was given
   */
  static PositionSource choose(
      DiaryIndex index, DiaryQuery q, JsonlDiary.Direction direction, long c) {
    int n = index.size();
    boolean forward = direction == JsonlDiary.Direction.FORWARD;
    int lo = forward ? (int) Math.max(0, c) : 0;
    int hi = forward ? n : (c < 0 ? n : (int) Math.max(0, c - 1));
    if (q.isAll()) return new PositionSource(index, forward, null, -1, null, null, lo, hi);

    boolean[] typeOk = null;
    List<Postings> typeLists = null;
    long typeCost = Long.MAX_VALUE;
    if (!q.types().isEmpty()) {
      typeOk = new boolean[index.typeCount()];
      typeLists = new ArrayList<>();
      typeCost = 0;
      for (String t : q.types()) {
        int id = index.typeId(t);
        if (id < 0) continue;
        typeOk[id] = true;
        Postings l = index.byType(id);
        typeLists.add(l);
        typeCost += l.size();
      }
    }
    int assetId = -1;
    Postings assetList = null;
    if (q.asset() != null) {
      assetId = index.assetId(q.asset().name());
      assetList = assetId < 0 ? new IntList(0) : index.byAsset(assetId);
      if (assetId < 0) assetId = Integer.MIN_VALUE; // matches nothing
    }
    Postings cycleList = null;
    if (q.cycle() != null) cycleList = index.cycle(q.cycle());
    List<Postings> best = typeLists;
    long bestCost = typeCost;
    if (assetList != null && assetList.size() < bestCost) {
      best = List.of(assetList);
      bestCost = assetList.size();
    }
    if (cycleList != null && cycleList.size() < bestCost) {
      best = List.of(cycleList);
    }
    return new PositionSource(index, forward, typeOk, assetId, q.cycle(), best, lo, hi);
  }

  /** The next candidate position, or -1 when there is none. */
  int next() {
    if (lists == null) {
      if (forward) return cursorPos < hi ? cursorPos++ : -1;
      return cursorPos >= lo ? cursorPos-- : -1;
    }
    int pick = -1;
    int value = -1;
    for (int i = 0; i < heads.length; i++) {
      Postings l = lists.get(i);
      int h = heads[i];
      if (forward ? h >= l.size() : h < 0) continue;
      int v = l.get(h);
      if (forward && v >= hi) continue;
      if (pick < 0 || (forward ? v < value : v > value)) {
        pick = i;
        value = v;
      }
    }
    if (pick < 0) return -1;
    heads[pick] += forward ? 1 : -1;
    return value;
  }

  /** True when the event at {@code p} passes every criterion of the query. */
  boolean matches(int p) {
    if (typeOk != null && !typeOk[index.typeId(p)]) return false;
    if (assetId != -1 && index.assetId(p) != assetId) return false;
    return cycle == null || index.cycle(p) == cycle;
  }
}
