package dev.rez.app.loop;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.Candle;
import dev.rez.core.OpenOrder;
import dev.rez.core.RiskLimits;
import dev.rez.core.TradeDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one cycle's market and account snapshot into trade decisions, with the transcript of how it got there.
 * The trading loop calls it once per cycle; an adapter over the agent implements it, and tests script it.
 *
 * <pre>{@code
 * DecisionMaker holdAll = request -> new DecisionMaker.Outcome(
 *     request.assets().stream().map(a -> TradeDecision.hold(a, "no edge")).toList(),
 *     null, null, List.of(), DecisionMaker.Tokens.NONE);
 * }</pre>
 *
 * <p>Implementations need not be threadsafe: the loop calls them from one thread at a time.
 */
@FunctionalInterface
public interface DecisionMaker {
  /**
   * Decides for the assets of {@code request}.
   *
   * @throws RuntimeException when no valid decision could be made (model error, timeout, invalid output): the loop
   *     records it, counts it towards safe mode and opens nothing this cycle
   */
  Outcome decide(Request request);

  /**
   * Tells the decision maker what became of one of its proposals after it left {@link #decide}: for example that
   * it was not sent because the price moved while the model was thinking. An implementation with a memory of its
   * decisions records it there, so the model hears it next cycle. Called on the loop's thread; by default ignored.
   *
   * @param outcome a sentence for the model
   */
  default void feedback(TradeDecision proposal, String outcome) {}

  /** The model's name for the status and the diary ({@code provider/model}). */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * What the decision maker sees.
   *
   * @param cycle the cycle number
   * @param time the cycle's time
   * @param assets the configured assets, in order
   * @param account the account now
   * @param openOrders the orders resting now, including take-profit and stop-loss triggers
   * @param candles per asset the recent candles from the exchange, oldest first (empty when the loop is configured
   *     to leave candle reading to the decision maker)
   * @param markets per asset the mark price, funding and open interest
   * @param limits the risk limits every decision is judged by
   * @param entriesAllowed false when new positions will be refused whatever is decided
   * @param restriction why entries are not allowed, null when they are
   */
  record Request(
      long cycle,
      Instant time,
      List<Asset> assets,
      AccountState account,
      List<OpenOrder> openOrders,
      Map<Asset, List<Candle>> candles,
      Map<Asset, AssetContext> markets,
      RiskLimits limits,
      boolean entriesAllowed,
      String restriction) {
    public Request {
      Objects.requireNonNull(time, "time == null");
      assets = List.copyOf(assets);
      Objects.requireNonNull(account, "account == null");
      openOrders = List.copyOf(openOrders);
      candles = Map.copyOf(candles);
      markets = Map.copyOf(markets);
      Objects.requireNonNull(limits, "limits == null");
    }
  }

  /**
   * What the decision maker decided and how.
   *
   * @param decisions at most one per asset; assets without a decision are held
   * @param contextJson the context payload given to the model, a JSON object, or null
   * @param prompt the prompt, or null
   * @param steps the transcript: reasoning turns and tool calls, in order
   * @param tokens the tokens used
   * @param error why the decision failed (model error, timeout, invalid output) while a transcript exists, or null;
   *     a failed outcome counts towards safe mode and none of its decisions is executed
   */
  record Outcome(List<TradeDecision> decisions, String contextJson, Prompt prompt, List<Step> steps, Tokens tokens, String error) {
    public Outcome {
      decisions = List.copyOf(decisions);
      steps = List.copyOf(steps);
      Objects.requireNonNull(tokens, "tokens == null");
    }

    /** A successful outcome. */
    public Outcome(List<TradeDecision> decisions, String contextJson, Prompt prompt, List<Step> steps, Tokens tokens) {
      this(decisions, contextJson, prompt, steps, tokens, null);
    }
  }

  /**
   * The prompt sent to the model.
   *
   * @param system the system prompt
   * @param user the user message
   * @param version the system prompt's version ({@code rez.prompt/1}, {@code custom/sha256:…}), or null
   */
  record Prompt(String system, String user, String version) {
    /** A prompt of unknown version. */
    public Prompt(String system, String user) {
      this(system, user, null);
    }
  }

  /** A transcript step. */
  sealed interface Step {
    /** The step's index in the transcript, from 1. */
    int step();
  }

  /**
   * An assistant turn's text.
   *
   * @param step index from 1
   * @param text what the model wrote
   */
  record Reasoning(int step, String text) implements Step {}

  /**
   * One tool call and its result.
   *
   * @param step index from 1
   * @param tool the tool's name
   * @param argumentsJson the arguments as JSON text
   * @param result the result text, null when it failed
   * @param error the error text, null when it succeeded
   * @param durationMs how long the tool ran
   */
  record ToolCall(int step, String tool, String argumentsJson, String result, String error, long durationMs) implements Step {}

  /**
   * The model's answer of one turn, as it came back: what a cassette needs to play the turn again without the model
   * (diary event {@code model-answer}).
   *
   * @param step index from 1
   * @param requestHash the fingerprint of the request it answered ({@code CassetteModel.hash})
   * @param text the answer's text
   * @param thinking the answer's separate thinking (empty when none)
   * @param tools the tools it called, in order
   * @param arguments each call's arguments as the model wrote them
   * @param tokens the tokens of this turn
   */
  record ModelAnswer(int step, String requestHash, String text, String thinking, List<String> tools, List<String> arguments, Tokens tokens)
      implements Step {
    public ModelAnswer {
      Objects.requireNonNull(requestHash, "requestHash == null");
      Objects.requireNonNull(text, "text == null");
      Objects.requireNonNull(thinking, "thinking == null");
      tools = List.copyOf(tools);
      arguments = List.copyOf(arguments);
      Objects.requireNonNull(tokens, "tokens == null");
    }
  }

  /**
   * Token usage.
   *
   * @param input prompt tokens
   * @param output completion tokens
   */
  record Tokens(long input, long output) {
    /** No tokens (an offline model). */
    public static final Tokens NONE = new Tokens(0, 0);

    public Tokens {
      if (input < 0 || output < 0) throw new IllegalArgumentException("tokens must be >= 0 but were " + input + "/" + output);
    }

    /** input + output. */
    public long total() {
      return input + output;
    }

    /** The sum of both usages. */
    public Tokens plus(Tokens other) {
      return new Tokens(input + other.input, output + other.output);
    }
  }
}
