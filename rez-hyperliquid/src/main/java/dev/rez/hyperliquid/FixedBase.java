package dev.rez.hyperliquid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Fixed-base scalar multiplication {@code k·G} on secp256k1, the hot step of every signature. Internal.
 *
 * <p>The scalar is read as 64 base-16 digits, {@code k = Σ d_j·16^j}. A table holds, for every window
 * {@code j} and digit {@code i}, the affine point {@code i·16^j·G + U_j}, so {@code k·G} is the sum of one
 * table entry per window: 63 mixed Jacobian-affine additions and no doubling at all (BouncyCastle's comb
 * needs 43 doublings and 43 additions). The offsets {@code U_j} are multiples of a point {@code U} whose
 * discrete logarithm nobody knows (its x coordinate is a hash), chosen so they sum to zero: {@code U_j =
 * 2^j·U} for {@code j < 63} and {@code U_63 = −(2^63 − 1)·U}. They make every table entry a real point
 * (digit 0 included) and make the special cases of the addition formula (adding a point to itself or to its
 * negation) as hard to hit as finding that logarithm; should one still occur, the result is recomputed
 * with BouncyCastle's multiplier.
 *
 * <p>Every window reads all 16 entries of its row and keeps the wanted one with masks, so which entry was
 * used does not show in the memory access pattern. The field arithmetic is BouncyCastle's secp256k1 field
 * with caller-owned scratch, so a multiplication allocates only a few small arrays. The table (64 × 16
 * points, 64 KB) is built once, on first use.
 */
final class FixedBase {
  private static final int WINDOWS = 64;
  private static final int DIGITS = 16;
  private static final int POINT_INTS = 16; // x then y, eight 32-bit limbs each, little-endian
  private static final int[] ONE = Nat256.fromBigInteger(BigInteger.ONE);

  private FixedBase() {}

  /** The table, built on first use (class initialisation is lazy and thread-safe). */
  private static final class Table {
    static final int[] ENTRIES = build();
  }

  /** An affine result: {@code x} and {@code y} fully reduced, little-endian 32-bit limbs. */
  record Affine(int[] x, int[] y) {
    BigInteger xValue() {
      return Nat256.toBigInteger(x);
    }

    boolean yOdd() {
      return (y[0] & 1) != 0;
    }
  }

  /** {@code k·G} for {@code 0 < k < n}. */
  static Affine multiply(BigInteger k) {
    if (k.signum() <= 0 || k.compareTo(Secp256k1.N) >= 0) throw new IllegalArgumentException("scalar out of range");
    int[] digits = Nat256.fromBigInteger(k);
    int[] table = Table.ENTRIES;
    int[] x = new int[8];
    int[] y = new int[8];
    int[] z = new int[8];
    int[] px = new int[8];
    int[] py = new int[8];
    int[] t1 = new int[8];
    int[] t2 = new int[8];
    int[] t3 = new int[8];
    int[] t4 = new int[8];
    int[] tt = Nat256.createExt();

    lookup(table, 0, digit(digits, 0), x, y);
    System.arraycopy(ONE, 0, z, 0, 8);
    for (int w = 1; w < WINDOWS; w++) {
      lookup(table, w, digit(digits, w), px, py);
      // madd: H = px·Z² − X, R = py·Z³ − Y; X' = R² − H³ − 2·X·H², Y' = R·(X·H² − X') − Y·H³, Z' = Z·H
      SecP256K1Field.square(z, t1, tt); // Z²
      SecP256K1Field.multiply(t1, z, t2, tt); // Z³
      SecP256K1Field.multiply(t1, px, t1, tt); // px·Z²
      SecP256K1Field.multiply(t2, py, t2, tt); // py·Z³
      SecP256K1Field.subtract(t1, x, t1); // H
      SecP256K1Field.subtract(t2, y, t2); // R
      SecP256K1Field.multiply(z, t1, z, tt); // Z' = Z·H
      SecP256K1Field.square(t1, t3, tt); // H²
      SecP256K1Field.multiply(t3, t1, t4, tt); // H³
      SecP256K1Field.multiply(t3, x, t3, tt); // X·H²
      SecP256K1Field.twice(t3, t1); // 2·X·H²
      SecP256K1Field.square(t2, x, tt); // R²
      SecP256K1Field.subtract(x, t1, x);
      SecP256K1Field.subtract(x, t4, x); // X' = R² − 2·X·H² − H³
      SecP256K1Field.subtract(t3, x, t3); // X·H² − X'
      SecP256K1Field.multiply(t3, t2, t3, tt); // R·(X·H² − X')
      SecP256K1Field.multiply(t4, y, t4, tt); // Y·H³
      SecP256K1Field.subtract(t3, t4, y); // Y'
    }
    // Z stays 0 once an addition met its special case (H = 0); that cannot be steered without the
    // logarithm of U, but a wrong point must never be used.
    if (Nat256.isZero(z)) {
      ECPoint p = Secp256k1.publicKey(k);
      return new Affine(Nat256.fromBigInteger(p.getAffineXCoord().toBigInteger()),
          Nat256.fromBigInteger(p.getAffineYCoord().toBigInteger()));
    }
    SecP256K1Field.inv(z, t1); // 1/Z
    SecP256K1Field.square(t1, t2, tt); // 1/Z²
    SecP256K1Field.multiply(t2, t1, t3, tt); // 1/Z³
    SecP256K1Field.multiply(x, t2, x, tt);
    SecP256K1Field.multiply(y, t3, y, tt);
    return new Affine(x, y);
  }

  private static int digit(int[] limbs, int window) {
    return (limbs[window >>> 3] >>> ((window & 7) << 2)) & 0xF;
  }

  /** Copies entry {@code digit} of row {@code window} into x and y, reading the whole row. */
  private static void lookup(int[] table, int window, int digit, int[] x, int[] y) {
    for (int l = 0; l < 8; l++) {
      x[l] = 0;
      y[l] = 0;
    }
    int off = window * DIGITS * POINT_INTS;
    for (int i = 0; i < DIGITS; i++, off += POINT_INTS) {
      int mask = ((i ^ digit) - 1) >> 31; // all ones when i == digit, else zero
      for (int l = 0; l < 8; l++) {
        x[l] |= table[off + l] & mask;
        y[l] |= table[off + 8 + l] & mask;
      }
    }
  }

  private static int[] build() {
    ECPoint u = blindingPoint();
    ECPoint[] points = new ECPoint[WINDOWS * DIGITS];
    ECPoint base = Secp256k1.G; // 16^j·G
    ECPoint offset = u; // 2^j·U
    ECPoint offsetSum = Secp256k1.CURVE.getInfinity(); // Σ_{j<63} 2^j·U
    for (int j = 0; j < WINDOWS; j++) {
      ECPoint uj = j < WINDOWS - 1 ? offset : offsetSum.negate();
      ECPoint p = uj;
      for (int i = 0; i < DIGITS; i++) {
        points[j * DIGITS + i] = p;
        p = p.add(base);
      }
      if (j < WINDOWS - 1) {
        offsetSum = offsetSum.add(offset);
        offset = offset.twice();
      }
      base = base.timesPow2(4);
    }
    Secp256k1.CURVE.normalizeAll(points);
    int[] table = new int[WINDOWS * DIGITS * POINT_INTS];
    for (int e = 0; e < points.length; e++) {
      ECPoint p = points[e];
      if (p.isInfinity()) throw new IllegalStateException("fixed-base table entry at infinity");
      System.arraycopy(Nat256.fromBigInteger(p.getAffineXCoord().toBigInteger()), 0, table, e * POINT_INTS, 8);
      System.arraycopy(Nat256.fromBigInteger(p.getAffineYCoord().toBigInteger()), 0, table, e * POINT_INTS + 8, 8);
    }
    return table;
  }

  /**
   * {@code U}: the first point whose x coordinate is SHA-256("Rez secp256k1 fixed-base offset" || counter),
   * with even y. Nobody knows its discrete logarithm.
   */
  static ECPoint blindingPoint() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    byte[] label = "Rez secp256k1 fixed-base offset".getBytes(StandardCharsets.US_ASCII);
    BigInteger p = Secp256k1.CURVE.getField().getCharacteristic();
    for (int counter = 0; ; counter++) {
      sha.update(label);
      sha.update((byte) counter);
      byte[] x = sha.digest();
      if (new BigInteger(1, x).compareTo(p) >= 0) continue;
      byte[] enc = new byte[33];
      enc[0] = 0x02;
      System.arraycopy(x, 0, enc, 1, 32);
      try {
        return Secp256k1.CURVE.decodePoint(enc);
      } catch (IllegalArgumentException notOnCurve) {
        // no y for this x: next counter
      }
    }
  }
}
