package dev.rez.core;

/**
 * A tradable asset, named as the venue names it: {@code BTC}, {@code ETH}, {@code kPEPE}.
 *
 * <pre>{@code
 * Asset btc = Asset.of("BTC");
 * }</pre>
 *
 * @param name the venue's coin name, non-blank, without whitespace
 */
public record Asset(String name) implements Comparable<Asset> {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public Asset {
    Checks.notBlank(name, "asset");
    for (int i = 0; i < name.length(); i++) {
      if (Character.isWhitespace(name.charAt(i))) {
        throw new IllegalArgumentException(
            "asset must not contain whitespace but was '" + name + "'");
      }
    }
  }

  /** Returns the asset named {@code name}. */
  public static Asset of(String name) {
    return new Asset(name);
  }

  @Override
  public int compareTo(Asset other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
