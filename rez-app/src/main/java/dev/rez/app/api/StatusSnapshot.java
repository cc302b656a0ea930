package dev.rez.app.api;

import dev.rez.app.config.Redactor;
import dev.rez.app.loop.LoopStatus;
import dev.rez.app.notify.SinkStatus;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /api/status} shows: how the app runs and where its loop is. Never carries a key.
 *
 * @param version the app version
 * @param mode demo, live or backtest
 * @param network simulator, testnet or mainnet
 * @param address the account traded
 * @param signer the signing (agent/API) wallet's address, the same as {@code address} when it signs
 *     itself
 * @param assets the assets traded
 * @param interval the candle interval of the loop
 * @param model the model provider/name
 * @param riskProfile the risk profile id
 * @param loop the loop state, with its last finished cycle and when the next one starts
 * @param exchangeUrl the exchange's base URL; kept without user info, query and fragment (which may
 *     hold a password or a key), so that no reader of the status sees them
 * @param startedAt when the app started
 * @param notifications each notification sink's delivery state (empty when none is configured)
 * @param tools the agent's tools loaded from plugins (classpath and plugins folder), in load order
 * @param readOnly true when the loop is not steered through this API (an arena's contestants): its
 *     kill-switch routes answer {@code 503 read-only}
 * @param exchangeData how current the app's view of the exchange is; null without a live view (an
 *     arena's contestants)
 */
public record StatusSnapshot(
    String version,
    Mode mode,
    Network network,
    String address,
    String signer,
    List<Asset> assets,
    Interval interval,
    String model,
    String riskProfile,
    LoopStatus loop,
    String exchangeUrl,
    Instant startedAt,
    List<SinkStatus> notifications,
    List<PluginTool> tools,
    boolean readOnly,
    ExchangeData exchangeData) {
  public StatusSnapshot {
    notifications = notifications == null ? List.of() : List.copyOf(notifications);
    Objects.requireNonNull(version, "version == null");
    Objects.requireNonNull(mode, "mode == null");
    Objects.requireNonNull(network, "network == null");
    Objects.requireNonNull(address, "address == null");
    Objects.requireNonNull(signer, "signer == null");
    assets = List.copyOf(assets);
    Objects.requireNonNull(interval, "interval == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(riskProfile, "riskProfile == null");
    Objects.requireNonNull(loop, "loop == null");
    exchangeUrl = Redactor.safeUrl(Objects.requireNonNull(exchangeUrl, "exchangeUrl == null"));
    Objects.requireNonNull(startedAt, "startedAt == null");
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /**
   * How current the app's view of the exchange is: whether its WebSocket is connected, and when the
   * account was last read from the exchange. A socket that stays up while the exchange stops
   * answering shows as an account growing old.
   *
   * @param streaming whether the socket is connected now (false while the view polls over REST)
   * @param accountAsOf when the account was last read, on the app's clock (a demo's runs faster)
   * @param accountAgeSeconds how long ago that was, in wall-clock seconds
   */
  public record ExchangeData(boolean streaming, Instant accountAsOf, long accountAgeSeconds) {
    public ExchangeData {
      Objects.requireNonNull(accountAsOf, "accountAsOf == null");
    }
  }

  /**
   * A tool the agent got from a plugin.
   *
   * @param name the tool's name, as the model calls it
   * @param source {@code classpath} or the plugin jar's file name
   */
  public record PluginTool(String name, String source) {
    public PluginTool {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(source, "source == null");
    }
  }

  /** How the app trades. */
  public enum Mode {
    /** Against the embedded simulator. */
    DEMO,
    /** On a real network. */
    LIVE,
    /** Over history with a stepped clock. */
    BACKTEST
  }

  /** Which exchange it talks to. */
  public enum Network {
    /** The embedded simulator. */
    SIMULATOR,
    /** Hyperliquid testnet. */
    TESTNET,
    /** Hyperliquid mainnet. */
    MAINNET
  }
}
