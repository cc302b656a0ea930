package dev.rez.hyperliquid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Fixed-base scalar multiplication {@code k·G} on secp256k1, the hot step of every signature.
 * Internal.
 *
 * <p>The scalar is read as 43 base-64 digits, {@code k = Σ d_j·64^j}. A table holds, for every
 * window {@code j} and digit {@code i}, the affine point {@code i·64^j·G + U_j}, so {@code k·G} is
 * the sum of one table entry per window: 42 mixed Jacobian-affine additions and no doubling at all
 * (BouncyCastle's comb needs 43 doublings and 43 additions). The offsets {@code U_j} are multiples
 * of a point {@code U} whose discrete logarithm nobody knows (its x coordinate is a hash), chosen
 * so they sum to zero: {@code U_j = 2^j·U} for {@code j < 42} and {@code U_42 = −(2^42 − 1)·U}.
 * They make every table entry a real point (digit 0 included) and make the special cases of the
 * addition formula (adding a point to itself or to its negation) as hard to hit as finding that
 * logarithm; should one still occur, the result is recomputed with BouncyCastle's multiplier.
 *
 * <p>Every window reads all 64 entries of its row and keeps the wanted one with masks, so which
 * entry was used does not show in the memory access pattern. The field arithmetic is BouncyCastle's
 * secp256k1 field with caller-owned scratch, so a multiplication allocates only a few small arrays.
 * The table (43 × 64 points, 176 KB) is built once, in about 0.1 s, on first use.
 */
final class FixedBase {
  private static final int BITS = 6;
  private static final int DIGITS = 1 << BITS;
  private static final int WINDOWS = (256 + BITS - 1) / BITS;
  private static final int POINT_LONGS =
      8; // x then y, four longs each (two 32-bit limbs per long, little-endian)
  private static final int[] ONE = Nat256.fromBigInteger(BigInteger.ONE);

  private FixedBase() {}

  /** The table, built on first use (class initialisation is lazy and thread-safe). */
  private static final class Table {
    static final long[] ENTRIES = build();
  }

  /** Builds the table now rather than at the first signature. */
  static void prepare() {
    if (Table.ENTRIES.length == 0) throw new IllegalStateException("empty fixed-base table");
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
    if (k.signum() <= 0 || k.compareTo(Secp256k1.N) >= 0)
      throw new IllegalArgumentException("scalar out of range");
    int[] digits = Nat256.fromBigInteger(k);
    long[] table = Table.ENTRIES;
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
      // madd: H = px·Z² − X, R = py·Z³ − Y; X' = R² − H³ − 2·X·H², Y' = R·(X·H² − X') − Y·H³, Z' =
      // Z·H
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
      return new Affine(
          Nat256.fromBigInteger(p.getAffineXCoord().toBigInteger()),
          Nat256.fromBigInteger(p.getAffineYCoord().toBigInteger()));
    }
    SecP256K1Field.inv(z, t1); // 1/Z
    SecP256K1Field.square(t1, t2, tt); // 1/Z²
    SecP256K1Field.multiply(t2, t1, t3, tt); // 1/Z³
    SecP256K1Field.multiply(x, t2, x, tt);
    SecP256K1Field.multiply(y, t3, y, tt);
    return new Affine(x, y);
  }

  /** Bits {@code [window·BITS, window·BITS + BITS)} of the scalar. */
  private static int digit(int[] limbs, int window) {
    int pos = window * BITS;
    int limb = pos >>> 5;
    int shift = pos & 31;
    int v = limbs[limb] >>> shift;
    if (shift + BITS > 32 && limb < 7) v |= limbs[limb + 1] << (32 - shift);
    return v & (DIGITS - 1);
  }

  /**
   * Copies entry {@code digit} of row {@code window} into x and y, reading the whole row. The table
   * packs two 32-bit limbs per long, so an entry is 8 longs.
   */
  private static void lookup(long[] table, int window, int digit, int[] x, int[] y) {
    long x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
    int off = window * DIGITS * POINT_LONGS;
    for (int i = 0; i < DIGITS; i++, off += POINT_LONGS) {
      long mask = ((i ^ digit) - 1) >> 31; // all ones when i == digit, else zero
      x0 |= table[off] & mask;
      x1 |= table[off + 1] & mask;
      x2 |= table[off + 2] & mask;
      x3 |= table[off + 3] & mask;
      y0 |= table[off + 4] & mask;
      y1 |= table[off + 5] & mask;
      y2 |= table[off + 6] & mask;
      y3 |= table[off + 7] & mask;
    }
    unpack(x0, x1, x2, x3, x);
    unpack(y0, y1, y2, y3, y);
  }

  private static void unpack(long l0, long l1, long l2, long l3, int[] limbs) {
    limbs[0] = (int) l0;
    limbs[1] = (int) (l0 >>> 32);
    limbs[2] = (int) l1;
    limbs[3] = (int) (l1 >>> 32);
    limbs[4] = (int) l2;
    limbs[5] = (int) (l2 >>> 32);
    limbs[6] = (int) l3;
    limbs[7] = (int) (l3 >>> 32);
  }

  private static void pack(int[] limbs, long[] table, int off) {
    for (int i = 0; i < 4; i++)
      table[off + i] = (limbs[2 * i] & 0xFFFFFFFFL) | ((long) limbs[2 * i + 1] << 32);
  }

  private static long[] build() {
    ECPoint u = blindingPoint();
    ECPoint[] points = new ECPoint[WINDOWS * DIGITS];
    ECPoint base = Secp256k1.G; // 64^j·G
    ECPoint offset = u; // 2^j·U
    ECPoint offsetSum = Secp256k1.CURVE.getInfinity(); // Σ_{j<WINDOWS−1} 2^j·U
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
      base = base.timesPow2(BITS);
    }
    Secp256k1.CURVE.normalizeAll(points);
    long[] table = new long[WINDOWS * DIGITS * POINT_LONGS];
    for (int e = 0; e < points.length; e++) {
      ECPoint p = points[e];
      if (p.isInfinity()) throw new IllegalStateException("fixed-base table entry at infinity");
      pack(Nat256.fromBigInteger(p.getAffineXCoord().toBigInteger()), table, e * POINT_LONGS);
      pack(Nat256.fromBigInteger(p.getAffineYCoord().toBigInteger()), table, e * POINT_LONGS + 4);
    }
    return table;
  }

  /**
   * {@code U}: the first point whose x coordinate is SHA-256("Rez secp256k1 fixed-base offset" ||
   * counter), with even y. Nobody knows its discrete logarithm.
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
