package dev.rez.app.loop;

import dev.rez.agent.Agent;
import dev.rez.agent.AgentDecision;
import dev.rez.agent.AgentResult;
import dev.rez.agent.ContextBuilder;
import dev.rez.agent.TokenUsage;
import dev.rez.agent.Transcript;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.Candle;
import dev.rez.core.Diary;
import dev.rez.core.OpenOrder;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one cycle's market and account snapshot into trade decisions, answered in rez-agent's own
 * terms: an {@link AgentResult} with a decision per asset, the {@link Transcript} of how it got
 * there (its entries, tokens and cost) and the context payload it decided on. The trading loop
 * calls it once per cycle; {@link #agent} adapts an {@link Agent}, and a script answers with {@link
 * #decisions}.
 *
 * <pre>{@code
 * DecisionMaker holdAll = request -> DecisionMaker.decisions(
 *     request.assets().stream().map(a -> TradeDecision.hold(a, "no edge")).toList());
 * }</pre>
 *
 * <p>The loop executes each decision's {@link AgentDecision#proposal() proposal} only after judging
 * it with its own risk policy: that check is the authority. The verdict an {@link AgentDecision}
 * carries is the agent's check, advice the model heard while deciding; the loop neither executes
 * nor records it. A result with an {@link AgentResult#error() error} counts towards safe mode and
 * none of its decisions is executed.
 *
 * <p>Implementations need not be threadsafe: the loop calls them from one thread at a time.
 */
@FunctionalInterface
public interface DecisionMaker {
  /**
   * Decides for the assets of {@code request}: at most one decision per asset; assets without one
   * are held.
   *
   * @throws RuntimeException when no valid decision could be made (model error, timeout, invalid
   *     output): the loop records it, counts it towards safe mode and opens nothing this cycle
   */
  AgentResult decide(Request request);

  /**
   * Tells the decision maker what became of one of its proposals after it left {@link #decide}: for
   * example that it was not sent because the price moved while the model was thinking. An
   * implementation with a memory of its decisions records it there, so the model hears it next
   * cycle. Called on the loop's thread; by default ignored.
   *
   * @param outcome a sentence for the model
   */
  default void feedback(TradeDecision proposal, String outcome) {}

  /** The model's name for the status and the diary ({@code provider/model}). */
  default String name() {
    return getClass().getSimpleName();
  }

  /** A scripted result: {@code decisions}, no transcript, no tokens. */
  static AgentResult decisions(List<TradeDecision> decisions) {
    return decisions(decisions, TokenUsage.ZERO);
  }

  /**
   * A scripted result: {@code decisions} with the tokens they are said to have cost, and no
   * transcript. The agent's verdict each decision carries approves it unchanged: a script has no
   * check of its own (the loop's is the one that counts).
   */
  static AgentResult decisions(List<TradeDecision> decisions, TokenUsage tokens) {
    List<AgentDecision> out = new ArrayList<>();
    for (TradeDecision d : decisions)
      out.add(new AgentDecision(d, new RiskVerdict(RiskVerdict.Outcome.APPROVED, d, List.of())));
    return new AgentResult(
        out,
        "",
        null,
        new Transcript(Instant.EPOCH, Duration.ZERO, "scripted", List.of(), tokens, null));
  }

  /**
   * The decision maker over rez-agent's {@link Agent}: builds the context payload with {@code
   * contexts} (candles, indicators, account and orders read from the exchange) and lets the agent
   * decide. The context's short memory is read from {@code diary} (the diary the loop writes to):
   * the agent's last decisions per asset with what came of them on the exchange (filled or not,
   * exit kind, realised PnL, fees, holding time), rebuilt when the app restarts.
   *
   * <pre>{@code
   * Agent agent = Agent.builder().chatModel(Models.offline()).modelName("offline-rules")
   *     .riskPolicy(policy).marketData(hl).exchange(hl).build();
   * DecisionMaker dm = DecisionMaker.agent(agent, ContextBuilder.builder(hl, hl, limits).build(), 10, diary);
   * }</pre>
   *
   * @param memorySize how many recent decisions per asset to remember for the context, 0..100
   */
  static DecisionMaker agent(Agent agent, ContextBuilder contexts, int memorySize, Diary diary) {
    Objects.requireNonNull(agent, "agent == null");
    Objects.requireNonNull(contexts, "contexts == null");
    Objects.requireNonNull(diary, "diary == null");
    DiaryMemory memory = new DiaryMemory(memorySize);
    return new DecisionMaker() {
      @Override
      public AgentResult decide(Request request) {
        memory.catchUp(diary);
        return agent.decide(contexts.build(request.assets(), memory.entries()));
      }

      @Override
      public String name() {
        return agent.modelName();
      }
    };
  }

  /**
   * What the decision maker sees.
   *
   * @param cycle the cycle number
   * @param time the cycle's time
   * @param assets the configured assets, in order
   * @param account the account now
   * @param openOrders the orders resting now, including take-profit and stop-loss triggers
   * @param candles per asset the recent candles from the exchange, oldest first (empty when the
   *     loop is configured to leave candle reading to the decision maker)
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
}
