package dev.rez.app.cli;

/** The exit codes of the {@code rez} command. */
public final class ExitCode {
  private ExitCode() {}

  /** Success. */
  public static final int OK = 0;

  /** A failure while running (exchange unreachable, a cycle could not start, …). */
  public static final int FAILURE = 1;

  /**
   * Bad arguments or configuration: an unknown option, a malformed value, a contradictory
   * combination.
   */
  public static final int USAGE = 2;

  /** A required key (private key, API key) is missing. */
  public static final int MISSING_KEY = 3;

  /**
   * An input file cannot be read or is not in the expected format, or a diary is in use by another
   * process.
   */
  public static final int BAD_FILE = 4;
}
