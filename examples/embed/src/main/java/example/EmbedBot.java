package example;

import dev.rez.agent.Agent;
import dev.rez.agent.AgentDecision;
import dev.rez.agent.AgentResult;
import dev.rez.agent.ContextBuilder;
import dev.rez.agent.ContextPayload;
import dev.rez.agent.Models;
import dev.rez.agent.ScriptedChatModel;
import dev.rez.agent.Tool;
import dev.rez.agent.ToolArguments;
import dev.rez.agent.ToolContext;
import dev.rez.agent.ToolResult;
import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.langchain4j.model.chat.ChatModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rez embedded in a bot: the agent (with one custom tool) decides, the risk policy checks, and the bot trades the
 * approved decision with a take-profit and a stop-loss on the embedded Hyperliquid simulator.
 *
 * <p>Run with no argument for a scripted model (always the same trade), or with {@code offline} for Rez's
 * rule-based model (it may decide to hold). Throws when the trade did not end protected.
 */
public final class EmbedBot {
  private static final Asset BTC = Asset.of("BTC");

  /** A custom tool: the model may call it like any built-in tool. */
  static final class FearGreed implements Tool {
    @Override public String name() { return "get_fear_greed"; }
    @Override public String description() { return "Crypto fear & greed index, 0 (fear) to 100 (greed)."; }
    @Override public String parameters() { return "{\"type\":\"object\",\"properties\":{}}"; }
    @Override public ToolResult execute(ToolArguments args, ToolContext ctx) { return ToolResult.of(Map.of("value", 38, "label", "fear")); }
  }

  public static void main(String[] args) {
    boolean offline = args.length > 0 && args[0].equals("offline");
    // A throwaway key for the simulated account; a real bot reads its agent-wallet key from the environment.
    PrivateKeySigner signer = PrivateKeySigner.fromHex("4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
    try (HyperliquidSimulator sim = HyperliquidSimulator.builder()
        .synthetic("BTC", 60_000, 5, 20).interval(Interval.M5).history(300).steppedClock()
        .fund(signer.address(), new BigDecimal("10000")).start()) {
      HyperliquidExchange hl = HyperliquidExchange.builder().baseUrl(sim.baseUrl()).signer(signer).build();

      // 1. The risk policy: a profile's limits, only BTC.
      RiskLimits limits = RiskProfile.MODERATE.limits().toBuilder().allowedAssets(Set.of(BTC)).build();
      RiskPolicy policy = new RiskPolicy(limits, sim.clock());

      // 2. The agent, with the custom tool.
      BigDecimal mark = hl.mids().get(BTC);
      Agent agent = Agent.builder()
          .chatModel(offline ? Models.offline() : scripted(mark))
          .modelName(offline ? "offline" : "scripted")
          .riskPolicy(policy).marketData(hl).exchange(hl).clock(sim.clock())
          .tool(new FearGreed())
          .build();

      // 3. One decision, checked by the risk policy.
      ContextPayload context = ContextBuilder.builder(hl, hl, limits).intervals(Interval.M5, Interval.H1).clock(sim.clock()).build()
          .build(List.of(BTC), List.of());
      AgentResult result = agent.decide(context);
      AgentDecision decision = result.decision(BTC).orElseThrow();
      System.out.println("verdict:  " + decision.verdict().outcome() + " " + decision.verdict().summary());
      TradeDecision d = decision.executable();
      System.out.println("decision: " + d.action() + " " + d.asset().name() + " " + d.rationale());
      if (!d.action().opens()) {
        if (!offline) throw new IllegalStateException("the scripted long was not approved: " + decision.verdict().summary());
        System.out.println("nothing to trade");
        return;
      }

      // 4. Trade it: an aggressive entry with its take-profit and stop-loss in one request.
      List<OrderResult> results = trade(hl, d, mark);
      results.forEach(r -> System.out.println("order:    " + r));

      // 5. Check: a position, protected by a take-profit and a stop-loss on the exchange.
      AccountState account = hl.accountState();
      List<OpenOrder> triggers = hl.openOrders().stream().filter(OpenOrder::isTrigger).toList();
      System.out.println("position: " + account.position(BTC).map(p -> p.size().toPlainString() + " BTC @ " + p.entryPrice().toPlainString()).orElse("none"));
      System.out.println("triggers: " + triggers.size() + " " + triggers.stream().map(o -> o.side() + "@" + o.triggerPrice().toPlainString()).toList());
      if (account.position(BTC).isEmpty() || triggers.size() != 2) throw new IllegalStateException("the position is not protected");
      System.out.println("OK: traded with take-profit and stop-loss");
    }
  }

  /** A model that asks the custom tool, then proposes a long with a 2 % stop and a 4 % target. */
  static ChatModel scripted(BigDecimal mark) {
    BigDecimal tp = mark.multiply(new BigDecimal("1.04")).setScale(0, RoundingMode.HALF_UP);
    BigDecimal sl = mark.multiply(new BigDecimal("0.98")).setScale(0, RoundingMode.HALF_UP);
    return ScriptedChatModel.of(
        ScriptedChatModel.turn("Checking the crowd first.", "get_fear_greed", "{}"),
        ScriptedChatModel.turn("Fear with a rising trend: a small long.", "open_long",
            "{\"asset\":\"BTC\",\"size_usd\":500,\"leverage\":3,\"take_profit\":" + tp + ",\"stop_loss\":" + sl
                + ",\"rationale\":\"contrarian long on fear, 2:1 reward to risk\"}"));
  }

  /** Places the entry (an IOC limit 1 % through the mark) with its protection, sized and priced by the exchange's rules. */
  static List<OrderResult> trade(HyperliquidExchange hl, TradeDecision d, BigDecimal mark) {
    Asset a = d.asset();
    Side side = d.action() == TradeDecision.Action.OPEN_LONG ? Side.BUY : Side.SELL;
    Side exit = side == Side.BUY ? Side.SELL : Side.BUY;
    hl.setLeverage(a, d.leverage(), dev.rez.core.MarginMode.CROSS);
    BigDecimal size = hl.roundSize(a, d.notionalUsd().divide(mark, 10, RoundingMode.DOWN), RoundingMode.DOWN);
    String id = "embed/" + System.currentTimeMillis();
    OrderRequest entry = hl.marketOrder(a, side, size, new BigDecimal("0.01"), ClientOrderId.derive(id + "/entry"));
    List<TriggerOrder> protection = new ArrayList<>();
    // Trigger prices round towards the market (never past what the policy approved); the limit leaves 3 % of room.
    RoundingMode towardsMarket = side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING;
    RoundingMode stopTowardsMarket = side == Side.BUY ? RoundingMode.CEILING : RoundingMode.FLOOR;
    BigDecimal tp = hl.roundPrice(a, d.takeProfit(), towardsMarket);
    BigDecimal sl = hl.roundPrice(a, d.stopLoss(), stopTowardsMarket);
    BigDecimal room = side == Side.BUY ? new BigDecimal("0.97") : new BigDecimal("1.03");
    protection.add(new TriggerOrder(a, exit, size, TriggerKind.TAKE_PROFIT, tp, true, hl.roundPrice(a, tp.multiply(room), RoundingMode.HALF_UP),
        ClientOrderId.derive(id + "/tp")));
    protection.add(new TriggerOrder(a, exit, size, TriggerKind.STOP_LOSS, sl, true, hl.roundPrice(a, sl.multiply(room), RoundingMode.HALF_UP),
        ClientOrderId.derive(id + "/sl")));
    return hl.placeWithProtection(entry, protection);
  }
}
