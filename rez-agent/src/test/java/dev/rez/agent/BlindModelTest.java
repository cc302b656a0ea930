package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.rez.core.Asset;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlindModelTest {
  /** A model that answers nothing and keeps what it was shown. */
  static class Seeing implements ChatModel {
    final List<ChatMessage> seen = new ArrayList<>();
    final List<ToolSpecification> tools = new ArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
      seen.clear();
      seen.addAll(request.messages());
      tools.clear();
      tools.addAll(request.toolSpecifications());
      return ChatResponse.builder().aiMessage(AiMessage.from("ok")).build();
    }
  }

  private static String text(ChatMessage m) {
    return switch (m) {
      case SystemMessage s -> s.text();
      case UserMessage u -> u.singleText();
      case ToolExecutionResultMessage t -> t.text();
      default -> m.toString();
    };
  }

  @Test
  void pricesInProseAreDisguisedLikeThoseInJsonButNotTheRulesCountsOrTimes() {
    Seeing inner = new Seeing();
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 42);
    BigDecimal f = blind.factor();
    String context =
        "Context (rez.context/1):\n"
            + "{\"time\":\"2013-11-25T03:21:00Z\",\"assets\":[{\"asset\":\"BTC\",\"price\":815,\"spread\":0.5,"
            + "\"intervals\":{\"1m\":{\"candles\":{\"open\":807,\"high\":819.9,\"low\":799.75,\"close\":815}}}}]}";
    String refusal =
        "ERROR: BTC stop-loss 812.3 is 0.33% from the mark 815.0, closer than 0.5%; leverage 5 of 10 at"
            + " 2013-11-25T03:21:00Z. Try 790.";
    blind.chat(
        ChatRequest.builder()
            .messages(
                SystemMessage.from("Keep the stop between 0.2% and 10%; risk 1.5 to 2; BTC only."),
                UserMessage.from(context),
                AiMessage.from("checking"),
                ToolExecutionResultMessage.from("1", "open_long", refusal))
            .build());

    String system = text(inner.seen.get(0));
    String tool = text(inner.seen.get(3));
    assertThat(system)
        .isEqualTo("Keep the stop between 0.2% and 10%; risk 1.5 to 2; ASSET-1 only.");
    String scaled = new BigDecimal("812.3").multiply(f).stripTrailingZeros().toPlainString();
    String mark = new BigDecimal("815.0").multiply(f).stripTrailingZeros().toPlainString();
    String hint = new BigDecimal("790").multiply(f).stripTrailingZeros().toPlainString();
    assertThat(tool)
        .startsWith("ERROR: ASSET-1 stop-loss " + scaled + " is 0.33% from the mark " + mark + ",")
        .contains("closer than 0.5%; leverage 5 of 10 at 2")
        .endsWith(". Try " + hint + ".")
        .doesNotContain("812.3")
        .doesNotContain("815")
        .doesNotContain("2013-");
  }

  @Test
  void beforeAnyPriceWasShownProseNumbersStay() {
    Seeing inner = new Seeing();
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 7);
    blind.chat(ChatRequest.builder().messages(UserMessage.from("BTC at 815, leverage 5")).build());
    assertThat(text(inner.seen.getFirst())).isEqualTo("ASSET-1 at 815, leverage 5");
    // A coin priced like a count: names and paths keep their digits.
    blind.chat(
        ChatRequest.builder()
            .messages(
                UserMessage.from(
                    "Context (rez.context/1):\n{\"price\":1.2,\"note\":\"ASSET-1 at 1.1\"}"))
            .build());
    String seen = text(inner.seen.getFirst());
    assertThat(seen).startsWith("Context (rez.context/1):").contains("\"note\":\"ASSET-1 at ");
    assertThat(seen).doesNotContain("at 1.1\"");
  }

  @Test
  void dollarsAndIdsInProseStayAndPricesTheModelWritesAsStringsMapBack() {
    Seeing inner =
        calling(
            "open_long", () -> "{\"asset\":\"ASSET-1\",\"stop_loss\":\"4000\",\"tp_price\":5000}");
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 42);
    String context = "{\"assets\":[{\"asset\":\"BTC\",\"price\":815}]}";
    ChatResponse r =
        blind.chat(
            ChatRequest.builder()
                .messages(
                    UserMessage.from(context),
                    AiMessage.from("checking"),
                    ToolExecutionResultMessage.from(
                        "1",
                        "open_long",
                        "ERROR: notional $900.00 above $800.00; order 1000; mark 815"))
                .build());
    String tool = text(inner.seen.get(2));
    assertThat(tool)
        .contains("$900.00 above $800.00; order 1000; mark ")
        .doesNotContain("mark 815");
    String args = r.aiMessage().toolExecutionRequests().getFirst().arguments();
    BigDecimal f = blind.factor();
    assertThat(args)
        .contains("\"asset\":\"BTC\"")
        .contains(
            "\"stop_loss\":\""
                + new BigDecimal("4000")
                    .divide(f, java.math.MathContext.DECIMAL64)
                    .stripTrailingZeros()
                    .toPlainString()
                + "\"")
        .doesNotContain("5000");
  }

  /** A model that answers {@code answer} and keeps what it was shown. */
  static Seeing answering(String answer) {
    return new Seeing() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        super.doChat(request);
        return ChatResponse.builder().aiMessage(AiMessage.from(answer)).build();
      }
    };
  }

  private static BigDecimal real(BlindModel blind, String disguised) {
    return new BigDecimal(disguised)
        .divide(blind.factor(), java.math.MathContext.DECIMAL64)
        .stripTrailingZeros();
  }

  @Test
  void decisionsAfterProseWithBracesMapBackWhereverTheParserFindsThem() {
    String decision =
        "{\"decisions\":[{\"asset\":\"ASSET-1\",\"action\":\"open_long\",\"size_usd\":100,"
            + "\"leverage\":3,\"take_profit\":400000,\"stop_loss\":300000}]}";
    for (String answer :
        List.of(
            "Plan {ASSET-1}: ```json\n" + decision + "\n```",
            "Plan {ASSET-1}: " + decision + " and {done}",
            "```\n" + decision + "\n``` {ASSET-1}")) {
      BlindModel blind = BlindModel.of(answering(answer), List.of(Asset.of("BTC")), 42);
      String text =
          blind
              .chat(ChatRequest.builder().messages(UserMessage.from("{\"price\":65000}")).build())
              .aiMessage()
              .text();
      TextDecisions.Parsed parsed = TextDecisions.parse(text, () -> BigDecimal.TEN);
      assertThat(parsed.ok()).as(answer).isTrue();
      assertThat(parsed.calls().getFirst().arguments())
          .as(answer)
          .containsEntry("asset", "BTC")
          .containsEntry("take_profit", real(blind, "400000"))
          .containsEntry("stop_loss", real(blind, "300000"))
          .containsEntry("size_usd", new BigDecimal("100"));
    }
  }

  /** A model that calls {@code tool} with {@code arguments} and keeps what it was shown. */
  static Seeing calling(String tool, java.util.function.Supplier<String> arguments) {
    return new Seeing() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        super.doChat(request);
        return ChatResponse.builder()
            .aiMessage(
                AiMessage.from(
                    List.of(
                        dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                            .id("c1")
                            .name(tool)
                            .arguments(arguments.get())
                            .build())))
            .build();
      }
    };
  }

  @Test
  void everyStringTheArgumentsReadAsANumberMapsBack() {
    BlindModel blind =
        BlindModel.of(
            calling(
                "open_long",
                () ->
                    "{\"asset\":\"ASSET-1\",\"take_profit\":\"4e5\",\"stop_loss\":\" +300000 \","
                        + "\"tp_price\":\"300000.\",\"sl_price\":\".5\",\"size\":\"1E+1\"}"),
            List.of(Asset.of("BTC")),
            42);
    String args =
        blind
            .chat(ChatRequest.builder().messages(UserMessage.from("{\"price\":65000}")).build())
            .aiMessage()
            .toolExecutionRequests()
            .getFirst()
            .arguments();
    ToolArguments read = ToolArguments.parse(args);
    assertThat(read.decimal("take_profit")).isEqualByComparingTo(real(blind, "400000"));
    assertThat(read.decimal("stop_loss")).isEqualByComparingTo(real(blind, "300000"));
    assertThat(read.decimal("tp_price")).isEqualByComparingTo(real(blind, "300000"));
    assertThat(read.decimal("sl_price")).isEqualByComparingTo(real(blind, "0.5"));
    assertThat(read.decimal("size")).isEqualByComparingTo(BigDecimal.TEN.multiply(blind.factor()));
  }

  @Test
  void stringsUnderPriceSizeAndTimeKeysAreDisguisedAndMappedBackLikeNumbers() {
    String[] answer = {null};
    Seeing inner = calling("probe", () -> answer[0]);
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 42);
    BigDecimal f = blind.factor();
    long shift = blind.shift().toMillis();
    answer[0] =
        "{\"asset\":\"ASSET-1\",\"time\":\""
            + (1385349660000L + shift)
            + "\",\"sz\":\"2\",\"price\":\"4000\"}";
    // Strings only, before any numeric price level: the price, the size and the time are
    // disguised, and the price teaches the prose its range.
    String context =
        "{\"asset\":\"BTC\",\"price\":\"815\",\"sz\":\"0.5\",\"time\":\"1385349660000\"} mark 815";
    String args =
        blind
            .chat(ChatRequest.builder().messages(UserMessage.from(context)).build())
            .aiMessage()
            .toolExecutionRequests()
            .getFirst()
            .arguments();
    String seen = text(inner.seen.getFirst());
    assertThat(seen)
        .contains("\"price\":\"" + new BigDecimal("815").multiply(f).toPlainString() + "\"")
        .contains(
            "\"sz\":\""
                + new BigDecimal("0.5")
                    .divide(f, java.math.MathContext.DECIMAL64)
                    .stripTrailingZeros()
                    .toPlainString()
                + "\"")
        .contains("\"time\":\"" + (1385349660000L + shift) + "\"")
        .doesNotContain("815")
        .doesNotContain("1385349660000");
    ToolArguments read = ToolArguments.parse(args);
    assertThat(read.string("time")).isEqualTo("1385349660000");
    assertThat(read.decimal("sz")).isEqualByComparingTo(BigDecimal.TWO.multiply(f));
    assertThat(read.decimal("price")).isEqualByComparingTo(real(blind, "4000"));
  }

  @Test
  void groupedAndExponentNumbersInProseAreDisguisedToo() {
    Seeing inner = new Seeing();
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 42);
    BigDecimal f = blind.factor();
    blind.chat(
        ChatRequest.builder()
            .messages(
                UserMessage.from("{\"price\":67000}"),
                AiMessage.from("checking"),
                ToolExecutionResultMessage.from(
                    "1", "open_long", "ERROR: mark 67,250.5 or 6.725E+4, not 1,2,3"))
            .build());
    String tool = text(inner.seen.get(2));
    assertThat(tool)
        .isEqualTo(
            "ERROR: mark "
                + new BigDecimal("67250.5").multiply(f).stripTrailingZeros().toPlainString()
                + " or "
                + new BigDecimal("67250").multiply(f).stripTrailingZeros().toPlainString()
                + ", not 1,2,3");
  }

  @Test
  void theBuiltinToolsShowABlindModelNoAssetName() {
    for (Tool t : BuiltinTools.all())
      assertThat(t.description() + t.parameters())
          .as(t.name())
          .doesNotContainPattern("\\b(BTC|ETH|SOL|bitcoin)\\b");
    // … so a blind model is offered them exactly as they are: nothing is lost in the disguise.
    List<ToolSpecification> specs =
        BuiltinTools.all().stream()
            .map(t -> Lc4j.specification(t, dev.rez.json.Json.parseObject(t.parameters())))
            .toList();
    Seeing inner = new Seeing();
    BlindModel.of(inner, List.of(Asset.of("BTC")), 42)
        .chat(
            ChatRequest.builder()
                .messages(UserMessage.from("{\"price\":815}"))
                .toolSpecifications(specs)
                .build());
    assertThat(inner.tools).isEqualTo(specs);
  }

  @Test
  void aRepairModelSharingTheDisguiseSeesTheAnswerItRepairsInTheModelsOwnWords() {
    String answer = "Go long ASSET-1: stop 90000 target 100000, not {sure}.";
    BlindModel blind = BlindModel.of(answering(answer), List.of(Asset.of("BTC")), 42);
    Seeing repairer =
        answering(
            "{\"decisions\":[{\"asset\":\"ASSET-1\",\"action\":\"hold\",\"stop_loss\":90000}]}");
    ChatModel repair = blind.sharing(repairer);
    // Prices from 10,000 to 60,000: the model's disguised levels fall within the range of prices.
    String real =
        blind
            .chat(
                ChatRequest.builder()
                    .messages(UserMessage.from("{\"low\":10000,\"high\":60000}"))
                    .build())
            .aiMessage()
            .text();
    assertThat(real).isEqualTo("Go long BTC: stop 90000 target 100000, not {sure}.");
    String repaired =
        repair
            .chat(
                ChatRequest.builder()
                    .messages(UserMessage.from("Reshape the answer of BTC below.\n\n" + real))
                    .build())
            .aiMessage()
            .text();
    assertThat(text(repairer.seen.getFirst()))
        .isEqualTo("Reshape the answer of ASSET-1 below.\n\n" + answer);
    assertThat(TextDecisions.parse(repaired, () -> BigDecimal.TEN).calls().getFirst().arguments())
        .containsEntry("asset", "BTC")
        .containsEntry("stop_loss", real(blind, "90000"));
  }

  @Test
  void toolSpecificationsAreDisguisedButKeepTheNamesTheModelCallsThemBy() {
    Seeing inner = new Seeing();
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 42);
    ToolSpecification funding =
        ToolSpecification.builder()
            .name("funding_BTC")
            .description("BTC funding since 2013-11-25T00:00:00Z.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("asset", "e.g. BTC")
                    .addEnumProperty("pair", List.of("BTC", "BTC-PERP"))
                    .required("asset")
                    .build())
            .build();
    blind.chat(
        ChatRequest.builder()
            .messages(UserMessage.from("{\"price\":815}"))
            .toolSpecifications(funding)
            .build());
    ToolSpecification seen = inner.tools.getFirst();
    assertThat(seen.name()).isEqualTo("funding_BTC");
    assertThat(seen.description())
        .isEqualTo(
            "ASSET-1 funding since "
                + java.time.Instant.parse("2013-11-25T00:00:00Z").plus(blind.shift())
                + ".");
    assertThat(seen.toJson().replace("funding_BTC", ""))
        .doesNotContain("BTC")
        .contains("e.g. ASSET-1")
        .contains("\"ASSET-1-PERP\"");
    assertThat(seen.parameters().required()).containsExactly("asset");
  }

  /** A context for the read tools over {@code market}: no account, no proposals. */
  private static ToolContext reading(CsvMarket market) {
    return new ToolContext() {
      @Override
      public dev.rez.core.MarketData marketData() {
        return market;
      }

      @Override
      public dev.rez.core.AccountState account() {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<dev.rez.core.OpenOrder> openOrders() {
        return List.of();
      }

      @Override
      public List<Asset> assets() {
        return List.of(CsvMarket.BTC);
      }

      @Override
      public BigDecimal markPrice(Asset asset) {
        return market.price(asset);
      }

      @Override
      public java.time.Instant now() {
        return market.clock.instant();
      }

      @Override
      public dev.rez.core.RiskVerdict propose(dev.rez.core.TradeDecision decision) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** Every number written in {@code text}. */
  private static List<BigDecimal> numbers(String text) {
    List<BigDecimal> out = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?").matcher(text);
    while (m.find()) out.add(new BigDecimal(m.group()));
    return out;
  }

  @Test
  void candlesAndOrderBookFromTheToolsShowNoRealPriceOrTimeAndTheirLevelsMapBack() {
    CsvMarket market = new CsvMarket(CsvMarket.at(java.time.Duration.ofDays(2)));
    ToolContext ctx = reading(market);
    String candles =
        BuiltinTools.GET_CANDLES
            .execute(
                ToolArguments.parse("{\"asset\":\"BTC\",\"interval\":\"1h\",\"limit\":5}"), ctx)
            .text();
    String book =
        BuiltinTools.GET_ORDER_BOOK
            .execute(ToolArguments.parse("{\"asset\":\"BTC\",\"depth\":3}"), ctx)
            .text();
    List<?> realRows = (List<?>) dev.rez.json.Json.parseObject(candles).get("rows");
    List<?> realAsks = (List<?>) dev.rez.json.Json.parseObject(book).get("asks");
    assertThat(realRows).hasSize(5);
    // The model stops at the last candle's low and takes profit at the best ask, as it saw them.
    java.util.concurrent.atomic.AtomicReference<Seeing> model =
        new java.util.concurrent.atomic.AtomicReference<>();
    model.set(
        calling(
            "open_long",
            () -> {
              List<?> rows =
                  (List<?>)
                      dev.rez.json.Json.parseObject(text(model.get().seen.get(2))).get("rows");
              List<?> asks =
                  (List<?>)
                      dev.rez.json.Json.parseObject(text(model.get().seen.get(3))).get("asks");
              return "{\"asset\":\"ASSET-1\",\"size_usd\":100,\"stop_loss\":"
                  + ((List<?>) rows.getLast()).get(3)
                  + ",\"take_profit\":\""
                  + ((List<?>) asks.getFirst()).get(0)
                  + "\"}";
            }));
    BlindModel blind = BlindModel.of(model.get(), List.of(CsvMarket.BTC), 42);
    ChatResponse r =
        blind.chat(
            ChatRequest.builder()
                .messages(
                    UserMessage.from("Decide for BTC."),
                    AiMessage.from("looking"),
                    ToolExecutionResultMessage.from("1", "get_candles", candles),
                    ToolExecutionResultMessage.from("2", "get_order_book", book))
                .build());

    BigDecimal f = blind.factor();
    BigDecimal shift = BigDecimal.valueOf(blind.shift().toMillis());
    List<BigDecimal> real = new ArrayList<>();
    String seenCandles = text(model.get().seen.get(2));
    List<?> rows = (List<?>) dev.rez.json.Json.parseObject(seenCandles).get("rows");
    assertThat(rows).hasSize(realRows.size());
    for (int i = 0; i < rows.size(); i++) {
      List<?> realRow = (List<?>) realRows.get(i);
      List<?> row = (List<?>) rows.get(i);
      real.addAll(realRow.subList(0, 5).stream().map(o -> (BigDecimal) o).toList());
      assertThat((BigDecimal) row.get(0))
          .as("time")
          .isEqualByComparingTo(((BigDecimal) realRow.get(0)).add(shift));
      for (int c = 1; c <= 4; c++)
        assertThat((BigDecimal) row.get(c))
            .as("price column %d", c)
            .isEqualByComparingTo(((BigDecimal) realRow.get(c)).multiply(f));
      assertThat(((BigDecimal) row.get(5)).multiply(f))
          .as("volume")
          .isCloseTo(
              (BigDecimal) realRow.get(5), org.assertj.core.data.Percentage.withPercentage(1e-9));
    }
    String seenBook = text(model.get().seen.get(3));
    java.util.Map<String, Object> realBook = dev.rez.json.Json.parseObject(book);
    java.util.Map<String, Object> disguisedBook = dev.rez.json.Json.parseObject(seenBook);
    for (String side : List.of("bids", "asks")) {
      List<?> realLevels = (List<?>) realBook.get(side);
      List<?> levels = (List<?>) disguisedBook.get(side);
      assertThat(levels).as(side).hasSize(3);
      for (int i = 0; i < levels.size(); i++) {
        List<?> realLevel = (List<?>) realLevels.get(i);
        List<?> level = (List<?>) levels.get(i);
        real.add((BigDecimal) realLevel.get(0));
        assertThat((BigDecimal) level.get(0))
            .isEqualByComparingTo(((BigDecimal) realLevel.get(0)).multiply(f));
        assertThat(((BigDecimal) level.get(1)).multiply(f))
            .isCloseTo(
                (BigDecimal) realLevel.get(1),
                org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(level.get(2)).as("orders, a count").isEqualTo(realLevel.get(2));
      }
    }
    for (BigDecimal n : numbers(seenCandles + seenBook))
      assertThat(real).as("a real price or time shown: " + n).noneMatch(x -> x.compareTo(n) == 0);

    String args = r.aiMessage().toolExecutionRequests().getFirst().arguments();
    ToolArguments read = ToolArguments.parse(args);
    assertThat(read.decimal("stop_loss"))
        .isEqualByComparingTo((BigDecimal) ((List<?>) realRows.getLast()).get(3));
    assertThat(read.decimal("take_profit"))
        .isEqualByComparingTo((BigDecimal) ((List<?>) realAsks.getFirst()).get(0));
  }

  @Test
  void indicatorResultsShowNoRealVolumeAndKeepTheirWarmUpCounts() {
    CsvMarket market = new CsvMarket(CsvMarket.at(java.time.Duration.ofDays(5)));
    String result =
        BuiltinTools.GET_INDICATORS
            .execute(
                ToolArguments.parse(
                    "{\"asset\":\"BTC\",\"interval\":\"5m\",\"indicators\":\"obv,ema:20,ema:200\"}"),
                reading(market))
            .text();
    java.util.Map<String, Object> real = dev.rez.json.Json.parseObject(result);
    Seeing inner = new Seeing();
    BlindModel blind = BlindModel.of(inner, List.of(CsvMarket.BTC), 42);
    blind.chat(
        ChatRequest.builder()
            .messages(
                UserMessage.from("Decide for BTC."),
                AiMessage.from("looking"),
                ToolExecutionResultMessage.from("1", "get_indicators", result))
            .build());
    java.util.Map<String, Object> seen = dev.rez.json.Json.parseObject(text(inner.seen.get(2)));
    java.util.Map<?, ?> realValues = (java.util.Map<?, ?>) real.get("values");
    java.util.Map<?, ?> values = (java.util.Map<?, ?>) seen.get("values");
    BigDecimal f = blind.factor();
    // OBV is a running sum of volume, in coin: divided like every volume.
    assertThat(((BigDecimal) values.get("obv")).multiply(f))
        .isCloseTo(
            (BigDecimal) realValues.get("obv"),
            org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat((BigDecimal) values.get("ema:20"))
        .isEqualByComparingTo(((BigDecimal) realValues.get("ema:20")).multiply(f));
    // How many bars an indicator still needs is a count, not a price.
    assertThat(real.get("warmingUp")).isNotNull();
    assertThat(seen.get("warmingUp")).isEqualTo(real.get("warmingUp"));
  }

  @Test
  void theDisguiseShowsTheDefaultsOfTheModelBehindIt() {
    // The agent's token budget caps a turn by the model's own output maximum.
    ChatRequestParameters defaults =
        ChatRequestParameters.builder().maxOutputTokens(8192).temperature(0.2).build();
    ChatModel inner =
        new Seeing() {
          @Override
          public ChatRequestParameters defaultRequestParameters() {
            return defaults;
          }
        };
    BlindModel blind = BlindModel.of(inner, List.of(Asset.of("BTC")), 42);
    assertThat(blind.defaultRequestParameters().maxOutputTokens()).isEqualTo(8192);
    assertThat(blind.sharing(inner).defaultRequestParameters().maxOutputTokens()).isEqualTo(8192);
  }
}
