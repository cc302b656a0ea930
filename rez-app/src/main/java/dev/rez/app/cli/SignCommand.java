package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.app.config.Secret;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.Signature;
import dev.rez.hyperliquid.Signer;
import dev.rez.hyperliquid.Signing;
import dev.rez.hyperliquid.UserSignedType;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez sign --action JSON --nonce N}: signs exactly the given action (keys in the given
 * order) and prints {@code actionHash} (L1 actions), {@code r}, {@code s}, {@code v} and {@code
 * signer}, for debugging signature rejections.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign exactly the given action, keys in the given order, and print {actionHash, r, s, v, signer}.",
      "User-signed actions (usdSend, withdraw3, approveAgent, ...) are recognised by their type; signatureChainId and",
      "hyperliquidChain are added when absent, as the SDKs do. The key comes from HYPERLIQUID_PRIVATE_KEY or --key-file."
    })
final class SignCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Option(
      names = "--action",
      required = true,
      paramLabel = "JSON",
      description = "The action as a JSON object.")
  String action;

  @Option(
      names = "--nonce",
      required = true,
      paramLabel = "N",
      description = "The nonce (epoch milliseconds), >= 0.")
  long nonce;

  @Option(
      names = "--vault",
      paramLabel = "ADDR",
      description = "The vault or sub-account address acted for.")
  String vault;

  @Option(
      names = "--expires-after",
      paramLabel = "MS",
      description = "The expiry in epoch milliseconds.")
  Long expiresAfter;

  @Option(names = "--testnet", description = "Sign for testnet (default: mainnet).")
  boolean testnet;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "A file holding the private key (instead of HYPERLIQUID_PRIVATE_KEY).")
  Path keyFile;

  @Override
  public Integer call() {
    if (nonce < 0) throw CliException.usage("--nonce must be >= 0 but was " + nonce);
    if (expiresAfter != null && expiresAfter < 0)
      throw CliException.usage("--expires-after must be >= 0 but was " + expiresAfter);
    Map<String, Object> act;
    try {
      act = toWire(Json.parseObject(action));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--action is not a JSON object: " + e.getMessage());
    }
    if (!(act.get("type") instanceof String type))
      throw CliException.usage("--action needs a string \"type\" field");
    String vaultAddress = null;
    if (vault != null) {
      try {
        vaultAddress = Signing.normalizeAddress(vault);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "--vault must be 0x followed by 40 hex digits but was "
                + (vault.length() > 42
                    ? "a value of " + vault.length() + " characters (not shown)"
                    : "'" + vault + "'"));
      }
    }
    Signer signer = signer();
    Network network = testnet ? Network.TESTNET : Network.MAINNET;
    Map<String, Object> out = new LinkedHashMap<>();
    Signature sig;
    try {
      if (UserSignedType.isUserSigned(type)) {
        Map<String, Object> full = new LinkedHashMap<>(act);
        if (!full.containsKey("signatureChainId") || !full.containsKey("hyperliquidChain")) {
          Map<String, Object> added = Signing.withUserSignedFields(act, network);
          full.putIfAbsent("signatureChainId", added.get("signatureChainId"));
          full.putIfAbsent("hyperliquidChain", added.get("hyperliquidChain"));
        }
        sig = Signing.signUserSignedAction(signer, full, UserSignedType.forActionType(type));
      } else {
        out.put(
            "actionHash",
            "0x"
                + HexFormat.of()
                    .formatHex(Signing.actionHash(act, nonce, vaultAddress, expiresAfter)));
        sig = Signing.signL1Action(signer, act, nonce, vaultAddress, expiresAfter, network);
      }
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--action cannot be signed: " + e.getMessage());
    }
    out.put("r", sig.rHex());
    out.put("s", sig.sHex());
    out.put("v", sig.v());
    out.put("signer", signer.address());
    root.out.println(Json.write(out));
    root.out.flush();
    return ExitCode.OK;
  }

  private Signer signer() {
    Secret key;
    if (keyFile != null) {
      AppConfig c =
          AppConfig.fromVariables(Map.of("HYPERLIQUID_KEY_FILE", root.resolve(keyFile).toString()));
      try {
        key = c.signingKey().orElseThrow();
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.BAD_FILE, e.getMessage(), e);
      }
    } else {
      return TradingApp.configuredSigner(root.config())
          .orElseThrow(
              () ->
                  CliException.missingKey(
                      "no private key: set HYPERLIQUID_PRIVATE_KEY or MNEMONIC, or pass --key-file"));
    }
    return PrivateKeySigner.fromHex(key.reveal());
  }

  /**
   * JSON numbers become integers as the signing code expects; decimals must be strings on the wire.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> toWire(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, toWireValue(v, k)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object toWireValue(Object v, String path) {
    if (v instanceof Map<?, ?> m) return toWire((Map<String, Object>) m);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) out.add(toWireValue(l.get(i), path + "[" + i + "]"));
      return out;
    }
    if (v instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            path
                + " is the number "
                + d.toPlainString()
                + ": decimals must be strings on the wire (\""
                + d.toPlainString()
                + "\")");
      }
    }
    return v;
  }
}
