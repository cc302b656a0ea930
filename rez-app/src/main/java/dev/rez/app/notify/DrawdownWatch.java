package dev.rez.app.notify;

import dev.rez.app.loop.AtomicFile;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the account's equity against its peak and writes a {@code drawdown} diary event when the
 * drawdown crosses one of the configured fractions: {@code {fraction, threshold, equity, peak}}. A
 * threshold fires once, and again only after the drawdown has come back under half of it. The peak
 * and the fired thresholds are kept in a state file, so a restart neither forgets the peak nor
 * repeats a notification.
 */
final class DrawdownWatch extends Worker {
  private static final Logger log = LoggerFactory.getLogger(DrawdownWatch.class);
  private final Diary diary;
  private final Supplier<BigDecimal> equity;
  private final List<BigDecimal> thresholds;
  private final Path stateFile;
  private final Timing timing;
  private final Duration every;
  private BigDecimal peak;
  private final TreeSet<BigDecimal> fired = new TreeSet<>();

  DrawdownWatch(
      Diary diary,
      Supplier<BigDecimal> equity,
      List<BigDecimal> thresholds,
      Path stateFile,
      Timing timing,
      Duration every) {
    super("rez-notify-drawdown", false);
    this.diary = Objects.requireNonNull(diary, "diary == null");
    this.equity = Objects.requireNonNull(equity, "equity == null");
    this.thresholds = List.copyOf(new TreeSet<>(thresholds));
    this.stateFile = stateFile;
    this.timing = timing;
    this.every = every;
    String saved = AtomicFile.read(stateFile);
    if (saved != null) {
      Map<String, Object> m = Json.parseObject(saved);
      peak = (BigDecimal) m.get("peak");
      if (m.get("fired") instanceof List<?> l) for (Object o : l) fired.add((BigDecimal) o);
    }
  }

  @Override
  void work() throws InterruptedException {
    do {
      try {
        check();
      } catch (RuntimeException e) {
        log.debug("drawdown check skipped: {}", e.getMessage());
      }
    } while (!timing.pause(every, stop));
  }

  /** Reads the equity once; writes a {@code drawdown} event for each threshold newly crossed. */
  void check() {
    BigDecimal e = equity.get();
    if (e == null || e.signum() <= 0) return;
    boolean changed = false;
    if (peak == null || e.compareTo(peak) > 0) {
      peak = e;
      changed = true;
    }
    BigDecimal dd = peak.subtract(e).divide(peak, 6, RoundingMode.HALF_UP);
    for (BigDecimal t : thresholds) {
      if (dd.compareTo(t) >= 0 && !fired.contains(t)) {
        fired.add(t);
        changed = true;
        diary.append(
            new DiaryEvent(
                timing.now(),
                0,
                "drawdown",
                null,
                Json.write(
                    Json.obj(
                        "fraction",
                        dd,
                        "threshold",
                        t,
                        "equity",
                        e,
                        "peak",
                        peak,
                        "message",
                        dd.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString()
                            + " % below the peak "
                            + peak.toPlainString()
                            + " (threshold "
                            + t.movePointRight(2).stripTrailingZeros().toPlainString()
                            + " %)"))));
        diary.flush();
      } else if (fired.contains(t) && dd.compareTo(t.divide(BigDecimal.TWO)) < 0) {
        fired.remove(t);
        changed = true;
      }
    }
    if (changed)
      AtomicFile.write(stateFile, Json.write(Json.obj("peak", peak, "fired", List.copyOf(fired))));
  }
}
