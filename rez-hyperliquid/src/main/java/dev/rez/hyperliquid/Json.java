package dev.rez.hyperliquid;

import java.util.Map;

/**
 * JSON for the client's requests and the exchange's responses, by the rules of {@link
 * dev.rez.json.Json}: objects parse to insertion-ordered maps and every number to an exact {@link
 * java.math.BigDecimal}, so what a signature covers stays intact and {@code
 * Signing.recoverL1Signer((Map) Json.parse(body).get("action"), …)} verifies a request body; maps
 * write in their order, numbers in plain notation.
 *
 * <pre>{@code
 * Map<String, Object> body = Json.parseObject("{\"action\":{\"type\":\"noop\"},\"nonce\":1}");
 * String text = Json.write(body); // {"action":{"type":"noop"},"nonce":1}
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class Json {
  private Json() {}

  /**
   * Parses any JSON value.
   *
   * @throws IllegalArgumentException ({@link dev.rez.json.JsonException}) when the text is not JSON
   */
  public static Object parse(String json) {
    return dev.rez.json.Json.parse(json);
  }

  /**
   * Parses a JSON object.
   *
   * @throws IllegalArgumentException ({@link dev.rez.json.JsonException}) when the text is not a
   *     JSON object
   */
  public static Map<String, Object> parseObject(String json) {
    return dev.rez.json.Json.parseObject(json);
  }

  /**
   * Writes maps (in iteration order), lists, strings, booleans, numbers (plain notation) and nulls
   * as compact JSON.
   *
   * @throws IllegalArgumentException ({@link dev.rez.json.JsonException}) for NaN and infinities
   */
  public static String write(Object value) {
    return dev.rez.json.Json.write(value);
  }

  /** The JSON kind of a parsed value, for messages. */
  static String describe(Object v) {
    return dev.rez.json.Json.kind(v);
  }
}
