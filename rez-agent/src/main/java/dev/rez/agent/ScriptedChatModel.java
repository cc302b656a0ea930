package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A test double: a chat model that plays a fixed script, one turn per call, and records every
 * request. Use it to test your tools and your bot's handling of decisions without a network or a
 * key.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.of(
 *     ScriptedChatModel.turn("Checking sentiment.", "get_fear_greed", "{}"),
 *     ScriptedChatModel.turn("Greedy crowd: hold.", "hold", "{\"asset\":\"BTC\",\"rationale\":\"greed\"}"));
 * AgentResult result = agent.decide(context);
 * String toolResult = model.lastMessage(1);   // what the agent sent back for get_fear_greed
 * }</pre>
 *
 * <p>Once the script is played out it answers {@code (script exhausted)}. Each turn reports 100
 * prompt and 20 completion tokens. This class is threadsafe.
 */
public final class ScriptedChatModel implements ChatModel {
  private final List<Turn> turns;
  private final List<ChatRequest> requests = new ArrayList<>();

  private ScriptedChatModel(List<Turn> turns) {
    this.turns = List.copyOf(turns);
  }

  /** A model playing {@code turns} in order. */
  public static ScriptedChatModel of(Turn... turns) {
    return new ScriptedChatModel(List.of(turns));
  }

  /** A turn that only writes {@code text} (no tool call). */
  public static Turn text(String text) {
    return new Turn(Objects.requireNonNull(text, "text == null"), List.of());
  }

  /**
   * A turn with reasoning {@code text} (may be empty) and tool calls given as alternating tool
   * names and JSON argument texts: {@code turn("", "get_account", "{}", "hold",
   * "{\"asset\":\"BTC\",\"rationale\":\"x\"}")}. Arguments are sent as written, so a test may send
   * malformed ones.
   */
  public static Turn turn(String text, String... toolsAndArguments) {
    Objects.requireNonNull(text, "text == null");
    if (toolsAndArguments.length % 2 != 0)
      throw new IllegalArgumentException("tool names and arguments must come in pairs");
    List<String[]> calls = new ArrayList<>();
    for (int i = 0; i < toolsAndArguments.length; i += 2)
      calls.add(new String[] {toolsAndArguments[i], toolsAndArguments[i + 1]});
    return new Turn(text, calls);
  }

  /** One scripted answer. Create with {@link #text} or {@link #turn}. */
  public static final class Turn {
    private final String text;
    private final List<String[]> calls;

    private Turn(String text, List<String[]> calls) {
      this.text = text;
      this.calls = List.copyOf(calls);
    }

    AiMessage message(int turn) {
      if (calls.isEmpty()) return AiMessage.from(text);
      List<ToolExecutionRequest> requests = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        requests.add(
            ToolExecutionRequest.builder()
                .id("call-" + turn + "-" + i)
                .name(calls.get(i)[0])
                .arguments(calls.get(i)[1])
                .build());
      }
      return text.isEmpty() ? AiMessage.from(requests) : AiMessage.from(text, requests);
    }
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    int index = requests.size();
    requests.add(request);
    AiMessage m =
        index < turns.size()
            ? turns.get(index).message(index)
            : AiMessage.from("(script exhausted)");
    return ChatResponse.builder()
        .aiMessage(m)
        .tokenUsage(new dev.langchain4j.model.output.TokenUsage(100, 20))
        .modelName("scripted")
        .build();
  }

  /** Every request received, in order. */
  public synchronized List<ChatRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The text of the last message of request {@code index}: the tool result or user message the
   * agent sent last.
   *
   * @throws IndexOutOfBoundsException when fewer requests were received
   */
  public synchronized String lastMessage(int index) {
    List<ChatMessage> messages = requests.get(index).messages();
    ChatMessage m = messages.get(messages.size() - 1);
    return switch (m) {
      case ToolExecutionResultMessage t -> t.text();
      case UserMessage u -> u.hasSingleText() ? u.singleText() : u.toString();
      case AiMessage a -> String.valueOf(a.text());
      default -> m.toString();
    };
  }
}
