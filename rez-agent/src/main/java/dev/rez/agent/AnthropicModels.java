package dev.rez.agent;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;

/** Anthropic chat models; loaded only when the adapter is present. */
final class AnthropicModels {
  private AnthropicModels() {}

  static ChatModel create(ModelSettings settings) {
    AnthropicChatModel.AnthropicChatModelBuilder b =
        AnthropicChatModel.builder()
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey())
            .modelName(settings.model())
            .timeout(settings.timeout())
            .maxRetries(settings.maxRetries())
            .maxTokens(settings.maxOutputTokens())
            .returnThinking(true);
    settings.temperature().ifPresent(b::temperature);
    return b.build();
  }
}
