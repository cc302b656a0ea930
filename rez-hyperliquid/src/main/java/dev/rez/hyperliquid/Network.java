package dev.rez.hyperliquid;

/**
 * The Hyperliquid network a client talks to and signs for.
 *
 * <p>The network decides the L1 phantom-agent source ({@code "a"} on mainnet, {@code "b"} on
 * testnet) and the {@code hyperliquidChain} field of user-signed actions. It is always explicit: a
 * client pointed at a local simulator still signs for one of the two networks, never a network
 * guessed from a URL.
 *
 * <pre>{@code
 * Network net = Network.TESTNET;
 * String url = net.restUrl(); // https://api.hyperliquid-testnet.xyz
 * }</pre>
 */
public enum Network {
  /** Real money. Must be asked for explicitly. */
  MAINNET("https://api.hyperliquid.xyz", "wss://api.hyperliquid.xyz/ws", "a", "Mainnet"),
  /** Hyperliquid's public testnet: the default everywhere in Rez. */
  TESTNET(
      "https://api.hyperliquid-testnet.xyz",
      "wss://api.hyperliquid-testnet.xyz/ws",
      "b",
      "Testnet");

  private final String restUrl;
  private final String wsUrl;
  private final String source;
  private final String chainName;

  Network(String restUrl, String wsUrl, String source, String chainName) {
    this.restUrl = restUrl;
    this.wsUrl = wsUrl;
    this.source = source;
    this.chainName = chainName;
  }

  /** The REST base URL (without a trailing slash), e.g. {@code https://api.hyperliquid.xyz}. */
  public String restUrl() {
    return restUrl;
  }

  /** The WebSocket URL, e.g. {@code wss://api.hyperliquid.xyz/ws}. */
  public String wsUrl() {
    return wsUrl;
  }

  /** The phantom-agent {@code source} letter of L1 signatures: {@code "a"} or {@code "b"}. */
  public String source() {
    return source;
  }

  /**
   * The {@code hyperliquidChain} value of user-signed actions: {@code "Mainnet"} or {@code
   * "Testnet"}.
   */
  public String chainName() {
    return chainName;
  }

  /**
   * Parses {@code mainnet} or {@code testnet}, any case.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static Network parse(String name) {
    if (name != null) {
      for (Network n : values()) {
        if (n.name().equalsIgnoreCase(name.trim())) return n;
      }
    }
    throw new IllegalArgumentException(
        "unknown network '" + name + "' (expected mainnet or testnet)");
  }
}
