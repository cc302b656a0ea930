package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.Engine.OrderSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random order sequences against synthetic markets: the account's equity always equals deposits
 * plus the mark-to-market value of its fills minus fees, and no fill happens at a price its candle
 * never traded.
 */
class EnginePropertyTest {
  static final String USER = "0x2222222222222222222222222222222222222222";
  static final long ORIGIN = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final long MINUTE = 60_000;

  @Test
  void equityIdentityAndTradedRangesHoldOverRandomOrderSequences() {
    int fills = 0;
    int liquidations = 0;
    for (long seed = 1; seed <= 30; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Market btc =
          new Market(
              0,
              "BTC",
              3,
              50,
              Interval.M1,
              ORIGIN,
              volatileCandles(seed, 100),
              AfterReplay.STOP,
              seed,
              0);
      Market eth =
          new Market(
              1,
              "ETH",
              2,
              20,
              Interval.M1,
              ORIGIN,
              volatileCandles(seed + 1000, 30),
              AfterReplay.STOP,
              seed,
              0);
      Engine e =
          new Engine(List.of(btc, eth), EngineTest.config(), new Faults(), null, ORIGIN + MINUTE);
      BigDecimal deposits = new BigDecimal(rnd.nextInt(100, 3000));
      boolean bias = rnd.nextBoolean();
      e.fund(USER, deposits);
      for (int step = 0; step < 150; step++) {
        Market m = rnd.nextBoolean() ? btc : eth;
        int action = rnd.nextInt(10);
        if (action < 5) {
          e.placeOrders(
              USER,
              randomBatch(rnd, e, m, rnd.nextInt(4) == 0 ? !bias : bias),
              rnd.nextInt(3) == 0 ? "normalTpsl" : "na");
        } else if (action == 5) {
          List<SimOrder> open = e.account(USER).openOrders();
          if (!open.isEmpty()) {
            SimOrder o = open.get(rnd.nextInt(open.size()));
            e.cancel(USER, o.market.index, o.oid);
          }
        } else if (action == 6) {
          e.updateLeverage(
              USER,
              m.index,
              true,
              rnd.nextBoolean() ? m.maxLeverage : 1 + rnd.nextInt(m.maxLeverage));
        } else if (action == 7) {
          e.advanceTo(e.now() + 1 + rnd.nextInt((int) MINUTE));
        } else {
          e.step();
        }
        check(e, deposits);
      }
      for (SimFill f : e.account(USER).fills) {
        fills++;
        if (f.liquidation()) liquidations++;
      }
    }
    // the sequences did trade, and some accounts went under
    assertThat(fills).isGreaterThan(500);
    assertThat(liquidations).isGreaterThan(0);
  }

  /**
   * Candles from the synthetic generator with 1% volatility per candle, so that some accounts get
   * liquidated.
   */
  private static List<Candle> volatileCandles(long seed, double start) {
    SyntheticCandles gen = new SyntheticCandles(seed, start, 0.01, 10);
    List<Candle> out = new ArrayList<>();
    for (int i = 0; i < 400; i++)
      out.add(gen.next(Instant.ofEpochMilli(ORIGIN + i * MINUTE), Interval.M1));
    return out;
  }

  private static List<OrderSpec> randomBatch(
      SplittableRandom rnd, Engine e, Market m, boolean buy) {
    BigDecimal mid = e.price(m);
    List<OrderSpec> out = new ArrayList<>();
    BigDecimal px =
        Prices.roundPrice(
            mid.multiply(BigDecimal.valueOf(1 + (rnd.nextDouble() - 0.5) * 0.02)),
            m.szDecimals,
            RoundingMode.HALF_EVEN);
    BigDecimal notional = BigDecimal.valueOf(rnd.nextInt(5, 6000));
    BigDecimal sz =
        notional
            .divide(mid, m.szDecimals, RoundingMode.DOWN)
            .max(BigDecimal.ONE.scaleByPowerOfTen(-m.szDecimals));
    String[] tifs = {"Gtc", "Ioc", "Alo"};
    out.add(
        new OrderSpec(
            m.index,
            buy,
            px.toPlainString(),
            sz.toPlainString(),
            rnd.nextInt(5) == 0,
            tifs[rnd.nextInt(3)],
            null,
            null,
            null,
            null));
    int children = rnd.nextInt(3);
    for (int i = 0; i < children; i++) {
      boolean tp = rnd.nextBoolean();
      double off = 0.002 + rnd.nextDouble() * 0.01;
      double factor = buy == tp ? 1 + off : 1 - off;
      BigDecimal trig =
          Prices.roundPrice(
              mid.multiply(BigDecimal.valueOf(factor)), m.szDecimals, RoundingMode.HALF_EVEN);
      out.add(
          new OrderSpec(
              m.index,
              !buy,
              trig.toPlainString(),
              sz.toPlainString(),
              true,
              null,
              rnd.nextBoolean(),
              trig.toPlainString(),
              tp ? "tp" : "sl",
              null));
    }
    return out;
  }

  private static void check(Engine e, BigDecimal deposits) {
    Account a = e.account(USER);
    BigDecimal expected = deposits;
    for (SimFill f : a.fills) {
      Market m = e.market(f.coin());
      BigDecimal signed = f.buy() ? f.sz() : f.sz().negate();
      expected = expected.add(signed.multiply(e.price(m).subtract(f.px()))).subtract(f.fee());
      assertThat(tradedBy(m, f.time(), f.px())).as("fill %s inside its candle", f).isTrue();
    }
    for (Account.Funding f : a.fundings) expected = expected.add(f.usdc());
    assertThat(e.equity(a).subtract(expected).abs())
        .as("equity identity")
        .isLessThan(new BigDecimal("1e-12"));
  }

  private static boolean tradedBy(Market m, long t, BigDecimal px) {
    long k = (t - m.origin) / m.durationMs;
    // a boundary instant is both the close of one candle and the open of the next
    long first = (t - m.origin) % m.durationMs == 0 ? Math.max(0, k - 1) : k;
    for (long i = first; i <= k; i++) {
      Candle c = m.candle((int) i);
      if (px.compareTo(BigDecimal.valueOf(c.low())) >= 0
          && px.compareTo(BigDecimal.valueOf(c.high())) <= 0) return true;
    }
    return false;
  }
}
