package dev.rez.agent;

import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.OrderBook;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market data replayed from the 2013 BTC one-minute bars: BTC as recorded, ETH as the same series
 * at 1/20 of the price. Only minutes closed before the clock's "now" are visible; larger intervals
 * are aggregated from them.
 */
final class CsvMarket implements MarketData {
  static final Asset BTC = Asset.of("BTC");
  static final Asset ETH = Asset.of("ETH");
  private static final List<Candle> MINUTES = load();

  final MutableClock clock;
  int maxLeverage = 50;

  CsvMarket(Instant now) {
    this.clock = new MutableClock(now);
  }

  static Instant start() {
    return MINUTES.get(0).openTime();
  }

  static Instant end() {
    return MINUTES.get(MINUTES.size() - 1).closeTime();
  }

  private static List<Candle> load() {
    List<Candle> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                CsvMarket.class.getResourceAsStream("/data/btc_usd_1m_2013.csv"),
                StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        out.add(
            new Candle(
                Instant.ofEpochMilli(Long.parseLong(f[0])),
                Interval.M1,
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  private static double scale(Asset asset) {
    if (asset.equals(BTC)) return 1;
    if (asset.equals(ETH)) return 0.05;
    throw new IllegalArgumentException("unknown asset " + asset);
  }

  @Override
  public List<AssetInfo> assets() {
    return List.of(new AssetInfo(BTC, 0, 5, maxLeverage), new AssetInfo(ETH, 1, 4, maxLeverage));
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, Instant from, Instant to) {
    double k = scale(asset);
    Instant now = clock.instant();
    long step = interval.duration().toMillis();
    Map<Long, double[]> buckets = new LinkedHashMap<>();
    for (Candle m : MINUTES) {
      if (m.closeTime().isAfter(now)) break;
      long open = Math.floorDiv(m.openTime().toEpochMilli(), step) * step;
      if (open < from.toEpochMilli() || open > to.toEpochMilli()) continue;
      double[] b = buckets.get(open);
      if (b == null)
        buckets.put(open, new double[] {m.open(), m.high(), m.low(), m.close(), m.volume()});
      else {
        b[1] = Math.max(b[1], m.high());
        b[2] = Math.min(b[2], m.low());
        b[3] = m.close();
        b[4] += m.volume();
      }
    }
    List<Candle> out = new ArrayList<>();
    for (Map.Entry<Long, double[]> e : buckets.entrySet()) {
      double[] b = e.getValue();
      out.add(
          new Candle(
              Instant.ofEpochMilli(e.getKey()),
              interval,
              b[0] * k,
              b[1] * k,
              b[2] * k,
              b[3] * k,
              b[4] / k));
    }
    return out;
  }

  BigDecimal price(Asset asset) {
    Instant now = clock.instant();
    Candle last = MINUTES.get(0);
    for (Candle m : MINUTES) {
      if (m.closeTime().isAfter(now)) break;
      last = m;
    }
    return new BigDecimal(last.close() * scale(asset), new MathContext(8));
  }

  @Override
  public Map<Asset, BigDecimal> mids() {
    return Map.of(BTC, price(BTC), ETH, price(ETH));
  }

  @Override
  public Map<Asset, AssetContext> contexts() {
    Map<Asset, AssetContext> m = new LinkedHashMap<>();
    for (Asset a : List.of(BTC, ETH))
      m.put(
          a,
          new AssetContext(
              a,
              price(a),
              price(a),
              new BigDecimal("0.0000125"),
              new BigDecimal("1234.5"),
              new BigDecimal("1000000")));
    return m;
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    BigDecimal p = price(asset);
    List<OrderBook.Level> bids = new ArrayList<>();
    List<OrderBook.Level> asks = new ArrayList<>();
    for (int i = 1; i <= depth; i++) {
      BigDecimal d = new BigDecimal("0.5").multiply(BigDecimal.valueOf(i));
      bids.add(new OrderBook.Level(p.subtract(d), BigDecimal.valueOf(i), i));
      asks.add(new OrderBook.Level(p.add(d), BigDecimal.valueOf(i), i));
    }
    return new OrderBook(asset, bids, asks, clock.instant());
  }

  static Instant at(Duration afterStart) {
    return start().plus(afterStart);
  }
}
