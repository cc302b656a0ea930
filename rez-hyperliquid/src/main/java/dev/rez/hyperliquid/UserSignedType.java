package dev.rez.hyperliquid;

import java.util.List;

/**
 * The user-signed action kinds (EIP-712 domain {@code HyperliquidSignTransaction}) with their exact
 * field lists. L1 actions (orders, cancels, leverage, …) are signed differently, see {@link
 * Signing#signL1Action}.
 *
 * <pre>{@code
 * UserSignedType t = UserSignedType.forActionType("usdSend"); // USD_SEND
 * String ts = t.typeString(); // HyperliquidTransaction:UsdSend(string hyperliquidChain,string destination,…)
 * }</pre>
 */
public enum UserSignedType {
  /** {@code usdSend}: perp USDC to another address. */
  USD_SEND(
      "usdSend",
      "UsdSend",
      "string hyperliquidChain",
      "string destination",
      "string amount",
      "uint64 time"),
  /** {@code spotSend}: a spot token to another address. */
  SPOT_SEND(
      "spotSend",
      "SpotSend",
      "string hyperliquidChain",
      "string destination",
      "string token",
      "string amount",
      "uint64 time"),
  /** {@code withdraw3}: bridge withdrawal. */
  WITHDRAW(
      "withdraw3",
      "Withdraw",
      "string hyperliquidChain",
      "string destination",
      "string amount",
      "uint64 time"),
  /** {@code usdClassTransfer}: USDC between spot and perp. */
  USD_CLASS_TRANSFER(
      "usdClassTransfer",
      "UsdClassTransfer",
      "string hyperliquidChain",
      "string amount",
      "bool toPerp",
      "uint64 nonce"),
  /** {@code sendAsset}: an asset between dexes or accounts. */
  SEND_ASSET(
      "sendAsset",
      "SendAsset",
      "string hyperliquidChain",
      "string destination",
      "string sourceDex",
      "string destinationDex",
      "string token",
      "string amount",
      "string fromSubAccount",
      "uint64 nonce"),
  /** {@code approveAgent}: authorise an API (agent) wallet. */
  APPROVE_AGENT(
      "approveAgent",
      "ApproveAgent",
      "string hyperliquidChain",
      "address agentAddress",
      "string agentName",
      "uint64 nonce"),
  /** {@code approveBuilderFee}. */
  APPROVE_BUILDER_FEE(
      "approveBuilderFee",
      "ApproveBuilderFee",
      "string hyperliquidChain",
      "string maxFeeRate",
      "address builder",
      "uint64 nonce"),
  /** {@code tokenDelegate}: stake to or unstake from a validator. */
  TOKEN_DELEGATE(
      "tokenDelegate",
      "TokenDelegate",
      "string hyperliquidChain",
      "address validator",
      "uint64 wei",
      "bool isUndelegate",
      "uint64 nonce"),
  /** {@code convertToMultiSigUser}. */
  CONVERT_TO_MULTI_SIG_USER(
      "convertToMultiSigUser",
      "ConvertToMultiSigUser",
      "string hyperliquidChain",
      "string signers",
      "uint64 nonce"),
  /** {@code userDexAbstraction}. */
  USER_DEX_ABSTRACTION(
      "userDexAbstraction",
      "UserDexAbstraction",
      "string hyperliquidChain",
      "address user",
      "bool enabled",
      "uint64 nonce"),
  /** {@code userSetAbstraction}. */
  USER_SET_ABSTRACTION(
      "userSetAbstraction",
      "UserSetAbstraction",
      "string hyperliquidChain",
      "address user",
      "string abstraction",
      "uint64 nonce");

  private final String actionType;
  private final String primaryType;
  private final List<String[]> fields;
  private final String typeString;
  private final byte[] typeHash;

  UserSignedType(String actionType, String name, String... fields) {
    this.actionType = actionType;
    this.primaryType = "HyperliquidTransaction:" + name;
    this.fields = java.util.Arrays.stream(fields).map(f -> f.split(" ")).toList();
    this.typeString = primaryType + "(" + String.join(",", fields) + ")";
    this.typeHash =
        Secp256k1.keccak256(typeString.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The action's {@code type} field, e.g. {@code usdSend}. */
  public String actionType() {
    return actionType;
  }

  /** The EIP-712 primary type, e.g. {@code HyperliquidTransaction:UsdSend}. */
  public String primaryType() {
    return primaryType;
  }

  /** The EIP-712 type string whose keccak is the type hash. */
  public String typeString() {
    return typeString;
  }

  /** The field names in signing order. */
  public List<String> fieldNames() {
    return fields.stream().map(f -> f[1]).toList();
  }

  List<String[]> fields() {
    return fields;
  }

  byte[] typeHash() {
    return typeHash.clone();
  }

  /**
   * The kind whose action {@code type} is {@code actionType}.
   *
   * @throws IllegalArgumentException when it is not a user-signed action type
   */
  public static UserSignedType forActionType(String actionType) {
    for (UserSignedType t : values()) {
      if (t.actionType.equals(actionType)) return t;
    }
    throw new IllegalArgumentException("'" + actionType + "' is not a user-signed action type");
  }

  /** True when {@code actionType} is signed as a user-signed action (not as an L1 action). */
  public static boolean isUserSigned(String actionType) {
    for (UserSignedType t : values()) {
      if (t.actionType.equals(actionType)) return true;
    }
    return false;
  }
}
