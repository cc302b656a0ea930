package dev.rez.agent;

import static dev.rez.agent.CsvMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Interval;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.TradeDecision;
import dev.rez.json.Json;
import dev.rez.testkit.FakeExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent against a loopback server speaking Anthropic's messages API, through langchain4j's real
 * HTTP client.
 */
class AnthropicProtocolTest {
  final CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofDays(4)));
  final FakeExchange exchange = FakeExchange.readOnly();
  final RiskPolicy policy = new RiskPolicy(RiskProfile.CONSERVATIVE.limits(), market.clock);
  final BigDecimal price = market.price(BTC);
  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  AgentResult decide(int retries) {
    ModelSettings s =
        ModelSettings.builder(ModelProvider.ANTHROPIC)
            .model("claude-sonnet-4-5")
            .apiKey("anthropic-test-key")
            .baseUrl(server.url("/v1/").toString())
            .maxRetries(retries)
            .timeout(Duration.ofSeconds(10))
            .build();
    Agent agent =
        Agent.builder()
            .chatModel(Models.create(s))
            .modelName(s.model())
            .riskPolicy(policy)
            .marketData(market)
            .exchange(exchange)
            .clock(market.clock)
            .build();
    return agent.decide(
        ContextBuilder.builder(market, exchange, policy.limits())
            .intervals(Interval.M5, Interval.H1)
            .clock(market.clock)
            .build()
            .build(List.of(BTC), List.of()));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse toolUse(String text, String id, String name, String input) {
    return json(
        200,
        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":["
            + "{\"type\":\"text\",\"text\":"
            + Json.quote(text)
            + "},{\"type\":\"tool_use\",\"id\":\""
            + id
            + "\",\"name\":\""
            + name
            + "\",\"input\":"
            + input
            + "}],"
            + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":2100,\"output_tokens\":55}}");
  }

  String p(double f) {
    return price.multiply(BigDecimal.valueOf(f)).round(new MathContext(7)).toPlainString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void toolUseRoundTrip() throws Exception {
    server.enqueue(
        toolUse(
            "Looking at the book first.",
            "toolu_1",
            "get_order_book",
            "{\"asset\":\"BTC\",\"depth\":3}"));
    server.enqueue(
        toolUse(
            "Tight spread, trend intact: short the bounce.",
            "toolu_2",
            "open_short",
            "{\"asset\":\"BTC\",\"size_usd\":3000,\"leverage\":3,\"take_profit\":"
                + p(0.94)
                + ",\"stop_loss\":"
                + p(1.03)
                + ",\"rationale\":\"bounce into resistance\"}"));
    AgentResult result = decide(0);

    assertThat(result.error()).isNull();
    TradeDecision d = result.decision(BTC).orElseThrow().executable();
    assertThat(d.action()).isEqualTo(TradeDecision.Action.OPEN_SHORT);
    assertThat(d.leverage()).isEqualTo(3);
    assertThat(result.transcript().tokens()).isEqualTo(new TokenUsage(4200, 110));
    assertThat(result.transcript().entries(TranscriptEntry.AssistantTurn.class))
        .extracting(TranscriptEntry.AssistantTurn::text)
        .containsExactly(
            "Looking at the book first.", "Tight spread, trend intact: short the bounce.");

    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(first.getHeaders().get("x-api-key")).isEqualTo("anthropic-test-key");
    Map<String, Object> b1 = Json.parseObject(first.getBody().utf8());
    assertThat(b1.get("model")).isEqualTo("claude-sonnet-4-5");
    assertThat(b1.get("system").toString()).contains("Risk profile: conservative");
    List<Map<String, Object>> tools = (List<Map<String, Object>>) b1.get("tools");
    assertThat(tools)
        .extracting(t -> t.get("name"))
        .contains("get_order_book", "open_short", "move_protection");
    assertThat(tools).allSatisfy(t -> assertThat(t).containsKey("input_schema"));

    Map<String, Object> b2 =
        Json.parseObject(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    List<Map<String, Object>> messages = (List<Map<String, Object>>) b2.get("messages");
    assertThat(messages)
        .extracting(m -> m.get("role"))
        .containsExactly("user", "assistant", "user");
    List<Map<String, Object>> toolResult =
        (List<Map<String, Object>>) messages.get(2).get("content");
    assertThat(toolResult.get(0).get("type")).isEqualTo("tool_result");
    assertThat(toolResult.get(0).get("tool_use_id")).isEqualTo("toolu_1");
    assertThat(String.valueOf(toolResult.get(0).get("content")))
        .contains("\"bids\":[[")
        .contains("\"spread\":1");
  }

  @Test
  void overloadedEndsInHold() {
    server.enqueue(
        json(
            529,
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    AgentResult result = decide(0);
    assertThat(result.error()).startsWith("the model call failed: HTTP 529").contains("Overloaded");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void authenticationFailureEndsInHoldWithoutTheKey() {
    server.enqueue(
        json(
            401,
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
    AgentResult result = decide(0);
    assertThat(result.error()).startsWith("the model call failed: HTTP 401");
    assertThat(result.transcript().toJson()).doesNotContain("anthropic-test-key");
  }
}
