package dev.rez.hyperliquid;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Ethereum-style secp256k1 signature {@code (r, s, v)} as Hyperliquid expects it: {@code v} is
 * 27 or 28.
 *
 * <p>Equality compares numbers, so a signature parsed from zero-padded hex (as the TypeScript SDK
 * writes it) equals the same signature parsed from the unpadded hex the Python SDK writes.
 *
 * <pre>{@code
 * Signature sig = Signature.of("0x53749d…", "0x755c40…", 27);
 * Map<String, Object> json = sig.toWire(); // {"r":"0x53749d…","s":"0x755c40…","v":27}
 * }</pre>
 *
 * @param r the r value, {@code 0 < r < n}
 * @param s the s value, {@code 0 < s < n}
 * @param v 27 or 28 (27 + the recovery id)
 */
public record Signature(BigInteger r, BigInteger s, int v) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public Signature {
    if (r == null) throw new NullPointerException("r == null");
    if (s == null) throw new NullPointerException("s == null");
    if (r.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0)
      throw new IllegalArgumentException("signature r out of range: 0x" + r.toString(16));
    if (s.signum() <= 0 || s.compareTo(Secp256k1.N) >= 0)
      throw new IllegalArgumentException("signature s out of range: 0x" + s.toString(16));
    if (v != 27 && v != 28)
      throw new IllegalArgumentException("signature v must be 27 or 28 but was " + v);
  }

  /**
   * Parses hex {@code r} and {@code s} (with or without {@code 0x}, padded or not).
   *
   * @throws IllegalArgumentException naming the bad field
   */
  public static Signature of(String r, String s, int v) {
    return new Signature(parse(r, "r"), parse(s, "s"), v);
  }

  private static BigInteger parse(String hex, String field) {
    if (hex == null) throw new NullPointerException(field + " == null");
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (h.isEmpty() || h.length() > 64)
      throw new IllegalArgumentException(
          "signature " + field + " must be 1 to 64 hex digits but was '" + hex + "'");
    try {
      return new BigInteger(h, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("signature " + field + " is not hex: '" + hex + "'");
    }
  }

  /** {@code r} as the Python SDK writes it: {@code 0x} + lower-case hex without leading zeros. */
  public String rHex() {
    return "0x" + r.toString(16);
  }

  /** {@code s} as the Python SDK writes it: {@code 0x} + lower-case hex without leading zeros. */
  public String sHex() {
    return "0x" + s.toString(16);
  }

  /** The 0 or 1 recovery id ({@code v - 27}). */
  public int recoveryId() {
    return v - 27;
  }

  /** True when {@code s <= n/2}, the canonical form this library produces. */
  public boolean isLowS() {
    return s.compareTo(Secp256k1.HALF_N) <= 0;
  }

  /**
   * The JSON object of the {@code signature} field of an {@code /exchange} request: keys r, s, v.
   */
  public Map<String, Object> toWire() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("r", rHex());
    m.put("s", sHex());
    m.put("v", v);
    return m;
  }

  @Override
  public String toString() {
    return "Signature{r=" + rHex() + ", s=" + sHex() + ", v=" + v + "}";
  }
}
