package dev.rez.app.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The model settings beyond provider, model, base URL and key: each null keeps the library's
 * default. Read by {@link AppConfig} from {@code LLM_TIMEOUT_SECONDS}, {@code LLM_TEMPERATURE},
 * {@code LLM_MAX_OUTPUT_TOKENS} (or {@code LLM_MAX_TOKENS}), {@code LLM_MAX_RETRIES}, {@code
 * OPENROUTER_REFERER}, {@code OPENROUTER_APP_TITLE}, {@code REZ_SYSTEM_PROMPT_FILE} and the repair
 * ("sanitizer") model's {@code SANITIZE_MODEL}, {@code SANITIZE_PROVIDER}, {@code
 * SANITIZE_BASE_URL}, {@code SANITIZE_API_KEY}, {@code SANITIZE_PRICE}.
 *
 * <p>Immutable and threadsafe; {@code toString} never shows the repair model's key.
 *
 * @param timeout how long one model request may take, or null
 * @param temperature the sampling temperature (0..2), or null
 * @param modelTemperature true when no temperature is sent and the model uses its own ({@code
 *     LLM_TEMPERATURE=default}, for OpenAI's reasoning models); then {@code temperature} is null
 * @param maxOutputTokens the completion-token limit per model turn, or null
 * @param maxRetries retries of a retriable model failure (0..10), or null
 * @param referer OpenRouter's {@code HTTP-Referer} attribution header, or null
 * @param appTitle OpenRouter's {@code X-Title} attribution header, or null
 * @param systemPromptFile a file whose text replaces the default system prompt, or null
 * @param repairProvider the repair model's provider, or null for none
 * @param repairModel the repair model's name, or null for none
 * @param repairBaseUrl the repair model's base URL, or null for its provider's
 * @param repairApiKey the repair model's key, or null
 * @param repairPrice the repair model's token prices ({@code SANITIZE_PRICE}, {@code
 *     <input>/<output>} USD per million tokens), or null: its tokens are then priced as the model's
 */
public record ModelOptions(
    Duration timeout,
    BigDecimal temperature,
    boolean modelTemperature,
    Integer maxOutputTokens,
    Integer maxRetries,
    String referer,
    String appTitle,
    Path systemPromptFile,
    String repairProvider,
    String repairModel,
    String repairBaseUrl,
    Secret repairApiKey,
    dev.rez.agent.ModelPrice repairPrice) {

  /** No option set: every library default. */
  public static final ModelOptions DEFAULTS =
      new ModelOptions(
          null, null, false, null, null, null, null, null, null, null, null, null, null);

  public ModelOptions {
    if (temperature != null
        && (temperature.signum() < 0 || temperature.compareTo(BigDecimal.TWO) > 0)) {
      throw new IllegalArgumentException(
          "LLM_TEMPERATURE must be in 0..2 but was " + temperature.toPlainString());
    }
    if (modelTemperature && temperature != null)
      throw new IllegalArgumentException(
          "a temperature and the model's own temperature are exclusive");
    if ((repairModel == null) != (repairProvider == null))
      throw new IllegalArgumentException("the repair model needs both a provider and a model");
    if (repairPrice != null && repairModel == null)
      throw new IllegalArgumentException("SANITIZE_PRICE is set without SANITIZE_MODEL");
  }

  /** True when a repair (sanitizer) model is configured. */
  public boolean hasRepairModel() {
    return repairModel != null;
  }
}
