package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireFormatTest {

  @ParameterizedTest(name = "{0} szDecimals={1} {2} -> {3}")
  @CsvSource({
    // documented examples
    "1234.5, 0, PERP, true",
    "1234.56, 0, PERP, false",
    "0.001234, 0, PERP, true",
    "0.0012345, 0, PERP, false",
    "0.01234, 1, PERP, true",
    "0.012345, 1, PERP, false",
    "123456, 5, PERP, true",
    "12345.6, 0, PERP, false",
    "0.0001234, 0, SPOT, true",
    "0.0001234, 1, SPOT, true",
    "0.0001234, 3, SPOT, false",
    "100.000, 5, PERP, true",
    "0, 0, PERP, false",
    "-1, 0, PERP, false",
  })
  void priceValidity(String px, int szDecimals, MarketKind kind, boolean valid) {
    assertThat(WireFormat.isValidPrice(new BigDecimal(px), szDecimals, kind)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0} szDecimals={1} {2} -> {3}")
  @CsvSource({
    "1234.567, 3, FLOOR, 1234.5",
    "1234.567, 3, CEILING, 1234.6",
    "1234.567, 0, HALF_EVEN, 1234.6",
    "123456.78, 5, CEILING, 123457",
    "0.00123456, 0, FLOOR, 0.001234",
    "0.00123456, 0, CEILING, 0.001235",
    "0.0000123456, 0, FLOOR, 0.000012",
    "9.99999, 2, CEILING, 10",
    "65000.00, 5, UNNECESSARY, 65000",
    "0.1, 5, FLOOR, 0.1",
    // an integer price is always valid: 6 figures stay (5 significant figures would give 123450 /
    // 123460)
    "123456.7, 0, FLOOR, 123456",
    "123456.7, 0, CEILING, 123457",
    "123456.7, 5, HALF_EVEN, 123457",
  })
  void roundPriceExamples(String px, int szDecimals, RoundingMode mode, String expected) {
    BigDecimal r = WireFormat.roundPrice(new BigDecimal(px), szDecimals, MarketKind.PERP, mode);
    assertThat(r.toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} szDecimals={1} -> {2}")
  @CsvSource({
    "1234.5, 0, 0.1",
    "123456.7, 0, 1",
    "99999, 0, 1",
    "1.2345, 4, 0.01",
    "0.00123456, 0, 0.000001",
    "65000, 5, 1",
  })
  void priceStepIsTheTickRoundPriceUses(String px, int szDecimals, String step) {
    BigDecimal p = new BigDecimal(px);
    BigDecimal s = WireFormat.priceStep(p, szDecimals, MarketKind.PERP);
    assertThat(s).isEqualByComparingTo(step);
    BigDecimal floor = WireFormat.roundPrice(p, szDecimals, MarketKind.PERP, RoundingMode.FLOOR);
    assertThat(WireFormat.isValidPrice(floor.add(s), szDecimals, MarketKind.PERP))
        .as("one step above %s", floor)
        .isTrue();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WireFormat.priceStep(BigDecimal.ZERO, 0, MarketKind.PERP))
        .withMessageContaining("price must be > 0");
  }

  @Test
  void roundPriceErrorsNameTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                WireFormat.roundPrice(
                    new BigDecimal("1234.56"), 0, MarketKind.PERP, RoundingMode.UNNECESSARY))
        .withMessageContaining("1234.56");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                WireFormat.roundPrice(
                    new BigDecimal("0.0000001"), 0, MarketKind.PERP, RoundingMode.FLOOR))
        .withMessageContaining("rounds to 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                WireFormat.roundPrice(new BigDecimal("-5"), 0, MarketKind.PERP, RoundingMode.FLOOR))
        .withMessageContaining("price must be > 0 but was -5");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> WireFormat.roundPrice(BigDecimal.ONE, 7, MarketKind.PERP, RoundingMode.FLOOR))
        .withMessageContaining("szDecimals must be in [0, 6] but was 7");
  }

  @Test
  void roundPricePropertiesOverRandomValues() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      // log-uniform from 1e-7 to 1e7, with up to 12 decimals
      BigDecimal px =
          BigDecimal.valueOf(Math.pow(10, random.nextDouble() * 14 - 7))
              .setScale(12, RoundingMode.HALF_EVEN);
      if (px.signum() <= 0) continue;
      MarketKind kind = random.nextBoolean() ? MarketKind.PERP : MarketKind.SPOT;
      int sz = random.nextInt(kind.maxDecimals() + 1);
      BigDecimal down;
      try {
        down = WireFormat.roundPrice(px, sz, kind, RoundingMode.FLOOR);
      } catch (IllegalArgumentException tooSmall) {
        assertThat(tooSmall).hasMessageContaining("rounds to 0");
        assertThat(px)
            .isLessThan(BigDecimal.ONE.movePointLeft(WireFormat.maxPriceDecimals(sz, kind)));
        continue;
      }
      BigDecimal up = WireFormat.roundPrice(px, sz, kind, RoundingMode.CEILING);
      assertThat(WireFormat.isValidPrice(down, sz, kind)).as("%s floor %s", px, down).isTrue();
      assertThat(WireFormat.isValidPrice(up, sz, kind)).as("%s ceiling %s", px, up).isTrue();
      assertThat(down).isLessThanOrEqualTo(px);
      assertThat(up).isGreaterThanOrEqualTo(px);
      // Nothing valid lies strictly between the two: they are adjacent ticks (or equal when px is
      // valid).
      if (WireFormat.isValidPrice(px, sz, kind)) {
        assertThat(down).isEqualByComparingTo(px);
        assertThat(up).isEqualByComparingTo(px);
        assertThat(WireFormat.roundPrice(px, sz, kind, RoundingMode.UNNECESSARY))
            .isEqualByComparingTo(px);
      } else {
        BigDecimal mid = down.add(up).divide(BigDecimal.TWO);
        assertThat(WireFormat.roundPrice(mid, sz, kind, RoundingMode.HALF_UP)).isIn(down, up);
      }
      // Idempotent and wire-stable.
      assertThat(WireFormat.roundPrice(down, sz, kind, RoundingMode.CEILING))
          .isEqualByComparingTo(down);
      assertThat(new BigDecimal(WireFormat.toWire(down))).isEqualByComparingTo(down);
      assertThat(WireFormat.toWire(down)).doesNotEndWith(".").doesNotContain("E");
    }
  }

  @Test
  void roundSizePropertiesOverRandomValues() {
    Random random = new Random(43);
    for (int i = 0; i < 20_000; i++) {
      BigDecimal sz =
          BigDecimal.valueOf(Math.pow(10, random.nextDouble() * 8 - 2))
              .setScale(10, RoundingMode.HALF_EVEN);
      int d = random.nextInt(6);
      if (sz.compareTo(BigDecimal.ONE.movePointLeft(d)) < 0) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> WireFormat.roundSize(sz, d, RoundingMode.DOWN))
            .withMessageContaining("rounds to 0");
        continue;
      }
      BigDecimal down = WireFormat.roundSize(sz, d, RoundingMode.DOWN);
      BigDecimal up = WireFormat.roundSize(sz, d, RoundingMode.UP);
      assertThat(WireFormat.isValidSize(down, d)).isTrue();
      assertThat(WireFormat.isValidSize(up, d)).isTrue();
      assertThat(down).isLessThanOrEqualTo(sz);
      assertThat(up).isGreaterThanOrEqualTo(sz);
      assertThat(up.subtract(down)).isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(d));
    }
  }

  @Test
  void sizeRulesAndErrors() {
    assertThat(WireFormat.isValidSize(new BigDecimal("1.001"), 3)).isTrue();
    assertThat(WireFormat.isValidSize(new BigDecimal("1.0001"), 3)).isFalse();
    assertThat(
            WireFormat.roundSize(new BigDecimal("100.000"), 3, RoundingMode.UNNECESSARY).toString())
        .isEqualTo("100");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WireFormat.roundSize(new BigDecimal("0.0004"), 3, RoundingMode.DOWN))
        .withMessageContaining("rounds to 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> WireFormat.roundSize(new BigDecimal("1.0001"), 3, RoundingMode.UNNECESSARY))
        .withMessageContaining("1.0001");
  }

  @Test
  void toWireStripsZerosAndRejectsTooManyDecimals() {
    assertThat(WireFormat.toWire(new BigDecimal("100.0"))).isEqualTo("100");
    assertThat(WireFormat.toWire(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(WireFormat.toWire(new BigDecimal("0.000"))).isEqualTo("0");
    assertThat(WireFormat.toWire(new BigDecimal("0.00000001"))).isEqualTo("0.00000001");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WireFormat.toWire(new BigDecimal("0.000000001")))
        .withMessageContaining("0.000000001");
  }

  @Test
  void floatToWireAgreesWithToWireForRandomEightDecimalValues() {
    Random random = new Random(44);
    for (int i = 0; i < 20_000; i++) {
      // Below 1e7 a double resolves 8 decimals. Above, the SDK (and this port) writes the double's
      // binary
      // noise, e.g. 1560763704.93 -> "1560763704.93000007"; integers stay exact up to 2^53.
      BigDecimal d =
          random.nextBoolean()
              ? BigDecimal.valueOf(random.nextLong(1, 1_000_000_000_000_000L)).movePointLeft(8)
              : BigDecimal.valueOf(random.nextLong(1, 1L << 53));
      assertThat(WireFormat.floatToWire(d.doubleValue())).isEqualTo(WireFormat.toWire(d));
    }
  }

  @Test
  void floatToWireKeepsTheSdkQuirkForLargeValues() {
    assertThat(WireFormat.floatToWire(1560763704.93)).isEqualTo("1560763704.93000007");
  }

  @Test
  void floatToUsdInt() {
    assertThat(WireFormat.floatToUsdInt(-2.5)).isEqualTo(-2_500_000);
    assertThatIllegalArgumentException().isThrownBy(() -> WireFormat.floatToUsdInt(0.0000001));
  }
}
