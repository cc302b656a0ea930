package dev.rez.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvFileTest {
  @Test
  void parsesCommentsQuotesAndExport() {
    var vars =
        EnvFile.parse(
            List.of(
                "# c",
                "",
                "A=1",
                "export B = two ",
                "C=\"with # hash\"",
                "D='x'",
                "E=v # trailing",
                "A=3"),
            ".env");
    assertThat(vars)
        .containsEntry("A", "3")
        .containsEntry("B", "two")
        .containsEntry("C", "with # hash")
        .containsEntry("D", "x")
        .containsEntry("E", "v");
  }

  @Test
  void badLineNamesFileAndLine() {
    assertThatThrownBy(() -> EnvFile.parse(List.of("A=1", "garbage"), "my.env"))
        .hasMessageContaining("my.env line 2");
    assertThatThrownBy(() -> EnvFile.parse(List.of("1A=1"), "my.env")).hasMessageContaining("'1A'");
  }

  @Test
  void aQuotedValueEndsAtItsClosingQuoteAndMayBeFollowedByAComment() {
    var vars =
        EnvFile.parse(
            List.of(
                "RISK_PROFILE=\"high\"   # bolder",
                "ASSETS=\"BTC ETH\" # two",
                "LITERAL='a\\nb # c'",
                "ESCAPED=\"say \\\"hi\\\"\\tthen\" #",
                "TAB=v\t# tab before the hash",
                "GLUED=a#b",
                "EMPTY=\"\" # nothing",
                "SPACED = \"  padded  \""),
            ".env");
    assertThat(vars)
        .containsEntry("RISK_PROFILE", "high")
        .containsEntry("ASSETS", "BTC ETH")
        .containsEntry("LITERAL", "a\\nb # c")
        .containsEntry("ESCAPED", "say \"hi\"\tthen")
        .containsEntry("TAB", "v")
        .containsEntry("GLUED", "a#b")
        .containsEntry("EMPTY", "")
        .containsEntry("SPACED", "  padded  ");
  }

  @Test
  void aBadQuotedValueIsAnErrorThatDoesNotShowTheValue() {
    String key = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    assertThatThrownBy(
            () ->
                EnvFile.parse(
                    List.of("A=1", "HYPERLIQUID_PRIVATE_KEY=\"" + key + "\" trailing"), "my.env"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("my.env line 2")
        .hasMessageContaining("HYPERLIQUID_PRIVATE_KEY")
        .hasMessageNotContaining(key)
        .hasMessageNotContaining("trailing");
    assertThatThrownBy(() -> EnvFile.parse(List.of("HYPERLIQUID_PRIVATE_KEY='" + key), "my.env"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("my.env line 1")
        .hasMessageContaining("closing quote")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> EnvFile.parse(List.of(key + " x=1"), "my.env"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(key);
  }
}
