package dev.rez.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * OpenAI-style chat models (OpenAI, OpenRouter, compatible servers); loaded only when the adapter
 * is present.
 */
final class OpenAiModels {
  private OpenAiModels() {}

  static ChatModel create(ModelSettings settings) {
    OpenAiChatModel.OpenAiChatModelBuilder b =
        OpenAiChatModel.builder()
            .baseUrl(settings.baseUrl())
            // Local servers ignore the key, but the client insists on one.
            .apiKey(settings.apiKey() == null ? "none" : settings.apiKey())
            .modelName(settings.model())
            .timeout(settings.timeout())
            .maxRetries(settings.maxRetries())
            .customHeaders(settings.headers())
            // Reasoning models' thinking (reasoning_content) goes into the transcript.
            .returnThinking(true);
    settings.temperature().ifPresent(b::temperature);
    // OpenAI's reasoning models refuse max_tokens; OpenRouter and compatible servers read it.
    if (settings.provider() != ModelProvider.OPENAI) {
      b.maxTokens(settings.maxOutputTokens());
      return b.build();
    }
    b.maxCompletionTokens(settings.maxOutputTokens());
    return new CompletionCap(b.build(), settings.maxOutputTokens());
  }

  /**
   * OpenAI's own API: a request's output cap ({@link ChatRequest#maxOutputTokens()}, which the
   * agent lowers when little of its token budget remains) goes out as {@code
   * max_completion_tokens}, as the model's own, instead of {@code max_tokens}, which reasoning
   * models refuse.
   */
  private static final class CompletionCap implements ChatModel {
    private final OpenAiChatModel model;
    private final ChatRequestParameters defaults;

    CompletionCap(OpenAiChatModel model, int maxOutputTokens) {
      this.model = model;
      // The configured cap, as the agent reads it: langchain4j keeps it as max_completion_tokens.
      this.defaults =
          DefaultChatRequestParameters.builder()
              .overrideWith(model.defaultRequestParameters())
              .maxOutputTokens(maxOutputTokens)
              .build();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      Integer cap = request.maxOutputTokens();
      if (cap == null) return model.chat(request);
      OpenAiChatRequestParameters parameters =
          OpenAiChatRequestParameters.builder()
              .overrideWith(request.parameters())
              .maxOutputTokens(null)
              .maxCompletionTokens(cap)
              .build();
      return model.chat(
          ChatRequest.builder().messages(request.messages()).parameters(parameters).build());
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      return defaults;
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
      return model.provider();
    }
  }
}
