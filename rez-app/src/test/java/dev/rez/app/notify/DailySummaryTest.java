package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.agent.ModelPrice;
import dev.rez.app.diary.DiarySchema;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.LoopClock;
import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Side;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailySummaryTest {
  static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  @TempDir Path dir;

  /** A fill of {@code size} at {@code price} from position {@code start}, at {@code t}. */
  static void fill(
      Diary d,
      Instant t,
      String asset,
      Side side,
      String size,
      String price,
      String start,
      String pnl,
      String fee) {
    Fill f =
        new Fill(
            Asset.of(asset),
            side,
            new BigDecimal(price),
            new BigDecimal(size),
            t,
            new BigDecimal(fee),
            new BigDecimal(pnl),
            t.getEpochSecond(),
            null,
            new BigDecimal(start),
            true,
            "0x" + t.getEpochSecond(),
            0);
    d.append(new DiaryEvent(t, 1, "fill", Asset.of(asset), Json.write(DiarySchema.fill(f, null))));
  }

  static void funding(Diary d, Instant t, String usdc) {
    FundingPayment p =
        new FundingPayment(
            Asset.of("BTC"), t, new BigDecimal(usdc), new BigDecimal("0.0001"), BigDecimal.ONE);
    d.append(new DiaryEvent(t, 1, "funding", Asset.of("BTC"), Json.write(DiarySchema.funding(p))));
  }

  static void cycleEnd(Diary d, Instant t, long in, long out) {
    d.append(
        new DiaryEvent(
            t,
            1,
            "cycle-end",
            null,
            "{\"ok\":true,\"tokens\":{\"input\":" + in + ",\"output\":" + out + "}}"));
  }

  /** A round trip in BTC, the close of an ETH short opened the day before, funding, cycles. */
  static void aDay(Diary diary, Instant day) {
    Instant h = day.minus(Duration.ofHours(24));
    fill(diary, h.minus(Duration.ofHours(6)), "ETH", Side.SELL, "0.1", "3000", "0", "0", "1");
    fill(diary, day.minus(Duration.ofHours(5)), "BTC", Side.BUY, "0.01", "60000", "0", "0", "0.5");
    fill(
        diary,
        day.minus(Duration.ofHours(4)),
        "BTC",
        Side.SELL,
        "0.01",
        "62550",
        "0.01",
        "25.5",
        "0.5");
    fill(
        diary,
        day.minus(Duration.ofHours(3)),
        "ETH",
        Side.BUY,
        "0.1",
        "3100",
        "-0.1",
        "-10",
        "0.25");
    funding(diary, day.minus(Duration.ofHours(2)), "-0.75");
    cycleEnd(diary, day.minus(Duration.ofHours(2)), 1_000_000, 100_000);
    cycleEnd(diary, day.minus(Duration.ofHours(1)), 500_000, 50_000);
  }

  static List<Map<String, Object>> summaries(Diary diary) {
    return diary.read(null, 100, new Diary.Filter("daily-summary", null)).events().stream()
        .map(e -> Json.parseObject(e.event().json()))
        .toList();
  }

  /** A timing stopped at {@code now}: a pause waits until the summary is closed. */
  static Timing stoppedAt(Instant now) {
    return Timing.system(Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  @SuppressWarnings("unchecked")
  void summarisesTheDayBeforeItsTimeWithFundingOnceAndTheOutboxPicksItUp() throws Exception {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      aDay(diary, DAY);
      // A position opened at the end of the day and still open: its fill and its fee count today.
      fill(diary, DAY.minusSeconds(60), "BTC", Side.BUY, "0.01", "61000", "0", "0", "0.3");
      fill(diary, DAY.plusSeconds(1), "BTC", Side.SELL, "0.01", "61100", "0.01", "1", "9"); // after
      VirtualTiming timing = new VirtualTiming(DAY.minus(Duration.ofHours(3)));
      DailySummary s =
          new DailySummary(
              diary,
              LocalTime.MIDNIGHT,
              timing,
              new ModelPrice(new BigDecimal("3"), new BigDecimal("15")));
      assertThat(s.nextAfter(DAY.minusSeconds(1))).isEqualTo(DAY);
      assertThat(s.nextAfter(DAY)).isEqualTo(DAY.plus(Duration.ofDays(1)));

      Map<String, Object> m = s.summarize(DAY.minus(Duration.ofDays(1)), DAY);
      assertThat(m)
          .containsEntry("date", "2026-03-01")
          .containsEntry("fills", 4)
          .containsEntry("trades", 2);
      // The money the day's fills moved: the PnL they realised (25.5 on BTC, -10 closing the ETH
      // short opened the day before), every fill's fee (0.5 + 0.5 + 0.25 + 0.3), and the funding.
      assertThat((BigDecimal) m.get("pnl")).isEqualByComparingTo("15.5");
      assertThat((BigDecimal) m.get("fees")).isEqualByComparingTo("1.55");
      assertThat((BigDecimal) m.get("funding")).isEqualByComparingTo("-0.75");
      assertThat((BigDecimal) m.get("net")).isEqualByComparingTo("13.2");
      assertThat(m.get("error")).isNull();
      assertThat((Map<String, Object>) m.get("tokens"))
          .containsEntry("input", 1_500_000L)
          .containsEntry("output", 150_000L);
      // 1.5 M input at $3 + 0.15 M output at $15.
      assertThat((BigDecimal) m.get("costUsd")).isEqualByComparingTo("6.75");

      // Scheduled: the virtual clock reaches midnight, the summary lands in the diary once.
      s.start();
      Receiver.await(
          "the summary",
          Duration.ofSeconds(20),
          () -> summaries(diary).stream().anyMatch(m2 -> DAY.toString().equals(m2.get("to"))));
      s.close();
      assertThat(s.writeFor(DAY)).isFalse();
      Diary.Entry e =
          diary.read(null, 100, new Diary.Filter("daily-summary", null)).events().stream()
              .filter(x -> x.event().json().contains("\"to\":\"" + DAY + "\""))
              .toList()
              .getFirst();
      Notification n = new Rules(Rule.DEFAULTS).select(e);
      assertThat(n.rule()).isEqualTo("daily-summary");
      assertThat(n.text())
          .startsWith(
              "Daily summary 2026-03-01: PnL 15.5, fees 1.55, funding -0.75, net 13.2, trades 2,"
                  + " fills 4")
          .contains("cost $6.75");
    }
  }

  @Test
  void theCostIsWhatEachCycleRecordsAndTheModelsPriceOnlyWhereItRecordsNone() {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      Instant t = DAY.minus(Duration.ofHours(3));
      // Recorded by the loop: the repair model's turns priced at its own, lower, price.
      diary.append(
          new DiaryEvent(
              t,
              1,
              "cycle-end",
              null,
              "{\"ok\":true,\"tokens\":{\"input\":1000000,\"output\":100000},\"costUsd\":1.25}"));
      cycleEnd(diary, t.plusSeconds(60), 500_000, 50_000); // an older line without a cost
      cycleEnd(diary, t.plusSeconds(120), 0, 0); // a cycle that asked no model
      ModelPrice price = new ModelPrice(new BigDecimal("3"), new BigDecimal("15"));
      Map<String, Object> m =
          new DailySummary(diary, LocalTime.MIDNIGHT, stoppedAt(DAY), price)
              .summarize(DAY.minus(Duration.ofDays(1)), DAY);
      // 1.25 recorded + 0.5 M input at $3 + 0.05 M output at $15.
      assertThat((BigDecimal) m.get("costUsd")).isEqualByComparingTo("3.5");
      assertThat(m).containsEntry("cycles", 3);

      // Without a price, a cycle that records no cost makes the day's cost unknown.
      assertThat(
              new DailySummary(diary, LocalTime.MIDNIGHT, stoppedAt(DAY), null)
                  .summarize(DAY.minus(Duration.ofDays(1)), DAY))
          .containsEntry("costUsd", null);
    }
  }

  @Test
  void aPartialCloseCountsTheDayItHappensAndTheOpeningFeeTheDayItIsPaid() {
    Instant day2 = DAY.plus(Duration.ofDays(1));
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      fill(
          diary, DAY.minus(Duration.ofHours(5)), "BTC", Side.BUY, "0.02", "60000", "0", "0", "0.6");
      fill(
          diary,
          DAY.minus(Duration.ofHours(4)),
          "BTC",
          Side.SELL,
          "0.01",
          "61000",
          "0.02",
          "10",
          "0.3");
      fill(
          diary,
          day2.minus(Duration.ofHours(4)),
          "BTC",
          Side.SELL,
          "0.01",
          "60500",
          "0.01",
          "5",
          "0.3");
      DailySummary s = new DailySummary(diary, LocalTime.MIDNIGHT, stoppedAt(day2), null);
      Map<String, Object> first = s.summarize(DAY.minus(Duration.ofDays(1)), DAY);
      Map<String, Object> second = s.summarize(DAY, day2);
      assertThat((BigDecimal) first.get("pnl")).isEqualByComparingTo("10");
      assertThat((BigDecimal) first.get("fees")).isEqualByComparingTo("0.9");
      assertThat((BigDecimal) second.get("pnl")).isEqualByComparingTo("5");
      assertThat((BigDecimal) second.get("fees")).isEqualByComparingTo("0.3");
    }
  }

  @Test
  void aFillThatCannotBeReadLeavesTheMoneyOutAndSaysWhy() {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      fill(diary, DAY.minusSeconds(7200), "BTC", Side.SELL, "0.01", "60000", "0.02", "5", "0.1");
      diary.append(
          new DiaryEvent(
              DAY.minusSeconds(3600),
              1,
              "fill",
              Asset.of("BTC"),
              "{\"asset\":\"BTC\",\"side\":\"sell\",\"price\":\"not a number\"}"));
      Map<String, Object> m =
          new DailySummary(diary, LocalTime.MIDNIGHT, stoppedAt(DAY), null)
              .summarize(DAY.minus(Duration.ofDays(1)), DAY);
      assertThat(m).containsEntry("fills", 2).containsEntry("pnl", null).containsEntry("net", null);
      assertThat((String) m.get("error")).contains("cannot be read");
    }
  }

  @Test
  void aSummaryWhoseTimePassedWhileTheAppWasDownIsWrittenAtStartOnce() throws Exception {
    Instant now = DAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(5));
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      // Two days of trading; the app stopped before either summary's time and starts a day later.
      aDay(diary, DAY);
      cycleEnd(diary, DAY.plus(Duration.ofHours(20)), 10, 1);
      DailySummary first = new DailySummary(diary, LocalTime.MIDNIGHT, stoppedAt(now), null);
      first.start();
      Receiver.await(
          "the missed summaries", Duration.ofSeconds(20), () -> summaries(diary).size() >= 3);
      first.close();
      // Each day with trading, oldest first (the first day has the ETH short's opening fill).
      assertThat(summaries(diary))
          .extracting(m -> m.get("to"))
          .containsExactly(
              DAY.minus(Duration.ofDays(1)).toString(),
              DAY.toString(),
              DAY.plus(Duration.ofDays(1)).toString());
      assertThat(summaries(diary).get(1))
          .containsEntry("fills", BigDecimal.valueOf(3))
          .containsEntry("cycles", BigDecimal.valueOf(2));

      // Another restart: nothing is written again (close waits for the start's catching up).
      DailySummary second =
          new DailySummary(diary, LocalTime.MIDNIGHT, stoppedAt(now.plusSeconds(60)), null);
      second.start();
      second.close();
      assertThat(summaries(diary)).hasSize(3);
    }
  }

  @Test
  void aNewDiaryGetsNoSummaryOfHoursItHasNothingOf() {
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      cycleEnd(diary, DAY.plus(Duration.ofHours(5)), 10, 1); // this run, after the summary time
      DailySummary s =
          new DailySummary(
              diary, LocalTime.MIDNIGHT, stoppedAt(DAY.plus(Duration.ofHours(6))), null);
      s.start();
      s.close();
      assertThat(summaries(diary)).isEmpty();
    }
  }

  /** The webhook request carrying the summary up to {@code to}, or null. */
  static Receiver.Request summaryTo(Receiver hook, String to) {
    for (Receiver.Request r : hook.requests) {
      if (Json.parseObject(r.body()).get("payload") instanceof Map<?, ?> p
          && to.equals(p.get("to"))) return r;
    }
    return null;
  }

  @Test
  void theSummaryRunsOnTheClockOfTheAppsEventsAndSignaturesOnTheWallClock() throws Exception {
    // A demo: its events carry a simulated time years before the wall clock.
    Instant simDay = Instant.parse("2013-11-27T00:00:00Z");
    AtomicReference<Instant> sim = new AtomicReference<>(simDay.minusSeconds(2));
    Clock simClock = LoopClock.following(sim::get, 1).asClock();
    Path path = dir.resolve("diary.jsonl");
    Receiver hook = new Receiver(r -> Receiver.Reply.of(204, ""));
    try (JsonlDiary diary = JsonlDiary.open(path)) {
      aDay(diary, simDay);
      Notifier n =
          Notifier.builder(
                  NotifyConfig.fromVariables(
                      Map.of(
                          "REZ_NOTIFY_DAILY_SUMMARY_AT", "00:00",
                          "REZ_NOTIFY_RULES", "daily-summary",
                          "REZ_NOTIFY_WEBHOOK_URL", hook.url("/hook"),
                          "REZ_NOTIFY_WEBHOOK_SECRET", "whsec-0123456789")),
                  diary,
                  path)
              .eventClock(simClock)
              .build()
              .start();
      sim.set(simDay.plusSeconds(1));
      Receiver.await(
          "the summary", Duration.ofSeconds(20), () -> summaryTo(hook, simDay.toString()) != null);
      n.close(Duration.ofSeconds(5));
      Receiver.Request r = summaryTo(hook, simDay.toString());
      Map<String, Object> body = Json.parseObject(r.body());
      Map<?, ?> summary = (Map<?, ?>) body.get("payload");
      assertThat(summary.get("fills")).isEqualTo(BigDecimal.valueOf(3));
      assertThat(body.get("time")).isEqualTo(simDay.plusSeconds(1).toString());
      long ts = Long.parseLong(r.header("X-Rez-Timestamp"));
      assertThat(Math.abs(ts - Instant.now().getEpochSecond())).isLessThan(600);
    } finally {
      hook.close();
    }
  }
}
