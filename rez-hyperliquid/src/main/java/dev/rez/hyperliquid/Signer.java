package dev.rez.hyperliquid;

/**
 * Something that signs 32-byte digests with a secp256k1 key: a private key held in memory ({@link
 * PrivateKeySigner}) or, in your own implementation, a hardware or remote signer.
 *
 * <p>The signer is the wallet whose signature the exchange checks. When trading through an API
 * (agent) wallet, the signer is the agent and the <em>account</em> address (whose balances and
 * positions are traded) is configured separately on the client.
 *
 * <p>Implementations must be threadsafe, deterministic (RFC 6979) and produce low-s signatures with
 * {@code v} 27/28, as {@link PrivateKeySigner} does; {@link Signing#recoverAddress} checks the
 * result.
 */
public interface Signer {
  /** The signer's address: {@code 0x} + 40 lower-case hex digits. */
  String address();

  /**
   * Signs a 32-byte digest directly (no further hashing).
   *
   * @throws IllegalArgumentException when {@code digest} is not 32 bytes
   */
  Signature sign(byte[] digest);
}
