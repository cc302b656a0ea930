package dev.rez.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rez.core.Asset;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat model that shows the model it wraps a disguised market: every timestamp shifted to a
 * fictitious epoch, every price multiplied by a seeded factor (between 3 and 8, never near 1; coin
 * sizes divided by it so that USD notionals stay the same) and every asset renamed {@code ASSET-1},
 * {@code ASSET-2}, … in the order given. The model's answers come back in real units: tool
 * arguments and JSON decisions (every JSON object in an answer, wherever the text decisions could
 * be read from) are mapped before the agent's tools, its risk policy and the exchange see them. A
 * model that remembers a market's history cannot recognise it.
 *
 * <pre>{@code
 * BlindModel blind = BlindModel.of(realModel, List.of(Asset.of("BTC")), 7);
 * Agent agent = Agent.builder().chatModel(blind).riskPolicy(policy).marketData(md).exchange(ex).build();
 * blind.onView((role, text) -> log.info("the model sees {}: {}", role, text));
 * }</pre>
 *
 * <p>JSON is disguised by key: prices ({@code price}, {@code open} … {@code close}, {@code
 * takeProfit}, price-valued indicators such as {@code ema:12} or {@code atr:14}), coin sizes
 * ({@code size}, {@code volume}, {@code openInterest}, {@code obv}; an indicator's {@code
 * warmingUp} bars stay counts) and times ({@code time}, {@code from}, {@code to}, ISO strings,
 * epoch milliseconds); the cells of {@code rows} by the names of the {@code columns} beside them
 * (candles), those of {@code bids} and {@code asks} as {@code [price, size, orders]} levels;
 * whether written as numbers or as strings holding one ({@code "0.5"}, {@code "4e5"}: what the tool
 * arguments read as a number). Prose gets its asset names and ISO timestamps replaced; in the prose
 * of messages and tool results (an error naming a stop-loss and the mark) a number within the range
 * of the price levels shown so far (half the lowest to twice the highest) is taken for a price and
 * disguised too — for an asset priced like a small count (leverage, a percentage without its sign)
 * such a count is scaled as well. The system prompt and the tools' specifications get their names
 * and times disguised, their numbers (limits, rules, examples) left alone. The same seed gives the
 * same disguise. This class is threadsafe; one decision at a time.
 */
public final class BlindModel implements ChatModel {
  private static final Pattern ISO =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");
  private static final MathContext MC = MathContext.DECIMAL64;

  private final ChatModel inner;
  private final Map<String, String> aliases = new LinkedHashMap<>();
  private final Map<String, String> reals = new LinkedHashMap<>();
  private final Pattern realNames;
  private final Pattern aliasNames;
  private final BigDecimal factor;

  /** The price levels a range of prose prices is learnt from (not spreads or indicator widths). */
  private static final java.util.Set<String> LEVELS =
      java.util.Set.of(
          "price",
          "markprice",
          "entryprice",
          "midprice",
          "oracleprice",
          "open",
          "high",
          "low",
          "close");

  /** The lowest and highest real price level shown to the model so far; null before the first. */
  private BigDecimal lowSeen;

  private BigDecimal highSeen;
  private final Duration shift;
  private final List<AiMessage[]> answered = new ArrayList<>();
  private volatile BiConsumer<String, String> view = (role, text) -> {};
  private int ids;

  private BlindModel(ChatModel inner, List<Asset> assets, long seed) {
    this.inner = Objects.requireNonNull(inner, "inner == null");
    if (assets.isEmpty()) throw new IllegalArgumentException("assets is empty");
    SplittableRandom random = new SplittableRandom(seed);
    this.factor = BigDecimal.valueOf(3000 + random.nextInt(5000), 3);
    // Whole days keep the time of day (and the candles' alignment); about 190 years ahead.
    this.shift = Duration.ofDays(365L * 190 + random.nextInt(365));
    List<String> real = new ArrayList<>();
    List<String> fake = new ArrayList<>();
    for (int i = 0; i < assets.size(); i++) {
      String name = assets.get(i).name();
      String alias = "ASSET-" + (i + 1);
      aliases.put(name, alias);
      reals.put(alias, name);
      real.add(Pattern.quote(name));
      fake.add(Pattern.quote(alias));
    }
    this.realNames =
        Pattern.compile("(?<![A-Za-z0-9])(" + String.join("|", real) + ")(?![A-Za-z0-9])");
    this.aliasNames =
        Pattern.compile("(?<![A-Za-z0-9])(" + String.join("|", fake) + ")(?![A-Za-z0-9])");
  }

  /** {@code inner} shown {@code assets} disguised with {@code seed}. */
  public static BlindModel of(ChatModel inner, List<Asset> assets, long seed) {
    return new BlindModel(inner, List.copyOf(assets), seed);
  }

  /** The price factor: a disguised price is the real one times this. */
  public BigDecimal factor() {
    return factor;
  }

  /** How far timestamps are moved into the future. */
  public Duration shift() {
    return shift;
  }

  /** The name the model sees for {@code asset}. */
  public String alias(Asset asset) {
    String a = aliases.get(asset.name());
    if (a == null) throw new IllegalArgumentException("not a disguised asset: " + asset);
    return a;
  }

  /**
   * Tells {@code listener} every message as the model sees it ({@code system}, {@code user}, {@code
   * tool-result}, {@code assistant}): the new messages of each request, then the answer, before it
   * is mapped back.
   */
  public void onView(BiConsumer<String, String> listener) {
    this.view = Objects.requireNonNull(listener, "listener == null");
  }

  /**
   * {@code other} shown the same disguise as this model (the same factor, shift and names, the
   * prices learnt so far), its answers mapped back the same way and shown to the same {@link
   * #onView} listener: for a second model in the same decision, such as one that repairs an answer
   * the first gave in a shape that could not be read.
   */
  public ChatModel sharing(ChatModel other) {
    Objects.requireNonNull(other, "other == null");
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        return ask(other, request);
      }

      @Override
      public ChatRequestParameters defaultRequestParameters() {
        return other.defaultRequestParameters();
      }
    };
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    return ask(inner, request);
  }

  /**
   * The disguised model's own defaults (its output maximum among them), so that a caller sizing a
   * request by them, such as the agent's token budget, sees the model behind the disguise.
   */
  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return inner.defaultRequestParameters();
  }

  /** {@code request} disguised, asked of {@code model}; its answer mapped back. */
  private ChatResponse ask(ChatModel model, ChatRequest request) {
    List<ChatMessage> disguised = new ArrayList<>();
    BiConsumer<String, String> v = view;
    synchronized (this) {
      for (ChatMessage m : request.messages()) {
        ChatMessage d =
            switch (m) {
              case SystemMessage s -> SystemMessage.from(instructions(s.text()));
              case UserMessage u ->
                  UserMessage.from(
                      quoting(u.hasSingleText() ? u.singleText() : u.contents().toString()));
              case ToolExecutionResultMessage t ->
                  ToolExecutionResultMessage.from(t.id(), t.toolName(), embedded(t.text(), true));
              case AiMessage a -> original(a);
              default -> m;
            };
        disguised.add(d);
      }
    }
    // The messages after the last answer are new to the model: those are what it sees this turn.
    int from = 0;
    for (int i = disguised.size() - 1; i >= 0; i--) {
      if (disguised.get(i) instanceof AiMessage) {
        from = i + 1;
        break;
      }
    }
    for (ChatMessage m : disguised.subList(from, disguised.size())) {
      switch (m) {
        case SystemMessage s -> v.accept("system", s.text());
        case UserMessage u -> v.accept("user", u.singleText());
        case ToolExecutionResultMessage t -> v.accept("tool-result", t.text());
        default -> {}
      }
    }
    ChatRequest.Builder seen = request.toBuilder().messages(disguised);
    List<ToolSpecification> tools = request.toolSpecifications();
    if (tools != null && !tools.isEmpty())
      seen.parameters(
          request
              .parameters()
              .overrideWith(
                  ChatRequestParameters.builder()
                      .toolSpecifications(tools.stream().map(this::disguised).toList())
                      .build()));
    ChatResponse response = model.chat(seen.build());
    AiMessage fake = response.aiMessage();
    if (fake == null) return response;
    StringBuilder seenText = new StringBuilder(fake.text() == null ? "" : fake.text());
    if (fake.hasToolExecutionRequests())
      for (ToolExecutionRequest r : fake.toolExecutionRequests())
        seenText.append("\n").append(r.name()).append(' ').append(r.arguments());
    v.accept("assistant", seenText.toString());
    AiMessage real;
    synchronized (this) {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      List<ToolExecutionRequest> fakeCalls = new ArrayList<>();
      if (fake.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : fake.toolExecutionRequests()) {
          String id = r.id() == null || r.id().isBlank() ? "blind-" + (++ids) : r.id();
          fakeCalls.add(r.toBuilder().id(id).build());
          calls.add(
              r.toBuilder()
                  .id(id)
                  .arguments(r.arguments() == null ? null : embedded(r.arguments(), false))
                  .build());
        }
      }
      String text = fake.text() == null ? null : embedded(fake.text(), false);
      AiMessage.Builder b = AiMessage.builder().text(text);
      if (fake.thinking() != null) b.thinking(fake.thinking());
      if (!calls.isEmpty()) b.toolExecutionRequests(calls);
      real = b.build();
      AiMessage.Builder f = fake.toBuilder();
      if (!fakeCalls.isEmpty()) f.toolExecutionRequests(fakeCalls);
      answered.add(new AiMessage[] {real, f.build()});
      if (answered.size() > 256) answered.remove(0);
    }
    return response.toBuilder().aiMessage(real).build();
  }

  /**
   * A message to the model, disguised; an answer given under this disguise that it quotes (as a
   * repair instruction quotes the answer to reshape) is shown in the words the model gave, so its
   * numbers are not disguised twice.
   */
  private String quoting(String text) {
    for (int i = answered.size() - 1; i >= Math.max(0, answered.size() - QUOTABLE); i--) {
      String real = answered.get(i)[0].text();
      int at = real == null || real.isBlank() ? -1 : text.lastIndexOf(real);
      if (at >= 0)
        return quoting(text.substring(0, at))
            + answered.get(i)[1].text()
            + embedded(text.substring(at + real.length()), true);
    }
    return embedded(text, true);
  }

  /** How many of the latest answers a message may quote. */
  private static final int QUOTABLE = 8;

  /**
   * The model's own words for an answer it gave; an answer from elsewhere is disguised like any
   * text.
   */
  private AiMessage original(AiMessage real) {
    for (int i = answered.size() - 1; i >= 0; i--)
      if (answered.get(i)[0].equals(real)) return answered.get(i)[1];
    AiMessage.Builder b =
        AiMessage.builder().text(real.text() == null ? null : embedded(real.text(), true));
    if (real.hasToolExecutionRequests()) {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      for (ToolExecutionRequest r : real.toolExecutionRequests())
        calls.add(r.toBuilder().arguments(embedded(r.arguments(), true)).build());
      b.toolExecutionRequests(calls);
    }
    return b.build();
  }

  /**
   * Text that may hold JSON objects (a context, a tool result, a JSON answer after prose with
   * braces or in a fence): each object mapped by key, the rest as prose. The objects are those the
   * text decisions are read from ({@link TextDecisions#objects}), so no decision escapes the
   * mapping.
   */
  private String embedded(String text, boolean toModel) {
    if (text == null) return null;
    List<TextDecisions.Span> spans = new ArrayList<>();
    List<String> mapped = new ArrayList<>();
    // The JSON first: its price levels tell the prose around it which numbers are prices.
    for (TextDecisions.Span s : TextDecisions.objects(text)) {
      if (!spans.isEmpty() && s.from() < spans.getLast().to()) continue; // inside one mapped
      try {
        Object json = Json.parse(text.substring(s.from(), s.to()));
        mapped.add(Json.write(map(json, null, toModel)));
        spans.add(s);
      } catch (IllegalArgumentException notJson) {
        // Prose with braces: treated as prose.
      }
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (int i = 0; i < spans.size(); i++) {
      out.append(words(text.substring(at, spans.get(i).from()), toModel)).append(mapped.get(i));
      at = spans.get(i).to();
    }
    return out.append(words(text.substring(at), toModel)).toString();
  }

  private String words(String text, boolean toModel) {
    return toModel ? prose(text) : unprose(text);
  }

  private String prose(String text) {
    String named =
        realNames.matcher(text).replaceAll(m -> Matcher.quoteReplacement(aliases.get(m.group(1))));
    String timed =
        ISO.matcher(named).replaceAll(m -> Matcher.quoteReplacement(time(m.group(), true)));
    if (lowSeen == null) return timed;
    // A number in the range of the prices shown so far is a price (a level in an error message).
    BigDecimal low = lowSeen.divide(BigDecimal.TWO, MC);
    BigDecimal high = highSeen.multiply(BigDecimal.TWO);
    return NUMBER
        .matcher(timed)
        .replaceAll(
            m -> {
              BigDecimal n = new BigDecimal(m.group().replace(",", ""));
              boolean price =
                  n.compareTo(low) >= 0
                      && n.compareTo(high) <= 0
                      && !NOT_A_PRICE
                          .matcher(timed.substring(Math.max(0, m.start() - 8), m.start()))
                          .find();
              return price ? n.multiply(factor).stripTrailingZeros().toPlainString() : m.group();
            });
  }

  /** What comes right before an amount of dollars or an id, not a price. */
  private static final Pattern NOT_A_PRICE =
      Pattern.compile("(?i)(\\$|#|\\b(?:order|oid|id|tid|cycle|step)[ =:]*)$");

  /**
   * A number standing alone in prose ({@code 67250.5}, {@code 67,250.5}, {@code 6.725E+4}): not
   * part of a name, a time, a key, a path or a percentage.
   */
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\w.:/\\-])(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?"
              + "(?![\\w:%/\\-]|\\.\\d)");

  /**
   * A tool as the model sees it: names and times disguised in its descriptions and schema (as in
   * the system prompt), its own name kept, since the model calls it by that name.
   */
  private ToolSpecification disguised(ToolSpecification tool) {
    return ToolSpecification.fromJson(instructions(tool.toJson())).toBuilder()
        .name(tool.name())
        .build();
  }

  /** The system prompt: names and times disguised, its numbers (limits, rules) as they are. */
  private String instructions(String text) {
    String named =
        realNames.matcher(text).replaceAll(m -> Matcher.quoteReplacement(aliases.get(m.group(1))));
    return ISO.matcher(named).replaceAll(m -> Matcher.quoteReplacement(time(m.group(), true)));
  }

  private String unprose(String text) {
    String named =
        aliasNames.matcher(text).replaceAll(m -> Matcher.quoteReplacement(reals.get(m.group(1))));
    return ISO.matcher(named).replaceAll(m -> Matcher.quoteReplacement(time(m.group(), false)));
  }

  private String time(String iso, boolean toModel) {
    try {
      Instant t = Instant.parse(iso);
      return (toModel ? t.plus(shift) : t.minus(shift)).toString();
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** What the cells of an order book level are, by position. */
  private static final List<String> LEVEL_COLUMNS = List.of("price", "size", "orders");

  @SuppressWarnings("unchecked")
  private Object map(Object value, String key, boolean toModel) {
    return switch (value) {
      case Map<?, ?> m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        Object columns = m.get("columns");
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String k = String.valueOf(e.getKey());
          if (k.equals("rows")
              && columns instanceof List<?> cols
              && e.getValue() instanceof List<?> rows) {
            List<Object> mapped = new ArrayList<>();
            for (Object row : rows) {
              if (!(row instanceof List<?> cells)) {
                mapped.add(map(row, k, toModel));
                continue;
              }
              List<Object> r = new ArrayList<>();
              for (int i = 0; i < cells.size(); i++)
                r.add(
                    map(cells.get(i), i < cols.size() ? String.valueOf(cols.get(i)) : k, toModel));
              mapped.add(r);
            }
            out.put(k, mapped);
          } else {
            // The bars an indicator still needs are counts, whatever the indicator measures.
            String unit = "warmingup".equalsIgnoreCase(key) ? null : k;
            out.put(toModel ? prose(k) : unprose(k), map(e.getValue(), unit, toModel));
          }
        }
        yield out;
      }
      case List<?> l -> {
        List<Object> out = new ArrayList<>();
        // Order book levels: [price, size] or [price, size, orders], the count left as it is.
        boolean levels = ("bids".equals(key) || "asks".equals(key));
        for (Object o : l) {
          if (levels && o instanceof List<?> level && level.size() >= 2) {
            List<Object> m = new ArrayList<>();
            for (int i = 0; i < level.size(); i++)
              m.add(
                  map(
                      level.get(i),
                      i < LEVEL_COLUMNS.size() ? LEVEL_COLUMNS.get(i) : null,
                      toModel));
            out.add(m);
          } else out.add(map(o, key, toModel));
        }
        yield out;
      }
      case BigDecimal n -> number(n, key, toModel);
      case String s -> {
        // A price, size or time written as a string is mapped like a number, both ways.
        BigDecimal n = key == null || kind(key) == Kind.NONE ? null : decimal(s);
        yield n != null ? number(n, key, toModel).toPlainString() : words(s, toModel);
      }
      case null -> null;
      default -> value;
    };
  }

  /**
   * The number {@code s} holds, read as the tool arguments read a number ({@code "4e5"}, {@code "
   * +300000"}, {@code ".5"}), or null when it holds none.
   */
  private static BigDecimal decimal(String s) {
    try {
      return Json.number(s);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private BigDecimal number(BigDecimal n, String key, boolean toModel) {
    if (key == null) return n;
    return switch (kind(key)) {
      case PRICE -> {
        if (!toModel) yield n.divide(factor, MC).stripTrailingZeros();
        if (LEVELS.contains(key.toLowerCase(java.util.Locale.ROOT)) && n.signum() > 0) {
          lowSeen = lowSeen == null || n.compareTo(lowSeen) < 0 ? n : lowSeen;
          highSeen = highSeen == null || n.compareTo(highSeen) > 0 ? n : highSeen;
        }
        yield n.multiply(factor);
      }
      case SIZE -> toModel ? n.divide(factor, MC).stripTrailingZeros() : n.multiply(factor);
      case TIME ->
          n.scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0
              ? n.add(BigDecimal.valueOf(toModel ? shift.toMillis() : -shift.toMillis()))
              : n;
      case NONE -> n;
    };
  }

  private enum Kind {
    PRICE,
    SIZE,
    TIME,
    NONE
  }

  private static Kind kind(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    if (k.contains(":")) {
      // An indicator: oscillators and ratios have no unit; moving averages, bands, ATR and MACD are
      // in price.
      if (k.startsWith("rsi")
          || k.startsWith("stoch")
          || k.startsWith("adx")
          || k.startsWith("cci")
          || k.startsWith("mfi")
          || k.startsWith("willr")
          || k.endsWith("percentb")
          || k.endsWith("bandwidth")
          || k.startsWith("roc")) return Kind.NONE;
      return Kind.PRICE;
    }
    return switch (k) {
      case "price",
          "markprice",
          "entryprice",
          "liquidationprice",
          "limitprice",
          "triggerprice",
          "open",
          "high",
          "low",
          "close",
          "takeprofit",
          "stoploss",
          "take_profit",
          "stop_loss",
          "tp_price",
          "sl_price",
          "midprice",
          "oracleprice",
          "averageprice",
          "spread",
          "px",
          "vwap" ->
          Kind.PRICE;
      case "size", "szi", "sz", "volume", "openinterest", "totalsize", "startposition", "obv" ->
          Kind.SIZE;
      case "time", "from", "to", "timestamp", "opentime", "closetime" -> Kind.TIME;
      default -> Kind.NONE;
    };
  }
}
