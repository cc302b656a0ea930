package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.junit.jupiter.api.Test;

class Rfc6979Test {

  /**
   * RFC 6979 appendix A.2.5 (P-256 with SHA-256): the nonce depends only on the order, key and
   * digest.
   */
  @Test
  void matchesTheRfcVectors() throws Exception {
    BigInteger n =
        new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    BigInteger x =
        new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    assertThat(new Rfc6979(n, x, sha.digest("sample".getBytes(StandardCharsets.US_ASCII))).next())
        .isEqualTo(
            new BigInteger("A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60", 16));
    assertThat(new Rfc6979(n, x, sha.digest("test".getBytes(StandardCharsets.US_ASCII))).next())
        .isEqualTo(
            new BigInteger("D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0", 16));
  }

  /**
   * The first nonce equals BouncyCastle's deterministic calculator's, for keys and digests of every
   * size.
   */
  @Test
  void firstNonceMatchesBouncyCastle() {
    BigInteger n = Secp256k1.N;
    SplittableRandom random = new SplittableRandom(6979);
    for (int i = 0; i < 2_000; i++) {
      byte[] keyBytes = new byte[1 + random.nextInt(32)];
      random.nextBytes(keyBytes);
      BigInteger d =
          new BigInteger(1, keyBytes).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      if (i % 10 == 0)
        java.util.Arrays.fill(digest, (byte) 0xFF); // a digest above n is reduced first
      HMacDSAKCalculator reference = new HMacDSAKCalculator(new SHA256Digest());
      reference.init(n, d, digest);
      assertThat(new Rfc6979(n, d, digest).next())
          .as("key %s", d.toString(16))
          .isEqualTo(reference.nextK());
    }
  }

  @Test
  void laterCandidatesFollowTheRfcRetryStepAndDiffer() {
    byte[] digest = new byte[32];
    Rfc6979 nonces = new Rfc6979(Secp256k1.N, BigInteger.TWO, digest);
    BigInteger first = nonces.next();
    BigInteger second = nonces.next();
    assertThat(second).isNotEqualTo(first).isPositive().isLessThan(Secp256k1.N);
    // deterministic: the same inputs give the same sequence
    Rfc6979 again = new Rfc6979(Secp256k1.N, BigInteger.TWO, digest);
    assertThat(again.next()).isEqualTo(first);
    assertThat(again.next()).isEqualTo(second);
  }
}
