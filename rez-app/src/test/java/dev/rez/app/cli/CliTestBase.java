package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * Runs a backtest on {@code data} with 200 bars of warm-up, writing {@code diary} and printing
   * its track record as JSON; fails the test when it does not succeed.
   */
  void backtest(Path data, Path diary) {
    assertThat(
            run(
                "backtest",
                "--data",
                data.toString(),
                "--warmup",
                "200",
                "--diary",
                diary.toString(),
                "--json"))
        .as(err.toString())
        .isZero();
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

  /**
   * The arguments of {@code rez arena} over {@code data} after 200 warm-up bars, writing to {@code
   * out}, with {@code contestants} ({@code NAME=SPEC} each), then {@code more}.
   */
  static String[] arena(Path data, String out, List<String> contestants, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("arena", "--data", data.toString()));
    args.addAll(List.of("--warmup", "200", "--out", out));
    for (String c : contestants) args.addAll(List.of("--contestant", c));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Starts {@code rez args…} in a thread of its own (a command that serves until interrupted). */
  Background background(String... args) {
    return new Background(args);
  }

  /** A {@code rez} command running in a thread of its own, and what it printed so far. */
  final class Background implements AutoCloseable {
    final StringWriter printed = new StringWriter();
    final StringWriter errors = new StringWriter();
    private final Thread thread;
    private volatile int code = -1;

    private Background(String... args) {
      thread =
          new Thread(
              () ->
                  code =
                      Main.execute(
                          args,
                          new PrintWriter(printed, true),
                          new PrintWriter(errors, true),
                          env,
                          dir),
              "rez-" + args[0] + "-under-test");
      thread.start();
    }

    /**
     * The first group of {@code pattern} once the command has printed it; fails when the command
     * ends first or after {@code seconds}.
     */
    String awaitPrinted(Pattern pattern, int seconds, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Matcher m;
      while (!(m = pattern.matcher(printed.toString())).find()) {
        assertThat(thread.isAlive()).as(printed + "\n" + errors).isTrue();
        assertThat(System.nanoTime()).as(what + " within " + seconds + " s").isLessThan(deadline);
        Thread.sleep(50);
      }
      return m.group(1);
    }

    boolean isAlive() {
      return thread.isAlive();
    }

    /** Interrupts the command and waits for it to end; its exit code. */
    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(Duration.ofSeconds(30));
      assertThat(thread.isAlive()).as("the command ended when interrupted").isFalse();
      return code;
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
