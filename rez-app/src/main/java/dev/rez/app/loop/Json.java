package dev.rez.app.loop;

import java.util.Map;

/**
 * JSON for diary payloads and state files, by the rules of {@link dev.rez.json.Json}: maps, lists,
 * strings, numbers in plain notation, booleans, instants (ISO-8601 strings), enums (lower case,
 * {@code open_long}) and {@link Raw} pre-rendered JSON on write; maps, lists, strings, {@link
 * java.math.BigDecimal}s, booleans and null on read.
 *
 * <pre>{@code
 * String json = Json.write(Json.obj("cycle", 12, "ok", true));
 * Map<String, Object> back = Json.parseObject(json);
 * }</pre>
 *
 * <p>Stateless and threadsafe.
 */
public final class Json {
  private Json() {}

  /**
   * JSON text inserted as is.
   *
   * @param json valid JSON
   */
  public record Raw(String json) implements dev.rez.json.RawJson {}

  /** An insertion-ordered map from alternating keys and values: {@code obj("a", 1, "b", null)}. */
  public static Map<String, Object> obj(Object... keysAndValues) {
    return dev.rez.json.Json.obj(keysAndValues);
  }

  /**
   * {@code value} as JSON text.
   *
   * @throws IllegalArgumentException ({@link dev.rez.json.JsonException}) for NaN and infinities
   */
  public static String write(Object value) {
    return dev.rez.json.Json.write(value);
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException ({@link dev.rez.json.JsonException}) when the text is not JSON
   *     or not an object
   */
  public static Map<String, Object> parseObject(String text) {
    return dev.rez.json.Json.parseObject(text);
  }

  /**
   * Parses any JSON value: objects become maps (insertion-ordered), arrays lists, numbers {@link
   * java.math.BigDecimal}s.
   *
   * @throws IllegalArgumentException ({@link dev.rez.json.JsonException}) naming the position when
   *     the text is not JSON
   */
  public static Object parse(String text) {
    return dev.rez.json.Json.parse(text);
  }
}
