package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Option groups several commands share, as picocli mixins ({@code @Mixin CommonOptions.Replay
 * replay;}).
 */
final class CommonOptions {
  private CommonOptions() {}

  /**
   * {@code --data FILE [--asset NAME] [--warmup N]}: a candle CSV replayed as one asset after a
   * warm-up.
   */
  static final class Replay {
    @Option(
        names = "--data",
        required = true,
        paramLabel = "FILE",
        description = "The candle CSV file.")
    Path data;

    @Option(
        names = "--asset",
        paramLabel = "NAME",
        defaultValue = "BTC",
        description = "The asset the data is for (default: ${DEFAULT-VALUE}).")
    String asset;

    @Option(
        names = "--warmup",
        paramLabel = "N",
        defaultValue = "200",
        description = "Bars of history before the first cycle (default: ${DEFAULT-VALUE}).")
    int warmup;

    /** The asset, checked. */
    Asset asset() {
      try {
        return Asset.of(asset);
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--asset: " + e.getMessage());
      }
    }

    /**
     * The candles of {@code --data}, checked to outlast the warm-up, missing bars filled (with a
     * warning on stderr).
     */
    List<Candle> candles(RezCommand root) {
      List<Candle> read = CandleCsv.replay(root.resolve(data), data, warmup);
      List<Candle> filled = CandleCsv.withGapsFilled(read);
      if (filled.size() > read.size())
        root.err.println(
            "warning: "
                + data
                + ": "
                + (filled.size() - read.size())
                + " missing bar(s) filled with flat bars of volume 0 at the previous close (the"
                + " replay plays one bar every "
                + read.getFirst().interval().wire()
                + ")");
      return filled;
    }
  }

  /** {@code --port PORT} of the API and the dashboard. */
  static final class ApiPort {
    @Option(
        names = "--port",
        paramLabel = "PORT",
        description =
            "Port of the dashboard and API (default: API_PORT, else 7070; 0 for any free port).")
    Integer port;

    /** The port given, checked, or null when none was. */
    Integer given() {
      return checked(port);
    }

    /** {@code port} when it is null or in 0..65535; else a usage error. */
    static Integer checked(Integer port) {
      if (port != null && (port < 0 || port > 65535))
        throw CliException.usage("--port must be in 0..65535 but was " + port);
      return port;
    }

    /** The port given, else {@code configured}. */
    int or(int configured) {
      Integer p = given();
      return p != null ? p : configured;
    }
  }

  /**
   * {@code --diary PATH}: the diary of the app trading on a network (the one it writes, or whose
   * kill switch is set).
   */
  static final class AppDiary {
    @Option(
        names = "--diary",
        paramLabel = "PATH",
        description = "The app's diary (default: REZ_DIARY, else data/<network>/diary.jsonl).")
    Path diary;

    /**
     * The diary given, else the configured one for {@code network}, resolved against the working
     * folder.
     */
    Path path(RezCommand root, AppConfig config, AppConfig.Network network) {
      return root.resolve(diary != null ? diary : config.diaryFor(network));
    }
  }

  /** {@code --contestant NAME=SPEC}, repeatable: the contestants of an arena. */
  static final class Contestants {
    @Option(
        names = "--contestant",
        paramLabel = "NAME=SPEC",
        description = {
          "A contestant (repeat for each). SPEC: offline, openrouter:<model>, openai:<model>, anthropic:<model>,",
          "openai-compatible:<model>@<base-url> or cassette:<diary>; then optionally ,profile=<risk-profile>, ,prompt=<file> and",
          ",price=<input>/<output> (USD per million tokens; default the configured REZ_PRICE_* for the configured model)."
        })
    List<String> options = new ArrayList<>();

    /** True when none was given. */
    boolean none() {
      return options.isEmpty();
    }

    /** The contestants, parsed. */
    List<ContestantSpec> specs() {
      return options.stream().map(ContestantSpec::parse).toList();
    }
  }

  /** {@code --json}: the result as JSON for machines. */
  static final class JsonOutput {
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;
  }
}
