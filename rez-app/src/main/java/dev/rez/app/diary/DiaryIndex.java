package dev.rez.app.diary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The in-memory offset index of a diary: where each event's line is, and posting lists of event positions by
 * type, asset and cycle. Positions are 0-based; the event at position {@code p} has cursor {@code p + 1}.
 * Not threadsafe: {@link JsonlDiary} guards it with a lock.
 */
final class DiaryIndex {
  final LongList offsets;
  final IntList lengths;
  final LongList cycles;
  final IntList typeIds;
  final IntList assetIds;
  final List<String> types = new ArrayList<>();
  final List<String> assets = new ArrayList<>();
  private final Map<String, Integer> typeIdByName = new HashMap<>();
  private final Map<String, Integer> assetIdByName = new HashMap<>();
  final List<IntList> byType = new ArrayList<>();
  final List<IntList> byAsset = new ArrayList<>();
  final NavigableMap<Long, IntList> byCycle = new TreeMap<>();

  DiaryIndex(int capacity) {
    offsets = new LongList(capacity);
    lengths = new IntList(capacity);
    cycles = new LongList(capacity);
    typeIds = new IntList(capacity);
    assetIds = new IntList(capacity);
  }

  int size() {
    return offsets.size();
  }

  /** End (exclusive) of the last indexed line including its newline, or 0 when empty. */
  long end() {
    int n = size();
    return n == 0 ? 0 : offsets.get(n - 1) + lengths.get(n - 1) + 1;
  }

  void add(long offset, int length, long cycle, String type, String asset) {
    int pos = size();
    offsets.add(offset);
    lengths.add(length);
    cycles.add(cycle);
    int t = typeIdByName.computeIfAbsent(type, k -> {
      types.add(k);
      byType.add(new IntList(16));
      return types.size() - 1;
    });
    typeIds.add(t);
    byType.get(t).add(pos);
    int a = -1;
    if (asset != null) {
      a = assetIdByName.computeIfAbsent(asset, k -> {
        assets.add(k);
        byAsset.add(new IntList(16));
        return assets.size() - 1;
      });
      byAsset.get(a).add(pos);
    }
    assetIds.add(a);
    byCycle.computeIfAbsent(cycle, k -> new IntList(8)).add(pos);
  }

  /** The id of {@code type}, or -1 when no event has it. */
  int typeId(String type) {
    Integer id = typeIdByName.get(type);
    return id == null ? -1 : id;
  }

  /** The id of {@code asset}, or -1 when no event has it. */
  int assetId(String asset) {
    Integer id = assetIdByName.get(asset);
    return id == null ? -1 : id;
  }
}
