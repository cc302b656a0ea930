package dev.rez.agent;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Objects;

/**
 * Chat models for the {@link Agent}: hosted providers from {@link ModelSettings}, and the offline
 * rule-based model.
 *
 * <pre>{@code
 * ChatModel model = Models.create(ModelSettings.fromEnvironment(System.getenv()));
 * ChatModel offline = Models.offline();
 * }</pre>
 */
public final class Models {
  private Models() {}

  /**
   * A deterministic, rule-based model that needs no network: it reads the context, calls the
   * indicator tools, and decides on EMA/RSI/MACD confluence with an ATR stop and a take-profit
   * meeting the profile's reward-to-risk, through the action tools. The same messages always give
   * the same answer. Threadsafe.
   */
  public static ChatModel offline() {
    return new OfflineModel();
  }

  /**
   * The model {@code settings} describe. Nothing is sent until the agent asks.
   *
   * @throws IllegalArgumentException when the settings cannot describe a working model
   * @throws IllegalStateException when the provider's langchain4j adapter ({@code
   *     dev.langchain4j:langchain4j-open-ai} or {@code langchain4j-anthropic}, optional
   *     dependencies of rez-agent) is not on the class path; the message names the artifact to add
   */
  public static ChatModel create(ModelSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    return settings.provider() == ModelProvider.OFFLINE
        ? offline()
        : ProviderAdapter.of(settings.provider()).create(settings);
  }
}
