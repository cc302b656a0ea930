package dev.rez.app.config;

import dev.rez.app.notify.NotifyConfig;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's configuration, read from environment variables and an optional {@code .env} file (the
 * process environment wins). Names follow the Python agent Rez descends from, so an existing {@code
 * .env} works as is; the README lists every variable in one table.
 *
 * <pre>{@code
 * AppConfig config = AppConfig.load(Path.of(".env"), System.getenv());
 * RiskLimits limits = config.riskLimits();
 * }</pre>
 *
 * <p>Secrets are {@link Secret}s: this record's {@code toString} never shows them. Immutable and
 * threadsafe.
 *
 * @param network the network traded by {@code run}; {@code run} refuses {@link Network#SIMULATOR}
 *     (the simulator is {@code demo}'s)
 * @param exchangeUrl an override of the exchange's base URL, or null for the network's own
 * @param webSocketUrl an override of the exchange's WebSocket URL, or null: the network's own, or
 *     derived from {@code exchangeUrl} when that is set ({@link #webSocketUrlOr})
 * @param privateKey the signing key, or null (then {@code keyFile}, else none)
 * @param keyFile a file holding the signing key, or null
 * @param accountAddress the traded account when the key is an agent (API) wallet of it, or null
 * @param assets the assets traded, at least one
 * @param interval the candle interval; a cycle runs at each close
 * @param llmProvider {@code offline}, {@code openrouter}, {@code openai}, {@code anthropic} or
 *     {@code openai-compatible}
 * @param llmModel the model name
 * @param llmBaseUrl the provider's base URL, or null for its default
 * @param llmApiKey the provider's key, or null
 * @param riskProfile the risk profile
 * @param leverageCap the hard leverage cap above every profile
 * @param maxLeverage a lower maximum leverage than the profile's, or 0 for the profile's
 * @param maxSinglePosition the largest position notional in USD, or null
 * @param maxTotalAllocation the largest total notional in USD, or null
 * @param maxDailyLossFraction the daily-loss halt as a fraction of the day's starting equity, or
 *     null for the profile's
 * @param apiHost the address the HTTP API binds
 * @param apiPort the HTTP API's port
 * @param apiToken the bearer token the API requires, or null
 * @param diary the diary file, or null for the per-network default ({@link #diaryFor})
 * @param safeModeAfter consecutive failed decisions that switch safe mode on
 * @param dailyTokenBudget tokens (input + output) the model may use per UTC day
 * @param dailyCostBudgetUsd the model's spending limit per UTC day in USD, or null
 * @param inputPricePerMillion USD per million input tokens, or null when unknown
 * @param outputPricePerMillion USD per million output tokens, or null when unknown
 * @param expiresAfterMs how long a signed order or cancel stays valid after it was signed, in
 *     milliseconds ({@code REZ_EXPIRES_AFTER_MS}, default 60000); 0 sends none, so a captured
 *     request could be replayed for as long as its nonce is accepted
 * @param notifications the notification sinks and command channels ({@code REZ_NOTIFY_*})
 * @param modelOptions timeout, temperature, token limit, retries, headers, system prompt and repair
 *     model
 * @param pluginsDir the folder of tool plugin jars, or null for {@code plugins/} beside the diary
 * @param mnemonic a BIP-39 mnemonic the signing key is derived from when no private key is set, or
 *     null
 * @param mnemonicIndex the address index of the derived key ({@code m/44'/60'/0'/0/<index>})
 * @param apiAllowedHosts host names besides the bound address that API requests may be addressed to
 *     ({@code REZ_API_ALLOWED_HOSTS}, for a reverse proxy), each {@code name} or {@code name:port}
 * @param apiMaxStreams how many {@code /api/stream} clients may be connected at once
 */
public record AppConfig(
    Network network,
    String exchangeUrl,
    String webSocketUrl,
    Secret privateKey,
    Path keyFile,
    String accountAddress,
    List<Asset> assets,
    Interval interval,
    String llmProvider,
    String llmModel,
    String llmBaseUrl,
    Secret llmApiKey,
    RiskProfile riskProfile,
    int leverageCap,
    int maxLeverage,
    BigDecimal maxSinglePosition,
    BigDecimal maxTotalAllocation,
    BigDecimal maxDailyLossFraction,
    String apiHost,
    int apiPort,
    Secret apiToken,
    Path diary,
    int safeModeAfter,
    long dailyTokenBudget,
    BigDecimal dailyCostBudgetUsd,
    BigDecimal inputPricePerMillion,
    BigDecimal outputPricePerMillion,
    long expiresAfterMs,
    NotifyConfig notifications,
    ModelOptions modelOptions,
    Path pluginsDir,
    Secret mnemonic,
    int mnemonicIndex,
    List<String> apiAllowedHosts,
    int apiMaxStreams) {

  /** Where the app trades. Paper, testnet and mainnet never share a diary by default. */
  public enum Network {
    /** The embedded simulator (demo and backtest). */
    SIMULATOR,
    /** Hyperliquid testnet. */
    TESTNET,
    /** Hyperliquid mainnet: real money. */
    MAINNET;

    /** Lower-case name: {@code simulator}, {@code testnet}, {@code mainnet}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The official mainnet API host; a mainnet run that points elsewhere is warned about. */
  public static final String MAINNET_HOST = "api.hyperliquid.xyz";

  /** The LLM providers the app can configure. */
  public static final Set<String> PROVIDERS =
      Set.of("offline", "openrouter", "openai", "anthropic", "openai-compatible");

  public AppConfig {
    if (assets == null || assets.isEmpty())
      throw new IllegalArgumentException("ASSETS must name at least one asset");
    assets = List.copyOf(assets);
    if (!PROVIDERS.contains(llmProvider)) {
      throw new IllegalArgumentException(
          "LLM_PROVIDER must be one of "
              + PROVIDERS.stream().sorted().toList()
              + " but was '"
              + llmProvider
              + "'");
    }
    if (apiPort < 0 || apiPort > 65535)
      throw new IllegalArgumentException("API_PORT must be in 0..65535 but was " + apiPort);
    if (leverageCap < 1)
      throw new IllegalArgumentException("LEVERAGE_CAP must be >= 1 but was " + leverageCap);
    if (safeModeAfter < 1)
      throw new IllegalArgumentException(
          "REZ_SAFE_MODE_AFTER must be >= 1 but was " + safeModeAfter);
    if (dailyTokenBudget < 0)
      throw new IllegalArgumentException(
          "REZ_DAILY_TOKEN_BUDGET must be >= 0 but was " + dailyTokenBudget);
    if (notifications == null) notifications = NotifyConfig.NONE;
    if (modelOptions == null) modelOptions = ModelOptions.DEFAULTS;
    if (mnemonicIndex < 0)
      throw new IllegalArgumentException("MNEMONIC_INDEX must be >= 0 but was " + mnemonicIndex);
    apiAllowedHosts = apiAllowedHosts == null ? List.of() : List.copyOf(apiAllowedHosts);
    if (apiMaxStreams < 1)
      throw new IllegalArgumentException(
          "REZ_API_MAX_STREAMS must be >= 1 but was " + apiMaxStreams);
  }

  /**
   * Loads the configuration: the variables of {@code envFile} (when it exists) overridden by {@code
   * environment}. Sets the app's log level to {@code REZ_LOG_LEVEL} when that is set (logging
   * starts before the file is read).
   *
   * @param envFile a {@code .env} file, or null; a missing file is skipped
   * @throws IllegalArgumentException naming the variable and its value when one is invalid (never a
   *     secret's value)
   */
  public static AppConfig load(Path envFile, Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>();
    try {
      if (envFile != null && Files.isRegularFile(envFile)) merged.putAll(EnvFile.read(envFile));
    } catch (IllegalArgumentException e) {
      throw masked(e, Map.of());
    }
    merged.putAll(environment);
    AppConfig config = fromVariables(merged);
    LogLevel.apply(merged.get(LogLevel.VARIABLE));
    return config;
  }

  /**
   * The names of the variables whose values are secret: keys, tokens, secrets, the mnemonic, and
   * the notification URLs (a webhook URL carries its token).
   */
  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile(
          "(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSPHRASE|MNEMONIC)|REZ_NOTIFY_\\w*URL");

  /**
   * Builds the configuration from variables alone.
   *
   * @throws IllegalArgumentException naming the variable and its value when one is invalid (never a
   *     secret's value, nor a value that looks like a key: a key pasted into the wrong variable is
   *     masked)
   */
  public static AppConfig fromVariables(Map<String, String> env) {
    try {
      return parse(env);
    } catch (IllegalArgumentException e) {
      throw masked(e, env);
    }
  }

  /**
   * {@code e} when no message in its chain shows a secret, else a copy of its message with the
   * secrets masked: whatever looks like a key ({@link Redactor#maskKeys}), the value of every
   * secret variable of {@code env}, and every value of {@code env} that looks like a mnemonic
   * ({@link Redactor#looksLikeMnemonic}), wherever it was pasted.
   */
  static IllegalArgumentException masked(IllegalArgumentException e, Map<String, String> env) {
    Redactor secrets = Redactor.of(secretValues(env));
    boolean clean = true;
    for (Throwable t = e; t != null && clean; t = t.getCause()) {
      String m = t.getMessage();
      clean = m == null || mask(m, secrets).equals(m);
    }
    return clean ? e : new IllegalArgumentException(mask(e.getMessage(), secrets));
  }

  private static String mask(String message, Redactor secrets) {
    return Redactor.maskKeys(secrets.scrub(message));
  }

  /**
   * The values of {@code env} no message may show: those of the secret variables, and those that
   * look like a mnemonic (also as a parser may echo one: lower case, single spaces).
   */
  private static List<Secret> secretValues(Map<String, String> env) {
    List<Secret> out = new ArrayList<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().strip();
      if (v.isEmpty()) continue;
      boolean mnemonic = Redactor.looksLikeMnemonic(v);
      if (mnemonic || SECRET_NAME.matcher(e.getKey()).matches()) out.add(Secret.of(v));
      if (mnemonic) out.add(Secret.of(String.join(" ", v.toLowerCase(Locale.ROOT).split("\\s+"))));
    }
    return out;
  }

  private static AppConfig parse(Map<String, String> env) {
    Vars v = new Vars(env);
    Network network =
        switch (v.get("HYPERLIQUID_NETWORK", "testnet").toLowerCase(Locale.ROOT)) {
          case "testnet" -> Network.TESTNET;
          case "mainnet" -> Network.MAINNET;
          case "simulator", "paper" -> Network.SIMULATOR;
          default ->
              throw new IllegalArgumentException(
                  "HYPERLIQUID_NETWORK must be testnet, mainnet or simulator but was '"
                      + v.get("HYPERLIQUID_NETWORK", "")
                      + "'");
        };
    LogLevel.parse(v.get(LogLevel.VARIABLE, null)); // applied by load; checked here as the others
    String account = v.get("HYPERLIQUID_ACCOUNT_ADDRESS", null);
    if (account != null && !account.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException(
          "HYPERLIQUID_ACCOUNT_ADDRESS must be 0x followed by 40 hex digits but was "
              + shown(account));
    }
    Secret key = v.secret("HYPERLIQUID_PRIVATE_KEY");
    if (key != null) checkKey(key, "HYPERLIQUID_PRIVATE_KEY");
    String keyFile = v.get("HYPERLIQUID_KEY_FILE", null);

    Secret openRouterKey = v.secret("OPENROUTER_API_KEY");
    Secret llmKey = v.secret("LLM_API_KEY");
    String provider = v.get("LLM_PROVIDER", null);
    if (provider == null) {
      provider = openRouterKey != null || llmKey != null ? "openrouter" : "offline";
      // The offline model would trade its own rules under the name given.
      if (provider.equals("offline") && v.get("LLM_MODEL", null) != null)
        throw new IllegalArgumentException(
            "LLM_MODEL is set but no provider: set LLM_PROVIDER (openrouter, openai, anthropic or"
                + " openai-compatible) and its key, or OPENROUTER_API_KEY");
    }
    provider = providerId(provider);
    if (!PROVIDERS.contains(provider)) {
      throw new IllegalArgumentException(
          "LLM_PROVIDER must be one of "
              + PROVIDERS.stream().sorted().toList()
              + " but was "
              + shown(provider));
    }
    if (llmKey == null) {
      llmKey =
          switch (provider) {
            case "openrouter" -> openRouterKey;
            case "openai" -> v.secret("OPENAI_API_KEY");
            case "anthropic" -> v.secret("ANTHROPIC_API_KEY");
            default -> null;
          };
    }
    // The key goes with every request: plain http to another machine only without one.
    String baseUrl =
        checkedUrl(
            v.get(
                "LLM_BASE_URL",
                "openrouter".equals(provider) ? v.get("OPENROUTER_BASE_URL", null) : null),
            "LLM_BASE_URL",
            "http",
            llmKey != null);
    // A server speaking OpenAI's protocol needs no key: "openai" with a base URL and no key is such
    // a server.
    if ("openai".equals(provider) && baseUrl != null && llmKey == null)
      provider = "openai-compatible";
    if ("openai-compatible".equals(provider) && baseUrl == null) {
      throw new IllegalArgumentException(
          "LLM_BASE_URL is required for LLM_PROVIDER=openai-compatible (e.g. http://127.0.0.1:11434/v1 for Ollama)");
    }
    String model = v.get("LLM_MODEL", "offline".equals(provider) ? "offline-rules" : null);
    if (model == null)
      throw new IllegalArgumentException("LLM_MODEL is required for LLM_PROVIDER=" + provider);

    BigDecimal dailyLoss = v.decimal("MAX_DAILY_LOSS_FRACTION");
    if (dailyLoss != null && (dailyLoss.signum() <= 0 || dailyLoss.compareTo(BigDecimal.ONE) > 0)) {
      throw new IllegalArgumentException(
          "MAX_DAILY_LOSS_FRACTION must be in (0, 1] but was " + dailyLoss.toPlainString());
    }
    BigDecimal maxLev = v.decimal("MAX_LEVERAGE");
    String diary = v.get("REZ_DIARY", null);
    return new AppConfig(
        network,
        exchangeUrl(v.get("HYPERLIQUID_BASE_URL", null)),
        webSocketUrl(v.get("HYPERLIQUID_WS_URL", null)),
        key,
        keyFile == null ? null : Path.of(keyFile),
        account == null ? null : account.toLowerCase(Locale.ROOT),
        parseAssets(v.get("ASSETS", "BTC ETH")),
        v.parse("INTERVAL", "5m", Interval::parse),
        provider,
        model,
        baseUrl,
        llmKey,
        v.parse("RISK_PROFILE", "moderate", RiskProfile::parse),
        leverageCap(v),
        maxLev == null ? 0 : positiveInt(maxLev, "MAX_LEVERAGE"),
        v.positiveDecimal("MAX_SINGLE_POSITION"),
        v.positiveDecimal("MAX_TOTAL_ALLOCATION"),
        dailyLoss,
        v.get("API_HOST", "127.0.0.1"),
        (int) v.integer("API_PORT", v.integer("APP_PORT", 7070, 0, 65535), 0, 65535),
        v.secret("REZ_API_TOKEN"),
        diary == null ? null : Path.of(diary),
        (int) v.integer("REZ_SAFE_MODE_AFTER", 3, 1, 1000),
        v.integer("REZ_DAILY_TOKEN_BUDGET", 2_000_000, 0, Long.MAX_VALUE),
        v.positiveDecimal("REZ_DAILY_COST_BUDGET_USD"),
        v.positiveDecimal("REZ_PRICE_INPUT_PER_MTOK"),
        v.positiveDecimal("REZ_PRICE_OUTPUT_PER_MTOK"),
        v.integer("REZ_EXPIRES_AFTER_MS", 60_000, 0, 86_400_000),
        NotifyConfig.fromVariables(env),
        modelOptions(v, provider, baseUrl, llmKey),
        v.get("REZ_PLUGINS_DIR", null) == null ? null : Path.of(v.get("REZ_PLUGINS_DIR", null)),
        v.secret("MNEMONIC"),
        (int) v.integer("MNEMONIC_INDEX", 0, 0, Integer.MAX_VALUE),
        allowedHosts(v.get("REZ_API_ALLOWED_HOSTS", "")),
        (int) v.integer("REZ_API_MAX_STREAMS", 16, 1, 1000));
  }

  /**
   * Checks {@code HYPERLIQUID_BASE_URL}: an http(s) URL with a host; plain http only to a loopback
   * host (a local simulator or proxy), since signed orders travel over it.
   */
  static String exchangeUrl(String url) {
    return checkedUrl(url, "HYPERLIQUID_BASE_URL", "http", true);
  }

  /**
   * Checks a URL a client talks to: a {@code plain}(s) URL with a host; the unencrypted scheme only
   * to a loopback host, or to another when nothing secret goes with the requests.
   *
   * @param plain {@code http} or {@code ws}
   * @param secret whether the requests carry a secret or must not be altered (a key, signed
   *     orders); credentials in the URL (user info, a query) count as one too
   */
  private static String checkedUrl(String url, String variable, String plain, boolean secret) {
    if (url == null) return null;
    String what = (plain.equals("http") ? "an " : "a ") + plain + "(s) URL";
    java.net.URI u;
    try {
      u = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          variable + " must be " + what + " but was " + shown(Redactor.safeUrl(url)));
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getHost() == null || !(scheme.equals(plain + "s") || scheme.equals(plain))) {
      throw new IllegalArgumentException(
          variable + " must be " + what + " with a host but was " + shown(Redactor.safeUrl(url)));
    }
    if (scheme.equals(plain) && dev.rez.core.Hosts.secretInClear(u, secret)) {
      throw new IllegalArgumentException(
          variable
              + " must use "
              + plain
              + "s for a host that is not loopback but was "
              + Redactor.safeUrl(url));
    }
    return url;
  }

  /**
   * The warning a mainnet run deserves when its exchange URL is not the official one, or null when
   * it is (or none is configured).
   */
  public static String unofficialMainnetUrl(String url) {
    if (url == null) return null;
    String host;
    try {
      host = new java.net.URI(url).getHost();
    } catch (java.net.URISyntaxException e) {
      host = null;
    }
    if (host != null && host.equalsIgnoreCase(MAINNET_HOST)) return null;
    return "HYPERLIQUID_BASE_URL points this mainnet run at "
        + Redactor.safeUrl(url)
        + ", not https://"
        + MAINNET_HOST
        + ": every signed order and the account's data go there";
  }

  private static List<String> allowedHosts(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.trim().split("[\\s,]+")) {
      if (part.isEmpty()) continue;
      boolean name =
          part.matches(
              "[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})*(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
      if (!name || Redactor.looksLikeKey(part)) {
        throw new IllegalArgumentException(
            "REZ_API_ALLOWED_HOSTS must list host names (optionally name:port) but had "
                + shown(part));
      }
      out.add(part.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /**
   * The provider's canonical name ({@code ollama}, {@code vllm}, {@code openai_compatible} name the
   * compatible one); unknown names pass through.
   */
  private static String providerId(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    try {
      return dev.rez.agent.ModelProvider.parse(n).id();
    } catch (IllegalArgumentException e) {
      return n; // the constructor names the known providers
    }
  }

  private static ModelOptions modelOptions(Vars v, String provider, String baseUrl, Secret key) {
    BigDecimal timeout = v.positiveDecimal("LLM_TIMEOUT_SECONDS");
    String prompt = v.get("REZ_SYSTEM_PROMPT_FILE", null);
    String repairModel = v.get("SANITIZE_MODEL", null);
    String repairProvider = null;
    String repairBaseUrl = null;
    Secret repairKey = null;
    if (repairModel != null) {
      repairProvider = providerId(v.get("SANITIZE_PROVIDER", provider));
      if (!PROVIDERS.contains(repairProvider) || repairProvider.equals("offline")) {
        throw new IllegalArgumentException(
            "SANITIZE_PROVIDER must be one of openrouter, openai, anthropic or openai-compatible but was '"
                + repairProvider
                + "' (set it when LLM_PROVIDER is offline)");
      }
      boolean sameProvider = repairProvider.equals(provider);
      repairKey = v.secret("SANITIZE_API_KEY");
      if (repairKey == null && sameProvider) repairKey = key;
      repairBaseUrl =
          checkedUrl(
              v.get("SANITIZE_BASE_URL", sameProvider ? baseUrl : null),
              "SANITIZE_BASE_URL",
              "http",
              repairKey != null);
      if (repairProvider.equals("openai-compatible") && repairBaseUrl == null) {
        throw new IllegalArgumentException(
            "SANITIZE_BASE_URL is required for SANITIZE_PROVIDER=openai-compatible");
      }
    }
    long maxTokens =
        v.integer(
            "LLM_MAX_OUTPUT_TOKENS", v.integer("LLM_MAX_TOKENS", -1, 1, 1_000_000), 1, 1_000_000);
    long retries = v.integer("LLM_MAX_RETRIES", -1, 0, 10);
    boolean modelTemperature = "default".equalsIgnoreCase(v.get("LLM_TEMPERATURE", ""));
    return new ModelOptions(
        timeout == null ? null : java.time.Duration.ofMillis(timeout.movePointRight(3).longValue()),
        modelTemperature ? null : v.decimal("LLM_TEMPERATURE"),
        modelTemperature,
        maxTokens < 0 ? null : (int) maxTokens,
        retries < 0 ? null : (int) retries,
        v.get("OPENROUTER_REFERER", null),
        v.get("OPENROUTER_APP_TITLE", null),
        prompt == null ? null : Path.of(prompt),
        repairProvider,
        repairModel,
        repairBaseUrl,
        repairKey,
        v.get("SANITIZE_PRICE", null) == null
            ? null
            : v.parse("SANITIZE_PRICE", null, dev.rez.agent.ModelPrice::parse));
  }

  /** As {@link #exchangeUrl}: {@code wss://}, or {@code ws://} for a loopback host only. */
  private static String webSocketUrl(String url) {
    return checkedUrl(url, "HYPERLIQUID_WS_URL", "ws", true);
  }

  /**
   * The WebSocket URL to follow: {@code HYPERLIQUID_WS_URL} when set, else derived from {@code
   * HYPERLIQUID_BASE_URL} ({@code https://host} → {@code wss://host/ws}) when that is set, else
   * {@code networkDefault}.
   */
  public String webSocketUrlOr(String networkDefault) {
    if (webSocketUrl != null) return webSocketUrl;
    if (exchangeUrl != null) {
      String base =
          exchangeUrl.endsWith("/")
              ? exchangeUrl.substring(0, exchangeUrl.length() - 1)
              : exchangeUrl;
      return base.replaceFirst("(?i)^http", "ws") + "/ws";
    }
    return networkDefault;
  }

  /**
   * Parses {@code ASSETS}: names separated by spaces and/or commas ({@code "BTC ETH"}, {@code
   * "BTC,ETH"}).
   */
  public static List<Asset> parseAssets(String value) {
    Set<Asset> out = new LinkedHashSet<>();
    for (String part : value.trim().split("[\\s,]+")) {
      if (part.isEmpty()) continue;
      // Exchange asset names are short ("BTC", "kPEPE", "xyz:TSLA"); a long value is a mistake,
      // perhaps a pasted key.
      if (!part.matches("[A-Za-z0-9:_\\-]{1,32}")) {
        throw new IllegalArgumentException(
            "ASSETS contains an invalid asset "
                + shown(part)
                + " (letters, digits, ':', '_', '-'; at most 32)");
      }
      try {
        out.add(Asset.of(part));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ASSETS contains an invalid asset '" + part + "'", e);
      }
    }
    if (out.isEmpty())
      throw new IllegalArgumentException(
          "ASSETS must name at least one asset but was '" + value + "'");
    return new ArrayList<>(out);
  }

  /**
   * The risk limits: the profile's, with the configured overrides, allowing only the configured
   * assets.
   */
  public RiskLimits riskLimits() {
    RiskLimits.Builder b =
        riskProfile.limits().toBuilder()
            .hardLeverageCap(leverageCap)
            .allowedAssets(Set.copyOf(assets));
    if (maxLeverage > 0) b.maxLeverage(maxLeverage);
    if (maxSinglePosition != null) b.maxPositionNotional(maxSinglePosition);
    if (maxTotalAllocation != null) b.maxTotalNotional(maxTotalAllocation);
    if (maxDailyLossFraction != null) b.maxDailyLossFraction(maxDailyLossFraction);
    return b.build();
  }

  /**
   * Every secret this configuration holds, for a redactor: the model's and the repair model's keys,
   * the API token, the signing key and the mnemonic (those set).
   *
   * @throws IllegalArgumentException when the key file cannot be read (see {@link #signingKey()})
   */
  public java.util.List<Secret> secrets() {
    java.util.List<Secret> out = new java.util.ArrayList<>();
    for (Secret s :
        java.util.Arrays.asList(
            llmApiKey, apiToken, signingKey().orElse(null), mnemonic, modelOptions.repairApiKey()))
      if (s != null) out.add(s);
    return out;
  }

  /**
   * The signing key: {@code HYPERLIQUID_PRIVATE_KEY}, else the content of {@code
   * HYPERLIQUID_KEY_FILE}, else empty.
   *
   * @throws IllegalArgumentException when the key file cannot be read or does not hold a key (the
   *     message names the file, never its content)
   */
  public Optional<Secret> signingKey() {
    if (privateKey != null) return Optional.of(privateKey);
    if (keyFile == null) return Optional.empty();
    String text;
    try {
      text = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read key file " + keyFile + ": " + e.getClass().getSimpleName(),
          new UncheckedIOException(e.getMessage(), e));
    }
    if (text.isEmpty()) throw new IllegalArgumentException("key file " + keyFile + " is empty");
    Secret s = Secret.of(text);
    checkKey(s, "key file " + keyFile);
    return Optional.of(s);
  }

  /**
   * The diary used for {@code network}: the configured one, else {@code
   * data/<network>/diary.jsonl}.
   */
  public Path diaryFor(Network network) {
    return diary != null ? diary : Path.of("data", network.id(), "diary.jsonl");
  }

  /** A copy trading on {@code network}. */
  public AppConfig withNetwork(Network network) {
    return copy(network, assets, interval, riskProfile, apiPort, diary);
  }

  /** A copy with other assets, interval, port and diary; null arguments keep the current value. */
  public AppConfig with(
      List<Asset> assets, Interval interval, Integer apiPort, Path diary, RiskProfile riskProfile) {
    return copy(
        network,
        assets == null ? this.assets : assets,
        interval == null ? this.interval : interval,
        riskProfile == null ? this.riskProfile : riskProfile,
        apiPort == null ? this.apiPort : apiPort,
        diary == null ? this.diary : diary);
  }

  /** A copy with these values and every other value kept. */
  private AppConfig copy(
      Network network,
      List<Asset> assets,
      Interval interval,
      RiskProfile riskProfile,
      int apiPort,
      Path diary) {
    return new AppConfig(
        network,
        exchangeUrl,
        webSocketUrl,
        privateKey,
        keyFile,
        accountAddress,
        assets,
        interval,
        llmProvider,
        llmModel,
        llmBaseUrl,
        llmApiKey,
        riskProfile,
        leverageCap,
        maxLeverage,
        maxSinglePosition,
        maxTotalAllocation,
        maxDailyLossFraction,
        apiHost,
        apiPort,
        apiToken,
        diary,
        safeModeAfter,
        dailyTokenBudget,
        dailyCostBudgetUsd,
        inputPricePerMillion,
        outputPricePerMillion,
        expiresAfterMs,
        notifications,
        modelOptions,
        pluginsDir,
        mnemonic,
        mnemonicIndex,
        apiAllowedHosts,
        apiMaxStreams);
  }

  /**
   * A rejected value as it may be shown: a value longer than an address could be a pasted private
   * key, so only its length is.
   */
  static String shown(String value) {
    return value.length() > 42 || Redactor.looksLikeKey(value)
        ? "a value of " + value.length() + " characters (not shown)"
        : "'" + value + "'";
  }

  private static void checkKey(Secret key, String source) {
    String k = key.reveal();
    if (!k.matches("(0x)?[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          source
              + " must be a private key of 64 hex digits (optionally 0x-prefixed); the value is not shown");
    }
  }

  /**
   * {@code LEVERAGE_CAP}: a number in 1..100, decimals allowed as in the Python original ({@code
   * 5.0}). Leverage is a whole number on Hyperliquid, so a cap of 2.5 allows at most 2x: the cap
   * rounds down, never up.
   */
  private static int leverageCap(Vars v) {
    BigDecimal cap = v.decimal("LEVERAGE_CAP");
    if (cap == null) return RiskProfile.DEFAULT_HARD_LEVERAGE_CAP;
    if (cap.compareTo(BigDecimal.ONE) < 0 || cap.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(
          "LEVERAGE_CAP must be in 1..100 but was " + cap.toPlainString());
    }
    return cap.intValue();
  }

  private static int positiveInt(BigDecimal v, String name) {
    try {
      int i = v.intValueExact();
      if (i >= 1) return i;
    } catch (ArithmeticException ignored) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        name + " must be a whole number >= 1 but was " + v.toPlainString());
  }

  /** Variable lookup with messages naming the variable and value. */
  private record Vars(Map<String, String> env) {
    String get(String name, String fallback) {
      String v = env.get(name);
      return v == null || v.isBlank() ? fallback : v.strip();
    }

    Secret secret(String name) {
      String v = get(name, null);
      return v == null ? null : Secret.of(v);
    }

    <T> T parse(String name, String fallback, java.util.function.Function<String, T> parser) {
      String v = get(name, fallback);
      try {
        return parser.apply(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
    }

    long integer(String name, long fallback, long min, long max) {
      String v = get(name, null);
      if (v == null) return fallback;
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number but was '" + v + "'");
      }
      if (n < min || n > max)
        throw new IllegalArgumentException(
            name + " must be in " + min + ".." + max + " but was " + n);
      return n;
    }

    BigDecimal decimal(String name) {
      String v = get(name, null);
      if (v == null) return null;
      try {
        return new BigDecimal(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number but was '" + v + "'");
      }
    }

    BigDecimal positiveDecimal(String name) {
      BigDecimal d = decimal(name);
      if (d != null && d.signum() <= 0)
        throw new IllegalArgumentException(name + " must be > 0 but was " + d.toPlainString());
      return d;
    }
  }
}
