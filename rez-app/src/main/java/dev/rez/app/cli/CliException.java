package dev.rez.app.cli;

/** A command failure with the exit code to end with and a message for the user. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  static CliException badFile(String message) {
    return new CliException(ExitCode.BAD_FILE, message);
  }

  static CliException missingKey(String message) {
    return new CliException(ExitCode.MISSING_KEY, message);
  }

  static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }
}
