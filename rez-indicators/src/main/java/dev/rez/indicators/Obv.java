package dev.rez.indicators;

import dev.rez.core.Candle;
import java.util.List;

/**
 * On-balance volume as TA-Lib's {@code OBV}: starts at the first candle's volume, then adds the
 * volume of a candle that closes higher than the previous one and subtracts that of one that closes
 * lower. Defined from index 0. Only its changes carry meaning: the level depends on where the
 * series started.
 *
 * <pre>{@code
 * Obv obv = new Obv();
 * obv.update(candle);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class Obv extends AbstractIndicator {
  private double prevClose;
  private double obv = Double.NaN;

  /** Creates an on-balance volume indicator. */
  public Obv() {
    super(List.of("obv"));
  }

  @Override
  public void update(Candle candle) {
    accept(candle);
    double close = candle.close();
    if (count() == 1) obv = candle.volume();
    else if (close > prevClose) obv += candle.volume();
    else if (close < prevClose) obv -= candle.volume();
    prevClose = close;
  }

  @Override
  void fill(List<Candle> candles, double[][] out) {
    double[] o = out[0];
    for (int i = 0; i < o.length; i++) {
      update(candles.get(i));
      o[i] = value(0);
    }
  }

  @Override
  public double value(int index) {
    if (index != 0) throw noOutput(index);
    return obv;
  }

  @Override
  public int lookback() {
    return 0;
  }

  @Override
  public int warmUp() {
    return 1;
  }
}
