package dev.rez.app.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class PricesTest {
  @Test
  void roundsToFiveSignificantFiguresInTheGivenDirection() {
    assertThat(Prices.price(new BigDecimal("50512.7"), 5, RoundingMode.FLOOR)).isEqualByComparingTo("50512");
    assertThat(Prices.price(new BigDecimal("50512.7"), 5, RoundingMode.CEILING)).isEqualByComparingTo("50513");
    assertThat(Prices.price(new BigDecimal("3012.345"), 4, RoundingMode.FLOOR)).isEqualByComparingTo("3012.3");
  }

  @Test
  void limitsDecimalsToSixMinusSizeDecimals() {
    // 0.0123456 with szDecimals 0: at most 6 decimals, and 5 significant figures
    assertThat(Prices.price(new BigDecimal("0.0123456"), 0, RoundingMode.FLOOR)).isEqualByComparingTo("0.012345");
    assertThat(Prices.price(new BigDecimal("1.234567"), 4, RoundingMode.CEILING)).isEqualByComparingTo("1.24");
  }

  @Test
  void keepsWholeNumbersAboveFiveDigits() {
    assertThat(Prices.price(new BigDecimal("123456"), 5, RoundingMode.FLOOR)).isEqualByComparingTo("123450");
  }

  @Test
  void sizesRoundDownToSizeDecimals() {
    assertThat(Prices.size(new BigDecimal("0.0199999"), 5)).isEqualByComparingTo("0.01999");
  }

  @Test
  void rejectsNonPositivePrices() {
    assertThatThrownBy(() -> Prices.price(BigDecimal.ZERO, 5, RoundingMode.FLOOR)).hasMessageContaining("price must be > 0");
  }
}
