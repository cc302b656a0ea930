package dev.rez.app.cli;

import dev.rez.app.api.StatsView;
import dev.rez.app.diary.DiarySchema;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.TrackRecord;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rez stats diary.jsonl}: the track record computed from the fills recorded in a diary. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Print the track record from a diary's fills.",
      "With --json: the shape of /api/stats without the equity curve."
    })
final class StatsCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Parameters(index = "0", paramLabel = "DIARY", description = "The diary.jsonl file.")
  Path diary;

  @Option(
      names = "--starting-equity",
      paramLabel = "USD",
      description =
          "Equity before the first trade (default: the equity the diary's first app-start recorded).")
  BigDecimal startingEquity;

  @Mixin CommonOptions.JsonOutput output;

  /**
   * The fills of one account on one exchange: a diary spans several when the app was restarted with
   * another account, network or (simulated) exchange, and their fills do not chain into one
   * another.
   */
  private record Run(
      String network,
      String address,
      String exchange,
      List<Fill> fills,
      List<FundingPayment> funding,
      BigDecimal[] equity) {}

  /** The run of this network, address and exchange in {@code runs}, added empty if absent. */
  private static Run run(Map<String, Run> runs, String network, String address, String exchange) {
    return runs.computeIfAbsent(
        network + "|" + address + "|" + exchange,
        k ->
            new Run(
                network,
                address,
                exchange,
                new ArrayList<>(),
                new ArrayList<>(),
                new BigDecimal[1]));
  }

  @Override
  public Integer call() {
    Path file = root.resolve(diary);
    List<DiaryLines.Line> lines = DiaryLines.read(file, w -> root.err.println("warning: " + w));
    Map<String, Run> runs = new LinkedHashMap<>();
    Run current = null;
    for (DiaryLines.Line l : lines) {
      if (l.type().equals("app-start")) {
        String network = text(l.data().get("network"));
        String address = text(l.data().get("address"));
        String exchange = text(l.data().get("exchange"));
        current = run(runs, network, address, exchange);
        if (current.equity()[0] == null
            && l.data().get("equity") instanceof BigDecimal e
            && e.signum() > 0) current.equity()[0] = e;
      }
      if (l.type().equals("fill")) {
        if (current == null) current = run(runs, "", "", "");
        current.fills().add(fill(l.data(), file));
      }
      if (l.type().equals("funding")) {
        if (current == null) current = run(runs, "", "", "");
        current.funding().add(funding(l.data(), file));
      }
    }
    if (runs.isEmpty()) run(runs, "", "", "");
    if (startingEquity != null && startingEquity.signum() <= 0) {
      throw CliException.usage(
          "--starting-equity must be > 0 but was " + startingEquity.toPlainString());
    }
    List<Run> all = new ArrayList<>(runs.values());
    List<TrackRecord> records = new ArrayList<>();
    for (Run run : all) {
      BigDecimal equity = startingEquity != null ? startingEquity : run.equity()[0];
      if (equity == null)
        throw CliException.usage("the diary records no starting equity: pass --starting-equity");
      run.equity()[0] = equity;
      try {
        records.add(TrackRecord.fromFills(run.fills(), equity).withFunding(run.funding()));
      } catch (IllegalArgumentException e) {
        throw CliException.badFile(
            "the diary's fills are inconsistent"
                + (all.size() > 1 ? " in the run of " + describe(run) : "")
                + ": "
                + e.getMessage());
      }
    }
    TrackRecord last = records.getLast();
    if (output.json) {
      Map<String, Object> out = perAsset(last);
      if (all.size() > 1) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          Run run = all.get(i);
          Map<String, Object> o =
              Json.obj(
                  "network",
                  run.network(),
                  "address",
                  run.address(),
                  "exchange",
                  run.exchange(),
                  "fills",
                  run.fills().size(),
                  "startingEquity",
                  run.equity()[0]);
          o.putAll(perAsset(records.get(i)));
          list.add(o);
        }
        out.put("runs", list);
      }
      root.out.println(Json.write(out));
    } else if (all.size() == 1) {
      root.out.println(
          "track record of "
              + file
              + " ("
              + all.getFirst().fills().size()
              + " fills, starting equity "
              + plain(all.getFirst().equity()[0])
              + ")");
      print(root.out, last, "");
    } else {
      root.out.println(
          "track record of "
              + file
              + ": "
              + all.size()
              + " runs on different accounts or exchanges, each on its own");
      for (int i = 0; i < all.size(); i++) {
        Run run = all.get(i);
        root.out.println();
        root.out.println(
            "run "
                + (i + 1)
                + ": "
                + describe(run)
                + " ("
                + run.fills().size()
                + " fills, starting equity "
                + plain(run.equity()[0])
                + ")");
        print(root.out, records.get(i), "  ");
      }
    }
    root.out.flush();
    return ExitCode.OK;
  }

  private static Map<String, Object> perAsset(TrackRecord r) {
    Map<String, Object> perAsset = new LinkedHashMap<>();
    r.perAsset().forEach((a, t) -> perAsset.put(a.name(), StatsView.summary(t)));
    return Json.obj("overall", StatsView.summary(r), "perAsset", perAsset);
  }

  private static String describe(Run run) {
    String where = run.exchange().isEmpty() ? run.network() : run.network() + " " + run.exchange();
    return (run.address().isEmpty() ? "an unnamed account" : run.address())
        + (where.isBlank() ? "" : " on " + where.strip());
  }

  private static String text(Object v) {
    return v instanceof String s ? s : "";
  }

  /** Prints the summary of {@code r} and, when it spans several assets, of each asset. */
  static void print(java.io.PrintWriter out, TrackRecord r, String indent) {
    printOne(out, r, indent);
    if (indent.isEmpty() && !r.perAsset().isEmpty()) {
      r.perAsset()
          .forEach(
              (a, t) -> {
                out.println();
                out.println(a.name() + ":");
                printOne(out, t, "  ");
              });
    }
  }

  private static void printOne(java.io.PrintWriter out, TrackRecord r, String indent) {
    Map<String, Object> s = StatsView.summary(r);
    for (Map.Entry<String, Object> e : s.entrySet()) {
      Object v = e.getValue();
      String text =
          switch (v) {
            case null -> "n/a";
            case BigDecimal d -> plain(d);
            case Double d ->
                e.getKey().equals("winRate") || e.getKey().equals("maxDrawdownFraction")
                    ? String.format(Locale.ROOT, "%.2f %%", d * 100)
                    : String.format(Locale.ROOT, "%.4f", d);
            default -> v.toString();
          };
      out.printf(Locale.ROOT, "%s%-20s %s%n", indent, e.getKey(), text);
    }
  }

  private static String plain(BigDecimal d) {
    return d.setScale(Math.min(Math.max(d.scale(), 2), 8), RoundingMode.HALF_EVEN).toPlainString();
  }

  /** The funding payment of a diary's {@code funding} event. */
  static FundingPayment funding(Map<String, Object> d, Path file) {
    return parsed(d, file, "a funding event", "a funding payment", DiarySchema::fundingOf);
  }

  /** The fill of a diary's {@code fill} event. */
  static Fill fill(Map<String, Object> d, Path file) {
    return parsed(d, file, "a fill event", "a fill", DiarySchema::fillOf);
  }

  /** {@code d} read by {@code reader}, or a bad-file error naming the event and what it lacks. */
  private static <T> T parsed(
      Map<String, Object> d,
      Path file,
      String event,
      String what,
      Function<Map<String, Object>, T> reader) {
    try {
      return reader.apply(d);
    } catch (IllegalArgumentException e) {
      throw CliException.badFile(
          "diary "
              + file
              + " has "
              + event
              + " without the fields of "
              + what
              + " ("
              + e.getMessage()
              + "): "
              + Json.write(d));
    }
  }
}
