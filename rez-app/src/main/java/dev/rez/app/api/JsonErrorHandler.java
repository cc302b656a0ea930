package dev.rez.app.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before a request reaches a route, in the API's JSON error shape instead
 * of an HTML page. Jetty refuses a request target it cannot resolve to a path (one that climbs
 * above the root, or is ambiguous) with a bare 400; that is answered {@code 404}, like any other
 * path with nothing behind it. Sizes over the caps (a target too long, headers too large) are
 * {@code too-large}; another request Jetty cannot parse is {@code bad-request}.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    int status = code;
    String errorCode;
    String text;
    if (code == 400) {
      status = 404;
      errorCode = "not-found";
      text = "no such path";
    } else {
      errorCode =
          switch (code) {
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 413, 414, 431 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> code >= 500 ? "internal" : "bad-request";
          };
      text =
          switch (code) {
            case 413 -> "the request body is too large";
            case 414 -> "the request target (path and query) is too long";
            case 431 -> "the request headers are too large";
            default -> code >= 500 ? "internal error" : "bad request";
          };
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(
        true,
        ByteBuffer.wrap(Views.error(status, errorCode, text).getBytes(StandardCharsets.UTF_8)),
        callback);
  }
}
