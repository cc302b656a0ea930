package dev.rez.agent;

import dev.rez.json.Json;
import java.util.Objects;

/**
 * What a {@link Tool} hands back to the model: a JSON value, or an error message the model can act
 * on.
 *
 * <pre>{@code
 * return ToolResult.of(Map.of("rsi", 61.2));
 * return ToolResult.error("unknown asset 'BTCX': known assets are BTC, ETH");
 * }</pre>
 */
public sealed interface ToolResult {
  /** The result as the text the model reads: JSON for a success, the message for an error. */
  String text();

  /** True for {@link Failure}. */
  default boolean isError() {
    return this instanceof Failure;
  }

  /**
   * A success carrying a JSON-serialisable value: maps with string keys, lists, strings, numbers,
   * booleans, null; other objects are written with {@code toString()}.
   *
   * @param json the value as JSON text
   */
  record Success(String json) implements ToolResult {
    /** Checks the components; see the record description. */
    public Success {
      Objects.requireNonNull(json, "json == null");
    }

    @Override
    public String text() {
      return json;
    }
  }

  /**
   * A failure the model should read and correct.
   *
   * @param message what went wrong, as a sentence
   */
  record Failure(String message) implements ToolResult {
    /** Checks the components; see the record description. */
    public Failure {
      Objects.requireNonNull(message, "message == null");
      if (message.isBlank()) throw new IllegalArgumentException("message must not be blank");
    }

    @Override
    public String text() {
      return "ERROR: " + message;
    }
  }

  /** A success whose value is written as JSON (see {@link Success}). */
  static ToolResult of(Object value) {
    return new Success(Json.write(value));
  }

  /** A failure with {@code message}. */
  static ToolResult error(String message) {
    return new Failure(message);
  }
}
