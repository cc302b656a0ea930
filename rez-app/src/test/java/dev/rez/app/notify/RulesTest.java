package dev.rez.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesTest {
  static Diary.Entry entry(String type, String json) {
    return new Diary.Entry(
        "9", new DiaryEvent(Instant.parse("2026-03-01T00:00:00Z"), 3, type, Asset.of("ETH"), json));
  }

  static String textOf(Set<Rule> rules, String type, String json) {
    return new Rules(rules).select(entry(type, json)).text();
  }

  static String ruleOf(Set<Rule> rules, String type, String json) {
    Notification n = new Rules(rules).select(entry(type, json));
    return n == null ? null : n.rule();
  }

  @Test
  void eachRuleSelectsItsEvents() {
    assertThat(
            ruleOf(
                Rule.DEFAULTS,
                "fill",
                "{\"side\":\"buy\",\"size\":1,\"price\":3000,\"fee\":0.1,\"closedPnl\":0}"))
        .isEqualTo("fills");
    assertThat(
            ruleOf(
                Rule.DEFAULTS,
                "protection",
                "{\"action\":\"stop-loss-failed\",\"detail\":\"rejected\"}"))
        .isEqualTo("protection");
    assertThat(ruleOf(Rule.DEFAULTS, "kill-switch", "{\"state\":\"stop-entries\",\"by\":\"api\"}"))
        .isEqualTo("kill-switch");
    assertThat(
            ruleOf(
                Rule.DEFAULTS,
                "kill-switch",
                "{\"state\":\"stop-entries\",\"by\":\"risk-policy\",\"reason\":\"daily loss\"}"))
        .isEqualTo("daily-loss");
    assertThat(ruleOf(Rule.DEFAULTS, "error", "{\"where\":\"safe-mode\",\"message\":\"3 failed\"}"))
        .isEqualTo("safe-mode");
    assertThat(
            ruleOf(Rule.DEFAULTS, "error", "{\"where\":\"decision\",\"message\":\"model down\"}"))
        .isEqualTo("outages");
    assertThat(ruleOf(Rule.DEFAULTS, "stale-price", "{\"message\":\"mark 40 s old\"}"))
        .isEqualTo("stale-price");
    assertThat(ruleOf(Rule.DEFAULTS, "error", "{\"where\":\"stale-price\",\"message\":\"old\"}"))
        .isEqualTo("stale-price");
    // The executor's re-check refusing an entry because the mark moved since the decision.
    String recheck =
        "{\"outcome\":\"rejected\",\"stage\":\"recheck\",\"reasons\":[{\"code\":\"stale-price\",\"message\":\"mark moved 80 bps\"}]}";
    assertThat(ruleOf(Rule.DEFAULTS, "risk-verdict", recheck)).isEqualTo("stale-price");
    assertThat(new Rules(Rule.DEFAULTS).select(entry("risk-verdict", recheck)).text())
        .isEqualTo("Stale price ETH: mark moved 80 bps");
    assertThat(ruleOf(Rule.DEFAULTS, "app-start", "{\"mode\":\"demo\"}")).isEqualTo("app");
    assertThat(ruleOf(Rule.DEFAULTS, "daily-summary", "{\"date\":\"2026-03-01\"}"))
        .isEqualTo("daily-summary");
    assertThat(ruleOf(Rule.DEFAULTS, "drawdown", "{\"fraction\":0.1}")).isEqualTo("drawdown");
  }

  @Test
  void noiseIsLeftOut() {
    assertThat(ruleOf(Rule.DEFAULTS, "cycle-start", "{}")).isNull();
    assertThat(ruleOf(Rule.DEFAULTS, "prompt", "{}")).isNull();
    // A failure the exchange client still retries is not an outage; its last attempt is.
    assertThat(
            ruleOf(
                Rule.DEFAULTS, "error", "{\"where\":\"exchange\",\"attempt\":1,\"maxAttempts\":3}"))
        .isNull();
    assertThat(
            ruleOf(
                Rule.DEFAULTS, "error", "{\"where\":\"exchange\",\"attempt\":3,\"maxAttempts\":3}"))
        .isEqualTo("outages");
    // Risk rejections only when asked for.
    String rejected =
        "{\"outcome\":\"rejected\",\"reasons\":[{\"code\":\"cooldown\",\"message\":\"cooling down\"}]}";
    assertThat(ruleOf(Rule.DEFAULTS, "risk-verdict", rejected)).isNull();
    assertThat(ruleOf(EnumSet.of(Rule.RISK_REJECTIONS), "risk-verdict", rejected))
        .isEqualTo("risk-rejections");
    assertThat(
            ruleOf(EnumSet.of(Rule.RISK_REJECTIONS), "risk-verdict", "{\"outcome\":\"approved\"}"))
        .isNull();
    assertThat(
            ruleOf(EnumSet.of(Rule.FILLS), "kill-switch", "{\"state\":\"flatten\",\"by\":\"api\"}"))
        .isNull();
  }

  @Test
  void theNotificationCarriesTheEventAndAReadableLine() {
    Notification n =
        new Rules(Rule.DEFAULTS)
            .select(
                entry(
                    "fill",
                    "{\"side\":\"sell\",\"size\":0.5,\"price\":3100.50,\"fee\":0.2,\"closedPnl\":12.5}"));
    assertThat(n.id()).isEqualTo("9");
    assertThat(n.asset()).isEqualTo("ETH");
    assertThat(n.cycle()).isEqualTo(3);
    assertThat(n.text()).isEqualTo("Fill ETH: sell 0.5 @ 3100.5 (fee 0.2, PnL 12.5)");
    assertThat(
            textOf(
                EnumSet.of(Rule.RISK_REJECTIONS),
                "risk-verdict",
                "{\"outcome\":\"rejected\",\"reasons\":[{\"code\":\"a\",\"message\":\"too big\"},{\"code\":\"b\",\"message\":\"cooldown\"}]}"))
        .isEqualTo("Risk rejected ETH: too big; cooldown");
  }

  @Test
  void appStartAndMissingValuesReadAsALine() {
    assertThat(
            textOf(
                EnumSet.of(Rule.APP),
                "app-start",
                "{\"mode\":\"demo\",\"network\":\"simulator\",\"assets\":[\"BTC\",\"ETH\"]}"))
        .isEqualTo("Rez started: demo on simulator, BTC ETH, model -");
  }

  @Test
  void ruleListsParse() {
    assertThat(Rule.parseList("fills, kill-switch daily-loss"))
        .containsExactlyInAnyOrder(Rule.FILLS, Rule.KILL_SWITCH, Rule.DAILY_LOSS);
    assertThat(Rule.parseList("all")).hasSize(Rule.values().length);
    assertThat(Rule.parseList("default,risk-rejections")).hasSize(Rule.values().length);
    assertThatThrownBy(() -> Rule.parseList("fills,trades"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'trades'");
  }
}
