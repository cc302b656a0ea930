package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void keepsKeyOrderAndExactNumbers() {
    String text =
        "{\"z\":1,\"a\":[true,null,\"x\"],\"big\":12312312312300000000,\"d\":1.50,\"e\":1e-7,\"nonce\":1700000000000}";
    Map<String, Object> m = Json.parseObject(text);
    assertThat(m.keySet()).containsExactly("z", "a", "big", "d", "e", "nonce");
    assertThat(m.get("z")).isEqualTo(BigDecimal.ONE);
    assertThat(m.get("big")).isEqualTo(new BigDecimal("12312312312300000000"));
    assertThat(m.get("d")).isEqualTo(new BigDecimal("1.50"));
    assertThat(m.get("nonce")).isEqualTo(BigDecimal.valueOf(1_700_000_000_000L));
    assertThat(Json.write(m))
        .isEqualTo(
            "{\"z\":1,\"a\":[true,null,\"x\"],\"big\":12312312312300000000,\"d\":1.5,\"e\":0.0000001,\"nonce\":1700000000000}");
  }

  @Test
  void escapesStrings() {
    assertThat(Json.write("a\"b\\c\n\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001é\"");
    assertThat(Json.parse(Json.write("a\"b\\c\n\u0001é"))).isEqualTo("a\"b\\c\n\u0001é");
  }

  @Test
  void rejectsNonJsonWithAClearMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Json.parse("<html>"))
        .withMessageStartingWith("not JSON");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Json.parse("{} {}"))
        .withMessageContaining("after the JSON value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Json.parseObject("[1]"))
        .withMessageContaining("an array");
  }
}
