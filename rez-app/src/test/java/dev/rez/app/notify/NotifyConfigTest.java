package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.config.Secret;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifyConfigTest {
  @Test
  void nothingSetMeansNothingOn() {
    NotifyConfig c = NotifyConfig.fromVariables(Map.of());
    assertThat(c.enabled()).isFalse();
    assertThat(c.rules()).isEqualTo(Rule.DEFAULTS);
    assertThat(c.commands()).isEmpty();
    assertThat(c.telegramApiUrl()).isEqualTo("https://api.telegram.org");
    assertThat(c.commandHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void everyVariableIsReadAndSecretsAreNeverShown() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("REZ_NOTIFY_WEBHOOK_URL", "https://hooks.example/rez?key=url-secret-1"),
            Map.entry("REZ_NOTIFY_WEBHOOK_SECRET", "hmac-secret-2"),
            Map.entry("REZ_NOTIFY_TELEGRAM_TOKEN", "1:tg-token-3"),
            Map.entry("REZ_NOTIFY_TELEGRAM_CHAT_ID", "555"),
            Map.entry("REZ_NOTIFY_TELEGRAM_ALLOWED_CHATS", "555, 777"),
            Map.entry("REZ_NOTIFY_NTFY_URL", "https://ntfy.sh/topic-secret-4"),
            Map.entry("REZ_NOTIFY_NTFY_TOKEN", "tk_5"),
            Map.entry(
                "REZ_NOTIFY_SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/slack-6"),
            Map.entry(
                "REZ_NOTIFY_DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/discord-7"),
            Map.entry("REZ_NOTIFY_COMMANDS", "webhook,telegram"),
            Map.entry("REZ_NOTIFY_COMMAND_SECRET", "cmd-secret-8"),
            Map.entry("REZ_NOTIFY_COMMAND_PORT", "7999"),
            Map.entry("REZ_NOTIFY_RULES", "fills,daily-summary"),
            Map.entry("REZ_NOTIFY_DAILY_SUMMARY_AT", "21:30"));
    NotifyConfig c = NotifyConfig.fromVariables(env);
    assertThat(c.enabled()).isTrue();
    assertThat(c.telegramAllowedChats()).containsExactlyInAnyOrder("555", "777");
    assertThat(c.commands())
        .containsExactlyInAnyOrder(
            NotifyConfig.CommandChannel.WEBHOOK, NotifyConfig.CommandChannel.TELEGRAM);
    assertThat(c.commandPort()).isEqualTo(7999);
    assertThat(c.rules()).isEqualTo(Set.of(Rule.FILLS, Rule.DAILY_SUMMARY));
    assertThat(c.dailySummaryAt()).isEqualTo(LocalTime.of(21, 30));
    assertThat(c.secrets()).hasSize(8);
    for (Secret secret : c.secrets()) assertThat(c.toString()).doesNotContain(secret.reveal());
  }

  @Test
  void theTelegramChatIsAllowedByDefault() {
    NotifyConfig c =
        NotifyConfig.fromVariables(
            Map.of("REZ_NOTIFY_TELEGRAM_TOKEN", "1:t", "REZ_NOTIFY_TELEGRAM_CHAT_ID", "42"));
    assertThat(c.telegramAllowedChats()).containsExactly("42");
  }

  @Test
  void incompleteOrInvalidSettingsAreRefusedWithoutShowingSecrets() {
    assertThatThrownBy(
            () ->
                NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_WEBHOOK_URL", "https://h.example/x")))
        .hasMessageContaining("REZ_NOTIFY_WEBHOOK_SECRET");
    assertThatThrownBy(() -> NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_TELEGRAM_TOKEN", "1:t")))
        .hasMessageContaining("REZ_NOTIFY_TELEGRAM_CHAT_ID");
    assertThatThrownBy(() -> NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_COMMANDS", "webhook")))
        .hasMessageContaining("REZ_NOTIFY_COMMAND_SECRET");
    assertThatThrownBy(() -> NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_COMMANDS", "email")))
        .hasMessageContaining("'email'");
    assertThatThrownBy(
            () ->
                NotifyConfig.fromVariables(
                    Map.of("REZ_NOTIFY_SLACK_WEBHOOK_URL", "ftp://secret-path")))
        .hasMessageContaining("REZ_NOTIFY_SLACK_WEBHOOK_URL")
        .hasMessageNotContaining("secret-path");
    assertThatThrownBy(
            () -> NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_DAILY_SUMMARY_AT", "9pm")))
        .hasMessageContaining("HH:MM");
    assertThatThrownBy(() -> NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_RULES", "fills,nope")))
        .hasMessageContaining("REZ_NOTIFY_RULES");
  }

  @Test
  void plainHttpToAnotherMachineIsRefusedWhenASecretGoesAlong() {
    // A Slack or Discord webhook URL is itself the secret.
    for (String name : List.of("REZ_NOTIFY_SLACK_WEBHOOK_URL", "REZ_NOTIFY_DISCORD_WEBHOOK_URL")) {
      assertThatThrownBy(
              () -> NotifyConfig.fromVariables(Map.of(name, "http://hooks.example/T0/B0/s3cr3t")))
          .hasMessageContaining(name)
          .hasMessageContaining("https")
          .hasMessageNotContaining("s3cr3t");
    }
    // Telegram's token travels in the path.
    assertThatThrownBy(
            () ->
                NotifyConfig.fromVariables(
                    Map.of(
                        "REZ_NOTIFY_TELEGRAM_TOKEN", "1:t",
                        "REZ_NOTIFY_TELEGRAM_CHAT_ID", "42",
                        "REZ_NOTIFY_TELEGRAM_API_URL", "http://tg.example")))
        .hasMessageContaining("REZ_NOTIFY_TELEGRAM_API_URL");
    // ntfy: with a token, https; without one, a topic on the local network is fine.
    assertThatThrownBy(
            () ->
                NotifyConfig.fromVariables(
                    Map.of(
                        "REZ_NOTIFY_NTFY_URL", "http://ntfy.lan/rez",
                        "REZ_NOTIFY_NTFY_TOKEN", "tk_abc")))
        .hasMessageContaining("REZ_NOTIFY_NTFY_URL");
    assertThat(
            NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_NTFY_URL", "http://ntfy.lan/rez"))
                .ntfyUrl())
        .isNotNull();
    // The generic webhook is signed: plain http is fine unless its URL holds credentials.
    assertThat(
            NotifyConfig.fromVariables(
                    Map.of(
                        "REZ_NOTIFY_WEBHOOK_URL", "http://10.0.0.5/rez",
                        "REZ_NOTIFY_WEBHOOK_SECRET", "s"))
                .webhookUrl())
        .isNotNull();
    assertThatThrownBy(
            () ->
                NotifyConfig.fromVariables(
                    Map.of(
                        "REZ_NOTIFY_WEBHOOK_URL", "http://10.0.0.5/rez?token=abc",
                        "REZ_NOTIFY_WEBHOOK_SECRET", "s")))
        .hasMessageContaining("REZ_NOTIFY_WEBHOOK_URL")
        .hasMessageNotContaining("abc");
    // Loopback is this machine: plain http is fine (a local relay, a test).
    assertThat(
            NotifyConfig.fromVariables(
                    Map.of("REZ_NOTIFY_SLACK_WEBHOOK_URL", "http://127.0.0.1:9000/T0/B0/x"))
                .slackUrl())
        .isNotNull();
  }
}
