package dev.rez.app.loop;

import dev.rez.app.diary.DiarySchema;
import dev.rez.core.Asset;
import dev.rez.core.Fill;
import dev.rez.core.RiskPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows the exchange's fills, the source of truth: each new fill (deduplicated, also across
 * restarts through the persisted watermark) goes to the diary, and each position that a fill brings
 * back to zero is reported to the risk policy with the position's realised PnL (for cooldowns).
 * Internal.
 */
final class FillTracker {
  private final Function<Instant, List<Fill>> source;
  private final Recorder rec;
  private final RiskPolicy policy;
  private final Function<Fill, String> explorerUrl;
  private Instant watermark;
  private final Set<String> seenAtWatermark = new HashSet<>();

  /**
   * Fills at the watermark the diary has without their trade id (an older diary's, which recorded
   * none), by their contents, with how many of each no exchange fill has matched yet: two fills
   * alike but for their trade id count twice, and each matches one fill of the exchange. Fills the
   * diary has with their trade id are in {@link #seenAtWatermark}, matched by it exactly.
   */
  private final Map<String, Integer> recordedAtWatermark = new HashMap<>();

  /**
   * Keys the saved state knows at the watermark that no diary line with a trade id accounts for:
   * such a fill's line is one of {@link #recordedAtWatermark} (an older diary's), which the fill
   * takes when the exchange reports it, before any other fill is matched by contents.
   */
  private final Set<String> restoredWithoutTradeId = new HashSet<>();

  private final Map<Asset, BigDecimal> closedPnl = new HashMap<>();

  /**
   * @param source the fills at or after an instant: the live view's, which follows the exchange
   */
  FillTracker(
      Function<Instant, List<Fill>> source,
      Recorder rec,
      RiskPolicy policy,
      Function<Fill, String> explorerUrl,
      Instant watermark,
      Set<String> seen) {
    this.source = source;
    this.rec = rec;
    this.policy = policy;
    this.explorerUrl = explorerUrl;
    this.watermark = watermark;
    this.seenAtWatermark.addAll(seen);
    this.restoredWithoutTradeId.addAll(seen);
  }

  Instant watermark() {
    return watermark;
  }

  Set<String> seenAtWatermark() {
    return Set.copyOf(seenAtWatermark);
  }

  /**
   * Moves the watermark past fills the diary already has although the persisted watermark does not
   * cover them: the process died after recording them and before saving its state. They are not
   * recorded again: a fill read back with its trade id is known by it, one without (an older
   * diary's) by its contents.
   */
  void alreadyRecorded(List<Fill> recorded) {
    List<Fill> sorted = new ArrayList<>(recorded);
    sorted.sort(java.util.Comparator.comparing(Fill::time));
    for (Fill f : sorted) {
      if (f.time().isBefore(watermark)) continue;
      if (f.time().isAfter(watermark)) moveTo(f.time());
      if (f.tradeId() == 0) recordedAtWatermark.merge(f.contentKey(), 1, Integer::sum);
      else {
        seenAtWatermark.add(f.key());
        restoredWithoutTradeId.remove(f.key());
      }
    }
  }

  private void moveTo(Instant time) {
    watermark = time;
    seenAtWatermark.clear();
    recordedAtWatermark.clear();
    restoredWithoutTradeId.clear();
  }

  /**
   * Whether {@code f}, at the watermark, is a fill the diary has: by its key (its trade id), else
   * by its contents, each fill recorded without its trade id standing for one fill of the exchange.
   */
  private boolean known(Fill f) {
    if (seenAtWatermark.contains(f.key())) return true;
    if (!takeRecorded(f.contentKey())) return false;
    seenAtWatermark.add(f.key());
    return true;
  }

  /** Whether the diary has a fill of these contents no exchange fill matched yet; matches it. */
  private boolean takeRecorded(String contentKey) {
    Integer unmatched = recordedAtWatermark.get(contentKey);
    if (unmatched == null) return false;
    if (unmatched == 1) recordedAtWatermark.remove(contentKey);
    else recordedAtWatermark.put(contentKey, unmatched - 1);
    return true;
  }

  /** Records fills not seen yet; returns them, oldest first. */
  List<Fill> poll(long cycle) {
    List<Fill> fresh = new ArrayList<>();
    List<Fill> fills = new ArrayList<>(source.apply(watermark));
    fills.sort(java.util.Comparator.comparing(Fill::time));
    for (Fill f : fills)
      if (f.time().equals(watermark) && restoredWithoutTradeId.remove(f.key()))
        takeRecorded(f.contentKey());
    for (Fill f : fills) {
      if (f.time().isBefore(watermark) || (f.time().equals(watermark) && known(f))) continue;
      if (f.time().isAfter(watermark)) moveTo(f.time());
      seenAtWatermark.add(f.key());
      fresh.add(f);
      rec.event(cycle, "fill", f.asset(), DiarySchema.fill(f, explorerUrl.apply(f)));
      closes(f);
    }
    return fresh;
  }

  /**
   * Tells the risk policy of the closes among fills the diary recorded before a restart, oldest
   * first, as {@link #poll} told it when they were new: a cooldown started before the restart still
   * holds after it.
   */
  void replayCloses(List<Fill> recorded) {
    List<Fill> sorted = new ArrayList<>(recorded);
    sorted.sort(java.util.Comparator.comparing(Fill::time));
    for (Fill f : sorted) closes(f);
  }

  /**
   * Adds a closing fill's PnL (net of its fee) to its asset's; when it ends the position (or flips
   * it), records the close with the position's total.
   */
  private void closes(Fill f) {
    if (!f.closing()) return;
    BigDecimal pnl = closedPnl.merge(f.asset(), f.closedPnl().subtract(f.fee()), BigDecimal::add);
    BigDecimal after =
        f.startPosition().add(f.size().multiply(BigDecimal.valueOf(f.side().sign())));
    if (after.signum() == 0 || after.signum() != f.startPosition().signum()) {
      policy.recordClose(f.asset(), f.time(), pnl);
      closedPnl.remove(f.asset());
    }
  }
}
