package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden vectors from nktkas/hyperliquid's signing tests (commit 1bd7b74), as recorded in the
 * protocol notes.
 */
class SignCommandTest {
  static final String KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
  static final String ADDRESS = "0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901";

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final Map<String, String> env = new HashMap<>();

  int run(String... args) {
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
  }

  @Test
  void signsAnL1ActionLikeTheSdks() {
    env.put("HYPERLIQUID_PRIVATE_KEY", KEY);

    int code =
        run(
            "sign",
            "--action",
            "{\"type\":\"order\",\"orders\":[{\"a\":0,\"b\":true,\"p\":\"30000\",\"s\":\"0.1\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}",
            "--nonce",
            "1234567890");

    assertThat(code).as(err.toString()).isZero();
    Map<String, Object> r = Json.parseObject(out.toString().strip());
    assertThat(r)
        .containsEntry(
            "actionHash", "0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90")
        .containsEntry("r", "0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8")
        .containsEntry("s", "0xe91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9")
        .containsEntry("signer", ADDRESS);
    assertThat(r.get("v")).hasToString("28");
    assertThat(out.toString() + err).doesNotContain(KEY.substring(2));
  }

  @Test
  void signsAUserSignedActionFromAKeyFile() throws Exception {
    Files.writeString(dir.resolve("key.txt"), KEY + "\n");

    int code =
        run(
            "sign",
            "--key-file",
            "key.txt",
            "--action",
            "{\"type\":\"usdSend\",\"hyperliquidChain\":\"Mainnet\",\"signatureChainId\":\"0x66eee\",\"destination\":\"0x1234567890123456789012345678901234567890\",\"amount\":\"1000\",\"time\":1234567890}",
            "--nonce",
            "1234567890");

    assertThat(code).as(err.toString()).isZero();
    Map<String, Object> r = Json.parseObject(out.toString().strip());
    assertThat(r)
        .doesNotContainKey("actionHash")
        .containsEntry("r", "0xf777c38efe7c24cc71209526ae608f4e384d0586edf578f0e97b4b9f7c7adcc6")
        .containsEntry("s", "0x104a4a97c48ae77bf5bd777bdd45fe72d8f5ff29116b5ff64fd8cfe4ea610786")
        .containsEntry("signer", ADDRESS);
  }

  @Test
  void missingKeyExitsWithMissingKey() {
    assertThat(run("sign", "--action", "{\"type\":\"noop\"}", "--nonce", "1"))
        .isEqualTo(ExitCode.MISSING_KEY);
    assertThat(err.toString()).contains("HYPERLIQUID_PRIVATE_KEY");
  }

  @Test
  void badInputIsReportedWithoutTheKey() throws Exception {
    env.put("HYPERLIQUID_PRIVATE_KEY", KEY);
    assertThat(run("sign", "--action", "{not json", "--nonce", "1")).isEqualTo(ExitCode.USAGE);
    assertThat(run("sign", "--action", "{\"orders\":[]}", "--nonce", "1"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("sign", "--action", "{\"type\":\"order\",\"p\":1.5}", "--nonce", "1"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("decimals must be strings");
    assertThat(run("sign", "--action", "{\"type\":\"noop\"}", "--nonce", "-3"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("sign", "--action", "{\"type\":\"noop\"}", "--nonce", "x"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("sign", "--action", "{\"type\":\"noop\"}", "--nonce", "1", "--vault", "0x12"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("sign", "--action", "{\"type\":\"noop\"}", "--nonce", "1", "--vault", KEY))
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                "sign",
                "--action",
                "{\"type\":\"noop\"}",
                "--nonce",
                "1",
                "--key-file",
                "nope.txt"))
        .isEqualTo(ExitCode.BAD_FILE);
    Files.writeString(dir.resolve("bad.txt"), "secret-looking-garbage");
    assertThat(
            run("sign", "--action", "{\"type\":\"noop\"}", "--nonce", "1", "--key-file", "bad.txt"))
        .isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString())
        .doesNotContain(KEY.substring(2))
        .doesNotContain("secret-looking-garbage");
  }
}
