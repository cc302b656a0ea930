package dev.rez.app.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One message for a trader, made from one diary event: what happened, in a line of text, and the
 * event itself.
 *
 * <pre>{@code
 * sink.send(new Notification("3f9a0c2b71de-42", "fills", "fill", Instant.now(), 7, "BTC", "Fill BTC buy 0.01 @ 60000", "{\"price\":60000}", null, null));
 * }</pre>
 *
 * @param id {@code <diary>-<event>}: the diary's identity (twelve hex digits, the same for the
 *     diary's whole life, different for another diary) and the event's id in it; stable across
 *     restarts and retries and unique across diaries, so a receiver de-duplicates by it
 * @param rule the rule that selected it ({@code fills}, {@code kill-switch}, …)
 * @param type the diary event type ({@code fill}, {@code kill-switch}, …)
 * @param time when the event happened
 * @param cycle the trading cycle of the event (0 outside a cycle)
 * @param asset the asset it concerns, or null
 * @param text a one-line human summary (no secret: made from the diary, which holds none)
 * @param payload the event's data, a JSON object in text form
 * @param runId the run that wrote the event (its {@code app-start}'s {@code runId}), or null when
 *     unknown
 * @param network the network that run traded on ({@code mainnet}, {@code testnet}, {@code
 *     simulator}, …), or null when unknown
 */
public record Notification(
    String id,
    String rule,
    String type,
    Instant time,
    long cycle,
    String asset,
    String text,
    String payload,
    String runId,
    String network) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException naming a required component that is null
   */
  public Notification {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(rule, "rule == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(time, "time == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(payload, "payload == null");
  }

  /**
   * This notification made by the app: its id prefixed with the diary's identity, and the run and
   * network that wrote the event.
   */
  Notification from(String diary, String runId, String network) {
    return new Notification(
        diary + "-" + id, rule, type, time, cycle, asset, text, payload, runId, network);
  }
}
