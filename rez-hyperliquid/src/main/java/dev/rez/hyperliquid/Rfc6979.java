package dev.rez.hyperliquid;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic ECDSA nonces (RFC 6979 section 3.2, HMAC-SHA256) for secp256k1. Internal.
 *
 * <p>Uses the JDK's {@code HmacSHA256}, whose SHA-256 runs on the CPU's SHA instructions where
 * present. One instance serves one signature: {@link #next()} returns the first candidate, then
 * each following one.
 */
final class Rfc6979 {
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
          });

  private static final byte[] ZERO = {0x00};
  private static final byte[] ONE = {0x01};

  private final BigInteger n;
  private final Mac mac;
  private final byte[] v = new byte[32];
  private byte[] k = new byte[32];
  private boolean started;

  /**
   * @param n the group order (256 bits)
   * @param d the private key, {@code 0 < d < n}
   * @param digest the 32-byte message digest
   */
  Rfc6979(BigInteger n, BigInteger d, byte[] digest) {
    this.n = n;
    this.mac = MAC.get();
    byte[] x = Hex.fixed(d.toByteArray(), 32);
    BigInteger h = new BigInteger(1, digest);
    if (h.compareTo(n) >= 0) h = h.subtract(n);
    byte[] h1 = Hex.fixed(h.toByteArray(), 32);
    Arrays.fill(v, (byte) 0x01);
    // k starts as 32 zero bytes
    k = hmac(k, v, ZERO, x, h1);
    updateV();
    k = hmac(k, v, ONE, x, h1);
    updateV();
    Arrays.fill(x, (byte) 0);
  }

  /** The next candidate nonce in {@code [1, n)}. */
  BigInteger next() {
    if (started) reseed(); // the previous candidate did not give a valid signature
    started = true;
    while (true) {
      updateV();
      BigInteger candidate = new BigInteger(1, v); // qlen = hlen = 256: bits2int is the plain value
      if (candidate.signum() > 0 && candidate.compareTo(n) < 0) return candidate;
      reseed();
    }
  }

  /** {@code K = HMAC_K(V || 0x00)}, {@code V = HMAC_K(V)}. */
  private void reseed() {
    k = hmac(k, v, ZERO);
    updateV();
  }

  /** {@code V = HMAC_K(V)}. */
  private void updateV() {
    System.arraycopy(hmac(k, v), 0, v, 0, 32);
  }

  /** HMAC-SHA256 under key of the concatenated parts. */
  private byte[] hmac(byte[] key, byte[]... parts) {
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 key rejected", e);
    }
    for (byte[] p : parts) mac.update(p);
    return mac.doFinal();
  }
}
