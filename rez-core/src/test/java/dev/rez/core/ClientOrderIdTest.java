package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientOrderIdTest {
  @Test
  void deriveTakesTheFirstSixteenBytesOfSha256() {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad (FIPS
    // 180-2 example)
    assertThat(ClientOrderId.derive("abc").hex()).isEqualTo("0xba7816bf8f01cfea414140de5dae2223");
  }

  @Test
  void deriveIsDeterministicAndDistinguishesIntents() {
    ClientOrderId a = ClientOrderId.derive("cycle-42/BTC/open-long/entry");
    assertThat(ClientOrderId.derive("cycle-42/BTC/open-long/entry")).isEqualTo(a);
    assertThat(ClientOrderId.derive("cycle-42/BTC/open-long/sl")).isNotEqualTo(a);
    assertThat(a.hex()).matches("0x[0-9a-f]{32}");
    assertThat(a).hasToString(a.hex());
  }

  @Test
  void deriveHashesUtf8AndAcceptsTheEmptyIntent() {
    // SHA-256 of the UTF-8 bytes c3 a9 of "é", and of no bytes at all.
    assertThat(ClientOrderId.derive("é").hex()).isEqualTo("0x4a99557e4033c3539de2eb65472017ca");
    assertThat(ClientOrderId.derive("").hex()).isEqualTo("0xe3b0c44298fc1c149afbf4c8996fb924");
  }

  @Test
  void parsesAnyCaseAndNormalisesToLowerCase() {
    ClientOrderId id = ClientOrderId.of("0xABCDEF0123456789ABCDEF0123456789");
    assertThat(id.hex()).isEqualTo("0xabcdef0123456789abcdef0123456789");
    assertThat(id).isEqualTo(ClientOrderId.of("0xabcdef0123456789abcdef0123456789"));
    assertThat(ClientOrderId.of("0X00000000000000000000000000000001").hex())
        .isEqualTo("0x00000000000000000000000000000001");
  }

  @Test
  void rejectsMalformedIds() {
    for (String bad :
        new String[] {
          "",
          "0x",
          "0x1234",
          "abcdef0123456789abcdef0123456789ab",
          "0xabcdef0123456789abcdef012345678g",
          "0xabcdef0123456789abcdef01234567890",
          "1xabcdef0123456789abcdef0123456789"
        }) {
      assertThatThrownBy(() -> ClientOrderId.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cloid must be 0x followed by 32 hex digits")
          .hasMessageContaining("'" + bad.toLowerCase(java.util.Locale.ROOT) + "'");
    }
    assertThatThrownBy(() -> ClientOrderId.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cloid == null");
    assertThatThrownBy(() -> ClientOrderId.derive(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("intent == null");
  }
}
