package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.rez.json.Json;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class KeysTest {
  static final String KEY_HEX = "0123456789012345678901234567890123456789012345678901234567890123";

  @Test
  void addressFromKeyWithOrWithoutPrefixAndWhitespace() {
    for (String k : new String[] {KEY_HEX, "0x" + KEY_HEX, "  0X" + KEY_HEX.toUpperCase() + "\n"}) {
      assertThat(PrivateKeySigner.fromHex(k).address())
          .isEqualTo("0x14791697260e4c9a71f18484c9f997b308e59325");
    }
  }

  @Test
  void keyNeverAppearsInToStringOrErrors() {
    PrivateKeySigner signer = PrivateKeySigner.fromHex(KEY_HEX);
    assertThat(signer.toString())
        .contains(signer.address())
        .doesNotContain(KEY_HEX)
        .doesNotContain("456789012345");
    String almost = KEY_HEX.substring(0, 63) + "g";
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PrivateKeySigner.fromHex(almost))
        .withMessageNotContaining(KEY_HEX.substring(0, 20))
        .withMessageContaining("position 63");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PrivateKeySigner.fromHex(KEY_HEX + "00"))
        .withMessageNotContaining(KEY_HEX.substring(0, 20))
        .withMessageContaining("66 characters");
    assertThatNullPointerException()
        .isThrownBy(() -> PrivateKeySigner.fromHex(null))
        .withMessage("privateKey == null");
  }

  @Test
  void keyGivenWhereAnAddressBelongsIsNeverEchoed() {
    // The most common mix-up: the private key pasted into the account-address setting.
    for (String k : new String[] {KEY_HEX, "0x" + KEY_HEX, "0x" + KEY_HEX.substring(0, 41) + "g"}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> HyperliquidExchange.builder().accountAddress(k))
          .withMessageContaining("accountAddress")
          .withMessageNotContaining(KEY_HEX.substring(0, 20));
      assertThatIllegalArgumentException()
          .isThrownBy(() -> HyperliquidExchange.builder().vaultAddress(k))
          .withMessageNotContaining(KEY_HEX.substring(0, 20));
      assertThatIllegalArgumentException()
          .isThrownBy(() -> Hex.decode(k.substring(0, k.length() - 1) + "z", "cloid"))
          .withMessageNotContaining(KEY_HEX.substring(0, 20));
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HyperliquidExchange.builder().accountAddress("0x" + KEY_HEX))
        .withMessageContaining("66 characters")
        .withMessageContaining("private key");
    // A short, harmless mistake is still shown, so the user can see it.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HyperliquidExchange.builder().accountAddress("0x1234"))
        .withMessageContaining("'0x1234'");
  }

  @Test
  void keyOutsideTheCurveOrderIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PrivateKeySigner.fromHex("0".repeat(64)))
        .withMessageContaining("range");
    String n = Secp256k1.N.toString(16);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PrivateKeySigner.fromHex(n))
        .withMessageContaining("range");
    assertThat(
            PrivateKeySigner.fromHex(Secp256k1.N.subtract(BigInteger.ONE).toString(16)).address())
        .startsWith("0x")
        .hasSize(42);
  }

  @Test
  void signatureParsingComparesNumbersAndWritesUnpadded() {
    Signature padded =
        Signature.of(
            "0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9", "0x01", 28);
    Signature unpadded =
        Signature.of("e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9", "1", 28);
    assertThat(padded).isEqualTo(unpadded);
    assertThat(padded.rHex())
        .isEqualTo("0xe91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9");
    assertThat(Json.write(padded.toWire()))
        .isEqualTo(
            "{\"r\":\"0xe91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9\",\"s\":\"0x1\",\"v\":28}");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of("0x1", "0x1", 29))
        .withMessageContaining("v must be 27 or 28");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of("0x0", "0x1", 27))
        .withMessageContaining("r out of range");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signature.of("0xzz", "0x1", 27))
        .withMessageContaining("r is not hex");
    assertThat(Signature.of("1", Secp256k1.HALF_N.add(BigInteger.ONE).toString(16), 27).isLowS())
        .isFalse();
  }

  @Test
  void networkIsExplicit() {
    assertThat(Network.parse("MainNet")).isEqualTo(Network.MAINNET);
    assertThat(Network.TESTNET.source()).isEqualTo("b");
    assertThat(Network.MAINNET.chainName()).isEqualTo("Mainnet");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Network.parse("devnet"))
        .withMessageContaining("'devnet'");
  }
}
