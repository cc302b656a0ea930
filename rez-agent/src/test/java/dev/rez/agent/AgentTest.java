package dev.rez.agent;

import static dev.rez.agent.CsvMarket.BTC;
import static dev.rez.agent.CsvMarket.ETH;
import static dev.rez.agent.ScriptedChatModel.text;
import static dev.rez.agent.ScriptedChatModel.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import dev.rez.testkit.FakeExchange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentTest {
  final CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofDays(3)));
  final FakeExchange exchange = FakeExchange.readOnly();
  final RiskPolicy policy = new RiskPolicy(RiskProfile.MODERATE.limits(), market.clock);
  final BigDecimal price = market.price(BTC);

  ContextPayload context(Asset... assets) {
    return ContextBuilder.builder(market, exchange, policy.limits())
        .intervals(Interval.M5, Interval.H1)
        .clock(market.clock)
        .build()
        .build(List.of(assets), List.of());
  }

  Agent.Builder agent(ChatModel model) {
    return Agent.builder()
        .chatModel(model)
        .riskPolicy(policy)
        .marketData(market)
        .exchange(exchange)
        .clock(market.clock);
  }

  String price(double factor) {
    return price.multiply(BigDecimal.valueOf(factor)).round(new MathContext(7)).toPlainString();
  }

  String openLong(String size, String tp, String sl) {
    return "{\"asset\":\"BTC\",\"size_usd\":"
        + size
        + ",\"leverage\":5,\"take_profit\":"
        + tp
        + ",\"stop_loss\":"
        + sl
        + ",\"rationale\":\"trend up\"}";
  }

  @Test
  void multiStepDecisionWithTranscript() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn(
                "Let me check momentum.",
                "get_indicators",
                "{\"asset\":\"BTC\",\"interval\":\"15m\",\"indicators\":\"rsi:14,macd:12:26:9\"}"),
            turn(
                "RSI and MACD agree: long.",
                "open_long",
                openLong("1000", price(1.04), price(0.98))));
    AgentResult result = agent(model).build().decide(context(BTC));

    assertThat(result.error()).isNull();
    AgentDecision d = result.decision(BTC).orElseThrow();
    assertThat(d.verdict().outcome()).isEqualTo(RiskVerdict.Outcome.APPROVED);
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.OPEN_LONG);
    assertThat(d.executable().notionalUsd()).isEqualByComparingTo("1000");
    assertThat(d.executable().stopLoss()).isEqualByComparingTo(price(0.98));

    // The indicator tool answered with real values computed from the candles.
    String indicatorResult = model.lastMessage(1);
    assertThat(indicatorResult)
        .contains("\"rsi:14\":")
        .contains("\"macd:12:26:9.hist\":")
        .contains("\"interval\":\"15m\"");
    Map<String, Object> parsed = dev.rez.json.Json.parseObject(indicatorResult);
    BigDecimal rsi = (BigDecimal) ((Map<?, ?>) parsed.get("values")).get("rsi:14");
    assertThat(rsi.doubleValue()).isBetween(0.0, 100.0);

    Transcript t = result.transcript();
    assertThat(t.systemPrompt()).isEqualTo(Agent.defaultSystemPrompt(policy.limits()));
    assertThat(t.contextMessage())
        .startsWith("Context (rez.context/1):\n{")
        .endsWith("Decide for each of: BTC.");
    assertThat(t.entries().get(0)).isInstanceOf(TranscriptEntry.SystemPrompt.class);
    assertThat(((TranscriptEntry.SystemPrompt) t.entries().get(0)).version())
        .isEqualTo(Agent.PROMPT_VERSION);
    assertThat(((TranscriptEntry.UserMessage) t.entries().get(1)).text())
        .contains("\"schema\":\"rez.context/1\"");
    List<TranscriptEntry.AssistantTurn> turns = t.entries(TranscriptEntry.AssistantTurn.class);
    assertThat(turns)
        .extracting(TranscriptEntry.AssistantTurn::text)
        .containsExactly("Let me check momentum.", "RSI and MACD agree: long.");
    assertThat(turns.get(0).toolCalls()).containsExactly("get_indicators");
    List<TranscriptEntry.ToolCall> toolCalls = t.entries(TranscriptEntry.ToolCall.class);
    assertThat(toolCalls)
        .extracting(TranscriptEntry.ToolCall::tool)
        .containsExactly("get_indicators", "open_long");
    assertThat(toolCalls.get(0).arguments()).contains("rsi:14,macd:12:26:9");
    assertThat(toolCalls.get(0).result()).isEqualTo(indicatorResult);
    assertThat(toolCalls.get(1).result()).contains("\"status\":\"accepted\"");
    assertThat(t.entries(TranscriptEntry.Proposal.class)).hasSize(1);
    assertThat(t.tokens()).isEqualTo(new TokenUsage(200, 40));
    assertThat(t.steps()).isEqualTo(2);
    List<TranscriptEntry.FinalDecision> finals = t.entries(TranscriptEntry.FinalDecision.class);
    assertThat(finals).hasSize(1);
    assertThat(finals.get(0).decision()).isEqualTo(d);
    assertThat(t.entries().get(t.entries().size() - 1)).isEqualTo(finals.get(0));
    assertThat(t.toJson())
        .contains("\"kind\":\"final\"")
        .contains("\"kind\":\"tool-call\"")
        .contains("\"kind\":\"proposal\"")
        .contains("\"tokens\":{\"input\":200");
    // Every tool the model may call was offered, with a JSON schema.
    List<ToolSpecification> offered = model.requests().get(0).toolSpecifications();
    assertThat(offered)
        .extracting(ToolSpecification::name)
        .contains(
            "fetch_indicator",
            "get_indicators",
            "get_candles",
            "get_account",
            "get_open_orders",
            "get_order_book",
            "open_long",
            "open_short",
            "close_position",
            "move_protection",
            "hold");
  }

  @Test
  @SuppressWarnings("unchecked")
  void indicatorToolsComputeOverWarmedUpHistoryAndNameWhatStillWarmsUp() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn(
                "",
                "get_indicators",
                "{\"asset\":\"BTC\",\"interval\":\"1m\",\"indicators\":\"ema:50,adx:14,ema:400\"}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"looked\"}"));
    agent(model).build().decide(context(BTC));
    Map<String, Object> answer = dev.rez.json.Json.parseObject(model.lastMessage(1));
    Map<String, Object> values = (Map<String, Object>) answer.get("values");
    java.time.Instant now = market.clock.instant();
    List<dev.rez.core.Candle> longHistory =
        market.candles(BTC, Interval.M1, now.minus(java.time.Duration.ofMinutes(2000)), now);
    for (String key : List.of("ema:50", "adx:14.adx")) {
      String spec = key.split("\\.")[0];
      double[] series =
          dev.rez.indicators.IndicatorRegistry.parse(spec)
              .compute(longHistory)
              .values()
              .iterator()
              .next();
      double converged = series[series.length - 1];
      assertThat((BigDecimal) values.get(key)).as(key).isNotNull();
      assertThat(((BigDecimal) values.get(key)).doubleValue())
          .as(key)
          .isCloseTo(
              converged, org.assertj.core.data.Offset.offset(1e-6 + Math.abs(converged) * 1e-8));
    }
    // EMA 400 needs more than the 2,000 bars fetched at most: null, and the answer says how many it
    // needs.
    int need = dev.rez.indicators.IndicatorRegistry.parse("ema:400").warmUp();
    assertThat(need).isGreaterThan(2000);
    assertThat(values).containsEntry("ema:400", null);
    assertThat((Map<String, Object>) answer.get("warmingUp"))
        .containsOnlyKeys("ema:400")
        .containsEntry("ema:400", new BigDecimal(need));
  }

  @Test
  void rejectionGoesBackToTheModelWhichCorrects() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "open_long", openLong("1000", price(1.001), price(0.9995))),
            turn("", "open_long", openLong("1000", price(1.04), price(0.98))));
    AgentResult result = agent(model).build().decide(context(BTC));

    String feedback = model.lastMessage(1);
    assertThat(feedback)
        .startsWith("ERROR: the risk policy rejected open_long BTC")
        .contains("[stop-loss-too-close]");
    assertThat(result.decision(BTC).orElseThrow().verdict().allowed()).isTrue();
    assertThat(result.transcript().entries(TranscriptEntry.Proposal.class))
        .extracting(p -> p.verdict().outcome())
        .containsExactly(RiskVerdict.Outcome.REJECTED, RiskVerdict.Outcome.APPROVED);
  }

  @Test
  void numbersOfAbsurdMagnitudeAreRefusedNotComputed() {
    // 1e99999999 is a few bytes of JSON but a hundred million digits once a BigDecimal is scaled to
    // cents or printed plainly:
    // it must come back to the model as an error, not hang the loop (and the risk policy's lock) on
    // arithmetic.
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "open_long", openLong("1e99999999", price(1.04), price(0.98))),
            turn("", "open_long", openLong("1000", price(1.04), "1e-99999999")),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"numbers refused\"}"));
    AgentResult result =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> agent(model).build().decide(context(BTC)));
    List<TranscriptEntry.ToolCall> calls =
        result.transcript().entries(TranscriptEntry.ToolCall.class);
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0).error()).isTrue();
    assertThat(calls.get(0).result()).contains("1e99999999").contains("out of range");
    assertThat(calls.get(1).error()).isTrue();
    assertThat(calls.get(1).result()).contains("out of range");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void absurdSizeIsClippedByThePolicy() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "open_long", openLong("100000000", price(1.04), price(0.98))));
    AgentResult result = agent(model).build().decide(context(BTC));
    AgentDecision d = result.decision(BTC).orElseThrow();
    assertThat(d.verdict().outcome()).isEqualTo(RiskVerdict.Outcome.ADJUSTED);
    // moderate: at most 60 % of $10,000 equity as margin at 5x
    assertThat(d.executable().notionalUsd()).isEqualByComparingTo("30000");
    assertThat(model.requests()).hasSize(1);
  }

  @Test
  void sizeInCoinIsConvertedAtTheMarkPrice() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn(
                "",
                "open_short",
                "{\"asset\":\"BTC\",\"size\":0.5,\"leverage\":5,\"take_profit\":"
                    + price(0.96)
                    + ",\"stop_loss\":"
                    + price(1.02)
                    + ",\"rationale\":\"down\"}"));
    AgentDecision d = agent(model).build().decide(context(BTC)).decision(BTC).orElseThrow();
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.OPEN_SHORT);
    assertThat(d.executable().notionalUsd())
        .isEqualByComparingTo(
            price.multiply(new BigDecimal("0.5")).setScale(2, java.math.RoundingMode.HALF_EVEN));
  }

  @Test
  void toolMistakesAreFedBackAsErrors() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn(
                "",
                "fly_to_moon",
                "{}",
                "get_candles",
                "{not json",
                "open_long",
                "{\"asset\":\"BTC\",\"size_usd\":100,\"leverage\":\"ten\",\"take_profit\":1,\"stop_loss\":1,\"rationale\":\"x\"}",
                "get_order_book",
                "{\"asset\":\"DOGE\"}",
                "open_long",
                "{\"asset\":\"BTC\",\"size_usd\":100,\"size\":1,\"leverage\":5,\"take_profit\":2,\"stop_loss\":1,\"rationale\":\"x\"}",
                "open_long",
                "{\"asset\":\"BTC\",\"size_usd\":100,\"leverage\":5,\"take_profit\":1,\"stop_loss\":2,\"rationale\":\"x\"}",
                "get_order_book",
                "{\"asset\":\"BTC\",\"depth\":2}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"too many mistakes\"}"));
    AgentResult result = agent(model).build().decide(context(BTC));

    List<TranscriptEntry.ToolCall> calls =
        result.transcript().entries(TranscriptEntry.ToolCall.class);
    assertThat(calls.get(0).result())
        .contains("unknown tool 'fly_to_moon'")
        .contains("get_indicators");
    assertThat(calls.get(1).result()).contains("not a JSON object");
    assertThat(calls.get(2).result())
        .contains("argument 'leverage' must be an integer but was \"ten\"");
    assertThat(calls.get(3).result()).contains("unknown asset 'DOGE'");
    assertThat(calls.get(4).result()).contains("exactly one of 'size'");
    assertThat(calls.get(5).result()).contains("wrong sides");
    assertThat(calls.subList(0, 6)).allMatch(TranscriptEntry.ToolCall::error);
    assertThat(calls.get(6).error()).isFalse();
    assertThat(calls.get(6).result()).contains("\"bids\":[[").contains("\"spread\":1");
    assertThat(result.error()).isNull();
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("too many mistakes");
  }

  @Test
  void proposalForAnAssetOutsideTheContextIsRefused() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "hold", "{\"asset\":\"ETH\",\"rationale\":\"x\"}"), text("done"));
    AgentResult result = agent(model).build().decide(context(BTC));
    assertThat(model.lastMessage(1)).contains("ETH is not one of this cycle's assets (BTC)");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .startsWith("no decision: the model's answer held no decision");
  }

  @Test
  void emptyAnswerGetsOneCorrectiveRetryThenJsonIsAccepted() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            text(""),
            text(
                "Here you go:\n```json\n{\"reasoning\":\"flat\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat market\"}]}\n```"));
    AgentResult result = agent(model).build().decide(context(BTC));
    assertThat(model.lastMessage(1))
        .contains("no decision (the answer was empty)")
        .contains("\"decisions\"");
    assertThat(result.error()).isNull();
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("flat market");
    assertThat(result.transcript().entries(TranscriptEntry.ToolCall.class))
        .extracting(TranscriptEntry.ToolCall::tool)
        .containsExactly("hold");
  }

  @Test
  void aTextAnswerIsReadFromTheFinalObjectNotAnEchoedExample() {
    String example =
        "{\"reasoning\":\"...\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_long\",\"size_usd\":500,"
            + "\"leverage\":5,\"take_profit\":"
            + price(1.04)
            + ",\"stop_loss\":"
            + price(0.98)
            + ",\"rationale\":\"up\"}]}";
    ScriptedChatModel model =
        ScriptedChatModel.of(
            text(
                "Per the requested format, an answer looks like "
                    + example
                    + ".\nHaving checked the numbers, the signals disagree, so my answer is:\n"
                    + "{\"reasoning\":\"no edge\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\","
                    + "\"rationale\":\"signals disagree\"}]}"));
    AgentResult result = agent(model).toolCalling(false).build().decide(context(BTC));
    assertThat(result.error()).isNull();
    AgentDecision d = result.decision(BTC).orElseThrow();
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.HOLD);
    assertThat(d.executable().rationale()).isEqualTo("signals disagree");
    assertThat(result.transcript().entries(TranscriptEntry.Proposal.class)).hasSize(1);
  }

  @Test
  void inJsonModeTheCorrectedAnswerIsReadAndReplacesTheEarlierOne() {
    BigDecimal eth = market.price(ETH);
    String btcLong =
        "{\"asset\":\"BTC\",\"action\":\"open_long\",\"size_usd\":500,\"leverage\":5,\"take_profit\":"
            + price(1.04)
            + ",\"stop_loss\":"
            + price(0.98)
            + ",\"rationale\":\"up\"}";
    String ethShort =
        "{\"asset\":\"ETH\",\"action\":\"open_short\",\"size_usd\":500,\"leverage\":5,\"take_profit\":"
            + eth.multiply(new BigDecimal("0.96")).round(new MathContext(6))
            + ",\"stop_loss\":";
    ScriptedChatModel model =
        ScriptedChatModel.of(
            // The ETH short's stop is below the entry: refused.
            text(
                "{\"reasoning\":\"r\",\"decisions\":["
                    + btcLong
                    + ","
                    + ethShort
                    + eth.multiply(new BigDecimal("0.98")).round(new MathContext(6))
                    + ",\"rationale\":\"down\"}]}"),
            text(
                "{\"reasoning\":\"fixed\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\","
                    + "\"rationale\":\"changed my mind\"},"
                    + ethShort
                    + eth.multiply(new BigDecimal("1.02")).round(new MathContext(6))
                    + ",\"rationale\":\"down\"}]}"));
    AgentResult result = agent(model).toolCalling(false).build().decide(context(BTC, ETH));

    assertThat(model.requests()).hasSize(2);
    assertThat(model.lastMessage(1))
        .startsWith("Some decisions were not accepted:")
        .contains("open_short ETH");
    assertThat(result.error()).isNull();
    assertThat(result.decisions())
        .extracting(d -> d.executable().action())
        .containsExactly(TradeDecision.Action.HOLD, TradeDecision.Action.OPEN_SHORT);
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("changed my mind");
    assertThat(result.decision(ETH).orElseThrow().verdict().allowed()).isTrue();
  }

  @Test
  void aCorrectionWithoutADecisionLeavesTheAcceptedOnesStanding() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            text(
                "{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_long\",\"size_usd\":500,\"leverage\":5,"
                    + "\"take_profit\":"
                    + price(1.04)
                    + ",\"stop_loss\":"
                    + price(0.98)
                    + ",\"rationale\":\"up\"},{\"asset\":\"ETH\",\"action\":\"open_short\","
                    + "\"size_usd\":500,\"leverage\":5,\"rationale\":\"no stop\"}]}"),
            text("I stand by BTC."));
    AgentResult result = agent(model).toolCalling(false).build().decide(context(BTC, ETH));
    assertThat(result.error()).isNull();
    assertThat(result.decisions())
        .extracting(d -> d.executable().action())
        .containsExactly(TradeDecision.Action.OPEN_LONG, TradeDecision.Action.HOLD);
    assertThat(result.transcript().entries(TranscriptEntry.Problem.class))
        .extracting(TranscriptEntry.Problem::message)
        .anySatisfy(m -> assertThat(m).startsWith("the corrected answer held no decision"));
  }

  @Test
  void answersWithoutADecisionEndInHoldWithTheReason() {
    ScriptedChatModel model =
        ScriptedChatModel.of(text("The market looks interesting."), text("I am still thinking."));
    AgentResult result = agent(model).build().decide(context(BTC, ETH));
    assertThat(result.error()).contains("held no decision").contains("no JSON decision object");
    assertThat(result.decisions())
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.HOLD);
              assertThat(d.executable().rationale())
                  .startsWith("no decision: the model's answer held no decision");
            });
    assertThat(result.summary()).isEqualTo("I am still thinking.");
  }

  @Test
  void repairModelReshapesAMalformedAnswerInATurnCountedAndPricedAtItsOwnPrice() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            text("I would hold BTC, nothing to see."), text("Definitely hold BTC."));
    ScriptedChatModel repair =
        ScriptedChatModel.of(
            text(
                "{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"nothing to see\"}]}"));
    AgentResult result =
        agent(metered(model, 1_000, 50))
            .repairModel(metered(repair, 400, 30))
            .price(new ModelPrice(new BigDecimal("10"), new BigDecimal("20")))
            .repairPrice(new ModelPrice(new BigDecimal("1"), new BigDecimal("2")))
            .build()
            .decide(context(BTC));
    assertThat(result.error()).isNull();
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("nothing to see");
    assertThat(repair.lastMessage(0))
        .contains("Definitely hold BTC.")
        .contains("without changing its intent");
    Transcript t = result.transcript();
    assertThat(t.tokens()).isEqualTo(new TokenUsage(2_400, 130));
    // 2,000 and 100 tokens of the model at $10 and $20 per million, 400 and 30 of the repair
    // model at $1 and $2.
    assertThat(t.cost()).isEqualByComparingTo("0.02246");
    List<TranscriptEntry.AssistantTurn> turns = t.entries(TranscriptEntry.AssistantTurn.class);
    assertThat(turns)
        .extracting(TranscriptEntry.AssistantTurn::step, TranscriptEntry.AssistantTurn::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, ModelRole.MAIN),
            org.assertj.core.groups.Tuple.tuple(2, ModelRole.MAIN),
            org.assertj.core.groups.Tuple.tuple(3, ModelRole.REPAIR));
    // The repair turn carries the hash of its request, so a record of it can be replayed.
    assertThat(turns.get(2).requestHash()).isEqualTo(CassetteModel.hash(repair.requests().get(0)));
    assertThat(turns.get(2).tokens()).isEqualTo(new TokenUsage(400, 30));
    assertThat(t.entries(TranscriptEntry.Proposal.class))
        .singleElement()
        .extracting(e -> e.step())
        .isEqualTo(3);
    assertThat(t.toJson()).contains("\"model\":\"repair\"");
  }

  @Test
  void theRepairModelIsNotAskedWhenTheBudgetCannotHoldItsTurn() {
    String prose = "I would hold BTC. ".repeat(2_000); // 36,000 characters, no decision
    ScriptedChatModel model = ScriptedChatModel.of(text(prose), text(prose));
    ScriptedChatModel repair =
        ScriptedChatModel.of(
            text(
                "{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"flat\"}]}"));
    AgentResult result =
        agent(metered(model, 5_000, 50))
            .maxTokens(20_000)
            .repairModel(repair)
            .build()
            .decide(context(BTC));
    // 9,900 tokens remain after two turns; reshaping 36,000 characters needs more.
    assertThat(repair.requests()).isEmpty();
    assertThat(result.transcript().entries(TranscriptEntry.Problem.class))
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .startsWith(
                        "the repair model was not asked: the token budget of 20000 per decision cannot hold the next turn"));
    assertThat(result.error()).startsWith("the model's answer held no decision");
  }

  @Test
  void legacyDecisionShapeIsAccepted() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            text(
                "{\"reasoning\":\"up\",\"summary\":\"long\",\"trade_decisions\":[{\"asset\":\"BTC\",\"action\":\"buy\","
                    + "\"percentage\":10,\"leverage\":5,\"tp_price\":"
                    + price(1.04)
                    + ",\"sl_price\":"
                    + price(0.98)
                    + "}]}"));
    AgentDecision d = agent(model).build().decide(context(BTC)).decision(BTC).orElseThrow();
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.OPEN_LONG);
    // 10 % of $10,000 as margin at 5x
    assertThat(d.executable().notionalUsd()).isEqualByComparingTo("5000");
    assertThat(d.executable().rationale()).isEqualTo("up");
  }

  @Test
  void modelLoopingOnToolsStopsAfterMaxSteps() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "get_account", "{}"),
            turn("", "get_account", "{}"),
            turn("", "get_account", "{}"),
            turn("", "get_account", "{}"),
            turn("", "get_account", "{}"));
    AgentResult result = agent(model).maxSteps(3).build().decide(context(BTC));
    assertThat(model.requests()).hasSize(3);
    assertThat(result.error()).isEqualTo("the model used all 3 turns without a decision");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
    assertThat(result.transcript().entries(TranscriptEntry.ToolCall.class).get(0).result())
        .contains("\"equity\":10000");
  }

  @Test
  void failingModelEndsInHold() {
    ChatModel broken =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            throw new IllegalStateException("connection reset");
          }
        };
    AgentResult result = agent(broken).build().decide(context(BTC));
    assertThat(result.error())
        .isEqualTo("the model call failed: IllegalStateException: connection reset");
    assertThat(result.decision(BTC).orElseThrow().executable().rationale())
        .contains("connection reset");
    assertThat(result.transcript().entries(TranscriptEntry.Problem.class)).isNotEmpty();
  }

  /** A provider that refuses its first {@code refusals} requests with HTTP {@code status}. */
  static final class RefusingModel implements ChatModel {
    final List<ChatRequest> requests = new java.util.ArrayList<>();
    final int status;
    final String body;
    final int refusals;

    RefusingModel(int status, String body, int refusals) {
      this.status = status;
      this.body = body;
      this.refusals = refusals;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      if (requests.size() <= refusals)
        // As langchain4j's provider adapters report an HTTP 4xx.
        throw new InvalidRequestException(new HttpException(status, body));
      return ChatResponse.builder()
          .aiMessage(
              AiMessage.from(
                  "{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"no tools\"}]}"))
          .build();
    }
  }

  @Test
  void aBadRequestNotAboutToolsIsReportedAsItIs() {
    String body =
        "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model."
            + " Use 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\","
            + "\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}";
    RefusingModel model = new RefusingModel(400, body, 1);
    AgentResult result = agent(model).build().decide(context(BTC));
    assertThat(model.requests).hasSize(1);
    assertThat(result.error())
        .startsWith("the model call failed: HTTP 400: ")
        .contains("Unsupported parameter: 'max_tokens'");
    assertThat(result.transcript().entries(TranscriptEntry.Problem.class))
        .extracting(TranscriptEntry.Problem::message)
        .noneMatch(m -> m.contains("refused the request with tools"));
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void aProviderRefusingToolsIsAskedForTheJsonFormat() {
    for (String refusal :
        List.of(
            "{\"error\":{\"message\":\"registry.ollama.ai/library/gemma3:4b does not support tools\","
                + "\"type\":\"api_error\",\"param\":null,\"code\":null}}",
            "{\"error\":{\"message\":\"No endpoints found that support tool use.\",\"code\":404}}",
            "\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set",
            "deepseek-reasoner does not support Function Calling")) {
      RefusingModel model = new RefusingModel(refusal.contains("404") ? 404 : 400, refusal, 1);
      AgentResult result = agent(model).build().decide(context(BTC));
      assertThat(result.error()).as(refusal).isNull();
      assertThat(model.requests).hasSize(2);
      assertThat(model.requests.get(0).toolSpecifications()).isNotEmpty();
      assertThat(model.requests.get(1).toolSpecifications()).isNullOrEmpty();
      assertThat(result.transcript().entries(TranscriptEntry.Problem.class))
          .extracting(TranscriptEntry.Problem::message)
          .anyMatch(m -> m.startsWith("the provider refused the request with tools"));
      assertThat(result.decision(BTC).orElseThrow().executable().rationale()).isEqualTo("no tools");
    }
  }

  @Test
  void slowModelHitsTheWallTime() {
    ChatModel slow =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            try {
              Thread.sleep(10_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("late")).build();
          }
        };
    long t0 = System.nanoTime();
    AgentResult result =
        agent(slow).maxWallTime(Duration.ofMillis(300)).build().decide(context(BTC));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.error())
        .startsWith("the model did not answer within the remaining wall time");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  /** {@code model}'s answers, each reported as {@code input} prompt and {@code output} tokens. */
  static ChatModel metered(ScriptedChatModel model, int input, int output) {
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder()
            .aiMessage(model.chat(request).aiMessage())
            .tokenUsage(new dev.langchain4j.model.output.TokenUsage(input, output))
            .build();
      }
    };
  }

  @Test
  void tokenBudgetStopsTheLoop() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "get_account", "{}"),
            turn("", "get_account", "{}"),
            turn("", "get_account", "{}"));
    AgentResult result = agent(model).maxTokens(200).build().decide(context(BTC));
    // The context alone is far more than 200 tokens: the first turn is not sent.
    assertThat(model.requests()).isEmpty();
    assertThat(result.error())
        .startsWith(
            "the token budget of 200 per decision cannot hold the next turn: its input alone is about ")
        .endsWith(" tokens and 200 remain (0 used)");
  }

  @Test
  void aTurnWhoseInputAloneWouldOvershootTheBudgetIsNotSent() {
    ScriptedChatModel model =
        ScriptedChatModel.of(turn("", "get_account", "{}"), turn("", "get_account", "{}"));
    AgentResult result =
        agent(metered(model, 12_000, 500)).maxTokens(20_000).build().decide(context(BTC));
    // 12,500 of 20,000 used: the next turn reads all of it again, so it cannot fit. It used to be
    // sent, as the budget was only checked against what had been used.
    assertThat(model.requests()).hasSize(1);
    assertThat(result.transcript().tokens().total()).isEqualTo(12_500);
    assertThat(result.error())
        .startsWith("the token budget of 20000 per decision cannot hold the next turn")
        .contains("7500 remain (12500 used)");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void theLastTurnAsksForNoMoreOutputThanTheBudgetHasLeft() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "get_account", "{}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"flat\"}"));
    AgentResult result =
        agent(metered(model, 6_000, 100)).maxTokens(15_000).build().decide(context(BTC));
    assertThat(result.error()).isNull();
    // 8,900 left after the first turn, whose 6,100 tokens the second reads again, with the
    // account's result: at most 2,800 are left for the answer.
    Integer cap = model.requests().get(1).maxOutputTokens();
    assertThat(cap)
        .isNotNull()
        .isLessThanOrEqualTo(2_800)
        .isGreaterThan(2_800 - model.lastMessage(1).length());
  }

  @Test
  void decidesPerAssetAndHoldsWhereTheModelSaidNothing() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "open_long", openLong("1000", price(1.04), price(0.98))),
            text("BTC long; ETH I leave."));
    AgentResult result = agent(model).build().decide(context(BTC, ETH));
    assertThat(result.error()).isNull();
    assertThat(result.decisions())
        .extracting(d -> d.executable().action())
        .containsExactly(TradeDecision.Action.OPEN_LONG, TradeDecision.Action.HOLD);
    assertThat(result.summary()).isEqualTo("BTC long; ETH I leave.");
  }

  @Test
  void customToolIsOfferedAndCalled() {
    Tool sentiment =
        new Tool() {
          @Override
          public String name() {
            return "get_sentiment";
          }

          @Override
          public String description() {
            return "Crowd sentiment for an asset, -1..1.";
          }

          @Override
          public String parameters() {
            return "{\"type\":\"object\",\"properties\":{\"asset\":{\"type\":\"string\"}},\"required\":[\"asset\"]}";
          }

          @Override
          public ToolResult execute(ToolArguments args, ToolContext ctx) {
            return ToolResult.of(
                dev.rez.json.Json.obj(
                    "asset",
                    args.asset("asset").name(),
                    "sentiment",
                    new BigDecimal("0.4"),
                    "price",
                    ctx.markPrice(args.asset("asset"))));
          }
        };
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "get_sentiment", "{\"asset\":\"BTC\"}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"meh\"}"));
    Agent agent = agent(model).tool(sentiment).build();
    assertThat(agent.toolNames()).endsWith("get_sentiment");
    agent.decide(context(BTC));
    ToolSpecification spec =
        model.requests().get(0).toolSpecifications().stream()
            .filter(s -> s.name().equals("get_sentiment"))
            .findFirst()
            .orElseThrow();
    assertThat(spec.description()).isEqualTo("Crowd sentiment for an asset, -1..1.");
    assertThat(spec.parameters().required()).containsExactly("asset");
    assertThat(model.lastMessage(1))
        .isEqualTo(
            "{\"asset\":\"BTC\",\"sentiment\":0.4,\"price\":"
                + price.stripTrailingZeros().toPlainString()
                + "}");
  }

  @Test
  void serviceLoaderDiscoversTools() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("", "get_fear_greed", "{}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"x\"}"));
    Agent agent = agent(model).discoverTools().build();
    assertThat(agent.toolNames()).contains("get_fear_greed");
    agent.decide(context(BTC));
    assertThat(model.lastMessage(1)).isEqualTo("{\"value\":62,\"label\":\"greed\"}");
  }

  @Test
  void builderRejectsBadTools() {
    Tool dup = new FearGreedTool();
    assertThatThrownBy(
            () -> agent(ScriptedChatModel.of()).tool(dup).tool(new FearGreedTool()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'get_fear_greed' is used twice");
    Tool badSchema =
        new FearGreedTool() {
          @Override
          public String parameters() {
            return "[1,2]";
          }
        };
    assertThatThrownBy(() -> agent(ScriptedChatModel.of()).tool(badSchema).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool 'get_fear_greed' parameters must be a JSON Schema object");
    assertThatThrownBy(() -> Agent.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("chatModel is required");
    assertThatThrownBy(() -> agent(ScriptedChatModel.of()).maxSteps(0))
        .hasMessage("maxSteps must be in 1..50 but was 0");
  }

  @Test
  void systemPromptCarriesTheProfile() {
    String prompt = Agent.defaultSystemPrompt(RiskProfile.MODERATE.limits());
    assertThat(prompt)
        .contains("Risk profile: moderate.")
        .contains("between 5x and 10x")
        .contains("Reward-to-risk at least 1.5")
        .contains("at least 2 independent signals agree")
        .doesNotContain("{{");
    assertThat(Agent.defaultSystemPrompt(RiskProfile.DEBUG.limits()))
        .contains("none required")
        .contains("never more than $11 per position");
    String custom =
        agent(ScriptedChatModel.of())
            .systemPrompt("Trade {{profile}} with {{leverageMax}}x.")
            .build()
            .systemPrompt();
    assertThat(custom).isEqualTo("Trade moderate with 10x.");
  }

  @Test
  void theResultCarriesTheContextItWasDecidedOn() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("Checking.", "get_account", "{}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"flat\"}"));
    ContextPayload context = context(BTC);
    AgentResult result = agent(model).build().decide(context);
    assertThat(result.context()).isSameAs(context);
    assertThat(result.transcript().contextMessage()).contains(context.json());
  }

  @Test
  void proposalsInOneDecisionShareTheMargin() {
    BigDecimal eth = market.price(ETH);
    String ethLong =
        "{\"asset\":\"ETH\",\"size_usd\":30000,\"leverage\":5,\"take_profit\":"
            + eth.multiply(new BigDecimal("1.04")).round(new MathContext(6))
            + ",\"stop_loss\":"
            + eth.multiply(new BigDecimal("0.98")).round(new MathContext(6))
            + ",\"rationale\":\"x\"}";
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn(
                "",
                "open_long",
                openLong("30000", price(1.04), price(0.98)),
                "open_long",
                ethLong));
    AgentResult result = agent(model).build().decide(context(BTC, ETH));
    // BTC takes $6,000 of the $10,000 equity as margin at 5x; ETH may only use the $4,000 left,
    // less the 2 % of the equity ($200) the policy keeps free.
    assertThat(result.decision(BTC).orElseThrow().executable().notionalUsd())
        .isEqualByComparingTo("30000");
    AgentDecision ethDecision = result.decision(ETH).orElseThrow();
    assertThat(ethDecision.verdict().outcome()).isEqualTo(RiskVerdict.Outcome.ADJUSTED);
    assertThat(ethDecision.executable().notionalUsd()).isEqualByComparingTo("19000");
    assertThat(ethDecision.verdict().reasons())
        .extracting(RiskVerdict.Reason::code)
        .containsExactly("available-margin-clipped");
  }

  @Test
  void listenerSeesEveryEntryAsItHappens() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("Checking.", "get_account", "{}"),
            turn("", "hold", "{\"asset\":\"BTC\",\"rationale\":\"x\"}"));
    List<TranscriptEntry> seen = new java.util.ArrayList<>();
    AgentResult result =
        agent(model)
            .build()
            .decide(
                context(BTC),
                entry -> {
                  seen.add(entry);
                  throw new IllegalStateException("a broken listener does not break the decision");
                });
    assertThat(seen).isEqualTo(result.transcript().entries());
    assertThat(result.error()).isNull();
  }

  @Test
  void venueFailureOutsideAToolStillEndsInHold() {
    ContextPayload context = context(BTC);
    exchange.failAccountReads("venue unreachable");
    ScriptedChatModel model =
        ScriptedChatModel.of(
            text(
                "{\"trade_decisions\":[{\"asset\":\"BTC\",\"action\":\"buy\",\"percentage\":10,\"leverage\":5,\"tp_price\":2000,\"sl_price\":900}]}"),
            text("still nothing"));
    AgentResult result = agent(model).build().decide(context);
    assertThat(model.lastMessage(1))
        .contains("the account's equity could not be read to size a percentage: venue unreachable");
    assertThat(result.error())
        .isEqualTo(
            "the model's answer held no decision: the answer held no JSON decision object (not JSON (at $))");
    assertThat(result.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void venueLeverageLimitApplies() {
    RiskPolicy loose =
        new RiskPolicy(RiskProfile.HIGH.limits().toBuilder().maxLeverage(20).build(), market.clock);
    String args =
        "{\"asset\":\"BTC\",\"size_usd\":1000,\"leverage\":20,\"take_profit\":"
            + price(1.02)
            + ",\"stop_loss\":"
            + price(0.99)
            + ",\"rationale\":\"x\"}";
    ScriptedChatModel model = ScriptedChatModel.of(turn("", "open_long", args));
    market.maxLeverage = 10;
    AgentDecision d =
        Agent.builder()
            .chatModel(model)
            .riskPolicy(loose)
            .marketData(market)
            .exchange(exchange)
            .clock(market.clock)
            .build()
            .decide(context(BTC))
            .decision(BTC)
            .orElseThrow();
    assertThat(d.executable().leverage()).isEqualTo(10);
    assertThat(d.verdict().reasons())
        .extracting(RiskVerdict.Reason::code)
        .containsExactly("leverage-clipped-venue");
  }

  @Test
  void toolCallsWithoutIdsGetOne() {
    List<ChatRequest> seen = new java.util.ArrayList<>();
    ChatModel noIds =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            seen.add(request);
            String tool = seen.size() == 1 ? "get_account" : "hold";
            String args = seen.size() == 1 ? "{}" : "{\"asset\":\"BTC\",\"rationale\":\"x\"}";
            return ChatResponse.builder()
                .aiMessage(
                    AiMessage.from(
                        List.of(
                            dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                                .name(tool)
                                .arguments(args)
                                .build())))
                .build();
          }
        };
    AgentResult result = agent(noIds).build().decide(context(BTC));
    assertThat(result.error()).isNull();
    var second = seen.get(1).messages();
    AiMessage ai = (AiMessage) second.get(2);
    var toolResult = (dev.langchain4j.data.message.ToolExecutionResultMessage) second.get(3);
    assertThat(ai.toolExecutionRequests().get(0).id()).isEqualTo("call-1-0");
    assertThat(toolResult.id()).isEqualTo("call-1-0");
    assertThat(result.transcript().entries(TranscriptEntry.ToolCall.class).get(0).id())
        .isEqualTo("call-1-0");
  }

  @Test
  void aCustomPromptIsVersionedByItsHash() {
    // SHA-256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
    assertThat(Agent.customPromptVersion("hello")).isEqualTo("custom/sha256:2cf24dba5fb0a30e");
  }
}
