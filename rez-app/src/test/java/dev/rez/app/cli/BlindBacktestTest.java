package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BlindBacktestTest extends CliTestBase {
  static final Set<String> PRICES =
      Set.of(
          "price",
          "markPrice",
          "entryPrice",
          "open",
          "high",
          "low",
          "close",
          "triggerPrice",
          "limitPrice",
          "takeProfit",
          "stopLoss",
          "take_profit",
          "stop_loss");

  @Test
  @SuppressWarnings("unchecked")
  void aBlindRunShowsTheModelNoRealDateNameOrPriceAndTradesTheSame() throws Exception {
    Path data = dir.resolve("btc.csv");
    List<String> lines;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                CandleCsv.class.getResourceAsStream(CandleCsv.DEMO_RESOURCE),
                StandardCharsets.UTF_8))) {
      lines = r.lines().limit(351).toList();
    }
    Files.writeString(data, lines.stream().collect(Collectors.joining("\n", "", "\n")));
    double low = Double.MAX_VALUE;
    double high = 0;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      low = Math.min(low, Double.parseDouble(f[3]));
      high = Math.max(high, Double.parseDouble(f[2]));
    }

    assertThat(run("backtest", "--data", data.toString(), "--diary", "normal.jsonl", "--json"))
        .as(err.toString())
        .isZero();
    Map<String, Object> normal = Json.parseObject(out.toString().strip());
    assertThat(
            run(
                "backtest",
                "--data",
                data.toString(),
                "--diary",
                "blind.jsonl",
                "--json",
                "--blind",
                "--seed",
                "42"))
        .as(err.toString())
        .isZero();
    Map<String, Object> blind = Json.parseObject(out.toString().strip());

    // The same trades: the same decisions in the same cycles, the same fills (side, size), the same
    // net PnL within rounding.
    assertThat(actions(dir.resolve("blind.jsonl")))
        .isEqualTo(actions(dir.resolve("normal.jsonl")))
        .anyMatch(a -> a.contains("open_"));
    assertThat(fills(dir.resolve("blind.jsonl")))
        .isEqualTo(fills(dir.resolve("normal.jsonl")))
        .isNotEmpty();
    assertThat(((BigDecimal) blind.get("netPnl")).subtract((BigDecimal) normal.get("netPnl")).abs())
        .isLessThan(new BigDecimal("0.5"));

    // What the model saw: no real date, asset name or price.
    List<Map<String, Object>> events = events(dir.resolve("blind.jsonl"));
    List<String> seen =
        events.stream()
            .filter(e -> "model-view".equals(e.get("type")))
            .map(e -> (String) ((Map<String, Object>) e.get("data")).get("text"))
            .toList();
    assertThat(seen)
        .hasSizeGreaterThan(300)
        .noneMatch(t -> t.contains("2013-"))
        .noneMatch(t -> t.matches("(?s).*\\bBTC\\b.*"))
        .anyMatch(t -> t.contains("ASSET-1"));
    List<Double> prices = new ArrayList<>();
    for (String t : seen) {
      int open = t.indexOf('{');
      if (open < 0) continue;
      try {
        collectPrices(Json.parse(t.substring(open, t.lastIndexOf('}') + 1)), null, null, prices);
      } catch (IllegalArgumentException prose) {
        // an answer in prose
      }
    }
    double lo = low;
    double hi = high;
    assertThat(prices).hasSizeGreaterThan(1000).noneMatch(p -> p >= lo && p <= hi);
    // The disguise is recorded for the audit.
    Map<String, Object> start = (Map<String, Object>) events.getFirst().get("data");
    assertThat((Map<String, Object>) start.get("blind"))
        .containsEntry("seed", new BigDecimal(42))
        .containsKey("priceFactor")
        .containsEntry("assets", Map.of("BTC", "ASSET-1"));
  }

  @Test
  void theRepairModelSeesTheDisguiseAndItsDecisionIsMappedBack() throws Exception {
    Pattern price = Pattern.compile("\\\\\"price\\\\\":([0-9.]+)");
    Pattern levels = Pattern.compile("stop ([0-9]+\\.[0-9]+) target ([0-9]+\\.[0-9]+)");
    try (FakeOpenAiServer server =
        new FakeOpenAiServer(
            body -> {
              String all = Json.write(body);
              if ("rez-repair".equals(body.get("model"))) {
                Matcher m = levels.matcher(all);
                return m.find()
                    ? "{\"decisions\":[{\"asset\":\"ASSET-1\",\"action\":\"open_long\",\"size_usd\":25000,"
                        + "\"leverage\":5,\"stop_loss\":"
                        + m.group(1)
                        + ",\"take_profit\":"
                        + m.group(2)
                        + ",\"rationale\":\"reshaped\"}]}"
                    : "nothing to reshape";
              }
              // The main model answers in prose only, with levels around the price it was shown.
              Matcher m = price.matcher(all);
              if (!m.find()) return "I cannot see a price.";
              BigDecimal p = new BigDecimal(m.group(1));
              return "Go long ASSET-1 with 25000 USD at 5x: stop "
                  + p.multiply(new BigDecimal("0.98")).setScale(2, RoundingMode.HALF_UP)
                  + " target "
                  + p.multiply(new BigDecimal("1.04")).setScale(2, RoundingMode.HALF_UP)
                  + ".";
            })) {
      env.put("LLM_PROVIDER", "openai-compatible");
      env.put("LLM_BASE_URL", server.baseUrl());
      env.put("LLM_MODEL", "rez-main");
      env.put("SANITIZE_MODEL", "rez-repair");
      assertThat(
              run(
                  "backtest",
                  "--data",
                  bars(0, 203).toString(),
                  "--diary",
                  "repair.jsonl",
                  "--blind",
                  "--seed",
                  "42"))
          .as(err.toString())
          .isZero();
      List<String> repairs =
          server.requests.stream()
              .filter(r -> "rez-repair".equals(r.model()))
              .map(r -> Json.write(r.body()))
              .toList();
      assertThat(repairs)
          .isNotEmpty()
          .allMatch(b -> b.contains("ASSET-1"))
          .noneMatch(b -> b.matches("(?s).*\\bBTC\\b.*"))
          .noneMatch(b -> b.contains("2013-"));
      // The repaired decision, its levels in disguised units, was mapped back and traded.
      assertThat(actions(dir.resolve("repair.jsonl"))).anyMatch(a -> a.endsWith("open_long"));
      assertThat(fills(dir.resolve("repair.jsonl"))).isNotEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  static void collectPrices(Object v, String key, List<?> columns, List<Double> out) {
    switch (v) {
      case null -> {}
      case Map<?, ?> m -> {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String k = (String) e.getKey();
          if (k.equals("rows") && m.get("columns") instanceof List<?> cols) {
            for (Object row : (List<Object>) e.getValue()) {
              List<Object> cells = (List<Object>) row;
              for (int i = 0; i < cells.size(); i++)
                collectPrices(cells.get(i), String.valueOf(cols.get(i)), null, out);
            }
          } else {
            collectPrices(e.getValue(), k, null, out);
          }
        }
      }
      case List<?> l -> l.forEach(o -> collectPrices(o, key, null, out));
      case BigDecimal n -> {
        if (key != null && (PRICES.contains(key) || key.startsWith("ema:")))
          out.add(n.doubleValue());
      }
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> actions(Path diary) throws Exception {
    return events(diary).stream()
        .filter(e -> "decision".equals(e.get("type")))
        .map(e -> e.get("cycle") + " " + ((Map<String, Object>) e.get("data")).get("action"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  static List<String> fills(Path diary) throws Exception {
    return events(diary).stream()
        .filter(e -> "fill".equals(e.get("type")))
        .map(e -> (Map<String, Object>) e.get("data"))
        .map(d -> d.get("time") + " " + d.get("side") + " " + d.get("size"))
        .toList();
  }

  static List<Map<String, Object>> events(Path diary) throws Exception {
    return Files.readAllLines(diary).stream().map(Json::parseObject).toList();
  }
}
