package dev.rez.app.cli;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.indicators.IndicatorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez indicators FILE --spec rsi:14,ema:12}: computes indicators over a candle file and
 * prints CSV, for checking Rez's values against a charting tool or a spreadsheet.
 */
@Command(
    name = "indicators",
    mixinStandardHelpOptions = true,
    header = "Compute indicators over a candle CSV and print them as CSV.",
    description = {
      "Compute indicators over a candle CSV (time,open,high,low,close,volume) and print CSV:",
      "time,close and one column per output, named by its spec (rsi:14) or <spec>.<output> (macd:12:26:9.signal).",
      "Cells are empty during warm-up; values print so that they parse back to the same double."
    })
final class IndicatorsCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Parameters(index = "0", paramLabel = "FILE", description = "The candle CSV file.")
  Path file;

  @Option(
      names = "--spec",
      required = true,
      split = ",",
      paramLabel = "SPEC",
      description =
          "Indicator specs, comma-separated, e.g. rsi:14,ema:12,macd:12:26:9,bb:20:2,stoch:14:3:3,adx:14,atr:14.")
  List<String> specs;

  @Option(
      names = "--interval",
      paramLabel = "INTERVAL",
      description = "The bars' interval (default: inferred from the first two bars).")
  String interval;

  @Override
  public Integer call() {
    List<IndicatorSpec> parsed = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String s : specs) {
      String text = s.strip();
      if (text.isEmpty()) throw CliException.usage("--spec has an empty entry");
      IndicatorSpec spec;
      try {
        spec = IndicatorRegistry.parse(text);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--spec: " + e.getMessage());
      }
      parsed.add(spec);
      names.add(text);
    }
    Interval iv = null;
    if (interval != null) {
      try {
        iv = Interval.parse(interval);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--interval: " + e.getMessage());
      }
    }
    List<Candle> candles = CandleCsv.read(root.resolve(file), iv);

    List<String> header = new ArrayList<>(List.of("time", "close"));
    List<double[]> columns = new ArrayList<>();
    for (int i = 0; i < parsed.size(); i++) {
      IndicatorSpec spec = parsed.get(i);
      Map<String, double[]> series = spec.compute(candles);
      for (String output : spec.outputs()) {
        header.add(spec.outputs().size() == 1 ? names.get(i) : names.get(i) + "." + output);
        columns.add(series.get(output));
      }
    }
    StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
    for (int row = 0; row < candles.size(); row++) {
      Candle c = candles.get(row);
      sb.append(c.openTime().toEpochMilli()).append(',').append(c.close());
      for (double[] col : columns) {
        sb.append(',');
        if (!Double.isNaN(col[row])) sb.append(col[row]);
      }
      sb.append('\n');
      if (sb.length() > 1 << 16) {
        root.out.print(sb);
        sb.setLength(0);
      }
    }
    root.out.print(sb);
    root.out.flush();
    return ExitCode.OK;
  }
}
