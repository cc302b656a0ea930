package dev.rez.app.notify;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Posts each notification's text to a Slack or Discord incoming webhook. Slack takes {@code
 * {"text": …}} and answers {@code 200 ok}; Discord takes {@code {"content": …}} (at most 2000
 * characters) and answers {@code 204}, or {@code 429} with {@code retry_after} seconds. The URL
 * holds the webhook's token: it is never shown.
 */
final class ChatWebhookSink implements NotificationSink {
  /** Which service: the JSON field that carries the text, and how long a text may be. */
  enum Kind {
    SLACK("text", 40_000),
    DISCORD("content", 2000);

    final String field;
    final int maxText;

    Kind(String field, int maxText) {
      this.field = field;
      this.maxText = maxText;
    }
  }

  private final Kind kind;
  private final URI url;

  ChatWebhookSink(Kind kind, URI url) {
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.url = Objects.requireNonNull(url, "url == null");
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    String text =
        n.text().length() <= kind.maxText
            ? n.text()
            : n.text().substring(0, kind.maxText - 1) + "…";
    Http.Response r =
        Http.send(
            name(), url, "application/json", Json.write(Json.obj(kind.field, text)), Map.of());
    if (r.ok()) return;
    DeliveryException e = Http.failure(name(), r);
    if (r.status() == 429 && e.retryAfter().isZero()) {
      try {
        if (Json.parseObject(r.body()).get("retry_after") instanceof BigDecimal s) {
          throw new DeliveryException(
              e.getMessage(), Duration.ofMillis(s.multiply(BigDecimal.valueOf(1000)).longValue()));
        }
      } catch (RuntimeException notJson) {
        // The backoff applies.
      }
    }
    throw e;
  }
}
