package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Signing must not make the JVM warn about sun.misc.Unsafe (JDK 24+ does when msgpack-core's
 * default buffers are used).
 */
class MsgpackUnsafeTest {
  /** Packs an action in a fresh JVM and prints the bytes. */
  public static final class Pack {
    public static void main(String[] args) {
      Map<String, Object> action =
          new LinkedHashMap<>(); // msgpack keeps the map's order: it must be fixed
      action.put("type", "order");
      action.put("nonce", 1733000000000L);
      System.out.println(HexFormat.of().formatHex(Msgpack.pack(action)));
    }
  }

  @Test
  void packingPrintsNoUnsafeWarningAndTheBytesAreTheSame() throws Exception {
    Run quiet = run();
    assertThat(quiet.stderr).doesNotContain("sun.misc.Unsafe").doesNotContain("WARNING");
    // The check can see the warning: with msgpack-core's Unsafe buffers forced back on, JDKs from
    // 24 on print it.
    Run unsafe = run("-Dmsgpack.universal-buffer=false");
    if (Runtime.version().feature() >= 24) assertThat(unsafe.stderr).contains("sun.misc.Unsafe");
    assertThat(quiet.stdout).isEqualTo(unsafe.stdout).isNotBlank();
  }

  record Run(String stdout, String stderr) {}

  static Run run(String... jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Pack.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    return new Run(
        new String(out, StandardCharsets.UTF_8).strip(), new String(err, StandardCharsets.UTF_8));
  }
}
