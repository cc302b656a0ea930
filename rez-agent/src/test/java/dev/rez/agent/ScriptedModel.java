package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A chat model that plays a script, one step per call, and records every request. */
final class ScriptedModel implements ChatModel {
  final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Function<ChatRequest, AiMessage>> steps;
  private int next;

  @SafeVarargs
  ScriptedModel(Function<ChatRequest, AiMessage>... steps) {
    this.steps = List.of(steps);
  }

  static Function<ChatRequest, AiMessage> say(String text) {
    return r -> AiMessage.from(text);
  }

  static Function<ChatRequest, AiMessage> call(String tool, String arguments) {
    return r -> AiMessage.from(List.of(ToolExecutionRequest.builder().id("c" + tool.hashCode() + arguments.length()).name(tool).arguments(arguments).build()));
  }

  static Function<ChatRequest, AiMessage> calls(String text, String... toolAndArgs) {
    return r -> {
      List<ToolExecutionRequest> list = new ArrayList<>();
      for (int i = 0; i < toolAndArgs.length; i += 2) {
        list.add(ToolExecutionRequest.builder().id("c" + i).name(toolAndArgs[i]).arguments(toolAndArgs[i + 1]).build());
      }
      return AiMessage.from(text, list);
    };
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    AiMessage m = next < steps.size() ? steps.get(next).apply(request) : AiMessage.from("(script exhausted)");
    next++;
    return ChatResponse.builder().aiMessage(m).tokenUsage(new TokenUsage(100, 20)).modelName("scripted").build();
  }

  /** The text of the last message of request {@code i} (a tool result or a user message). */
  String lastMessageText(int i) {
    var messages = requests.get(i).messages();
    var m = messages.get(messages.size() - 1);
    if (m instanceof dev.langchain4j.data.message.ToolExecutionResultMessage t) return t.text();
    if (m instanceof dev.langchain4j.data.message.UserMessage u) return u.singleText();
    if (m instanceof AiMessage a) return a.text();
    return m.toString();
  }
}
