package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.EngineTest.USER;
import static dev.rez.hyperliquid.sim.EngineTest.c;
import static dev.rez.hyperliquid.sim.EngineTest.engine;
import static dev.rez.hyperliquid.sim.EngineTest.limit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.hyperliquid.MarketKind;
import dev.rez.hyperliquid.WireFormat;
import dev.rez.hyperliquid.sim.Engine.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator checks the client's tick rule: what {@link WireFormat#roundPrice} produces, it
 * accepts.
 */
class TickRuleTest {
  @Test
  void anIntegerPriceOfSixFiguresIsAcceptedAndSixSignificantFiguresWithADecimalAreNot() {
    Engine e =
        engine(
            List.of(c(0, 123400, 123500, 123300, 123450), c(1, 123450, 123600, 123400, 123500)), 1);
    // 123456.7 rounds down to 123456 on the client (not 123450): integer prices are always valid.
    BigDecimal px =
        WireFormat.roundPrice(new BigDecimal("123456.7"), 3, MarketKind.PERP, RoundingMode.FLOOR);
    assertThat(px).isEqualByComparingTo("123456");
    List<Status> ok =
        e.placeOrders(USER, List.of(limit(false, px.toPlainString(), "0.01", "Gtc")), "na");
    assertThat(ok).singleElement().isInstanceOf(Status.Resting.class);

    List<Status> bad = e.placeOrders(USER, List.of(limit(false, "123456.7", "0.01", "Gtc")), "na");
    assertThat(bad)
        .singleElement()
        .isEqualTo(new Status.Error("Price must be divisible by tick size."));
  }

  @Test
  void theSimulatorsBookSitsOnTheClientsTicks() {
    Engine e =
        engine(List.of(c(0, 1.23456, 1.24, 1.22, 1.23456), c(1, 1.23456, 1.25, 1.22, 1.24)), 1);
    Engine.Book book = e.book(e.market(0));
    for (var level : book.bids())
      assertThat(WireFormat.isValidPrice(level.px(), 3, MarketKind.PERP))
          .as("bid %s", level.px())
          .isTrue();
    for (var level : book.asks())
      assertThat(WireFormat.isValidPrice(level.px(), 3, MarketKind.PERP))
          .as("ask %s", level.px())
          .isTrue();
    assertThat(Prices.tick(new BigDecimal("1.23456"), 3))
        .isEqualByComparingTo(WireFormat.priceStep(new BigDecimal("1.23456"), 3, MarketKind.PERP));
  }
}
