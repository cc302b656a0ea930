package dev.rez.app.api;

/**
 * An error the API answers as {@code {"error": {status, code, message}}}; routes added with {@link
 * ApiServer.Builder#routes} throw it for a clear 4xx.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** A {@code 400 bad-parameter}. */
  public static ApiException badParameter(String message) {
    return new ApiException(400, "bad-parameter", message);
  }

  /** A {@code 404 not-found}. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not-found", message);
  }

  static ApiException unauthorized() {
    return new ApiException(401, "unauthorized", "a valid bearer token is required");
  }

  static ApiException unavailable(String message) {
    return new ApiException(503, "unavailable", message);
  }

  /** A kill switch asked of a server whose backend steers no loop (an arena's), a {@code 503}. */
  static ApiException readOnly() {
    return new ApiException(
        503,
        "read-only",
        "the kill switch is not available here: this server's trading loops (an arena's"
            + " contestants) are not steered through the API");
  }
}
