package dev.rez.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

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
    if (settings.provider() == ModelProvider.OPENAI)
      b.maxCompletionTokens(settings.maxOutputTokens());
    else b.maxTokens(settings.maxOutputTokens());
    return b.build();
  }
}
