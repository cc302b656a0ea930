package dev.rez.app.cli;

import static dev.rez.app.cli.MainTest.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rez stats} on a diary that spans several accounts or exchanges: one track record per run.
 */
class StatsRunsTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.execute(
        args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), dir);
  }

  static String start(long seq, String address, String exchange, int equity) {
    return line(
        seq,
        "app-start",
        null,
        "{\"mode\":\"demo\",\"network\":\"simulator\",\"address\":\""
            + address
            + "\",\"exchange\":\""
            + exchange
            + "\",\"equity\":"
            + equity
            + "}");
  }

  static String fill(long seq, String side, String price, String startPosition, String closedPnl) {
    return line(
        seq,
        "fill",
        "BTC",
        "{\"time\":\"2026-01-05T10:00:0"
            + seq
            + "Z\",\"asset\":\"BTC\",\"side\":\""
            + side
            + "\",\"price\":"
            + price
            + ",\"size\":0.02,\"fee\":0.5,\"closedPnl\":"
            + closedPnl
            + ",\"orderId\":"
            + seq
            + ",\"cloid\":null,\"taker\":true,\"hash\":\"0x"
            + seq
            + "\",\"startPosition\":"
            + startPosition
            + "}");
  }

  @Test
  void aRestartOnAnotherAccountIsASeparateRunNotAnInconsistency() throws Exception {
    Path d = dir.resolve("diary.jsonl");
    // Run 1 leaves a long of 0.02 open; run 2 (another account, another simulator) starts flat.
    // Chained, the
    // second buy's startPosition 0 would contradict the open long.
    Files.writeString(
        d,
        start(1, "0xaaa", "sim-1", 10000)
            + fill(2, "buy", "50000", "0", "0")
            + start(3, "0xbbb", "sim-2", 10000)
            + fill(4, "buy", "51000", "0", "0")
            + fill(5, "sell", "52000", "0.02", "20")
            // the first account again, on its own exchange: its fills chain with run 1
            + start(6, "0xaaa", "sim-1", 10000)
            + fill(7, "sell", "53000", "0.02", "60"));

    assertThat(run("stats", "diary.jsonl")).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("2 runs")
        .contains("run 1: 0xaaa on simulator sim-1 (2 fills")
        .contains("run 2: 0xbbb on simulator sim-2 (2 fills");

    out.getBuffer().setLength(0);
    assertThat(run("stats", "diary.jsonl", "--json")).isZero();
    Map<String, Object> json = Json.parseObject(out.toString().strip());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("runs");
    assertThat(runs).extracting(r -> r.get("address")).containsExactly("0xaaa", "0xbbb");
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) runs.getFirst().get("overall");
    assertThat((BigDecimal) first.get("realizedPnl")).isEqualByComparingTo("60");
  }

  @Test
  void oneAccountOnOneExchangeStaysOneRun() throws Exception {
    Path d = dir.resolve("diary.jsonl");
    Files.writeString(
        d,
        start(1, "0xaaa", "sim-1", 10000)
            + fill(2, "buy", "50000", "0", "0")
            + start(3, "0xaaa", "sim-1", 9990)
            + fill(4, "sell", "52000", "0.02", "40"));
    assertThat(run("stats", "diary.jsonl")).isZero();
    assertThat(out.toString()).contains("(2 fills, starting equity 10000").doesNotContain("runs");
  }

  @Test
  void aFillOrFundingEventWithoutItsFieldsIsABadFileNamingTheEvent() throws Exception {
    Files.writeString(
        dir.resolve("fills.jsonl"),
        start(1, "0xaaa", "sim-1", 10000) + line(2, "fill", "BTC", "{\"asset\":\"BTC\"}"));
    assertThat(run("stats", "fills.jsonl")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("has a fill event without the fields of a fill (");

    Files.writeString(
        dir.resolve("funding.jsonl"),
        start(1, "0xaaa", "sim-1", 10000) + line(2, "funding", "BTC", "{\"asset\":\"BTC\"}"));
    assertThat(run("stats", "funding.jsonl")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString())
        .contains("has a funding event without the fields of a funding payment (");
  }
}
