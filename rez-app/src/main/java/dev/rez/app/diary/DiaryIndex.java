package dev.rez.app.diary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The offset index of a diary, on the disk and memory-mapped so that the heap does not grow with
 * the diary: where each event's line is, its cycle, type and asset, and posting lists of positions
 * by type and by asset. Positions are 0-based; the event at position {@code p} has cursor {@code p
 * + 1}.
 *
 * <p>Files beside the diary, all caches of what a scan of the diary yields, validated on open and
 * rebuilt when they disagree with it, never trusted over it:
 *
 * <ul>
 *   <li>{@code <diary>.idx}: a 4 KiB header (magic, number of durable records, generation), then
 *       one 32-byte record per event: offset, cycle, the highest cycle so far, length, type id,
 *       asset id;
 *   <li>{@code <diary>.idx-post}: 4 KiB blocks, each of one posting list (its id, count and
 *       generation, then positions); list 0 holds the events whose cycle is below an earlier one,
 *       so that a cycle's events are found by a binary search over the highest-cycle column plus
 *       that short list;
 *   <li>{@code <diary>.idx-names}: the generation, then the type and asset names, one a line, in id
 *       order.
 * </ul>
 *
 * <p>The heap holds the names and, per posting list, the numbers of its blocks (a 4-byte number per
 * 1022 events). A random generation, written in all three files when the index is rebuilt, keeps
 * files of another index from being trusted. {@link #flush()} forces records and postings before it
 * writes their count, so after a power loss the counted records are whole. Not threadsafe: {@link
 * JsonlDiary} guards it with a lock.
 */
final class DiaryIndex implements AutoCloseable {
  private static final long MAGIC =
      ByteBuffer.wrap("REZIDX2\n".getBytes(StandardCharsets.US_ASCII)).getLong();
  static final int HEADER = 4096;
  static final int RECORD = 32;
  static final int BLOCK = 4096;
  private static final int BLOCK_HEADER = 16;
  static final int PER_BLOCK = (BLOCK - BLOCK_HEADER) / 4;
  private static final char NO_ASSET = 0xFFFF;
  private static final int MAX_NAMES = 0xFFFF;

  /** The index files of {@code diary}: records, postings, names. */
  static List<Path> files(Path diary) {
    return List.of(
        sibling(diary, ".idx"), sibling(diary, ".idx-post"), sibling(diary, ".idx-names"));
  }

  private static Path sibling(Path p, String suffix) {
    return p.resolveSibling(p.getFileName() + suffix);
  }

  private final MappedRegion records;
  private final MappedRegion postings;
  private final FileChannel names;
  private long namesEnd;
  private final List<String> types = new ArrayList<>();
  private final List<String> assets = new ArrayList<>();
  private final Map<String, Integer> typeIdByName = new HashMap<>();
  private final Map<String, Integer> assetIdByName = new HashMap<>();
  private final List<DiskList> lists = new ArrayList<>();
  private int nextBlock;
  private int size;
  private int durableSize = -1;
  private long maxCycle = -1;
  // Set when the index is rebuilt and written in all three files: files of another index (or diary)
  // never match.
  private long generation;
  private long namesGeneration;

  private DiaryIndex(MappedRegion records, MappedRegion postings, FileChannel names) {
    this.records = records;
    this.postings = postings;
    this.names = names;
  }

  /**
   * Opens the index of {@code diary} (of {@code diarySize} bytes, read through {@code
   * diaryChannel}): keeps the records that agree with the diary and rebuilds what does not; the
   * caller indexes the lines after {@link #end()}.
   */
  static DiaryIndex open(Path diary, Storage storage, FileChannel diaryChannel, long diarySize)
      throws IOException {
    List<Path> f = files(diary);
    MappedRegion records = new MappedRegion(f.get(0), storage);
    MappedRegion postings = null;
    FileChannel names = null;
    try {
      postings = new MappedRegion(f.get(1), storage);
      names =
          storage.open(
              f.get(2),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      DiaryIndex index = new DiaryIndex(records, postings, names);
      index.load(diaryChannel, diarySize);
      return index;
    } catch (IOException | RuntimeException e) {
      records.close();
      if (postings != null) postings.close();
      if (names != null) names.close();
      throw e;
    }
  }

  private void load(FileChannel diary, long diarySize) throws IOException {
    loadNames();
    long count = 0;
    if (records.capacity() >= HEADER && records.getLong(0) == MAGIC) {
      count = records.getLong(8);
      generation = records.getLong(16);
    }
    boolean trusted =
        generation != 0
            && generation == namesGeneration
            && count >= 0
            && count <= Integer.MAX_VALUE
            && HEADER + count * RECORD <= records.capacity();
    if (trusted && count > 0) {
      size = (int) count;
      int last = size - 1;
      trusted =
          typeId(last) < types.size()
              && (assetId(last) < 0 || assetId(last) < assets.size())
              && offset(last) + length(last) + 1 <= diarySize
              && agrees(last, diary);
    }
    if (!trusted || count == 0) {
      reset();
      return;
    }
    durableSize = size;
    maxCycle = maxCycle(size - 1);
    if (!loadPostings()) rebuildPostings();
  }

  /**
   * True when the indexed line {@code p} is still in the diary where the index says, with the same
   * header.
   */
  private boolean agrees(int p, FileChannel diary) throws IOException {
    int length = length(p);
    ByteBuffer buf = ByteBuffer.allocate(length + 1);
    while (buf.hasRemaining()) {
      if (diary.read(buf, offset(p) + buf.position()) < 0) return false;
    }
    byte[] line = buf.array();
    if (line[length] != '\n') return false;
    LineCodec.Header h = LineCodec.header(line, 0, length);
    int a = assetId(p);
    return h != null
        && h.cycle() == cycle(p)
        && h.type().equals(types.get(typeId(p)))
        && Objects.equals(h.asset(), a < 0 ? null : assets.get(a));
  }

  /** Empties the index (a rebuild from the diary follows). */
  private void reset() throws IOException {
    records.ensure(HEADER);
    generation = new java.util.Random().nextLong() | 1;
    records.putLong(0, MAGIC);
    records.putLong(8, 0);
    records.putLong(16, generation);
    size = 0;
    durableSize = 0;
    maxCycle = -1;
    long blocks = postings.capacity() / BLOCK;
    for (long b = 0; b < blocks; b++) postings.putLong(b * BLOCK, 0);
    nextBlock = 0;
    lists.clear();
    names.truncate(0);
    namesEnd = 0;
    types.clear();
    assets.clear();
    typeIdByName.clear();
    assetIdByName.clear();
    appendName("g\t" + generation);
  }

  private void loadNames() throws IOException {
    long n = names.size();
    if (n > 4L << 20) throw new IOException("index names file is " + n + " bytes");
    ByteBuffer buf = ByteBuffer.allocate((int) n);
    while (buf.hasRemaining() && names.read(buf, buf.position()) >= 0) {
      // read on
    }
    byte[] b = buf.array();
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] != '\n') continue;
      String line = new String(b, start, i - start, StandardCharsets.UTF_8);
      if (line.length() > 2 && line.charAt(1) == '\t') {
        if (line.charAt(0) == 't' || line.charAt(0) == 'a')
          register(line.charAt(0) == 't', line.substring(2));
        else if (line.charAt(0) == 'g' && start == 0)
          namesGeneration = parseLong(line.substring(2));
      }
      start = i + 1;
    }
    namesEnd = start; // a torn last name is written again
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private int register(boolean type, String name) {
    List<String> l = type ? types : assets;
    Map<String, Integer> ids = type ? typeIdByName : assetIdByName;
    Integer known = ids.get(name);
    if (known != null) return known;
    l.add(name);
    ids.put(name, l.size() - 1);
    return l.size() - 1;
  }

  /**
   * Reads the posting lists' blocks; false when they do not account for every record (then they are
   * rebuilt).
   */
  private boolean loadPostings() {
    long blocks = postings.capacity() / BLOCK;
    for (long b = 0; b < blocks; b++) {
      int id = postings.getInt(b * BLOCK) - 1;
      if (id < 0) continue;
      int count = postings.getInt(b * BLOCK + 4);
      if (id > 2 * MAX_NAMES + 2
          || count < 0
          || count > PER_BLOCK
          || postings.getLong(b * BLOCK + 8) != generation) return false;
      DiskList l = list(id);
      if (l.count != l.blocks.size() * PER_BLOCK)
        return false; // only a list's last block may be short
      l.blocks.add((int) b);
      l.count += count;
      nextBlock = (int) b + 1;
    }
    long typed = 0;
    for (int id = 0; id < lists.size(); id++) {
      DiskList l = lists.get(id);
      // Positions past the durable records were added after the last flush: drop them.
      while (l.count > 0 && l.get(l.count - 1) >= size) l.count--;
      for (int k = l.count / PER_BLOCK; k < l.blocks.size(); k++) {
        postings.putInt((long) l.blocks.get(k) * BLOCK + 4, Math.max(0, l.count - k * PER_BLOCK));
      }
      if (id % 2 == 1) {
        typed += l.count;
        // A spot check that the list is this type's.
        if (l.count > 0 && typeList(typeId(l.get(l.count - 1))) != id) return false;
      }
    }
    return typed == size;
  }

  private void rebuildPostings() throws IOException {
    long blocks = postings.capacity() / BLOCK;
    for (long b = 0; b < blocks; b++) postings.putLong(b * BLOCK, 0);
    nextBlock = 0;
    lists.clear();
    long prevMax = -1;
    for (int p = 0; p < size; p++) {
      long c = cycle(p);
      reserveLists(typeId(p), assetId(p), c < prevMax);
      addPostings(p, typeId(p), assetId(p), c < prevMax);
      prevMax = Math.max(prevMax, c);
    }
  }

  private DiskList list(int id) {
    while (lists.size() <= id) lists.add(new DiskList(lists.size()));
    return lists.get(id);
  }

  private static int typeList(int typeId) {
    return 1 + 2 * typeId;
  }

  private static int assetList(int assetId) {
    return 2 + 2 * assetId;
  }

  int size() {
    return size;
  }

  /** End (exclusive) of the last indexed line including its newline, or 0 when empty. */
  long end() {
    return size == 0 ? 0 : offset(size - 1) + length(size - 1) + 1;
  }

  private static long at(int p) {
    return HEADER + (long) p * RECORD;
  }

  long offset(int p) {
    return records.getLong(at(p));
  }

  long cycle(int p) {
    return records.getLong(at(p) + 8);
  }

  private long maxCycle(int p) {
    return records.getLong(at(p) + 16);
  }

  int length(int p) {
    return records.getInt(at(p) + 24);
  }

  int typeId(int p) {
    return records.getChar(at(p) + 28);
  }

  /** The asset id of event {@code p}, -1 when it has none. */
  int assetId(int p) {
    char a = records.getChar(at(p) + 30);
    return a == NO_ASSET ? -1 : a;
  }

  /** The number of types (ids are 0 to this, exclusive). */
  int typeCount() {
    return types.size();
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

  /** The positions of the events of type {@code id}. */
  Postings byType(int id) {
    return list(typeList(id));
  }

  /** The positions of the events of asset {@code id}. */
  Postings byAsset(int id) {
    return list(assetList(id));
  }

  /**
   * Makes room for one more event, on the disk: its record, the names it brings, the posting-list
   * blocks it needs. Called before its line is written, so that a full disk fails the event, not
   * the index.
   *
   * @throws IllegalArgumentException when the diary would hold more than 65535 types or assets
   */
  void reserve(long cycle, String type, String asset) throws IOException {
    records.ensure(at(size + 1));
    int t = nameId(true, type);
    int a = asset == null ? -1 : nameId(false, asset);
    reserveLists(t, a, cycle < maxCycle);
  }

  private int nameId(boolean type, String name) throws IOException {
    Integer id = (type ? typeIdByName : assetIdByName).get(name);
    if (id != null) return id;
    if ((type ? types : assets).size() >= MAX_NAMES) {
      throw new IllegalArgumentException(
          "a diary holds at most " + MAX_NAMES + (type ? " event types" : " assets"));
    }
    appendName((type ? "t\t" : "a\t") + name);
    return register(type, name);
  }

  /** Appends a line to the names file and forces it (before any record refers to it). */
  private void appendName(String line) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (bb.hasRemaining()) namesEnd += names.write(bb, namesEnd);
    names.force(false);
  }

  private void reserveLists(int t, int a, boolean exception) throws IOException {
    reserveBlock(list(typeList(t)));
    if (a >= 0) reserveBlock(list(assetList(a)));
    if (exception) reserveBlock(list(0));
  }

  private void reserveBlock(DiskList l) throws IOException {
    if (l.count < l.blocks.size() * PER_BLOCK) return;
    postings.ensure((long) (nextBlock + 1) * BLOCK);
    long b = (long) nextBlock * BLOCK;
    postings.putInt(b, l.id + 1);
    postings.putInt(b + 4, 0);
    postings.putLong(b + 8, generation);
    l.blocks.add(nextBlock++);
  }

  /** Indexes the next event; {@link #reserve} made room for it. */
  void add(long offset, int length, long cycle, String type, String asset) {
    int p = size;
    int t = typeIdByName.get(type);
    int a = asset == null ? -1 : assetIdByName.get(asset);
    boolean exception = cycle < maxCycle;
    long mc = Math.max(maxCycle, cycle);
    long r = at(p);
    records.putLong(r, offset);
    records.putLong(r + 8, cycle);
    records.putLong(r + 16, mc);
    records.putInt(r + 24, length);
    records.putChar(r + 28, (char) t);
    records.putChar(r + 30, a < 0 ? NO_ASSET : (char) a);
    addPostings(p, t, a, exception);
    maxCycle = mc;
    size = p + 1;
  }

  private void addPostings(int p, int t, int a, boolean exception) {
    list(typeList(t)).add(p);
    if (a >= 0) list(assetList(a)).add(p);
    if (exception) list(0).add(p);
  }

  /** The positions of the events of {@code cycle}, ascending. */
  Postings cycle(long cycle) {
    IntList out = new IntList(16);
    int lo = firstWithMaxCycleAtLeast(cycle);
    int hi = firstWithMaxCycleAtLeast(cycle + 1);
    DiskList exceptions = list(0);
    int e = 0;
    for (int p = lo; p < hi; p++) {
      if (cycle(p) != cycle) continue;
      for (; e < exceptions.count && exceptions.get(e) < p; e++)
        if (cycle(exceptions.get(e)) == cycle) out.add(exceptions.get(e));
      out.add(p);
    }
    for (; e < exceptions.count; e++)
      if (cycle(exceptions.get(e)) == cycle) out.add(exceptions.get(e));
    return out;
  }

  private int firstWithMaxCycleAtLeast(long c) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (maxCycle(mid) < c) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Cycle numbers that have events, newest first, below {@code before} (all when null), at most
   * {@code limit}.
   */
  List<Long> cycles(Long before, int limit) {
    TreeSet<Long> found = new TreeSet<>();
    long bound = before == null ? Long.MAX_VALUE : before;
    int p = firstWithMaxCycleAtLeast(bound) - 1;
    while (p >= 0 && found.size() < limit) {
      long c = maxCycle(p);
      found.add(c);
      p = firstWithMaxCycleAtLeast(c) - 1;
    }
    DiskList exceptions = list(0);
    for (int e = 0; e < exceptions.count; e++) {
      long c = cycle(exceptions.get(e));
      if (c < bound) found.add(c);
    }
    List<Long> out = new ArrayList<>(Math.min(limit, found.size()));
    for (Long c : found.descendingSet()) {
      if (out.size() == limit) break;
      out.add(c);
    }
    return out;
  }

  /** Forces records and postings to the disk, then records how many are durable. */
  void flush() throws IOException {
    records.force();
    postings.force();
    if (size != durableSize) {
      records.putLong(8, size);
      records.force();
      durableSize = size;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      records.close();
      postings.close();
      names.close();
    }
  }

  /** A posting list in the postings file. */
  private final class DiskList implements Postings {
    final int id;
    final IntList blocks = new IntList(4);
    int count;

    DiskList(int id) {
      this.id = id;
    }

    @Override
    public int size() {
      return count;
    }

    @Override
    public int get(int i) {
      return postings.getInt(
          (long) blocks.get(i / PER_BLOCK) * BLOCK + BLOCK_HEADER + (long) (i % PER_BLOCK) * 4);
    }

    void add(int p) {
      int slot = count % PER_BLOCK;
      long b = (long) blocks.get(count / PER_BLOCK) * BLOCK;
      postings.putInt(b + BLOCK_HEADER + (long) slot * 4, p);
      postings.putInt(b + 4, slot + 1);
      count++;
    }
  }
}
