package dev.rez.hyperliquid;

import java.math.BigInteger;

/**
 * A {@link Signer} over a secp256k1 private key held in memory.
 *
 * <p>The key can never be printed: {@link #toString()} shows only the address, no accessor returns
 * the key, and parse errors describe the input's shape, never its content.
 *
 * <pre>{@code
 * Signer signer = PrivateKeySigner.fromHex(System.getenv("HL_PRIVATE_KEY"));
 * System.out.println(signer.address()); // 0x… : the wallet the exchange will see
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class PrivateKeySigner implements Signer {
  private final BigInteger key;
  private final String address;

  private PrivateKeySigner(BigInteger key) {
    this.key = key;
    this.address = Secp256k1.address(Secp256k1.publicKey(key));
    FixedBase
        .prepare(); // the signing table is built once per process, here rather than in the first
    // order
  }

  /**
   * Reads a private key written as 64 hex digits, with or without {@code 0x}; surrounding
   * whitespace is ignored.
   *
   * @throws IllegalArgumentException when the text is not a valid key (the message never repeats
   *     the text)
   */
  public static PrivateKeySigner fromHex(String privateKeyHex) {
    if (privateKeyHex == null) throw new NullPointerException("privateKey == null");
    String h = privateKeyHex.strip();
    if (h.startsWith("0x") || h.startsWith("0X")) h = h.substring(2);
    if (h.length() != 64) {
      throw new IllegalArgumentException(
          "privateKey must be 64 hex digits (optionally prefixed by 0x) but had "
              + h.length()
              + " characters");
    }
    for (int i = 0; i < h.length(); i++) {
      if (Character.digit(h.charAt(i), 16) < 0)
        throw new IllegalArgumentException(
            "privateKey contains a character that is not a hex digit at position " + i);
    }
    BigInteger d = new BigInteger(h, 16);
    if (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0)
      throw new IllegalArgumentException("privateKey is outside the secp256k1 key range");
    return new PrivateKeySigner(d);
  }

  /**
   * Derives the key of a BIP-39 mnemonic (English words, no passphrase) at the Ethereum path {@code
   * m/44'/60'/0'/0/<index>}, as wallets such as MetaMask do, and as a TEE's KMS-bound {@code
   * MNEMONIC} is meant to be used.
   *
   * <pre>{@code
   * Signer signer = PrivateKeySigner.fromMnemonic(System.getenv("MNEMONIC"), 0);
   * }</pre>
   *
   * @param index the address index, {@code >= 0}
   * @throws IllegalArgumentException when the mnemonic has the wrong number of words, a word not in
   *     the BIP-39 English list, or a bad checksum (the message never repeats a word)
   */
  public static PrivateKeySigner fromMnemonic(String mnemonic, int index) {
    return new PrivateKeySigner(HdKeys.ethereumKey(mnemonic, index));
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public Signature sign(byte[] digest) {
    return Secp256k1.sign(key, digest);
  }

  /** Shows the address only. */
  @Override
  public String toString() {
    return "PrivateKeySigner{address=" + address + "}";
  }
}
