package dev.rez.agent;

/**
 * Tokens a model consumed: what it read and what it wrote.
 *
 * @param input prompt tokens, {@code >= 0}
 * @param output completion tokens, {@code >= 0}
 */
public record TokenUsage(long input, long output) {
  /** No tokens. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  /** Checks the components; see the class description. */
  public TokenUsage {
    if (input < 0) throw new IllegalArgumentException("input must be >= 0 but was " + input);
    if (output < 0) throw new IllegalArgumentException("output must be >= 0 but was " + output);
  }

  /** {@code input + output}. */
  public long total() {
    return input + output;
  }

  /** The sum of this and {@code other}. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(input + other.input, output + other.output);
  }
}
