package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.util.Map;
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
    PrivateKeySigner key = PrivateKeySigner.fromHex(SimHttp.KEY);
    try (var sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 40)
            .synthetic("ETH", 3000, 4, 25)
            .history(60)
            .fund(key.address(), new BigDecimal("10000"))
            .start()) {
      String out =
          ccxt.run(
              "ccxt-e2e.mjs",
              Map.of(
                  "REZ_SIM_URL", sim.baseUrl(),
                  "REZ_SIM_KEY", SimHttp.KEY,
                  "REZ_SIM_ADDRESS", key.address()));
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
      assertThat(sim.accountValue(key.address())).isLessThan(new BigDecimal("10000")); // fees paid
    }
  }
}
