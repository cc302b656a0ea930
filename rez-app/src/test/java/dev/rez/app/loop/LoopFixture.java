package dev.rez.app.loop;

import dev.rez.agent.AgentResult;
import dev.rez.agent.ContextPayload;
import dev.rez.agent.TokenUsage;
import dev.rez.agent.Transcript;
import dev.rez.agent.TranscriptEntry;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import dev.rez.testkit.FakeExchange;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A trading loop over a {@link FakeExchange}, a {@link MemoryDiary} and a scripted decision maker.
 */
final class LoopFixture {
  final LoopClock.Stepped clock = LoopClock.stepped(Instant.parse("2026-01-05T10:00:00Z"), t -> {});
  final FakeExchange ex = new FakeExchange(clock.asClock());
  final MemoryDiary diary = new MemoryDiary();
  final Path stateBase;
  final Script script = new Script();
  RiskLimits limits =
      RiskProfile.MODERATE.limits().toBuilder().cooldown(Duration.ofMinutes(10)).build();
  RiskPolicy policy;
  TokenBudget budget;
  int safeModeAfter = 3;
  boolean syncEachCycle = true;

  /** The exchange the loop trades on; {@link #ex} unless a test wraps it. */
  dev.rez.core.Exchange exchange;

  /** The market data the loop reads; {@link #ex} unless a test wraps it. */
  dev.rez.core.MarketData market;

  /** The clock the loop runs on; {@link #clock} unless a test wraps it. */
  LoopClock loopClock = clock;

  LoopFixture(Path dir) {
    this.stateBase = dir.resolve("diary.jsonl");
  }

  TradingLoop loop() {
    return loop(diary);
  }

  /** The loop over another diary. */
  TradingLoop loop(dev.rez.core.Diary diary) {
    policy = new RiskPolicy(limits, clock.asClock());
    if (budget == null) budget = new TokenBudget(1_000_000, null, null, clock.asClock());
    TradingLoop.Settings s =
        new TradingLoop.Settings(
            List.of(FakeExchange.BTC, FakeExchange.ETH),
            Interval.M5,
            50,
            safeModeAfter,
            new BigDecimal("0.02"),
            Executor.Settings.defaults("run-" + System.nanoTime()),
            stateBase,
            null,
            syncEachCycle);
    return new TradingLoop(
        s,
        exchange == null ? ex : exchange,
        market == null ? ex : market,
        diary,
        policy,
        script,
        budget,
        loopClock);
  }

  void advance(Duration d) {
    clock.advanceTo(clock.now().plus(d));
  }

  /** Decisions returned in order, one function per cycle; an empty script holds. */
  static final class Script implements DecisionMaker {
    final Deque<Function<Request, List<TradeDecision>>> steps = new ArrayDeque<>();
    final List<Request> requests = new ArrayList<>();
    TokenUsage tokens = new TokenUsage(100, 20);
    BigDecimal cost;

    Script then(Function<Request, List<TradeDecision>> step) {
      steps.add(step);
      return this;
    }

    Script thenFail(String message) {
      steps.add(
          r -> {
            throw new IllegalStateException(message);
          });
      return this;
    }

    @Override
    public AgentResult decide(Request request) {
      requests.add(request);
      Function<Request, List<TradeDecision>> step = steps.poll();
      List<TradeDecision> ds = step == null ? List.of() : step.apply(request);
      AgentResult decided = DecisionMaker.decisions(ds, tokens);
      Transcript transcript =
          new Transcript(
              request.time(),
              Duration.ofMillis(5),
              "script",
              List.of(
                  new TranscriptEntry.SystemPrompt(
                      0, "custom/sha256:0123456789abcdef", "system text"),
                  new TranscriptEntry.UserMessage(0, "user text"),
                  new TranscriptEntry.AssistantTurn(
                      1, "thinking", "", List.of("indicators"), tokens, Duration.ofMillis(2)),
                  new TranscriptEntry.ToolCall(
                      2,
                      "call-1",
                      "indicators",
                      "{\"asset\":\"BTC\"}",
                      "{\"rsi\":55}",
                      false,
                      Duration.ofMillis(3))),
              tokens,
              cost);
      return new AgentResult(
          decided.decisions(),
          "",
          null,
          transcript,
          new ContextPayload(
              "custom/1",
              request.time(),
              request.assets(),
              "{\"version\":2,\"assets\":[\"BTC\"]}"));
    }

    @Override
    public String name() {
      return "script";
    }
  }

  static TradeDecision openLong(Asset a, String notional, String tp, String sl) {
    return TradeDecision.open(
        Side.BUY,
        a,
        new BigDecimal(notional),
        5,
        new BigDecimal(tp),
        new BigDecimal(sl),
        "scripted long");
  }
}
