package dev.rez.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a chat model: provider, model name, base URL, API key, temperature, timeout, retries
 * and the completion-token limit. The API key never appears in {@link #toString()}.
 *
 * <pre>{@code
 * ModelSettings settings = ModelSettings.builder(ModelProvider.OPENROUTER)
 *     .model("openai/gpt-4o")
 *     .apiKey(System.getenv("OPENROUTER_API_KEY"))
 *     .timeout(Duration.ofMinutes(3))
 *     .build();
 * ChatModel model = Models.create(settings);
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class ModelSettings {
  private final ModelProvider provider;
  private final String model;
  private final String baseUrl;
  private final String apiKey;

  /** Null: none sent, the model's own. */
  private final Double temperature;

  private final Duration timeout;
  private final int maxRetries;
  private final int maxOutputTokens;
  private final ModelPrice price;
  private final Map<String, String> headers;

  private ModelSettings(Builder b) {
    price = b.price;
    headers = Map.copyOf(b.headers);
    provider = b.provider;
    model = b.model;
    baseUrl = b.baseUrl != null ? b.baseUrl : provider.defaultBaseUrl();
    apiKey = b.apiKey;
    temperature = b.temperature;
    timeout = b.timeout;
    maxRetries = b.maxRetries;
    maxOutputTokens = b.maxOutputTokens;
  }

  /** A builder for {@code provider}. */
  public static Builder builder(ModelProvider provider) {
    return new Builder(provider);
  }

  /**
   * Settings from environment variables, under the names the Rez app reads too: {@code
   * REZ_MODEL_PROVIDER} or {@code LLM_PROVIDER}, {@code REZ_MODEL} or {@code LLM_MODEL}, {@code
   * REZ_MODEL_BASE_URL} or {@code LLM_BASE_URL}, {@code REZ_MODEL_API_KEY} or {@code LLM_API_KEY}
   * (else {@code OPENROUTER_API_KEY}, {@code OPENAI_API_KEY} or {@code ANTHROPIC_API_KEY} by
   * provider), {@code REZ_MODEL_TEMPERATURE} or {@code LLM_TEMPERATURE} ({@code default}: none
   * sent, see {@link Builder#modelTemperature}), {@code REZ_MODEL_TIMEOUT_SECONDS} or {@code
   * LLM_TIMEOUT_SECONDS}, {@code REZ_MODEL_MAX_RETRIES} or {@code LLM_MAX_RETRIES}, {@code
   * REZ_MODEL_MAX_OUTPUT_TOKENS} or {@code LLM_MAX_OUTPUT_TOKENS}, {@code REZ_MODEL_PRICE} (USD per
   * million prompt and completion tokens, e.g. {@code 2.50/10.00}); for OpenRouter also {@code
   * OPENROUTER_REFERER} and {@code OPENROUTER_APP_TITLE} (sent as its attribution headers {@code
   * HTTP-Referer} and {@code X-Title}). Once a provider is named, every setting is read under the
   * same family of names as it ({@code REZ_MODEL…} or {@code LLM_…}); without one, the {@code
   * REZ_MODEL} name counts where both are set.
   *
   * <p>Without a provider: OpenRouter when a key is set ({@code REZ_MODEL_API_KEY}, {@code
   * LLM_API_KEY} or {@code OPENROUTER_API_KEY}), else the offline model; a model name without
   * either is refused rather than silently run by the offline model. The provider {@code openai}
   * with a base URL and no key is an {@code openai-compatible} server.
   *
   * @param env usually {@code System.getenv()}
   * @throws IllegalArgumentException naming the variable whose value is invalid, or the one that is
   *     missing
   */
  public static ModelSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    Env e = new Env(env);
    String providerName = e.setting("REZ_MODEL_PROVIDER", "LLM_PROVIDER");
    // A provider named under one family of names takes every setting from that family: a key set
    // for the app's provider is never sent to the library's.
    if (providerName != null) e.family = e.named;
    String key = e.setting("REZ_MODEL_API_KEY", "LLM_API_KEY");
    String model = e.setting("REZ_MODEL", "LLM_MODEL");
    String modelVariable = e.named;
    ModelProvider provider;
    if (providerName != null) provider = ModelProvider.parse(providerName);
    else if (key != null || e.get("OPENROUTER_API_KEY") != null)
      provider = ModelProvider.OPENROUTER;
    else if (model != null)
      throw new IllegalArgumentException(
          modelVariable
              + " is set but no provider: set REZ_MODEL_PROVIDER (openrouter, openai, anthropic or"
              + " openai-compatible) and its key; the offline model would ignore the model name");
    else provider = ModelProvider.OFFLINE;
    if (key == null) {
      key =
          switch (provider) {
            case OPENROUTER -> e.get("OPENROUTER_API_KEY");
            case OPENAI -> e.get("OPENAI_API_KEY");
            case ANTHROPIC -> e.get("ANTHROPIC_API_KEY");
            default -> null;
          };
    }
    String url = e.setting("REZ_MODEL_BASE_URL", "LLM_BASE_URL");
    if (provider == ModelProvider.OPENAI && url != null && key == null)
      provider = ModelProvider.OPENAI_COMPATIBLE;
    Builder b = builder(provider);
    if (model != null) b.model(model);
    if (url != null) {
      try {
        b.baseUrl(url);
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException(e.named + ": " + x.getMessage(), x);
      }
    }
    if (key != null) b.apiKey(key);
    String t = e.setting("REZ_MODEL_TEMPERATURE", "LLM_TEMPERATURE");
    if (t != null && t.equalsIgnoreCase("default")) b.modelTemperature();
    else if (t != null) b.temperature(number(e.named, t));
    String timeout = e.setting("REZ_MODEL_TIMEOUT_SECONDS", "LLM_TIMEOUT_SECONDS");
    if (timeout != null) b.timeout(Duration.ofSeconds((long) whole(e.named, timeout)));
    String retries = e.setting("REZ_MODEL_MAX_RETRIES", "LLM_MAX_RETRIES");
    if (retries != null) b.maxRetries(whole(e.named, retries));
    String max = e.setting("REZ_MODEL_MAX_OUTPUT_TOKENS", "LLM_MAX_OUTPUT_TOKENS");
    if (max != null) b.maxOutputTokens(whole(e.named, max));
    String price = e.get("REZ_MODEL_PRICE");
    if (price != null) b.price(price(e.named, price));
    if (provider == ModelProvider.OPENROUTER)
      b.openRouterAttribution(e.get("OPENROUTER_REFERER"), e.get("OPENROUTER_APP_TITLE"));
    return b.build();
  }

  /**
   * Reads variables by their names in order; {@code named} is the variable the last value read came
   * from, for the error that value may cause.
   */
  private static final class Env {
    private final Map<String, String> env;
    String named;

    /**
     * The provider's variable, whose family ({@code REZ_MODEL…} or {@code LLM_…}) counts; or null.
     */
    String family;

    Env(Map<String, String> env) {
      this.env = env;
    }

    /**
     * A setting given by its library name ({@code REZ_MODEL…}) or the app's ({@code LLM_…}): only
     * the provider's family once it is known, else the library's name first.
     */
    String setting(String rez, String llm) {
      if (family == null) return get(rez, llm);
      return family.startsWith("REZ_") ? get(rez) : get(llm);
    }

    /** The first of {@code names} that is set and not blank, stripped; null when none is. */
    String get(String... names) {
      for (String n : names) {
        String v = env.get(n);
        if (v != null && !v.isBlank()) {
          named = n;
          return v.strip();
        }
      }
      return null;
    }
  }

  private static double number(String name, String v) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number but was '" + v + "'");
    }
  }

  private static ModelPrice price(String name, String v) {
    try {
      return ModelPrice.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + (e.getMessage().startsWith("must be") ? " " : ": ") + e.getMessage(), e);
    }
  }

  private static int whole(String name, String v) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number but was '" + v + "'");
    }
  }

  /** The provider. */
  public ModelProvider provider() {
    return provider;
  }

  /** The model name, e.g. {@code openai/gpt-4o}; {@code offline} for the offline model. */
  public String model() {
    return model;
  }

  /** The base URL, null for the offline model. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The API key, null when none is needed (a local server, the offline model). */
  public String apiKey() {
    return apiKey;
  }

  /**
   * Sampling temperature, 0..2; empty when none is sent and the model uses its own (reasoning
   * models accept no other).
   */
  public java.util.OptionalDouble temperature() {
    return temperature == null
        ? java.util.OptionalDouble.empty()
        : java.util.OptionalDouble.of(temperature);
  }

  /** How long one HTTP request may take; reasoning models may need minutes. */
  public Duration timeout() {
    return timeout;
  }

  /** How often a retriable failure (HTTP 429, 5xx, timeout) is retried. */
  public int maxRetries() {
    return maxRetries;
  }

  /** The completion-token limit per model turn. */
  public int maxOutputTokens() {
    return maxOutputTokens;
  }

  /**
   * The model's price, to record each decision's cost ({@link Agent.Builder#price}), if configured.
   */
  public java.util.Optional<ModelPrice> price() {
    return java.util.Optional.ofNullable(price);
  }

  /**
   * Extra HTTP headers sent with every request (OpenAI-style providers), e.g. OpenRouter's
   * attribution.
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** A builder holding these settings. */
  public Builder newBuilder() {
    Builder b =
        builder(provider)
            .model(model)
            .apiKey(apiKey)
            .timeout(timeout)
            .maxRetries(maxRetries)
            .maxOutputTokens(maxOutputTokens)
            .price(price);
    b.temperature = temperature;
    b.baseUrl = baseUrl;
    b.headers.putAll(headers);
    return b;
  }

  /**
   * {@code url} as it may be shown: without user info (a password), query and fragment (a key
   * passed as a parameter); a value that is not a URL is not shown at all.
   */
  private static String shown(String url) {
    if (url == null) return null;
    try {
      java.net.URI u = new java.net.URI(url);
      return new java.net.URI(
              u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
          .toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return "(not a URL)";
    }
  }

  /**
   * Whether a request to {@code uri} would carry a secret in clear text to another machine: plain
   * http to a host that is not loopback, with an API key, or with credentials in the URL (user info
   * or a query). A keyless server on the local network is reached over plain http.
   */
  private static boolean clearTextSecret(java.net.URI uri, boolean keyed) {
    return "http".equalsIgnoreCase(uri.getScheme()) && dev.rez.core.Hosts.secretInClear(uri, keyed);
  }

  /** The settings without the API key's value, nor any secret the base URL holds. */
  @Override
  public String toString() {
    return "ModelSettings{provider="
        + provider.id()
        + ", model="
        + model
        + ", baseUrl="
        + shown(baseUrl)
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", temperature="
        + (temperature == null ? "default" : temperature)
        + ", timeout="
        + timeout
        + ", maxRetries="
        + maxRetries
        + ", maxOutputTokens="
        + maxOutputTokens
        + (price == null ? "" : ", price=" + price)
        + (headers.isEmpty() ? "" : ", headers=" + headers.keySet())
        + "}";
  }

  /** Builds {@link ModelSettings}. Not threadsafe. */
  public static final class Builder {
    private final ModelProvider provider;
    private String model;
    private String baseUrl;
    private String apiKey;
    private Double temperature = 0.2;
    private Duration timeout = Duration.ofMinutes(3);
    private int maxRetries = 2;
    private int maxOutputTokens = 4096;
    private ModelPrice price;
    private final Map<String, String> headers = new java.util.LinkedHashMap<>();

    private Builder(ModelProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider == null");
      if (provider == ModelProvider.OFFLINE) model = "offline";
    }

    /** The model name as the provider knows it. Required except for the offline model. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model == null");
      if (model.isBlank()) throw new IllegalArgumentException("model must not be blank");
      this.model = model;
      return this;
    }

    /**
     * Overrides the provider's base URL; required for {@link ModelProvider#OPENAI_COMPATIBLE}. The
     * API key travels with every request: plain {@code http} only to a loopback host (a local
     * server), {@code https} otherwise.
     *
     * @throws IllegalArgumentException for a value that is not an http(s) URL with a host, or plain
     *     http to another host; the message shows the URL without its user info and query
     */
    public Builder baseUrl(String url) {
      Objects.requireNonNull(url, "baseUrl == null");
      java.net.URI uri;
      try {
        uri = new java.net.URI(url);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("baseUrl is not a URL: '" + shown(url) + "'");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException(
            "baseUrl must start with http:// or https:// but was '" + shown(url) + "'");
      }
      if (uri.getHost() == null)
        throw new IllegalArgumentException(
            "baseUrl must be a URL with a host but was '" + shown(url) + "'");
      if (clearTextSecret(uri, false))
        throw new IllegalArgumentException(
            "baseUrl must use https for a host that is not loopback when it carries credentials,"
                + " but was '"
                + shown(url)
                + "'");
      this.baseUrl = url;
      return this;
    }

    /** The API key. It is never logged nor shown by {@code toString()}. */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** Sampling temperature, default 0.2 (0..2). */
    public Builder temperature(double t) {
      if (!(t >= 0 && t <= 2))
        throw new IllegalArgumentException("temperature must be in 0..2 but was " + t);
      this.temperature = t;
      return this;
    }

    /**
     * Sends no temperature: the model uses its own. Needed for OpenAI's reasoning models (o-series,
     * gpt-5), which refuse any other.
     */
    public Builder modelTemperature() {
      this.temperature = null;
      return this;
    }

    /** The HTTP request timeout, default 3 minutes. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero())
        throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
      this.timeout = timeout;
      return this;
    }

    /** Retries of retriable failures, default 2 (0..10). */
    public Builder maxRetries(int retries) {
      if (retries < 0 || retries > 10)
        throw new IllegalArgumentException("maxRetries must be in 0..10 but was " + retries);
      this.maxRetries = retries;
      return this;
    }

    /** The completion-token limit per model turn, default 4096. */
    public Builder maxOutputTokens(int tokens) {
      if (tokens < 1)
        throw new IllegalArgumentException("maxOutputTokens must be >= 1 but was " + tokens);
      this.maxOutputTokens = tokens;
      return this;
    }

    /** The model's price in USD per million tokens, null for none. */
    public Builder price(ModelPrice price) {
      this.price = price;
      return this;
    }

    /**
     * Adds an HTTP header sent with every request to an OpenAI-style provider (OpenRouter, OpenAI,
     * a compatible server). Anthropic's client ignores it.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"))
        throw new IllegalArgumentException("not an HTTP header name: '" + name + "'");
      if (value.chars().anyMatch(c -> c == '\r' || c == '\n'))
        throw new IllegalArgumentException("header " + name + " must not contain a line break");
      headers.put(name, value.strip());
      return this;
    }

    /**
     * OpenRouter's app attribution: {@code HTTP-Referer} (your site's URL) and {@code X-Title}
     * (your app's name). Null or blank values are skipped.
     */
    public Builder openRouterAttribution(String referer, String appTitle) {
      if (referer != null && !referer.isBlank()) header("HTTP-Referer", referer);
      if (appTitle != null && !appTitle.isBlank()) header("X-Title", appTitle);
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when the model, a compatible server's base URL, or a hosted
     *     provider's API key is missing
     */
    public ModelSettings build() {
      if (model == null)
        throw new IllegalArgumentException(
            "model is required for provider " + provider.id() + " (REZ_MODEL or LLM_MODEL)");
      if (provider == ModelProvider.OPENAI_COMPATIBLE && baseUrl == null) {
        throw new IllegalArgumentException(
            "baseUrl is required for provider openai-compatible (REZ_MODEL_BASE_URL or LLM_BASE_URL)");
      }
      boolean hosted =
          provider == ModelProvider.OPENROUTER
              || provider == ModelProvider.OPENAI
              || provider == ModelProvider.ANTHROPIC;
      if (hosted && (apiKey == null || apiKey.isBlank())) {
        throw new IllegalArgumentException(
            "apiKey is required for provider "
                + provider.id()
                + " (REZ_MODEL_API_KEY or LLM_API_KEY)");
      }
      if (baseUrl != null
          && clearTextSecret(java.net.URI.create(baseUrl), apiKey != null && !apiKey.isBlank()))
        throw new IllegalArgumentException(
            "baseUrl must use https for a host that is not loopback, since the API key goes with"
                + " every request, but was '"
                + shown(baseUrl)
                + "' (REZ_MODEL_BASE_URL or LLM_BASE_URL)");
      return new ModelSettings(this);
    }
  }
}
