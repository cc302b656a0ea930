package dev.rez.app.notify;

import dev.rez.agent.ModelPrice;
import dev.rez.app.config.Redactor;
import dev.rez.core.Diary;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications for a running app: one {@link Outbox} per configured sink reading the diary, the
 * command channels (signed webhook, Telegram) when enabled, and the daily summary.
 *
 * <pre>{@code
 * Notifier n = Notifier.builder(NotifyConfig.fromVariables(System.getenv()), diary, Path.of("data/testnet/diary.jsonl"))
 *     .control(control).firstCursor(cursorWhenOpened).build().start();
 * List<SinkStatus> s = n.status();
 * n.close(); // delivers what is pending for a few seconds, the rest after the next start
 * }</pre>
 *
 * <p>State files sit next to the diary: {@code <diary>.notify-<sink>.json} (the last acknowledged
 * event), {@code <diary>.notify-nonces.json} and {@code <diary>.notify-telegram-offset.json}. This
 * class is threadsafe.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private final List<Outbox> outboxes;
  private final WebhookCommands webhookCommands;
  private final TelegramCommands telegramCommands;
  private final DailySummary summary;
  private final DrawdownWatch drawdown;

  private Notifier(Builder b) {
    NotifyConfig c = b.config;
    Redactor redactor = Redactor.of(c.secrets());
    Clock clock = b.clock;
    List<NotificationSink> sinks = new ArrayList<>();
    TelegramSink.TelegramApi telegram =
        c.telegramToken() == null
            ? null
            : new TelegramSink.TelegramApi(c.telegramApiUrl(), c.telegramToken().reveal());
    if (c.webhookUrl() != null)
      sinks.add(
          new WebhookSink(URI.create(c.webhookUrl().reveal()), c.webhookSecret().reveal(), clock));
    if (telegram != null) sinks.add(new TelegramSink(telegram, c.telegramChatId()));
    if (c.ntfyUrl() != null)
      sinks.add(
          new NtfySink(
              URI.create(c.ntfyUrl().reveal()),
              c.ntfyToken() == null ? null : c.ntfyToken().reveal()));
    if (c.slackUrl() != null)
      sinks.add(new ChatWebhookSink(ChatWebhookSink.Kind.SLACK, URI.create(c.slackUrl().reveal())));
    if (c.discordUrl() != null)
      sinks.add(
          new ChatWebhookSink(ChatWebhookSink.Kind.DISCORD, URI.create(c.discordUrl().reveal())));
    sinks.addAll(b.extraSinks);
    Rules rules = new Rules(c.rules());
    List<Outbox> boxes = new ArrayList<>();
    for (NotificationSink s : sinks) {
      if (!s.name().matches("[a-z0-9][a-z0-9-]{0,31}"))
        throw new IllegalArgumentException(
            "sink name must be 1..32 of a-z 0-9 - but was '" + s.name() + "'");
      boxes.add(
          new Outbox(
              s,
              b.diary,
              rules,
              state(b.diaryPath, "notify-" + s.name() + ".json"),
              b.firstCursor,
              b.timing,
              b.backoff,
              redactor));
    }
    this.outboxes = List.copyOf(boxes);
    boolean webhookOn = c.commands().contains(NotifyConfig.CommandChannel.WEBHOOK);
    boolean telegramOn = c.commands().contains(NotifyConfig.CommandChannel.TELEGRAM);
    if ((webhookOn || telegramOn) && b.control == null)
      throw new IllegalStateException("commands are enabled but nothing to control was given");
    this.webhookCommands =
        webhookOn
            ? new WebhookCommands(
                c.commandHost(),
                c.commandPort(),
                c.commandSecret().reveal(),
                b.control,
                clock,
                state(b.diaryPath, "notify-nonces.json"))
            : null;
    this.telegramCommands =
        telegramOn
            ? new TelegramCommands(
                telegram,
                c.telegramAllowedChats(),
                b.control,
                b.timing,
                state(b.diaryPath, "notify-telegram-offset.json"),
                b.pollSeconds,
                redactor)
            : null;
    this.summary =
        c.dailySummaryAt() == null
            ? null
            : new DailySummary(
                b.diary,
                c.dailySummaryAt(),
                b.timingSet ? b.timing : Timing.polling(b.eventClock),
                b.price);
    this.drawdown =
        c.drawdownThresholds().isEmpty() || b.equity == null
            ? null
            : new DrawdownWatch(
                b.diary,
                b.equity,
                c.drawdownThresholds(),
                state(b.diaryPath, "notify-drawdown.json"),
                // The diary's time, as the summary's: a demo's runs faster than the wall clock.
                b.timingSet ? b.timing : Timing.polling(b.eventClock),
                b.drawdownEvery);
  }

  private static Path state(Path diaryPath, String suffix) {
    return diaryPath.resolveSibling(diaryPath.getFileName() + "." + suffix);
  }

  /** A builder for the notifications of the app writing {@code diary} at {@code diaryPath}. */
  public static Builder builder(NotifyConfig config, Diary diary, Path diaryPath) {
    return new Builder(config, diary, diaryPath);
  }

  /** Starts the outboxes, the command channels and the summary. */
  public Notifier start() {
    outboxes.forEach(Outbox::start);
    if (webhookCommands != null) webhookCommands.start();
    if (telegramCommands != null) telegramCommands.start();
    if (summary != null) summary.start();
    if (drawdown != null) drawdown.start();
    if (!outboxes.isEmpty() || webhookCommands != null || telegramCommands != null) {
      log.info(
          "notifications: sinks {}{}{}",
          outboxes.stream().map(Outbox::name).toList(),
          webhookCommands == null ? "" : "; signed commands on port " + webhookCommands.port(),
          telegramCommands == null ? "" : "; telegram commands");
    }
    return this;
  }

  /** Each sink's delivery state, in configuration order. */
  public List<SinkStatus> status() {
    return outboxes.stream().map(Outbox::status).toList();
  }

  /** The port the signed command endpoint listens on, or -1 when it is off. */
  public int commandPort() {
    return webhookCommands == null ? -1 : webhookCommands.port();
  }

  /**
   * Stops commands and the summary at once, then lets each sink deliver what is pending for up to
   * {@code grace} (the rest goes out after the next start).
   */
  public void close(Duration grace) {
    if (webhookCommands != null) webhookCommands.close();
    if (telegramCommands != null) telegramCommands.close();
    if (summary != null) summary.close();
    if (drawdown != null) drawdown.close();
    long end = System.nanoTime() + grace.toNanos();
    for (Outbox o : outboxes) o.close(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
  }

  /** {@link #close(Duration)} with five seconds' grace. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Configures a {@link Notifier}. */
  public static final class Builder {
    private final NotifyConfig config;
    private final Diary diary;
    private final Path diaryPath;
    private Control control;
    private String firstCursor;
    private Clock clock = Clock.systemUTC();
    private Clock eventClock;
    private Timing timing;
    private boolean timingSet;
    private Outbox.Backoff backoff = Outbox.Backoff.DEFAULT;
    private ModelPrice price;
    private int pollSeconds = 25;
    private java.util.function.Supplier<BigDecimal> equity;
    private Duration drawdownEvery = Duration.ofMinutes(1);
    private final List<NotificationSink> extraSinks = new ArrayList<>();

    private Builder(NotifyConfig config, Diary diary, Path diaryPath) {
      this.config = Objects.requireNonNull(config, "config == null");
      this.diary = Objects.requireNonNull(diary, "diary == null");
      this.diaryPath = Objects.requireNonNull(diaryPath, "diaryPath == null");
    }

    /** What commands act on (required when a command channel is enabled). */
    public Builder control(Control control) {
      this.control = control;
      return this;
    }

    /** Where a sink without a saved position starts reading (null: the diary's start). */
    public Builder firstCursor(String cursor) {
      this.firstCursor = cursor;
      return this;
    }

    /** The wall clock, for signatures and command freshness (default: the system's UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * The clock the app's diary events carry, which a demo runs faster than the wall clock: the
     * daily summary's time and the hours it covers, and the drawdown watch's minute and the time of
     * its events, are read on it (default: {@link #clock}).
     */
    public Builder eventClock(Clock clock) {
      this.eventClock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Model prices in USD per million tokens, for the summary's cost (null: unknown). */
    public Builder prices(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
      this.price =
          inputPerMillion == null || outputPerMillion == null
              ? null
              : new ModelPrice(inputPerMillion, outputPerMillion);
      return this;
    }

    /**
     * Where the drawdown watch reads the account's equity (once a minute); without it there is no
     * drawdown watch.
     */
    public Builder equity(java.util.function.Supplier<BigDecimal> equity) {
      this.equity = equity;
      return this;
    }

    /** Adds a sink of one's own, delivered like the configured ones. */
    public Builder sink(NotificationSink sink) {
      extraSinks.add(Objects.requireNonNull(sink, "sink == null"));
      return this;
    }

    /** The outboxes' and the watches' time, and the summary's (tests pass a virtual one). */
    Builder timing(Timing timing) {
      this.timing = timing;
      this.timingSet = timing != null;
      return this;
    }

    Builder backoff(Outbox.Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    Builder pollSeconds(int seconds) {
      this.pollSeconds = seconds;
      return this;
    }

    /** The notifier, not started yet. */
    public Notifier build() {
      if (timing == null) timing = Timing.system(clock);
      if (eventClock == null) eventClock = clock;
      return new Notifier(this);
    }
  }
}
