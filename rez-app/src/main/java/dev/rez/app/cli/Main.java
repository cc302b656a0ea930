package dev.rez.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code rez} command: {@code java -jar rez-app/target/rez.jar <command>}. See the README for
 * every command.
 *
 * <pre>{@code
 * int code = Main.execute(new String[] {"stats", "diary.jsonl"}, out, err, System.getenv(), Path.of("."));
 * }</pre>
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = execute(args, out, err, System.getenv(), Path.of("").toAbsolutePath());
    out.flush();
    err.flush();
    // Long-running commands (demo, run) return only when they are done; exit explicitly for
    // non-daemon threads.
    System.exit(code);
  }

  /**
   * Runs the command line without exiting.
   *
   * @param env the environment variables (a {@code .env} file in {@code workDir} adds to them)
   * @param workDir the directory relative paths and the default {@code .env} resolve against
   * @return the exit code ({@link ExitCode})
   */
  public static int execute(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Path workDir) {
    RezCommand root = new RezCommand(env, workDir, out, err);
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          int code = exitCodeOf(ex);
          String name = commandLine.getCommandName();
          err.println("rez " + name + ": " + messageOf(ex));
          err.flush();
          return code;
        });
    return cl.execute(args);
  }

  static int exitCodeOf(Throwable ex) {
    if (ex instanceof CliException c) return c.exitCode();
    if (ex instanceof UncheckedIOException || ex instanceof java.io.IOException)
      return ExitCode.BAD_FILE;
    if (ex instanceof dev.rez.app.plugins.PluginTools.PluginException) return ExitCode.BAD_FILE;
    if (ex instanceof IllegalArgumentException) return ExitCode.USAGE;
    return ExitCode.FAILURE;
  }

  static String messageOf(Throwable ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }
}
