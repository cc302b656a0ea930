package dev.rez.app.cli;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rez.core.Candle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The look-ahead audit of a backtest ({@code --audit-lookahead}): wraps what the model's side reads
 * — market data, the exchange's account reads, and every message that reaches the model (the
 * context, tool results) — and records the first thing timestamped after the cycle's decision time:
 * a candle that opens later, a fill from the future, a timestamp in a tool result. The backtest
 * then fails, naming the cycle and the source.
 *
 * <p>Timestamps are candles' open times (a bar opening at the decision time or later is the
 * future), {@link Instant} components of the other records returned (fills, orders), ISO-8601
 * instants and epoch milliseconds in the model's messages; a rule's deadline in a message (a
 * cooldown "until" a time) is not data and is not a look-ahead. Threadsafe.
 */
final class LookaheadAudit {
  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
  // Epoch milliseconds of 2001..2286: thirteen digits starting with 1.
  private static final Pattern EPOCH_MS = Pattern.compile("(?<![0-9.])1\\d{12}(?![0-9.])");

  /**
   * A look-ahead found.
   *
   * @param cycle the cycle
   * @param source where the future data came from ({@code MarketData.candles}, {@code model input:
   *     tool-result})
   * @param detail what was seen, against the decision time
   */
  record Violation(long cycle, String source, String detail) {
    String message() {
      return "look-ahead in cycle " + cycle + ": " + source + " gave " + detail;
    }
  }

  private final Clock clock;
  private final LongSupplier cycle;
  private Violation first;
  private long checked;

  /**
   * An audit against {@code clock}'s now (the cycle's decision time), naming the cycle {@code
   * cycle} gives.
   */
  LookaheadAudit(Clock clock, LongSupplier cycle) {
    this.clock = clock;
    this.cycle = cycle;
  }

  /** The first look-ahead found, if any. */
  synchronized Optional<Violation> violation() {
    return Optional.ofNullable(first);
  }

  /** How many timestamps were checked. */
  synchronized long checked() {
    return checked;
  }

  /** {@code target} seen through {@code types}, each answer audited. */
  @SuppressWarnings("unchecked")
  <T> T wrap(Object target, Class<T> type, Class<?>... more) {
    Class<?>[] types = new Class<?>[more.length + 1];
    types[0] = type;
    System.arraycopy(more, 0, types, 1, more.length);
    InvocationHandler h =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "toString" -> "audited " + target;
              default -> method.invoke(target, args);
            };
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          inspect(
              result,
              method.getDeclaringClass().getSimpleName() + "." + method.getName(),
              clock.instant(),
              0);
          return result;
        };
    return (T) Proxy.newProxyInstance(LookaheadAudit.class.getClassLoader(), types, h);
  }

  /** {@code inner} with every message it is sent audited. */
  ChatModel model(ChatModel inner) {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        Instant now = clock.instant();
        for (ChatMessage m : request.messages()) {
          switch (m) {
            case SystemMessage s -> scan(s.text(), "model input: system prompt", now);
            case UserMessage u ->
                scan(
                    u.hasSingleText() ? u.singleText() : u.contents().toString(),
                    "model input: context or instruction",
                    now);
            case ToolExecutionResultMessage t ->
                scan(t.text(), "model input: result of tool " + t.toolName(), now);
            default -> {}
          }
        }
        return inner.chat(request);
      }
    };
  }

  private void scan(String text, String source, Instant now) {
    Matcher iso = ISO.matcher(text);
    while (iso.find()) {
      if (deadline(text, iso.start())) continue;
      try {
        check(Instant.parse(iso.group()), source, "the timestamp " + iso.group(), now);
      } catch (DateTimeParseException notAnInstant) {
        // not a timestamp after all
      }
    }
    Matcher ms = EPOCH_MS.matcher(text);
    while (ms.find())
      check(
          Instant.ofEpochMilli(Long.parseLong(ms.group())),
          source,
          "the epoch time " + ms.group(),
          now);
  }

  /**
   * Whether the time at {@code start} is a rule's deadline rather than data: a cooldown or halt
   * "until" a time, an order that "expires" at one. These lie in the future by design and tell
   * nothing about the market.
   */
  private static boolean deadline(String text, int start) {
    String before =
        text.substring(Math.max(0, start - 16), start).toLowerCase(java.util.Locale.ROOT);
    return before.contains("until") || before.contains("expire");
  }

  private void inspect(Object v, String source, Instant now, int depth) {
    if (v == null || depth > 4) return;
    switch (v) {
      case Instant t -> check(t, source, "the time " + t, now);
      // A bar that has not opened before the decision time holds only prices from the future (a
      // forming bar that
      // opened earlier holds the prices up to now: the venue's own partial candle).
      case Candle c ->
          record(
              !c.openTime().isBefore(now),
              source,
              "a " + c.interval().wire() + " candle opening at " + c.openTime(),
              now);
      case Optional<?> o -> o.ifPresent(x -> inspect(x, source, now, depth + 1));
      case Collection<?> c -> {
        for (Object x : c) inspect(x, source, now, depth + 1);
      }
      case Map<?, ?> m -> {
        for (Object x : m.values()) inspect(x, source, now, depth + 1);
      }
      case Record r -> {
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
          Class<?> type = rc.getType();
          if (type.isPrimitive()
              || type == String.class
              || Number.class.isAssignableFrom(type)
              || type.isEnum()) continue;
          try {
            Object x = rc.getAccessor().invoke(r);
            inspect(
                x,
                source + " (" + r.getClass().getSimpleName() + "." + rc.getName() + ")",
                now,
                depth + 1);
          } catch (ReflectiveOperationException | RuntimeException e) {
            // an accessor that cannot be read carries nothing to audit
          }
        }
      }
      default -> {}
    }
  }

  private void check(Instant t, String source, String what, Instant now) {
    record(t.isAfter(now), source, what, now);
  }

  private synchronized void record(boolean future, String source, String what, Instant now) {
    checked++;
    if (first == null && future)
      first =
          new Violation(cycle.getAsLong(), source, what + ", not before the decision time " + now);
  }
}
