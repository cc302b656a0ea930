package dev.rez.app.arena;

import dev.rez.core.TrackRecord;
import dev.rez.json.Json;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an {@link Arena} run: one row per contestant, in the order they were entered, each
 * with its track record and its comparison with the baseline.
 *
 * <pre>{@code
 * Leaderboard board = arena.run();
 * board.print(new PrintWriter(System.out, true));
 * Files.writeString(Path.of("leaderboard.json"), board.toJson());
 * }</pre>
 *
 * <p>{@link #toJson()} holds no wall-clock figure: the same data and contestants give the same
 * bytes. Immutable.
 *
 * @param asset the asset traded
 * @param interval the candle interval ({@code 1m})
 * @param cycles the cycles every contestant ran
 * @param baseline the name of the contestant the others are compared with
 * @param seed the bootstrap's seed
 * @param resamples the bootstrap's resample count
 * @param rows one per contestant, in entry order
 */
public record Leaderboard(
    String asset,
    String interval,
    long cycles,
    String baseline,
    long seed,
    int resamples,
    List<Row> rows) {
  /** Checks the leaderboard. */
  public Leaderboard {
    Objects.requireNonNull(asset, "asset == null");
    Objects.requireNonNull(interval, "interval == null");
    Objects.requireNonNull(baseline, "baseline == null");
    rows = List.copyOf(rows);
  }

  /**
   * One contestant's result.
   *
   * @param name the contestant's name
   * @param model the model's name
   * @param riskProfile the risk profile its policy used
   * @param record the track record of its account's fills and funding (what {@code rez stats}
   *     computes from its diary), including the close of a position still open after the last cycle
   * @param heldCycles cycles whose decision failed (model error, timeout, invalid output): nothing
   *     was opened
   * @param inputTokens prompt tokens over the run
   * @param outputTokens completion tokens over the run
   * @param costUsd what the tokens cost, null when the model's price is unknown
   * @param finalEquity the account's equity at the end of the run, once a position still open after
   *     the last cycle was closed at the last mark (so {@code finalEquity - startingEquity} is the
   *     record's net PnL)
   * @param vsBaseline the comparison of its per-cycle returns with the baseline's
   */
  public record Row(
      String name,
      String model,
      String riskProfile,
      TrackRecord record,
      long heldCycles,
      long inputTokens,
      long outputTokens,
      BigDecimal costUsd,
      BigDecimal finalEquity,
      Comparison vsBaseline) {
    /** Checks the row. */
    public Row {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(record, "record == null");
      Objects.requireNonNull(finalEquity, "finalEquity == null");
      Objects.requireNonNull(vsBaseline, "vsBaseline == null");
    }
  }

  /**
   * The paired comparison of a contestant's per-cycle returns ({@code equity_t / equity_t-1 - 1},
   * marked to market) with the baseline's over the same cycles.
   *
   * @param meanDifference the mean of the per-cycle differences (contestant minus baseline)
   * @param low the lower bound of the bootstrap 95 % confidence interval of that mean
   * @param high the upper bound
   */
  public record Comparison(double meanDifference, double low, double high) {
    /**
     * True when the interval lies wholly above zero: on this replay, the mean per-cycle difference
     * from the baseline is unlikely to be noise (the resampling treats cycles as independent).
     */
    public boolean better() {
      return low > 0;
    }

    /** True when the interval lies wholly below zero. */
    public boolean worse() {
      return high < 0;
    }

    /** {@code better}, {@code worse} or {@code undecided}. */
    public String verdict() {
      return better() ? "better" : worse() ? "worse" : "undecided";
    }
  }

  /** The row of {@code name}. */
  public java.util.Optional<Row> row(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The leaderboard as a JSON object (the shape of {@code leaderboard.json}). */
  public String toJson() {
    List<Object> list = new ArrayList<>();
    for (Row r : rows) {
      TrackRecord t = r.record();
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", r.name());
      o.put("model", r.model());
      o.put("riskProfile", r.riskProfile());
      o.put("trades", t.tradeCount());
      o.put("winRate", t.tradeCount() == 0 ? null : t.winRate());
      o.put("netPnl", t.netPnl());
      o.put("return", t.totalReturn());
      o.put("maxDrawdown", t.maxDrawdown());
      o.put("maxDrawdownFraction", t.maxDrawdownFraction());
      o.put("sharpe", t.sharpeRatio().isPresent() ? t.sharpeRatio().getAsDouble() : null);
      o.put(
          "profitFactor",
          t.profitFactor().stream().filter(Double::isFinite).boxed().findFirst().orElse(null));
      o.put("fees", t.fees());
      o.put("funding", t.funding());
      o.put("finalEquity", r.finalEquity());
      o.put("heldCycles", r.heldCycles());
      o.put("tokens", Json.obj("input", r.inputTokens(), "output", r.outputTokens()));
      o.put("costUsd", r.costUsd());
      Comparison c = r.vsBaseline();
      o.put(
          "vsBaseline",
          Json.obj(
              "meanReturnDifference",
              c.meanDifference(),
              "ci95",
              List.of(c.low(), c.high()),
              "verdict",
              c.verdict()));
      list.add(o);
    }
    return Json.write(
        Json.obj(
            "asset",
            asset,
            "interval",
            interval,
            "cycles",
            cycles,
            "baseline",
            baseline,
            "bootstrap",
            Json.obj("seed", seed, "resamples", resamples, "confidence", 0.95),
            "contestants",
            list));
  }

  /** Prints the leaderboard as a table, then the comparisons with the baseline. */
  public void print(PrintWriter out) {
    out.printf(
        Locale.ROOT, "arena: %s %s, %d cycles, baseline %s%n", asset, interval, cycles, baseline);
    out.printf(
        Locale.ROOT,
        "%-16s %6s %7s %12s %8s %8s %8s %7s %10s %9s%n",
        "contestant",
        "trades",
        "win%",
        "net PnL",
        "return",
        "max DD",
        "sharpe",
        "PF",
        "tokens",
        "cost $");
    for (Row r : rows) {
      TrackRecord t = r.record();
      out.printf(
          Locale.ROOT,
          "%-16s %6d %7s %12s %7.2f%% %7.2f%% %8s %7s %10d %9s%n",
          r.name(),
          t.tradeCount(),
          t.tradeCount() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", t.winRate() * 100),
          t.netPnl().setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
          t.totalReturn() * 100,
          t.maxDrawdownFraction() * 100,
          t.sharpeRatio().isPresent()
              ? String.format(Locale.ROOT, "%.3f", t.sharpeRatio().getAsDouble())
              : "n/a",
          t.profitFactor().isPresent()
              ? String.format(Locale.ROOT, "%.2f", t.profitFactor().getAsDouble())
              : "n/a",
          r.inputTokens() + r.outputTokens(),
          r.costUsd() == null
              ? "n/a"
              : r.costUsd().setScale(4, RoundingMode.HALF_EVEN).toPlainString());
    }
    out.println();
    out.println(
        "per-cycle return minus the baseline's ("
            + baseline
            + "), mean and paired bootstrap 95 % CI:");
    for (Row r : rows) {
      if (r.name().equals(baseline)) continue;
      Comparison c = r.vsBaseline();
      out.printf(
          Locale.ROOT,
          "  %-16s %+.3e  [%+.3e, %+.3e]  %s%n",
          r.name(),
          c.meanDifference(),
          c.low(),
          c.high(),
          c.verdict());
    }
    for (Row r : rows) {
      if (r.heldCycles() > 0)
        out.printf(
            Locale.ROOT,
            "  %s held %d cycle(s): its decision failed (see its diary)%n",
            r.name(),
            r.heldCycles());
    }
    out.flush();
  }
}
