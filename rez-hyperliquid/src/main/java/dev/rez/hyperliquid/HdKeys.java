package dev.rez.hyperliquid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BIP-39 mnemonics and BIP-32 key derivation, for the Ethereum path {@code m/44'/60'/0'/0/<index>}.
 * Internal: {@link PrivateKeySigner#fromMnemonic} is the public entry. Pure functions; no message
 * ever repeats a word of the mnemonic.
 */
final class HdKeys {
  private static final int HARDENED = 0x80000000;
  private static final List<String> WORDS = readWords();
  private static final Map<String, Integer> INDEX = indexOf(WORDS);

  private HdKeys() {}

  /**
   * Checks a BIP-39 English mnemonic: 12, 15, 18, 21 or 24 words of the list, with a valid
   * checksum.
   *
   * @return the normalised mnemonic (NFKD, single spaces, lower case)
   * @throws IllegalArgumentException describing the problem by word count and position, never by
   *     the words
   */
  static String checkMnemonic(String mnemonic) {
    if (mnemonic == null) throw new NullPointerException("mnemonic == null");
    String[] words =
        Normalizer.normalize(mnemonic, Normalizer.Form.NFKD)
            .strip()
            .toLowerCase(java.util.Locale.ROOT)
            .split("\\s+");
    int n = words.length;
    if (n < 12 || n > 24 || n % 3 != 0)
      throw new IllegalArgumentException(
          "mnemonic must have 12, 15, 18, 21 or 24 words but had " + n);
    int bits = n * 11;
    byte[] packed = new byte[(bits + 7) / 8];
    for (int i = 0; i < n; i++) {
      Integer w = INDEX.get(words[i]);
      if (w == null)
        throw new IllegalArgumentException(
            "mnemonic word " + (i + 1) + " of " + n + " is not in the BIP-39 English word list");
      for (int b = 0; b < 11; b++) {
        if ((w >> (10 - b) & 1) != 0) {
          int bit = i * 11 + b;
          packed[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
      }
    }
    int checksumBits = n / 3;
    int entropyBytes = (bits - checksumBits) / 8;
    byte[] hash = sha256(Arrays.copyOf(packed, entropyBytes));
    for (int b = 0; b < checksumBits; b++) {
      int bit = entropyBytes * 8 + b;
      boolean expected = (hash[b / 8] & (0x80 >>> (b % 8))) != 0;
      boolean actual = (packed[bit / 8] & (0x80 >>> (bit % 8))) != 0;
      if (expected != actual)
        throw new IllegalArgumentException(
            "mnemonic checksum does not match: a word is wrong or misplaced");
    }
    return String.join(" ", words);
  }

  /**
   * The BIP-39 seed: PBKDF2-HMAC-SHA512 of the NFKD mnemonic, salt {@code "mnemonic" + passphrase},
   * 2048 rounds, 64 bytes.
   */
  static byte[] seed(String mnemonic, String passphrase) {
    PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA512Digest());
    byte[] password =
        Normalizer.normalize(mnemonic, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
    byte[] salt =
        ("mnemonic" + Normalizer.normalize(passphrase, Normalizer.Form.NFKD))
            .getBytes(StandardCharsets.UTF_8);
    gen.init(password, salt, 2048);
    byte[] seed = ((KeyParameter) gen.generateDerivedParameters(512)).getKey();
    Arrays.fill(password, (byte) 0);
    return seed;
  }

  /**
   * A BIP-32 extended private key.
   *
   * @param key the private key, 0 < key < n
   * @param chainCode 32 bytes
   */
  record Node(BigInteger key, byte[] chainCode) {
    /** The master node of {@code seed}. */
    static Node master(byte[] seed) {
      byte[] i = hmacSha512("Bitcoin seed".getBytes(StandardCharsets.US_ASCII), seed);
      BigInteger k = new BigInteger(1, Arrays.copyOf(i, 32));
      if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0)
        throw new IllegalArgumentException("the seed gives an invalid master key");
      return new Node(k, Arrays.copyOfRange(i, 32, 64));
    }

    /** The child at {@code index}; hardened when {@code index >= 2^31} (as an unsigned int). */
    Node child(int index) {
      byte[] data = new byte[37];
      if (Integer.compareUnsigned(index, HARDENED) >= 0) {
        byte[] k = unsigned32(key);
        System.arraycopy(k, 0, data, 1, 32);
      } else {
        byte[] pub = Secp256k1.publicKey(key).getEncoded(true);
        System.arraycopy(pub, 0, data, 0, 33);
      }
      data[33] = (byte) (index >>> 24);
      data[34] = (byte) (index >>> 16);
      data[35] = (byte) (index >>> 8);
      data[36] = (byte) index;
      byte[] i = hmacSha512(chainCode, data);
      BigInteger il = new BigInteger(1, Arrays.copyOf(i, 32));
      BigInteger k = il.add(key).mod(Secp256k1.N);
      // Probability below 2^-127; BIP-32 says to move on to the next index, which would silently
      // change the account.
      if (il.compareTo(Secp256k1.N) >= 0 || k.signum() == 0)
        throw new IllegalArgumentException("key derivation hit an invalid child at index " + index);
      return new Node(k, Arrays.copyOfRange(i, 32, 64));
    }

    /**
     * Follows {@code path}, e.g. {@code m/44'/60'/0'/0/0} ({@code h} also marks a hardened step).
     */
    Node derive(String path) {
      String[] parts = path.split("/");
      if (!parts[0].equals("m"))
        throw new IllegalArgumentException(
            "a derivation path starts with m/ but was '" + path + "'");
      Node n = this;
      for (int p = 1; p < parts.length; p++) {
        String s = parts[p];
        boolean hardened = s.endsWith("'") || s.endsWith("h") || s.endsWith("H");
        long i;
        try {
          i = Long.parseLong(hardened ? s.substring(0, s.length() - 1) : s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("derivation path step '" + s + "' is not a number");
        }
        if (i < 0 || i >= 1L << 31)
          throw new IllegalArgumentException("derivation path step " + s + " is out of range");
        n = n.child(hardened ? (int) i | HARDENED : (int) i);
      }
      return n;
    }

    /** Never the key. */
    @Override
    public String toString() {
      return "Node{…}";
    }
  }

  /**
   * The Ethereum account key {@code m/44'/60'/0'/0/<index>} of a checked mnemonic (no passphrase).
   */
  static BigInteger ethereumKey(String mnemonic, int index) {
    if (index < 0) throw new IllegalArgumentException("index must be >= 0 but was " + index);
    byte[] seed = seed(checkMnemonic(mnemonic), "");
    try {
      return Node.master(seed).derive("m/44'/60'/0'/0/" + index).key();
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  static byte[] unsigned32(BigInteger k) {
    byte[] b = k.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return out;
  }

  private static byte[] hmacSha512(byte[] key, byte[] data) {
    HMac mac = new HMac(new SHA512Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[64];
    mac.doFinal(out, 0);
    return out;
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> readWords() {
    try (InputStream in = HdKeys.class.getResourceAsStream("bip39-english.txt")) {
      if (in == null) throw new IllegalStateException("bip39-english.txt is missing from the jar");
      List<String> words = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      if (words.size() != 2048)
        throw new IllegalStateException(
            "the BIP-39 word list has " + words.size() + " words, not 2048");
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Integer> indexOf(List<String> words) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < words.size(); i++) m.put(words.get(i), i);
    return m;
  }
}
