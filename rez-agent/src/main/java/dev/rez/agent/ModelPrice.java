package dev.rez.agent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A model's price in USD per million tokens, to record the cost of each decision.
 *
 * <pre>{@code
 * ModelPrice gpt4o = new ModelPrice(new BigDecimal("2.50"), new BigDecimal("10.00"));
 * }</pre>
 *
 * @param inputPerMillion USD per million prompt tokens, {@code >= 0}
 * @param outputPerMillion USD per million completion tokens, {@code >= 0}
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** Checks the components; see the class description. */
  public ModelPrice {
    Objects.requireNonNull(inputPerMillion, "inputPerMillion == null");
    Objects.requireNonNull(outputPerMillion, "outputPerMillion == null");
    if (inputPerMillion.signum() < 0)
      throw new IllegalArgumentException(
          "inputPerMillion must be >= 0 but was " + inputPerMillion.toPlainString());
    if (outputPerMillion.signum() < 0)
      throw new IllegalArgumentException(
          "outputPerMillion must be >= 0 but was " + outputPerMillion.toPlainString());
  }

  /**
   * Parses {@code <input>/<output>} USD per million tokens, e.g. {@code 2.50/10.00}.
   *
   * @throws IllegalArgumentException naming what is wrong: "must be &lt;input&gt;/&lt;output&gt; …"
   *     for a malformed text, else the component that is out of range
   */
  public static ModelPrice parse(String text) {
    String[] parts = Objects.requireNonNull(text, "text == null").strip().split("/");
    try {
      if (parts.length != 2) throw new NumberFormatException();
      return new ModelPrice(new BigDecimal(parts[0].strip()), new BigDecimal(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "must be <input>/<output> USD per million tokens, e.g. 2.50/10.00, but was '"
              + text
              + "'");
    }
  }

  /** The USD cost of {@code usage}. */
  public BigDecimal cost(TokenUsage usage) {
    return inputPerMillion
        .multiply(BigDecimal.valueOf(usage.input()))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(usage.output())))
        .divide(MILLION, MathContext.DECIMAL64);
  }
}
