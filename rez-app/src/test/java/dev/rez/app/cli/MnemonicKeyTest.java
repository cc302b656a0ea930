package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.AfterReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TEE hands the app a BIP-39 MNEMONIC: the app signs with the key derived from it, and never
 * shows it.
 */
class MnemonicKeyTest {
  static final String MNEMONIC = "test test test test test test test test test test test junk";

  @TempDir Path dir;

  @Test
  void theAppSignsWithTheKeyDerivedFromTheMnemonic() throws Exception {
    AppConfig cfg = AppConfig.fromVariables(Map.of("MNEMONIC", MNEMONIC, "ASSETS", "BTC"));
    assertThat(cfg.toString()).doesNotContain("junk");
    Path diary = dir.resolve("diary.jsonl");
    TradingApp.Spec spec =
        new TradingApp.Spec(
            TradingApp.Mode.DEMO,
            cfg,
            AppConfig.Network.SIMULATOR,
            cfg.assets(),
            Interval.M1,
            diary,
            Map.of(),
            2400,
            300,
            AfterReplay.SYNTHETIC,
            "mnemonic",
            null);
    try (TradingApp app = TradingApp.create(spec, new Serving.Diaries())) {
      assertThat(app.signer).isEqualToIgnoringCase("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
      app.limitCycles(1);
      app.runLoop();
    }
    assertThat(Files.readString(diary))
        .containsIgnoringCase("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")
        .doesNotContain("test test")
        .doesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  }

  @Test
  void theIndexChoosesTheAccountAndAPrivateKeyWins() {
    assertThat(
            TradingApp.configuredSigner(
                    AppConfig.fromVariables(Map.of("MNEMONIC", MNEMONIC, "MNEMONIC_INDEX", "1")))
                .orElseThrow()
                .address())
        .isEqualToIgnoringCase("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    String key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    assertThat(
            TradingApp.configuredSigner(
                    AppConfig.fromVariables(
                        Map.of("MNEMONIC", MNEMONIC, "HYPERLIQUID_PRIVATE_KEY", key)))
                .orElseThrow()
                .address())
        .isEqualToIgnoringCase("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    assertThat(TradingApp.configuredSigner(AppConfig.fromVariables(Map.of()))).isEmpty();
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("MNEMONIC_INDEX", "-1")))
        .hasMessageContaining("MNEMONIC_INDEX");
  }

  @Test
  void aBadMnemonicIsAClearErrorThatDoesNotRepeatIt() {
    AppConfig cfg = AppConfig.fromVariables(Map.of("MNEMONIC", MNEMONIC.replace("junk", "jnuk")));
    assertThatThrownBy(() -> TradingApp.configuredSigner(cfg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MNEMONIC: mnemonic word 12 of 12 is not in the BIP-39 English word list");
  }

  @Test
  void addressPrintsTheDerivedAddressAndNeverTheMnemonic() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        Main.execute(
            new String[] {"address"},
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true),
            Map.of("MNEMONIC", MNEMONIC, "MNEMONIC_INDEX", "2"),
            dir);
    assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
    assertThat(out.toString())
        .containsIgnoringCase(
            "signer  0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc  (MNEMONIC, m/44'/60'/0'/0/2)")
        .containsIgnoringCase("account 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc")
        .doesNotContain("junk");
    assertThat(
            Main.execute(
                new String[] {"address"},
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true),
                Map.of(),
                dir))
        .isEqualTo(ExitCode.MISSING_KEY);
  }
}
