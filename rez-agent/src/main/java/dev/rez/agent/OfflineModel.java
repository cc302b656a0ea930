package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deterministic rule-based chat model for demos, backtests and tests. It reads the {@code
 * rez.context/1} payload from the conversation, asks for fresh indicators through the tools, then
 * decides per asset on EMA 12/26, RSI 14 and MACD histogram confluence filtered by the long
 * interval's EMA 50, with an ATR-based stop-loss and a take-profit that respects the profile's
 * reward-to-risk, and acts through the action tools. Without tools it answers in the JSON decision
 * format. Same messages in, same answer out. Internal.
 */
final class OfflineModel implements ChatModel {
  static final String NAME = "rez-offline-1";
  private static final MathContext SIG = new MathContext(6);
  private static final String SHORT_SET = "ema:12,ema:26,rsi:14,macd:12:26:9,atr:14";

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    boolean tools = request.toolSpecifications() != null && !request.toolSpecifications().isEmpty();
    Map<String, Object> context = context(messages);
    AiMessage answer;
    if (context == null) {
      answer =
          AiMessage.from(
              "I can only decide on a rez.context/1 payload, and none was given. {\"decisions\": []}");
    } else if (!tools) {
      answer = AiMessage.from(jsonAnswer(context, Map.of()));
    } else {
      answer = withTools(context, messages);
    }
    int in = 0;
    for (ChatMessage m : messages) in += length(m);
    int out = (answer.text() == null ? 0 : answer.text().length());
    if (answer.hasToolExecutionRequests())
      for (ToolExecutionRequest r : answer.toolExecutionRequests())
        out += r.name().length() + r.arguments().length();
    return ChatResponse.builder()
        .aiMessage(answer)
        .modelName(NAME)
        .tokenUsage(new TokenUsage(in / 4 + 1, out / 4 + 1))
        .finishReason(
            answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
        .build();
  }

  private static int length(ChatMessage m) {
    return switch (m) {
      case SystemMessage s -> s.text().length();
      case UserMessage u -> u.hasSingleText() ? u.singleText().length() : 0;
      case AiMessage a -> (a.text() == null ? 0 : a.text().length());
      case ToolExecutionResultMessage t -> t.text() == null ? 0 : t.text().length();
      default -> 0;
    };
  }

  /** A context message's text and its parsed payload (read, never changed). */
  private record Parsed(String text, Map<String, Object> root) {}

  /** The context parsed last: every turn of one decision carries the same context message. */
  private volatile Parsed lastContext;

  private Map<String, Object> context(List<ChatMessage> messages) {
    for (ChatMessage m : messages) {
      if (m instanceof UserMessage u && u.hasSingleText()) {
        String t = u.singleText();
        Parsed seen = lastContext;
        if (seen != null && seen.text().equals(t)) return seen.root();
        int first = t.indexOf('{');
        int last = t.lastIndexOf('}');
        if (first < 0 || last < first) continue;
        try {
          Map<String, Object> root = Json.parseObject(t.substring(first, last + 1));
          if (String.valueOf(root.get("schema")).startsWith("rez.context/")) {
            lastContext = new Parsed(t, root);
            return root;
          }
        } catch (IllegalArgumentException ignored) {
          // not the context message
        }
      }
    }
    return null;
  }

  private AiMessage withTools(Map<String, Object> context, List<ChatMessage> messages) {
    List<Map<String, Object>> assets = assets(context);
    Map<String, Map<String, Object>> indicatorResults = new LinkedHashMap<>();
    Map<String, String> actionResults = new LinkedHashMap<>();
    boolean askedIndicators = false;
    for (ChatMessage m : messages) {
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests())
          if (r.name().equals("get_indicators") || r.name().equals("fetch_indicator"))
            askedIndicators = true;
      }
      if (m instanceof ToolExecutionResultMessage t) {
        String name = t.toolName();
        if (name.equals("get_indicators") || name.equals("fetch_indicator")) {
          try {
            Map<String, Object> r = Json.parseObject(t.text());
            indicatorResults.put(r.get("asset") + "@" + r.get("interval") + "#" + name, r);
          } catch (IllegalArgumentException ignored) {
            // an error result: decide on the context's values
          }
        } else if (BuiltinTools.ACTION_TOOLS.contains(name)) {
          actionResults.put(t.id(), t.text());
        }
      }
    }
    if (!askedIndicators) {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      StringBuilder text =
          new StringBuilder(
              "Reading the context. Before deciding I refresh the short-interval trend, momentum and volatility "
                  + "indicators and the long-interval EMA 50 for ");
      for (int i = 0; i < assets.size(); i++) {
        String asset = String.valueOf(assets.get(i).get("asset"));
        text.append(i == 0 ? "" : ", ").append(asset);
        calls.add(
            call(
                "get_indicators",
                Json.obj(
                    "asset",
                    asset,
                    "interval",
                    shortInterval(assets.get(i)),
                    "indicators",
                    SHORT_SET)));
        calls.add(
            call(
                "fetch_indicator",
                Json.obj(
                    "asset",
                    asset,
                    "indicator",
                    "ema:50",
                    "interval",
                    longInterval(assets.get(i)))));
      }
      return AiMessage.from(text.append('.').toString(), number(calls));
    }
    if (actionResults.isEmpty()) {
      List<Plan> plans = new ArrayList<>();
      for (Map<String, Object> a : assets) plans.add(plan(context, a, indicatorResults));
      StringBuilder text = new StringBuilder();
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (Plan p : plans) {
        text.append(text.isEmpty() ? "" : "\n").append(p.reasoning);
        calls.add(call(p.tool, p.arguments));
      }
      return AiMessage.from(text.toString(), number(calls));
    }
    // After the action tools answered: hold where the risk policy refused, otherwise summarise.
    List<ToolExecutionRequest> holds = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (ChatMessage m : messages) {
      if (m instanceof ToolExecutionResultMessage t
          && BuiltinTools.ACTION_TOOLS.contains(t.toolName())
          && t.text().startsWith("ERROR:")
          && !t.toolName().equals("hold")) {
        String asset = assetOfCall(messages, t.id());
        if (asset != null && !heldAfter(messages, asset)) {
          text.append(text.isEmpty() ? "" : "\n")
              .append(asset)
              .append(": my proposal was refused, so I hold. ")
              .append(t.text().substring(6).strip());
          holds.add(
              call(
                  "hold",
                  Json.obj(
                      "asset",
                      asset,
                      "rationale",
                      "the risk policy refused the proposal: "
                          + abbreviate(t.text().substring(6).strip()))));
        }
      }
    }
    if (!holds.isEmpty()) return AiMessage.from(text.toString(), number(holds));
    return AiMessage.from("Decisions recorded for every asset.");
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }

  private static String assetOfCall(List<ChatMessage> messages, String id) {
    for (ChatMessage m : messages) {
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
          if (id.equals(r.id())) {
            try {
              return String.valueOf(Json.parseObject(r.arguments()).get("asset"));
            } catch (IllegalArgumentException e) {
              return null;
            }
          }
        }
      }
    }
    return null;
  }

  private static boolean heldAfter(List<ChatMessage> messages, String asset) {
    for (ChatMessage m : messages) {
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
          if (r.name().equals("hold") && r.arguments().contains("\"" + asset + "\"")) return true;
        }
      }
    }
    return false;
  }

  private static ToolExecutionRequest call(String name, Map<String, Object> args) {
    return ToolExecutionRequest.builder().name(name).arguments(Json.write(args)).build();
  }

  /** Gives the calls deterministic ids. */
  private static List<ToolExecutionRequest> number(List<ToolExecutionRequest> calls) {
    List<ToolExecutionRequest> out = new ArrayList<>();
    for (ToolExecutionRequest r : calls) {
      String id = "offline-" + Integer.toHexString((r.name() + r.arguments()).hashCode());
      out.add(r.toBuilder().id(id).build());
    }
    return out;
  }

  private String jsonAnswer(Map<String, Object> context, Map<String, Map<String, Object>> results) {
    StringBuilder reasoning = new StringBuilder();
    List<Object> decisions = new ArrayList<>();
    for (Map<String, Object> a : assets(context)) {
      Plan p = plan(context, a, results);
      reasoning.append(reasoning.isEmpty() ? "" : " ").append(p.reasoning);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("asset", a.get("asset"));
      d.put("action", p.tool.equals("close_position") ? "close_position" : p.tool);
      for (Map.Entry<String, Object> e : p.arguments.entrySet())
        if (!e.getKey().equals("asset")) d.put(e.getKey(), e.getValue());
      decisions.add(d);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("reasoning", reasoning.toString());
    root.put("decisions", decisions);
    return Json.write(root);
  }

  private record Plan(String tool, Map<String, Object> arguments, String reasoning) {}

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> assets(Map<String, Object> context) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (context.get("assets") instanceof List<?> l)
      for (Object o : l) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String shortInterval(Map<String, Object> asset) {
    List<String> keys = new ArrayList<>(map(asset.get("intervals")).keySet());
    return keys.isEmpty() ? "5m" : keys.get(0);
  }

  private static String longInterval(Map<String, Object> asset) {
    List<String> keys = new ArrayList<>(map(asset.get("intervals")).keySet());
    return keys.size() < 2 ? "4h" : keys.get(1);
  }

  private static double num(Object o) {
    if (o instanceof BigDecimal b) return b.doubleValue();
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /**
   * The value of {@code key} from the tool result if there is one, else from the context's
   * indicators.
   */
  private static double value(
      Map<String, Object> toolResult, Map<String, Object> contextIndicators, String key) {
    double v = num(map(toolResult.get("values")).get(key));
    return Double.isNaN(v) ? num(contextIndicators.get(key)) : v;
  }

  private static Plan plan(
      Map<String, Object> context,
      Map<String, Object> a,
      Map<String, Map<String, Object>> results) {
    String asset = String.valueOf(a.get("asset"));
    String shortIv = shortInterval(a);
    String longIv = longInterval(a);
    Map<String, Object> shortCtx = map(map(map(a.get("intervals")).get(shortIv)).get("indicators"));
    Map<String, Object> longBlock = map(map(a.get("intervals")).get(longIv));
    Map<String, Object> fresh =
        results.getOrDefault(asset + "@" + shortIv + "#get_indicators", Map.of());
    Map<String, Object> freshLong =
        results.getOrDefault(asset + "@" + longIv + "#fetch_indicator", Map.of());
    double price = num(a.get("markPrice"));
    double ema12 = value(fresh, shortCtx, "ema:12");
    double ema26 = value(fresh, shortCtx, "ema:26");
    double rsi = value(fresh, shortCtx, "rsi:14");
    double hist = value(fresh, shortCtx, "macd:12:26:9.hist");
    double atr = value(fresh, shortCtx, "atr:14");
    double ema50Long = value(freshLong, map(longBlock.get("indicators")), "ema:50");
    double closeLong = num(freshLong.get("close"));
    if (Double.isNaN(closeLong)) closeLong = num(map(longBlock.get("candles")).get("close"));

    Map<String, Object> risk = map(context.get("risk"));
    int required =
        Math.min(3, Math.max(1, (int) orDefault(num(risk.get("minConfirmingSignals")), 2)));
    int bull = 0, bear = 0;
    if (ema12 > ema26) bull++;
    if (ema12 < ema26) bear++;
    if (rsi > 50 && rsi < 70) bull++;
    if (rsi < 50 && rsi > 30) bear++;
    if (hist > 0) bull++;
    if (hist < 0) bear++;
    String trend =
        Double.isNaN(ema50Long) || Double.isNaN(closeLong)
            ? "flat"
            : closeLong > ema50Long ? "up" : closeLong < ema50Long ? "down" : "flat";

    StringBuilder why =
        new StringBuilder(asset)
            .append(' ')
            .append(shortIv)
            .append(": EMA12 ")
            .append(fmt(ema12))
            .append(ema12 > ema26 ? " > " : ema12 < ema26 ? " < " : " = ")
            .append("EMA26 ")
            .append(fmt(ema26))
            .append(", RSI14 ")
            .append(fmt(rsi))
            .append(", MACD hist ")
            .append(fmt(hist))
            .append(" → ")
            .append(bull)
            .append("/3 bullish, ")
            .append(bear)
            .append("/3 bearish (need ")
            .append(required)
            .append("); ")
            .append(longIv)
            .append(" trend ")
            .append(trend)
            .append(" (close ")
            .append(fmt(closeLong))
            .append(" vs EMA50 ")
            .append(fmt(ema50Long))
            .append(").");

    Map<String, Object> position = null;
    for (Object o : asList(map(context.get("account")).get("positions"))) {
      if (asset.equals(map(o).get("asset"))) position = map(o);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("asset", asset);
    if (position != null) {
      boolean isLong = "long".equals(position.get("side"));
      boolean against =
          isLong
              ? bear >= required && bear > bull && !trend.equals("up")
              : bull >= required && bull > bear && !trend.equals("down");
      if (against) {
        args.put(
            "rationale",
            "signals turned against the "
                + (isLong ? "long" : "short")
                + ": "
                + bear
                + "/3 bearish, "
                + bull
                + "/3 bullish");
        return new Plan(
            "close_position",
            args,
            why
                + " The open "
                + (isLong ? "long" : "short")
                + " is now against the signals: close it.");
      }
      double entry = num(position.get("entryPrice"));
      double stop = Double.NaN;
      for (Object o : asList(map(context.get("account")).get("openOrders"))) {
        Map<String, Object> order = map(o);
        if (asset.equals(order.get("asset")) && "stop-loss".equals(order.get("kind")))
          stop = num(order.get("triggerPrice"));
      }
      double gain = isLong ? price - entry : entry - price;
      boolean stopBehindEntry = Double.isNaN(stop) || (isLong ? stop < entry : stop > entry);
      if (atr > 0 && gain > 1.5 * atr && stopBehindEntry) {
        // Lock in the trade: move the stop just past the entry once price ran 1.5 ATR in our
        // favour.
        double newStop = isLong ? entry + 0.1 * atr : entry - 0.1 * atr;
        args.put("stop_loss", new BigDecimal(newStop).round(SIG));
        args.put(
            "rationale",
            "price ran "
                + fmt(gain / atr)
                + " ATR in favour of the "
                + (isLong ? "long" : "short")
                + "; stop to breakeven");
        return new Plan(
            "move_protection",
            args,
            why
                + " The "
                + (isLong ? "long" : "short")
                + " from "
                + fmt(entry)
                + " is "
                + fmt(gain / atr)
                + " ATR in profit and its stop "
                + (Double.isNaN(stop) ? "is missing" : fmt(stop) + " is behind the entry")
                + ": move it to "
                + fmt(newStop)
                + ".");
      }
      args.put(
          "rationale",
          "the "
              + (isLong ? "long" : "short")
              + " position stays open; its take-profit and stop-loss are in place");
      return new Plan(
          "hold", args, why + " A position is open and the signals do not turn against it: hold.");
    }
    boolean goLong = bull >= required && bull > bear && !trend.equals("down");
    boolean goShort = bear >= required && bear > bull && !trend.equals("up");
    if (!(goLong || goShort) || !(price > 0)) {
      args.put(
          "rationale",
          "no confluence: "
              + bull
              + "/3 bullish, "
              + bear
              + "/3 bearish, need "
              + required
              + " with the "
              + longIv
              + " trend ("
              + trend
              + ")");
      return new Plan("hold", args, why + " Not enough agreement: hold.");
    }
    double minStop = orDefault(num(map(risk.get("stopDistance")).get("min")), 0.002);
    double maxStop = orDefault(num(map(risk.get("stopDistance")).get("max")), 0.1);
    double rr = Math.max(1.0, orDefault(num(risk.get("minRewardRisk")), 1.5)) * 1.2;
    double distance = Double.isNaN(atr) || atr <= 0 ? price * minStop * 4 : 1.5 * atr;
    distance = Math.min(Math.max(distance, price * minStop * 1.25), price * maxStop * 0.8);
    double sl = goLong ? price - distance : price + distance;
    double tp = goLong ? price + rr * distance : price - rr * distance;
    int leverage = (int) orDefault(num(map(risk.get("leverage")).get("min")), 1);
    double margin = orDefault(num(map(risk.get("marginPerTrade")).get("min")), 0.1);
    double equity = orDefault(num(map(context.get("account")).get("equity")), 0);
    double minOrder = orDefault(num(risk.get("minOrderUsd")), 11);
    double notional = Math.max(equity * margin * leverage, minOrder * 1.05);
    args.put("size_usd", BigDecimal.valueOf(notional).setScale(2, RoundingMode.HALF_EVEN));
    args.put("leverage", leverage);
    args.put("take_profit", new BigDecimal(tp).round(SIG));
    args.put("stop_loss", new BigDecimal(sl).round(SIG));
    String side = goLong ? "long" : "short";
    args.put(
        "rationale",
        (goLong ? bull : bear)
            + "/3 "
            + (goLong ? "bullish" : "bearish")
            + " signals on "
            + shortIv
            + " with the "
            + longIv
            + " trend "
            + trend
            + "; stop 1.5 ATR away, target "
            + fmt(rr)
            + "R");
    return new Plan(
        goLong ? "open_long" : "open_short",
        args,
        why
            + " Confluence for a "
            + side
            + ": stop-loss "
            + fmt(sl)
            + " (1.5 × ATR "
            + fmt(atr)
            + "), take-profit "
            + fmt(tp)
            + " ("
            + fmt(rr)
            + "R), "
            + leverage
            + "x.");
  }

  private static List<?> asList(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  private static double orDefault(double v, double dflt) {
    return Double.isNaN(v) ? dflt : v;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) return "n/a";
    return new BigDecimal(v)
        .round(SIG)
        .stripTrailingZeros()
        .toPlainString()
        .toLowerCase(Locale.ROOT);
  }
}
