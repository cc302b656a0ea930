package dev.rez.app.notify;

import dev.rez.agent.ModelPrice;
import dev.rez.agent.TokenUsage;
import dev.rez.app.diary.DiarySchema;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@code daily-summary} diary event at a configured UTC time: the 24 hours before it in
 * the money its fills and funding payments moved (realised PnL, fees, funding and their net),
 * fills, the fills that realised PnL, model tokens and their cost. Being a diary event, the summary
 * reaches every sink through the outbox like any other notification (at least once, resumed after a
 * restart). A summary already in the diary for the same time is not written again.
 *
 * <p>Time is the diary's: the clock the app's events carry (a demo's runs faster than the wall
 * clock). At start, the summaries whose time passed while the app was down are written, for the
 * days after the diary's last summary (at most {@value #MISSED_DAYS} days back) whose hours the
 * diary has fills or cycles of; the diary holding them, a later restart does not write them again.
 */
final class DailySummary extends Worker {
  private static final Logger log = LoggerFactory.getLogger(DailySummary.class);
  private final Diary diary;
  private final LocalTime at;
  private final Timing timing;
  private final ModelPrice price;

  /** How many days back the summaries missed while the app was down are made up for. */
  static final int MISSED_DAYS = 7;

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
    Instant start = timing.now();
    try {
      catchUp(start);
    } catch (RuntimeException e) {
      log.warn(
          "the daily summaries missed while the app was down were not written: {}", e.getMessage());
    }
    // Each summary time after the start in turn, also one the clock passes while a pause lasts.
    Instant next = nextAfter(start);
    while (stop.getCount() > 0) {
      Instant now = timing.now();
      if (now.isBefore(next)) {
        if (timing.pause(Duration.between(now, next), stop)) return;
        continue;
      }
      try {
        writeFor(next);
      } catch (RuntimeException e) {
        log.warn("the daily summary for {} could not be written: {}", next, e.getMessage());
      }
      next = nextAfter(next);
    }
  }

  /**
   * Writes the summaries whose time passed before {@code now} while nothing wrote them: those after
   * the diary's last summary, at most {@link #MISSED_DAYS} back, whose hours had fills or cycles.
   *
   * @return how many were written
   */
  int catchUp(Instant now) {
    Instant latest = nextAfter(now).minus(Duration.ofDays(1));
    Instant lastWritten = null;
    for (Diary.Entry e : events("daily-summary", Instant.MIN, Instant.MAX)) {
      if (Json.parseObject(e.event().json()).get("to") instanceof String to) {
        Instant t = Instant.parse(to);
        if (lastWritten == null || t.isAfter(lastWritten)) lastWritten = t;
      }
    }
    int written = 0;
    for (int back = MISSED_DAYS - 1; back >= 0; back--) {
      Instant to = latest.minus(Duration.ofDays(back));
      if (lastWritten != null && !to.isAfter(lastWritten)) continue;
      Map<String, Object> m = summarize(to.minus(Duration.ofDays(1)), to);
      if ((int) m.get("fills") == 0 && (int) m.get("cycles") == 0) continue;
      if (writeFor(to)) written++;
    }
    return written;
  }

  /**
   * Appends the summary of the 24 hours before {@code to}, unless the diary has it; true when
   * appended.
   */
  boolean writeFor(Instant to) {
    String key = to.toString();
    for (Diary.Entry e : events("daily-summary", Instant.MIN, Instant.MAX)) {
      if (key.equals(Json.parseObject(e.event().json()).get("to"))) return false;
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

  /**
   * The summary of {@code [from, to)}: the money those hours moved, fill by fill. {@code pnl} is
   * the PnL the fills realised (a partial close counts the day it happens, a position still open at
   * {@code to} only its fees), {@code fees} every fill's fee, {@code funding} the funding payments,
   * {@code net = pnl - fees + funding}; {@code trades} the fills that realised PnL. When a fill or
   * funding event cannot be read, the money figures are null and {@code error} says why.
   */
  Map<String, Object> summarize(Instant from, Instant to) {
    List<Diary.Entry> fillEvents = events("fill", from, to);
    BigDecimal pnl = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal funding = BigDecimal.ZERO;
    int trades = 0;
    String error = null;
    try {
      for (Diary.Entry e : fillEvents) {
        Fill f = DiarySchema.fillOf(Json.parseObject(e.event().json()));
        pnl = pnl.add(f.closedPnl());
        fees = fees.add(f.fee());
        if (f.closedPnl().signum() != 0) trades++;
      }
      for (Diary.Entry e : events("funding", from, to))
        funding = funding.add(DiarySchema.fundingOf(Json.parseObject(e.event().json())).usdc());
    } catch (IllegalArgumentException e) {
      error = "a fill or funding event cannot be read: " + e.getMessage();
    }
    boolean ok = error == null;
    TokenUsage tokens = TokenUsage.ZERO;
    // Each cycle's cost as recorded (each model's at its own price); one that records none is
    // priced at the model's price; unknown when there is none.
    BigDecimal cost = BigDecimal.ZERO;
    boolean costKnown = true;
    int cycles = 0;
    for (Diary.Entry e : events("cycle-end", from, to)) {
      cycles++;
      Map<String, Object> end = Json.parseObject(e.event().json());
      TokenUsage t = DiarySchema.tokensOf(end);
      tokens = tokens.plus(t);
      if (t.total() == 0) continue;
      BigDecimal c = DiarySchema.costOf(end);
      if (c == null && price != null) c = price.cost(t);
      if (c == null) costKnown = false;
      else cost = cost.add(c);
    }
    return Json.obj(
        "date",
        to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate().toString(),
        "from",
        from,
        "to",
        to,
        "pnl",
        ok ? pnl : null,
        "fees",
        ok ? fees : null,
        "funding",
        ok ? funding : null,
        "net",
        ok ? pnl.subtract(fees).add(funding) : null,
        "fills",
        fillEvents.size(),
        "trades",
        ok ? trades : null,
        "error",
        error,
        "cycles",
        cycles,
        "tokens",
        DiarySchema.tokens(tokens),
        "costUsd",
        costKnown ? cost.setScale(4, RoundingMode.HALF_UP) : null);
  }

  private List<Diary.Entry> events(String type, Instant from, Instant to) {
    List<Diary.Entry> out = new ArrayList<>();
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
