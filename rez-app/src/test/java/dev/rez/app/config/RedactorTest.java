package dev.rez.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  static final String HEX_KEY =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  @Test
  void masksTheConfiguredSecretsInAnyForm() {
    Redactor r =
        Redactor.of(
            Arrays.asList(
                Secret.of(HEX_KEY), Secret.of("tok\"en-with-quote"), null, Secret.of("abc")));
    assertThat(r.scrub("key " + HEX_KEY + " bare " + HEX_KEY.substring(2).toUpperCase() + " end"))
        .isEqualTo("key [redacted] bare [redacted] end");
    assertThat(r.scrub("{\"m\":\"tok\\\"en-with-quote\"}")).isEqualTo("{\"m\":\"[redacted]\"}");
    // Too short to search for without garbling the text.
    assertThat(r.scrub("abc")).isEqualTo("abc");
  }

  @Test
  void masksWhatLooksLikeACredential() {
    Redactor r = Redactor.none();
    assertThat(r.scrub("Authorization: Bearer eyJhbGciOiJI.abc_def"))
        .isEqualTo("Authorization: Bearer [redacted]");
    assertThat(r.scrub("Incorrect API key provided: sk-proj-AbCdEf0123456789xyz."))
        .isEqualTo("Incorrect API key provided: [redacted].");
    assertThat(r.scrub("{\"api_key\": \"k3y-v4lue-123456\"}"))
        .isEqualTo("{\"api_key\": \"[redacted]\"}");
    // A transaction hash in a fill stays (it is 64 hex digits too, but not a configured key).
    String hash = "0x" + "ab".repeat(32);
    assertThat(r.scrub("hash " + hash)).isEqualTo("hash " + hash);
    assertThat(r.scrub(null)).isNull();
  }

  @Test
  void masksInAnyLetterCaseAndAmongOtherText() {
    Redactor r = Redactor.of(List.of(Secret.of(HEX_KEY), Secret.of("Pa55-Phrase")));
    String upper = "0X" + HEX_KEY.substring(2).toUpperCase();
    assertThat(r.scrub("{\"a\":\"" + upper + "\",\"b\":\"pa55-phrase Pa55-Phrase\"}"))
        .isEqualTo("{\"a\":\"[redacted]\",\"b\":\"pa55-phrase [redacted]\"}");
    assertThat(r.scrub("x BEARER eyJhbGciOiJI.abc_def y")).isEqualTo("x BEARER [redacted] y");
    assertThat(
            r.scrub(
                "ACCESS_TOKEN=abcdefgh12345 PassWord: 'hunter2hunter2' X-Api-Key=\"q1w2e3r4t5\""))
        .isEqualTo("ACCESS_TOKEN=[redacted] PassWord: '[redacted]' X-Api-Key=\"[redacted]\"");
    // Non-ASCII text around a key changes nothing about finding it.
    assertThat(r.scrub("İstanbul " + HEX_KEY.substring(2) + " é"))
        .isEqualTo("İstanbul [redacted] é");
    String plain = "{\"schema\":\"rez.context/1\",\"rsi\":55.1,\"note\":\"nothing secret here\"}";
    assertThat(r.scrub(plain)).isSameAs(plain);
  }

  @Test
  void findsNeedlesInAnyAsciiCaseWithoutCopyingTheText() {
    assertThat(Redactor.containsAsciiIgnoreCase("x BeArEr y", "bearer")).isTrue();
    assertThat(Redactor.containsAsciiIgnoreCase("PASSWORD", "password")).isTrue();
    assertThat(Redactor.containsAsciiIgnoreCase("abc", "abc")).isTrue();
    assertThat(Redactor.containsAsciiIgnoreCase("ab", "abc")).isFalse();
    assertThat(Redactor.containsAsciiIgnoreCase("bearrer", "bearer")).isFalse();
    // Only ASCII letters fold, as in the patterns' (?i): the Kelvin sign is not a k.
    assertThat(Redactor.containsAsciiIgnoreCase("\u212Aey", "key")).isFalse();
    assertThat(Redactor.words("no such words here")).isZero();
    assertThat(Redactor.words("x BEARER")).isEqualTo(1);
    assertThat(Redactor.words("Api")).isEqualTo(2);
    assertThat(Redactor.words("a PassWord and a bEarer")).isEqualTo(3);
    assertThat(Redactor.words("acces secre passwor beare ap")).isZero();
    assertThat(Redactor.none().scrub("{\"API_KEY\":\"abcdefgh12345\"}"))
        .isEqualTo("{\"API_KEY\":\"[redacted]\"}");
  }

  @Test
  void maskKeysHidesKeyShapedValuesInConfigurationMessages() {
    assertThat(Redactor.maskKeys("ASSETS contains an invalid asset '" + HEX_KEY + "'"))
        .isEqualTo("ASSETS contains an invalid asset '[redacted]'");
    assertThat(Redactor.maskKeys("was '" + HEX_KEY.substring(2) + "'"))
        .isEqualTo("was '[redacted]'");
    assertThat(Redactor.maskKeys("was 'sk-or-v1-0123456789abcdef'")).isEqualTo("was '[redacted]'");
    assertThat(Redactor.maskKeys("was 'Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u'"))
        .isEqualTo("was '[redacted]'");
    // Ordinary values stay readable.
    for (String plain :
        List.of(
            "INTERVAL must be one of 1m, 5m but was '7m'",
            "/home/trader/projects/rez/data/testnet/diary.jsonl",
            "0x00000000000000000000000000000000000000aa",
            "https://api.hyperliquid.xyz")) {
      assertThat(Redactor.maskKeys(plain)).isEqualTo(plain);
    }
  }

  @Test
  void safeUrlDropsUserInfoQueryAndFragment() {
    assertThat(Redactor.safeUrl("https://user:pa55@api.example.com:8443/base/?key=s3cret#frag"))
        .isEqualTo("https://api.example.com:8443/base/");
    assertThat(Redactor.safeUrl("http://127.0.0.1:7071")).isEqualTo("http://127.0.0.1:7071");
    assertThat(Redactor.safeUrl("not a url")).isEqualTo("(not a URL)");
    assertThat(Redactor.safeUrl(null)).isNull();
  }

  @Test
  void aKeyOfDigitsOnlyIsMaskedEvenWithoutItsLeadingZeros() {
    String digits = "0" + "123456789".repeat(7);
    assertThat(Redactor.maskKeys("was " + digits)).isEqualTo("was [redacted]");
    assertThat(Redactor.maskKeys("was " + digits.substring(1) + ".5"))
        .isEqualTo("was [redacted].5");
    assertThat(Redactor.looksLikeKey(digits.substring(1))).isTrue();
    // Ordinary numbers, addresses and order ids stay readable.
    String address = "0x" + "1234567890".repeat(4);
    assertThat(Redactor.maskKeys("port 70000, size 123456789012, " + address))
        .isEqualTo("port 70000, size 123456789012, " + address);
  }

  @Test
  void aMnemonicIsRecognisedByItsShape() {
    assertThat(
            Redactor.looksLikeMnemonic(
                "test test test test test test test test test test test junk"))
        .isTrue();
    assertThat(
            Redactor.looksLikeMnemonic(
                " Legal winner thank year wave sausage worth useful legal winner thank yellow\n"))
        .isTrue();
    // A word mistyped, or one missing, is as secret.
    assertThat(
            Redactor.looksLikeMnemonic(
                "abandon ability able about above absent absorb abstract absurd abuse acess"))
        .isTrue();
    assertThat(Redactor.looksLikeMnemonic("moderate")).isFalse();
    assertThat(Redactor.looksLikeMnemonic("BTC ETH SOL")).isFalse();
    assertThat(Redactor.looksLikeMnemonic("one two three four five six seven eight nine ten 11 12"))
        .isFalse();
    assertThat(Redactor.looksLikeMnemonic(null)).isFalse();
  }
}
