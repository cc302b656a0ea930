package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each sink against a loopback fake of its service's HTTP API. */
class SinksTest {
  static final String TOKEN = "123456:AAH-telegram-token-xyz";
  static final Notification N =
      new Notification(
          "42",
          "kill-switch",
          "kill-switch",
          Instant.parse("2026-03-01T12:00:00Z"),
          7,
          null,
          "Kill switch stop-entries (by telegram)",
          "{\"state\":\"stop-entries\",\"by\":\"telegram\"}",
          null,
          null);

  Receiver fake = new Receiver(r -> Receiver.Reply.of(200, "{\"ok\":true,\"result\":{}}"));

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void telegramSendsTheTextToTheChatThroughSendMessage() throws Exception {
    new TelegramSink(new TelegramSink.TelegramApi(fake.url(""), TOKEN), "-100123").send(N);
    Receiver.Request r = fake.requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
    assertThat(Json.parseObject(r.body()))
        .containsEntry("chat_id", "-100123")
        .containsEntry("text", N.text());
  }

  @Test
  void telegramsRateLimitIsHonouredAndTheTokenIsNotInTheError() {
    fake.respond(
        r ->
            Receiver.Reply.of(
                429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}"));
    assertThatThrownBy(
            () -> new TelegramSink(new TelegramSink.TelegramApi(fake.url(""), TOKEN), "1").send(N))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
              assertThat(e.getMessage())
                  .contains("429")
                  .contains("Too Many Requests")
                  .doesNotContain(TOKEN);
            });
  }

  @Test
  void theBotApiNeverPrintsItsToken() {
    assertThat(new TelegramSink.TelegramApi("https://api.telegram.org", TOKEN).toString())
        .doesNotContain(TOKEN)
        .contains("api.telegram.org");
  }

  @Test
  void anUnreachableServiceNamesTheSinkNotTheUrl() {
    int port = fake.port();
    fake.stop();
    assertThatThrownBy(
            () ->
                new TelegramSink(
                        new TelegramSink.TelegramApi("http://127.0.0.1:" + port, TOKEN), "1")
                    .send(N))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e ->
                assertThat(e.getMessage())
                    .startsWith("telegram unreachable")
                    .doesNotContain(TOKEN));
    fake.restart();
  }

  @Test
  void ntfyPublishesTheTextWithTitlePriorityAndToken() throws Exception {
    new NtfySink(URI.create(fake.url("/rez-alerts-7f3a")), "tk_ntfytoken").send(N);
    Receiver.Request r = fake.requests.get(0);
    assertThat(r.path()).isEqualTo("/rez-alerts-7f3a");
    assertThat(r.body()).isEqualTo(N.text());
    assertThat(r.header("Title")).isEqualTo("Rez kill-switch");
    assertThat(r.header("Priority")).isEqualTo("high");
    assertThat(r.header("Tags")).isEqualTo("rez,kill-switch");
    assertThat(r.header("Authorization")).isEqualTo("Bearer tk_ntfytoken");
  }

  @Test
  void ntfyWithoutATokenSendsNoAuthorization() throws Exception {
    new NtfySink(URI.create(fake.url("/t")), null)
        .send(
            new Notification(
                "1", "fills", "fill", Instant.EPOCH, 1, "BTC", "Fill BTC", "{}", null, null));
    assertThat(fake.requests.get(0).header("Authorization")).isNull();
    assertThat(fake.requests.get(0).header("Priority")).isEqualTo("default");
    assertThat(fake.requests.get(0).header("Title")).isEqualTo("Rez fills BTC");
  }

  @Test
  void slackPostsTextAndAFailureIsRetriable() throws Exception {
    fake.respond(r -> Receiver.Reply.of(200, "ok"));
    new ChatWebhookSink(
            ChatWebhookSink.Kind.SLACK, URI.create(fake.url("/services/T000/B000/XXXX")))
        .send(N);
    assertThat(Json.parseObject(fake.requests.get(0).body())).isEqualTo(Map.of("text", N.text()));
    fake.respond(r -> Receiver.Reply.of(404, "no_service"));
    assertThatThrownBy(
            () ->
                new ChatWebhookSink(
                        ChatWebhookSink.Kind.SLACK,
                        URI.create(fake.url("/services/T000/B000/XXXX")))
                    .send(N))
        .isInstanceOf(DeliveryException.class)
        .hasMessage("slack answered HTTP 404: no_service");
  }

  @Test
  void discordPostsContentAndHonoursRetryAfter() throws Exception {
    fake.respond(r -> Receiver.Reply.of(204, ""));
    new ChatWebhookSink(ChatWebhookSink.Kind.DISCORD, URI.create(fake.url("/api/webhooks/1/tok")))
        .send(N);
    assertThat(Json.parseObject(fake.requests.get(0).body()))
        .isEqualTo(Map.of("content", N.text()));
    fake.respond(
        r ->
            Receiver.Reply.of(
                429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}"));
    assertThatThrownBy(
            () ->
                new ChatWebhookSink(
                        ChatWebhookSink.Kind.DISCORD, URI.create(fake.url("/api/webhooks/1/tok")))
                    .send(N))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
  }

  @Test
  void discordTextIsCutToItsLimit() throws Exception {
    fake.respond(r -> Receiver.Reply.of(204, ""));
    new ChatWebhookSink(ChatWebhookSink.Kind.DISCORD, URI.create(fake.url("/d")))
        .send(
            new Notification(
                "1",
                "outages",
                "error",
                Instant.EPOCH,
                0,
                null,
                "x".repeat(5000),
                "{}",
                null,
                null));
    assertThat((String) Json.parseObject(fake.requests.get(0).body()).get("content"))
        .hasSize(2000)
        .endsWith("…");
  }

  @Test
  void theWebhookHonoursRetryAfterSeconds() {
    fake.respond(r -> new Receiver.Reply(503, "busy", Map.of("Retry-After", "12")));
    assertThatThrownBy(
            () ->
                new WebhookSink(
                        URI.create(fake.url("/h")), "s3cret-value", java.time.Clock.systemUTC())
                    .send(N))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
              assertThat(e.getMessage()).isEqualTo("webhook answered HTTP 503: busy");
            });
  }
}
