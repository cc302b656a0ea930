package dev.rez.app.config;

import java.util.Objects;

/**
 * A secret value (private key, API key, API token) that never prints itself: {@link #toString()} is
 * masked, so a secret that ends up in a log line, an exception message or a record's {@code
 * toString} stays hidden.
 *
 * <pre>{@code
 * Secret key = Secret.of(System.getenv("HYPERLIQUID_PRIVATE_KEY"));
 * signer = Signer.of(key.reveal());
 * }</pre>
 *
 * <p>This class is immutable and threadsafe.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps {@code value}.
   *
   * @throws IllegalArgumentException if it is blank
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret == null");
    if (value.isBlank()) throw new IllegalArgumentException("secret must not be blank");
    return new Secret(value.strip());
  }

  /**
   * The secret itself: pass it straight to the component that needs it, never to a log or a diary.
   */
  public String reveal() {
    return value;
  }

  /** Always {@code "****"}. */
  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
