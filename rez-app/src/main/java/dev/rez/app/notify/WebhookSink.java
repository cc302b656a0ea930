package dev.rez.app.notify;

import dev.rez.json.Json;
import dev.rez.json.RawJson;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Posts each notification as JSON to a URL, signed: {@code X-Rez-Timestamp} (epoch seconds) and
 * {@code X-Rez-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. The body is
 * {@code {id, rule, type, time, cycle, asset, text, payload, runId, network}}; {@code id} is stable
 * across retries and restarts and unique across diaries. Any 2xx acknowledges.
 */
final class WebhookSink implements NotificationSink {
  private final URI url;
  private final String secret;
  private final Clock clock;

  WebhookSink(URI url, String secret, Clock clock) {
    this.url = Objects.requireNonNull(url, "url == null");
    this.secret = Objects.requireNonNull(secret, "secret == null");
    this.clock = clock;
  }

  @Override
  public String name() {
    return "webhook";
  }

  static String body(Notification n) {
    return Json.write(
        Json.obj(
            "id",
            n.id(),
            "rule",
            n.rule(),
            "type",
            n.type(),
            "time",
            n.time(),
            "cycle",
            n.cycle(),
            "asset",
            n.asset(),
            "text",
            n.text(),
            "payload",
            RawJson.of(n.payload()),
            "runId",
            n.runId(),
            "network",
            n.network()));
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    String body = body(n);
    String ts = Long.toString(clock.instant().getEpochSecond());
    Http.Response r =
        Http.send(
            name(),
            url,
            "application/json",
            body,
            Map.of(
                "X-Rez-Timestamp",
                ts,
                "X-Rez-Signature",
                Hmac.sign(secret, ts + "." + body),
                "X-Rez-Id",
                n.id()));
    if (!r.ok()) throw Http.failure(name(), r);
  }
}
