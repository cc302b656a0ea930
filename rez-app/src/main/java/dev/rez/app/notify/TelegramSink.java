package dev.rez.app.notify;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Sends each notification's text to a Telegram chat through the Bot API's {@code sendMessage}
 * ({@code POST <api>/bot<token>/sendMessage}, JSON {@code {chat_id, text}}; the answer is {@code
 * {ok: true, …}}, or {@code {ok: false, error_code, description, parameters: {retry_after}}}). The
 * token is in the URL only, never in a message or the status.
 *
 * @param api the Bot API (its token shown by no {@code toString})
 * @param chatId the chat the texts go to
 */
record TelegramSink(TelegramApi api, String chatId) implements NotificationSink {
  static final int MAX_TEXT = 4096;

  TelegramSink {
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(chatId, "chatId == null");
  }

  @Override
  public String name() {
    return "telegram";
  }

  @Override
  public void send(Notification n) throws DeliveryException {
    api.sendMessage(name(), chatId, n.text());
  }

  /** The Bot API at a base URL (the real one, or a loopback fake in tests). */
  record TelegramApi(String baseUrl, String token) {
    TelegramApi {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      Objects.requireNonNull(token, "token == null");
      baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
      return "TelegramApi[" + baseUrl + "]";
    }

    URI method(String name, String query) {
      return URI.create(baseUrl + "/bot" + token + "/" + name + (query == null ? "" : "?" + query));
    }

    void sendMessage(String sink, String chatId, String text) throws DeliveryException {
      String t = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
      Http.Response r =
          Http.send(
              sink,
              method("sendMessage", null),
              "application/json",
              Json.write(Json.obj("chat_id", chatId, "text", t, "disable_web_page_preview", true)),
              Map.of());
      if (r.ok()) return;
      Duration retry = Duration.ZERO;
      String description = Http.abbreviate(r.body());
      try {
        Map<String, Object> m = Json.parseObject(r.body());
        if (m.get("description") instanceof String d) description = d;
        if (m.get("parameters") instanceof Map<?, ?> p
            && p.get("retry_after") instanceof BigDecimal s)
          retry = Duration.ofSeconds(s.longValue());
      } catch (RuntimeException notJson) {
        // The status says enough.
      }
      throw new DeliveryException(
          sink + " answered HTTP " + r.status() + ": " + description, retry);
    }
  }
}
