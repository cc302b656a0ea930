package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {
  @Test
  void defaultsToTheOfflineModel() {
    ModelSettings s = ModelSettings.fromEnvironment(Map.of());
    assertThat(s.provider()).isEqualTo(ModelProvider.OFFLINE);
    assertThat(s.model()).isEqualTo("offline");
    assertThat(Models.create(s)).isInstanceOf(dev.rez.agent.OfflineModel.class);
  }

  @Test
  void readsEveryVariable() {
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "REZ_MODEL_PROVIDER",
                "OpenRouter",
                "REZ_MODEL",
                "openai/gpt-4o",
                "OPENROUTER_API_KEY",
                "sk-or-secret",
                "REZ_MODEL_TEMPERATURE",
                "0.7",
                "REZ_MODEL_TIMEOUT_SECONDS",
                "240",
                "REZ_MODEL_MAX_RETRIES",
                "4",
                "REZ_MODEL_MAX_OUTPUT_TOKENS",
                "900",
                "REZ_MODEL_PRICE",
                "2.50/10"));
    assertThat(s.provider()).isEqualTo(ModelProvider.OPENROUTER);
    assertThat(s.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
    assertThat(s.apiKey()).isEqualTo("sk-or-secret");
    assertThat(s.temperature()).hasValue(0.7);
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(4));
    assertThat(s.maxRetries()).isEqualTo(4);
    assertThat(s.maxOutputTokens()).isEqualTo(900);
    assertThat(s.price())
        .contains(new ModelPrice(new java.math.BigDecimal("2.50"), java.math.BigDecimal.TEN));
    assertThat(s.price().orElseThrow().cost(new TokenUsage(1_000_000, 100_000)))
        .isEqualByComparingTo("3.5");
    assertThat(s.toString()).doesNotContain("sk-or-secret").contains("apiKey=***");
    assertThat(Models.create(s)).isInstanceOf(OpenAiChatModel.class);
  }

  @Test
  void aKeyWithoutAProviderIsOpenRouterAndAModelWithoutEitherIsRefused() {
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of("OPENROUTER_API_KEY", "sk-or-abc", "REZ_MODEL", "openai/gpt-4o"));
    assertThat(s.provider()).isEqualTo(ModelProvider.OPENROUTER);
    assertThat(s.model()).isEqualTo("openai/gpt-4o");
    assertThat(s.apiKey()).isEqualTo("sk-or-abc");

    // A model name alone would otherwise be run by the offline model's rules.
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("REZ_MODEL", "gpt-4o")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REZ_MODEL is set but no provider");
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("LLM_MODEL", "gpt-4o")))
        .hasMessageContaining("LLM_MODEL is set but no provider");
  }

  @Test
  void readsTheAppsVariableNamesToo() {
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "LLM_PROVIDER",
                "anthropic",
                "LLM_MODEL",
                "claude-sonnet-4-5",
                "LLM_API_KEY",
                "sk-ant-x",
                "LLM_TEMPERATURE",
                "0.3",
                "LLM_TIMEOUT_SECONDS",
                "60",
                "LLM_MAX_RETRIES",
                "1",
                "LLM_MAX_OUTPUT_TOKENS",
                "500"));
    assertThat(s.provider()).isEqualTo(ModelProvider.ANTHROPIC);
    assertThat(s.model()).isEqualTo("claude-sonnet-4-5");
    assertThat(s.apiKey()).isEqualTo("sk-ant-x");
    assertThat(s.temperature()).hasValue(0.3);
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.maxRetries()).isEqualTo(1);
    assertThat(s.maxOutputTokens()).isEqualTo(500);
    // The REZ_MODEL name counts where both are set; an error names the variable read.
    assertThat(
            ModelSettings.fromEnvironment(
                    Map.of("REZ_MODEL_PROVIDER", "offline", "LLM_PROVIDER", "anthropic"))
                .provider())
        .isEqualTo(ModelProvider.OFFLINE);
    assertThatThrownBy(
            () ->
                ModelSettings.fromEnvironment(
                    Map.of("LLM_API_KEY", "k", "LLM_MODEL", "m", "LLM_MAX_RETRIES", "many")))
        .hasMessageContaining("LLM_MAX_RETRIES must be a whole number");
    // openai with a base URL and no key: a compatible server, as the app reads it.
    assertThat(
            ModelSettings.fromEnvironment(
                    Map.of(
                        "LLM_PROVIDER",
                        "openai",
                        "LLM_MODEL",
                        "llama3",
                        "LLM_BASE_URL",
                        "http://127.0.0.1:11434/v1"))
                .provider())
        .isEqualTo(ModelProvider.OPENAI_COMPATIBLE);
  }

  @Test
  void aKeyGivenForOneFamilysProviderIsNeverSentToTheOthers() {
    // The app's OpenRouter key beside a library setting for a compatible server elsewhere.
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "LLM_PROVIDER", "openrouter",
                "LLM_API_KEY", "sk-or-app-key",
                "REZ_MODEL_PROVIDER", "openai-compatible",
                "REZ_MODEL", "llama3",
                "REZ_MODEL_BASE_URL", "https://llm.example.net/v1"));
    assertThat(s.provider()).isEqualTo(ModelProvider.OPENAI_COMPATIBLE);
    assertThat(s.apiKey()).isNull();
    ModelSettings anthropic =
        ModelSettings.fromEnvironment(
            Map.of(
                "REZ_MODEL_PROVIDER", "anthropic",
                "REZ_MODEL", "claude-sonnet-4-5",
                "ANTHROPIC_API_KEY", "sk-ant-right",
                "LLM_API_KEY", "sk-or-app-key"));
    assertThat(anthropic.apiKey()).isEqualTo("sk-ant-right");
  }

  @Test
  void compatibleServerNeedsABaseUrlButNoKey() {
    assertThatThrownBy(
            () ->
                ModelSettings.fromEnvironment(
                    Map.of("REZ_MODEL_PROVIDER", "ollama", "REZ_MODEL", "llama3.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl is required for provider openai-compatible");
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "REZ_MODEL_PROVIDER",
                "openai-compatible",
                "REZ_MODEL",
                "llama3.1",
                "REZ_MODEL_BASE_URL",
                "http://127.0.0.1:11434/v1"));
    assertThat(s.apiKey()).isNull();
    assertThat(s.toString()).contains("apiKey=none");
    assertThat(Models.create(s)).isInstanceOf(OpenAiChatModel.class);
  }

  @Test
  void anthropicUsesItsOwnKeyVariable() {
    ModelSettings s =
        ModelSettings.fromEnvironment(
            Map.of(
                "REZ_MODEL_PROVIDER",
                "anthropic",
                "REZ_MODEL",
                "claude-sonnet-4-5",
                "ANTHROPIC_API_KEY",
                "sk-ant"));
    assertThat(s.apiKey()).isEqualTo("sk-ant");
    assertThat(s.baseUrl()).isEqualTo("https://api.anthropic.com/v1/");
    assertThat(Models.create(s)).isInstanceOf(AnthropicChatModel.class);
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("REZ_MODEL_PROVIDER", "skynet")))
        .hasMessage(
            "unknown model provider 'skynet' (expected openrouter, openai, anthropic, openai-compatible or offline)");
    assertThatThrownBy(
            () ->
                ModelSettings.fromEnvironment(
                    Map.of("REZ_MODEL_PROVIDER", "openai", "REZ_MODEL", "gpt-4o")))
        .hasMessage("apiKey is required for provider openai (REZ_MODEL_API_KEY or LLM_API_KEY)");
    assertThatThrownBy(
            () ->
                ModelSettings.fromEnvironment(
                    Map.of("REZ_MODEL_PROVIDER", "openai", "OPENAI_API_KEY", "k")))
        .hasMessage("model is required for provider openai (REZ_MODEL or LLM_MODEL)");
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("REZ_MODEL_TEMPERATURE", "hot")))
        .hasMessage("REZ_MODEL_TEMPERATURE must be a number but was 'hot'");
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("REZ_MODEL_TEMPERATURE", "3")))
        .hasMessage("temperature must be in 0..2 but was 3.0");
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("REZ_MODEL_PRICE", "cheap")))
        .hasMessage(
            "REZ_MODEL_PRICE must be <input>/<output> USD per million tokens, e.g. 2.50/10.00, but was 'cheap'");
    assertThatThrownBy(() -> ModelSettings.fromEnvironment(Map.of("REZ_MODEL_PRICE", "-1/2")))
        .hasMessage("REZ_MODEL_PRICE: inputPerMillion must be >= 0 but was -1");
    assertThatThrownBy(() -> ModelSettings.builder(ModelProvider.OPENAI).baseUrl("ftp://x"))
        .hasMessage("baseUrl must start with http:// or https:// but was 'ftp://x'");
  }

  @Test
  void newBuilderKeepsEverything() {
    ModelSettings s =
        ModelSettings.builder(ModelProvider.OPENAI)
            .model("gpt-4o")
            .apiKey("k")
            .temperature(0)
            .maxRetries(0)
            .build();
    ModelSettings copy = s.newBuilder().model("gpt-4o-mini").build();
    assertThat(copy.model()).isEqualTo("gpt-4o-mini");
    assertThat(copy.apiKey()).isEqualTo("k");
    assertThat(copy.temperature()).hasValue(0);
    assertThat(copy.maxRetries()).isZero();
  }

  @Test
  void plainHttpOnlyToALoopbackHostAndTheUrlsSecretsNeverShown() {
    // The API key travels in a header, credentials in the URL with it: in clear text only to this
    // machine.
    assertThatThrownBy(
            () ->
                ModelSettings.builder(ModelProvider.OPENAI_COMPATIBLE)
                    .baseUrl("http://u:pa55word@example.com/v1?key=s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseUrl must use https for a host that is not loopback")
        .hasMessageContaining("example.com")
        .message()
        .doesNotContain("pa55word")
        .doesNotContain("s3cret");
    ModelSettings.Builder lan =
        ModelSettings.builder(ModelProvider.OPENAI_COMPATIBLE)
            .model("llama3")
            .baseUrl("http://192.168.1.20:11434/v1");
    // Without a key nothing secret travels: a keyless server on the local network.
    assertThat(lan.build().baseUrl()).isEqualTo("http://192.168.1.20:11434/v1");
    assertThatThrownBy(() -> lan.apiKey("sk-local-123").build())
        .hasMessageStartingWith("baseUrl must use https")
        .hasMessageContaining("REZ_MODEL_BASE_URL")
        .message()
        .doesNotContain("sk-local-123");
    assertThatThrownBy(
            () -> ModelSettings.builder(ModelProvider.OPENAI_COMPATIBLE).baseUrl("https:///v1"))
        .hasMessageContaining("with a host");
    for (String local :
        List.of(
            "http://127.0.0.1:11434/v1",
            "http://localhost:8080/v1",
            "http://[::1]:8000/v1",
            "https://example.com/v1"))
      assertThat(
              ModelSettings.builder(ModelProvider.OPENAI_COMPATIBLE)
                  .model("llama3")
                  .baseUrl(local)
                  .build()
                  .baseUrl())
          .isEqualTo(local);

    ModelSettings s =
        ModelSettings.builder(ModelProvider.OPENAI)
            .model("gpt-4o")
            .apiKey("sk-live-key")
            .baseUrl("https://u:pa55word@gateway.example/v1?key=s3cret#frag")
            .build();
    assertThat(s.baseUrl()).contains("pa55word", "s3cret"); // what the client is given
    assertThat(s.toString())
        .contains("baseUrl=https://gateway.example/v1")
        .doesNotContain("pa55word")
        .doesNotContain("s3cret")
        .doesNotContain("sk-live-key");
  }
}
