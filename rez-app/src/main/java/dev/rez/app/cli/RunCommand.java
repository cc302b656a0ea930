package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.core.RiskProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez run}: trade for real on Hyperliquid: testnet by default, mainnet only when asked for
 * twice.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Trade on Hyperliquid: testnet by default; mainnet only with --mainnet and --confirm-real-money.",
      "Assets, interval, model, risk profile and limits come from the configuration (see the README)."
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Option(
      names = "--mainnet",
      description = "Trade on mainnet (real money); needs --confirm-real-money too.")
  boolean mainnet;

  @Option(
      names = "--confirm-real-money",
      description = "Confirms that mainnet trading with real money is intended.")
  boolean confirm;

  @Mixin CommonOptions.ApiPort api;

  @Mixin CommonOptions.AppDiary diary;

  @Option(
      names = "--risk-profile",
      paramLabel = "PROFILE",
      description = "conservative, moderate, high or debug (default: RISK_PROFILE).")
  String riskProfile;

  @Option(
      names = "--assets",
      paramLabel = "LIST",
      description = "Assets, e.g. \"BTC ETH\" (default: ASSETS).")
  String assets;

  @Option(
      names = "--interval",
      paramLabel = "INTERVAL",
      description = "Candle interval (default: INTERVAL).")
  String interval;

  @Override
  public Integer call() {
    AppConfig config = root.config();
    if (config.network() == AppConfig.Network.SIMULATOR) {
      // Never trade a real network (testnet included) when the simulator was asked for.
      throw CliException.usage(
          "HYPERLIQUID_NETWORK=simulator: run trades on Hyperliquid (testnet, or mainnet with"
              + " --mainnet --confirm-real-money); use rez demo to trade on the embedded"
              + " simulator, or set HYPERLIQUID_NETWORK=testnet");
    }
    AppConfig.Network network;
    if (mainnet) {
      if (!confirm)
        throw CliException.usage(
            "--mainnet trades real money: add --confirm-real-money to confirm");
      network = AppConfig.Network.MAINNET;
    } else {
      if (confirm) throw CliException.usage("--confirm-real-money only goes with --mainnet");
      if (config.network() == AppConfig.Network.MAINNET) {
        throw CliException.usage(
            "HYPERLIQUID_NETWORK=mainnet: mainnet is only traded with --mainnet --confirm-real-money");
      }
      network = AppConfig.Network.TESTNET;
    }
    int port = api.or(config.apiPort());
    List<Asset> list;
    Interval iv;
    RiskProfile profile;
    try {
      list = assets == null ? null : AppConfig.parseAssets(assets);
      iv = interval == null ? null : Interval.parse(interval);
      profile = riskProfile == null ? null : RiskProfile.parse(riskProfile);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    config = config.with(list, iv, null, null, profile).withNetwork(network);
    if (config.signingKey().isEmpty() && config.mnemonic() == null) {
      throw CliException.missingKey(
          "no private key: set HYPERLIQUID_PRIVATE_KEY, HYPERLIQUID_KEY_FILE or MNEMONIC");
    }
    Path diaryPath = diary.path(root, config, network);
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.LIVE,
            config,
            network,
            config.assets(),
            config.interval(),
            diaryPath,
            Map.of(),
            1,
            0,
            null,
            "run-" + Long.toHexString(System.currentTimeMillis()),
            null);
    Serving.Diaries diaries = new Serving.Diaries();
    TradingApp app;
    try {
      app = TradingApp.create(spec, diaries);
    } catch (dev.rez.hyperliquid.HyperliquidException e) {
      throw new CliException(
          ExitCode.FAILURE, "cannot reach " + network.id() + ": " + e.getMessage(), e);
    }
    return Serving.serve(
        app, diaries, config, port, root.out, "Rez trading on " + network.id() + ";");
  }
}
