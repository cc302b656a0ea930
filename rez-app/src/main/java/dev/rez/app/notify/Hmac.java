package dev.rez.app.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of webhook bodies and commands, as {@code sha256=<hex>}. */
final class Hmac {
  private Hmac() {}

  /**
   * {@code sha256=} followed by the lower-case hex HMAC-SHA256 of {@code message} under {@code
   * secret}.
   */
  static String sign(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** True when {@code signature} is {@link #sign}'s result; compared in constant time. */
  static boolean verify(String secret, String message, String signature) {
    if (signature == null) return false;
    return MessageDigest.isEqual(
        sign(secret, message).getBytes(StandardCharsets.US_ASCII),
        signature.trim().getBytes(StandardCharsets.US_ASCII));
  }
}
