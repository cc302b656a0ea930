package dev.rez.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A client order id (Hyperliquid's {@code cloid}): 16 bytes written as {@code 0x} + 32 lower-case
 * hex digits.
 *
 * <p>Derive it from the intent with {@link #derive(String)} so that a retry of the same intent
 * carries the same id and the venue can be asked whether it already has the order, instead of
 * placing it twice:
 *
 * <pre>{@code
 * ClientOrderId id = ClientOrderId.derive("cycle-42/BTC/open-long/entry");
 * }</pre>
 *
 * @param hex {@code 0x} followed by 32 hex digits, normalised to lower case
 */
public record ClientOrderId(String hex) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public ClientOrderId {
    Checks.notNull(hex, "cloid");
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != 34 || !hex.startsWith("0x") || !isHex(hex.substring(2))) {
      throw new IllegalArgumentException(
          "cloid must be 0x followed by 32 hex digits but was '" + hex + "'");
    }
  }

  /** Parses {@code 0x} + 32 hex digits (any case). */
  public static ClientOrderId of(String hex) {
    return new ClientOrderId(hex);
  }

  /**
   * The id whose 16 bytes are the first 16 bytes of SHA-256 of {@code intent} (UTF-8):
   * deterministic.
   */
  public static ClientOrderId derive(String intent) {
    Checks.notNull(intent, "intent");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(intent.getBytes(StandardCharsets.UTF_8));
      return new ClientOrderId("0x" + HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return hex;
  }
}
