package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.app.loop.KillSwitch;
import dev.rez.app.loop.TradingLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez kill-switch stop-entries|flatten|resume|status}: sets the kill switch of the app
 * trading with a diary. A running app sees it at its next cycle; a stopped one when it starts.
 */
@Command(
    name = "kill-switch",
    mixinStandardHelpOptions = true,
    description = {
      "Set or show the kill switch of the app that writes a diary.",
      "stop-entries: manage and protect existing positions only; flatten: close everything, cancel all orders, stop;",
      "resume: back to normal (also lifts a daily-loss halt); status: print the current state."
    })
final class KillSwitchCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Parameters(
      index = "0",
      paramLabel = "ACTION",
      description = "stop-entries, flatten, resume or status")
  String action;

  @Mixin CommonOptions.AppDiary diary;

  @Option(
      names = "--network",
      paramLabel = "NET",
      description =
          "simulator, testnet or mainnet, to find the default diary (default: HYPERLIQUID_NETWORK).")
  String network;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded in the diary).")
  String reason;

  @Override
  public Integer call() {
    String act = action.toLowerCase(java.util.Locale.ROOT);
    if (!act.equals("status") && !act.equals("resume")) {
      KillSwitch.Level level;
      try {
        level = KillSwitch.Level.parse(act);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "unknown action '" + action + "' (expected stop-entries, flatten, resume or status)");
      }
      if (level == KillSwitch.Level.NONE)
        throw CliException.usage("use 'resume' to lift the kill switch");
    }
    Path target;
    if (diary.diary != null) {
      target = root.resolve(diary.diary); // reads no configuration
    } else {
      AppConfig config = root.config();
      target = diary.path(root, config, network == null ? config.network() : parseNetwork(network));
    }
    KillSwitch ks = new KillSwitch(TradingLoop.killSwitchFile(target));
    // A switch beside a diary no app writes stops nothing: a mistyped path, or another network's
    // diary, must not report success.
    if (!Files.exists(target) && !Files.exists(ks.file())) {
      throw CliException.badFile(
          "no diary at "
              + target
              + ": no app has written there, so no app would see this kill switch"
              + (diary.diary != null
                  ? " (check --diary)"
                  : " (check --network or HYPERLIQUID_NETWORK, or give --diary)"));
    }
    KillSwitch.State s;
    switch (act) {
      case "status" -> s = ks.state();
      case "resume" ->
          s =
              ks.alreadyAt(KillSwitch.Level.NONE)
                  ? ks.state()
                  : ks.set(KillSwitch.Level.NONE, null, "cli", Instant.now());
      default -> {
        KillSwitch.Level level = KillSwitch.Level.parse(act); // checked above
        s =
            ks.alreadyAt(level)
                ? ks.state()
                : ks.set(
                    level,
                    reason == null ? "set from the command line" : reason,
                    "cli",
                    Instant.now());
      }
    }
    root.out.println(
        "kill switch: "
            + s.level().id()
            + (s.reason() == null ? "" : " (" + s.reason() + ")")
            + (s.by() == null ? "" : " by " + s.by())
            + " ["
            + ks.file()
            + "]");
    root.out.flush();
    return ExitCode.OK;
  }

  private static AppConfig.Network parseNetwork(String s) {
    for (AppConfig.Network n : AppConfig.Network.values()) if (n.id().equalsIgnoreCase(s)) return n;
    throw CliException.usage("--network must be simulator, testnet or mainnet but was '" + s + "'");
  }
}
