package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.hyperliquid.PrivateKeySigner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
  static final Path DIR = Path.of("..", "clients", "ccxt").toAbsolutePath().normalize();

  @Test
  void ccxtTradesAgainstTheSimulator() throws Exception {
    Assumptions.assumeTrue(
        runs("node", "--version"), "Node.js is not installed: the ccxt end-to-end test is skipped");
    assertThat(DIR.resolve("package-lock.json")).exists();
    if (!Files.isDirectory(DIR.resolve("node_modules/ccxt"))) {
      Assumptions.assumeTrue(
          runs("npm", "--version"), "npm is not installed: the ccxt end-to-end test is skipped");
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
              .directory(DIR.toFile())
              .redirectErrorStream(true)
              .start();
      String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(npm.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(npm.exitValue()).as("npm ci in " + DIR + ":\n" + log).isZero();
    }
    PrivateKeySigner key = PrivateKeySigner.fromHex(SimHttp.KEY);
    try (var sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 40)
            .synthetic("ETH", 3000, 4, 25)
            .history(60)
            .fund(key.address(), new BigDecimal("10000"))
            .start()) {
      ProcessBuilder pb =
          new ProcessBuilder("node", "ccxt-e2e.mjs")
              .directory(DIR.toFile())
              .redirectErrorStream(true);
      pb.environment().put("REZ_SIM_URL", sim.baseUrl());
      pb.environment().put("REZ_SIM_KEY", SimHttp.KEY);
      pb.environment().put("REZ_SIM_ADDRESS", key.address());
      Process node = pb.start();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(node.exitValue()).as(out).isZero();
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

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
