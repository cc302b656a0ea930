/**
 * A Hyperliquid perpetuals client: {@link dev.rez.hyperliquid.HyperliquidExchange} (REST,
 * implementing rez-core's {@code Exchange} and {@code MarketData}), {@link
 * dev.rez.hyperliquid.HyperliquidStream} (WebSocket), and the pure signing functions underneath
 * ({@link dev.rez.hyperliquid.Signing}, {@link dev.rez.hyperliquid.WireFormat}), whose output is
 * byte-identical to the official Python SDK's.
 *
 * <pre>{@code
 * HyperliquidExchange hl = HyperliquidExchange.builder()
 *     .signer(PrivateKeySigner.fromHex(System.getenv("HL_AGENT_KEY")))
 *     .accountAddress("0xYourMasterAccount")
 *     .build(); // testnet unless Network.MAINNET is asked for
 * }</pre>
 */
package dev.rez.hyperliquid;
