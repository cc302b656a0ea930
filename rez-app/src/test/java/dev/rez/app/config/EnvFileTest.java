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
}
