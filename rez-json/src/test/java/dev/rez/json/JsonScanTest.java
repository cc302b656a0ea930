package dev.rez.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonScanTest {
  private static boolean readerAccepts(String text) {
    try {
      Json.requireObjectByReader(text);
      return true;
    } catch (JsonException e) {
      return false;
    }
  }

  private static final List<String> VALID =
      List.of(
          "{}",
          " \n\t{ } \r\n",
          "{\"a\":1}",
          "{\"a\":[1,-2.5e+3,0,0.0,-0,1E9,true,false,null,\"x\"],\"b\":{\"c\":{}}}",
          "{\"esc\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\uD83D\\uDE00\"}",
          "{\"\":\"\",\"k\" : [ ] , \"l\":[ {} , [] ]}",
          "{\"big\":123456789012345678901234567890e-400}",
          "{\"u\":\"é ü 😀 \u2028\"}");

  private static final List<String> INVALID =
      List.of(
          "",
          "[]",
          "1",
          "\"s\"",
          "{",
          "}",
          "{\"a\"}",
          "{\"a\":}",
          "{\"a\":1,}",
          "{,}",
          "{\"a\":1}{}",
          "{\"a\":1} x",
          "{a:1}",
          "{'a':1}",
          "{\"a\":01}",
          "{\"a\":1.}",
          "{\"a\":.5}",
          "{\"a\":+1}",
          "{\"a\":1e}",
          "{\"a\":-}",
          "{\"a\":NaN}",
          "{\"a\":Infinity}",
          "{\"a\":tru}",
          "{\"a\":nul}",
          "{\"a\":\"\\x\"}",
          "{\"a\":\"\\u12G4\"}",
          "{\"a\":\"\\u١٢٣٤\"}",
          "{\"a\":\"unterminated}",
          "{\"a\":[1 2]}",
          "{\"a\":1 \"b\":2}",
          "{\"a\":1}\u0000");

  @Test
  void acceptsValidObjectsAsTheReaderDoes() {
    for (String text : VALID) {
      assertThat(JsonScan.isObject(text)).as(text).isTrue();
      assertThat(readerAccepts(text)).as(text).isTrue();
    }
  }

  @Test
  void refusesWhatIsNotOneObject() {
    for (String text : INVALID) assertThat(JsonScan.isObject(text)).as(text).isFalse();
  }

  @Test
  void deepNestingIsLeftToTheReader() {
    String deep = "{\"a\":" + "[".repeat(JsonScan.MAX_DEPTH) + "]".repeat(JsonScan.MAX_DEPTH) + "}";
    assertThat(JsonScan.isObject(deep)).isFalse();
    String ok = "{\"a\":" + "[".repeat(10) + "]".repeat(10) + "}";
    assertThat(JsonScan.isObject(ok)).isTrue();
  }

  /**
   * Random edits of valid objects: whatever the scan accepts, the reader accepts too (a yes from
   * the scan is final, so it must never be wrong).
   */
  @Test
  void neverAcceptsWhatTheReaderRefuses() {
    Random random = new Random(42);
    String alphabet = "{}[]:,\"\\ -+.eE0123456789abcdeftrunlsx\n\u0001é";
    List<String> mutated = new ArrayList<>();
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      mutated.add(b.toString());
    }
    int accepted = 0;
    for (String text : mutated) {
      if (JsonScan.isObject(text)) {
        accepted++;
        assertThat(readerAccepts(text)).as("the reader refuses %s", text).isTrue();
      }
    }
    // Some edits keep the text valid (a digit for a digit, a space added): the check saw both
    // sides.
    assertThat(accepted).isGreaterThan(100);
  }
}
