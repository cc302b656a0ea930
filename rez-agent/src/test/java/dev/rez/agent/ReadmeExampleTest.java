package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.Exchange;
import dev.rez.core.MarketData;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.TradeDecision;
import dev.rez.testkit.FakeExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's embedding example, verbatim but for the environment, runs. */
class ReadmeExampleTest {
  static final class FearGreed implements Tool {
    public String name() {
      return "get_fear_greed";
    }

    public String description() {
      return "Crypto fear & greed index, 0 (fear) to 100 (greed).";
    }

    public String parameters() {
      return "{\"type\":\"object\",\"properties\":{}}";
    }

    public ToolResult execute(ToolArguments args, ToolContext ctx) {
      return ToolResult.of(Map.of("value", 62));
    }
  }

  static List<TradeDecision> cycle(MarketData market, Exchange exchange, RiskPolicy policy) {
    Agent agent =
        Agent.builder()
            .chatModel(
                Models.create(ModelSettings.fromEnvironment(Map.of()))) // offline unless configured
            .riskPolicy(policy)
            .marketData(market)
            .exchange(exchange)
            .tool(new FearGreed())
            .build();
    ContextPayload context =
        ContextBuilder.builder(market, exchange, policy.limits())
            .build()
            .build(List.of(Asset.of("BTC")), List.of());
    AgentResult result = agent.decide(context);
    return result.decisions().stream()
        .map(AgentDecision::executable)
        .toList(); // hand these to your executor
  }

  @Test
  void runs() {
    CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofDays(5)));
    RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), market.clock);
    List<TradeDecision> decisions = cycle(market, FakeExchange.readOnly(), policy);
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0).asset()).isEqualTo(Asset.of("BTC"));
    assertThat(decisions.get(0).rationale()).isNotBlank();
  }
}
