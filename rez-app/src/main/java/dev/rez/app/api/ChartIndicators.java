package dev.rez.app.api;

import dev.rez.core.Candle;
import dev.rez.indicators.IndicatorRegistry;
import dev.rez.indicators.IndicatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicator overlays of {@code /api/candles}, computed by rez-indicators (the same code the
 * agent's context uses). A series is named as requested ({@code ema:12}); an indicator with several
 * outputs adds the output's name ({@code bb:20:2.upper}, {@code macd:12:26:9.signal}). Values are
 * NaN (written {@code null}) during warm-up.
 */
final class ChartIndicators {
  static final int MAX_SPECS = 12;
  static final double MAX_PARAMETER = 1000;

  private ChartIndicators() {}

  record Spec(String text, IndicatorSpec spec) {}

  static List<Spec> parse(String param) {
    List<Spec> out = new ArrayList<>();
    if (param == null || param.isBlank()) return out;
    for (String raw : param.split(",", -1)) {
      String text = raw.strip();
      String[] parts = text.split(":", -1);
      for (int i = 1; i < parts.length; i++) {
        // Periods size the indicators' windows: bound them, whatever the indicator accepts.
        try {
          if (Math.abs(Double.parseDouble(parts[i])) > MAX_PARAMETER) {
            throw ApiException.badParameter(
                "indicators: '"
                    + Params.shown(text)
                    + "' has a parameter above "
                    + (int) MAX_PARAMETER);
          }
        } catch (NumberFormatException e) {
          // not a number (e.g. an interval): the registry judges it
        }
      }
      try {
        out.add(new Spec(text, IndicatorRegistry.parse(text)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badParameter("indicators: " + e.getMessage());
      }
      if (out.size() > MAX_SPECS)
        throw ApiException.badParameter("indicators lists at most " + MAX_SPECS + " indicators");
    }
    return out;
  }

  /** The series of one spec, by their names in the response. */
  static Map<String, double[]> compute(Spec s, List<Candle> candles) {
    Map<String, double[]> series = s.spec().compute(candles);
    if (series.size() == 1) return Map.of(s.text(), series.values().iterator().next());
    Map<String, double[]> out = new LinkedHashMap<>();
    series.forEach((name, values) -> out.put(s.text() + "." + name, values));
    return out;
  }
}
