package dev.rez.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetInfo;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Exchange;
import dev.rez.core.MarginMode;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Position;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Exchange} does, as JUnit tests: extend it, give a fresh exchange per test, and
 * the same behaviour is checked for each implementation (Rez runs it against {@link FakeExchange}
 * and against {@code HyperliquidExchange} on the embedded simulator, so a test double cannot drift
 * from the real client).
 *
 * <pre>{@code
 * class MyExchangeContractTest extends ExchangeContract {
 *   protected Exchange exchange() { return new MyExchange(...); }   // funded, flat, nothing open
 *   protected AssetInfo asset() { return new AssetInfo(Asset.of("BTC"), 0, 5, 50); }
 *   protected BigDecimal mark() { return new BigDecimal("50000"); }
 * }
 * }</pre>
 *
 * <p>The market must not move during a test: orders 2 % through the mark fill, 10 % away they rest
 * or fail.
 */
public abstract class ExchangeContract {
  /** The notional each test trades, in USD: above any venue's minimum order value. */
  protected static final BigDecimal NOTIONAL = new BigDecimal("200");

  private Exchange ex;
  private AssetInfo info;
  private BigDecimal mark;

  /** Creates the contract; subclasses give the exchange through the abstract methods. */
  protected ExchangeContract() {}

  /**
   * A fresh exchange for one test: an account with at least $1000 free, no position and no open
   * order. Called once before each test.
   */
  protected abstract Exchange exchange();

  /** The asset the tests trade, as the venue describes it. */
  protected abstract AssetInfo asset();

  /** The asset's mark price, which stays put during a test. */
  protected abstract BigDecimal mark();

  @BeforeEach
  final void openExchange() {
    ex = exchange();
    info = asset();
    mark = mark();
  }

  private Asset a() {
    return info.asset();
  }

  private BigDecimal size() {
    return ex.roundSize(info, NOTIONAL.divide(mark, 12, RoundingMode.DOWN), RoundingMode.DOWN);
  }

  /** The mark times {@code factor} on a valid tick (an odd factor, so rounding matters). */
  private BigDecimal px(String factor, RoundingMode mode) {
    return ex.roundPrice(info, mark.multiply(new BigDecimal(factor)), mode);
  }

  private OrderResult openLong(String intent) {
    ex.setLeverage(a(), 5, MarginMode.CROSS);
    List<OrderResult> r = ex.place(List.of(marketableBuy(intent)));
    assertThat(r).hasSize(1);
    return r.getFirst();
  }

  /** An IOC buy of {@link #size()} priced above the mark, so it crosses. */
  private OrderRequest marketableBuy(String intent) {
    return new OrderRequest(
        a(),
        Side.BUY,
        size(),
        px("1.0213579", RoundingMode.FLOOR),
        TimeInForce.IOC,
        false,
        ClientOrderId.derive(intent));
  }

  /** A reduce-only IOC sell of {@link #size()} priced below the mark, so it crosses. */
  private OrderRequest reduceOnlySell(String intent) {
    return new OrderRequest(
        a(),
        Side.SELL,
        size(),
        px("0.9786421", RoundingMode.CEILING),
        TimeInForce.IOC,
        true,
        ClientOrderId.derive(intent));
  }

  @Test
  void aFreshAccountHasEquityAndNothingOpen() {
    AccountState s = ex.accountState();
    assertThat(s.equity()).isGreaterThanOrEqualTo(new BigDecimal("1000"));
    assertThat(s.positions()).isEmpty();
    assertThat(ex.openOrders()).isEmpty();
    assertThat(ex.fills(Instant.EPOCH)).isEmpty();
  }

  @Test
  void roundedPricesAndSizesStayOnTheirSideAndTinySizesRoundToZero() {
    BigDecimal raw = mark.multiply(new BigDecimal("1.0213579"));
    assertThat(ex.roundPrice(info, raw, RoundingMode.FLOOR)).isLessThanOrEqualTo(raw);
    assertThat(ex.roundPrice(info, raw, RoundingMode.CEILING)).isGreaterThanOrEqualTo(raw);
    BigDecimal onTick = ex.roundPrice(info, raw, RoundingMode.HALF_EVEN);
    assertThat(ex.roundPrice(info, onTick, RoundingMode.UNNECESSARY))
        .as("a rounded price needs no more rounding")
        .isEqualByComparingTo(onTick);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ex.roundPrice(info, BigDecimal.ZERO, RoundingMode.FLOOR));
    assertThat(size()).isPositive();
    assertThat(size().stripTrailingZeros().scale()).isLessThanOrEqualTo(info.sizeDecimals());
    assertThat(
            ex.roundSize(
                info, BigDecimal.ONE.movePointLeft(info.sizeDecimals() + 1), RoundingMode.DOWN))
        .isZero();
  }

  @Test
  void anIocThroughTheMarkFillsAndOpensThePosition() {
    OrderResult r = openLong("contract-entry");
    assertThat(r)
        .isInstanceOfSatisfying(
            OrderResult.Filled.class,
            f -> {
              assertThat(f.totalSize()).isEqualByComparingTo(size());
              assertThat(f.averagePrice()).isLessThanOrEqualTo(px("1.0213579", RoundingMode.FLOOR));
              assertThat(f.cloid()).isEqualTo(ClientOrderId.derive("contract-entry"));
            });
    Position p = ex.accountState().position(a()).orElseThrow();
    assertThat(p.size()).isEqualByComparingTo(size());
    assertThat(ex.fills(Instant.EPOCH))
        .anySatisfy(
            f -> {
              assertThat(f.cloid()).isEqualTo(ClientOrderId.derive("contract-entry"));
              assertThat(f.side()).isEqualTo(Side.BUY);
              assertThat(f.closing()).isFalse();
            });
    assertThat(ex.orderResult(ClientOrderId.derive("contract-entry")))
        .get()
        .isInstanceOf(OrderResult.Filled.class);
  }

  @Test
  void anIocThatCannotCrossIsRejectedAndOpensNothing() {
    List<OrderResult> r =
        ex.place(
            List.of(
                new OrderRequest(
                    a(),
                    Side.BUY,
                    size(),
                    px("0.9", RoundingMode.FLOOR),
                    TimeInForce.IOC,
                    false,
                    ClientOrderId.derive("contract-no-cross"))));
    assertThat(r).singleElement().isInstanceOf(OrderResult.Rejected.class);
    assertThat(ex.accountState().position(a())).isEmpty();
    Optional<OrderResult> after = ex.orderResult(ClientOrderId.derive("contract-no-cross"));
    assertThat(after.filter(o -> !(o instanceof OrderResult.Rejected)))
        .as("rejected or unknown, never resting or filled: %s", after)
        .isEmpty();
  }

  @Test
  void protectionRestsWithTheEntryAndCancellingItIsFinal() {
    ex.setLeverage(a(), 5, MarginMode.CROSS);
    ClientOrderId tpId = ClientOrderId.derive("contract-tp");
    ClientOrderId slId = ClientOrderId.derive("contract-sl");
    BigDecimal tp = px("1.1", RoundingMode.FLOOR);
    BigDecimal sl = px("0.9", RoundingMode.CEILING);
    List<OrderResult> r =
        ex.placeWithProtection(
            marketableBuy("contract-protected"),
            List.of(
                new TriggerOrder(
                    a(),
                    Side.SELL,
                    size(),
                    TriggerKind.TAKE_PROFIT,
                    tp,
                    true,
                    px("1.05", RoundingMode.FLOOR),
                    tpId),
                new TriggerOrder(
                    a(),
                    Side.SELL,
                    size(),
                    TriggerKind.STOP_LOSS,
                    sl,
                    true,
                    px("0.85", RoundingMode.CEILING),
                    slId)));
    assertThat(r).hasSize(3);
    assertThat(r.get(0)).isInstanceOf(OrderResult.Filled.class);
    assertThat(r.subList(1, 3))
        .allSatisfy(
            o ->
                assertThat(o)
                    .isInstanceOfAny(OrderResult.Resting.class, OrderResult.Waiting.class));

    List<OpenOrder> open = ex.openOrders();
    assertThat(open)
        .filteredOn(o -> o.trigger() == TriggerKind.TAKE_PROFIT)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.triggerPrice()).isEqualByComparingTo(tp);
              assertThat(o.side()).isEqualTo(Side.SELL);
            });
    OpenOrder stop = ex.orderByCloid(slId).orElseThrow();
    assertThat(stop.trigger()).isEqualTo(TriggerKind.STOP_LOSS);
    assertThat(stop.triggerPrice()).isEqualByComparingTo(sl);
    assertThat(ex.orderResult(slId)).get().isInstanceOf(OrderResult.Resting.class);

    assertThat(ex.cancel(a(), stop.orderId())).isTrue();
    assertThat(ex.cancel(a(), stop.orderId())).as("a second cancel finds nothing").isFalse();
    assertThat(ex.orderByCloid(slId)).isEmpty();
    assertThat(ex.orderResult(slId)).get().isInstanceOf(OrderResult.Rejected.class);
    assertThat(ex.openOrders())
        .extracting(OpenOrder::trigger)
        .containsExactly(TriggerKind.TAKE_PROFIT);

    assertThat(ex.cancelByCloid(a(), slId)).as("the stop-loss is gone already").isFalse();
    assertThat(ex.cancelByCloid(a(), tpId)).isTrue();
    assertThat(ex.cancelByCloid(a(), tpId)).as("a second cancel finds nothing").isFalse();
    assertThat(ex.orderResult(tpId)).get().isInstanceOf(OrderResult.Rejected.class);
    assertThat(ex.openOrders()).isEmpty();
  }

  @Test
  void aReduceOnlyCloseFlattensAndAnotherFindsNothingToReduce() {
    assertThat(openLong("contract-open")).isInstanceOf(OrderResult.Filled.class);
    OrderRequest close = reduceOnlySell("contract-close");
    assertThat(ex.place(List.of(close)))
        .singleElement()
        .isInstanceOfSatisfying(
            OrderResult.Filled.class, f -> assertThat(f.totalSize()).isEqualByComparingTo(size()));
    assertThat(ex.accountState().position(a())).isEmpty();
    assertThat(ex.fills(Instant.EPOCH)).filteredOn(f -> f.closing()).hasSize(1);

    OrderRequest again = reduceOnlySell("contract-close-2");
    assertThat(ex.place(List.of(again))).singleElement().isInstanceOf(OrderResult.Rejected.class);
    assertThat(ex.accountState().position(a())).isEmpty();
  }

  @Test
  void aClientOrderIdNeverSentIsUnknown() {
    ClientOrderId never = ClientOrderId.derive("contract-never-sent");
    assertThat(ex.orderByCloid(never)).isEmpty();
    assertThat(ex.orderResult(never)).isEqualTo(Optional.empty());
  }
}
