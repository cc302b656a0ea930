package dev.rez.app.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One sink's delivery state, as {@code GET /api/status} shows it. Never carries a token or a URL.
 *
 * @param sink the sink's name
 * @param state {@code delivering} (caught up or sending), {@code retrying} (the last attempt
 *     failed) or {@code stopped}
 * @param lastDeliveredId the id of the last notification the sink acknowledged, or null
 * @param lastDeliveredAt when it was acknowledged, or null
 * @param backlog notifications waiting (at most {@link Outbox#BACKLOG_CAP}; that many means "at
 *     least")
 * @param delivered notifications acknowledged since the app started
 * @param lastError the last failure, or null (cleared by the next success)
 * @param lastErrorAt when it happened, or null
 * @param nextAttemptAt when a failed notification is tried again, or null
 */
public record SinkStatus(
    String sink,
    String state,
    String lastDeliveredId,
    Instant lastDeliveredAt,
    int backlog,
    long delivered,
    String lastError,
    Instant lastErrorAt,
    Instant nextAttemptAt) {
  public SinkStatus {
    Objects.requireNonNull(sink, "sink == null");
    Objects.requireNonNull(state, "state == null");
  }
}
