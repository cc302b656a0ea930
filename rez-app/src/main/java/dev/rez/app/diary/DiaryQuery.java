package dev.rez.app.diary;

import dev.rez.core.Asset;
import dev.rez.core.Diary;
import java.util.Set;

/**
 * Which diary events to read: any of several types, one asset, one cycle; each null (or empty) for
 * any. All given criteria must hold. A richer {@link Diary.Filter}.
 *
 * <pre>{@code
 * DiaryQuery q = new DiaryQuery(Set.of("decision", "risk-verdict"), Asset.of("BTC"), null);
 * }</pre>
 *
 * @param types only events of one of these types; null or empty for any type
 * @param asset only events for this asset, or null
 * @param cycle only events of this cycle, or null
 */
public record DiaryQuery(Set<String> types, Asset asset, Long cycle) {
  /** Every event. */
  public static final DiaryQuery ALL = new DiaryQuery(null, null, null);

  public DiaryQuery {
    types = types == null ? Set.of() : Set.copyOf(types);
    if (cycle != null && cycle < 0)
      throw new IllegalArgumentException("cycle must be >= 0 but was " + cycle);
  }

  /** The query equivalent to a core {@link Diary.Filter}. */
  public static DiaryQuery of(Diary.Filter filter) {
    return new DiaryQuery(
        filter.type() == null ? null : Set.of(filter.type()), filter.asset(), null);
  }

  /** True when no criterion is set. */
  public boolean isAll() {
    return types.isEmpty() && asset == null && cycle == null;
  }
}
