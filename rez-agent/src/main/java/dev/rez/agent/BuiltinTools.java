package dev.rez.agent;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.Candle;
import dev.rez.core.Interval;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderBook;
import dev.rez.core.Position;
import dev.rez.core.RiskVerdict;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;

/**
 * The tools every agent offers: read tools for market and account data, action tools that propose.
 * Internal.
 */
final class BuiltinTools {
  private BuiltinTools() {}

  private static final MathContext SIG = new MathContext(8);
  private static final int INDICATOR_LOOKBACK = 300;

  /** Read tools, then action tools. */
  public static List<Tool> all() {
    return List.of(
        FETCH_INDICATOR,
        GET_INDICATORS,
        GET_CANDLES,
        GET_ACCOUNT,
        GET_OPEN_ORDERS,
        GET_ORDER_BOOK,
        openTool(Side.BUY),
        openTool(Side.SELL),
        CLOSE_POSITION,
        MOVE_PROTECTION,
        HOLD);
  }

  /** Names of the tools that propose a decision. */
  public static final List<String> ACTION_TOOLS =
      List.of("open_long", "open_short", "close_position", "move_protection", "hold");

  private static final String ASSET =
      "\"asset\":{\"type\":\"string\",\"description\":\"the asset, by its name as listed in the context\"}";
  private static final String INTERVAL =
      "\"interval\":{\"type\":\"string\",\"enum\":[\"1m\",\"3m\",\"5m\",\"15m\",\"30m\",\"1h\",\"2h\",\"4h\",\"8h\",\"12h\",\"1d\"],\"description\":\"candle interval\"}";
  private static final String RATIONALE =
      "\"rationale\":{\"type\":\"string\",\"minLength\":1,\"description\":\"why, in one or two sentences\"}";

  /**
   * The JSON schema of a tool's arguments: an object with the given properties (comma-separated
   * JSON members), of which {@code required} must be present, and no others.
   */
  private static String schema(String properties, String... required) {
    StringJoiner names = new StringJoiner(",", "\"required\":[", "],");
    names.setEmptyValue("");
    for (String r : required) names.add("\"" + r + "\"");
    return "{\"type\":\"object\",\"properties\":{"
        + properties
        + "},"
        + names
        + "\"additionalProperties\":false}";
  }

  /** What a built-in tool does with the model's arguments. */
  @FunctionalInterface
  private interface Body {
    ToolResult execute(ToolArguments args, ToolContext ctx);
  }

  /** A built-in tool: its name, description and argument schema, and what it does. */
  private record Builtin(String name, String description, String parameters, Body body)
      implements Tool {
    @Override
    public ToolResult execute(ToolArguments args, ToolContext ctx) {
      return body.execute(args, ctx);
    }
  }

  static Asset knownAsset(ToolArguments args, ToolContext ctx) {
    Asset asset = args.asset("asset");
    ctx.markPrice(asset); // throws ToolException for an asset the venue does not know
    return asset;
  }

  private static Map<String, Object> indicators(ToolArguments args, ToolContext ctx, String specs) {
    Asset asset = knownAsset(args, ctx);
    Interval interval = args.interval("interval");
    Instant now = ctx.now();
    int bars;
    try {
      bars = Indicators.barsFor(specs, INDICATOR_LOOKBACK);
    } catch (IllegalArgumentException e) {
      throw new ToolException(e.getMessage());
    }
    List<Candle> candles =
        ctx.marketData()
            .candles(asset, interval, now.minus(interval.duration().multipliedBy(bars)), now);
    Map<String, Double> values = Indicators.latest(specs, candles);
    Map<String, Object> v = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : values.entrySet())
      v.put(
          e.getKey(),
          Double.isFinite(e.getValue()) ? new BigDecimal(e.getValue()).round(SIG) : null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("asset", asset.name());
    out.put("interval", interval.wire());
    out.put("bars", candles.size());
    if (!candles.isEmpty())
      out.put("close", new BigDecimal(candles.get(candles.size() - 1).close()).round(SIG));
    out.put("values", v);
    Map<String, Integer> warming = Indicators.warmingUp(specs, candles.size());
    if (!warming.isEmpty()) out.put("warmingUp", warming);
    return out;
  }

  /**
   * A tool that reports the latest values of the indicator specs given in argument {@code specs}.
   */
  private static Tool indicatorTool(
      String name, String description, String parameters, String specs) {
    return new Builtin(
        name,
        description,
        parameters,
        (args, ctx) -> ToolResult.of(indicators(args, ctx, args.string(specs))));
  }

  static final Tool FETCH_INDICATOR =
      indicatorTool(
          "fetch_indicator",
          "Latest value of one technical indicator for an asset on an interval. indicator is a spec such as rsi:14, ema:50, "
              + "sma:20, macd:12:26:9, atr:14, bb:20:2, stoch:14:3:3, adx:14, obv, vwap, roc:10 (a null value is still warming up: warmingUp names the bars it needs).",
          schema(
              ASSET
                  + ",\"indicator\":{\"type\":\"string\",\"description\":\"e.g. rsi:14\"},"
                  + INTERVAL,
              "asset",
              "indicator",
              "interval"),
          "indicator");

  static final Tool GET_INDICATORS =
      indicatorTool(
          "get_indicators",
          "Latest values of several indicators for an asset on an interval, from a comma-separated spec list such as "
              + "rsi:14,macd:12:26:9,ema:20,atr:14,bb:20:2.",
          schema(
              ASSET
                  + ","
                  + INTERVAL
                  + ",\"indicators\":{\"type\":\"string\",\"description\":\"comma-separated specs\"}",
              "asset",
              "interval",
              "indicators"),
          "indicators");

  static final Tool GET_CANDLES =
      new Builtin(
          "get_candles",
          "Recent OHLCV candles of an asset, oldest first: rows of the columns [time, open, high, low, close, volume], time in epoch milliseconds.",
          schema(
              ASSET
                  + ","
                  + INTERVAL
                  + ",\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":200,\"description\":\"how many candles, default 20\"}",
              "asset",
              "interval"),
          (args, ctx) -> {
            Asset asset = knownAsset(args, ctx);
            Interval interval = args.interval("interval");
            int limit = args.integer("limit").orElse(20);
            Instant now = ctx.now();
            List<Candle> candles =
                ctx.marketData()
                    .candles(
                        asset, interval, now.minus(interval.duration().multipliedBy(limit)), now);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("asset", asset.name());
            out.put("interval", interval.wire());
            out.putAll(
                ContextJson.candles(
                    candles.subList(Math.max(0, candles.size() - limit), candles.size())));
            return ToolResult.of(out);
          });

  static final Tool GET_ACCOUNT =
      new Builtin(
          "get_account",
          "The account: equity, margin used, withdrawable, unrealised PnL and open positions.",
          schema(""),
          (args, ctx) -> {
            AccountState a = ctx.account();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("equity", a.equity());
            out.put("marginUsed", a.marginUsed());
            out.put("withdrawable", a.withdrawable());
            out.put("unrealizedPnl", a.unrealizedPnl());
            List<Object> positions = new ArrayList<>();
            for (Position p : a.positions()) {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("asset", p.asset().name());
              m.put("side", p.isLong() ? "long" : "short");
              m.put("size", p.absSize());
              m.put("entryPrice", p.entryPrice());
              m.put("unrealizedPnl", p.unrealizedPnl());
              m.put("leverage", p.leverage());
              m.put("liquidationPrice", p.liquidationPrice());
              positions.add(m);
            }
            out.put("positions", positions);
            return ToolResult.of(out);
          });

  static final Tool GET_OPEN_ORDERS =
      new Builtin(
          "get_open_orders",
          "Resting orders (limit, take-profit, stop-loss), optionally for one asset.",
          schema(ASSET),
          (args, ctx) -> {
            Asset only = args.has("asset") ? args.asset("asset") : null;
            List<OpenOrder> orders = new ArrayList<>();
            for (OpenOrder o : ctx.openOrders())
              if (only == null || o.asset().equals(only)) orders.add(o);
            return ToolResult.of(Json.obj("orders", dev.rez.agent.ContextJson.orders(orders)));
          });

  static final Tool GET_ORDER_BOOK =
      new Builtin(
          "get_order_book",
          "Top levels of an asset's order book: bids and asks as [price, size, orders], best first, with the spread.",
          schema(
              ASSET
                  + ",\"depth\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":20,\"description\":\"levels per side, default 5\"}",
              "asset"),
          (args, ctx) -> {
            Asset asset = knownAsset(args, ctx);
            int depth = args.integer("depth").orElse(5);
            OrderBook book = ctx.marketData().orderBook(asset, depth);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("asset", asset.name());
            out.put("bids", levels(book.bids(), depth));
            out.put("asks", levels(book.asks(), depth));
            if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
              out.put("spread", book.asks().get(0).price().subtract(book.bids().get(0).price()));
            }
            return ToolResult.of(out);
          });

  private static List<Object> levels(List<OrderBook.Level> levels, int depth) {
    List<Object> out = new ArrayList<>();
    for (OrderBook.Level l : levels.subList(0, Math.min(depth, levels.size())))
      out.add(List.of(l.price(), l.size(), l.orders()));
    return out;
  }

  /**
   * Turns a verdict into what the model reads: acceptance with any adjustment, or the rejection's
   * reasons.
   */
  static ToolResult verdictResult(String tool, RiskVerdict v) {
    if (!v.allowed()) {
      StringBuilder sb =
          new StringBuilder("the risk policy rejected ")
              .append(tool)
              .append(' ')
              .append(v.decision().asset())
              .append(": ");
      for (int i = 0; i < v.reasons().size(); i++) {
        RiskVerdict.Reason r = v.reasons().get(i);
        sb.append(i == 0 ? "" : "; ").append('[').append(r.code()).append("] ").append(r.message());
      }
      sb.append(". Correct the proposal and call again, or hold.");
      return ToolResult.error(sb.toString());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "accepted");
    out.put("outcome", v.outcome());
    TradeDecision d = v.decision();
    Map<String, Object> dm = new LinkedHashMap<>();
    dm.put("asset", d.asset().name());
    dm.put("action", d.action());
    if (d.notionalUsd() != null) dm.put("notionalUsd", d.notionalUsd());
    if (d.leverage() != 0) dm.put("leverage", d.leverage());
    if (d.takeProfit() != null) dm.put("takeProfit", d.takeProfit());
    if (d.stopLoss() != null) dm.put("stopLoss", d.stopLoss());
    out.put("decision", dm);
    List<Object> reasons = new ArrayList<>();
    for (RiskVerdict.Reason r : v.reasons()) reasons.add(r.code() + ": " + r.message());
    out.put("adjustments", reasons);
    return ToolResult.of(out);
  }

  static TradeDecision decision(java.util.function.Supplier<TradeDecision> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new ToolException(e.getMessage());
    }
  }

  /** The tool that proposes opening a long ({@link Side#BUY}) or a short ({@link Side#SELL}). */
  private static Tool openTool(Side side) {
    boolean isLong = side == Side.BUY;
    String name = isLong ? "open_long" : "open_short";
    return new Builtin(
        name,
        "Propose opening a "
            + (isLong ? "long" : "short")
            + " position with a take-profit and a stop-loss. Give the size either in "
            + "coin (size) or as USD notional (size_usd), not both. The risk policy checks it: the result says whether it was accepted "
            + "(possibly clipped) or why it was rejected.",
        schema(
            ASSET
                + ",\"size\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"size in the asset's own unit (coins), e.g. 0.01\"}"
                + ",\"size_usd\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"size as USD notional (size x price)\"}"
                + ",\"leverage\":{\"type\":\"integer\",\"minimum\":1,\"description\":\"leverage, within the risk profile's range\"}"
                + ",\"take_profit\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"take-profit trigger price\"}"
                + ",\"stop_loss\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"stop-loss trigger price\"}"
                + ","
                + RATIONALE,
            "asset",
            "leverage",
            "take_profit",
            "stop_loss",
            "rationale"),
        (args, ctx) -> open(name, side, args, ctx));
  }

  /**
   * Proposes the open that {@code args} describe: the size in coin or as USD notional, the leverage
   * and the protection.
   */
  private static ToolResult open(String name, Side side, ToolArguments args, ToolContext ctx) {
    Asset asset = knownAsset(args, ctx);
    boolean coin = args.has("size");
    boolean usd = args.has("size_usd");
    if (coin == usd)
      throw new ToolException("give exactly one of 'size' (coin) or 'size_usd' (USD notional)");
    BigDecimal notional =
        usd
            ? args.decimal("size_usd")
            : args.decimal("size")
                .multiply(ctx.markPrice(asset))
                .setScale(2, RoundingMode.HALF_EVEN);
    if (notional.signum() <= 0)
      throw new ToolException("the size is worth less than a cent at the current price");
    int leverage = args.integer("leverage").orElseThrow();
    BigDecimal tp = args.decimal("take_profit");
    BigDecimal sl = args.decimal("stop_loss");
    String rationale = args.string("rationale");
    TradeDecision d =
        decision(() -> TradeDecision.open(side, asset, notional, leverage, tp, sl, rationale));
    return verdictResult(name, ctx.propose(d));
  }

  /**
   * An action tool whose only arguments are an asset, found by {@code asset}, and a rationale: it
   * proposes the decision {@code decide} makes of them.
   */
  private static Tool assetAction(
      String name,
      String description,
      BiFunction<ToolArguments, ToolContext, Asset> asset,
      BiFunction<Asset, String, TradeDecision> decide) {
    return new Builtin(
        name,
        description,
        schema(ASSET + "," + RATIONALE, "asset", "rationale"),
        (args, ctx) -> {
          Asset a = asset.apply(args, ctx);
          return verdictResult(
              name, ctx.propose(decision(() -> decide.apply(a, args.string("rationale")))));
        });
  }

  static final Tool CLOSE_POSITION =
      assetAction(
          "close_position",
          "Propose closing the whole open position in an asset.",
          BuiltinTools::knownAsset,
          TradeDecision::close);

  static final Tool MOVE_PROTECTION =
      new Builtin(
          "move_protection",
          "Propose moving the take-profit and/or stop-loss of the open position in an asset (omit one to keep it).",
          schema(
              ASSET
                  + ",\"take_profit\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"new take-profit trigger price\"}"
                  + ",\"stop_loss\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"description\":\"new stop-loss trigger price\"}"
                  + ","
                  + RATIONALE,
              "asset",
              "rationale"),
          (args, ctx) -> {
            Asset asset = knownAsset(args, ctx);
            BigDecimal tp = args.optionalDecimal("take_profit").orElse(null);
            BigDecimal sl = args.optionalDecimal("stop_loss").orElse(null);
            if (tp == null && sl == null)
              throw new ToolException("give take_profit, stop_loss or both");
            return verdictResult(
                "move_protection",
                ctx.propose(
                    decision(
                        () ->
                            TradeDecision.adjustProtection(
                                asset, tp, sl, args.string("rationale")))));
          });

  static final Tool HOLD =
      assetAction(
          "hold",
          "Decide to do nothing with an asset this cycle.",
          (args, ctx) -> args.asset("asset"),
          TradeDecision::hold);
}
