package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.AfterReplay;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez demo}: the agent trading the bundled BTC minutes of 2013 on the embedded simulator, on an accelerated
 * clock, with the dashboard and API on {@code http://127.0.0.1:7070}. No keys and no network needed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Trade replayed BTC/USD minutes on the embedded simulator with an accelerated clock; dashboard and API on",
        "http://127.0.0.1:7070. The offline model unless an LLM key is configured. No keys, no network."})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Option(names = "--port", paramLabel = "PORT", description = "Port of the dashboard and API (default: API_PORT, else 7070; 0 for any free port).")
  Integer port;

  @Option(names = "--diary", paramLabel = "PATH", description = "The diary (default: REZ_DIARY, else data/simulator/diary.jsonl).")
  Path diary;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "20",
      description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}: a one-minute candle, and a cycle, every 3 s).")
  double speed;

  @Option(names = "--cycles", paramLabel = "N", defaultValue = "0", description = "Stop after N cycles (default: run until stopped).")
  long cycles;

  @Option(names = "--after-replay", paramLabel = "WHAT", defaultValue = "synthetic",
      description = "After the replayed data: synthetic (continue with generated candles) or loop (replay again).")
  String afterReplay;

  @Option(names = "--simulator", paramLabel = "URL",
      description = {"Trade on a simulator already running at URL (e.g. http://127.0.0.1:8080; loopback only) instead of an embedded one,",
          "with the account of HYPERLIQUID_PRIVATE_KEY funded there; --speed must be the simulator's clock speed."})
  String simulator;

  @Override
  public Integer call() {
    if (!(speed > 0) || speed > 100_000) throw CliException.usage("--speed must be in (0, 100000] but was " + speed);
    if (cycles < 0) throw CliException.usage("--cycles must be >= 0 but was " + cycles);
    if (port != null && (port < 0 || port > 65535)) throw CliException.usage("--port must be in 0..65535 but was " + port);
    AfterReplay after = switch (afterReplay.toLowerCase(java.util.Locale.ROOT)) {
      case "synthetic" -> AfterReplay.SYNTHETIC;
      case "loop" -> AfterReplay.LOOP;
      default -> throw CliException.usage("--after-replay must be synthetic or loop but was '" + afterReplay + "'");
    };
    if (simulator != null) checkLoopback(simulator);
    AppConfig config = root.config();
    Asset btc = Asset.of("BTC");
    List<Candle> candles = CandleCsv.demo();
    Path diaryPath = root.resolve(diary != null ? diary : config.diaryFor(AppConfig.Network.SIMULATOR));
    TradingApp.Spec spec = new TradingApp.Spec(TradingApp.Mode.DEMO, config, AppConfig.Network.SIMULATOR, List.of(btc), Interval.M1, diaryPath,
        Map.of(btc, candles), speed, 300, after, "demo-" + Long.toHexString(System.currentTimeMillis()), simulator);
    Serving.Diaries diaries = new Serving.Diaries();
    TradingApp app = TradingApp.create(spec, diaries);
    if (cycles > 0) app.limitCycles(cycles);
    return Serving.serve(app, diaries.last, config, port != null ? port : config.apiPort(), root.out, "Rez demo (" + app.modelName + ") on");
  }

  /** A demo never trades anywhere but on a simulator of this machine: a real exchange cannot be reached on loopback. */
  static void checkLoopback(String url) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw CliException.usage("--simulator must be an http URL but was '" + url + "'");
    }
    String host = uri.getHost();
    boolean loopback = host != null && (host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}"));
    if (!"http".equals(uri.getScheme()) || !loopback) {
      throw CliException.usage("--simulator must be an http URL on this machine (127.0.0.1, ::1 or localhost) but was '" + url + "'");
    }
  }
}
