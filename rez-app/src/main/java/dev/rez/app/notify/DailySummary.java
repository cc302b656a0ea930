package dev.rez.app.notify;

import dev.rez.agent.ModelPrice;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@code daily-summary} diary event at a configured UTC time: the 24 hours before it in
 * realised PnL, fees, fills, closing trades, model tokens and their cost. Being a diary event, the
 * summary reaches every sink through the outbox like any other notification (at least once, resumed
 * after a restart). A summary already in the diary for the same time is not written again.
 */
final class DailySummary extends Worker {
  private static final Logger log = LoggerFactory.getLogger(DailySummary.class);
  private final Diary diary;
  private final LocalTime at;
  private final Timing timing;
  private final ModelPrice price;

  /**
   * @param price the model's token prices, for the summary's cost; null when unknown
   */
  DailySummary(Diary diary, LocalTime at, Timing timing, ModelPrice price) {
    super("rez-notify-daily-summary", false);
    this.diary = Objects.requireNonNull(diary, "diary == null");
    this.at = Objects.requireNonNull(at, "at == null");
    this.timing = timing;
    this.price = price;
  }

  /** The first summary time strictly after {@code now}. */
  Instant nextAfter(Instant now) {
    Instant today = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(at).toInstant(ZoneOffset.UTC);
    return today.isAfter(now) ? today : today.plus(Duration.ofDays(1));
  }

  @Override
  void work() throws InterruptedException {
    while (stop.getCount() > 0) {
      Instant next = nextAfter(timing.now());
      if (timing.pause(Duration.between(timing.now(), next), stop)) return;
      if (timing.now().isBefore(next)) continue;
      try {
        writeFor(next);
      } catch (RuntimeException e) {
        log.warn("the daily summary for {} could not be written: {}", next, e.getMessage());
      }
    }
  }

  /**
   * Appends the summary of the 24 hours before {@code to}, unless the diary has it; true when
   * appended.
   */
  boolean writeFor(Instant to) {
    Diary.Page last = diary.read(null, 10_000, new Diary.Filter("daily-summary", null));
    String key = to.toString();
    while (true) {
      for (Diary.Entry e : last.events()) {
        if (key.equals(Json.parseObject(e.event().json()).get("to"))) return false;
      }
      if (!last.hasMore()) break;
      last = diary.read(last.next(), 10_000, new Diary.Filter("daily-summary", null));
    }
    diary.append(
        new DiaryEvent(
            timing.now(),
            0,
            "daily-summary",
            null,
            Json.write(summarize(to.minus(Duration.ofDays(1)), to))));
    diary.flush();
    return true;
  }

  /** The summary of {@code [from, to)}. */
  Map<String, Object> summarize(Instant from, Instant to) {
    BigDecimal pnl = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    int fills = 0;
    int trades = 0;
    for (Diary.Entry e : events("fill", from, to)) {
      Map<String, Object> d = Json.parseObject(e.event().json());
      fills++;
      if (d.get("closedPnl") instanceof BigDecimal p) {
        pnl = pnl.add(p);
        if (p.signum() != 0) trades++;
      }
      if (d.get("fee") instanceof BigDecimal f) fees = fees.add(f);
    }
    long input = 0;
    long output = 0;
    int cycles = 0;
    for (Diary.Entry e : events("cycle-end", from, to)) {
      cycles++;
      if (Json.parseObject(e.event().json()).get("tokens") instanceof Map<?, ?> t) {
        if (t.get("input") instanceof BigDecimal i) input += i.longValue();
        if (t.get("output") instanceof BigDecimal o) output += o.longValue();
      }
    }
    BigDecimal cost =
        price == null
            ? null
            : price
                .inputPerMillion()
                .multiply(BigDecimal.valueOf(input))
                .add(price.outputPerMillion().multiply(BigDecimal.valueOf(output)))
                .divide(BigDecimal.valueOf(1_000_000), 4, RoundingMode.HALF_UP);
    return Json.obj(
        "date",
        to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate().toString(),
        "from",
        from,
        "to",
        to,
        "pnl",
        pnl,
        "fees",
        fees,
        "net",
        pnl.subtract(fees),
        "fills",
        fills,
        "trades",
        trades,
        "cycles",
        cycles,
        "tokens",
        Json.obj("input", input, "output", output),
        "costUsd",
        cost);
  }

  private java.util.List<Diary.Entry> events(String type, Instant from, Instant to) {
    java.util.List<Diary.Entry> out = new java.util.ArrayList<>();
    Diary.Filter f = new Diary.Filter(type, null);
    Diary.Page p = diary.read(null, 10_000, f);
    while (true) {
      for (Diary.Entry e : p.events()) {
        Instant t = e.event().time();
        if (!t.isBefore(from) && t.isBefore(to)) out.add(e);
      }
      if (!p.hasMore() || p.events().isEmpty()) return out;
      p = diary.read(p.next(), 10_000, f);
    }
  }
}
