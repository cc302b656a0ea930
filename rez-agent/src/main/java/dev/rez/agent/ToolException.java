package dev.rez.agent;

/**
 * Thrown by a {@link Tool} when the model asked for something it cannot do; the message goes back
 * to the model as the tool's result so it can correct the call. It is never thrown out of {@link
 * Agent#decide}.
 */
public class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose {@code message} the model will read. */
  public ToolException(String message) {
    super(message);
  }

  /** An error whose {@code message} the model will read, caused by {@code cause}. */
  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
