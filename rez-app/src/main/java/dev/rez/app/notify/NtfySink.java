package dev.rez.app.notify;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes each notification to an ntfy topic: {@code POST <server>/<topic>} with the text as the
 * body and the headers {@code Title}, {@code Tags}, {@code Priority} (and {@code Authorization:
 * Bearer <token>} for a protected topic). Halts, failures and kill-switch changes go out with high
 * priority.
 */
final class NtfySink implements NotificationSink {
  private static final Set<String> URGENT =
      Set.of("kill-switch", "daily-loss", "safe-mode", "outages", "stale-price", "drawdown");
  private final URI topicUrl;
  private final String token;

  NtfySink(URI topicUrl, String token) {
    this.topicUrl = Objects.requireNonNull(topicUrl, "topicUrl == null");
    this.token = token;
  }

  @Override
  public String name() {
    return "ntfy";
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    Map<String, String> h = new HashMap<>();
    h.put("Title", "Rez " + n.rule() + (n.asset() == null ? "" : " " + n.asset()));
    h.put("Tags", "rez," + n.rule());
    h.put("Priority", URGENT.contains(n.rule()) ? "high" : "default");
    if (token != null) h.put("Authorization", "Bearer " + token);
    Http.Response r = Http.send(name(), topicUrl, "text/plain; charset=utf-8", n.text(), h);
    if (!r.ok()) throw Http.failure(name(), r);
  }
}
