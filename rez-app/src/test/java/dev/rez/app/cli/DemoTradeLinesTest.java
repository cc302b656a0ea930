package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rez demo} trades BTC, ETH and SOL and prints a line per trade step. */
class DemoTradeLinesTest {
  @TempDir Path dir;

  @Test
  void demoTradesThreeAssetsAndPrintsOpensAndClosesWithTheirPnl() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {
              "demo",
              "--port",
              "0",
              "--speed",
              "3000",
              "--cycles",
              "120",
              "--diary",
              dir.resolve("diary.jsonl").toString()
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of(),
            dir);
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = Arrays.asList(out.toString().split("\\R"));
    if (System.getenv("REZ_DEBUG_TEST") != null) lines.forEach(System.err::println);
    String time = "[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  ";
    List<String> opens =
        lines.stream()
            .filter(l -> l.matches(time + "(BTC|ETH|SOL) +open (long|short) [0-9.]+ @ [0-9.]+ .*"))
            .toList();
    assertThat(opens).isNotEmpty().allSatisfy(l -> assertThat(l).contains("stop-loss "));
    assertThat(opens.stream().map(l -> l.substring(13, 16)).distinct().count())
        .as("assets traded: " + opens)
        .isGreaterThanOrEqualTo(2);
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        time
                            + "(BTC|ETH|SOL) +closed by [a-z-]+ @ [0-9.]+: PnL [-+]?[0-9.]+, fees [0-9.]+, net [-+]?[0-9.]+"));
    // The fills themselves have a line each too.
    assertThat(lines).anySatisfy(l -> assertThat(l).matches(time + "(BTC|ETH|SOL) +(buy|sell) .*"));
  }
}
