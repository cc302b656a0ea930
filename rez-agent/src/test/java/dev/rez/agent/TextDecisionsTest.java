package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TextDecisionsTest {
  static TextDecisions.Parsed parse(String text) {
    return TextDecisions.parse(text, () -> new BigDecimal("2000"));
  }

  @Test
  void readsRezShapeFromAFence() {
    TextDecisions.Parsed p =
        parse(
            "Thinking...\n```json\n{\"reasoning\":\"r\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_long\",\"size_usd\":100,"
                + "\"leverage\":3,\"take_profit\":110,\"stop_loss\":95},{\"asset\":\"ETH\",\"action\":\"adjust_protection\",\"stop_loss\":10,\"rationale\":\"trail\"}]}\n```\nDone.");
    assertThat(p.ok()).isTrue();
    assertThat(p.calls())
        .extracting(TextDecisions.Call::tool)
        .containsExactly("open_long", "move_protection");
    assertThat(p.calls().get(0).arguments())
        .containsEntry("rationale", "r")
        .containsEntry("size_usd", new BigDecimal("100"))
        .doesNotContainKey("action");
    assertThat(p.calls().get(1).arguments()).containsEntry("rationale", "trail");
  }

  @Test
  void readsTheLegacyShape() {
    TextDecisions.Parsed p =
        parse(
            "{\"reasoning\":\"why\",\"summary\":\"s\",\"trade_decisions\":[{\"asset\":\"BTC\",\"action\":\"sell\",\"percentage\":25,"
                + "\"leverage\":4,\"tp_price\":90,\"sl_price\":105},{\"asset\":\"ETH\",\"action\":\"hold\"}]}");
    assertThat(p.ok()).isTrue();
    assertThat(p.calls().get(0).tool()).isEqualTo("open_short");
    // 25 % of $2,000 equity as margin at 4x = $2,000 notional
    assertThat((BigDecimal) p.calls().get(0).arguments().get("size_usd"))
        .isEqualByComparingTo("2000");
    assertThat(p.calls().get(0).arguments())
        .containsEntry("take_profit", new BigDecimal("90"))
        .containsEntry("stop_loss", new BigDecimal("105"));
    assertThat(p.calls().get(1).tool()).isEqualTo("hold");
    assertThat(p.calls().get(1).arguments()).containsEntry("rationale", "why");
  }

  @Test
  void explainsWhatIsWrong() {
    assertThat(parse("").error()).isEqualTo("the answer was empty");
    assertThat(parse("no json here").error()).startsWith("the answer held no JSON decision object");
    assertThat(parse("{\"foo\":1}").error())
        .isEqualTo("the JSON object has no \"decisions\" array (keys: [foo])");
    assertThat(parse("{\"decisions\":[]}").error()).isEqualTo("the \"decisions\" array is empty");
    assertThat(parse("{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"moon\"}]}").error())
        .isEqualTo(
            "decisions[0].action 'moon' is not one of open_long, open_short, close_position, move_protection, hold");
    assertThat(parse("{\"decisions\":[{\"action\":\"hold\"}]}").error())
        .isEqualTo("decisions[0].asset is missing");
    assertThat(
            parse(
                    "{\"trade_decisions\":[{\"asset\":\"BTC\",\"action\":\"buy\",\"percentage\":-5,\"leverage\":2}]}")
                .error())
        .isEqualTo("trade_decisions[0].percentage must be a positive number but was -5");
    assertThat(parse("{\"decisions\":[7]}").error())
        .isEqualTo("decisions[0] must be an object but was a number");
  }

  @Test
  void readsAnObjectBetweenProseWithBraces() {
    TextDecisions.Parsed p =
        parse(
            "Plan {BTC}: {\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"a } in text\"}]}"
                + " then {done}");
    assertThat(p.ok()).as(p.error()).isTrue();
    assertThat(p.calls().getFirst().arguments()).containsEntry("rationale", "a } in text");
  }

  static final String HOLD_BTC =
      "{\"reasoning\":\"no edge\",\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"signals disagree\"}]}";

  /** The decision format's own example: a BTC open_long of $500 at 5x. */
  static String formatExample() {
    String format = Agent.decisionFormat();
    TextDecisions.Span first = TextDecisions.objects(format).getFirst();
    return format.substring(first.from(), first.to());
  }

  @Test
  void theFinalAnswerWinsOverAnEchoedExample() {
    assertThat(parse(formatExample()).calls().getFirst().tool()).isEqualTo("open_long");
    TextDecisions.Parsed p =
        parse(
            "The format asks for "
                + formatExample()
                + ". Having checked the numbers, my answer is:\n"
                + HOLD_BTC);
    assertThat(p.ok()).as(p.error()).isTrue();
    assertThat(p.calls()).extracting(TextDecisions.Call::tool).containsExactly("hold");
    assertThat(p.calls().getFirst().arguments()).containsEntry("rationale", "signals disagree");
  }

  @Test
  void aDraftBeforeTheFinalAnswerIsNotTraded() {
    String draft =
        "```json\n{\"decisions\":[{\"asset\":\"BTC\",\"action\":\"open_short\",\"size_usd\":100,"
            + "\"leverage\":3,\"take_profit\":90,\"stop_loss\":105}]}\n```";
    TextDecisions.Parsed p =
        parse("Draft:\n" + draft + "\nOn reflection:\n```json\n" + HOLD_BTC + "\n```");
    assertThat(p.calls()).extracting(TextDecisions.Call::tool).containsExactly("hold");
  }

  @Test
  void aLoneDecisionObjectNeverOverridesAFullAnswer() {
    String lone =
        "{\"asset\":\"BTC\",\"action\":\"open_long\",\"size_usd\":100,\"leverage\":3,"
            + "\"take_profit\":110,\"stop_loss\":95}";
    // After the full answer, and before it.
    assertThat(parse(HOLD_BTC + "\nFor instance " + lone + " would be a long.").calls())
        .extracting(TextDecisions.Call::tool)
        .containsExactly("hold");
    assertThat(parse("I considered " + lone + " but: " + HOLD_BTC).calls())
        .extracting(TextDecisions.Call::tool)
        .containsExactly("hold");
    // Alone, a lone object is still a decision; several for one asset: the last.
    assertThat(parse("Answer: " + lone).calls())
        .extracting(TextDecisions.Call::tool)
        .containsExactly("open_long");
    assertThat(
            parse(lone + " no, rather {\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"x\"}")
                .calls())
        .extracting(TextDecisions.Call::tool)
        .containsExactly("hold");
  }

  @Test
  void proseBracesAfterTheAnswerAreNotAnUnfinishedObject() {
    assertThat(
            parse(
                    HOLD_BTC
                        + "\nNote: levels {60k-62k are key; the \"action\" was hold, {see above.")
                .calls())
        .extracting(TextDecisions.Call::tool)
        .containsExactly("hold");
  }

  @Test
  void answersThatCannotBeResolvedAreRefused() {
    // Separate objects for different assets: drafts or decisions? Not guessed.
    TextDecisions.Parsed separate =
        parse(
            "{\"asset\":\"BTC\",\"action\":\"hold\",\"rationale\":\"x\"} and "
                + "{\"asset\":\"ETH\",\"action\":\"hold\",\"rationale\":\"y\"}");
    assertThat(separate.ok()).isFalse();
    assertThat(separate.error())
        .isEqualTo(
            "the answer holds separate decision objects for BTC, ETH: answer with one {\"decisions\": [...]} object");
    // A final answer cut short does not fall back to the draft before it.
    TextDecisions.Parsed cut =
        parse(
            formatExample()
                + "\nMy answer: {\"decisions\":[{\"asset\":\"BTC\",\"action\":\"hold\"");
    assertThat(cut.ok()).isFalse();
    assertThat(cut.error()).isEqualTo("the answer holds an unfinished JSON object");
    // Cut before its decisions: the format puts the reasoning first.
    assertThat(parse(formatExample() + "\nMy answer:\n{\"reasoning\": \"BTC broke down, so").ok())
        .isFalse();
    // Cut inside its own list: the complete first element is not read as a lone decision.
    String longBtc =
        "{\"asset\":\"BTC\",\"action\":\"open_long\",\"size_usd\":100,\"leverage\":3,"
            + "\"take_profit\":110,\"stop_loss\":95}";
    TextDecisions.Parsed inside =
        parse("{\"reasoning\":\"r\",\"decisions\":[" + longBtc + ",{\"asset\":\"ET");
    assertThat(inside.ok()).isFalse();
    assertThat(inside.error()).isEqualTo("the answer holds an unfinished JSON object");
    // One full object per asset: reading the last would drop the others.
    TextDecisions.Parsed pieces =
        parse(
            "BTC: {\"decisions\":[{\"asset\":\"BTC\",\"action\":\"close\",\"rationale\":\"x\"}]}"
                + " ETH: {\"decisions\":[{\"asset\":\"ETH\",\"action\":\"hold\",\"rationale\":\"y\"}]}");
    assertThat(pieces.ok()).isFalse();
    assertThat(pieces.error()).startsWith("the answer holds separate {\"decisions\"} objects");
    // The final answer is broken: its problem is reported, the draft before it is not taken.
    assertThat(
            parse(
                    formatExample()
                        + " then {\"decisions\":[{\"asset\":\"BTC\",\"action\":\"moon\"}]}")
                .error())
        .startsWith("decisions[0].action 'moon' is not one of");
  }
}
