package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorsCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.execute(
        args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), dir);
  }

  Path demoCsv() throws Exception {
    Path f = dir.resolve("btc.csv");
    try (InputStream in = CandleCsv.class.getResourceAsStream(CandleCsv.DEMO_RESOURCE)) {
      Files.copy(in, f);
    }
    return f;
  }

  @Test
  void printsOneColumnPerOutputMatchingTaLib() throws Exception {
    Path f = demoCsv();

    assertThat(run("indicators", f.toString(), "--spec", "rsi:14,ema:12,macd:12:26:9,bb:20:2"))
        .isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(9604);
    List<String> header = List.of(lines.get(0).split(","));
    assertThat(header)
        .startsWith(
            "time",
            "close",
            "rsi:14",
            "ema:12",
            "macd:12:26:9.macd",
            "macd:12:26:9.signal",
            "macd:12:26:9.hist",
            "bb:20:2.upper",
            "bb:20:2.middle",
            "bb:20:2.lower");
    String[] row14 = lines.get(15).split(",", -1);
    assertThat(row14[0]).isEqualTo("1385338440000");
    // TA-Lib's RSI(14) and EMA(12) on the same bar.
    assertThat(Double.parseDouble(row14[2])).isCloseTo(33.198789101917185, within(1e-9));
    assertThat(Double.parseDouble(row14[3])).isCloseTo(804.70647170383859, within(1e-9));
    assertThat(row14[4]).isEmpty(); // MACD still warming up
    String[] row100 = lines.get(101).split(",", -1);
    assertThat(Double.parseDouble(row100[header.indexOf("macd:12:26:9.signal")]))
        .isCloseTo(-0.28638026765898211, within(1e-9));
    assertThat(Double.parseDouble(row100[header.indexOf("bb:20:2.upper")]))
        .isCloseTo(813.22985833933910, within(1e-9));
    String[] row13 = lines.get(14).split(",", -1);
    assertThat(row13[2]).isEmpty();
  }

  @Test
  void printedValuesParseBackToTheSameDouble() throws Exception {
    Path f = demoCsv();
    run("indicators", f.toString(), "--spec", "ema:12");
    String cell = out.toString().lines().skip(50).findFirst().orElseThrow().split(",")[2];
    assertThat(Double.toString(Double.parseDouble(cell))).isEqualTo(cell);
  }

  @Test
  void badSpecIntervalAndFileAreReported() throws Exception {
    Path f = demoCsv();
    assertThat(run("indicators", f.toString(), "--spec", "rsi:14,wobble:3"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("wobble");
    assertThat(run("indicators", f.toString(), "--spec", "rsi:-1")).isEqualTo(ExitCode.USAGE);
    assertThat(run("indicators", f.toString())).isEqualTo(ExitCode.USAGE);
    assertThat(run("indicators", f.toString(), "--spec", "rsi", "--interval", "2m"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("indicators", "missing.csv", "--spec", "rsi")).isEqualTo(ExitCode.BAD_FILE);
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "time,open,high,low,close,volume\n0,1,1,1,1,1\n60000,1,1,1,oops,1\n");
    assertThat(run("indicators", bad.toString(), "--spec", "rsi")).isEqualTo(ExitCode.BAD_FILE);
    assertThat(err.toString()).contains("line 3");
  }
}
