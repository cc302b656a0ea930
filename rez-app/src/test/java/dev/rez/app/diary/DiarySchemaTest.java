package dev.rez.app.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.agent.TokenUsage;
import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Side;
import dev.rez.core.TradeDecision;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DiarySchemaTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (.*) \\|$");
  private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z]+)");

  /**
   * The event types of docs/API.md's table and the fields its rows name at the top level of each
   * {…} of the data.
   */
  static Map<String, Set<String>> documented() throws Exception {
    Path api = Path.of("..", "docs", "API.md");
    List<String> lines = Files.readAllLines(api);
    int start = lines.indexOf("## Diary event types (`type`, and the `data` they carry)");
    assertThat(start).as("the diary section of " + api.toAbsolutePath()).isPositive();
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) break;
      Matcher m = ROW.matcher(line);
      if (m.matches()) out.put(m.group(1), fields(m.group(2)));
    }
    return out;
  }

  /**
   * The names at depth 1 of every {…} in {@code cell} that is not itself a field's value ({@code
   * blind: {…}}, {@code [{…}]}).
   */
  static Set<String> fields(String cell) {
    Set<String> out = new LinkedHashSet<>();
    int depth = 0;
    boolean counted = false;
    StringBuilder item = new StringBuilder();
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '{' || c == '[') {
        if (depth == 0) {
          String before = cell.substring(0, i).replace("`", "").stripTrailing();
          counted = c == '{' && !before.endsWith(":") && !before.endsWith("[");
          item.setLength(0);
        }
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0 && counted) add(out, item);
      } else if (depth == 1 && c == ',') {
        if (counted) add(out, item);
        item.setLength(0);
      } else if (depth == 1) {
        item.append(c);
      }
    }
    return out;
  }

  private static void add(Set<String> out, StringBuilder item) {
    Matcher m = FIELD.matcher(item);
    if (m.find()) out.add(m.group(1));
    item.setLength(0);
  }

  @Test
  void docsListExactlyTheTypesAndFieldsOfTheSchema() throws Exception {
    Map<String, Set<String>> docs = documented();
    Map<String, Set<String>> schema = new LinkedHashMap<>();
    DiarySchema.TYPES.forEach((type, fields) -> schema.put(type, new LinkedHashSet<>(fields)));
    assertThat(docs.keySet()).containsExactlyInAnyOrderElementsOf(schema.keySet());
    for (String type : schema.keySet()) {
      assertThat(docs.get(type))
          .as("docs/API.md's fields of " + type)
          .containsExactlyInAnyOrderElementsOf(schema.get(type));
    }
  }

  @Test
  void theDocsParserReadsNestedAndAlternativeShapes() {
    assertThat(fields("`{a, b: {x, y}, c}`; also `{d, e: \"v\"}` (`f`: `{g, h}`; `[{i, j}]`)"))
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void actionsAreSpelledWithUnderscoresAndReadInEverySpelling() {
    assertThat(DiarySchema.ACTIONS)
        .containsExactly("open_long", "open_short", "close", "adjust_protection", "hold");
    for (TradeDecision.Action a : TradeDecision.Action.values()) {
      String written = DiarySchema.action(a);
      assertThat(DiarySchema.ACTIONS).contains(written);
      assertThat(DiarySchema.parseAction(written)).contains(a);
      assertThat(DiarySchema.parseAction(written.replace('_', '-'))).contains(a);
    }
    assertThat(DiarySchema.normalizeAction("adjust-protection")).isEqualTo("adjust_protection");
    assertThat(DiarySchema.normalizeAction("yolo")).isEqualTo("yolo");
    assertThat(DiarySchema.normalizeAction(null)).isNull();
    assertThat(DiarySchema.parseAction(7)).isEmpty();
  }

  @Test
  void aDecisionIsWrittenWithTheSchemasFieldsAndSpelling() {
    TradeDecision d =
        TradeDecision.open(
            Side.BUY,
            Asset.of("BTC"),
            new BigDecimal("500"),
            5,
            new BigDecimal("110"),
            new BigDecimal("95"),
            "trend");
    Map<String, Object> data = DiarySchema.decision(d);
    assertThat(data.keySet()).containsExactlyElementsOf(DiarySchema.TYPES.get("decision"));
    assertThat(data)
        .containsEntry("action", "open_long")
        .containsEntry("notionalUsd", new BigDecimal("500"))
        .containsEntry("leverage", 5);
  }

  @Test
  void fillsAndFundingReadBackWhatWasWrittenWhateverTheParsersNumbers() {
    Fill f =
        new Fill(
            Asset.of("ETH"),
            Side.SELL,
            new BigDecimal("3000.5"),
            new BigDecimal("0.25"),
            Instant.parse("2026-01-02T03:04:05Z"),
            new BigDecimal("0.3"),
            new BigDecimal("-1.5"),
            42,
            ClientOrderId.derive("x"),
            new BigDecimal("0.25"),
            true,
            "0xabc",
            118906512037719L);
    Map<String, Object> data = DiarySchema.fill(f, "https://explorer/tx");
    assertThat(data.keySet()).containsExactlyElementsOf(DiarySchema.TYPES.get("fill"));
    // As a JSON parser hands them back: strings for instants and enums, numbers as BigDecimal or
    // double.
    Map<String, Object> parsed = new HashMap<>(data);
    parsed.put("time", f.time().toString());
    parsed.put("side", "sell");
    parsed.put("orderId", 42.0);
    parsed.put("price", 3000.5);
    parsed.put("tradeId", 1.18906512037719E14);
    assertThat(DiarySchema.fillOf(parsed)).isEqualTo(f);

    // An older diary's fill has no trade id: it reads back as not known (0), as does a null one.
    Fill unknown =
        new Fill(
            f.asset(),
            f.side(),
            f.price(),
            f.size(),
            f.time(),
            f.fee(),
            f.closedPnl(),
            f.orderId(),
            f.cloid(),
            f.startPosition(),
            f.taker(),
            f.hash(),
            0);
    Map<String, Object> older = new HashMap<>(parsed);
    older.remove("tradeId");
    assertThat(DiarySchema.fillOf(older)).isEqualTo(unknown);
    assertThat(DiarySchema.fill(unknown, null)).containsEntry("tradeId", null);
    Map<String, Object> fractional = new HashMap<>(parsed);
    fractional.put("tradeId", 1.5);
    assertThatThrownBy(() -> DiarySchema.fillOf(fractional))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tradeId");

    FundingPayment p =
        new FundingPayment(
            Asset.of("BTC"),
            Instant.parse("2026-01-02T04:00:00Z"),
            new BigDecimal("-0.12"),
            new BigDecimal("0.0000125"),
            new BigDecimal("0.5"));
    Map<String, Object> funding = new HashMap<>(DiarySchema.funding(p));
    assertThat(funding.keySet())
        .containsExactlyInAnyOrderElementsOf(DiarySchema.TYPES.get("funding"));
    funding.put("time", p.time().toString());
    assertThat(DiarySchema.fundingOf(funding)).isEqualTo(p);

    Map<String, Object> broken = new HashMap<>(parsed);
    broken.remove("price");
    assertThatThrownBy(() -> DiarySchema.fillOf(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("price");
    funding.put("usdc", "lots");
    assertThatThrownBy(() -> DiarySchema.fundingOf(funding))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usdc");
  }

  @Test
  void tokensOfACycleEnd() {
    assertThat(DiarySchema.tokensOf(Map.of("tokens", DiarySchema.tokens(new TokenUsage(120, 30)))))
        .isEqualTo(new TokenUsage(120, 30));
    assertThat(
            DiarySchema.tokensOf(
                Map.of("tokens", Map.of("input", 5.0, "output", new BigDecimal("7")))))
        .isEqualTo(new TokenUsage(5, 7));
    assertThat(DiarySchema.tokensOf(Map.of("ok", true))).isEqualTo(TokenUsage.ZERO);
  }
}
