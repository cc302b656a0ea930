package dev.rez.hyperliquid.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's state file: read once at start, written (to a temporary file, then moved over the
 * old one) whenever the exchange changed, so that a crash loses nothing a client has seen: a
 * request that placed, cancelled or filled an order is saved before its answer leaves. The moving
 * clock is saved every second.
 *
 * <p>This class is threadsafe.
 */
final class StateFile implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateFile.class);

  private final Path file;
  private final Supplier<Map<String, Object>> state;
  private final Engine engine;
  private final Api api;
  private final ScheduledExecutorService ticker;
  private long[] lastSaved = new long[0];

  StateFile(Path file, Supplier<Map<String, Object>> state, Engine engine, Api api) {
    this.file = file.toAbsolutePath();
    this.state = state;
    this.engine = engine;
    this.api = api;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("hyperliquid-simulator-state").unstarted(r));
    ticker.scheduleWithFixedDelay(() -> save(true), 1, 1, TimeUnit.SECONDS);
    save(true);
  }

  /**
   * The saved state, or null when {@code file} does not exist.
   *
   * @throws UncheckedIOException when it exists but cannot be read
   * @throws IllegalArgumentException when it is not a state document
   */
  static Map<String, Object> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the state file " + file + ": " + e.getMessage(), e);
    }
    try {
      return Json.object(Json.parse(text), "state");
    } catch (Json.BadRequest e) {
      throw new IllegalArgumentException(
          "the state file " + file + " is not a simulator state: " + e.getMessage(), e);
    }
  }

  /** Saves when an order, fill, balance, position, agent or nonce changed since the last save. */
  void saveIfChanged() {
    save(false);
  }

  private synchronized void save(boolean clockToo) {
    long[] print = fingerprint(clockToo);
    boolean same =
        lastSaved.length > 0
            && (clockToo
                ? Arrays.equals(print, lastSaved)
                : Arrays.equals(print, 0, 3, lastSaved, 0, 3));
    if (same) return;
    Map<String, Object> tree = state.get();
    try {
      Path dir = file.getParent();
      if (dir != null) Files.createDirectories(dir);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Json.write(tree), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      lastSaved = fingerprint(true);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot write the simulator state to {}: {}", file, e.toString());
    }
  }

  /** What a client can see change, cheaply; with {@code clockToo}, the time at the end. */
  private long[] fingerprint(boolean clockToo) {
    synchronized (engine) {
      long h = 17;
      for (Account a : engine.accounts.values()) {
        h = 31 * h + a.address.hashCode();
        h = 31 * h + a.open.size();
        h = 31 * h + a.orders.size();
        h = 31 * h + a.fills.size();
        h = 31 * h + a.collateral().hashCode();
        h = 31 * h + a.leverage.hashCode();
        h = 31 * h + (a.scheduledCancel == null ? 0 : a.scheduledCancel);
        for (SimOrder o : a.open.values()) h = 31 * h + o.sz.hashCode() + (o.waiting ? 1 : 0);
      }
      h = 31 * h + api.agents.hashCode();
      h = 31 * h + api.nonces.hashCode();
      long[] print = {engine.nextOid, engine.nextTid, h, 0};
      if (clockToo) print[3] = engine.now;
      return print;
    }
  }

  /** Stops the ticker and writes the state one last time. */
  @Override
  public void close() {
    ticker.shutdownNow();
    save(true);
  }
}
