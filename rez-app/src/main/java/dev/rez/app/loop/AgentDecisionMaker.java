package dev.rez.app.loop;

import dev.rez.agent.Agent;
import dev.rez.agent.AgentDecision;
import dev.rez.agent.AgentResult;
import dev.rez.agent.ContextBuilder;
import dev.rez.agent.ContextPayload;
import dev.rez.agent.TranscriptEntry;
import dev.rez.core.Diary;
import dev.rez.core.TradeDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link DecisionMaker} over rez-agent's {@link Agent}: builds the context payload with a {@link ContextBuilder}
 * (candles, indicators, account and orders read from the exchange), lets the agent decide, and hands back its
 * proposals with the transcript. The loop judges the proposals with its own risk policy before executing them. A
 * decision that fell back to HOLD because the model failed is reported as a failed outcome (it counts towards safe
 * mode). The context's short memory is read from the diary: the agent's last decisions per asset with what came of
 * them on the exchange (filled or not, exit kind, realised PnL, fees, holding time), rebuilt from the diary when the
 * app restarts.
 *
 * <pre>{@code
 * Agent agent = Agent.builder().chatModel(Models.offline()).modelName("offline-rules")
 *     .riskPolicy(policy).marketData(hl).exchange(hl).build();
 * DecisionMaker dm = new AgentDecisionMaker(agent, ContextBuilder.builder(hl, hl, limits).build(), 10, diary);
 * }</pre>
 *
 * <p>Not threadsafe: the loop calls it from one thread.
 */
public final class AgentDecisionMaker implements DecisionMaker {
  private final Agent agent;
  private final ContextBuilder contexts;
  private final Diary diary;
  private final DiaryMemory memory;

  /**
   * An adapter over {@code agent}, building contexts with {@code contexts} and its memory from {@code diary} (the
   * diary the loop writes to).
   *
   * @param memorySize how many recent decisions per asset to remember for the context, 0..100
   */
  public AgentDecisionMaker(Agent agent, ContextBuilder contexts, int memorySize, Diary diary) {
    this.agent = Objects.requireNonNull(agent, "agent == null");
    this.contexts = Objects.requireNonNull(contexts, "contexts == null");
    this.diary = Objects.requireNonNull(diary, "diary == null");
    this.memory = new DiaryMemory(memorySize);
  }

  @Override
  public String name() {
    return agent.modelName();
  }

  @Override
  public Outcome decide(Request request) {
    memory.catchUp(diary);
    ContextPayload payload = contexts.build(request.assets(), memory.entries());
    AgentResult result = agent.decide(payload);

    List<Step> steps = new ArrayList<>();
    String system = null;
    String version = null;
    String user = null;
    for (TranscriptEntry e : result.transcript().entries()) {
      switch (e) {
        case TranscriptEntry.SystemPrompt s -> {
          system = s.text();
          version = s.version();
        }
        case TranscriptEntry.UserMessage u -> {
          if (user == null) user = u.text();
          else steps.add(new Reasoning(u.step(), "[instruction to the model] " + u.text()));
        }
        case TranscriptEntry.AssistantTurn t -> {
          String text = t.thinking().isEmpty() ? t.text() : (t.thinking() + (t.text().isEmpty() ? "" : "\n\n" + t.text()));
          if (!text.isBlank()) steps.add(new Reasoning(t.step(), text));
          // A repair model's turn has no request hash: only the main model's answers can be replayed.
          if (!t.requestHash().isEmpty()) {
            steps.add(new ModelAnswer(t.step(), t.requestHash(), t.text(), t.thinking(), t.toolCalls(), t.toolArguments(),
                new Tokens(t.tokens().input(), t.tokens().output())));
          }
        }
        case TranscriptEntry.ToolCall c -> steps.add(new ToolCall(c.step(), c.tool(), c.arguments(), c.error() ? null : c.result(),
            c.error() ? c.result() : null, c.duration().toMillis()));
        default -> {
          // Proposals become the loop's own decision and risk-verdict events; problems its error event.
        }
      }
    }
    List<TradeDecision> proposals = new ArrayList<>();
    for (AgentDecision d : result.decisions()) {
      proposals.add(d.proposal());
    }
    var tokens = result.transcript().tokens();
    return new Outcome(proposals, payload.json(), system == null && user == null ? null : new Prompt(system, user, version), steps,
        new Tokens(tokens.input(), tokens.output()), result.error());
  }
}
