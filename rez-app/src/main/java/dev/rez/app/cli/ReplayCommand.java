package dev.rez.app.cli;

import dev.rez.agent.CassetteModel;
import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Interval;
import dev.rez.core.RiskProfile;
import dev.rez.core.TrackRecord;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez replay DIARY --data FILE}: runs a backtest again with the model's answers recorded in
 * a backtest's diary instead of the model (no network call, no cost), then compares the two runs.
 * With the same data and settings the replay is strict: the first request that differs from the
 * recorded one fails the replay (exit code 1), naming the cycle. With {@code --risk-profile} it is
 * a counterfactual: the same answers judged by other limits; the report lists the cycles whose
 * verdict changed and the difference in net PnL.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    header =
        "Replay a backtest's diary with its recorded model answers, exactly or as a counterfactual.",
    description = {
      "Replay a backtest's diary without the model: its recorded answers drive the same loop on the same data.",
      "Same settings: the decisions, verdicts, orders and track record must come out the same (strict; exit 1 on the first differing request).",
      "--risk-profile: a counterfactual; the cycles whose verdict changed and the difference in net PnL are listed."
    })
final class ReplayCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Parameters(
      index = "0",
      paramLabel = "DIARY",
      description = "The diary of the backtest to replay.")
  Path source;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "The candle CSV file the backtest ran on.")
  Path data;

  @Option(
      names = "--risk-profile",
      paramLabel = "PROFILE",
      description = "conservative, moderate, high or debug (default: the recorded run's).")
  String riskProfile;

  @Option(
      names = "--diary",
      paramLabel = "PATH",
      description =
          "The diary of the replay (default: DIARY with .replay.jsonl); a backtest's or replay's diary there is replaced, any other file refused.")
  Path diary;

  @Mixin CommonOptions.JsonOutput output;

  @Override
  public Integer call() {
    Path original = root.resolve(source);
    List<DiaryLines.Line> before = DiaryLines.read(original, root.err::println);
    Map<String, Object> start =
        before.stream()
            .filter(l -> l.type().equals("app-start"))
            .findFirst()
            .map(DiaryLines.Line::data)
            .orElseThrow(
                () ->
                    CliException.badFile(
                        "the diary "
                            + original
                            + " has no app-start event: it is not a backtest's diary"));
    if (!TradingApp.Mode.BACKTEST.id().equals(start.get("mode"))) {
      throw CliException.usage(
          "the diary "
              + original
              + " was written by a "
              + start.get("mode")
              + " app: only a backtest's diary can be replayed");
    }
    Asset asset;
    RiskProfile recorded;
    RiskProfile profile;
    try {
      asset = Asset.of((String) ((List<?>) start.get("assets")).get(0));
      recorded = RiskProfile.parse(String.valueOf(start.get("riskProfile")));
      profile = riskProfile == null ? recorded : RiskProfile.parse(riskProfile);
    } catch (IllegalArgumentException
        | ClassCastException
        | IndexOutOfBoundsException
        | NullPointerException e) {
      throw riskProfile != null && e instanceof IllegalArgumentException
          ? CliException.usage("--risk-profile: " + e.getMessage())
          : CliException.badFile(
              "the diary "
                  + original
                  + " has an app-start without its assets or risk profile ("
                  + e.getMessage()
                  + ")");
    }
    int warmup = start.get("history") instanceof BigDecimal h ? h.intValueExact() : 200;
    List<Candle> candles = CandleCsv.read(root.resolve(data), null);
    if (candles.size() <= warmup)
      throw CliException.badFile(
          data
              + " has "
              + candles.size()
              + " bars: the recorded run used "
              + warmup
              + " of warm-up");
    Interval interval = candles.get(0).interval();
    if (!interval.wire().equals(start.get("interval"))) {
      throw CliException.usage(
          data
              + " has "
              + interval.wire()
              + " bars but the recorded run traded "
              + start.get("interval"));
    }
    boolean counterfactual = profile != recorded;
    CassetteModel cassette =
        DiaryCassette.load(
            original,
            counterfactual ? CassetteModel.Mode.LENIENT : CassetteModel.Mode.STRICT,
            root.err::println);
    Path replayPath =
        root.resolve(
            diary != null
                ? diary
                : original.resolveSibling(replayName(original.getFileName().toString())));
    if (replayPath.toAbsolutePath().normalize().equals(original.toAbsolutePath().normalize())) {
      throw CliException.usage("--diary must differ from the diary replayed");
    }
    AppConfig config = root.config().with(List.of(asset), interval, null, null, profile);
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.BACKTEST,
            config,
            AppConfig.Network.SIMULATOR,
            List.of(asset),
            interval,
            replayPath,
            Map.of(asset, candles),
            1,
            warmup,
            AfterReplay.STOP,
            "backtest",
            null);
    BacktestCommand.Result result =
        BacktestCommand.run(
            spec, new TradingApp.ModelUse(cassette, null, false), List.of(), app -> {});
    if (cassette.mismatch().isPresent()) {
      root.err.println(
          "replay failed: "
              + cassette.mismatch().get()
              + " (the data, the settings or the prompt differ from the recorded run's)");
      root.err.flush();
      return ExitCode.FAILURE;
    }

    Run was = Run.of(before, original);
    Run now = Run.of(DiaryLines.read(replayPath, root.err::println), replayPath);
    List<Map<String, Object>> changed = new ArrayList<>();
    for (Map.Entry<String, String> e : was.verdicts.entrySet()) {
      String after = now.verdicts.get(e.getKey());
      if (!Objects.equals(after, e.getValue()))
        changed.add(change(e.getKey(), e.getValue(), after));
    }
    for (Map.Entry<String, String> e : now.verdicts.entrySet()) {
      if (!was.verdicts.containsKey(e.getKey()))
        changed.add(change(e.getKey(), null, e.getValue()));
    }
    TrackRecord recordBefore = was.record();
    TrackRecord recordAfter = now.record();
    BigDecimal delta = recordAfter.netPnl().subtract(recordBefore.netPnl());
    boolean sameDecisions = was.decisions.equals(now.decisions);
    boolean sameOrders = was.orders.equals(now.orders);
    boolean sameRecord =
        dev.rez.app.api.StatsView.summary(recordBefore)
            .equals(dev.rez.app.api.StatsView.summary(recordAfter));
    if (output.json) {
      root.out.println(
          Json.write(
              Json.obj(
                  "diary",
                  original.toString(),
                  "replay",
                  replayPath.toString(),
                  "mode",
                  cassette.mode().name().toLowerCase(java.util.Locale.ROOT),
                  "riskProfile",
                  Json.obj(
                      "recorded",
                      recorded.name().toLowerCase(java.util.Locale.ROOT),
                      "replayed",
                      profile.name().toLowerCase(java.util.Locale.ROOT)),
                  "answers",
                  cassette.size(),
                  "answersPlayed",
                  cassette.served(),
                  "sameDecisions",
                  sameDecisions,
                  "sameOrders",
                  sameOrders,
                  "sameTrackRecord",
                  sameRecord,
                  "verdictChanges",
                  changed,
                  "netPnl",
                  Json.obj(
                      "recorded",
                      recordBefore.netPnl(),
                      "replayed",
                      recordAfter.netPnl(),
                      "difference",
                      delta),
                  "trackRecord",
                  dev.rez.app.api.StatsView.summary(recordAfter))));
    } else {
      root.out.println(
          "replay of "
              + original
              + " on "
              + data
              + ": "
              + asset
              + ", "
              + (counterfactual
                  ? "counterfactual under the "
                      + profile.name().toLowerCase(java.util.Locale.ROOT)
                      + " risk profile (recorded: "
                      + recorded.name().toLowerCase(java.util.Locale.ROOT)
                      + ")"
                  : "strict")
              + ", "
              + cassette.served()
              + " of "
              + cassette.size()
              + " recorded answers played");
      root.out.println(
          "decisions "
              + (sameDecisions ? "identical" : "differ")
              + "; orders "
              + (sameOrders ? "identical" : "differ")
              + "; track record "
              + (sameRecord ? "identical" : "differs"));
      root.out.println(changed.size() + " verdict(s) changed" + (changed.isEmpty() ? "" : ":"));
      for (Map<String, Object> c : changed)
        root.out.println(
            "  cycle "
                + c.get("cycle")
                + " "
                + c.get("asset")
                + ": "
                + c.get("before")
                + " -> "
                + c.get("after"));
      root.out.println(
          "net PnL: recorded "
              + recordBefore.netPnl().toPlainString()
              + ", replayed "
              + recordAfter.netPnl().toPlainString()
              + ", difference "
              + delta.toPlainString());
      root.out.println("diary: " + replayPath);
    }
    root.out.flush();
    return ExitCode.OK;
  }

  /** A verdict that changed, keyed by "cycle asset"; null where the run has none. */
  private static Map<String, Object> change(String key, String before, String after) {
    String[] cycleAndAsset = key.split(" ");
    return Json.obj(
        "cycle", cycleAndAsset[0], "asset", cycleAndAsset[1], "before", before, "after", after);
  }

  private static String replayName(String name) {
    return (name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name)
        + ".replay.jsonl";
  }

  /**
   * What a diary says a run decided, how the risk policy judged it, what it ordered, what filled
   * and what funding it paid.
   */
  private record Run(
      Map<String, String> decisions,
      Map<String, String> verdicts,
      List<Object> orders,
      List<Fill> fills,
      List<FundingPayment> funding,
      BigDecimal equity) {
    static Run of(List<DiaryLines.Line> lines, Path file) {
      Map<String, String> decisions = new LinkedHashMap<>();
      Map<String, String> verdicts = new LinkedHashMap<>();
      List<Object> orders = new ArrayList<>();
      List<Fill> fills = new ArrayList<>();
      List<FundingPayment> funding = new ArrayList<>();
      BigDecimal equity = null;
      for (DiaryLines.Line l : lines) {
        String key = l.cycle() + " " + l.asset();
        switch (l.type()) {
          case "app-start" ->
              equity = equity != null ? equity : (BigDecimal) l.data().get("equity");
          case "decision" -> decisions.put(key, Json.write(l.data()));
          case "risk-verdict" ->
              verdicts.put(key, l.data().get("outcome") + verdictReasons(l.data()));
          case "order" -> {
            Map<String, Object> o = new LinkedHashMap<>(l.data());
            o.remove("latencyMs"); // wall time, not part of what was ordered
            orders.add(List.of(l.cycle(), String.valueOf(l.asset()), o));
          }
          case "fill" -> fills.add(StatsCommand.fill(l.data(), file));
          case "funding" -> funding.add(StatsCommand.funding(l.data(), file));
          default -> {}
        }
      }
      if (equity == null)
        throw CliException.badFile("the diary " + file + " records no starting equity");
      return new Run(decisions, verdicts, orders, fills, funding, equity);
    }

    /** The track record as {@code rez stats} computes it: fills and funding payments. */
    TrackRecord record() {
      return TrackRecord.fromFills(fills, equity).withFunding(funding);
    }

    private static String verdictReasons(Map<String, Object> d) {
      return d.get("reasons") instanceof List<?> r && !r.isEmpty() ? " " + r : "";
    }
  }
}
