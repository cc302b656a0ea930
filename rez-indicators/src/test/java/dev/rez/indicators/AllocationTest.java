package dev.rez.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Candle;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streaming updates and value reads allocate nothing once an indicator exists. */
class AllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static Object retained;

  @org.junit.jupiter.api.Test
  void theMeasurementSeesAllocation() {
    long thread = Thread.currentThread().threadId();
    long before = THREADS.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1000; i++) retained = new double[8];
    assertThat(THREADS.getThreadAllocatedBytes(thread) - before).isGreaterThanOrEqualTo(1000 * 64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sma:20",
        "ema:12",
        "wma:20",
        "rsi:14",
        "macd:12:26:9",
        "atr:14",
        "tr",
        "bb:20:2",
        "stddev:20",
        "stoch:14:3:3",
        "adx:14",
        "obv",
        "vwap",
        "roc:10"
      })
  void updatesDoNotAllocate(String spec) {
    List<Candle> candles = TestData.randomCandles(9, 200_000, 100);
    Indicator indicator = IndicatorRegistry.parse(spec).create();
    int outputs = indicator.outputs().size();
    double sink = 0;
    for (int i = 0; i < 100_000; i++) {
      indicator.update(candles.get(i));
      if (indicator.isReady()) for (int j = 0; j < outputs; j++) sink += indicator.value(j);
    }
    long thread = Thread.currentThread().threadId();
    long before = THREADS.getThreadAllocatedBytes(thread);
    long baseline = THREADS.getThreadAllocatedBytes(thread) - before; // the measurement's own cost
    before = THREADS.getThreadAllocatedBytes(thread);
    for (int i = 100_000; i < 200_000; i++) {
      indicator.update(candles.get(i));
      if (indicator.isReady()) for (int j = 0; j < outputs; j++) sink += indicator.value(j);
    }
    long allocated = THREADS.getThreadAllocatedBytes(thread) - before - baseline;
    assertThat(sink).isFinite();
    assertThat(allocated).as("bytes allocated by 100,000 updates of %s", spec).isLessThan(1024);
  }
}
