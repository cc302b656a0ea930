package dev.rez.app.notify;

import dev.rez.app.config.Secret;
import dev.rez.core.Hosts;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where notifications go and what may answer back, from {@code REZ_NOTIFY_*} variables (the
 * README's "Notifications" section lists them). Every sink is off until its URL or token is set;
 * commands are off unless {@code REZ_NOTIFY_COMMANDS} names a channel. URLs and tokens are {@link
 * Secret}s: never logged nor shown.
 *
 * <pre>{@code
 * NotifyConfig n = NotifyConfig.fromVariables(Map.of("REZ_NOTIFY_WEBHOOK_URL", "https://hooks.example/rez",
 *     "REZ_NOTIFY_WEBHOOK_SECRET", "…"));
 * }</pre>
 *
 * @param rules the rules selecting events
 * @param webhookUrl the generic webhook's URL, or null
 * @param webhookSecret the generic webhook's HMAC secret (required with the URL)
 * @param telegramToken the Telegram bot token, or null
 * @param telegramChatId the chat notifications go to (required with the token)
 * @param telegramApiUrl the Bot API's base URL
 * @param telegramAllowedChats the chats whose commands are obeyed (the notification chat when
 *     unset)
 * @param ntfyUrl the ntfy topic URL ({@code https://ntfy.sh/<topic>}), or null
 * @param ntfyToken an ntfy access token for a protected topic, or null
 * @param slackUrl a Slack incoming-webhook URL, or null
 * @param discordUrl a Discord webhook URL, or null
 * @param commands the channels that may send commands (empty: none)
 * @param commandSecret the HMAC secret of signed webhook commands (required with the webhook
 *     channel)
 * @param commandHost the address the command endpoint binds
 * @param commandPort the command endpoint's port (0 for any free port)
 * @param dailySummaryAt the UTC time of the daily summary, or null for none
 * @param drawdownThresholds drawdown fractions of the equity's peak that each write a {@code
 *     drawdown} event once (empty: none)
 */
public record NotifyConfig(
    Set<Rule> rules,
    Secret webhookUrl,
    Secret webhookSecret,
    Secret telegramToken,
    String telegramChatId,
    String telegramApiUrl,
    Set<String> telegramAllowedChats,
    Secret ntfyUrl,
    Secret ntfyToken,
    Secret slackUrl,
    Secret discordUrl,
    Set<CommandChannel> commands,
    Secret commandSecret,
    String commandHost,
    int commandPort,
    LocalTime dailySummaryAt,
    List<BigDecimal> drawdownThresholds) {

  /** Channels that can send commands. */
  public enum CommandChannel {
    /** Signed HTTP requests to the command endpoint. */
    WEBHOOK,
    /** Messages from an allow-listed Telegram chat. */
    TELEGRAM
  }

  /** Nothing configured: no sink, no command. */
  public static final NotifyConfig NONE = fromVariables(Map.of());

  public NotifyConfig {
    rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
    telegramAllowedChats = Set.copyOf(telegramAllowedChats);
    commands = commands.isEmpty() ? Set.of() : Set.copyOf(commands);
    drawdownThresholds = List.copyOf(drawdownThresholds);
    for (BigDecimal t : drawdownThresholds) {
      if (t.signum() <= 0 || t.compareTo(BigDecimal.ONE) >= 0)
        throw new IllegalArgumentException(
            "REZ_NOTIFY_DRAWDOWN fractions must be in (0, 1) but one was " + t);
    }
    if (webhookUrl != null && webhookSecret == null)
      throw new IllegalArgumentException(
          "REZ_NOTIFY_WEBHOOK_URL needs REZ_NOTIFY_WEBHOOK_SECRET (the bodies are signed)");
    if (telegramToken != null && telegramChatId == null)
      throw new IllegalArgumentException(
          "REZ_NOTIFY_TELEGRAM_TOKEN needs REZ_NOTIFY_TELEGRAM_CHAT_ID");
    if (commands.contains(CommandChannel.WEBHOOK) && commandSecret == null) {
      throw new IllegalArgumentException(
          "REZ_NOTIFY_COMMANDS=webhook needs REZ_NOTIFY_COMMAND_SECRET");
    }
    if (commands.contains(CommandChannel.TELEGRAM) && telegramToken == null) {
      throw new IllegalArgumentException(
          "REZ_NOTIFY_COMMANDS=telegram needs REZ_NOTIFY_TELEGRAM_TOKEN");
    }
    if (commandPort < 0 || commandPort > 65535)
      throw new IllegalArgumentException(
          "REZ_NOTIFY_COMMAND_PORT must be in 0..65535 but was " + commandPort);
  }

  /**
   * Reads the {@code REZ_NOTIFY_*} variables.
   *
   * @throws IllegalArgumentException naming the variable when one is invalid (never a secret's
   *     value)
   */
  public static NotifyConfig fromVariables(Map<String, String> env) {
    String rules = get(env, "REZ_NOTIFY_RULES");
    Set<CommandChannel> commands = EnumSet.noneOf(CommandChannel.class);
    String c = get(env, "REZ_NOTIFY_COMMANDS");
    if (c != null) {
      for (String part : c.trim().split("[\\s,]+")) {
        switch (part.toLowerCase(Locale.ROOT)) {
          case "", "off", "none" -> {}
          case "webhook" -> commands.add(CommandChannel.WEBHOOK);
          case "telegram" -> commands.add(CommandChannel.TELEGRAM);
          default ->
              throw new IllegalArgumentException(
                  "REZ_NOTIFY_COMMANDS must list webhook and/or telegram (or off) but contains '"
                      + part
                      + "'");
        }
      }
    }
    String chat = get(env, "REZ_NOTIFY_TELEGRAM_CHAT_ID");
    Set<String> allowed = new LinkedHashSet<>();
    String a = get(env, "REZ_NOTIFY_TELEGRAM_ALLOWED_CHATS");
    if (a != null) {
      for (String part : a.trim().split("[\\s,]+")) if (!part.isEmpty()) allowed.add(part);
    } else if (chat != null) {
      allowed.add(chat);
    }
    String port = get(env, "REZ_NOTIFY_COMMAND_PORT");
    int p;
    try {
      p = port == null ? 7072 : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "REZ_NOTIFY_COMMAND_PORT must be a whole number but was '" + port + "'");
    }
    String at = get(env, "REZ_NOTIFY_DAILY_SUMMARY_AT");
    LocalTime summary;
    try {
      summary = at == null || at.equalsIgnoreCase("off") ? null : LocalTime.parse(at);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "REZ_NOTIFY_DAILY_SUMMARY_AT must be a UTC time HH:MM but was '" + at + "'");
    }
    List<BigDecimal> drawdown = new ArrayList<>();
    String dd = get(env, "REZ_NOTIFY_DRAWDOWN");
    if (dd != null) {
      for (String part : dd.trim().split("[\\s,]+")) {
        if (part.isEmpty()) continue;
        try {
          drawdown.add(new BigDecimal(part));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "REZ_NOTIFY_DRAWDOWN must list fractions such as 0.05,0.1 but contains '"
                  + part
                  + "'");
        }
      }
    }
    Set<Rule> ruleSet;
    try {
      ruleSet = rules == null ? Rule.DEFAULTS : Rule.parseList(rules);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("REZ_NOTIFY_RULES: " + e.getMessage(), e);
    }
    return new NotifyConfig(
        ruleSet,
        // The generic webhook's body is signed, not secret: plain http is refused only for
        // credentials in its URL. Telegram's token travels in the path, ntfy's in a header, and a
        // Slack or Discord webhook URL is itself the secret.
        url(env, "REZ_NOTIFY_WEBHOOK_URL", false),
        secret(env, "REZ_NOTIFY_WEBHOOK_SECRET"),
        secret(env, "REZ_NOTIFY_TELEGRAM_TOKEN"),
        chat,
        checkedUrl(
            "REZ_NOTIFY_TELEGRAM_API_URL",
            orDefault(get(env, "REZ_NOTIFY_TELEGRAM_API_URL"), "https://api.telegram.org"),
            get(env, "REZ_NOTIFY_TELEGRAM_TOKEN") != null),
        allowed,
        url(env, "REZ_NOTIFY_NTFY_URL", get(env, "REZ_NOTIFY_NTFY_TOKEN") != null),
        secret(env, "REZ_NOTIFY_NTFY_TOKEN"),
        url(env, "REZ_NOTIFY_SLACK_WEBHOOK_URL", true),
        url(env, "REZ_NOTIFY_DISCORD_WEBHOOK_URL", true),
        commands,
        secret(env, "REZ_NOTIFY_COMMAND_SECRET"),
        orDefault(get(env, "REZ_NOTIFY_COMMAND_HOST"), "127.0.0.1"),
        p,
        summary,
        drawdown);
  }

  /** True when a sink or a command channel is configured. */
  public boolean enabled() {
    return webhookUrl != null
        || telegramToken != null
        || ntfyUrl != null
        || slackUrl != null
        || discordUrl != null
        || !commands.isEmpty()
        || dailySummaryAt != null
        || !drawdownThresholds.isEmpty();
  }

  /** Every secret value, for masking. */
  List<Secret> secrets() {
    List<Secret> out = new ArrayList<>();
    for (Secret s :
        new Secret[] {
          webhookUrl,
          webhookSecret,
          telegramToken,
          ntfyUrl,
          ntfyToken,
          slackUrl,
          discordUrl,
          commandSecret
        }) {
      if (s != null) out.add(s);
    }
    return out;
  }

  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String orDefault(String v, String fallback) {
    return v == null ? fallback : v;
  }

  private static Secret secret(Map<String, String> env, String name) {
    String v = get(env, name);
    return v == null ? null : Secret.of(v);
  }

  private static Secret url(Map<String, String> env, String name, boolean secretGoesAlong) {
    String v = get(env, name);
    return v == null ? null : Secret.of(checkedUrl(name, v, secretGoesAlong));
  }

  /**
   * {@code v} when it is an http(s) URL with a host that does not carry a secret in clear text to
   * another machine ({@link Hosts#secretInClear}); the value is never shown.
   */
  private static String checkedUrl(String name, String v, boolean secretGoesAlong) {
    URI u;
    try {
      u = URI.create(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not a valid URL (the value is not shown)");
    }
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException(name + " must be an http(s) URL (the value is not shown)");
    }
    if (Hosts.secretInClear(u, secretGoesAlong)) {
      throw new IllegalArgumentException(
          name
              + " must use https for a host that is not loopback: a secret goes with each request"
              + " (the value is not shown)");
    }
    return v;
  }
}
