package dev.rez.agent;

import static dev.rez.agent.CsvMarket.BTC;
import static dev.rez.agent.CsvMarket.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Interval;
import dev.rez.core.Position;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.TradeDecision;
import dev.rez.testkit.FakeExchange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline model deciding on the recorded 2013 BTC data, through the agent's tools. */
class OfflineModelTest {
  final CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofDays(3)));
  final FakeExchange exchange = FakeExchange.readOnly();

  AgentResult decide(RiskProfile profile, boolean tools, List<dev.rez.core.Asset> assets) {
    RiskPolicy policy = new RiskPolicy(profile.limits(), market.clock);
    Agent agent =
        Agent.builder()
            .chatModel(Models.offline())
            .modelName("offline")
            .riskPolicy(policy)
            .marketData(market)
            .exchange(exchange)
            .clock(market.clock)
            .toolCalling(tools)
            .price(new ModelPrice(BigDecimal.ONE, BigDecimal.TEN))
            .build();
    // The long interval is 15m: the data (160 hours of minutes) is too short to warm a 1h EMA 50 up
    // (396 bars).
    ContextPayload context =
        ContextBuilder.builder(market, exchange, profile.limits())
            .intervals(Interval.M5, Interval.M15)
            .clock(market.clock)
            .build()
            .build(assets, List.of());
    return agent.decide(context);
  }

  @Test
  void decidesThroughToolsAcrossTheData() {
    Map<TradeDecision.Action, Integer> seen = new EnumMap<>(TradeDecision.Action.class);
    RiskLimits limits = RiskProfile.MODERATE.limits();
    for (int hour = 72; hour <= 156; hour += 3) {
      market.clock.set(CsvMarket.at(Duration.ofHours(hour)));
      AgentResult result = decide(RiskProfile.MODERATE, true, List.of(BTC));
      assertThat(result.error()).as("hour %d", hour).isNull();
      List<TranscriptEntry.ToolCall> calls =
          result.transcript().entries(TranscriptEntry.ToolCall.class);
      // Step 1 asks for indicators, step 2 acts: the same ReAct path a hosted model takes.
      assertThat(calls)
          .extracting(TranscriptEntry.ToolCall::tool)
          .startsWith("get_indicators", "fetch_indicator");
      assertThat(calls.get(0).step()).isEqualTo(1);
      assertThat(calls.get(0).error()).isFalse();
      assertThat(calls.get(0).result()).contains("\"rsi:14\"");
      assertThat(calls.get(2).step()).isEqualTo(2);
      assertThat(BuiltinToolsNames.ACTIONS).contains(calls.get(2).tool());
      List<TranscriptEntry.AssistantTurn> turns =
          result.transcript().entries(TranscriptEntry.AssistantTurn.class);
      assertThat(turns.get(1).text())
          .contains("BTC 5m: EMA12")
          .contains("RSI14")
          .contains("MACD hist");
      assertThat(result.transcript().tokens().total()).isPositive();
      assertThat(result.transcript().costUsd()).isPresent();

      AgentDecision d = result.decision(BTC).orElseThrow();
      TradeDecision e = d.executable();
      seen.merge(e.action(), 1, Integer::sum);
      if (e.action().opens()) {
        assertThat(d.verdict().allowed()).isTrue();
        BigDecimal mark = market.price(BTC);
        BigDecimal risk = mark.subtract(e.stopLoss()).abs();
        BigDecimal reward = e.takeProfit().subtract(mark).abs();
        assertThat(reward.divide(risk, MathContext.DECIMAL64))
            .isGreaterThanOrEqualTo(limits.minRewardRisk());
        assertThat(risk.divide(mark, MathContext.DECIMAL64))
            .isBetween(limits.minStopDistance(), limits.maxStopDistance());
        assertThat(e.leverage()).isBetween(limits.minLeverage(), limits.maxLeverage());
        assertThat(e.rationale()).contains("signals on 5m");
      } else {
        assertThat(e.action()).isEqualTo(TradeDecision.Action.HOLD);
        assertThat(e.rationale()).contains("no confluence");
      }
    }
    assertThat(seen.getOrDefault(TradeDecision.Action.HOLD, 0)).isPositive();
    assertThat(
            seen.getOrDefault(TradeDecision.Action.OPEN_LONG, 0)
                + seen.getOrDefault(TradeDecision.Action.OPEN_SHORT, 0))
        .isPositive();
  }

  @Test
  void isDeterministic() {
    market.clock.set(CsvMarket.at(Duration.ofHours(100)));
    AgentResult a = decide(RiskProfile.HIGH, true, List.of(BTC, ETH));
    AgentResult b = decide(RiskProfile.HIGH, true, List.of(BTC, ETH));
    assertThat(a.decisions()).isEqualTo(b.decisions());
    assertThat(texts(a)).isEqualTo(texts(b));
    assertThat(a.transcript().tokens()).isEqualTo(b.transcript().tokens());
  }

  private static List<String> texts(AgentResult r) {
    List<String> out = new ArrayList<>();
    for (TranscriptEntry e : r.transcript().entries()) {
      switch (e) {
        case TranscriptEntry.AssistantTurn t -> out.add(t.text() + t.toolCalls());
        case TranscriptEntry.ToolCall t -> out.add(t.id() + t.tool() + t.arguments() + t.result());
        case TranscriptEntry.UserMessage u -> out.add(u.text());
        default -> out.add(e.getClass().getSimpleName());
      }
    }
    return out;
  }

  @Test
  void debugProfileTradesTheMinimumSize() {
    List<BigDecimal> sizes = new ArrayList<>();
    for (int hour = 72; hour <= 156 && sizes.isEmpty(); hour += 2) {
      market.clock.set(CsvMarket.at(Duration.ofHours(hour)));
      TradeDecision e =
          decide(RiskProfile.DEBUG, true, List.of(BTC)).decision(BTC).orElseThrow().executable();
      if (e.action().opens()) sizes.add(e.notionalUsd());
    }
    assertThat(sizes).isNotEmpty().allSatisfy(s -> assertThat(s).isEqualByComparingTo("11"));
  }

  @Test
  void managesAnOpenPosition() {
    market.clock.set(CsvMarket.at(Duration.ofHours(100)));
    BigDecimal mark = market.price(BTC);
    exchange.putPosition(
        new Position(
            BTC, new BigDecimal("0.5"), mark, BigDecimal.ZERO, 5, null, new BigDecimal("100")));
    exchange.putPosition(
        new Position(
            ETH,
            new BigDecimal("-2"),
            market.price(ETH),
            BigDecimal.ZERO,
            5,
            null,
            new BigDecimal("10")));
    AgentResult result = decide(RiskProfile.MODERATE, true, List.of(BTC, ETH));
    // BTC and ETH move together here, so the long and the short cannot both be with the signals.
    List<TradeDecision.Action> actions =
        result.decisions().stream().map(d -> d.executable().action()).toList();
    assertThat(actions)
        .doesNotContain(TradeDecision.Action.OPEN_LONG, TradeDecision.Action.OPEN_SHORT);
    assertThat(result.decisions()).allSatisfy(d -> assertThat(d.verdict().allowed()).isTrue());
    assertThat(result.transcript().entries(TranscriptEntry.AssistantTurn.class).get(1).text())
        .contains("position");
  }

  @Test
  void answersInJsonWhenToolsAreOff() {
    for (int hour = 72; hour <= 156; hour += 6) {
      market.clock.set(CsvMarket.at(Duration.ofHours(hour)));
      AgentResult result = decide(RiskProfile.MODERATE, false, List.of(BTC, ETH));
      assertThat(result.error()).isNull();
      assertThat(result.transcript().steps()).isEqualTo(1);
      assertThat(result.transcript().entries(TranscriptEntry.SystemPrompt.class).get(0).text())
          .contains("Tools are not available");
      List<TranscriptEntry.ToolCall> calls =
          result.transcript().entries(TranscriptEntry.ToolCall.class);
      assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c.id()).startsWith("text-1-"));
      assertThat(result.decisions()).allSatisfy(d -> assertThat(d.verdict().allowed()).isTrue());
    }
  }

  @Test
  void trailsTheStopOfAWinningPosition() {
    market.clock.set(CsvMarket.at(Duration.ofHours(100)));
    BigDecimal mark = market.price(BTC);
    BigDecimal entry = mark.multiply(new BigDecimal("0.95"));
    exchange.putPosition(
        new Position(
            BTC,
            new BigDecimal("0.5"),
            entry,
            mark.subtract(entry).multiply(new BigDecimal("0.5")),
            5,
            null,
            new BigDecimal("100")));
    exchange.putOrder(
        new dev.rez.core.OpenOrder(
            BTC,
            dev.rez.core.Side.SELL,
            new BigDecimal("0.5"),
            entry.multiply(new BigDecimal("0.97")),
            1,
            null,
            true,
            dev.rez.core.TriggerKind.STOP_LOSS,
            entry.multiply(new BigDecimal("0.98")),
            java.time.Instant.EPOCH));
    AgentDecision d = decide(RiskProfile.MODERATE, true, List.of(BTC)).decision(BTC).orElseThrow();
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.ADJUST_PROTECTION);
    assertThat(d.verdict().allowed()).isTrue();
    assertThat(d.executable().stopLoss()).isGreaterThan(entry).isLessThan(mark);
    assertThat(d.executable().takeProfit()).isNull();
  }
}
