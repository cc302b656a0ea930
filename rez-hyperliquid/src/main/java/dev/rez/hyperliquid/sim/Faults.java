package dev.rez.hyperliquid.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Faults the simulator injects on request, for reliability tests. Each call arms a fault for the
 * next requests; armed faults are used up in the order they were armed.
 *
 * <pre>{@code
 * sim.faults().failNext(2, 503);          // the next two requests get HTTP 503
 * sim.faults().dropNextOrderAck();        // the next order executes but its response is never sent
 * sim.faults().rejectNextTriggerOrders(1) // the next TP/SL order is rejected
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class Faults {
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private int droppedAcks;
  private int triggerRejects;
  private Duration latency = Duration.ZERO;
  private final java.util.Map<String, Long> injected = new java.util.TreeMap<>();
  private boolean leakNextCandle;

  Faults() {}

  /**
   * A planted look-ahead leak, to prove that an audit catches one: from now on, candle snapshots
   * also serve the candle after the current one, complete, before its time has come. Never arm it
   * outside a test.
   *
   * @return this
   */
  public synchronized Faults leakNextCandle() {
    leakNextCandle = true;
    return this;
  }

  synchronized boolean leaksNextCandle() {
    return leakNextCandle;
  }

  /**
   * The next {@code count} requests to {@code /info} or {@code /exchange} are answered with HTTP
   * {@code status} and a plain-text body, without being executed.
   *
   * @param count how many requests, {@code >= 1}
   * @param status an HTTP status of 400..599, e.g. 500, 502, 503 or 429
   * @return this
   */
  public synchronized Faults failNext(int count, int status) {
    if (count < 1) throw new IllegalArgumentException("count must be >= 1 but was " + count);
    if (status < 400 || status > 599)
      throw new IllegalArgumentException("status must be in 400..599 but was " + status);
    for (int i = 0; i < count; i++) statuses.addLast(status);
    return this;
  }

  /** The next {@code count} requests are answered with HTTP 429 (rate limited). */
  public Faults rateLimitNext(int count) {
    return failNext(count, 429);
  }

  /**
   * The next {@code /exchange} order action is executed, then its connection is closed without a
   * response, as when an acknowledgement is lost on the way back.
   */
  public synchronized Faults dropNextOrderAck() {
    droppedAcks++;
    return this;
  }

  /**
   * The next {@code count} trigger (TP/SL) orders are rejected with {@code "Invalid TP/SL price."}.
   */
  public synchronized Faults rejectNextTriggerOrders(int count) {
    if (count < 1) throw new IllegalArgumentException("count must be >= 1 but was " + count);
    triggerRejects += count;
    return this;
  }

  /**
   * Every request waits {@code latency} before it is handled; {@link Duration#ZERO} turns this off.
   */
  public synchronized Faults latency(Duration latency) {
    if (latency == null || latency.isNegative())
      throw new IllegalArgumentException("latency must be >= 0 but was " + latency);
    this.latency = latency;
    return this;
  }

  /** Disarms every fault. */
  public synchronized void clear() {
    statuses.clear();
    droppedAcks = 0;
    triggerRejects = 0;
    latency = Duration.ZERO;
  }

  /**
   * How many faults were injected so far, by kind: {@code http-<status>} (e.g. {@code http-503},
   * {@code http-429}), {@code dropped-ack}, {@code rejected-trigger} and {@code latency} (requests
   * delayed). Armed faults not used yet are not counted; {@link #clear()} keeps the counts.
   */
  public synchronized java.util.Map<String, Long> injected() {
    return java.util.Map.copyOf(injected);
  }

  synchronized Integer takeFailure() {
    Integer status = statuses.pollFirst();
    if (status != null) injected.merge("http-" + status, 1L, Long::sum);
    return status;
  }

  synchronized boolean takeDroppedAck() {
    if (droppedAcks == 0) return false;
    droppedAcks--;
    injected.merge("dropped-ack", 1L, Long::sum);
    return true;
  }

  synchronized boolean takeTriggerReject() {
    if (triggerRejects == 0) return false;
    triggerRejects--;
    injected.merge("rejected-trigger", 1L, Long::sum);
    return true;
  }

  /** The latency to apply to a request now; counts it as injected when it is not zero. */
  synchronized Duration latency() {
    if (!latency.isZero()) injected.merge("latency", 1L, Long::sum);
    return latency;
  }
}
