package dev.rez.json;

/**
 * Text that is not JSON (or not the JSON expected), a number outside the reader's {@link
 * Json.Limits}, or a value that has no JSON form (NaN, an infinity). The message says what and, for
 * text, where.
 */
public final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public JsonException(String message) {
    super(message);
  }
}
