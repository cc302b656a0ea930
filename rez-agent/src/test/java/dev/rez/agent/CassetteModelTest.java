package dev.rez.agent;

import static dev.rez.agent.CsvMarket.BTC;
import static dev.rez.agent.ScriptedChatModel.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import dev.rez.testkit.FakeExchange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassetteModelTest {
  final CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofDays(3)));
  final FakeExchange exchange = FakeExchange.readOnly();

  Agent agent(dev.langchain4j.model.chat.ChatModel model, RiskProfile profile) {
    return builder(model).riskPolicy(new RiskPolicy(profile.limits(), market.clock)).build();
  }

  /** The agent of {@code model} and the repair model {@code repair}, under the moderate profile. */
  Agent agent(
      dev.langchain4j.model.chat.ChatModel model, dev.langchain4j.model.chat.ChatModel repair) {
    return builder(model)
        .repairModel(repair)
        .riskPolicy(new RiskPolicy(RiskProfile.MODERATE.limits(), market.clock))
        .build();
  }

  Agent.Builder builder(dev.langchain4j.model.chat.ChatModel model) {
    return Agent.builder()
        .chatModel(model)
        .marketData(market)
        .exchange(exchange)
        .clock(market.clock);
  }

  ContextPayload context() {
    return ContextBuilder.builder(market, exchange, RiskProfile.MODERATE.limits())
        .clock(market.clock)
        .build()
        .build(List.of(BTC), List.of());
  }

  String openLong(String size) {
    BigDecimal p = market.price(BTC);
    String tp = p.multiply(new BigDecimal("1.04")).round(new MathContext(7)).toPlainString();
    String sl = p.multiply(new BigDecimal("0.98")).round(new MathContext(7)).toPlainString();
    return "{\"asset\":\"BTC\",\"size_usd\":"
        + size
        + ",\"leverage\":5,\"take_profit\":"
        + tp
        + ",\"stop_loss\":"
        + sl
        + ",\"rationale\":\"up\"}";
  }

  /** The answers of a transcript, as a diary records them. */
  static List<CassetteModel.Answer> answers(long cycle, Transcript t) {
    List<CassetteModel.Answer> out = new ArrayList<>();
    for (TranscriptEntry.AssistantTurn a : t.entries(TranscriptEntry.AssistantTurn.class)) {
      out.add(
          new CassetteModel.Answer(
              cycle,
              a.step(),
              a.requestHash(),
              a.text(),
              a.thinking(),
              a.toolCalls(),
              a.toolArguments(),
              a.tokens(),
              a.role()));
    }
    return out;
  }

  AgentResult recorded() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            turn("Checking the account.", "get_account", "{}"),
            turn("Long.", "open_long", openLong("1000")));
    return agent(model, RiskProfile.MODERATE).decide(context());
  }

  @Test
  void strictCassetteReplaysTheRecordedDecisionWithoutTheModel() {
    AgentResult original = recorded();
    CassetteModel cassette =
        CassetteModel.of(answers(7, original.transcript()), CassetteModel.Mode.STRICT);
    cassette.cycle(7);
    AgentResult replayed = agent(cassette, RiskProfile.MODERATE).decide(context());

    assertThat(cassette.mismatch()).isEmpty();
    assertThat(cassette.served()).isEqualTo(2);
    assertThat(replayed.decisions()).isEqualTo(original.decisions());
    assertThat(replayed.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.OPEN_LONG);
    assertThat(replayed.transcript().entries(TranscriptEntry.ToolCall.class))
        .extracting(TranscriptEntry.ToolCall::result)
        .isEqualTo(
            original.transcript().entries(TranscriptEntry.ToolCall.class).stream()
                .map(TranscriptEntry.ToolCall::result)
                .toList());
  }

  @Test
  void aDecisionTheRepairModelCompletedReplaysStrictly() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ScriptedChatModel.text("I would go long BTC here."),
            ScriptedChatModel.text("Long BTC, as I said."));
    ScriptedChatModel repair =
        ScriptedChatModel.of(
            ScriptedChatModel.text(
                "{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_long\","
                    + openLong("1000").substring(1)
                    + "]}"));
    AgentResult original = agent(model, repair).decide(context());
    assertThat(original.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.OPEN_LONG);

    CassetteModel cassette =
        CassetteModel.of(answers(3, original.transcript()), CassetteModel.Mode.STRICT);
    cassette.cycle(3);
    AgentResult replayed = agent(cassette, cassette.repairModel()).decide(context());
    // The repair model's answer was recorded as its own turn and is played as the repair model's.
    assertThat(cassette.mismatch()).isEmpty();
    assertThat(cassette.served()).isEqualTo(3);
    assertThat(replayed.error()).isNull();
    assertThat(replayed.decisions()).isEqualTo(original.decisions());
  }

  @Test
  void aDecisionWithoutARepairReplaysStrictlyWithTheCassettesRepairModel() {
    ScriptedChatModel model =
        ScriptedChatModel.of(
            ScriptedChatModel.text("Nothing to do."), ScriptedChatModel.text("Still nothing."));
    AgentResult original = agent(model, RiskProfile.MODERATE).decide(context());
    assertThat(original.error()).startsWith("the model's answer held no decision");

    CassetteModel cassette =
        CassetteModel.of(answers(4, original.transcript()), CassetteModel.Mode.STRICT);
    cassette.cycle(4);
    AgentResult replayed = agent(cassette, cassette.repairModel()).decide(context());
    // No repair answer was recorded: the replay ends as the recorded decision did.
    assertThat(cassette.mismatch()).isEmpty();
    assertThat(replayed.error()).isEqualTo(original.error());
    assertThat(replayed.decisions()).isEqualTo(original.decisions());
  }

  @Test
  void strictCassetteFailsOnADifferentRequestNamingTheCycle() {
    AgentResult original = recorded();
    CassetteModel cassette =
        CassetteModel.of(answers(7, original.transcript()), CassetteModel.Mode.STRICT);
    cassette.cycle(7);
    market.clock.set(
        market.clock.instant().plus(Duration.ofMinutes(5))); // a later context: another request
    AgentResult replayed = agent(cassette, RiskProfile.MODERATE).decide(context());

    assertThat(cassette.mismatch())
        .hasValueSatisfying(m -> assertThat(m).startsWith("cycle 7 step 1: the request differs"));
    assertThat(replayed.error()).contains("cycle 7 step 1");
    assertThat(replayed.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
  }

  @Test
  void lenientCassetteReplaysTheAnswersUnderOtherLimits() {
    AgentResult original = recorded();
    CassetteModel cassette =
        CassetteModel.of(answers(7, original.transcript()), CassetteModel.Mode.LENIENT);
    cassette.cycle(7);
    // The debug profile caps the position at the minimum order value, far below the $1000 the
    // recorded answer asked for.
    AgentResult replayed = agent(cassette, RiskProfile.DEBUG).decide(context());

    assertThat(cassette.mismatch()).isEmpty();
    RiskVerdict before = original.decision(BTC).orElseThrow().verdict();
    RiskVerdict after = replayed.decisions().get(0).verdict();
    assertThat(before.outcome()).isEqualTo(RiskVerdict.Outcome.APPROVED);
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void lenientCassetteHoldsQuietlyWhereNothingWasRecorded() {
    BigDecimal p = market.price(BTC);
    // The stop is above the entry: refused under any profile, so the agent asks again, and the
    // recording has no second answer.
    String wrongStop =
        "{\"asset\":\"BTC\",\"size_usd\":500,\"leverage\":5,\"take_profit\":"
            + p.multiply(new BigDecimal("1.04")).round(new MathContext(7)).toPlainString()
            + ",\"stop_loss\":"
            + p.multiply(new BigDecimal("1.02")).round(new MathContext(7)).toPlainString()
            + ",\"rationale\":\"up\"}";
    CassetteModel cassette =
        CassetteModel.of(
            List.of(
                new CassetteModel.Answer(
                    7,
                    1,
                    "",
                    "",
                    "",
                    List.of("open_long"),
                    List.of(wrongStop),
                    TokenUsage.ZERO,
                    ModelRole.MAIN)),
            CassetteModel.Mode.LENIENT);
    cassette.cycle(7);
    AgentResult result = agent(cassette, RiskProfile.MODERATE).decide(context());

    assertThat(result.error()).isNull();
    AgentDecision d = result.decision(BTC).orElseThrow();
    assertThat(d.verdict().outcome()).isEqualTo(RiskVerdict.Outcome.REJECTED);
    assertThat(d.executable().action()).isEqualTo(TradeDecision.Action.HOLD);
    // No corrective retry, and no made-up answer in the transcript.
    assertThat(result.transcript().entries(TranscriptEntry.AssistantTurn.class)).hasSize(1);
    assertThat(result.transcript().entries(TranscriptEntry.UserMessage.class)).hasSize(1);

    // A cycle with nothing recorded at all holds the same way.
    cassette.cycle(8);
    AgentResult none = agent(cassette, RiskProfile.MODERATE).decide(context());
    assertThat(none.error()).isNull();
    assertThat(none.decision(BTC).orElseThrow().executable().action())
        .isEqualTo(TradeDecision.Action.HOLD);
    assertThat(none.decision(BTC).orElseThrow().executable().rationale())
        .isEqualTo("the recording holds no answer for this decision's turn");
    assertThat(none.transcript().entries(TranscriptEntry.AssistantTurn.class)).isEmpty();
    assertThat(cassette.served()).isEqualTo(1);
  }

  @Test
  void withoutCyclesTheCassetteMovesToTheNextRecordedCycleAtEachDecision() {
    List<CassetteModel.Answer> list = new ArrayList<>(answers(3, recorded().transcript()));
    list.add(
        new CassetteModel.Answer(
            9,
            1,
            "",
            "",
            "",
            List.of("hold"),
            List.of("{\"asset\":\"BTC\",\"rationale\":\"flat\"}"),
            TokenUsage.ZERO,
            ModelRole.MAIN));
    CassetteModel cassette = CassetteModel.of(list, CassetteModel.Mode.LENIENT);
    Agent a = agent(cassette, RiskProfile.MODERATE);
    assertThat(a.decide(context()).decision(BTC).orElseThrow().proposal().action())
        .isEqualTo(TradeDecision.Action.OPEN_LONG);
    assertThat(a.decide(context()).decision(BTC).orElseThrow().proposal().action())
        .isEqualTo(TradeDecision.Action.HOLD);
    assertThat(cassette.served()).isEqualTo(3);
  }

  @Test
  void hashIgnoresToolCallIdsButNotText() {
    ChatRequest a =
        ChatRequest.builder().messages(SystemMessage.from("s"), UserMessage.from("u")).build();
    ChatRequest b =
        ChatRequest.builder().messages(SystemMessage.from("s"), UserMessage.from("u ")).build();
    assertThat(CassetteModel.hash(a))
        .isEqualTo(
            CassetteModel.hash(
                ChatRequest.builder()
                    .messages(SystemMessage.from("s"), UserMessage.from("u"))
                    .build()))
        .isNotEqualTo(CassetteModel.hash(b))
        .hasSize(24);
    assertThatThrownBy(
            () ->
                CassetteModel.of(
                    List.of(
                        new CassetteModel.Answer(
                            1,
                            1,
                            "",
                            "x",
                            "",
                            List.of(),
                            List.of(),
                            TokenUsage.ZERO,
                            ModelRole.MAIN),
                        new CassetteModel.Answer(
                            1,
                            1,
                            "",
                            "y",
                            "",
                            List.of(),
                            List.of(),
                            TokenUsage.ZERO,
                            ModelRole.MAIN)),
                    CassetteModel.Mode.STRICT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle 1 step 1");
  }

  @Test
  void aGrowingConversationsFingerprintIsTheHashOfEachRequest() {
    List<ToolSpecification> specs =
        List.of(
            ToolSpecification.builder().name("indicators").build(),
            ToolSpecification.builder().name("hold").build());
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("c1")
            .name("indicators")
            .arguments("{\"asset\":\"BTC\"}")
            .build();
    List<ChatMessage> messages =
        new ArrayList<>(List.of(SystemMessage.from("sys"), UserMessage.from("ctx é 😀")));
    CassetteModel.Fingerprint fingerprint = new CassetteModel.Fingerprint();
    ChatRequest first = ChatRequest.builder().messages(messages).toolSpecifications(specs).build();
    assertThat(fingerprint.of(first)).isEqualTo(CassetteModel.hash(first));
    messages.add(AiMessage.from("thinking", List.of(call)));
    messages.add(ToolExecutionResultMessage.from("c1", "indicators", "{\"rsi\":50}"));
    ChatRequest second = ChatRequest.builder().messages(messages).toolSpecifications(specs).build();
    // The value the whole-request hash gave before it was computed incrementally: recorded diaries
    // keep replaying.
    assertThat(fingerprint.of(second))
        .isEqualTo(CassetteModel.hash(second))
        .isEqualTo("e8775aff2e98410068a7c119");
    messages.set(0, SystemMessage.from("sys, answering in JSON"));
    ChatRequest withoutTools = ChatRequest.builder().messages(messages).build();
    assertThat(fingerprint.of(withoutTools))
        .isEqualTo(CassetteModel.hash(withoutTools))
        .isNotEqualTo(CassetteModel.hash(second));
  }
}
