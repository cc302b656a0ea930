package dev.rez.benchmarks.json;

import java.math.BigDecimal;
import java.util.Random;

/**
 * Hyperliquid info responses as the exchange (and the simulator) sends them, built from a fixed
 * seed.
 */
final class Responses {
  private Responses() {}

  static String clearinghouseState() {
    return "{\"marginSummary\":{\"accountValue\":\"10234.567891\",\"totalNtlPos\":\"3201.12\",\"totalRawUsd\":\"7033.447891\",\"totalMarginUsed\":\"320.112\"},"
        + "\"crossMarginSummary\":{\"accountValue\":\"10234.567891\",\"totalNtlPos\":\"3201.12\",\"totalRawUsd\":\"7033.447891\",\"totalMarginUsed\":\"320.112\"},"
        + "\"crossMaintenanceMarginUsed\":\"96.0336\",\"withdrawable\":\"9914.455891\",\"assetPositions\":["
        + position("BTC", "0.0321", "65012.5", "2087.0", "-0.21", "60512.3", 10)
        + ","
        + position("ETH", "-0.35", "3120.4", "1092.14", "12.5", "3544.1", 5)
        + "],\"time\":1733011200123}";
  }

  private static String position(
      String coin, String szi, String entryPx, String value, String pnl, String liq, int leverage) {
    return "{\"type\":\"oneWay\",\"position\":{\"coin\":\""
        + coin
        + "\",\"szi\":\""
        + szi
        + "\",\"leverage\":{\"type\":\"cross\",\"value\":"
        + leverage
        + "},\"entryPx\":\""
        + entryPx
        + "\",\"positionValue\":\""
        + value
        + "\",\"unrealizedPnl\":\""
        + pnl
        + "\",\"returnOnEquity\":\"-0.0010063\",\"liquidationPx\":\""
        + liq
        + "\",\"marginUsed\":\"208.7\",\"maxLeverage\":50,"
        + "\"cumFunding\":{\"allTime\":\"1.234567\",\"sinceOpen\":\"0.012345\",\"sinceChange\":\"0.012345\"}}}";
  }

  static String l2Book(int levels) {
    StringBuilder sb = new StringBuilder("{\"coin\":\"BTC\",\"time\":1733011200123,\"levels\":[");
    for (int side = 0; side < 2; side++) {
      if (side > 0) sb.append(',');
      sb.append('[');
      for (int i = 0; i < levels; i++) {
        if (i > 0) sb.append(',');
        BigDecimal px = new BigDecimal("65000").add(BigDecimal.valueOf(side == 0 ? -i - 1 : i + 1));
        sb.append("{\"px\":\"")
            .append(px.toPlainString())
            .append("\",\"sz\":\"")
            .append(0.01 * (i + 1) + 0.00123)
            .append("\",\"n\":")
            .append(i % 4 + 1)
            .append('}');
      }
      sb.append(']');
    }
    return sb.append("]}").toString();
  }

  static String candleSnapshot(int n) {
    Random random = new Random(42);
    StringBuilder sb = new StringBuilder("[");
    double close = 65000;
    long t = 1733011200000L;
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(',');
      double open = close;
      close = Math.round(open * (1 + random.nextGaussian() * 0.001) * 10) / 10.0;
      double high = Math.max(open, close) + 12.5;
      double low = Math.min(open, close) - 9.5;
      sb.append("{\"t\":")
          .append(t)
          .append(",\"T\":")
          .append(t + 59_999)
          .append(",\"s\":\"BTC\",\"i\":\"1m\",\"o\":\"")
          .append(open)
          .append("\",\"c\":\"")
          .append(close)
          .append("\",\"h\":\"")
          .append(high)
          .append("\",\"l\":\"")
          .append(low)
          .append("\",\"v\":\"")
          .append(Math.round(random.nextDouble() * 10000) / 1000.0)
          .append("\",\"n\":")
          .append(10 + random.nextInt(200))
          .append('}');
      t += 60_000;
    }
    return sb.append(']').toString();
  }
}
