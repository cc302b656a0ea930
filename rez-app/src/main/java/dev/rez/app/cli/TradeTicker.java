package dev.rez.app.cli;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.app.loop.TradeLog;
import dev.rez.core.Diary;
import dev.rez.json.Json;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Prints one short line per fill as the diary records it, for the demo's terminal: {@code 14:03 BTC
 * buy 0.031 @ 64210 fee 0.45 pnl +12.30}, and one per trade step ({@link TradeLog}): the entry with
 * its protection, protection changes, the close with its exit and PnL. Reads the diary on its own
 * daemon thread, from the events appended after it starts; {@link #close()} prints what is left and
 * stops it. Threadsafe.
 */
final class TradeTicker implements AutoCloseable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final JsonlDiary diary;
  private final PrintWriter out;
  private final Thread thread;
  private final TradeLog steps = new TradeLog();
  private volatile boolean running = true;
  private String cursor;

  TradeTicker(JsonlDiary diary, PrintWriter out) {
    this.diary = diary;
    this.out = out;
    this.cursor = diary.endCursor();
    this.thread = Thread.ofPlatform().daemon().name("rez-trade-ticker").start(this::run);
  }

  private void run() {
    try {
      while (running) {
        long known = diary.size();
        if (!drain()) diary.awaitMore(known, Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A ticker problem must never stop the demo; the diary and the API still have every fill.
      if (running) out.println("(trade lines stopped: " + e.getMessage() + ")");
    }
  }

  /** Prints the fills recorded since the last call; true when more were already waiting. */
  private synchronized boolean drain() {
    Diary.Page page = diary.read(cursor, 200, Diary.Filter.ALL);
    boolean printed = false;
    for (Diary.Entry e : page.events()) {
      if (e.event().type().equals("fill")) {
        out.println(line(e.event().time(), Json.parseObject(e.event().json())));
        printed = true;
      }
      String step = steps.line(e.event());
      if (step != null) {
        out.println(TIME.format(e.event().time()) + "  " + step);
        printed = true;
      }
    }
    if (printed) out.flush();
    cursor = page.next();
    return page.hasMore();
  }

  /** One fill as a line. */
  static String line(Instant time, Map<String, Object> fill) {
    StringBuilder b =
        new StringBuilder(TIME.format(time))
            .append("  ")
            .append(
                String.format(
                    "%-5s %-4s ",
                    fill.get("asset"),
                    String.valueOf(fill.get("side")).toLowerCase(java.util.Locale.ROOT)))
            .append(plain(fill.get("size")))
            .append(" @ ")
            .append(plain(fill.get("price")));
    if (fill.get("fee") instanceof BigDecimal fee)
      b.append("  fee ").append(fee.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
    if (fill.get("closedPnl") instanceof BigDecimal pnl && pnl.signum() != 0) {
      b.append("  pnl ")
          .append(pnl.signum() > 0 ? "+" : "")
          .append(pnl.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
    }
    return b.toString();
  }

  private static String plain(Object v) {
    return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v);
  }

  /** Prints the fills not printed yet, then stops. Call before the diary closes. */
  @Override
  public void close() {
    running = false;
    // No interrupt: an interrupted read of a FileChannel closes it, and the channel is the diary's.
    // The wait
    // in run() times out within a second.
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      while (drain()) {
        // print every page
      }
    } catch (RuntimeException e) {
      out.println("(trade lines stopped: " + e.getMessage() + ")");
    }
    out.flush();
  }
}
