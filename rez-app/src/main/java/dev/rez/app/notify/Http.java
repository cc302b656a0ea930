package dev.rez.app.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP the sinks and the Telegram poller share: one client; any failure becomes a {@link
 * DeliveryException} naming the sink and the status but never the URL (URLs of chat webhooks and of
 * the Bot API carry tokens).
 */
final class Http {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Http() {}

  record Response(int status, String body, HttpResponse<String> raw) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  /** Posts {@code body}; answers whatever status came back. */
  static Response send(
      String sink, URI uri, String contentType, String body, Map<String, String> headers)
      throws DeliveryException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return exchange(sink, b);
  }

  /** A GET that may take up to {@code timeout} (a long poll). */
  static Response get(String sink, URI uri, Duration timeout) throws DeliveryException {
    return exchange(sink, HttpRequest.newBuilder(uri).timeout(timeout).GET());
  }

  private static Response exchange(String sink, HttpRequest.Builder b) throws DeliveryException {
    try {
      HttpResponse<String> r =
          CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new DeliveryException(
          sink
              + " unreachable: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(sink + ": interrupted");
    }
  }

  /**
   * A failure for a non-2xx answer, with the receiver's {@code Retry-After} (seconds) when it gave
   * one.
   */
  static DeliveryException failure(String sink, Response r) {
    Duration retry = Duration.ZERO;
    if (r.raw() != null) {
      String h = r.raw().headers().firstValue("Retry-After").orElse(null);
      if (h != null) {
        try {
          retry = Duration.ofMillis((long) (Double.parseDouble(h.trim()) * 1000));
        } catch (NumberFormatException ignored) {
          // An HTTP date: the backoff applies.
        }
      }
    }
    return new DeliveryException(
        sink + " answered HTTP " + r.status() + ": " + abbreviate(r.body()), retry);
  }

  static String abbreviate(String s) {
    if (s == null) return "";
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= 200 ? t : t.substring(0, 200) + "…";
  }
}
