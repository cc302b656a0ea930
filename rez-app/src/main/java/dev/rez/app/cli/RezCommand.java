package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The top-level {@code rez} command; its subcommands do the work. */
@Command(
    name = "rez",
    mixinStandardHelpOptions = true,
    versionProvider = RezCommand.Version.class,
    description = "Rez: an autonomous LLM trading agent for Hyperliquid perpetuals.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      BacktestCommand.class,
      StatsCommand.class,
      IndicatorsCommand.class,
      SignCommand.class,
      KillSwitchCommand.class,
      SimulatorCommand.class,
      AddressCommand.class,
      ReplayCommand.class,
      ArenaCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure while running",
      "2:bad arguments or configuration",
      "3:a required key is missing",
      "4:an input file cannot be read or has the wrong format"
    })
final class RezCommand implements Runnable {
  final Map<String, String> env;
  final Path workDir;
  final PrintWriter out;
  final PrintWriter err;

  @Spec CommandSpec spec;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Variables file read before the environment (default: .env when present).")
  Path envFile;

  RezCommand(Map<String, String> env, Path workDir, PrintWriter out, PrintWriter err) {
    this.env = env;
    this.workDir = workDir;
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** Resolves {@code p} against the working directory. */
  Path resolve(Path p) {
    return workDir.resolve(p);
  }

  /**
   * The configuration from the env file and the environment.
   *
   * @throws CliException when the named env file does not exist, or a variable is invalid
   */
  AppConfig config() {
    Path file = envFile == null ? workDir.resolve(".env") : resolve(envFile);
    if (envFile != null && !java.nio.file.Files.isRegularFile(file))
      throw CliException.badFile("env file " + file + " does not exist");
    try {
      return AppConfig.load(file, env);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "configuration: " + e.getMessage(), e);
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RezCommand.class.getPackage().getImplementationVersion();
      return new String[] {"rez " + (v == null ? "development build" : v)};
    }
  }
}
