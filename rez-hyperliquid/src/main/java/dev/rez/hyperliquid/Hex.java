package dev.rez.hyperliquid;

import java.util.HexFormat;
import java.util.Locale;

/** Hex and address helpers. Internal. */
final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  static String encode(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** Decodes {@code 0x}-prefixed (or bare) hex; {@code field} names the value in errors. */
  static byte[] decode(String hex, String field) {
    if (hex == null) throw new NullPointerException(field + " == null");
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (h.length() % 2 != 0)
      throw new IllegalArgumentException(
          field + " must have an even number of hex digits but was " + shown(hex));
    try {
      return HEX.parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not hex: " + shown(hex));
    }
  }

  /** Validates an address ({@code 0x} + 40 hex digits, any case) and returns it in lower case. */
  static String address(String address, String field) {
    if (address == null) throw new NullPointerException(field + " == null");
    String a = address.trim().toLowerCase(Locale.ROOT);
    if (a.length() != 42 || !a.startsWith("0x")) {
      throw new IllegalArgumentException(
          field + " must be 0x followed by 40 hex digits but was " + shown(address));
    }
    for (int i = 2; i < 42; i++) {
      if (Character.digit(a.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            field + " must be 0x followed by 40 hex digits but was " + shown(address));
      }
    }
    return a;
  }

  /**
   * A rejected value as an error message may show it: quoted when it is no longer than an address,
   * else only its length, so a private key pasted where an address or id belongs never reaches a
   * message or a log.
   */
  static String shown(String value) {
    if (value.length() <= 42) return "'" + value + "'";
    String h = value.strip();
    if (h.startsWith("0x") || h.startsWith("0X")) h = h.substring(2);
    return "a value of "
        + value.length()
        + " characters (not shown"
        + (h.length() == 64 ? ": it looks like a private key" : "")
        + ")";
  }

  /** Left-pads (or checks) {@code bytes} to exactly {@code size} bytes. */
  static byte[] fixed(byte[] bytes, int size) {
    if (bytes.length == size) return bytes;
    byte[] out = new byte[size];
    if (bytes.length > size) {
      // BigInteger.toByteArray adds a sign byte; anything else that is too long is a bug.
      for (int i = 0; i < bytes.length - size; i++) {
        if (bytes[i] != 0)
          throw new IllegalArgumentException("value does not fit in " + size + " bytes");
      }
      System.arraycopy(bytes, bytes.length - size, out, 0, size);
    } else {
      System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    }
    return out;
  }
}
