package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Node.js client from npm pinned in {@code clients/<name>} (its {@code package.json} and
 * lockfile), for the end-to-end tests that run it against the simulator: skips the test, saying
 * why, when Node.js or npm is missing, installs the pinned packages ({@code npm ci}) when they are
 * missing, and runs one script with the simulator's coordinates in its environment.
 */
final class NodeClient {
  private final Path dir;
  private final String label;

  private NodeClient(Path dir, String label) {
    this.dir = dir;
    this.label = label;
  }

  /**
   * The client in {@code clients/<name>}, ready to run: skips the calling test when Node.js is not
   * installed, and when {@code node_modules/<probe>} is missing installs the lockfile's packages
   * (skipping when npm is not installed).
   */
  static NodeClient prepare(String name, String label, String probe) throws Exception {
    NodeClient c =
        new NodeClient(Path.of("..", "clients", name).toAbsolutePath().normalize(), label);
    Assumptions.assumeTrue(
        runs("node", "--version"),
        "Node.js is not installed: the " + label + " end-to-end test is skipped");
    assertThat(c.dir.resolve("package-lock.json")).exists();
    if (!Files.isDirectory(c.dir.resolve("node_modules").resolve(probe))) {
      Assumptions.assumeTrue(
          runs("npm", "--version"),
          "npm is not installed: the " + label + " end-to-end test is skipped");
      Process npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
              .directory(c.dir.toFile())
              .redirectErrorStream(true)
              .start();
      String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(npm.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(npm.exitValue()).as("npm ci in " + c.dir + ":\n" + log).isZero();
    }
    return c;
  }

  /**
   * Runs {@code node [nodeOptions] script} in the client's directory with {@code env} added to the
   * environment; asserts that it exits 0 within two minutes and returns what it printed.
   */
  String run(String script, Map<String, String> env, String... nodeOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of("node"));
    command.addAll(List.of(nodeOptions));
    command.add(script);
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process node = pb.start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(node.exitValue()).as(label + " end-to-end:\n" + out).isZero();
    return out;
  }

  /**
   * The exchange the clients trade on: BTC (szDecimals 5, 40x) at 60000 and ETH (szDecimals 4, 25x)
   * at 3000, an hour of history, a stepped clock, and {@link SimHttp#KEY}'s account funded with
   * 10000 USDC.
   */
  static HyperliquidSimulator startSimulator() {
    return HyperliquidSimulator.builder()
        .synthetic("BTC", 60000, 5, 40)
        .synthetic("ETH", 3000, 4, 25)
        .history(60)
        .fund(SimHttp.ADDRESS, new BigDecimal("10000"))
        .start();
  }

  /**
   * The environment a client script reads: the simulator's REST and WebSocket URLs, and the funded
   * account's key and address.
   */
  static Map<String, String> environment(HyperliquidSimulator sim) {
    return Map.of(
        "REZ_SIM_URL",
        sim.baseUrl(),
        "REZ_SIM_WS_URL",
        sim.webSocketUrl(),
        "REZ_SIM_KEY",
        SimHttp.KEY,
        "REZ_SIM_ADDRESS",
        SimHttp.ADDRESS);
  }

  /** The major version of the installed Node.js (20 for {@code v20.11.1}). */
  static int nodeMajorVersion() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    return Integer.parseInt(v.replaceFirst("^v", "").split("\\.")[0]);
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
