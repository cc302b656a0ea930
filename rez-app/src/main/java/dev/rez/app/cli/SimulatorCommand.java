package dev.rez.app.cli;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.Faults;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rez simulator}: the Hyperliquid simulator alone, as a local exchange server for bots in
 * any language. Prints its URLs, markets, funded accounts and admin token, then serves until
 * stopped (Ctrl-C).
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    header = "Run the Hyperliquid simulator alone: a local exchange any client can trade against.",
    description = {
      "Run the Hyperliquid simulator alone: a local exchange (POST /info, POST /exchange, WebSocket) that any",
      "Hyperliquid client can trade against. Admin endpoints under /sim/ (see SIMULATOR.md). Serves until stopped."
    })
final class SimulatorCommand implements Callable<Integer> {
  @ParentCommand RezCommand root;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "HTTP port (default: ${DEFAULT-VALUE}; 0 for any free port).")
  int port;

  @Option(
      names = "--ws-port",
      paramLabel = "PORT",
      description = "WebSocket port (default: the HTTP port + 1, or any free port with --port 0).")
  Integer wsPort;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}). Any other needs an admin token; one is made up when not given.")
  String host;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description = "Token the /sim/ admin endpoints require (Authorization: Bearer TOKEN).")
  String adminToken;

  @Option(
      names = "--data",
      paramLabel = "FILE:ASSET",
      description = "Replay a candle CSV (time,open,high,low,close,volume) as ASSET; repeatable.")
  List<String> data = new ArrayList<>();

  @Option(
      names = "--synthetic",
      paramLabel = "ASSET:PRICE",
      description =
          "A generated market starting at PRICE; repeatable. "
              + "Without --data or --synthetic: BTC:60000 and ETH:3000.")
  List<String> synthetic = new ArrayList<>();

  @Option(
      names = "--fund",
      paramLabel = "ADDRESS=USD",
      description = "Credit USD of USDC to ADDRESS at start; repeatable.")
  List<String> fund = new ArrayList<>();

  @Option(
      names = "--speed",
      paramLabel = "X",
      description = "The clock runs X times faster than real time (default: 1).")
  Double speed;

  @Option(
      names = "--stepped",
      description = "The clock moves only by POST /sim/advance (for backtests and tests).")
  boolean stepped;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the generated candles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--history",
      paramLabel = "N",
      defaultValue = "0",
      description = "Candles already closed at start (default: ${DEFAULT-VALUE}).")
  int history;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description =
          "Faults for the first requests, e.g. fail=2:503,rate-limit=1,drop-ack=1,reject-triggers=1,latency=200.")
  String faults;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "Keep the exchange state in FILE: read at start, written as it changes.")
  Path state;

  @Option(
      names = "--rate-limit",
      paramLabel = "WEIGHT",
      arity = "0..1",
      fallbackValue = "1200",
      description =
          "Answer 429 past WEIGHT request weight per minute per client IP (default when given without a value: 1200).")
  Integer rateLimit;

  /**
   * Released to stop a running simulator; tests stop it by interrupting the command's thread
   * instead.
   */
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() {
    if (port < 0 || port > 65535)
      throw CliException.usage("--port must be in 0..65535 but was " + port);
    int ws = wsPort != null ? wsPort : port == 0 ? 0 : port + 1;
    if (ws < 0 || ws > 65535)
      throw CliException.usage("--ws-port must be in 0..65535 but was " + ws);
    if (stepped && speed != null)
      throw CliException.usage("--speed and --stepped exclude each other");
    if (speed != null && (!(speed > 0) || speed > 100_000))
      throw CliException.usage("--speed must be in (0, 100000] but was " + speed);
    if (history < 0) throw CliException.usage("--history must be >= 0 but was " + history);
    if (rateLimit != null && rateLimit < 1)
      throw CliException.usage("--rate-limit must be >= 1 but was " + rateLimit);

    HyperliquidSimulator.Builder b =
        HyperliquidSimulator.builder().seed(seed).history(history).host(host);
    b.port(port).webSocketPort(ws);
    if (stepped) b.steppedClock();
    else b.acceleratedClock(speed == null ? 1 : speed);
    for (String d : data) {
      String[] fa = split(d, ':', "--data", "FILE:ASSET");
      List<Candle> candles = CandleCsv.read(root.resolve(Path.of(fa[0])), null);
      add(() -> b.candles(fa[1], candles));
    }
    List<String> markets =
        synthetic.isEmpty() && data.isEmpty() ? List.of("BTC:60000", "ETH:3000") : synthetic;
    for (String s : markets) {
      String[] ap = split(s, ':', "--synthetic", "ASSET:PRICE");
      double price = number(ap[1], "--synthetic " + s);
      int szDecimals = Math.max(0, Math.min(5, (int) Math.floor(Math.log10(price)) + 1));
      add(() -> b.synthetic(ap[0], price, szDecimals, 20));
    }
    if (data.isEmpty()) b.interval(Interval.M1);
    Map<String, BigDecimal> funded = new LinkedHashMap<>();
    for (String f : fund) {
      String[] au = split(f, '=', "--fund", "ADDRESS=USD");
      BigDecimal usd;
      try {
        usd = new BigDecimal(au[1]);
      } catch (NumberFormatException e) {
        throw CliException.usage("--fund " + f + ": '" + au[1] + "' is not an amount");
      }
      if (usd.signum() <= 0 || usd.compareTo(new BigDecimal("1000000000000")) > 0) {
        throw CliException.usage("--fund " + f + ": the amount must be in (0, 1e12]");
      }
      add(() -> b.fund(au[0], usd));
      funded.merge(au[0].toLowerCase(Locale.ROOT), usd, BigDecimal::add);
    }
    String token = adminToken;
    if (token == null && !isLoopback(host)) {
      byte[] bytes = new byte[24];
      new SecureRandom().nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
    }
    if (token != null) {
      String t = token;
      add(() -> b.adminToken(t));
    }
    if (rateLimit != null) b.rateLimit(rateLimit);
    boolean continuing = state != null && java.nio.file.Files.exists(root.resolve(state));
    if (state != null) b.stateFile(root.resolve(state));
    HyperliquidSimulator sim;
    try {
      sim = b.start();
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCode.FAILURE, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    try (sim) {
      if (faults != null) applyFaults(sim.faults(), faults);
      print(sim, continuing ? Map.of() : funded, token, continuing);
      Thread hook = new Thread(stopped::countDown, "rez-simulator-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
          // the JVM is shutting down: the hook has run
        }
      }
    }
    return ExitCode.OK;
  }

  private void print(
      HyperliquidSimulator sim, Map<String, BigDecimal> funded, String token, boolean continuing) {
    var out = root.out;
    out.println("Rez simulator: a local Hyperliquid exchange");
    out.println(
        "  REST       " + sim.baseUrl() + "   (POST /info, POST /exchange; admin under /sim/)");
    java.net.URI ws = java.net.URI.create(sim.webSocketUrl());
    out.println(
        "  WebSocket  "
            + sim.webSocketUrl()
            + "   (its port answers REST too: a client that opens <base>/ws, as the Python SDK"
            + " does, takes http://"
            + ws.getHost()
            + ":"
            + ws.getPort()
            + " as its base URL)");
    out.println(
        "  clock      "
            + (stepped
                ? "stepped: POST /sim/advance {\"candles\":1}"
                : (speed == null ? 1 : speed) + "x real time")
            + ", now "
            + sim.now());
    if (funded.isEmpty() && state == null) {
      out.println(
          "  accounts   none funded yet: --fund ADDRESS=USD or POST /sim/fund {\"user\":\"0x…\",\"usd\":\"10000\"}");
    }
    funded.forEach(
        (a, usd) -> out.println("  account    " + a + "  " + usd.toPlainString() + " USDC"));
    if (state != null) {
      out.println(
          "  state      "
              + root.resolve(state)
              + (continuing
                  ? " (continued: its accounts, orders and clock; --fund ignored)"
                  : " (accounts, orders and clock survive a restart)"));
    }
    if (rateLimit != null)
      out.println(
          "  rate limit " + rateLimit + " weight per minute per client IP (HTTP 429 past it)");
    out.println(
        "  admin      "
            + (token == null ? "no token (loopback only)" : "Authorization: Bearer " + token)
            + "; POST with Content-Type: application/json");
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  /** Applies {@code fail=N:STATUS,rate-limit=N,drop-ack=N,reject-triggers=N,latency=MS}. */
  static void applyFaults(Faults f, String spec) {
    for (String part : spec.split(",")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length != 2) throw CliException.usage("--faults: '" + part + "' is not NAME=VALUE");
      String v = kv[1].strip();
      try {
        switch (kv[0].strip()) {
          case "fail" -> {
            String[] ns = v.split(":", 2);
            f.failNext(Integer.parseInt(ns[0]), ns.length == 2 ? Integer.parseInt(ns[1]) : 503);
          }
          case "rate-limit" -> f.rateLimitNext(Integer.parseInt(v));
          case "drop-ack" -> {
            for (int i = Integer.parseInt(v); i > 0; i--) f.dropNextOrderAck();
          }
          case "reject-triggers" -> f.rejectNextTriggerOrders(Integer.parseInt(v));
          case "latency" -> f.latency(Duration.ofMillis(Long.parseLong(v.replace("ms", ""))));
          default ->
              throw CliException.usage(
                  "--faults: unknown fault '"
                      + kv[0]
                      + "' (fail, rate-limit, drop-ack, reject-triggers, latency)");
        }
      } catch (IllegalArgumentException e) {
        if (e instanceof NumberFormatException)
          throw CliException.usage("--faults: '" + part + "' needs a number");
        throw CliException.usage("--faults: " + part + ": " + e.getMessage());
      }
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw CliException.usage("--host: '" + host + "' is not an address");
    }
  }

  private static String[] split(String value, char sep, String option, String form) {
    int i = value.lastIndexOf(sep);
    if (i <= 0 || i == value.length() - 1)
      throw CliException.usage(option + " " + value + ": expected " + form);
    return new String[] {value.substring(0, i), value.substring(i + 1)};
  }

  private static double number(String s, String what) {
    try {
      double d = Double.parseDouble(s);
      if (d > 0 && Double.isFinite(d)) return d;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CliException.usage(what + ": '" + s + "' is not a positive price");
  }

  /** Runs a builder call, turning its refusal of a value into a usage error. */
  private static void add(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
