package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A second client Rez did not write, with its own signing and its own WebSocket transport: the
 * TypeScript SDK {@code @nktkas/hyperliquid} from npm (pinned in {@code clients/nktkas}), run by
 * Node.js against the simulator on 127.0.0.1. Its script checks what the ccxt test does not:
 * metadata with asset contexts, the book, candles, orders by cloid, a {@code normalTpsl} group,
 * {@code orderStatus} by oid and cloid, {@code modify} and {@code batchModify}, cancels by oid and
 * cloid, leverage, an agent wallet's order, {@code usdSend}, what the web frontend reads ({@code
 * webData2}, {@code portfolio}, the {@code webData3} and {@code clearinghouseState} streams),
 * {@code usdClassTransfer}, fills by time, order history, funding and a scheduled cancel; and over
 * WebSocket the {@code allMids}, {@code l2Book}, {@code candle}, {@code trades}, {@code userFills},
 * {@code userEvents} and {@code orderUpdates} subscriptions, on which orders placed through REST
 * and their fills show up, and info requests and signed actions posted over the socket. Every
 * answer is checked field by field against the SDK's response types.
 *
 * <p>Skipped, saying why, when Node.js is not installed. Installs the pinned packages ({@code npm
 * ci}) when they are missing.
 */
class NktkasEndToEndTest {
  @Test
  void typeScriptSdkTradesAgainstTheSimulator() throws Exception {
    NodeClient sdk = NodeClient.prepare("nktkas", "@nktkas/hyperliquid", "@nktkas/hyperliquid");
    try (var sim = NodeClient.startSimulator()) {
      // Node.js 20 has the WHATWG WebSocket the SDK needs behind a flag; 22 and later by default.
      String[] nodeOptions =
          NodeClient.nodeMajorVersion() < 22
              ? new String[] {"--experimental-websocket"}
              : new String[0];
      String out = sdk.run("e2e.mjs", NodeClient.environment(sim), nodeOptions);
      assertThat(out)
          .contains(
              "ok  order with cloid and normalTpsl",
              "ok  modify",
              "ok  batchModify",
              "ok  cancel and cancelByCloid",
              "ok  approveAgent and an order signed by the agent",
              "ok  usdSend",
              "ok  refusals",
              "ok  info and actions posted over the WebSocket",
              "ok  trades stream",
              "ok  userFills stream",
              "ok  userEvents stream",
              "ok  orderUpdates stream",
              "ok  web frontend data",
              "ok  scheduleCancel",
              "all steps passed");
      // What the SDK asked for, as the exchange would count it.
      assertThat(sim.stats())
          .contains(
              "\"metaAndAssetCtxs\"",
              "\"historicalOrders\"",
              "\"batchModify\"",
              "\"approveAgent\"",
              "\"usdSend\"");
    }
  }
}
