package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SigningTest {
  static final PrivateKeySigner KEY =
      PrivateKeySigner.fromHex(
          "0x0123456789012345678901234567890123456789012345678901234567890123");

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0, 00",
    "127, 7f",
    "128, cc80",
    "200, ccc8",
    "255, ccff",
    "256, cd0100",
    "65535, cdffff",
    "65536, ce00010000",
    "123456789, ce075bcd15",
    "4294967296, cf0000000100000000",
    "100000000000, cf000000174876e800",
    "-1, ff",
    "-32, e0",
    "-33, d0df",
    "-128, d080",
    "-129, d1ff7f",
    "-2500000, d2ffd9da60",
    "-2147483649, d3ffffffff7fffffff",
  })
  void integersUseTheSmallestEncodingLikeMsgpackPython(long value, String expected) {
    assertThat(hex(Signing.msgpack(value))).isEqualTo(expected);
  }

  @Test
  void integersAboveLongMaxUseUint64() {
    assertThat(hex(Signing.msgpack(new BigInteger("12312312312300000000"))))
        .isEqualTo("cfaade1ed08a4f5300");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.msgpack(BigInteger.ONE.shiftLeft(64)))
        .withMessageContaining("64 bits");
  }

  @Test
  void stringsUseStr8FromLength32() {
    assertThat(hex(Signing.msgpack("a".repeat(31)))).startsWith("bf");
    assertThat(hex(Signing.msgpack("a".repeat(32)))).startsWith("d920");
    assertThat(hex(Signing.msgpack("0x1719884eb866cb12b2287399b15f7db5e7d775ea")))
        .startsWith("d92a");
    assertThat(hex(Signing.msgpack("a".repeat(256)))).startsWith("da0100");
    assertThat(hex(Signing.msgpack("é"))).isEqualTo("a2c3a9"); // length in UTF-8 bytes
  }

  @Test
  void mapsKeepInsertionOrderAndListsAreArrays() {
    assertThat(hex(Signing.msgpack(map("b", 1, "a", List.of(true, false)))))
        .isEqualTo("82a16201a16192c3c2");
    assertThat(hex(Signing.msgpack(map("a", List.of(true, false), "b", 1))))
        .isEqualTo("82a16192c3c2a16201");
  }

  @Test
  void integralDoublesFromGenericJsonEncodeAsIntegersButFractionsAreRejected() {
    assertThat(Signing.msgpack(map("a", 4.0, "n", 1.677777606040E12)))
        .isEqualTo(Signing.msgpack(map("a", 4L, "n", 1677777606040L)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.msgpack(map("p", 1670.1)))
        .withMessageContaining("action.p")
        .withMessageContaining("strings");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.msgpack(map("p", new BigDecimal("0.5"))))
        .withMessageContaining("action.p");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.msgpack(map("x", new Object())))
        .withMessageContaining("action.x");
  }

  @Test
  void vaultAddressCaseDoesNotChangeTheHashButMalformedOnesAreRejected() {
    Map<String, Object> a = map("type", "noop");
    byte[] lower = Signing.actionHash(a, 1, "0x1719884eb866cb12b2287399b15f7db5e7d775ea", null);
    byte[] upper = Signing.actionHash(a, 1, "0x1719884EB866CB12B2287399B15F7DB5E7D775EA", null);
    assertThat(upper).isEqualTo(lower);
    assertThat(Signing.actionHash(a, 1, null, null)).isNotEqualTo(lower);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.actionHash(a, 1, "0x1234", null))
        .withMessageContaining("vaultAddress")
        .withMessageContaining("0x1234");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.actionHash(a, -1, null, null))
        .withMessageContaining("nonce");
  }

  @Test
  void expiresAfterChangesTheHashAndSignatureBindsIt() {
    Map<String, Object> a = map("type", "scheduleCancel", "time", 1_700_000_005_000L);
    Signature sig =
        Signing.signL1Action(KEY, a, 1_700_000_000_000L, null, 1_700_000_060_000L, Network.TESTNET);
    assertThat(
            Signing.recoverL1Signer(
                a, 1_700_000_000_000L, null, 1_700_000_060_000L, Network.TESTNET, sig))
        .isEqualTo(KEY.address());
    assertThat(Signing.recoverL1Signer(a, 1_700_000_000_000L, null, null, Network.TESTNET, sig))
        .isNotEqualTo(KEY.address());
    assertThat(
            Signing.recoverL1Signer(
                a, 1_700_000_000_000L, null, 1_700_000_060_001L, Network.TESTNET, sig))
        .isNotEqualTo(KEY.address());
  }

  @Test
  void anyChangeToActionNonceVaultOrNetworkRecoversAnotherAddress() {
    Map<String, Object> order =
        map(
            "type", "order",
            "orders",
                List.of(
                    map(
                        "a",
                        0,
                        "b",
                        true,
                        "p",
                        "65000",
                        "s",
                        "0.001",
                        "r",
                        false,
                        "t",
                        map("limit", map("tif", "Gtc")),
                        "c",
                        "0x00000000000000000000000000000001")),
            "grouping", "na");
    String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
    Signature sig = Signing.signL1Action(KEY, order, 42, vault, null, Network.MAINNET);
    assertThat(Signing.recoverL1Signer(order, 42, vault, null, Network.MAINNET, sig))
        .isEqualTo(KEY.address());
    assertThat(Signing.recoverL1Signer(order, 42, vault, null, Network.TESTNET, sig))
        .isNotEqualTo(KEY.address());
    assertThat(Signing.recoverL1Signer(order, 43, vault, null, Network.MAINNET, sig))
        .isNotEqualTo(KEY.address());
    assertThat(Signing.recoverL1Signer(order, 42, null, null, Network.MAINNET, sig))
        .isNotEqualTo(KEY.address());
    Map<String, Object> reordered =
        map("type", "order", "grouping", "na", "orders", order.get("orders"));
    assertThat(Signing.recoverL1Signer(reordered, 42, vault, null, Network.MAINNET, sig))
        .isNotEqualTo(KEY.address());
  }

  @Test
  void signaturesAreDeterministicLowSAndRecoverForManyDigests() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      Signature sig = KEY.sign(digest);
      assertThat(sig.isLowS()).isTrue();
      assertThat(KEY.sign(digest)).isEqualTo(sig);
      assertThat(Signing.recoverAddress(digest, sig)).isEqualTo(KEY.address());
      Signature flipped = new Signature(sig.r(), sig.s(), sig.v() == 27 ? 28 : 27);
      assertThat(Signing.recoverAddress(digest, flipped)).isNotEqualTo(KEY.address());
    }
  }

  @Test
  void edgeCaseDigestsSign() {
    for (byte[] digest : new byte[][] {new byte[32], filled((byte) 0xff)}) {
      Signature sig = KEY.sign(digest);
      assertThat(Signing.recoverAddress(digest, sig)).isEqualTo(KEY.address());
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> KEY.sign(new byte[31]))
        .withMessageContaining("32 bytes");
  }

  private static byte[] filled(byte b) {
    byte[] d = new byte[32];
    java.util.Arrays.fill(d, b);
    return d;
  }

  @Test
  void approveAgentWithoutNameIsSignedWithEmptyNameAndStillVerifiesAfterTheKeyIsDropped() {
    Map<String, Object> named =
        Signing.withUserSignedFields(
            map(
                "type",
                "approveAgent",
                "agentAddress",
                "0x5e9ee1089755c3435139848e47e6635505d5a13a",
                "agentName",
                "",
                "nonce",
                1_700_000_000_000L),
            Network.TESTNET);
    Signature sig = Signing.signUserSignedAction(KEY, named, UserSignedType.APPROVE_AGENT);
    Map<String, Object> posted = new LinkedHashMap<>(named);
    posted.remove("agentName");
    assertThat(Signing.recoverUserSignedSigner(posted, sig)).isEqualTo(KEY.address());
  }

  @Test
  void userSignedFieldsOutsideTheTypeAreIgnoredButTypedFieldsMatter() {
    Map<String, Object> send =
        Signing.withUserSignedFields(
            map(
                "type",
                "usdSend",
                "destination",
                "0x5e9ee1089755c3435139848e47e6635505d5a13a",
                "amount",
                "1",
                "time",
                5L),
            Network.MAINNET);
    assertThat(send)
        .containsEntry("hyperliquidChain", "Mainnet")
        .containsEntry("signatureChainId", "0x66eee");
    Signature sig = Signing.signUserSignedAction(KEY, send, UserSignedType.USD_SEND);
    Map<String, Object> extra = new LinkedHashMap<>(send);
    extra.put("unrelated", "x");
    assertThat(Signing.recoverUserSignedSigner(extra, sig)).isEqualTo(KEY.address());
    Map<String, Object> changed = new LinkedHashMap<>(send);
    changed.put("amount", "1.0");
    assertThat(Signing.recoverUserSignedSigner(changed, sig)).isNotEqualTo(KEY.address());
    Map<String, Object> otherChain = new LinkedHashMap<>(send);
    otherChain.put("signatureChainId", "0xa4b1");
    assertThat(Signing.recoverUserSignedSigner(otherChain, sig)).isNotEqualTo(KEY.address());
    Map<String, Object> missing = new LinkedHashMap<>(send);
    missing.remove("time");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.userSignedDigest(missing, UserSignedType.USD_SEND))
        .withMessageContaining("'time'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.recoverUserSignedSigner(map("type", "order"), sig))
        .withMessageContaining("order");
  }

  @Test
  void userSignedTypesCoverEveryDocumentedKind() {
    assertThat(UserSignedType.TOKEN_DELEGATE.typeString())
        .isEqualTo(
            "HyperliquidTransaction:TokenDelegate(string hyperliquidChain,address validator,uint64 wei,bool isUndelegate,uint64 nonce)");
    assertThat(UserSignedType.forActionType("withdraw3")).isEqualTo(UserSignedType.WITHDRAW);
    assertThat(UserSignedType.isUserSigned("order")).isFalse();
    for (UserSignedType t : UserSignedType.values())
      assertThat(t.fieldNames().getFirst()).isEqualTo("hyperliquidChain");
  }

  @Test
  void l1DomainConstantsMatchTheProtocol() {
    // The digest of vector test_l1_action_signing_matches (mainnet), checked here through the
    // public API.
    Map<String, Object> dummy = map("type", "dummy", "num", 100_000_000_000L);
    assertThat(Hex.encode(Signing.l1Digest(dummy, 0, null, null, Network.MAINNET)))
        .isEqualTo("0xe0aabfac88a47d3e7028b6ba6a94b30c8afcfffac26cbce788cf362b1312eafa");
  }

  @Test
  void normalizeAddressLowercasesAndValidates() {
    assertThat(Signing.normalizeAddress("0x5E9EE1089755C3435139848E47E6635505D5A13A"))
        .isEqualTo("0x5e9ee1089755c3435139848e47e6635505d5a13a");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.normalizeAddress("0xzz9ee1089755c3435139848e47e6635505d5a13a"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Signing.normalizeAddress("5e9ee1089755c3435139848e47e6635505d5a13a"));
  }

  @ParameterizedTest(name = "px={0} cloid={1}")
  @CsvSource({
    "0, 0x00000000000000000000000000000000",
    "0.00000001, 0xffffffffffffffffffffffffffffffff",
    "100000000000000000000, 0x0123456789abcdef0123456789abcdef",
    "65000, 0xABCDEFABCDEFABCDEFABCDEFABCDEFAB",
  })
  void edgeCasePricesAndCloidsSignAndRecoverWithVaultAndExpiry(String px, String cloid) {
    Map<String, Object> order =
        map(
            "type",
            "order",
            "orders",
            List.of(
                map(
                    "a",
                    10_000,
                    "b",
                    false,
                    "p",
                    WireFormat.toWire(new BigDecimal(px)),
                    "s",
                    "1",
                    "r",
                    true,
                    "t",
                    map("limit", map("tif", "Alo")),
                    "c",
                    dev.rez.core.ClientOrderId.of(cloid).hex())),
            "grouping",
            "na");
    String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
    for (long nonce : new long[] {0, 1_700_000_000_000L, Long.MAX_VALUE}) {
      for (Long expires : new Long[] {null, 0L, Long.MAX_VALUE}) {
        for (Network net : Network.values()) {
          Signature sig = Signing.signL1Action(KEY, order, nonce, vault, expires, net);
          assertThat(Signing.recoverL1Signer(order, nonce, vault, expires, net, sig))
              .isEqualTo(KEY.address());
        }
      }
    }
    // The cloid is hashed lower-case, as a 34-character str8.
    assertThat(hex(Signing.msgpack(dev.rez.core.ClientOrderId.of(cloid).hex())))
        .isEqualTo(
            "d922" + hex(cloid.toLowerCase().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void preimageLayoutWithVaultAndExpiresAfterMatchesTheProtocol() {
    Map<String, Object> a = map("type", "noop");
    byte[] packed = Signing.msgpack(a);
    String vault = "1719884eb866cb12b2287399b15f7db5e7d775ea";
    String preimage = hex(packed) + "00000000000000ff" + "01" + vault + "00" + "0000000000000100";
    assertThat(Signing.actionHash(a, 255, "0x" + vault, 256L))
        .isEqualTo(Signing.keccak256(HexFormat.of().parseHex(preimage)));
    assertThat(Signing.actionHash(a, 255, null, null))
        .isEqualTo(
            Signing.keccak256(HexFormat.of().parseHex(hex(packed) + "00000000000000ff" + "00")));
  }
}
