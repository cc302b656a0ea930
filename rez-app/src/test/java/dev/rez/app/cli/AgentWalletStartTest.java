package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an agent wallet, the app checks at start that the key may trade for
 * HYPERLIQUID_ACCOUNT_ADDRESS.
 */
class AgentWalletStartTest {
  static final PrivateKeySigner MASTER = PrivateKeySigner.fromHex("0x" + "61".repeat(32));
  static final PrivateKeySigner OTHER = PrivateKeySigner.fromHex("0x" + "62".repeat(32));
  static final String AGENT_KEY = "0x" + "63".repeat(32);
  static final Asset BTC = Asset.of("BTC");

  @TempDir Path dir;

  TradingApp start(String url, String account) {
    AppConfig cfg =
        AppConfig.fromVariables(
            Map.of(
                "HYPERLIQUID_PRIVATE_KEY",
                AGENT_KEY,
                "HYPERLIQUID_ACCOUNT_ADDRESS",
                account,
                "HYPERLIQUID_BASE_URL",
                url,
                "ASSETS",
                "BTC",
                "INTERVAL",
                "1m"));
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.LIVE,
            cfg,
            AppConfig.Network.TESTNET,
            List.of(BTC),
            Interval.M1,
            dir.resolve("diary.jsonl"),
            Map.of(),
            1,
            0,
            AfterReplay.SYNTHETIC,
            "agent-check",
            null);
    return TradingApp.create(spec, new Serving.Diaries());
  }

  @Test
  void startsForTheAccountThatApprovedTheKeyAndRefusesAnother() {
    try (var sim =
        HyperliquidSimulator.builder()
            .synthetic("BTC", 60000, 5, 40)
            .fund(MASTER.address(), new BigDecimal("1000"))
            .fund(OTHER.address(), new BigDecimal("1000"))
            .start()) {
      HyperliquidExchange.builder()
          .baseUrl(sim.baseUrl())
          .signer(MASTER)
          .build()
          .approveAgent(PrivateKeySigner.fromHex(AGENT_KEY).address(), null);

      try (TradingApp app = start(sim.baseUrl(), MASTER.address())) {
        assertThat(app.address).isEqualToIgnoringCase(MASTER.address());
        assertThat(app.startingEquity).isEqualByComparingTo("1000");
      }
      assertThatThrownBy(() -> start(sim.baseUrl(), OTHER.address()))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("HYPERLIQUID_ACCOUNT_ADDRESS")
          .hasMessageContaining("not of the account " + OTHER.address().toLowerCase())
          .hasMessageNotContaining(AGENT_KEY.substring(2));
    }
  }
}
