package dev.rez.agent;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.rez.agent.internal.OfflineModel;
import java.util.Objects;

/**
 * Chat models for the {@link Agent}: hosted providers from {@link ModelSettings}, and the offline rule-based model.
 *
 * <pre>{@code
 * ChatModel model = Models.create(ModelSettings.fromEnvironment(System.getenv()));
 * ChatModel offline = Models.offline();
 * }</pre>
 */
public final class Models {
  private Models() {}

  /**
   * A deterministic, rule-based model that needs no network: it reads the context, calls the indicator tools,
   * and decides on EMA/RSI/MACD confluence with an ATR stop and a take-profit meeting the profile's
   * reward-to-risk, through the action tools. The same messages always give the same answer. Threadsafe.
   */
  public static ChatModel offline() {
    return new OfflineModel();
  }

  /**
   * The model {@code settings} describe. Nothing is sent until the agent asks.
   *
   * @throws IllegalArgumentException when the settings cannot describe a working model
   */
  public static ChatModel create(ModelSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    return switch (settings.provider()) {
      case OFFLINE -> offline();
      case ANTHROPIC -> AnthropicChatModel.builder()
          .baseUrl(settings.baseUrl())
          .apiKey(settings.apiKey())
          .modelName(settings.model())
          .temperature(settings.temperature())
          .timeout(settings.timeout())
          .maxRetries(settings.maxRetries())
          .maxTokens(settings.maxOutputTokens())
          .returnThinking(true)
          .build();
      case OPENROUTER, OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
          .baseUrl(settings.baseUrl())
          // Local servers ignore the key, but the client insists on one.
          .apiKey(settings.apiKey() == null ? "none" : settings.apiKey())
          .modelName(settings.model())
          .temperature(settings.temperature())
          .timeout(settings.timeout())
          .maxRetries(settings.maxRetries())
          .maxTokens(settings.maxOutputTokens())
          .customHeaders(settings.headers())
          // Reasoning models' thinking (reasoning_content) goes into the transcript.
          .returnThinking(true)
          .build();
    };
  }
}
