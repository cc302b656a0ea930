package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Small series whose values are worked out by hand. */
class HandValuesTest {
  private static final double EPS = 1e-12;

  private static double[] feed(ValueIndicator indicator, double... values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      indicator.update(values[i]);
      out[i] = indicator.value();
    }
    return out;
  }

  private static Candle bar(int minute, double high, double low, double close, double volume) {
    return new Candle(
        Instant.ofEpochSecond(60L * minute),
        Interval.M1,
        Math.min(Math.max(close, low), high),
        high,
        low,
        close,
        volume);
  }

  @Test
  void sma() {
    assertThat(feed(new Sma(3), 1, 2, 3, 4, 8))
        .containsExactly(new double[] {Double.NaN, Double.NaN, 2, 3, 5}, within(EPS));
  }

  @Test
  void emaIsSeededWithTheAverage() {
    // k = 0.5; seed (1+2+3)/3 = 2; then (4-2)/2+2 = 3; (9-3)/2+3 = 6
    assertThat(feed(new Ema(3), 1, 2, 3, 4, 9))
        .containsExactly(new double[] {Double.NaN, Double.NaN, 2, 3, 6}, within(EPS));
  }

  @Test
  void wma() {
    // (1*1+2*2+3*3)/6 = 14/6; (2+6+12)/6 = 20/6; (3+8+30)/6 = 41/6
    assertThat(feed(new Wma(3), 1, 2, 3, 4, 10))
        .containsExactly(
            new double[] {Double.NaN, Double.NaN, 14.0 / 6, 20.0 / 6, 41.0 / 6}, within(EPS));
  }

  @Test
  void rsiWithWilderSmoothing() {
    // changes +1, -1 → gain 0.5, loss 0.5 → 50; next +2: gain (0.5*1+2)/2 = 1.25, loss 0.25 →
    // 100*1.25/1.5
    assertThat(feed(new Rsi(2), 10, 11, 10, 12))
        .containsExactly(new double[] {Double.NaN, Double.NaN, 50, 100 * 1.25 / 1.5}, within(EPS));
    assertThat(feed(new Rsi(2), 5, 5, 5, 5))
        .containsExactly(new double[] {Double.NaN, Double.NaN, 0, 0}, within(EPS));
    assertThat(feed(new Rsi(2), 1, 2, 3))
        .containsExactly(new double[] {Double.NaN, Double.NaN, 100}, within(EPS));
  }

  @Test
  void stdDevAndBands() {
    // window 2,4,4,4,5,5,7,9: mean 5, population sd 2
    StdDev sd = new StdDev(8);
    feed(sd, 2, 4, 4, 4, 5, 5, 7, 9);
    assertThat(sd.value()).isCloseTo(2, within(EPS));
    BollingerBands bb = new BollingerBands(8, 1.5);
    feed(bb, 2, 4, 4, 4, 5, 5, 7, 9);
    assertThat(bb.middle()).isCloseTo(5, within(EPS));
    assertThat(bb.upper()).isCloseTo(8, within(EPS));
    assertThat(bb.lower()).isCloseTo(2, within(EPS));
    assertThat(bb.percentB()).isCloseTo((9 - 2) / 6.0, within(EPS));
    assertThat(bb.bandwidth()).isCloseTo(6 / 5.0, within(EPS));
    BollingerBands flat = new BollingerBands(3, 2);
    feed(flat, 7, 7, 7);
    assertThat(flat.upper()).isEqualTo(7);
    assertThat(flat.lower()).isEqualTo(7);
    assertThat(flat.percentB()).isEqualTo(0.5);
    assertThat(flat.bandwidth()).isZero();
  }

  @Test
  void roc() {
    assertThat(feed(new Roc(2), 100, 50, 110, 0, 55, 1))
        .containsExactly(new double[] {Double.NaN, Double.NaN, 10, -100, -50, 0}, within(EPS));
  }

  @Test
  void macdSeedsBothEmasAtTheSameBar() {
    // fast 1 (k = 1: the value itself), slow 2 (k = 2/3), signal 1
    Macd macd = new Macd(1, 2, 1);
    macd.update(10);
    assertThat(macd.isReady()).isFalse();
    macd.update(12); // slow = 11, fast = 12 → 1
    assertThat(macd.macd()).isCloseTo(1, within(EPS));
    assertThat(macd.signal()).isCloseTo(1, within(EPS));
    assertThat(macd.hist()).isCloseTo(0, within(EPS));
    macd.update(15); // slow = (15-11)*2/3+11 = 13.6667, fast 15
    assertThat(macd.macd()).isCloseTo(15 - (11 + 8.0 / 3), within(EPS));
  }

  @Test
  void trueRangeAtrAndObv() {
    Candle[] bars = {
      bar(0, 10, 8, 9, 100), bar(1, 12, 9, 11, 50), bar(2, 11, 7, 8, 70), bar(3, 9, 8.5, 8.5, 10)
    };
    TrueRange tr = new TrueRange();
    Atr atr = new Atr(2);
    Obv obv = new Obv();
    double[] trs = new double[4];
    double[] atrs = new double[4];
    double[] obvs = new double[4];
    for (int i = 0; i < 4; i++) {
      tr.update(bars[i]);
      atr.update(bars[i]);
      obv.update(bars[i]);
      trs[i] = tr.value();
      atrs[i] = atr.value();
      obvs[i] = obv.value();
    }
    // TR: -, max(3, |12-9|, |9-9|) = 3, max(4, 0, 4) = 4, max(0.5, 1, 0.5) = 1
    assertThat(trs).containsExactly(new double[] {Double.NaN, 3, 4, 1}, within(EPS));
    // ATR(2): mean(3, 4) = 3.5, then (3.5 + 1) / 2
    assertThat(atrs).containsExactly(new double[] {Double.NaN, Double.NaN, 3.5, 2.25}, within(EPS));
    assertThat(obvs).containsExactly(new double[] {100, 150, 80, 90}, within(EPS));
  }

  @Test
  void stochastic() {
    Stochastic fast = new Stochastic(3, 1, 1);
    Candle[] bars = {
      bar(0, 10, 8, 9, 1),
      bar(1, 12, 9, 11, 1),
      bar(2, 11, 7, 8, 1),
      bar(3, 9, 8.5, 8.5, 1),
      bar(4, 9, 9, 9, 1)
    };
    double[] k = new double[bars.length];
    for (int i = 0; i < bars.length; i++) {
      fast.update(bars[i]);
      k[i] = fast.k();
    }
    // window 0-2: HH 12, LL 7, close 8 → 20; 1-3: HH 12, LL 7, 8.5 → 30; 2-4: HH 11, LL 7, 9 → 50
    assertThat(k).containsExactly(new double[] {Double.NaN, Double.NaN, 20, 30, 50}, within(EPS));
    Stochastic slow = new Stochastic(3, 2, 2);
    for (Candle b : bars) slow.update(b);
    assertThat(slow.k()).isCloseTo(40, within(EPS)); // mean(30, 50)
    assertThat(slow.d()).isCloseTo(32.5, within(EPS)); // mean(25, 40)
    Stochastic flat = new Stochastic(2, 1, 1);
    flat.update(bar(0, 5, 5, 5, 1));
    flat.update(bar(1, 5, 5, 5, 1));
    assertThat(flat.k()).isZero();
  }

  @Test
  void adxWithPeriodTwo() {
    Adx adx = new Adx(2);
    Candle[] bars = {
      bar(0, 10, 8, 9, 1), bar(1, 12, 9, 11, 1), bar(2, 11, 7, 8, 1), bar(3, 13, 10, 12, 1)
    };
    for (Candle b : bars) adx.update(b);
    // bar1: +DM 2 (12-10 > 8-9), TR 3: sums +DM 2, -DM 0, TR 3 (seed over period-1 = 1 bar)
    // bar2: decay halves, +DM: up -1, down 2 → -DM 2; TR 4 → +DM 1, -DM 2, TR 1.5+4 = 5.5
    //   +DI = 100/5.5, -DI = 200/5.5, DX = 100 * 1/3
    // bar3: up 2, down -3 → +DM 2; TR max(3, 5, 2) = 5 → +DM 2.5, -DM 1, TR 7.75
    //   +DI = 250/7.75, -DI = 100/7.75, DX = 100 * 150/350; ADX = mean of the two DX
    assertThat(adx.plusDi()).isCloseTo(250 / 7.75, within(EPS));
    assertThat(adx.minusDi()).isCloseTo(100 / 7.75, within(EPS));
    assertThat(adx.adx()).isCloseTo((100.0 / 3 + 100.0 * 150 / 350) / 2, within(EPS));
  }

  @Test
  void vwapResetsEverySession() {
    Vwap vwap = new Vwap(Interval.H1);
    Candle a =
        new Candle(
            Instant.parse("2024-01-01T09:58:00Z"), Interval.M1, 10, 12, 9, 9, 1); // typical 10
    Candle b =
        new Candle(
            Instant.parse("2024-01-01T09:59:00Z"), Interval.M1, 19, 21, 19, 20, 3); // typical 20
    Candle c =
        new Candle(
            Instant.parse("2024-01-01T10:00:00Z"),
            Interval.M1,
            30,
            30,
            30,
            30,
            0); // new session, no volume
    Candle d = new Candle(Instant.parse("2024-01-01T10:01:00Z"), Interval.M1, 40, 40, 40, 40, 2);
    vwap.update(a);
    assertThat(vwap.value()).isCloseTo(10, within(EPS));
    vwap.update(b);
    assertThat(vwap.value()).isCloseTo((10 + 60) / 4.0, within(EPS));
    vwap.update(c);
    assertThat(vwap.value()).isCloseTo(30, within(EPS));
    vwap.update(d);
    assertThat(vwap.value()).isCloseTo(40, within(EPS));
  }

  @Test
  void trueRangeIsTheLargestOfTheThreeDifferencesBitForBit() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < 200_000; i++) {
      double scale = Math.pow(10, r.nextInt(-6, 7));
      double low = r.nextDouble(-1, 1) * scale;
      double high = low + (r.nextInt(10) == 0 ? 0 : r.nextDouble() * scale);
      // previous close below, inside, above or on the edges of the bar
      double prev =
          switch (r.nextInt(5)) {
            case 0 -> low;
            case 1 -> high;
            default -> low + r.nextDouble(-1, 2) * (high - low + scale * 1e-3);
          };
      double threeWay = Math.max(Math.max(high - low, Math.abs(high - prev)), Math.abs(low - prev));
      assertThat(TrueRange.of(high, low, prev))
          .as("high %s low %s prev %s", high, low, prev)
          .isEqualTo(threeWay);
    }
  }

  @Test
  void rsiSplitsChangesExactly() {
    // changes +1, -0.5, +2, -0.25 over period 2: first averages (1 + 0) / 2 and (0 + 0.5) / 2, then
    // Wilder's
    Rsi rsi = new Rsi(2);
    double[] out = feed(rsi, 10, 11, 10.5, 12.5, 12.25);
    double gain = 0.5;
    double loss = 0.25;
    assertThat(out[2]).isEqualTo(100 * (gain / (gain + loss)));
    gain = (gain * 1 + 2) / 2;
    loss = (loss * 1 + 0) / 2;
    assertThat(out[3]).isCloseTo(100 * gain / (gain + loss), within(1e-13));
    gain = (gain * 1 + 0) / 2;
    loss = (loss * 1 + 0.25) / 2;
    assertThat(out[4]).isCloseTo(100 * gain / (gain + loss), within(1e-13));
  }
}
