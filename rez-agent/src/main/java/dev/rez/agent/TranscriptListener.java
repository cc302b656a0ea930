package dev.rez.agent;

/**
 * Receives each {@link TranscriptEntry} the moment it happens, while {@link
 * Agent#decide(ContextPayload, TranscriptListener)} runs: to stream a long decision's reasoning and
 * tool calls to a diary or a dashboard before it ends.
 *
 * <pre>{@code
 * agent.decide(context, entry -> log.info("{}", entry));
 * }</pre>
 *
 * <p>It is called on the deciding thread, in order. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface TranscriptListener {
  /** Called for every entry, in transcript order. */
  void onEntry(TranscriptEntry entry);
}
