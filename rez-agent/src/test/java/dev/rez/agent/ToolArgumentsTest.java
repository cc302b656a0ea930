package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.Interval;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {
  @Test
  void typedGetters() {
    ToolArguments a =
        ToolArguments.parse(
            "{\"asset\":\" BTC \",\"interval\":\"4h\",\"price\":\"65000.5\",\"n\":3,\"flag\":true}");
    assertThat(a.asset("asset")).isEqualTo(Asset.of("BTC"));
    assertThat(a.interval("interval")).isEqualTo(Interval.H4);
    assertThat(a.decimal("price")).isEqualByComparingTo("65000.5");
    assertThat(a.integer("n")).contains(3);
    assertThat(a.integer("missing")).isEmpty();
    assertThat(a.optionalString("flag")).contains("true");
    assertThat(ToolArguments.parse("  ").asMap()).isEmpty();
  }

  @Test
  void mistakesNameTheArgument() {
    ToolArguments a =
        ToolArguments.parse("{\"price\":\"cheap\",\"n\":2.5,\"interval\":\"7m\",\"list\":[1]}");
    assertThatThrownBy(() -> a.decimal("price"))
        .isInstanceOf(ToolException.class)
        .hasMessage("argument 'price' must be a number but was \"cheap\"");
    assertThatThrownBy(() -> a.integer("n"))
        .hasMessage("argument 'n' must be a whole number but was 2.5");
    assertThatThrownBy(() -> a.string("asset")).hasMessage("missing required argument 'asset'");
    assertThatThrownBy(() -> a.interval("interval"))
        .hasMessageStartingWith("argument 'interval': unknown interval '7m'");
    assertThatThrownBy(() -> a.string("list"))
        .hasMessage("argument 'list' must be a string but was [1]");
    assertThatThrownBy(() -> ToolArguments.parse("[1]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersOfAbsurdMagnitudeAreRefused() {
    assertThatThrownBy(() -> ToolArguments.parse("{\"size_usd\":1e99999999}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number 1e99999999 is out of range");
    ToolArguments a =
        ToolArguments.parse("{\"stop\":\"1e-99999999\",\"zero\":0e-99999999,\"ok\":1.5e3}");
    assertThatThrownBy(() -> a.decimal("stop"))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("argument 'stop': number 1e-99999999 is out of range");
    assertThat(a.decimal("zero").scale()).isZero();
    assertThat(a.decimal("ok")).isEqualByComparingTo("1500");
  }

  @Test
  void resultsRenderForTheModel() {
    assertThat(ToolResult.of(java.util.Map.of("b", 2, "a", 1)).text())
        .isEqualTo("{\"a\":1,\"b\":2}");
    assertThat(ToolResult.error("no such asset").text()).isEqualTo("ERROR: no such asset");
    assertThat(ToolResult.error("x").isError()).isTrue();
    assertThatThrownBy(() -> ToolResult.error(" ")).hasMessage("message must not be blank");
  }
}
