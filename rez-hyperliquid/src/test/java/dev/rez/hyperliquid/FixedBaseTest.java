package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.api.Test;

class FixedBaseTest {
  private static final BigInteger N = Secp256k1.N;

  /** The reference: BouncyCastle's own comb multiplier. */
  private static ECPoint reference(BigInteger k) {
    return new FixedPointCombMultiplier().multiply(Secp256k1.G, k).normalize();
  }

  private static void assertSameAsReference(BigInteger k) {
    ECPoint expected = reference(k);
    FixedBase.Affine actual = FixedBase.multiply(k);
    assertThat(actual.xValue())
        .as("x of %s·G", k.toString(16))
        .isEqualTo(expected.getAffineXCoord().toBigInteger());
    assertThat(actual.yOdd())
        .as("y parity of %s·G", k.toString(16))
        .isEqualTo(expected.getAffineYCoord().testBitZero());
    assertThat(
            Secp256k1.CURVE.createPoint(
                actual.xValue(), org.bouncycastle.math.raw.Nat256.toBigInteger(actual.y())))
        .isEqualTo(expected);
  }

  @Test
  void edgeScalarsMatchTheReference() {
    List<BigInteger> scalars = new ArrayList<>();
    for (int i = 1; i <= 40; i++) scalars.add(BigInteger.valueOf(i));
    for (int bit = 0; bit < 256; bit++) {
      BigInteger p = BigInteger.ONE.shiftLeft(bit);
      if (p.compareTo(N) < 0) {
        scalars.add(p);
        scalars.add(p.add(BigInteger.ONE).mod(N));
        scalars.add(p.subtract(BigInteger.ONE).max(BigInteger.ONE));
      }
    }
    // every digit 0 (only the top one set), every digit 15, alternating digits
    scalars.add(BigInteger.ONE.shiftLeft(252));
    scalars.add(BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE));
    scalars.add(new BigInteger("f0".repeat(32), 16).mod(N));
    scalars.add(new BigInteger("0f".repeat(32), 16));
    scalars.add(N.subtract(BigInteger.ONE));
    scalars.add(N.subtract(BigInteger.TWO));
    scalars.add(N.shiftRight(1));
    scalars.add(N.shiftRight(1).add(BigInteger.ONE));
    // every digit 63 in the low windows, and digit patterns that repeat across limb boundaries
    scalars.add(BigInteger.ONE.shiftLeft(240).subtract(BigInteger.ONE));
    scalars.add(new BigInteger("fc0".repeat(21), 16));
    scalars.add(new BigInteger("03f".repeat(21), 16));
    for (BigInteger k : scalars) assertSameAsReference(k);
  }

  @Test
  void randomScalarsMatchTheReference() {
    SplittableRandom random = new SplittableRandom(20261130);
    for (int i = 0; i < 300; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      BigInteger k = new BigInteger(1, bytes).mod(N);
      if (k.signum() == 0) continue;
      assertSameAsReference(k);
    }
  }

  @Test
  void scalarsOutsideTheGroupOrderAreRefused() {
    assertThatThrownBy(() -> FixedBase.multiply(BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedBase.multiply(N)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedBase.multiply(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBlindingPointIsOnTheCurveAndFixed() {
    ECPoint u = FixedBase.blindingPoint();
    assertThat(u.isValid()).isTrue();
    assertThat(u.getAffineYCoord().testBitZero()).isFalse();
    assertThat(FixedBase.blindingPoint()).isEqualTo(u);
  }
}
