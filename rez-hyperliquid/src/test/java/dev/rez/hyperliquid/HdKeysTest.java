package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * BIP-39 and BIP-32 against their published test vectors, and the Ethereum path against a
 * well-known wallet.
 */
class HdKeysTest {
  static final String HARDHAT = "test test test test test test test test test test test junk";
  static final HexFormat HEX = HexFormat.of();

  /** The Ethereum development mnemonic's first accounts (Hardhat, Anvil, Foundry). */
  @ParameterizedTest
  @CsvSource({
    "0, 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
    "1, 0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    "2, 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"
  })
  void theDevelopmentMnemonicGivesItsWellKnownAddresses(int index, String address) {
    assertThat(PrivateKeySigner.fromMnemonic(HARDHAT, index).address())
        .isEqualToIgnoringCase(address);
  }

  @Test
  void theFirstDevelopmentKeyIsTheWellKnownOne() {
    assertThat(HdKeys.ethereumKey(HARDHAT, 0))
        .isEqualTo(
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16));
  }

  /** BIP-39's reference vectors (trezor/python-mnemonic vectors.json), passphrase "TREZOR". */
  @ParameterizedTest
  @CsvSource({
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about,"
        + " c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04",
    "legal winner thank year wave sausage worth useful legal winner thank yellow,"
        + " 2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607",
    "letter advice cage absurd amount doctor acoustic avoid letter advice cage above,"
        + " d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8",
    "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong,"
        + " ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c6f15b11c61dee327651a14c34e18231052e48c069",
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art,"
        + " bda85446c68413707090a52022edd26a1c9462295029f2e60cd7c4f2bbd3097170af7a4d73245cafa9c3cca8d561a7c3de6f5d4a10be8ed2a5e608d68f92fcc8"
  })
  void bip39Seeds(String mnemonic, String seed) {
    assertThat(HdKeys.checkMnemonic(mnemonic)).isEqualTo(mnemonic);
    assertThat(HEX.formatHex(HdKeys.seed(mnemonic, "TREZOR"))).isEqualTo(seed);
  }

  /**
   * BIP-32 test vector 1: seed 000102030405060708090a0b0c0d0e0f, private keys and chain codes along
   * m/0'/1/2'/2/1000000000.
   */
  @ParameterizedTest
  @CsvSource({
    "m, e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35, 873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508",
    "m/0', edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea, 47fdacbd0f1097043b78c63c20c34ef4ed9a111d980047ad16282c7ae6236141",
    "m/0'/1, 3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368, 2a7857631386ba23dacac34180dd1983734e444fdbf774041578e9b6adb37c19",
    "m/0'/1/2', cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca, 04466b9cc8e161e966409ca52986c584f07e9dc81f735db683c3ff6ec7b1503f",
    "m/0'/1/2'/2, 0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4, cfb71883f01676f587d023cc53a35bc7f88f724b1f8c2892ac1275ac822a3edd",
    "m/0'/1/2'/2/1000000000, 471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8, c783e67b921d2beb8f6b389cc646d7263b4145701dadd2161548a8b078e65e9e"
  })
  void bip32Vector1(String path, String key, String chainCode) {
    HdKeys.Node n =
        HdKeys.Node.master(HEX.parseHex("000102030405060708090a0b0c0d0e0f")).derive(path);
    assertThat(HEX.formatHex(HdKeys.unsigned32(n.key()))).isEqualTo(key);
    assertThat(HEX.formatHex(n.chainCode())).isEqualTo(chainCode);
  }

  @Test
  void badMnemonicsAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> PrivateKeySigner.fromMnemonic("test test test", 0))
        .hasMessage("mnemonic must have 12, 15, 18, 21 or 24 words but had 3");
    assertThatThrownBy(() -> PrivateKeySigner.fromMnemonic(HARDHAT.replace("junk", "jnuk"), 0))
        .hasMessage("mnemonic word 12 of 12 is not in the BIP-39 English word list");
    // Every word valid, the checksum not: a swapped word.
    assertThatThrownBy(
            () ->
                PrivateKeySigner.fromMnemonic(
                    "junk test test test test test test test test test test test", 0))
        .hasMessageContaining("checksum")
        .hasMessageNotContaining("junk")
        .hasMessageNotContaining("test test");
    assertThatThrownBy(() -> PrivateKeySigner.fromMnemonic(HARDHAT, -1))
        .hasMessageContaining("index");
  }

  @Test
  void spacingAndCaseDoNotMatter() {
    assertThat(
            PrivateKeySigner.fromMnemonic(
                    "  Test test TEST test\ttest test test test test test test   junk\n", 0)
                .address())
        .isEqualToIgnoringCase("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  }
}
