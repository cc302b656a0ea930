package dev.rez.agent;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.Candle;
import dev.rez.core.Exchange;
import dev.rez.core.Interval;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.RiskLimits;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the standard {@value ContextPayload#SCHEMA} payload (see {@code CONTEXT.md}) from a
 * venue's market data and account, the risk limits and a short memory.
 *
 * <pre>{@code
 * ContextBuilder contexts = ContextBuilder.builder(marketData, exchange, RiskProfile.MODERATE.limits())
 *     .intervals(Interval.M5, Interval.H4)
 *     .build();
 * ContextPayload payload = contexts.build(List.of(Asset.of("BTC")), recentDecisions);
 * }</pre>
 *
 * <p>It only reads from the exchange (account state and open orders). This class is immutable and
 * threadsafe.
 */
public final class ContextBuilder {
  private static final MathContext SIG = new MathContext(8);

  private final MarketData marketData;
  private final Exchange exchange;
  private final RiskLimits limits;
  private final Interval shortInterval;
  private final Interval longInterval;
  private final String indicators;
  private final int lookback;
  private final int warmBars;
  private final int recentBars;
  private final int memorySize;
  private final Clock clock;

  private ContextBuilder(Builder b) {
    marketData = b.marketData;
    exchange = b.exchange;
    limits = b.limits;
    shortInterval = b.shortInterval;
    longInterval = b.longInterval;
    indicators = b.indicators;
    lookback = b.lookback;
    warmBars = Indicators.barsFor(indicators, lookback);
    recentBars = b.recentBars;
    memorySize = b.memorySize;
    clock = b.clock;
  }

  /**
   * A builder reading from {@code marketData} and {@code exchange}, describing {@code limits} to
   * the model.
   */
  public static Builder builder(MarketData marketData, Exchange exchange, RiskLimits limits) {
    return new Builder(marketData, exchange, limits);
  }

  /**
   * The default indicator spec list: EMA 12/26/50, RSI 14, MACD 12/26/9, ATR 14, Bollinger 20/2.
   */
  public static String defaultIndicators() {
    return Indicators.DEFAULT_SET;
  }

  /**
   * Builds the payload for {@code assets}, with the latest {@code memory} entries (oldest first;
   * the last {@link Builder#memorySize} of each asset are kept).
   *
   * @throws IllegalArgumentException when the venue does not know one of the assets
   * @throws RuntimeException the venue's own exceptions when reading fails
   */
  public ContextPayload build(List<Asset> assets, List<MemoryEntry> memory) {
    Objects.requireNonNull(assets, "assets == null");
    Objects.requireNonNull(memory, "memory == null");
    Instant now = clock.instant();
    Map<Asset, AssetContext> contexts = marketData.contexts();
    Map<Asset, BigDecimal> mids = marketData.mids();
    AccountState account = exchange.accountState();
    List<OpenOrder> orders = exchange.openOrders();

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", ContextPayload.SCHEMA);
    root.put("time", now.toString());
    root.put("risk", risk(limits));
    Map<Asset, BigDecimal> marks = new LinkedHashMap<>();
    List<Object> assetList = new ArrayList<>();
    for (Asset asset : assets) {
      AssetContext ctx = contexts.get(asset);
      BigDecimal mid = mids.get(asset);
      if (ctx == null && mid == null)
        throw new IllegalArgumentException(
            "unknown asset '" + asset + "': the venue has no price for it");
      BigDecimal mark = ctx != null ? ctx.markPrice() : mid;
      marks.put(asset, mark);
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("asset", asset.name());
      a.put("price", mid != null ? mid : mark);
      a.put("markPrice", mark);
      if (ctx != null) {
        a.put("fundingRate", ctx.fundingRate());
        a.put("openInterest", ctx.openInterest());
        a.put("dayVolumeUsd", ctx.dayVolumeUsd());
      }
      Map<String, Object> intervals = new LinkedHashMap<>();
      for (Interval interval : List.of(shortInterval, longInterval)) {
        List<Candle> candles =
            marketData.candles(
                asset, interval, now.minus(interval.duration().multipliedBy(warmBars)), now);
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("indicators", indicatorValues(Indicators.latest(indicators, candles)));
        Map<String, Integer> warming = Indicators.warmingUp(indicators, candles.size());
        if (!warming.isEmpty()) block.put("warmingUp", warming);
        block.put(
            "candles",
            summary(
                candles.subList(Math.max(0, candles.size() - lookback), candles.size()),
                recentBars));
        intervals.put(interval.wire(), block);
      }
      a.put("intervals", intervals);
      assetList.add(a);
    }
    root.put("assets", assetList);
    root.put("account", account(account, orders, marks));
    root.put("memory", memory(memory, memorySize));
    return new ContextPayload(ContextPayload.SCHEMA, now, assets, Json.write(root));
  }

  /** The latest {@code perAsset} entries of each asset, oldest first. */
  static List<Object> memory(List<MemoryEntry> memory, int perAsset) {
    Map<Asset, Integer> seen = new java.util.HashMap<>();
    java.util.ArrayDeque<Object> kept = new java.util.ArrayDeque<>();
    for (int i = memory.size() - 1; i >= 0; i--) {
      MemoryEntry m = memory.get(i);
      if (seen.merge(m.asset(), 1, Integer::sum) > perAsset) continue;
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("time", m.time().toString());
      e.put("asset", m.asset().name());
      e.put("action", m.action());
      e.put("rationale", m.rationale());
      e.put("outcome", m.outcome());
      TradeOutcome t = m.trade();
      if (t != null) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", t.status());
        r.put("exit", t.exit());
        r.put("realisedPnl", t.realisedPnl());
        r.put("fees", t.fees());
        r.put("netPnl", t.netPnl());
        r.put(
            "holdingMinutes",
            t.holding() == null
                ? null
                : BigDecimal.valueOf(t.holding().toSeconds())
                    .divide(BigDecimal.valueOf(60), 1, java.math.RoundingMode.HALF_EVEN));
        e.put("trade", r);
      }
      kept.addFirst(e);
    }
    return new ArrayList<>(kept);
  }

  static Map<String, Object> risk(RiskLimits l) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("profile", l.profile());
    r.put("leverage", Json.obj("min", l.minLeverage(), "max", l.effectiveMaxLeverage()));
    r.put("marginPerTrade", Json.obj("min", l.minMarginFraction(), "max", l.maxMarginFraction()));
    r.put("stopDistance", Json.obj("min", l.minStopDistance(), "max", l.maxStopDistance()));
    r.put("minRewardRisk", l.minRewardRisk());
    r.put("minConfirmingSignals", l.minConfirmingSignals());
    r.put("minOrderUsd", l.minOrderValue());
    if (l.maxPositionNotional() != null) r.put("maxPositionUsd", l.maxPositionNotional());
    return r;
  }

  private static Map<String, Object> account(
      AccountState account, List<OpenOrder> orders, Map<Asset, BigDecimal> marks) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("equity", account.equity());
    a.put("marginUsed", account.marginUsed());
    a.put("withdrawable", account.withdrawable());
    a.put("unrealizedPnl", account.unrealizedPnl());
    List<Object> positions = new ArrayList<>();
    for (Position p : account.positions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("asset", p.asset().name());
      m.put("side", p.isLong() ? "long" : "short");
      m.put("size", p.absSize());
      m.put("entryPrice", p.entryPrice());
      if (marks.containsKey(p.asset())) m.put("markPrice", marks.get(p.asset()));
      m.put("unrealizedPnl", p.unrealizedPnl());
      m.put("leverage", p.leverage());
      m.put("liquidationPrice", p.liquidationPrice());
      m.put("marginUsed", p.marginUsed());
      positions.add(m);
    }
    a.put("positions", positions);
    a.put("openOrders", dev.rez.agent.ContextJson.orders(orders));
    return a;
  }

  static Map<String, Object> indicatorValues(Map<String, Double> values) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : values.entrySet()) m.put(e.getKey(), round(e.getValue()));
    return m;
  }

  /** A double as a number with 8 significant digits, null while an indicator warms up. */
  /**
   * {@code v} to {@link #SIG} significant digits, as its exact binary value rounds, or null when
   * not finite. Rounding {@code v}'s shortest decimal gives the same number unless that decimal's
   * dropped digits are exactly a half (no rounding boundary lies between a double and its shortest
   * decimal of a normal double, or the boundary would be the shorter decimal): only then, and for
   * subnormals, is the exact value expanded.
   */
  static BigDecimal round(double v) {
    if (!Double.isFinite(v)) return null;
    // A subnormal double has fewer digits than the rounding keeps: its shortest decimal is too
    // short.
    if (Math.abs(v) < Double.MIN_NORMAL) return new BigDecimal(v).round(SIG);
    BigDecimal shortest = BigDecimal.valueOf(v);
    if (!halfway(shortest)) return shortest.round(SIG);
    return new BigDecimal(v).round(SIG);
  }

  /** Whether rounding {@code d} to {@link #SIG} digits drops exactly a half. */
  private static boolean halfway(BigDecimal d) {
    if (d.precision() <= SIG.getPrecision()) return false;
    BigDecimal s = d.stripTrailingZeros();
    return s.precision() == SIG.getPrecision() + 1
        && s.unscaledValue().mod(BigInteger.TEN).intValue() == 5;
  }

  static Map<String, Object> summary(List<Candle> candles, int recent) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("bars", candles.size());
    if (candles.isEmpty()) return s;
    Candle first = candles.get(0);
    Candle last = candles.get(candles.size() - 1);
    double high = Double.NEGATIVE_INFINITY, low = Double.POSITIVE_INFINITY, volume = 0;
    for (Candle c : candles) {
      high = Math.max(high, c.high());
      low = Math.min(low, c.low());
      volume += c.volume();
    }
    s.put("from", first.openTime().toString());
    s.put("to", last.openTime().toString());
    s.put("open", round(first.open()));
    s.put("close", round(last.close()));
    s.put("high", round(high));
    s.put("low", round(low));
    s.put(
        "changePct",
        first.open() == 0
            ? null
            : round((last.close() / first.open() - 1) * 100).round(new MathContext(4)));
    s.put("volume", round(volume));
    s.put(
        "recent",
        ContextJson.candles(candles.subList(Math.max(0, candles.size() - recent), candles.size())));
    return s;
  }

  /** Configures a {@link ContextBuilder}. Not threadsafe. */
  public static final class Builder {
    private final MarketData marketData;
    private final Exchange exchange;
    private final RiskLimits limits;
    private Interval shortInterval = Interval.M5;
    private Interval longInterval = Interval.H4;
    private String indicators = Indicators.DEFAULT_SET;
    private int lookback = 200;
    private int recentBars = 6;
    private int memorySize = 10;
    private Clock clock = Clock.systemUTC();

    private Builder(MarketData marketData, Exchange exchange, RiskLimits limits) {
      this.marketData = Objects.requireNonNull(marketData, "marketData == null");
      this.exchange = Objects.requireNonNull(exchange, "exchange == null");
      this.limits = Objects.requireNonNull(limits, "limits == null");
    }

    /** The two intervals indicators and candle summaries are given on; default 5m and 4h. */
    public Builder intervals(Interval shortInterval, Interval longInterval) {
      this.shortInterval = Objects.requireNonNull(shortInterval, "shortInterval == null");
      this.longInterval = Objects.requireNonNull(longInterval, "longInterval == null");
      if (shortInterval == longInterval)
        throw new IllegalArgumentException(
            "the two intervals must differ but both were " + shortInterval);
      return this;
    }

    /**
     * The indicator spec list, default {@link #defaultIndicators()}.
     *
     * @throws IllegalArgumentException naming an unknown or malformed spec
     */
    public Builder indicators(String specList) {
      Indicators.parse(Objects.requireNonNull(specList, "indicators == null"));
      this.indicators = specList;
      return this;
    }

    /**
     * How many bars the candle summary covers, default 200 (10..5000). Indicators are computed over
     * more bars when they need them to warm up (their {@code warmUp()}, at most 2,000 bars); a
     * value still warming up is null and the interval's {@code warmingUp} names the bars it needs.
     */
    public Builder lookback(int bars) {
      if (bars < 10 || bars > 5000)
        throw new IllegalArgumentException("lookback must be in 10..5000 but was " + bars);
      this.lookback = bars;
      return this;
    }

    /** How many of the latest bars to list in full, default 6 (0..50). */
    public Builder recentBars(int bars) {
      if (bars < 0 || bars > 50)
        throw new IllegalArgumentException("recentBars must be in 0..50 but was " + bars);
      this.recentBars = bars;
      return this;
    }

    /** How many memory entries to give per asset, the latest ones, default 10 (0..100). */
    public Builder memorySize(int entries) {
      if (entries < 0 || entries > 100)
        throw new IllegalArgumentException("memorySize must be in 0..100 but was " + entries);
      this.memorySize = entries;
      return this;
    }

    /** The clock giving "now"; default the system UTC clock (a stepped clock in backtests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The configured builder. */
    public ContextBuilder build() {
      return new ContextBuilder(this);
    }
  }
}
