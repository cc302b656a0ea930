package dev.rez.agent;

import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of a decision's {@link Transcript}: every message the model saw or wrote, every tool
 * call, the outcome. {@code step} counts model turns from 1; entries written before the first turn
 * carry step 0.
 */
public sealed interface TranscriptEntry {
  /** The model turn this entry belongs to (0 before the first turn). */
  int step();

  /**
   * The system prompt.
   *
   * @param step 0
   * @param version the prompt's version, e.g. {@code rez.prompt/1}, or {@code custom/sha256:…} for
   *     a custom prompt
   * @param text the full prompt
   */
  record SystemPrompt(int step, String version, String text) implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public SystemPrompt {
      Objects.requireNonNull(version, "version == null");
      Objects.requireNonNull(text, "text == null");
    }
  }

  /**
   * A user message: the context at step 0, later a corrective instruction from the agent.
   *
   * @param step the turn it precedes
   * @param text the full message
   */
  record UserMessage(int step, String text) implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public UserMessage {
      Objects.requireNonNull(text, "text == null");
    }
  }

  /**
   * One answer of the model.
   *
   * @param step the turn
   * @param text its reasoning text (empty when it only called tools)
   * @param thinking the model's separate thinking, for reasoning models that return it (empty
   *     otherwise)
   * @param toolCalls the names of the tools it called, in order
   * @param tokens tokens of this turn
   * @param latency how long the model took
   * @param requestHash {@link CassetteModel#hash} of the request this turn answered, empty when not
   *     known
   * @param toolArguments the arguments of each tool call as the model wrote them, in the order of
   *     {@code toolCalls} (empty when not known)
   * @param role which model answered: the repair model's turn has a step of its own, after the turn
   *     whose answer it reshapes
   */
  record AssistantTurn(
      int step,
      String text,
      String thinking,
      List<String> toolCalls,
      TokenUsage tokens,
      Duration latency,
      String requestHash,
      List<String> toolArguments,
      ModelRole role)
      implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public AssistantTurn {
      Objects.requireNonNull(text, "text == null");
      Objects.requireNonNull(thinking, "thinking == null");
      toolCalls = List.copyOf(toolCalls);
      Objects.requireNonNull(tokens, "tokens == null");
      Objects.requireNonNull(latency, "latency == null");
      Objects.requireNonNull(requestHash, "requestHash == null");
      toolArguments = List.copyOf(toolArguments);
      if (!toolArguments.isEmpty() && toolArguments.size() != toolCalls.size()) {
        throw new IllegalArgumentException(
            toolArguments.size() + " tool arguments for " + toolCalls.size() + " tool calls");
      }
      Objects.requireNonNull(role, "role == null");
    }

    /** A turn of the main model whose request and tool arguments are not known. */
    public AssistantTurn(
        int step,
        String text,
        String thinking,
        List<String> toolCalls,
        TokenUsage tokens,
        Duration latency) {
      this(step, text, thinking, toolCalls, tokens, latency, "", List.of(), ModelRole.MAIN);
    }
  }

  /**
   * One tool call and its result.
   *
   * @param step the turn that asked for it
   * @param id the model's call id
   * @param tool the tool name as the model wrote it
   * @param arguments the arguments as the model wrote them
   * @param result what went back to the model (JSON, or the error message)
   * @param error true when the result is an error
   * @param duration how long the tool ran
   */
  record ToolCall(
      int step,
      String id,
      String tool,
      String arguments,
      String result,
      boolean error,
      Duration duration)
      implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public ToolCall {
      Objects.requireNonNull(tool, "tool == null");
      Objects.requireNonNull(arguments, "arguments == null");
      Objects.requireNonNull(result, "result == null");
      Objects.requireNonNull(duration, "duration == null");
    }
  }

  /**
   * A proposal and the risk policy's verdict, as it happened (from an action tool or a parsed text
   * answer).
   *
   * @param step the turn
   * @param proposal the proposal
   * @param verdict the verdict
   */
  record Proposal(int step, TradeDecision proposal, RiskVerdict verdict)
      implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public Proposal {
      Objects.requireNonNull(proposal, "proposal == null");
      Objects.requireNonNull(verdict, "verdict == null");
    }
  }

  /**
   * Something that went wrong outside a tool: a failed model call, an answer without a decision, a
   * limit hit.
   *
   * @param step the turn
   * @param message what went wrong
   */
  record Problem(int step, String message) implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public Problem {
      Objects.requireNonNull(message, "message == null");
    }
  }

  /**
   * The final decision for one asset, written once per asset when the decision ends.
   *
   * @param step the last turn
   * @param decision the decision and its verdict
   */
  record FinalDecision(int step, AgentDecision decision) implements TranscriptEntry {
    /** Checks the components; see the record description. */
    public FinalDecision {
      Objects.requireNonNull(decision, "decision == null");
    }
  }
}
