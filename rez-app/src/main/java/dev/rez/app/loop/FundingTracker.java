package dev.rez.app.loop;

import dev.rez.app.diary.DiarySchema;
import dev.rez.core.Diary;
import dev.rez.core.Exchange;
import dev.rez.core.FundingPayment;
import dev.rez.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the exchange's funding payments: each new one goes to the diary as a {@code funding}
 * event, once, so that the track record ({@code rez stats}, {@code /api/stats}) counts what funding
 * paid or cost. Where to go on from is read from the diary itself: after the last recorded payment,
 * or from {@code since} when there is none. Internal; the loop's thread calls it.
 */
final class FundingTracker {
  private final Exchange exchange;
  private final Recorder rec;
  private Instant watermark;
  private final Set<String> seenAtWatermark = new HashSet<>();

  FundingTracker(Exchange exchange, Recorder rec, Instant since) {
    this.exchange = exchange;
    this.rec = rec;
    this.watermark = since;
    String cursor = null;
    while (true) {
      Diary.Page page = rec.diary().read(cursor, 10_000, new Diary.Filter("funding", null));
      for (Diary.Entry e : page.events()) {
        Map<String, Object> d = Json.parseObject(e.event().json());
        Instant time = Instant.parse((String) d.get("time"));
        if (time.isAfter(watermark)) {
          watermark = time;
          seenAtWatermark.clear();
        }
        if (time.equals(watermark)) seenAtWatermark.add(d.get("asset") + "|" + time.toEpochMilli());
      }
      cursor = page.next();
      if (!page.hasMore()) break;
    }
  }

  /** Records the payments not recorded yet; returns them, oldest first. */
  List<FundingPayment> poll(long cycle) {
    List<FundingPayment> fresh = new ArrayList<>();
    for (FundingPayment f : exchange.fundings(watermark)) {
      if (f.time().isBefore(watermark)
          || f.time().equals(watermark) && seenAtWatermark.contains(key(f))) continue;
      if (f.time().isAfter(watermark)) {
        watermark = f.time();
        seenAtWatermark.clear();
      }
      seenAtWatermark.add(key(f));
      fresh.add(f);
      rec.event(cycle, "funding", f.asset(), DiarySchema.funding(f));
    }
    return fresh;
  }

  private static String key(FundingPayment f) {
    return f.asset().name() + "|" + f.time().toEpochMilli();
  }
}
