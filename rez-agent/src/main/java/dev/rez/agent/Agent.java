package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import dev.rez.core.Exchange;
import dev.rez.core.MarketData;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * A trading agent: it hands a {@link ContextPayload} to a chat model, lets it call {@link Tool}s
 * for more data, and returns its decision for each asset, checked by the {@link RiskPolicy}, with
 * the full {@link Transcript}.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *     .chatModel(Models.offline())                  // or Models.create(ModelSettings.fromEnvironment(System.getenv()))
 *     .riskPolicy(new RiskPolicy(RiskProfile.MODERATE.limits(), Clock.systemUTC()))
 *     .marketData(marketData)
 *     .exchange(exchange)                          // read only: account state and open orders
 *     .tool(new MyTool())
 *     .build();
 * AgentResult result = agent.decide(contexts.build(List.of(Asset.of("BTC")), List.of()));
 * }</pre>
 *
 * <p>{@link #decide} never throws because of the model: a provider error, a timeout, an answer
 * without a decision or a model that keeps calling tools ends in HOLD decisions whose rationale
 * says what went wrong. The agent never trades: executing {@link AgentDecision#executable()} is the
 * caller's job.
 *
 * <p>The agent's {@link RiskPolicy} check is advice the model hears: a proposal it rejects or clips
 * is reported back to the model in the tool's answer, so that the model can correct it within the
 * same decision. It is not the authority: the caller that trades judges every decision again with
 * its own risk policy before sending an order (Rez's trading loop does, and records that verdict).
 *
 * <p>This class is immutable and threadsafe if its tools and chat model are.
 */
public final class Agent {
  /** The version of the default system prompt. */
  public static final String PROMPT_VERSION = "rez.prompt/1";

  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ReActLoop.Config config;
  private final List<String> toolNames;

  private Agent(ReActLoop.Config config, List<String> toolNames) {
    this.config = config;
    this.toolNames = toolNames;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decides on every asset of {@code context}.
   *
   * @return one decision per asset, the model's summary and the transcript; never throws because of
   *     the model, the tools or the venue: a failure ends in HOLD decisions that say what went
   *     wrong
   */
  public AgentResult decide(ContextPayload context) {
    Objects.requireNonNull(context, "context == null");
    return ReActLoop.run(config, context, null);
  }

  /**
   * Decides on every asset of {@code context}, telling {@code listener} about each transcript entry
   * as it happens.
   *
   * @return one decision per asset, the model's summary and the transcript
   */
  public AgentResult decide(ContextPayload context, TranscriptListener listener) {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(listener, "listener == null");
    return ReActLoop.run(config, context, listener);
  }

  /** The model's name as given to the builder (recorded in every transcript). */
  public String modelName() {
    return config.modelName();
  }

  /** The names of the tools offered to the model, built-in ones first. */
  public List<String> toolNames() {
    return toolNames;
  }

  /** The system prompt the model receives (with the risk profile filled in). */
  public String systemPrompt() {
    return config.systemPrompt();
  }

  /**
   * The version a custom system prompt is recorded with: {@code custom/sha256:} and the first 16
   * hex digits of the SHA-256 of its UTF-8 text (before the placeholders are filled in).
   */
  public static String customPromptVersion(String prompt) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "custom/sha256:" + java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The default system prompt for {@code limits}: the versioned resource with the profile's numbers
   * filled in.
   */
  public static String defaultSystemPrompt(RiskLimits limits) {
    return render(resource("prompts/system-v1.md"), limits);
  }

  /** The documented JSON decision format the model is asked for when it cannot call tools. */
  public static String decisionFormat() {
    return resource("prompts/decision-format-v1.md").strip();
  }

  static String render(String template, RiskLimits l) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("profile", l.profile());
    v.put("leverageMin", String.valueOf(Math.min(l.minLeverage(), l.effectiveMaxLeverage())));
    v.put("leverageMax", String.valueOf(l.effectiveMaxLeverage()));
    v.put("marginMin", percent(l.minMarginFraction()));
    v.put("marginMax", percent(l.maxMarginFraction()));
    v.put("minOrder", l.minOrderValue().stripTrailingZeros().toPlainString());
    v.put(
        "maxPosition",
        l.maxPositionNotional() == null
            ? ""
            : ", never more than $"
                + l.maxPositionNotional().stripTrailingZeros().toPlainString()
                + " per position");
    v.put("stopMin", percent(l.minStopDistance()));
    v.put("stopMax", percent(l.maxStopDistance()));
    v.put("minRewardRisk", l.minRewardRisk().stripTrailingZeros().toPlainString());
    v.put("confluence", confluence(l.minConfirmingSignals()));
    String out = template;
    for (Map.Entry<String, String> e : v.entrySet())
      out = out.replace("{{" + e.getKey() + "}}", e.getValue());
    return out.strip();
  }

  /** The entry rule of a profile, as the prompt states it. */
  static String confluence(int signals) {
    String families =
        "trend (EMA 12/26 alignment, price against EMA 50), momentum (RSI 14 against 50, MACD histogram sign) and "
            + "volatility/structure (Bollinger position, ATR)";
    return switch (signals) {
      case 0 -> "Confluence: none required; any clear setup may be traded, at the smallest size.";
      case 1 ->
          "Confluence: enter when at least 1 clear signal supports the trade and none of "
              + families
              + " strongly contradicts it.";
      default ->
          "Confluence: enter only when at least "
              + signals
              + " independent signals agree among "
              + families
              + ", on the short interval and not against the long interval's trend; otherwise hold.";
    };
  }

  private static String percent(BigDecimal fraction) {
    return fraction.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + " %";
  }

  private static String resource(String name) {
    try (InputStream in = Agent.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource dev/rez/agent/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Configures an {@link Agent}. Not threadsafe. */
  public static final class Builder {
    private ChatModel chatModel;
    private String modelName = "custom";
    private ChatModel repairModel;
    private final List<Tool> tools = new ArrayList<>();
    private String systemPrompt;
    private int maxSteps = 6;
    private Duration maxWallTime = Duration.ofMinutes(5);
    private long maxTokens = 200_000;
    private RiskPolicy riskPolicy;
    private MarketData marketData;
    private Exchange exchange;
    private Clock clock = Clock.systemUTC();
    private boolean toolCalling = true;
    private ModelPrice price;
    private ModelPrice repairPrice;

    private Builder() {}

    /**
     * The model that reasons: a provider from {@link Models#create}, {@link Models#offline()}, or
     * any langchain4j model.
     */
    public Builder chatModel(ChatModel model) {
      this.chatModel = Objects.requireNonNull(model, "chatModel == null");
      return this;
    }

    /** The model's name for the transcript, default {@code custom}. */
    public Builder modelName(String name) {
      this.modelName = Objects.requireNonNull(name, "modelName == null");
      return this;
    }

    /**
     * An optional, usually cheaper, model that reshapes an answer the main model wrote in a
     * malformed format into the JSON decision format without changing its intent. Used only after
     * one corrective retry failed. Its turn is one of the decision's: it has a step of its own in
     * the transcript ({@link ModelRole#REPAIR}), its tokens count towards {@link #maxTokens} and
     * the decision's usage, and they are priced at {@link #repairPrice}.
     */
    public Builder repairModel(ChatModel model) {
      this.repairModel = model;
      return this;
    }

    /**
     * The repair model's price, for the cost of its turns; without one they are priced at the main
     * model's {@link #price}.
     */
    public Builder repairPrice(ModelPrice price) {
      this.repairPrice = price;
      return this;
    }

    /** Offers {@code tool} to the model, in addition to the built-in tools. */
    public Builder tool(Tool tool) {
      tools.add(Objects.requireNonNull(tool, "tool == null"));
      return this;
    }

    /** Offers every tool of {@code tools}. */
    public Builder tools(Collection<? extends Tool> tools) {
      for (Tool t : Objects.requireNonNull(tools, "tools == null")) tool(t);
      return this;
    }

    /**
     * Offers every {@link Tool} listed in {@code META-INF/services/dev.rez.agent.Tool} on the
     * context class loader.
     */
    public Builder discoverTools() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return discoverTools(loader != null ? loader : Agent.class.getClassLoader());
    }

    /** Offers every {@link Tool} that {@link ServiceLoader} finds through {@code loader}. */
    public Builder discoverTools(ClassLoader loader) {
      for (Tool t : ServiceLoader.load(Tool.class, loader)) tool(t);
      return this;
    }

    /**
     * Replaces the default system prompt (see {@link Agent#defaultSystemPrompt}). Placeholders such
     * as {@code {{profile}}}, {@code {{leverageMax}}}, {@code {{minRewardRisk}}} and {@code
     * {{confluence}}} are filled in. The transcript records its version as {@code
     * custom/sha256:<first 16 hex digits of the SHA-256 of this text>}, so a record shows which
     * prompt a decision was made with.
     */
    public Builder systemPrompt(String prompt) {
      Objects.requireNonNull(prompt, "systemPrompt == null");
      if (prompt.isBlank()) throw new IllegalArgumentException("systemPrompt must not be blank");
      this.systemPrompt = prompt;
      return this;
    }

    /** The most model turns per decision, default 6 (1..50). */
    public Builder maxSteps(int steps) {
      if (steps < 1 || steps > 50)
        throw new IllegalArgumentException("maxSteps must be in 1..50 but was " + steps);
      this.maxSteps = steps;
      return this;
    }

    /** The longest one decision may take, model calls and tools included, default 5 minutes. */
    public Builder maxWallTime(Duration time) {
      Objects.requireNonNull(time, "maxWallTime == null");
      if (time.isNegative() || time.isZero())
        throw new IllegalArgumentException("maxWallTime must be > 0 but was " + time);
      this.maxWallTime = time;
      return this;
    }

    /**
     * The most tokens (prompt + completion, all turns) one decision may use, default 200,000. It
     * binds every turn: a turn whose expected input (the previous turn's tokens, which the next one
     * reads again, plus about one token per 3 characters added since) does not fit in what remains
     * is not sent, and the decision ends in HOLD decisions as when the budget is spent; otherwise
     * the turn asks for at most the rest as output, when that is below the model's own maximum
     * (below 4,096 when the model does not say its maximum). A decision goes over only by the
     * provider counting a turn's new input higher than that estimate, or by a model that does not
     * say its maximum writing more than the rest while the rest is 4,096 or more; the models of
     * {@link Models#create} say theirs.
     */
    public Builder maxTokens(long tokens) {
      if (tokens < 1)
        throw new IllegalArgumentException("maxTokens must be >= 1 but was " + tokens);
      this.maxTokens = tokens;
      return this;
    }

    /** The policy every proposal is checked against. Required. */
    public Builder riskPolicy(RiskPolicy policy) {
      this.riskPolicy = Objects.requireNonNull(policy, "riskPolicy == null");
      return this;
    }

    /** Where tools read market data. Required. */
    public Builder marketData(MarketData marketData) {
      this.marketData = Objects.requireNonNull(marketData, "marketData == null");
      return this;
    }

    /**
     * Where tools read the account and open orders. Required. The agent never calls its trading
     * methods.
     */
    public Builder exchange(Exchange exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange == null");
      return this;
    }

    /**
     * The clock tools read "now" from, default the system UTC clock (a stepped clock in backtests).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Whether to offer tools to the model natively, default true. When false (or when the provider
     * refuses tool definitions) the model is asked to answer in the JSON decision format instead.
     */
    public Builder toolCalling(boolean enabled) {
      this.toolCalling = enabled;
      return this;
    }

    /** The model's price, to record each decision's cost; none by default. */
    public Builder price(ModelPrice price) {
      this.price = price;
      return this;
    }

    /**
     * The agent.
     *
     * @throws IllegalStateException when a required setting is missing
     * @throws IllegalArgumentException when a tool's name is invalid or taken, or its schema is not
     *     a JSON object schema
     */
    public Agent build() {
      if (chatModel == null) throw new IllegalStateException("chatModel is required");
      if (riskPolicy == null) throw new IllegalStateException("riskPolicy is required");
      if (marketData == null) throw new IllegalStateException("marketData is required");
      if (exchange == null) throw new IllegalStateException("exchange is required");
      Map<String, Tool> byName = new LinkedHashMap<>();
      Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
      List<ToolSpecification> specs = new ArrayList<>();
      List<Tool> all = new ArrayList<>(BuiltinTools.all());
      all.addAll(tools);
      for (Tool t : all) {
        String name = t.name();
        if (name == null || !TOOL_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "tool name must be 1-64 letters, digits, _ or - but was '"
                  + name
                  + "' ("
                  + t.getClass().getName()
                  + ")");
        }
        if (byName.containsKey(name))
          throw new IllegalArgumentException(
              "tool name '" + name + "' is used twice (" + t.getClass().getName() + ")");
        if (t.description() == null || t.description().isBlank())
          throw new IllegalArgumentException("tool '" + name + "' needs a description");
        Map<String, Object> schema = Schema.parseToolSchema(name, t.parameters());
        byName.put(name, t);
        schemas.put(name, schema);
        specs.add(Lc4j.specification(t, schema));
      }
      String prompt =
          systemPrompt == null
              ? defaultSystemPrompt(riskPolicy.limits())
              : render(systemPrompt, riskPolicy.limits());
      String version = systemPrompt == null ? PROMPT_VERSION : customPromptVersion(systemPrompt);
      ReActLoop.Config config =
          new ReActLoop.Config(
              chatModel,
              modelName,
              repairModel,
              java.util.Collections.unmodifiableMap(byName),
              java.util.Collections.unmodifiableMap(schemas),
              List.copyOf(specs),
              prompt,
              version,
              decisionFormat(),
              maxSteps,
              maxWallTime,
              maxTokens,
              riskPolicy,
              marketData,
              exchange,
              clock,
              toolCalling,
              price,
              repairPrice);
      return new Agent(config, List.copyOf(byName.keySet()));
    }
  }
}
