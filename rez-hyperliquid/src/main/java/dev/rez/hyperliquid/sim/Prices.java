package dev.rez.hyperliquid.sim;

import dev.rez.hyperliquid.MarketKind;
import dev.rez.hyperliquid.WireFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The simulator's view of the perp tick and lot rules (those of {@link WireFormat}, the client's,
 * so the two cannot disagree) and the decimal formats of the simulator's responses.
 */
final class Prices {
  static final BigDecimal MIN_ORDER_VALUE = BigDecimal.TEN;

  private Prices() {}

  /**
   * Parses a wire decimal ({@code "65000"}, {@code "0.0147"}): plain digits only, bounded in length
   * and magnitude.
   *
   * @throws NumberFormatException for anything else, e.g. {@code "1e999999999"}
   */
  static BigDecimal parse(String text) {
    try {
      return Json.decimalString(text, "number");
    } catch (Json.BadRequest e) {
      throw new NumberFormatException("not a plain decimal within bounds");
    }
  }

  /** True if {@code px} is a valid perp price (see {@link WireFormat#isValidPrice}). */
  static boolean validPrice(BigDecimal px, int szDecimals) {
    return WireFormat.isValidPrice(px, szDecimals, MarketKind.PERP);
  }

  /**
   * True if {@code sz} is positive with at most {@code szDecimals} decimals (see {@link
   * WireFormat#isValidSize}).
   */
  static boolean validSize(BigDecimal sz, int szDecimals) {
    return WireFormat.isValidSize(sz, szDecimals);
  }

  /**
   * Rounds a positive price to a valid perp tick in the given direction (see {@link
   * WireFormat#roundPrice}).
   */
  static BigDecimal roundPrice(BigDecimal px, int szDecimals, RoundingMode mode) {
    return WireFormat.roundPrice(px, szDecimals, MarketKind.PERP, mode);
  }

  /** The perp price step near a positive {@code px} (see {@link WireFormat#priceStep}). */
  static BigDecimal tick(BigDecimal px, int szDecimals) {
    return WireFormat.priceStep(px, szDecimals, MarketKind.PERP);
  }

  /** A decimal string as Hyperliquid writes it: plain, without trailing zeros. */
  static String wire(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.signum() == 0) return "0.0";
    String s = v.toPlainString();
    return s.indexOf('.') < 0 ? s + ".0" : s;
  }

  /** A USDC amount: rounded half-even to 6 decimals. */
  static String usd(BigDecimal value) {
    return wire(value.setScale(6, RoundingMode.HALF_EVEN));
  }
}
