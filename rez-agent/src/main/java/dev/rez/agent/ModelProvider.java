package dev.rez.agent;

import java.util.Locale;

/** Where the chat model runs. */
public enum ModelProvider {
  /** OpenRouter's OpenAI-compatible API: any model it routes, e.g. {@code openai/gpt-4o}. */
  OPENROUTER("https://openrouter.ai/api/v1"),
  /** OpenAI's API. */
  OPENAI("https://api.openai.com/v1"),
  /** Anthropic's messages API. */
  ANTHROPIC("https://api.anthropic.com/v1/"),
  /**
   * Any server speaking OpenAI chat completions (Ollama, vLLM, LM Studio): a base URL is required.
   */
  OPENAI_COMPATIBLE(null),
  /** Rez's deterministic rule-based model: no network, no key. */
  OFFLINE(null);

  private final String defaultBaseUrl;

  ModelProvider(String defaultBaseUrl) {
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** The provider's base URL, null when there is none (a compatible server must be given one). */
  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /**
   * The lower-case configuration name: {@code openrouter}, {@code openai}, {@code anthropic},
   * {@code openai-compatible}, {@code offline}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a configuration name, any case; {@code _} and {@code -} are interchangeable.
   *
   * @throws IllegalArgumentException naming the value and the known providers
   */
  public static ModelProvider parse(String name) {
    if (name == null) throw new NullPointerException("provider == null");
    String n = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ModelProvider p : values()) if (p.id().equals(n)) return p;
    if (n.equals("compatible") || n.equals("ollama") || n.equals("vllm") || n.equals("lmstudio"))
      return OPENAI_COMPATIBLE;
    throw new IllegalArgumentException(
        "unknown model provider '"
            + name
            + "' (expected openrouter, openai, anthropic, openai-compatible or offline)");
  }
}
