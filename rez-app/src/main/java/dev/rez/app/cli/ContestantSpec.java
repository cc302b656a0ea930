package dev.rez.app.cli;

import dev.rez.agent.ModelPrice;
import dev.rez.agent.ModelProvider;
import dev.rez.agent.Models;
import dev.rez.app.arena.Arena;
import dev.rez.app.config.AppConfig;
import dev.rez.app.config.Secret;
import dev.rez.core.RiskProfile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code --contestant NAME=SPEC} option: {@code SPEC} is {@code offline}, {@code
 * openrouter:<model>}, {@code openai:<model>}, {@code anthropic:<model>}, {@code
 * openai-compatible:<model>@<base-url>} or {@code cassette:<diary>}, then optionally {@code
 * ,profile=<risk-profile>}, {@code ,prompt=<file>} and {@code ,price=<input>/<output>} (USD per
 * million tokens).
 *
 * @param name the contestant's name
 * @param provider the model's provider id ({@code offline}, {@code openrouter}, …, {@code
 *     cassette})
 * @param model the model (the diary for a cassette), {@code offline-rules} offline
 * @param baseUrl the compatible server's base URL, or null
 * @param profile the risk profile, or null for the configured one
 * @param prompt the system prompt file, or null
 * @param tokenPrice the model's price, or null for the configured one
 */
record ContestantSpec(
    String name,
    String provider,
    String model,
    String baseUrl,
    RiskProfile profile,
    Path prompt,
    ModelPrice tokenPrice) {
  ContestantSpec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(provider, "provider == null");
  }

  /** True for a model on a server (its calls are slow: contestants then run concurrently). */
  boolean hosted() {
    return !provider.equals("offline") && !provider.equals("cassette");
  }

  /**
   * Parses {@code NAME=SPEC}.
   *
   * @throws CliException (usage) naming what is wrong
   */
  static ContestantSpec parse(String option) {
    int eq = option.indexOf('=');
    if (eq <= 0)
      throw CliException.usage(
          "--contestant must be NAME=SPEC (e.g. rules=offline) but was '" + option + "'");
    String name = option.substring(0, eq).strip();
    String[] parts = option.substring(eq + 1).split(",", -1);
    String model = parts[0].strip();
    RiskProfile profile = null;
    Path prompt = null;
    ModelPrice price = null;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int e = p.indexOf('=');
      String key = e < 0 ? p : p.substring(0, e);
      String value = e < 0 ? "" : p.substring(e + 1).strip();
      if (value.isEmpty())
        throw CliException.usage(
            "--contestant "
                + name
                + ": '"
                + p
                + "' must be key=value (profile=…, prompt=…, price=…)");
      switch (key) {
        case "profile" -> {
          try {
            profile = RiskProfile.parse(value);
          } catch (IllegalArgumentException ex) {
            throw CliException.usage("--contestant " + name + ": " + ex.getMessage());
          }
        }
        case "prompt" -> prompt = Path.of(value);
        case "price" -> price = parsePrice(name, value);
        default ->
            throw CliException.usage(
                "--contestant "
                    + name
                    + ": unknown option '"
                    + key
                    + "' (profile=…, prompt=…, price=…)");
      }
    }
    if (model.equals("offline"))
      return new ContestantSpec(name, "offline", "offline-rules", null, profile, prompt, price);
    int colon = model.indexOf(':');
    if (colon <= 0 || colon == model.length() - 1) {
      throw CliException.usage(
          "--contestant "
              + name
              + ": the model must be offline, openrouter:<model>, openai:<model>, anthropic:<model>, "
              + "openai-compatible:<model>@<base-url> or cassette:<diary> but was '"
              + model
              + "'");
    }
    String provider = model.substring(0, colon).toLowerCase(Locale.ROOT);
    String id = model.substring(colon + 1);
    String baseUrl = null;
    switch (provider) {
      case "openrouter", "openai", "anthropic", "cassette" -> {}
      case "openai-compatible" -> {
        int at = id.lastIndexOf('@');
        if (at <= 0 || at == id.length() - 1) {
          throw CliException.usage(
              "--contestant "
                  + name
                  + ": openai-compatible needs <model>@<base-url> (e.g. llama3@http://127.0.0.1:11434/v1)");
        }
        baseUrl = id.substring(at + 1);
        id = id.substring(0, at);
      }
      default ->
          throw CliException.usage(
              "--contestant "
                  + name
                  + ": unknown model provider '"
                  + provider
                  + "' (offline, openrouter, openai, anthropic, openai-compatible, cassette)");
    }
    return new ContestantSpec(name, provider, id, baseUrl, profile, prompt, price);
  }

  private static ModelPrice parsePrice(String name, String value) {
    try {
      return ModelPrice.parse(value);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--contestant " + name + ": price " + e.getMessage());
    }
  }

  /**
   * The contestant's agent: keys from {@code vars} as for {@code run}.
   *
   * @throws CliException when a key is missing, the prompt cannot be read, or cassettes are not
   *     available
   */
  Arena.Agent agent(AppConfig config, Map<String, String> vars, Path workDir) {
    String systemPrompt = prompt == null ? null : readPrompt(workDir.resolve(prompt));
    if (provider.equals("offline"))
      return Arena.standardAgent(Models.offline(), model, systemPrompt);
    if (provider.equals("cassette")) {
      // Lenient: under the arena's account and limits the requests differ from the recorded ones;
      // the answers stand.
      var cassette =
          DiaryCassette.load(
              workDir.resolve(model), dev.rez.agent.CassetteModel.Mode.LENIENT, w -> {});
      return Arena.standardAgent(
          cassette, "cassette/" + Path.of(model).getFileName(), systemPrompt);
    }
    var settings =
        TradingApp.modelSettings(
            ModelProvider.parse(provider).id(),
            model,
            baseUrl,
            key(vars),
            config.modelOptions(),
            keyName() + " or LLM_API_KEY");
    return Arena.standardAgent(Models.create(settings), provider + "/" + model, systemPrompt);
  }

  /**
   * The hosted model's API key: its provider's variable ({@code OPENROUTER_API_KEY}, …), else
   * {@code LLM_API_KEY}; null when neither is set or the model is not hosted.
   */
  Secret key(Map<String, String> vars) {
    if (!hosted()) return null;
    String key = nonBlank(vars.get(keyName()));
    if (key == null) key = nonBlank(vars.get("LLM_API_KEY"));
    return key == null ? null : Secret.of(key);
  }

  private String keyName() {
    return switch (provider) {
      case "openrouter" -> "OPENROUTER_API_KEY";
      case "openai" -> "OPENAI_API_KEY";
      case "anthropic" -> "ANTHROPIC_API_KEY";
      default -> "LLM_API_KEY";
    };
  }

  /**
   * What the contestant's tokens cost: nothing offline or replayed; for a hosted model its {@code
   * price=}, else the configured {@code REZ_PRICE_INPUT_PER_MTOK}/{@code REZ_PRICE_OUTPUT_PER_MTOK}
   * when it is the configured model ({@code LLM_PROVIDER}, {@code LLM_MODEL}), else unknown (null).
   */
  ModelPrice price(AppConfig config) {
    if (!hosted()) return new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO);
    if (tokenPrice != null) return tokenPrice;
    boolean configured = provider.equals(config.llmProvider()) && model.equals(config.llmModel());
    if (configured
        && config.inputPricePerMillion() != null
        && config.outputPricePerMillion() != null) {
      return new ModelPrice(config.inputPricePerMillion(), config.outputPricePerMillion());
    }
    return null;
  }

  private String readPrompt(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (text.isBlank())
        throw CliException.badFile(
            "--contestant " + name + ": the prompt file " + file + " is empty");
      return text;
    } catch (IOException e) {
      throw CliException.badFile(
          "--contestant "
              + name
              + ": the prompt file "
              + file
              + " cannot be read: "
              + e.getClass().getSimpleName());
    }
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
