package dev.rez.app.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code rez} commands in a temporary working directory and keeps what they printed. */
abstract class CliTestBase {
  @TempDir Path dir;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();
  final Map<String, String> env = new HashMap<>();

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
  }

  /** A CSV of the bundled file's first {@code n} bars, with its header. */
  Path bars(int n) throws Exception {
    return bars(0, n);
  }

  /** A CSV of the bundled file's bars {@code skip} to {@code skip + n}, with its header. */
  Path bars(int skip, int n) throws Exception {
    Path f = dir.resolve("btc" + skip + "-" + n + ".csv");
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                CandleCsv.class.getResourceAsStream(CandleCsv.DEMO_RESOURCE),
                StandardCharsets.UTF_8))) {
      List<String> lines = r.lines().limit(skip + n + 1L).toList();
      Files.writeString(
          f,
          lines.get(0)
              + "\n"
              + lines.subList(1 + skip, lines.size()).stream()
                  .collect(Collectors.joining("\n", "", "\n")));
    }
    return f;
  }
}
