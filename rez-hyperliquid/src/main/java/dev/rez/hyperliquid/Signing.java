package dev.rez.hyperliquid;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperliquid's two signature schemes as pure functions, byte-identical to the official Python SDK.
 *
 * <ul>
 *   <li><b>L1 actions</b> (order, cancel, modify, updateLeverage, scheduleCancel, …): the action is
 *       msgpack-encoded in its map's iteration order, followed by the nonce, the vault address and
 *       the optional {@code expiresAfter}; its keccak-256 is the connection id of a "phantom agent"
 *       that is signed with EIP-712 under the {@code Exchange} domain (chain id 1337).
 *   <li><b>User-signed actions</b> (usdSend, withdraw3, approveAgent, …): the action's own fields
 *       are EIP-712 typed data under the {@code HyperliquidSignTransaction} domain, see {@link
 *       UserSignedType}.
 * </ul>
 *
 * <p>Actions are trees of {@code Map<String, ?>} (iterated in insertion order: use {@link
 * LinkedHashMap}), {@code List}, {@code String}, {@code Boolean} and integers. Decimal numbers are
 * never numbers on the wire: put them in as strings made by {@link WireFormat}. Integral {@code
 * Double}s, as a generic JSON parser produces them, are accepted as integers.
 *
 * <pre>{@code
 * Map<String, Object> action = new LinkedHashMap<>();
 * action.put("type", "scheduleCancel");
 * Signature sig = Signing.signL1Action(signer, action, nonce, null, null, Network.TESTNET);
 * String who = Signing.recoverL1Signer(action, nonce, null, null, Network.TESTNET, sig); // signer.address()
 * }</pre>
 *
 * <p>This class is threadsafe and does no I/O.
 */
public final class Signing {
  /** The {@code signatureChainId} the SDKs put in user-signed actions: {@code 0x66eee} (421614). */
  public static final String SIGNATURE_CHAIN_ID = "0x66eee";

  private static final byte[] DOMAIN_TYPE_HASH =
      keccak256(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
              .getBytes(StandardCharsets.UTF_8));
  private static final byte[] AGENT_TYPE_HASH =
      keccak256("Agent(string source,bytes32 connectionId)".getBytes(StandardCharsets.UTF_8));
  private static final byte[] L1_DOMAIN_SEPARATOR =
      domainSeparator("Exchange", BigInteger.valueOf(1337));
  private static final byte[] USER_DOMAIN_SEPARATOR_66EEE =
      domainSeparator("HyperliquidSignTransaction", BigInteger.valueOf(0x66eee));
  private static final byte[] SOURCE_A = keccak256("a".getBytes(StandardCharsets.UTF_8));
  private static final byte[] SOURCE_B = keccak256("b".getBytes(StandardCharsets.UTF_8));

  private Signing() {}

  /** Keccak-256 (Ethereum's, not NIST SHA3-256) of the concatenated {@code parts}. */
  public static byte[] keccak256(byte[]... parts) {
    return Secp256k1.keccak256(parts);
  }

  /**
   * The msgpack bytes of an action, exactly as msgpack-python's {@code packb} writes them.
   *
   * @throws IllegalArgumentException when the tree holds a non-integral number, a non-string key or
   *     a type that has no place in an action (the message names the path)
   */
  public static byte[] msgpack(Object action) {
    return Msgpack.pack(action);
  }

  /**
   * The L1 action hash (the phantom agent's connection id): {@code keccak256(msgpack(action) ||
   * u64be(nonce) || vault || [0x00 || u64be(expiresAfter)])}, where vault is {@code 0x00} when
   * null, else {@code 0x01} followed by its 20 bytes.
   *
   * @param nonce the request nonce, {@code >= 0}
   * @param vaultAddress the vault or sub-account acted for, or null
   * @param expiresAfter the expiry in epoch milliseconds, or null
   */
  public static byte[] actionHash(
      Map<String, ?> action, long nonce, String vaultAddress, Long expiresAfter) {
    if (action == null) throw new NullPointerException("action == null");
    if (nonce < 0) throw new IllegalArgumentException("nonce must be >= 0 but was " + nonce);
    byte[] packed = Msgpack.pack(action);
    ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length + 38);
    out.writeBytes(packed);
    out.writeBytes(ByteBuffer.allocate(8).putLong(nonce).array());
    if (vaultAddress == null) {
      out.write(0);
    } else {
      out.write(1);
      out.writeBytes(Hex.decode(Hex.address(vaultAddress, "vaultAddress"), "vaultAddress"));
    }
    if (expiresAfter != null) {
      if (expiresAfter < 0)
        throw new IllegalArgumentException("expiresAfter must be >= 0 but was " + expiresAfter);
      out.write(0);
      out.writeBytes(ByteBuffer.allocate(8).putLong(expiresAfter).array());
    }
    return keccak256(out.toByteArray());
  }

  /**
   * The EIP-712 digest signed for an L1 action: the phantom agent {@code {source, connectionId}}.
   */
  public static byte[] l1Digest(
      Map<String, ?> action, long nonce, String vaultAddress, Long expiresAfter, Network network) {
    if (network == null) throw new NullPointerException("network == null");
    byte[] connectionId = actionHash(action, nonce, vaultAddress, expiresAfter);
    byte[] structHash =
        keccak256(AGENT_TYPE_HASH, network == Network.MAINNET ? SOURCE_A : SOURCE_B, connectionId);
    return typedDataDigest(L1_DOMAIN_SEPARATOR, structHash);
  }

  /** Signs an L1 action; see {@link #actionHash} for the parameters. */
  public static Signature signL1Action(
      Signer signer,
      Map<String, ?> action,
      long nonce,
      String vaultAddress,
      Long expiresAfter,
      Network network) {
    if (signer == null) throw new NullPointerException("signer == null");
    return signer.sign(l1Digest(action, nonce, vaultAddress, expiresAfter, network));
  }

  /**
   * The address whose key produced {@code signature} over this L1 action: what the exchange does to
   * find the signer. A different action, nonce, vault, expiry or network yields a different
   * (random-looking) address.
   */
  public static String recoverL1Signer(
      Map<String, ?> action,
      long nonce,
      String vaultAddress,
      Long expiresAfter,
      Network network,
      Signature signature) {
    return recoverAddress(l1Digest(action, nonce, vaultAddress, expiresAfter, network), signature);
  }

  /**
   * A copy of {@code action} with the fields the SDK adds before signing a user-signed action:
   * {@code signatureChainId} ({@value #SIGNATURE_CHAIN_ID}) then {@code hyperliquidChain}.
   */
  public static Map<String, Object> withUserSignedFields(Map<String, ?> action, Network network) {
    if (action == null) throw new NullPointerException("action == null");
    if (network == null) throw new NullPointerException("network == null");
    Map<String, Object> out = new LinkedHashMap<>(action);
    out.put("signatureChainId", SIGNATURE_CHAIN_ID);
    out.put("hyperliquidChain", network.chainName());
    return out;
  }

  /**
   * The EIP-712 digest of a user-signed action. The action must carry {@code hyperliquidChain} and
   * {@code signatureChainId} (see {@link #withUserSignedFields}); fields not in {@code type} are
   * ignored.
   *
   * @throws IllegalArgumentException when a field is missing or has the wrong shape
   */
  public static byte[] userSignedDigest(Map<String, ?> action, UserSignedType type) {
    if (action == null) throw new NullPointerException("action == null");
    if (type == null) throw new NullPointerException("type == null");
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * (type.fields().size() + 1));
    out.writeBytes(type.typeHash());
    for (String[] f : type.fields()) {
      Object v = action.get(f[1]);
      // The SDK signs approveAgent with agentName "" and then drops the key when no name was given.
      if (v == null && type == UserSignedType.APPROVE_AGENT && f[1].equals("agentName")) v = "";
      out.writeBytes(encodeField(f[0], f[1], v));
    }
    byte[] structHash = keccak256(out.toByteArray());
    return typedDataDigest(userDomainSeparator(action.get("signatureChainId")), structHash);
  }

  /** Signs a user-signed action; see {@link #userSignedDigest}. */
  public static Signature signUserSignedAction(
      Signer signer, Map<String, ?> action, UserSignedType type) {
    if (signer == null) throw new NullPointerException("signer == null");
    return signer.sign(userSignedDigest(action, type));
  }

  /** The address that signed a user-signed action of the given type. */
  public static String recoverUserSignedSigner(
      Map<String, ?> action, UserSignedType type, Signature signature) {
    return recoverAddress(userSignedDigest(action, type), signature);
  }

  /**
   * The address that signed a user-signed action, its kind taken from the action's {@code type}
   * field.
   *
   * @throws IllegalArgumentException when the action's type is not user-signed
   */
  public static String recoverUserSignedSigner(Map<String, ?> action, Signature signature) {
    if (action == null) throw new NullPointerException("action == null");
    return recoverUserSignedSigner(
        action, UserSignedType.forActionType(String.valueOf(action.get("type"))), signature);
  }

  /**
   * ecrecover: the address whose key signed the 32-byte {@code digest}.
   *
   * @throws IllegalArgumentException when the signature matches no public key
   */
  public static String recoverAddress(byte[] digest, Signature signature) {
    if (signature == null) throw new NullPointerException("signature == null");
    return Secp256k1.address(Secp256k1.recover(digest, signature));
  }

  /**
   * Validates an address and returns it lower-cased, as every address in an action must be.
   *
   * @throws IllegalArgumentException when it is not {@code 0x} + 40 hex digits
   */
  public static String normalizeAddress(String address) {
    return Hex.address(address, "address");
  }

  private static byte[] typedDataDigest(byte[] domainSeparator, byte[] structHash) {
    return keccak256(new byte[] {0x19, 0x01}, domainSeparator, structHash);
  }

  private static byte[] domainSeparator(String name, BigInteger chainId) {
    return keccak256(
        DOMAIN_TYPE_HASH,
        keccak256(name.getBytes(StandardCharsets.UTF_8)),
        keccak256("1".getBytes(StandardCharsets.UTF_8)),
        Hex.fixed(chainId.toByteArray(), 32),
        new byte[32]);
  }

  private static byte[] userDomainSeparator(Object signatureChainId) {
    if (signatureChainId == null)
      throw new IllegalArgumentException("user-signed action has no signatureChainId");
    String hex = signatureChainId.toString().toLowerCase(Locale.ROOT);
    if (hex.equals(SIGNATURE_CHAIN_ID)) return USER_DOMAIN_SEPARATOR_66EEE;
    if (!hex.startsWith("0x") || hex.length() < 3 || hex.length() > 66) {
      throw new IllegalArgumentException(
          "signatureChainId must be 0x-prefixed hex but was '" + signatureChainId + "'");
    }
    try {
      return domainSeparator("HyperliquidSignTransaction", new BigInteger(hex.substring(2), 16));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "signatureChainId must be 0x-prefixed hex but was '" + signatureChainId + "'");
    }
  }

  private static byte[] encodeField(String type, String name, Object v) {
    if (v == null)
      throw new IllegalArgumentException("user-signed action is missing field '" + name + "'");
    return switch (type) {
      case "string" -> {
        if (!(v instanceof String s))
          throw new IllegalArgumentException("field '" + name + "' must be a string but was " + v);
        yield keccak256(s.getBytes(StandardCharsets.UTF_8));
      }
      case "address" -> Hex.fixed(Hex.decode(Hex.address(String.valueOf(v), name), name), 32);
      case "bool" -> {
        if (!(v instanceof Boolean b))
          throw new IllegalArgumentException("field '" + name + "' must be a boolean but was " + v);
        byte[] out = new byte[32];
        out[31] = (byte) (b ? 1 : 0);
        yield out;
      }
      case "uint64" -> {
        BigInteger n = unsigned(v, name);
        if (n.bitLength() > 64)
          throw new IllegalArgumentException("field '" + name + "' does not fit in uint64: " + n);
        yield Hex.fixed(n.toByteArray(), 32);
      }
      default -> throw new IllegalStateException("unsupported EIP-712 type " + type);
    };
  }

  private static BigInteger unsigned(Object v, String name) {
    BigInteger n;
    try {
      n =
          switch (v) {
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case BigInteger bi -> bi;
            case BigDecimal bd -> bd.toBigIntegerExact();
            case Double d -> new BigDecimal(d).toBigIntegerExact();
            default ->
                throw new IllegalArgumentException(
                    "field '" + name + "' must be an integer but was " + v);
          };
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("field '" + name + "' must be an integer but was " + v);
    }
    if (n.signum() < 0)
      throw new IllegalArgumentException("field '" + name + "' must be >= 0 but was " + n);
    return n;
  }
}
