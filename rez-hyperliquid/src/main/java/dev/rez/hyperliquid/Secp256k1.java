package dev.rez.hyperliquid;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** secp256k1 ECDSA with RFC 6979 nonces, low-s and public-key recovery; Keccak-256. Internal. */
final class Secp256k1 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECCurve CURVE = PARAMS.getCurve();
  static final ECPoint G = PARAMS.getG();
  static final BigInteger N = PARAMS.getN();
  static final BigInteger HALF_N = N.shiftRight(1);
  private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

  private Secp256k1() {}

  static byte[] keccak256(byte[]... parts) {
    KeccakDigest d = new KeccakDigest(256);
    for (byte[] p : parts) d.update(p, 0, p.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  static ECPoint publicKey(BigInteger d) {
    return MULTIPLIER.multiply(G, d).normalize();
  }

  /** The Ethereum address of a public key: last 20 bytes of keccak256(x || y). */
  static String address(ECPoint q) {
    byte[] enc = q.normalize().getEncoded(false);
    byte[] hash = keccak256(Arrays.copyOfRange(enc, 1, enc.length));
    return Hex.encode(Arrays.copyOfRange(hash, 12, 32));
  }

  static void checkDigest(byte[] digest) {
    if (digest == null) throw new NullPointerException("digest == null");
    if (digest.length != 32)
      throw new IllegalArgumentException("digest must be 32 bytes but was " + digest.length);
  }

  /**
   * Deterministic ECDSA (RFC 6979, HMAC-SHA256) with low-s normalisation. The recovery id comes
   * from the parity of R's y coordinate, flipped when s is negated.
   */
  static Signature sign(BigInteger d, byte[] digest) {
    checkDigest(digest);
    BigInteger e = new BigInteger(1, digest);
    Rfc6979 k = new Rfc6979(N, d, digest);
    while (true) {
      BigInteger kv = k.next();
      FixedBase.Affine r = FixedBase.multiply(kv);
      BigInteger x = r.xValue();
      BigInteger rv = x.mod(N);
      if (rv.signum() == 0) continue;
      BigInteger s = BigIntegers.modOddInverse(N, kv).multiply(e.add(d.multiply(rv))).mod(N);
      if (s.signum() == 0) continue;
      int recId = r.yOdd() ? 1 : 0;
      if (x.compareTo(N) >= 0) recId |= 2; // probability ~2^-128; cannot be expressed with v 27/28
      if (s.compareTo(HALF_N) > 0) {
        s = N.subtract(s);
        recId ^= 1;
      }
      if (recId > 1) continue;
      return new Signature(rv, s, 27 + recId);
    }
  }

  /** Recovers the public key that produced {@code sig} over {@code digest}. */
  static ECPoint recover(byte[] digest, Signature sig) {
    checkDigest(digest);
    BigInteger r = sig.r();
    BigInteger x = r; // recovery ids 2/3 (x >= n) are not expressible with v 27/28
    if (x.compareTo(CURVE.getField().getCharacteristic()) >= 0) {
      throw new IllegalArgumentException("signature r is not an x coordinate on secp256k1");
    }
    byte[] enc = new byte[33];
    enc[0] = (byte) (sig.recoveryId() == 1 ? 0x03 : 0x02);
    System.arraycopy(Hex.fixed(x.toByteArray(), 32), 0, enc, 1, 32);
    ECPoint rPoint;
    try {
      rPoint = CURVE.decodePoint(enc);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature r is not an x coordinate on secp256k1");
    }
    BigInteger e = new BigInteger(1, digest);
    BigInteger rInv = BigIntegers.modOddInverse(N, r);
    BigInteger u1 = N.subtract(e).mod(N).multiply(rInv).mod(N);
    BigInteger u2 = sig.s().multiply(rInv).mod(N);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, rPoint, u2).normalize();
    if (q.isInfinity())
      throw new IllegalArgumentException("signature does not recover to a public key");
    return q;
  }
}
