package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code rez address}: prints the signer's address of the configured key ({@code
 * HYPERLIQUID_PRIVATE_KEY}, {@code HYPERLIQUID_KEY_FILE} or {@code MNEMONIC} with {@code
 * MNEMONIC_INDEX}) and the account traded. Never the key.
 */
@Command(
    name = "address",
    mixinStandardHelpOptions = true,
    header = "Print the address of the configured signing key and the account it trades.",
    description = {
      "Print the address of the configured signing key (HYPERLIQUID_PRIVATE_KEY, HYPERLIQUID_KEY_FILE or MNEMONIC)",
      "and the account it trades; never the key. Contacts nothing."
    })
final class AddressCommand implements Callable<Integer> {
  @picocli.CommandLine.ParentCommand RezCommand root;

  @Override
  public Integer call() {
    AppConfig config = root.config();
    PrivateKeySigner signer =
        TradingApp.configuredSigner(config)
            .orElseThrow(
                () ->
                    CliException.missingKey(
                        "no key: set HYPERLIQUID_PRIVATE_KEY, HYPERLIQUID_KEY_FILE or MNEMONIC"));
    root.out.println(
        "signer  "
            + signer.address()
            + (config.signingKey().isEmpty()
                ? "  (MNEMONIC, m/44'/60'/0'/0/" + config.mnemonicIndex() + ")"
                : ""));
    root.out.println(
        "account "
            + (config.accountAddress() != null ? config.accountAddress() : signer.address()));
    root.out.flush();
    return ExitCode.OK;
  }
}
