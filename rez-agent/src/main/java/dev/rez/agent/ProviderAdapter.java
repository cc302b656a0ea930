package dev.rez.agent;

import dev.langchain4j.model.chat.ChatModel;

/**
 * The langchain4j adapter a hosted provider needs. The adapters are optional dependencies of
 * rez-agent: each is looked for before any of its classes is touched, so a missing one ends in an
 * error naming the artifact to add rather than a {@link NoClassDefFoundError}.
 */
enum ProviderAdapter {
  OPEN_AI("langchain4j-open-ai", "dev.langchain4j.model.openai.OpenAiChatModel"),
  ANTHROPIC("langchain4j-anthropic", "dev.langchain4j.model.anthropic.AnthropicChatModel");

  final String artifact;
  final String entryClass;

  ProviderAdapter(String artifact, String entryClass) {
    this.artifact = artifact;
    this.entryClass = entryClass;
  }

  static ProviderAdapter of(ModelProvider provider) {
    return switch (provider) {
      case ANTHROPIC -> ANTHROPIC;
      case OPENROUTER, OPENAI, OPENAI_COMPATIBLE -> OPEN_AI;
      case OFFLINE -> throw new IllegalArgumentException("the offline model needs no adapter");
    };
  }

  /**
   * The model {@code settings} describe, built by this adapter.
   *
   * @throws IllegalStateException naming the artifact to add when the adapter is not on the class
   *     path
   */
  ChatModel create(ModelSettings settings) {
    requirePresent(settings.provider(), Models.class.getClassLoader());
    // Only reached with the adapter present: the classes below load no sooner.
    return this == ANTHROPIC ? AnthropicModels.create(settings) : OpenAiModels.create(settings);
  }

  /**
   * Throws the error naming the artifact unless this adapter's classes can be loaded by {@code
   * loader}.
   */
  void requirePresent(ModelProvider provider, ClassLoader loader) {
    try {
      Class.forName(entryClass, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "The "
              + provider.id()
              + " model provider needs the langchain4j adapter dev.langchain4j:"
              + artifact
              + ", which is not on the class path: add <dependency><groupId>dev.langchain4j</groupId><artifactId>"
              + artifact
              + "</artifactId></dependency> next to rez-agent (rez-bom manages its version; it must match langchain4j-core's)",
          e);
    }
  }
}
