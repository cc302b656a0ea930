package dev.rez.app.arena;

import dev.rez.json.Json;
import dev.rez.json.RawJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of a running {@link Arena} for a live view ({@code GET /api/arena}): every contestant's
 * equity after each cycle, its return and drawdown so far, and once the run is done the {@link
 * Leaderboard}. Fed by the arena's hooks:
 *
 * <pre>{@code
 * LiveBoard board = new LiveBoard("BTC", "1m", arena.cycles(), "rules");
 * Arena.builder()…onOpen(board::seated).listener(board).onFinish(board::finished)
 * }</pre>
 *
 * <p>Threadsafe: the arena's thread writes, request threads read.
 */
public final class LiveBoard implements Arena.CycleListener {
  /**
   * The most points of an equity curve {@link #toJson()} shows (evenly thinned beyond it; the last
   * always shown).
   */
  static final int MAX_POINTS = 1000;

  private final String asset;
  private final String interval;
  private final long cycles;
  private final String baseline;
  private final Map<String, Curve> curves = new LinkedHashMap<>();
  private long cycle;
  private Instant time;
  private RawJson leaderboard;

  private static final class Curve {
    final String model;
    final double start;
    long[] times = new long[64];
    double[] equity = new double[64];
    int size;
    double peak;
    double maxDrawdownFraction;

    Curve(String model, double start) {
      this.model = model;
      this.start = start;
      this.peak = start;
    }

    void add(Instant t, double e) {
      if (size == times.length) {
        times = java.util.Arrays.copyOf(times, size * 2);
        equity = java.util.Arrays.copyOf(equity, size * 2);
      }
      times[size] = t.toEpochMilli();
      equity[size++] = e;
      peak = Math.max(peak, e);
      if (peak > 0) maxDrawdownFraction = Math.max(maxDrawdownFraction, (peak - e) / peak);
    }
  }

  /**
   * A board for a run.
   *
   * @param asset the asset traded
   * @param interval the candle interval ({@code 1m})
   * @param cycles the cycles the run has
   * @param baseline the contestant the others are compared with
   */
  public LiveBoard(String asset, String interval, long cycles, String baseline) {
    this.asset = Objects.requireNonNull(asset, "asset == null");
    this.interval = Objects.requireNonNull(interval, "interval == null");
    this.cycles = cycles;
    this.baseline = Objects.requireNonNull(baseline, "baseline == null");
  }

  /** The contestants are seated (the arena's {@link Arena.Builder#onOpen} hook). */
  public synchronized void seated(List<Arena.Live> live) {
    for (Arena.Live l : live)
      curves.put(l.name(), new Curve(l.model(), l.startingEquity().doubleValue()));
  }

  @Override
  public synchronized void cycleDone(long cycle, Instant time, Map<String, BigDecimal> equity) {
    this.cycle = cycle;
    this.time = time;
    for (var e : equity.entrySet()) {
      Curve c = curves.get(e.getKey());
      if (c != null) c.add(time, e.getValue().doubleValue());
    }
  }

  /** The run is done (the arena's {@link Arena.Builder#onFinish} hook). */
  public synchronized void finished(Leaderboard board) {
    this.leaderboard = RawJson.of(board.toJson());
  }

  /** The names of the contestants, in entry order. */
  public synchronized List<String> names() {
    return List.copyOf(curves.keySet());
  }

  /** The board as the JSON object of {@code GET /api/arena}. */
  public synchronized String toJson() {
    List<Object> list = new ArrayList<>();
    for (var e : curves.entrySet()) {
      Curve c = e.getValue();
      double last = c.size == 0 ? c.start : c.equity[c.size - 1];
      List<Object> points = new ArrayList<>();
      int stride = Math.max(1, (c.size + MAX_POINTS - 1) / MAX_POINTS);
      for (int i = 0; i < c.size; i += stride) points.add(point(c, i));
      if (c.size > 0 && (c.size - 1) % stride != 0) points.add(point(c, c.size - 1));
      list.add(
          Json.obj(
              "name",
              e.getKey(),
              "model",
              c.model,
              "startingEquity",
              c.start,
              "equity",
              last,
              "return",
              c.start > 0 ? last / c.start - 1 : 0.0,
              "maxDrawdownFraction",
              c.maxDrawdownFraction,
              "equityCurve",
              points));
    }
    return Json.write(
        Json.obj(
            "state",
            leaderboard == null ? "running" : "finished",
            "asset",
            asset,
            "interval",
            interval,
            "cycle",
            cycle,
            "cycles",
            cycles,
            "time",
            time == null ? null : time.toString(),
            "baseline",
            baseline,
            "contestants",
            list,
            "leaderboard",
            leaderboard));
  }

  private static Object point(Curve c, int i) {
    return Json.obj("time", Instant.ofEpochMilli(c.times[i]).toString(), "equity", c.equity[i]);
  }
}
