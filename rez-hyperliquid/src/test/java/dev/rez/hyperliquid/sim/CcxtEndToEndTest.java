package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * A client Rez did not write: ccxt's {@code hyperliquid} class from npm (pinned in {@code
 * clients/ccxt}), run by Node.js against the simulator on 127.0.0.1: metadata, mids, candles,
 * account, an order with TP and SL in one grouped request, the resting triggers, a cancel, fills, a
 * position, and a stranger's signature refused.
 *
 * <p>Skipped, saying why, when Node.js is not installed. Installs the pinned packages ({@code npm
 * ci}) when they are missing.
 */
class CcxtEndToEndTest {
  @Test
  void ccxtTradesAgainstTheSimulator() throws Exception {
    NodeClient ccxt = NodeClient.prepare("ccxt", "ccxt", "ccxt");
    try (var sim = NodeClient.startSimulator()) {
      String out = ccxt.run("ccxt-e2e.mjs", NodeClient.environment(sim));
      assertThat(out)
          .contains(
              "ok  order with TP and SL",
              "ok  resting triggers",
              "ok  cancel",
              "ok  fills",
              "ok  stranger refused",
              "all steps passed");
      // What ccxt asked for, as the exchange would count it.
      assertThat(sim.stats())
          .contains("\"frontendOpenOrders\"", "\"candleSnapshot\"", "\"order\"", "\"cancel\"");
      assertThat(sim.accountValue(SimHttp.ADDRESS))
          .isLessThan(new BigDecimal("10000")); // fees paid
    }
  }
}
