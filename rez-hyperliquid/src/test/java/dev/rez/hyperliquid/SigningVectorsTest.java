package dev.rez.hyperliquid;

import static dev.rez.hyperliquid.Vectors.list;
import static dev.rez.hyperliquid.Vectors.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of the official Python SDK's and the TypeScript SDK's signing tests. */
class SigningVectorsTest {

  static Stream<Arguments> vectors() {
    return Vectors.signingVectors().stream()
        .map(
            v ->
                Arguments.of(
                    v.getOrDefault("test", v.get("case"))
                        + (Boolean.TRUE.equals(v.get("isMainnet")) ? " mainnet" : " testnet"),
                    v));
  }

  @Test
  void coversEveryVectorInTheFile() {
    assertThat(Vectors.signingVectors()).hasSize(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void matchesVector(String name, Map<String, Object> v) {
    Network network = Boolean.TRUE.equals(v.get("isMainnet")) ? Network.MAINNET : Network.TESTNET;
    Map<String, Object> expected = map(v.get("expected"));
    Map<String, Object> derived = map(v.getOrDefault("derived", Map.of()));
    switch ((String) v.get("kind")) {
      case "action_hash", "l1_action" -> checkL1(v, network, expected, derived);
      case "user_signed_action" -> checkUserSigned(v, network, expected, derived);
      default -> throw new AssertionError("unknown kind " + v.get("kind"));
    }
  }

  private static void checkL1(
      Map<String, Object> v,
      Network network,
      Map<String, Object> expected,
      Map<String, Object> derived) {
    Map<String, Object> action = map(v.get("action"));
    long nonce = ((BigDecimal) v.get("nonce")).longValueExact();
    String vault = (String) v.get("vaultAddress");
    Long expiresAfter =
        v.get("expiresAfter") == null
            ? null
            : ((BigDecimal) v.get("expiresAfter")).longValueExact();

    if (derived.containsKey("msgpack_hex")) {
      assertThat(hex(Signing.msgpack(action))).isEqualTo(derived.get("msgpack_hex"));
    }
    String connectionId =
        (String) expected.getOrDefault("connectionId", derived.get("connectionId"));
    if (connectionId != null) {
      assertThat(Hex.encode(Signing.actionHash(action, nonce, vault, expiresAfter)))
          .isEqualTo(connectionId);
    }
    if (derived.containsKey("digest")) {
      assertThat(Hex.encode(Signing.l1Digest(action, nonce, vault, expiresAfter, network)))
          .isEqualTo(derived.get("digest"));
    }
    if (!v.containsKey("privateKey")) return;
    PrivateKeySigner signer = PrivateKeySigner.fromHex((String) v.get("privateKey"));
    assertThat(signer.address()).isEqualTo(v.get("signerAddress"));
    Signature sig = Signing.signL1Action(signer, action, nonce, vault, expiresAfter, network);
    assertSignature(sig, expected);
    assertThat(Signing.recoverL1Signer(action, nonce, vault, expiresAfter, network, sig))
        .isEqualTo(v.get("signerAddress"));
  }

  private static void checkUserSigned(
      Map<String, Object> v,
      Network network,
      Map<String, Object> expected,
      Map<String, Object> derived) {
    Map<String, Object> message = map(v.get("messageBeforeSigning"));
    UserSignedType type =
        java.util.Arrays.stream(UserSignedType.values())
            .filter(t -> t.primaryType().equals(v.get("primaryType")))
            .findFirst()
            .orElseThrow();
    List<String> fieldNames =
        list(v.get("types")).stream().map(t -> (String) map(t).get("name")).toList();
    assertThat(type.fieldNames()).isEqualTo(fieldNames);
    if (derived.containsKey("typeString"))
      assertThat(type.typeString()).isEqualTo(derived.get("typeString"));

    Map<String, Object> signed =
        message.containsKey("signatureChainId")
            ? message
            : Signing.withUserSignedFields(message, network);
    if (derived.containsKey("signed_message")) {
      assertThat(Json.write(signed)).isEqualTo(Json.write(derived.get("signed_message")));
    }
    if (derived.containsKey("digest")) {
      assertThat(Hex.encode(Signing.userSignedDigest(signed, type)))
          .isEqualTo(derived.get("digest"));
    }
    PrivateKeySigner signer = PrivateKeySigner.fromHex((String) v.get("privateKey"));
    assertThat(signer.address()).isEqualTo(v.get("signerAddress"));
    Signature sig = Signing.signUserSignedAction(signer, signed, type);
    assertSignature(sig, expected);
    assertThat(Signing.recoverUserSignedSigner(signed, type, sig))
        .isEqualTo(v.get("signerAddress"));
  }

  private static void assertSignature(Signature sig, Map<String, Object> expected) {
    if (expected.containsKey("signature")) {
      Map<String, Object> e = map(expected.get("signature"));
      // Python SDK format: byte-identical strings, unpadded.
      assertThat(sig.rHex()).isEqualTo(e.get("r"));
      assertThat(sig.sHex()).isEqualTo(e.get("s"));
      assertThat(sig.v()).isEqualTo(((BigDecimal) e.get("v")).intValueExact());
    }
    if (expected.containsKey("signaturePythonSdkFormat")) {
      Map<String, Object> e = map(expected.get("signaturePythonSdkFormat"));
      assertThat(sig.rHex()).isEqualTo(e.get("r"));
      assertThat(sig.sHex()).isEqualTo(e.get("s"));
      assertThat(sig.v()).isEqualTo(((BigDecimal) e.get("v")).intValueExact());
    }
    if (expected.containsKey("signatureAsInTsSdk")) {
      Map<String, Object> e = map(expected.get("signatureAsInTsSdk"));
      // The TS SDK pads to 64 digits: compare as numbers.
      assertThat(sig)
          .isEqualTo(
              Signature.of(
                  (String) e.get("r"),
                  (String) e.get("s"),
                  ((BigDecimal) e.get("v")).intValueExact()));
    }
    assertThat(sig.isLowS()).isTrue();
  }

  @Test
  void floatToIntForHashingMatchesSdkTest() {
    Map<String, Object> section =
        map(map(Vectors.all().get("officialPythonSdk")).get("floatToIntForHashing"));
    for (Object c : list(section.get("cases"))) {
      Map<String, Object> tc = map(c);
      Object input = tc.get("input");
      Object expected = tc.get("expected");
      if ("ValueError".equals(expected)) {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> WireFormat.floatToIntForHashing(((Number) input).doubleValue()));
      } else {
        BigInteger want = ((BigDecimal) expected).toBigIntegerExact();
        // An integer literal (scale 0) is a Python int, anything with a fraction a float.
        BigDecimal in = (BigDecimal) input;
        BigInteger got =
            in.scale() == 0
                ? WireFormat.floatToIntForHashing(in.longValueExact())
                : WireFormat.floatToIntForHashing(in.doubleValue());
        assertThat(got).as("input %s", tc.get("inputLiteral")).isEqualTo(want);
      }
    }
  }

  @Test
  void floatToWireMatchesSdkOutputs() {
    Map<String, Object> section = map(Vectors.all().get("derivedFloatToWire"));
    int checked = 0;
    for (Object c : list(section.get("cases"))) {
      Map<String, Object> tc = map(c);
      double x = Double.parseDouble((String) tc.get("input"));
      String expected = (String) tc.get("output");
      if ("ValueError".equals(expected)) {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> WireFormat.floatToWire(x));
      } else {
        assertThat(WireFormat.floatToWire(x)).as("input %s", tc.get("input")).isEqualTo(expected);
        java.math.BigDecimal literal = new java.math.BigDecimal(tc.get("input").toString());
        // The decimal path agrees wherever the SDK did not have to round the binary double.
        if (literal.compareTo(new java.math.BigDecimal(expected)) == 0) {
          assertThat(WireFormat.toWire(literal))
              .as("decimal %s", literal)
              .isEqualTo(expected.equals("-0") ? "0" : expected);
        } else {
          org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
              .isThrownBy(() -> WireFormat.toWire(literal));
        }
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(20);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
