package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.rez.agent.Agent;
import dev.rez.agent.ContextBuilder;
import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.core.Fill;
import dev.rez.core.Interval;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.sim.AfterReplay;
import dev.rez.hyperliquid.sim.HyperliquidSimulator;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's memory on a real loop over the simulator: a losing close shows in the next context
 * with its exit, PnL, fees and holding time, and still does after a restart that rebuilds the
 * memory from the diary.
 */
class MemoryOutcomesTest {
  static final Asset BTC = Asset.of("BTC");
  static final PrivateKeySigner KEY = PrivateKeySigner.fromHex("0x" + "4d".repeat(32));

  @TempDir Path dir;
  HyperliquidSimulator sim;

  @AfterEach
  void close() {
    if (sim != null) sim.close();
  }

  /**
   * A model that opens a long with a tight stop whenever the context shows no position, and holds
   * otherwise.
   */
  static final class TightLongs implements ChatModel {
    @Override
    @SuppressWarnings("unchecked")
    public ChatResponse doChat(ChatRequest request) {
      List<ChatMessage> messages = request.messages();
      AiMessage answer;
      if (messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage) {
        answer = AiMessage.from("done");
      } else {
        String text =
            ((UserMessage)
                    messages.stream()
                        .filter(
                            m ->
                                m instanceof UserMessage u
                                    && u.singleText().contains("rez.context/"))
                        .findFirst()
                        .orElseThrow())
                .singleText();
        Map<String, Object> context =
            Json.parseObject(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
        Map<String, Object> account = (Map<String, Object>) context.get("account");
        BigDecimal price =
            (BigDecimal)
                ((List<Map<String, Object>>) context.get("assets")).get(0).get("markPrice");
        String call;
        String args;
        if (((List<?>) account.get("positions")).isEmpty()) {
          call = "open_long";
          args =
              "{\"asset\":\"BTC\",\"size_usd\":2000,\"leverage\":5,\"take_profit\":"
                  + price.multiply(new BigDecimal("1.008")).setScale(2, RoundingMode.HALF_UP)
                  + ",\"stop_loss\":"
                  + price.multiply(new BigDecimal("0.996")).setScale(2, RoundingMode.HALF_UP)
                  + ",\"rationale\":\"flat: go long\"}";
        } else {
          call = "hold";
          args = "{\"asset\":\"BTC\",\"rationale\":\"in a position\"}";
        }
        answer =
            AiMessage.from(
                List.of(
                    ToolExecutionRequest.builder()
                        .id("c" + messages.size())
                        .name(call)
                        .arguments(args)
                        .build()));
      }
      return ChatResponse.builder()
          .aiMessage(answer)
          .tokenUsage(new TokenUsage(10, 5))
          .modelName("tight-longs")
          .build();
    }
  }

  record Loop(TradingLoop loop, LoopClock.Stepped clock) {}

  Loop loop(HyperliquidExchange hl, MemoryDiary diary, LoopClock.Stepped clock, String runId) {
    RiskLimits limits =
        RiskProfile.MODERATE.limits().toBuilder().cooldown(Duration.ofMinutes(2)).build();
    RiskPolicy policy = new RiskPolicy(limits, clock.asClock());
    Agent agent =
        Agent.builder()
            .chatModel(new TightLongs())
            .modelName("tight-longs")
            .riskPolicy(policy)
            .marketData(hl)
            .exchange(hl)
            .clock(clock.asClock())
            .build();
    ContextBuilder contexts =
        ContextBuilder.builder(hl, hl, limits)
            .intervals(Interval.M1, Interval.M5)
            .clock(clock.asClock())
            .build();
    TradingLoop loop =
        new TradingLoop(
            new TradingLoop.Settings(
                List.of(BTC),
                Interval.M1,
                0,
                3,
                new BigDecimal("0.02"),
                Executor.Settings.defaults(runId),
                dir.resolve("diary.jsonl"),
                null,
                true),
            hl,
            hl,
            diary,
            policy,
            DecisionMaker.agent(agent, contexts, 10, diary),
            new TokenBudget(Long.MAX_VALUE, null, null, clock.asClock()),
            clock);
    loop.start();
    return new Loop(loop, clock);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLosingCloseIsRememberedInTheNextContextAndAfterARestart() throws Exception {
    sim =
        HyperliquidSimulator.builder()
            .candles("BTC", SimulatorLoopTest.demoCandles(400), 5, 50)
            .history(60)
            .afterReplay(AfterReplay.STOP)
            .fund(KEY.address(), new BigDecimal("10000"))
            .start();
    HyperliquidExchange hl =
        HyperliquidExchange.builder()
            .network(Network.TESTNET)
            .baseUrl(sim.baseUrl())
            .signer(KEY)
            .build();
    Instant start = sim.now();
    LoopClock.Stepped clock = LoopClock.stepped(start, sim::advanceTo);
    MemoryDiary diary = new MemoryDiary();
    Loop first = loop(hl, diary, clock, "memory-1");

    // Trade until a losing close has been followed by a context.
    Fill losingClose = null;
    int lossEvent = -1;
    for (int i = 0; i < 300 && (lossEvent < 0 || lastContext(diary) < lossEvent); i++) {
      clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
      first.loop().runCycle();
      if (lossEvent < 0) {
        for (int k = 0; k < diary.events.size(); k++) {
          DiaryEvent e = diary.events.get(k);
          if (!e.type().equals("fill")) continue;
          Fill f = SimulatorLoopTest.fillOf(Json.parseObject(e.json()));
          if (f.closing() && f.closedPnl().signum() < 0) {
            losingClose = f;
            lossEvent = k;
            break;
          }
        }
      }
    }
    assertThat(losingClose).as("a losing close within 300 cycles").isNotNull();

    // What the exchange says about that trade: its entry fill precedes the close.
    List<Fill> fills = hl.fills(start);
    Fill close = losingClose;
    Fill entry =
        fills.stream()
            .filter(f -> !f.closing() && !f.time().isAfter(close.time()))
            .reduce((a, b) -> b)
            .orElseThrow();
    BigDecimal net = close.closedPnl().subtract(close.fee()).subtract(entry.fee());

    Map<String, Object> remembered = lossIn(contextAfter(diary, lossEvent), close);
    if (System.getenv("REZ_DEBUG_TEST") != null) System.err.println(remembered);
    assertThat((String) remembered.get("outcome")).contains("closed by stop-loss", "a loss");
    Map<String, Object> trade = (Map<String, Object>) remembered.get("trade");
    assertThat(trade).containsEntry("status", "closed").containsEntry("exit", "stop-loss");
    assertThat((BigDecimal) trade.get("realisedPnl")).isEqualByComparingTo(close.closedPnl());
    assertThat((BigDecimal) trade.get("fees")).isEqualByComparingTo(close.fee().add(entry.fee()));
    assertThat((BigDecimal) trade.get("netPnl")).isEqualByComparingTo(net).isNegative();
    assertThat(((BigDecimal) trade.get("holdingMinutes")).doubleValue())
        .isEqualTo(
            Duration.between(entry.time(), close.time()).toSeconds() / 60.0,
            org.assertj.core.data.Offset.offset(0.05));

    // The system prompt tells the model what the memory is for.
    assertThat((String) diary.data("prompt").get(0).get("system"))
        .contains("net PnL", "do not repeat a losing idea");

    // A restart: a new loop and decision maker over the same diary remember the loss from the diary
    // alone.
    int before = diary.events.size();
    Loop second = loop(hl, diary, clock, "memory-2");
    clock.advanceTo(clock.now().plus(Duration.ofMinutes(1)));
    second.loop().runCycle();
    Map<String, Object> again = lossIn(contextAfter(diary, before), close);
    assertThat(again).isEqualTo(remembered);
  }

  private static int lastContext(MemoryDiary diary) {
    for (int k = diary.events.size() - 1; k >= 0; k--)
      if (diary.events.get(k).type().equals("context")) return k;
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> contextAfter(MemoryDiary diary, int index) {
    for (int k = index + 1; k < diary.events.size(); k++) {
      DiaryEvent e = diary.events.get(k);
      if (e.type().equals("context"))
        return (List<Map<String, Object>>)
            ((Map<String, Object>) Json.parseObject(e.json()).get("payload")).get("memory");
    }
    throw new AssertionError("no context after event " + index);
  }

  /**
   * The memory entry naming the losing close (by its time: the entry was decided before, and closed
   * then).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> lossIn(List<Map<String, Object>> memory, Fill close) {
    return memory.stream()
        .filter(
            m ->
                m.get("trade") instanceof Map<?, ?> t
                    && "closed".equals(t.get("status"))
                    && ((BigDecimal) ((Map<String, Object>) t).get("realisedPnl"))
                            .compareTo(close.closedPnl())
                        == 0)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no memory entry for the close " + close + " in " + memory));
  }
}
