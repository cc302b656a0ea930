package dev.rez.app.loop;

import dev.rez.agent.MemoryEntry;
import dev.rez.agent.TradeOutcome;
import dev.rez.app.diary.DiaryQuery;
import dev.rez.app.diary.DiarySchema;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's memory, derived from the diary alone: each non-hold decision with the risk policy's
 * verdict and, for an entry, what came of it on the exchange (filled or not, the exit kind,
 * realised PnL, fees, holding time).
 *
 * <p>Fills are matched to the decision by client order id: the {@code order} events name the
 * entry's cloid and the cloids of its take-profit and stop-loss, of protection retries and
 * adjustments, and of closes with their reason; the closing fill's cloid names the exit. A closing
 * fill with a cloid the loop never sent is a close made outside the loop ({@code manual-close}).
 * Because it reads nothing but the diary, {@link #catchUp} rebuilds the same memory after a restart
 * as the running loop had: yesterday's losses are not forgotten.
 *
 * <p>Internal; not threadsafe (the loop's thread calls it).
 */
final class DiaryMemory {
  /** The events {@link #apply} learns from. */
  private static final DiaryQuery READ =
      new DiaryQuery(Set.of("decision", "risk-verdict", "order", "fill"), null, null);

  private final int perAsset;
  private final Map<Asset, Deque<Entry>> entries = new HashMap<>();
  private final ExitKinds exits = new ExitKinds();
  private final Map<String, Entry> byEntryCloid = new HashMap<>();
  private final Map<Asset, Entry> holding = new HashMap<>();
  private final List<Entry> order = new ArrayList<>();
  private String cursor;

  /** A memory keeping the latest {@code perAsset} decisions of each asset (0..100). */
  DiaryMemory(int perAsset) {
    if (perAsset < 0 || perAsset > 100)
      throw new IllegalArgumentException("memorySize must be in 0..100 but was " + perAsset);
    this.perAsset = perAsset;
  }

  /**
   * Reads the events appended to {@code diary} since the last call (all of them on the first call).
   * From a JSONL diary only the kinds {@link #apply} uses are read, found through its index, so the
   * cycle's context and transcript events are not decoded.
   */
  void catchUp(Diary diary) {
    while (true) {
      Diary.Page page =
          diary instanceof JsonlDiary jsonl
              ? jsonl.read(cursor, 10_000, READ, JsonlDiary.Direction.FORWARD)
              : diary.read(cursor, 10_000, Diary.Filter.ALL);
      for (Diary.Entry e : page.events()) apply(e.event());
      cursor = page.next();
      if (!page.hasMore()) return;
    }
  }

  /** The remembered decisions, oldest first. */
  List<MemoryEntry> entries() {
    List<MemoryEntry> out = new ArrayList<>();
    for (Entry e : order) out.add(e.toMemory());
    return out;
  }

  void apply(DiaryEvent e) {
    switch (e.type()) {
      case "decision" -> decision(e);
      case "risk-verdict" -> verdict(e);
      case "order" -> order(e);
      case "fill" -> fill(e);
      default -> {
        // Other events say nothing about what a decision led to.
      }
    }
  }

  private void decision(DiaryEvent e) {
    if (e.asset() == null || perAsset == 0) return;
    Map<String, Object> d = Json.parseObject(e.json());
    String action = String.valueOf(DiarySchema.normalizeAction(d.get("action")));
    if (action.equals("hold")) return;
    Entry entry =
        new Entry(
            e.time(),
            e.cycle(),
            e.asset(),
            action,
            String.valueOf(d.getOrDefault("rationale", "")));
    Deque<Entry> list = entries.computeIfAbsent(e.asset(), a -> new ArrayDeque<>());
    list.addLast(entry);
    order.add(entry);
    while (list.size() > perAsset) {
      Entry old = list.removeFirst();
      order.remove(old);
      if (old.entryCloid != null) byEntryCloid.remove(old.entryCloid);
    }
  }

  private Entry latest(DiaryEvent e) {
    Deque<Entry> list = e.asset() == null ? null : entries.get(e.asset());
    if (list == null || list.isEmpty()) return null;
    Entry last = list.peekLast();
    return last.cycle == e.cycle() ? last : null;
  }

  private void verdict(DiaryEvent e) {
    Entry entry = latest(e);
    if (entry == null) return;
    Map<String, Object> v = Json.parseObject(e.json());
    if (!"rejected".equals(v.get("outcome"))) return;
    List<String> reasons = new ArrayList<>();
    if (v.get("reasons") instanceof List<?> rs) {
      for (Object r : rs)
        if (r instanceof Map<?, ?> m) reasons.add(String.valueOf(m.get("message")));
    }
    // The executor's last look before sending (the price moved while the model thought) is not the
    // policy's.
    entry.note =
        ("recheck".equals(v.get("stage"))
                ? "not sent (stale-price): "
                : "refused by the risk policy: ")
            + String.join("; ", reasons);
  }

  private void order(DiaryEvent e) {
    Map<String, Object> o = Json.parseObject(e.json());
    exits.order(o);
    if ("open".equals(o.get("kind")) && o.get("request") instanceof Map<?, ?> r) {
      Entry entry = latest(e);
      if (entry != null
          && r.get("entry") instanceof Map<?, ?> en
          && en.get("cloid") instanceof String cloid) {
        entry.entryCloid = cloid;
        byEntryCloid.put(cloid, entry);
        if (!filledSomething(o.get("results"))
            && o.get("results") instanceof List<?> l
            && !l.isEmpty()) entry.notFilled = true;
      }
    }
  }

  /**
   * True when the first result (the entry's) filled a nonzero size or rests; false when rejected or
   * unfilled.
   */
  private static boolean filledSomething(Object results) {
    if (!(results instanceof List<?> l) || l.isEmpty() || !(l.get(0) instanceof Map<?, ?> first))
      return true;
    Object status = first.get("status");
    if ("rejected".equals(status)) return false;
    return !("filled".equals(status)
        && first.get("totalSize") instanceof BigDecimal size
        && size.signum() == 0);
  }

  private void fill(DiaryEvent e) {
    Map<String, Object> f = Json.parseObject(e.json());
    Asset asset = Asset.of(String.valueOf(f.get("asset")));
    String cloid = f.get("cloid") instanceof String c ? c : null;
    BigDecimal size = (BigDecimal) f.get("size");
    BigDecimal start = (BigDecimal) f.get("startPosition");
    BigDecimal fee = (BigDecimal) f.get("fee");
    BigDecimal closedPnl = (BigDecimal) f.get("closedPnl");
    int sign = "buy".equals(f.get("side")) ? 1 : -1;
    Instant time = Instant.parse(String.valueOf(f.get("time")));
    BigDecimal after = start.add(sign > 0 ? size : size.negate());
    boolean closing = start.signum() != 0 && start.signum() != sign;

    Entry owner = holding.get(asset);
    Entry opener = cloid == null ? null : byEntryCloid.get(cloid);
    if (!closing) {
      if (opener != null) {
        opener.filled = true;
        opener.fees = opener.fees.add(fee);
        if (opener.openedAt == null) opener.openedAt = time;
        holding.put(asset, opener);
      }
      return;
    }
    if (owner == null) return;
    owner.realised = owner.realised.add(closedPnl);
    // A fill that flips the position pays its fee for the part that closes.
    BigDecimal closingFee =
        after.signum() != 0 && after.signum() != start.signum()
            ? fee.multiply(start.abs()).divide(size, java.math.MathContext.DECIMAL64)
            : fee;
    owner.fees = owner.fees.add(closingFee);
    if (after.signum() == 0 || after.signum() != start.signum()) {
      owner.closedAt = time;
      owner.exit = exits.exitOf(cloid);
      holding.remove(asset);
    }
  }

  /** One remembered decision and what it led to so far. */
  private static final class Entry {
    final Instant time;
    final long cycle;
    final Asset asset;
    final String action;
    final String rationale;
    String note = "";
    String entryCloid;
    boolean notFilled;
    boolean filled;
    Instant openedAt;
    Instant closedAt;
    String exit;
    BigDecimal realised = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;

    Entry(Instant time, long cycle, Asset asset, String action, String rationale) {
      this.time = time;
      this.cycle = cycle;
      this.asset = asset;
      this.action = action;
      this.rationale = rationale;
    }

    MemoryEntry toMemory() {
      TradeOutcome trade = null;
      if (filled && closedAt != null) {
        trade =
            new TradeOutcome(
                TradeOutcome.Status.CLOSED,
                exit,
                realised,
                fees,
                Duration.between(openedAt, closedAt));
      } else if (filled) {
        trade = new TradeOutcome(TradeOutcome.Status.OPEN, null, realised, fees, null);
      } else if (notFilled) {
        trade =
            new TradeOutcome(
                TradeOutcome.Status.NOT_FILLED, null, BigDecimal.ZERO, BigDecimal.ZERO, null);
      }
      String outcome = !note.isEmpty() ? note : trade != null ? trade.describe() : "";
      return new MemoryEntry(time, asset, action, rationale, outcome, trade);
    }
  }
}
