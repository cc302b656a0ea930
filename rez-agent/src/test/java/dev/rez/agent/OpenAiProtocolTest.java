package dev.rez.agent;

import static dev.rez.agent.CsvMarket.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Interval;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.RiskVerdict;
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
 * The agent against a loopback server speaking OpenAI chat completions, through langchain4j's real
 * HTTP client.
 */
class OpenAiProtocolTest {
  final CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofDays(3)));
  final FakeExchange exchange = FakeExchange.readOnly();
  final RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), market.clock);
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

  ModelSettings.Builder settings() {
    return ModelSettings.builder(ModelProvider.OPENAI_COMPATIBLE)
        .model("gpt-4o")
        .apiKey("test-key")
        .baseUrl(server.url("/v1").toString())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(10));
  }

  AgentResult decide(ModelSettings s) {
    Agent agent =
        Agent.builder()
            .chatModel(Models.create(s))
            .modelName(s.model())
            .riskPolicy(policy)
            .marketData(market)
            .exchange(exchange)
            .clock(market.clock)
            .build();
    ContextPayload context =
        ContextBuilder.builder(market, exchange, policy.limits())
            .intervals(Interval.M5, Interval.H1)
            .clock(market.clock)
            .build()
            .build(List.of(BTC), List.of());
    return agent.decide(context);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse toolCalls(String content, String... idNameArgs) {
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < idNameArgs.length; i += 3) {
      calls
          .append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(idNameArgs[i])
          .append("\",\"type\":\"function\",\"function\":{\"name\":\"")
          .append(idNameArgs[i + 1])
          .append("\",\"arguments\":")
          .append(Json.quote(idNameArgs[i + 2]))
          .append("}}");
    }
    return json(
        200,
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":"
            + (content == null ? "null" : Json.quote(content))
            + ",\"tool_calls\":["
            + calls
            + "]},"
            + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":1500,\"completion_tokens\":40,\"total_tokens\":1540}}");
  }

  static MockResponse text(String content) {
    return json(
        200,
        "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":"
            + Json.quote(content)
            + "},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1600,\"completion_tokens\":60,\"total_tokens\":1660}}");
  }

  String p(double f) {
    return price.multiply(BigDecimal.valueOf(f)).round(new MathContext(7)).toPlainString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> body(RecordedRequest r) {
    return Json.parseObject(r.getBody().utf8());
  }

  @Test
  @SuppressWarnings("unchecked")
  void multiStepToolCallingRoundTrip() throws Exception {
    server.enqueue(
        toolCalls(
            "Checking 15m momentum first.",
            "call_1",
            "get_indicators",
            "{\"asset\":\"BTC\",\"interval\":\"15m\",\"indicators\":\"rsi:14,atr:14\"}"));
    server.enqueue(
        toolCalls(
            null,
            "call_2",
            "open_long",
            "{\"asset\":\"BTC\",\"size_usd\":2000,\"leverage\":5,\"take_profit\":"
                + p(1.05)
                + ",\"stop_loss\":"
                + p(0.98)
                + ",\"rationale\":\"momentum\"}"));
    AgentResult result = decide(settings().build());

    assertThat(result.error()).isNull();
    AgentDecision d = result.decision(BTC).orElseThrow();
    assertThat(d.verdict().outcome()).isEqualTo(RiskVerdict.Outcome.APPROVED);
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.OPEN_LONG);
    assertThat(d.executable().notionalUsd()).isEqualByComparingTo("2000");
    assertThat(result.transcript().tokens()).isEqualTo(new TokenUsage(3000, 80));
    assertThat(result.transcript().model()).isEqualTo("gpt-4o");

    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer test-key");
    Map<String, Object> b1 = body(first);
    assertThat(b1.get("model")).isEqualTo("gpt-4o");
    List<Map<String, Object>> tools = (List<Map<String, Object>>) b1.get("tools");
    assertThat(tools)
        .extracting(t -> ((Map<String, Object>) t.get("function")).get("name"))
        .contains("get_indicators", "open_long", "hold");
    Map<String, Object> openLong =
        tools.stream()
            .map(t -> (Map<String, Object>) t.get("function"))
            .filter(f -> f.get("name").equals("open_long"))
            .findFirst()
            .orElseThrow();
    assertThat((List<Object>) ((Map<String, Object>) openLong.get("parameters")).get("required"))
        .contains("asset", "stop_loss", "take_profit");
    List<Map<String, Object>> m1 = (List<Map<String, Object>>) b1.get("messages");
    assertThat(m1).extracting(m -> m.get("role")).containsExactly("system", "user");
    assertThat((String) m1.get(1).get("content")).contains("rez.context/1");

    Map<String, Object> b2 = body(server.takeRequest(5, TimeUnit.SECONDS));
    List<Map<String, Object>> m2 = (List<Map<String, Object>>) b2.get("messages");
    assertThat(m2)
        .extracting(m -> m.get("role"))
        .containsExactly("system", "user", "assistant", "tool");
    assertThat(m2.get(2).get("content")).isEqualTo("Checking 15m momentum first.");
    assertThat(m2.get(3).get("tool_call_id")).isEqualTo("call_1");
    assertThat((String) m2.get(3).get("content")).contains("\"rsi:14\":").contains("\"atr:14\":");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void openRouterAttributionHeadersAreSent() throws Exception {
    server.enqueue(toolCalls(null, "call_1", "hold", "{\"asset\":\"BTC\",\"rationale\":\"flat\"}"));
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "REZ_MODEL_PROVIDER",
                "openrouter",
                "REZ_MODEL",
                "openai/gpt-4o",
                "REZ_MODEL_BASE_URL",
                server.url("/v1").toString(),
                "OPENROUTER_API_KEY",
                "test-key",
                "REZ_MODEL_MAX_RETRIES",
                "0",
                "OPENROUTER_REFERER",
                "https://bot.example",
                "OPENROUTER_APP_TITLE",
                "My Rez bot"));
    assertThat(s.headers())
        .containsEntry("HTTP-Referer", "https://bot.example")
        .containsEntry("X-Title", "My Rez bot");
    assertThat(decide(s).error()).isNull();

    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getHeaders().get("HTTP-Referer")).isEqualTo("https://bot.example");
    assertThat(r.getHeaders().get("X-Title")).isEqualTo("My Rez bot");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer test-key");
  }

  @Test
  void headersAreValidated() {
    ModelSettings.Builder b = settings();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> b.header("X-Title", "a\r\nInjected: yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.header("bad header", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(settings().build().headers()).isEmpty();
  }

  @Test
  void rejectionTravelsBackAsAToolMessage() throws Exception {
    server.enqueue(
        toolCalls(
            null,
            "call_1",
            "open_long",
            "{\"asset\":\"BTC\",\"size_usd\":2000,\"leverage\":5,\"take_profit\":"
                + p(1.01)
                + ",\"stop_loss\":"
                + p(0.98)
                + ",\"rationale\":\"x\"}"));
    server.enqueue(
        toolCalls(
            "Reward too small; holding.",
            "call_2",
            "hold",
            "{\"asset\":\"BTC\",\"rationale\":\"reward-to-risk too low\"}"));
    AgentResult result = decide(settings().build());
    server.takeRequest();
    String second = server.takeRequest().getBody().utf8().replace("\" : ", "\":");
    assertThat(second).contains("\"tool_call_id\":\"call_1\"").contains("[reward-risk-too-low]");
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("reward-to-risk too low");
  }

  @Test
  void malformedToolArgumentsAreReportedToTheModel() throws Exception {
    server.enqueue(toolCalls(null, "call_1", "get_candles", "{\"asset\": \"BTC\", interval"));
    server.enqueue(
        toolCalls(null, "call_2", "hold", "{\"asset\":\"BTC\",\"rationale\":\"data trouble\"}"));
    AgentResult result = decide(settings().build());
    server.takeRequest();
    String second = server.takeRequest().getBody().utf8().replace("\" : ", "\":");
    assertThat(second).contains("the arguments of get_candles are not a JSON object");
    assertThat(result.error()).isNull();
  }

  @Test
  void textAnswerFallsBackToTheJsonFormat() {
    server.enqueue(text("I think BTC is fine, no trade."));
    server.enqueue(
        text(
            "{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"}]}"));
    AgentResult result = decide(settings().build());
    assertThat(result.error()).isNull();
    assertThat(result.decision(BTC).orElseThrow().executable().rationale()).isEqualTo("flat");
    assertThat(result.transcript().entries(TranscriptEntry.UserMessage.class).get(1).text())
        .contains("contained no decision");
  }

  @Test
  void rateLimitEndsInHoldWithTheStatus() {
    server.enqueue(
        json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}"));
    AgentResult result = decide(settings().build());
    assertThat(result.error())
        .startsWith("the model call failed: HTTP 429")
        .contains("Rate limit reached");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
    assertThat(result.decision(BTC).orElseThrow().executable().rationale()).contains("HTTP 429");
  }

  @Test
  void serverErrorIsRetriedThenSucceeds() {
    server.enqueue(json(500, "{\"error\":{\"message\":\"upstream exploded\"}}"));
    server.enqueue(
        toolCalls(null, "call_1", "hold", "{\"asset\":\"BTC\",\"rationale\":\"after retry\"}"));
    AgentResult result = decide(settings().maxRetries(1).build());
    assertThat(result.error()).isNull();
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("after retry");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void persistentServerErrorEndsInHold() {
    server.enqueue(json(500, "{\"error\":{\"message\":\"upstream exploded\"}}"));
    AgentResult result = decide(settings().build());
    assertThat(result.error())
        .startsWith("the model call failed: HTTP 500")
        .contains("upstream exploded");
  }

  @Test
  void slowServerTimesOut() {
    server.enqueue(
        new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).body("{}").build());
    long t0 = System.nanoTime();
    AgentResult result = decide(settings().timeout(Duration.ofMillis(500)).build());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(result.error()).startsWith("the model call failed:");
    assertThat(result.error().toLowerCase()).contains("timed out");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void providerRefusingToolsGetsTheJsonFormat() throws Exception {
    server.enqueue(
        json(400, "{\"error\":{\"message\":\"tools are not supported by this model\"}}"));
    server.enqueue(
        text(
            "```json\n{\"reasoning\":\"r\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_short\",\"size_usd\":500,\"leverage\":5,"
                + "\"take_profit\":"
                + p(0.95)
                + ",\"stop_loss\":"
                + p(1.02)
                + ",\"rationale\":\"lower highs\"}]}\n```"));
    AgentResult result = decide(settings().build());
    assertThat(result.error()).isNull();
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.OPEN_SHORT);
    assertThat(result.transcript().entries(TranscriptEntry.Problem.class).get(0).message())
        .contains("HTTP 400")
        .contains("without tools");
    assertThat(server.takeRequest().getBody().utf8()).contains("\"tools\"");
    String second = server.takeRequest().getBody().utf8().replace("\" : ", "\":");
    assertThat(second).doesNotContain("\"tools\"").contains("Tools are not available");
  }

  @Test
  void aRunWhoseProviderRefusedToolsReplaysStrictly() {
    server.enqueue(
        json(400, "{\"error\":{\"message\":\"tools are not supported by this model\"}}"));
    server.enqueue(
        text(
            "{\"reasoning\":\"r\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_short\",\"size_usd\":500,\"leverage\":5,"
                + "\"take_profit\":"
                + p(0.95)
                + ",\"stop_loss\":"
                + p(1.02)
                + ",\"rationale\":\"lower highs\"}]}"));
    AgentResult original = decide(settings().build());
    assertThat(original.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.OPEN_SHORT);
    // The answer was recorded at step 2, after the refusal at step 1.
    assertThat(original.transcript().entries(TranscriptEntry.AssistantTurn.class))
        .singleElement()
        .extracting(TranscriptEntry.AssistantTurn::step)
        .isEqualTo(2);

    CassetteModel cassette =
        CassetteModel.of(
            CassetteModelTest.answers(1, original.transcript()), CassetteModel.Mode.STRICT);
    cassette.cycle(1);
    Agent agent =
        Agent.builder()
            .chatModel(cassette)
            .riskPolicy(policy)
            .marketData(market)
            .exchange(exchange)
            .clock(market.clock)
            .build();
    AgentResult replayed =
        agent.decide(
            ContextBuilder.builder(market, exchange, policy.limits())
                .intervals(Interval.M5, Interval.H1)
                .clock(market.clock)
                .build()
                .build(List.of(BTC), List.of()));
    assertThat(cassette.mismatch()).isEmpty();
    assertThat(cassette.served()).isEqualTo(1);
    assertThat(replayed.error()).isNull();
    assertThat(replayed.decisions()).isEqualTo(original.decisions());
    assertThat(replayed.transcript().entries(TranscriptEntry.Problem.class).get(0).message())
        .contains("refused the request with tools");
  }

  @Test
  void reasoningModelsThinkingIsKept() {
    server.enqueue(
        json(
            200,
            "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"r1\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Holding.\",\"reasoning_content\":\"RSI is flat, MACD is flat...\","
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"hold\",\"arguments\":\"{\\\"asset\\\":\\\"BTC\\\",\\\"rationale\\\":\\\"flat\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":900}}"));
    AgentResult result = decide(settings().build());
    assertThat(result.error()).isNull();
    TranscriptEntry.AssistantTurn turn =
        result.transcript().entries(TranscriptEntry.AssistantTurn.class).get(0);
    assertThat(turn.text()).isEqualTo("Holding.");
    assertThat(turn.thinking()).isEqualTo("RSI is flat, MACD is flat...");
  }

  @Test
  void openAiGetsMaxCompletionTokensAndCanLeaveTheTemperatureToTheModel() throws Exception {
    // Reasoning models (o-series, gpt-5) refuse max_tokens and any temperature but their own.
    server.enqueue(toolCalls(null, "call_1", "hold", "{\"asset\":\"BTC\",\"rationale\":\"flat\"}"));
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "REZ_MODEL_PROVIDER",
                "openai",
                "REZ_MODEL",
                "o3-mini",
                "REZ_MODEL_BASE_URL",
                server.url("/v1").toString(),
                "OPENAI_API_KEY",
                "test-key",
                "REZ_MODEL_MAX_RETRIES",
                "0",
                "REZ_MODEL_MAX_OUTPUT_TOKENS",
                "3000",
                "REZ_MODEL_TEMPERATURE",
                "default"));
    // TMP assertThat(s.temperature()).isEmpty();
    assertThat(decide(s).error()).isNull();
    Map<String, Object> body = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(body)
        .doesNotContainKey("max_tokens")
        .doesNotContainKey("temperature")
        .containsKey("max_completion_tokens");
    assertThat(((BigDecimal) body.get("max_completion_tokens")).intValue()).isEqualTo(3000);
  }

  @Test
  void openAisOutputCapOfOneRequestIsMaxCompletionTokens() throws Exception {
    // The agent lowers a turn's output cap when its token budget runs low; reasoning models refuse
    // max_tokens, so it goes out as max_completion_tokens.
    server.enqueue(text("one"));
    server.enqueue(text("two"));
    dev.langchain4j.model.chat.ChatModel model =
        Models.create(
            ModelSettings.builder(ModelProvider.OPENAI)
                .model("o3-mini")
                .apiKey("test-key")
                .baseUrl(server.url("/v1").toString())
                .maxRetries(0)
                .maxOutputTokens(3000)
                .build());
    assertThat(model.defaultRequestParameters().maxOutputTokens()).isEqualTo(3000);
    List<dev.langchain4j.data.message.ChatMessage> hi =
        List.of(dev.langchain4j.data.message.UserMessage.from("hi"));
    model.chat(
        dev.langchain4j.model.chat.request.ChatRequest.builder()
            .messages(hi)
            .maxOutputTokens(123)
            .build());
    model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder().messages(hi).build());
    Map<String, Object> capped = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(capped).doesNotContainKey("max_tokens");
    assertThat(((BigDecimal) capped.get("max_completion_tokens")).intValue()).isEqualTo(123);
    Map<String, Object> plain = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(plain).doesNotContainKey("max_tokens");
    assertThat(((BigDecimal) plain.get("max_completion_tokens")).intValue()).isEqualTo(3000);
  }

  @Test
  void compatibleServersGetMaxTokensAndTheTemperature() throws Exception {
    server.enqueue(toolCalls(null, "call_1", "hold", "{\"asset\":\"BTC\",\"rationale\":\"flat\"}"));
    assertThat(decide(settings().temperature(0.7).build()).error()).isNull();
    Map<String, Object> body = body(server.takeRequest(5, TimeUnit.SECONDS));
    assertThat(body).doesNotContainKey("max_completion_tokens");
    assertThat(((BigDecimal) body.get("max_tokens")).intValue()).isEqualTo(4096);
    // The agent reads the model's own output cap, to lower it only when its budget runs low.
    assertThat(Models.create(settings().build()).defaultRequestParameters().maxOutputTokens())
        .isEqualTo(4096);
    assertThat(
            Models.create(
                    ModelSettings.builder(ModelProvider.ANTHROPIC)
                        .model("claude-sonnet-4-5")
                        .apiKey("k")
                        .maxOutputTokens(2000)
                        .build())
                .defaultRequestParameters()
                .maxOutputTokens())
        .isEqualTo(2000);
    assertThat((BigDecimal) body.get("temperature")).isEqualByComparingTo("0.7");
  }

  @Test
  void openRouterSettingsReachTheBaseUrl() throws Exception {
    server.enqueue(
        toolCalls(null, "call_1", "hold", "{\"asset\":\"BTC\",\"rationale\":\"routed\"}"));
    ModelSettings s =
        ModelSettings.builder(ModelProvider.OPENROUTER)
            .model("openai/gpt-4o")
            .apiKey("sk-or-test")
            .baseUrl(server.url("/api/v1").toString())
            .maxRetries(0)
            .build();
    AgentResult result = decide(s);
    assertThat(result.decision(BTC).orElseThrow().executable().rationale()).isEqualTo("routed");
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-or-test");
    assertThat(body(r).get("model")).isEqualTo("openai/gpt-4o");
  }

  @Test
  void emptyChoiceContentIsHandled() {
    server.enqueue(text(""));
    server.enqueue(text(""));
    AgentResult result = decide(settings().build());
    assertThat(result.error())
        .isEqualTo("the model's answer held no decision: the answer was empty");
  }
}
