package dev.rez.agent;

import static dev.rez.agent.CsvMarket.BTC;
import static dev.rez.agent.CsvMarket.ETH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.RiskProfile;
import dev.rez.core.Side;
import dev.rez.core.TriggerKind;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.json.Json;
import dev.rez.testkit.FakeExchange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
  final CsvMarket market = new CsvMarket(CsvMarket.at(Duration.ofHours(80)));
  final FakeExchange exchange = FakeExchange.readOnly();

  ContextBuilder.Builder builder() {
    return ContextBuilder.builder(market, exchange, RiskProfile.HIGH.limits())
        .intervals(Interval.M5, Interval.H1)
        .clock(market.clock);
  }

  @Test
  @SuppressWarnings("unchecked")
  void payloadCarriesMarketAccountRiskAndMemory() {
    exchange.putPosition(
        new Position(
            BTC,
            new BigDecimal("-0.3"),
            new BigDecimal("900"),
            new BigDecimal("-12.5"),
            10,
            new BigDecimal("980"),
            new BigDecimal("27")));
    exchange.putOrder(
        new OpenOrder(
            BTC,
            Side.BUY,
            new BigDecimal("0.3"),
            new BigDecimal("950"),
            77,
            ClientOrderId.derive("sl"),
            true,
            TriggerKind.STOP_LOSS,
            new BigDecimal("940"),
            Instant.EPOCH));
    List<MemoryEntry> memory = new ArrayList<>();
    for (int i = 0; i < 15; i++)
      memory.add(new MemoryEntry(Instant.EPOCH.plusSeconds(i), BTC, "hold", "reason " + i, ""));
    ContextPayload p = builder().memorySize(3).build().build(List.of(BTC, ETH), memory);

    assertThat(p.schema()).isEqualTo("rez.context/1");
    assertThat(p.assets()).containsExactly(BTC, ETH);
    Map<String, Object> root = Json.parseObject(p.json());
    assertThat(root.keySet())
        .containsExactly("schema", "time", "risk", "assets", "account", "memory");
    assertThat(root.get("time")).isEqualTo(market.clock.instant().toString());
    Map<String, Object> risk = (Map<String, Object>) root.get("risk");
    assertThat(risk.get("profile")).isEqualTo("high");
    assertThat(((BigDecimal) risk.get("minConfirmingSignals")).intValue()).isEqualTo(1);

    List<Map<String, Object>> assets = (List<Map<String, Object>>) root.get("assets");
    Map<String, Object> btc = assets.get(0);
    assertThat((BigDecimal) btc.get("markPrice")).isEqualByComparingTo(market.price(BTC));
    assertThat(btc.get("fundingRate")).isEqualTo(new BigDecimal("0.0000125"));
    Map<String, Object> intervals = (Map<String, Object>) btc.get("intervals");
    assertThat(intervals.keySet()).containsExactly("5m", "1h");
    Map<String, Object> h1 = (Map<String, Object>) intervals.get("1h");
    Map<String, Object> ind = (Map<String, Object>) h1.get("indicators");
    assertThat(ind.keySet())
        .contains(
            "ema:12", "ema:26", "ema:50", "rsi:14", "macd:12:26:9.hist", "atr:14", "bb:20:2.upper");
    // 80 hourly bars do not warm RSI 14 up (it needs 202); on 5m it is the registry's last value
    // over the
    // candles, rounded to 8 significant digits.
    assertThat(ind.get("rsi:14")).isNull();
    assertThat((Map<String, Object>) h1.get("warmingUp"))
        .containsEntry("rsi:14", new BigDecimal("202"));
    List<Candle> fives =
        market.candles(
            BTC,
            Interval.M5,
            market.clock.instant().minus(Duration.ofHours(200)),
            market.clock.instant());
    double[] rsi = IndicatorRegistry.parse("rsi:14").compute(fives).get("rsi");
    Map<String, Object> m5 =
        (Map<String, Object>) ((Map<String, Object>) intervals.get("5m")).get("indicators");
    assertThat(((BigDecimal) m5.get("rsi:14")).doubleValue())
        .isCloseTo(rsi[rsi.length - 1], org.assertj.core.data.Offset.offset(1e-5));
    List<Candle> candles =
        market.candles(
            BTC,
            Interval.H1,
            market.clock.instant().minus(Duration.ofHours(200)),
            market.clock.instant());
    Map<String, Object> summary = (Map<String, Object>) h1.get("candles");
    assertThat(((BigDecimal) summary.get("bars")).intValue()).isEqualTo(candles.size());
    List<Object> rows = (List<Object>) ((Map<String, Object>) summary.get("recent")).get("rows");
    assertThat(rows).hasSize(6);
    assertThat(((BigDecimal) ((List<Object>) rows.get(5)).get(4)).doubleValue())
        .isEqualTo(candles.get(candles.size() - 1).close());

    Map<String, Object> account = (Map<String, Object>) root.get("account");
    assertThat(account.get("equity")).isEqualTo(new BigDecimal("10000"));
    Map<String, Object> position = ((List<Map<String, Object>>) account.get("positions")).get(0);
    assertThat(position)
        .containsEntry("side", "short")
        .containsEntry("size", new BigDecimal("0.3"));
    Map<String, Object> order = ((List<Map<String, Object>>) account.get("openOrders")).get(0);
    assertThat(order)
        .containsEntry("kind", "stop-loss")
        .containsEntry("triggerPrice", new BigDecimal("940"));

    List<Map<String, Object>> mem = (List<Map<String, Object>>) root.get("memory");
    assertThat(mem)
        .extracting(m -> m.get("rationale"))
        .containsExactly("reason 12", "reason 13", "reason 14");
  }

  @Test
  @SuppressWarnings("unchecked")
  void memoryKeepsTheLatestEntriesOfEachAssetWithTheirTradeOutcome() {
    List<MemoryEntry> memory = new ArrayList<>();
    for (int i = 0; i < 6; i++)
      memory.add(new MemoryEntry(Instant.EPOCH.plusSeconds(i), BTC, "open_long", "btc " + i, ""));
    TradeOutcome loss =
        new TradeOutcome(
            TradeOutcome.Status.CLOSED,
            "stop-loss",
            new BigDecimal("-8.20"),
            new BigDecimal("1.30"),
            Duration.ofMinutes(14));
    memory.add(
        1,
        new MemoryEntry(
            Instant.EPOCH.plusSeconds(1), ETH, "open_short", "eth", loss.describe(), loss));
    ContextPayload p = builder().memorySize(2).build().build(List.of(BTC, ETH), memory);
    List<Map<String, Object>> mem =
        (List<Map<String, Object>>) Json.parseObject(p.json()).get("memory");
    // The ETH loss is older than four BTC decisions, yet kept: the limit is per asset.
    assertThat(mem).extracting(m -> m.get("rationale")).containsExactly("eth", "btc 4", "btc 5");
    assertThat(mem.get(0).get("outcome"))
        .isEqualTo("closed by stop-loss after 14 min: net -9.50 USD (PnL -8.20, fees 1.3), a loss");
    assertThat((Map<String, Object>) mem.get(0).get("trade"))
        .containsEntry("status", "closed")
        .containsEntry("exit", "stop-loss");
    assertThat((BigDecimal) ((Map<String, Object>) mem.get(0).get("trade")).get("netPnl"))
        .isEqualByComparingTo("-9.50");
    assertThat((BigDecimal) ((Map<String, Object>) mem.get(0).get("trade")).get("holdingMinutes"))
        .isEqualByComparingTo("14");
    assertThat(mem.get(1)).doesNotContainKey("trade");
  }

  @Test
  @SuppressWarnings("unchecked")
  void indicatorValuesAreWarmedUpAndEqualThoseOverTwoThousandBars() {
    ContextPayload p =
        ContextBuilder.builder(market, exchange, RiskProfile.HIGH.limits())
            .intervals(Interval.M1, Interval.M5)
            .clock(market.clock)
            .build()
            .build(List.of(BTC), List.of());
    Map<String, Object> m1 =
        (Map<String, Object>)
            ((Map<String, Object>)
                ((Map<String, Object>)
                        ((List<Map<String, Object>>) Json.parseObject(p.json()).get("assets"))
                            .get(0)
                            .get("intervals"))
                    .get("1m"));
    Map<String, Object> values = (Map<String, Object>) m1.get("indicators");
    assertThat(m1).doesNotContainKey("warmingUp");
    assertThat(((Map<String, Object>) m1.get("candles")).get("bars"))
        .isEqualTo(new BigDecimal("200"));

    Instant now = market.clock.instant();
    List<Candle> longHistory =
        market.candles(BTC, Interval.M1, now.minus(Duration.ofMinutes(2000)), now);
    assertThat(longHistory).hasSize(2000);
    int compared = 0;
    for (String raw : ContextBuilder.defaultIndicators().split(",")) {
      var spec = IndicatorRegistry.parse(raw);
      for (Map.Entry<String, double[]> e : spec.compute(longHistory).entrySet()) {
        String key = spec.outputs().size() == 1 ? spec.spec() : spec.spec() + "." + e.getKey();
        double converged = e.getValue()[e.getValue().length - 1];
        BigDecimal value = (BigDecimal) values.get(key);
        assertThat(value).as(key).isNotNull();
        // Within 1e-6 of the converged value, beyond the context's rounding to 8 significant
        // digits.
        assertThat(value.doubleValue())
            .as(key)
            .isCloseTo(
                converged, org.assertj.core.data.Offset.offset(1e-6 + Math.abs(converged) * 1e-8));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(values.size());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anIndicatorWithoutEnoughHistoryIsNullAndSaysHowManyBarsItNeeds() {
    market.clock.set(CsvMarket.at(Duration.ofMinutes(300)));
    ContextPayload p =
        ContextBuilder.builder(market, exchange, RiskProfile.HIGH.limits())
            .intervals(Interval.M1, Interval.M5)
            .clock(market.clock)
            .build()
            .build(List.of(BTC), List.of());
    Map<String, Object> m1 =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((List<Map<String, Object>>) Json.parseObject(p.json()).get("assets"))
                        .get(0)
                        .get("intervals"))
                .get("1m");
    Map<String, Object> values = (Map<String, Object>) m1.get("indicators");
    assertThat(values.get("ema:50")).isNull();
    assertThat(values.get("ema:12")).isNotNull();
    assertThat((Map<String, Object>) m1.get("warmingUp"))
        .containsEntry("ema:50", new BigDecimal(IndicatorRegistry.parse("ema:50").warmUp()))
        .doesNotContainKey("ema:12");
  }

  @Test
  void warmingUpIndicatorsAreNull() {
    market.clock.set(CsvMarket.at(Duration.ofHours(10)));
    ContextPayload p = builder().build().build(List.of(BTC), List.of());
    assertThat(p.json()).contains("\"1h\":{\"indicators\":{\"ema:12\":null");
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> builder().build().build(List.of(Asset.of("DOGE")), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().indicators("rsi:14,wat:3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown indicator 'wat'");
    assertThatThrownBy(() -> builder().intervals(Interval.H1, Interval.H1))
        .hasMessage("the two intervals must differ but both were 1h");
    assertThatThrownBy(() -> builder().lookback(5))
        .hasMessage("lookback must be in 10..5000 but was 5");
    assertThatThrownBy(() -> new ContextPayload("x", Instant.EPOCH, List.of(BTC, BTC), "{}"))
        .hasMessageContaining("must not repeat");
    assertThatThrownBy(() -> new ContextPayload("x", Instant.EPOCH, List.of(BTC), "[]"))
        .hasMessageContaining("json must be a JSON object");
  }

  /** The fast rounding gives exactly what rounding the double's exact binary value gives. */
  @Test
  void roundingMatchesTheExactBinaryValue() {
    java.util.Random random = new java.util.Random(7);
    java.util.List<Double> values = new java.util.ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(24) - 12);
      values.add((random.nextDouble() - 0.3) * magnitude);
      // Prices and volumes as the exchange has them: few decimals, often ending in 5.
      values.add(random.nextInt(10_000_000) / Math.pow(10, random.nextInt(9)));
      values.add((random.nextInt(1_000_000_000) * 10L + 5) / Math.pow(10, 1 + random.nextInt(12)));
    }
    values.addAll(
        java.util.List.of(
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5e-7,
            815.123455,
            1.00000005,
            123456785.0,
            99999999.5,
            0.999999995,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -815.123455));
    java.math.MathContext sig = new java.math.MathContext(8);
    for (double v : values) {
      BigDecimal exact = new BigDecimal(v).round(sig);
      assertThat(ContextBuilder.round(v)).as("%s", v).isEqualByComparingTo(exact);
    }
    assertThat(ContextBuilder.round(Double.NaN)).isNull();
  }
}
