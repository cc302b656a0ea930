package dev.rez.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.core.RiskLimits;
import dev.rez.core.RiskProfile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
  static final String KEY = "0x" + "ab".repeat(32);

  @TempDir Path dir;

  @Test
  void defaultsNeedNoVariables() {
    AppConfig c = AppConfig.fromVariables(Map.of());
    assertThat(c.network()).isEqualTo(AppConfig.Network.TESTNET);
    assertThat(c.assets()).containsExactly(Asset.of("BTC"), Asset.of("ETH"));
    assertThat(c.interval()).isEqualTo(Interval.M5);
    assertThat(c.llmProvider()).isEqualTo("offline");
    assertThat(c.riskProfile()).isEqualTo(RiskProfile.MODERATE);
    assertThat(c.apiHost()).isEqualTo("127.0.0.1");
    assertThat(c.apiPort()).isEqualTo(7070);
    assertThat(c.signingKey()).isEmpty();
  }

  @Test
  void readsThePythonAgentsNames() {
    AppConfig c =
        AppConfig.fromVariables(
            Map.of(
                "HYPERLIQUID_PRIVATE_KEY", KEY,
                "OPENROUTER_API_KEY", "sk-or-123",
                "LLM_MODEL", "deepseek/deepseek-chat",
                "RISK_PROFILE", "conservative",
                "ASSETS", "BTC ETH SOL",
                "INTERVAL", "1h",
                "LEVERAGE_CAP", "8",
                "API_PORT", "9000"));
    assertThat(c.llmProvider()).isEqualTo("openrouter");
    assertThat(c.llmApiKey().reveal()).isEqualTo("sk-or-123");
    assertThat(c.llmModel()).isEqualTo("deepseek/deepseek-chat");
    assertThat(c.assets()).extracting(Asset::name).containsExactly("BTC", "ETH", "SOL");
    assertThat(c.interval()).isEqualTo(Interval.H1);
    assertThat(c.apiPort()).isEqualTo(9000);
    assertThat(c.signingKey()).map(Secret::reveal).contains(KEY);
    RiskLimits limits = c.riskLimits();
    assertThat(limits.profile()).isEqualTo("conservative");
    assertThat(limits.hardLeverageCap()).isEqualTo(8);
    assertThat(limits.allowedAssets())
        .containsExactlyInAnyOrder(Asset.of("BTC"), Asset.of("ETH"), Asset.of("SOL"));
  }

  @Test
  void riskOverrides() {
    RiskLimits l =
        AppConfig.fromVariables(
                Map.of(
                    "MAX_LEVERAGE",
                    "3",
                    "MAX_SINGLE_POSITION",
                    "500",
                    "MAX_TOTAL_ALLOCATION",
                    "1500",
                    "MAX_DAILY_LOSS_FRACTION",
                    "0.02"))
            .riskLimits();
    assertThat(l.maxLeverage()).isEqualTo(3);
    assertThat(l.maxPositionNotional()).isEqualByComparingTo("500");
    assertThat(l.maxTotalNotional()).isEqualByComparingTo("1500");
    assertThat(l.maxDailyLossFraction()).isEqualByComparingTo("0.02");
  }

  @Test
  void commaSeparatedAssetsWorkToo() {
    assertThat(AppConfig.parseAssets("BTC,ETH, SOL"))
        .extracting(Asset::name)
        .containsExactly("BTC", "ETH", "SOL");
  }

  @Test
  void envFileIsReadAndTheEnvironmentWins() throws Exception {
    Path env = dir.resolve(".env");
    Files.writeString(
        env,
        """
        # trading
        export ASSETS="BTC SOL"
        INTERVAL=15m   # a comment
        API_PORT='8081'
        """);
    AppConfig c = AppConfig.load(env, Map.of("API_PORT", "8082"));
    assertThat(c.assets()).extracting(Asset::name).containsExactly("BTC", "SOL");
    assertThat(c.interval()).isEqualTo(Interval.M15);
    assertThat(c.apiPort()).isEqualTo(8082);
  }

  @Test
  void theLogLevelOfTheEnvFileApplies() throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.rez.app.config.LogLevelProbe");
    ch.qos.logback.classic.Level before = root.getLevel();
    try {
      Path env = dir.resolve(".env");
      Files.writeString(env, "REZ_LOG_LEVEL=debug\n");
      root.setLevel(ch.qos.logback.classic.Level.INFO);
      AppConfig.load(env, Map.of());
      assertThat(log.isDebugEnabled()).isTrue();
      // The environment wins over the file, as for every variable; Python's names work too.
      AppConfig.load(env, Map.of("REZ_LOG_LEVEL", "WARNING"));
      assertThat(log.isInfoEnabled()).isFalse();
      assertThat(log.isWarnEnabled()).isTrue();
      // Unset, the level stays as logging started.
      AppConfig.load(dir.resolve("absent.env"), Map.of());
      assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
      Files.writeString(env, "REZ_LOG_LEVEL=loud\n");
      assertThatThrownBy(() -> AppConfig.load(env, Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("REZ_LOG_LEVEL")
          .hasMessageContaining("'loud'");
    } finally {
      root.setLevel(before);
    }
  }

  @Test
  void missingEnvFileIsFine() {
    assertThat(AppConfig.load(dir.resolve("absent.env"), Map.of()).network())
        .isEqualTo(AppConfig.Network.TESTNET);
  }

  @Test
  void badValuesNameTheVariableAndValue() {
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("INTERVAL", "7m")))
        .hasMessageContaining("INTERVAL")
        .hasMessageContaining("7m");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("API_PORT", "http")))
        .hasMessageContaining("API_PORT")
        .hasMessageContaining("http");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("API_PORT", "70000")))
        .hasMessageContaining("API_PORT")
        .hasMessageContaining("70000");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("RISK_PROFILE", "yolo")))
        .hasMessageContaining("yolo");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("HYPERLIQUID_NETWORK", "devnet")))
        .hasMessageContaining("devnet");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LEVERAGE_CAP", "0")))
        .hasMessageContaining("LEVERAGE_CAP");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("MAX_DAILY_LOSS_FRACTION", "5")))
        .hasMessageContaining("MAX_DAILY_LOSS_FRACTION");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LLM_PROVIDER", "openai")))
        .hasMessageContaining("LLM_MODEL");
    // A model name alone: not run silently by the offline model's rules.
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LLM_MODEL", "openai/gpt-4o")))
        .hasMessageContaining("LLM_MODEL is set but no provider");
    assertThat(
            AppConfig.fromVariables(Map.of("LLM_MODEL", "m", "LLM_PROVIDER", "offline")).llmModel())
        .isEqualTo("m");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("HYPERLIQUID_ACCOUNT_ADDRESS", "0x12")))
        .hasMessageContaining("0x12");
  }

  @Test
  void theWebSocketUrlIsTheOverrideElseDerivedFromTheBaseUrlElseTheNetworks() {
    String network = "wss://api.hyperliquid-testnet.xyz/ws";
    assertThat(AppConfig.fromVariables(Map.of()).webSocketUrlOr(network)).isEqualTo(network);
    assertThat(
            AppConfig.fromVariables(Map.of("HYPERLIQUID_BASE_URL", "https://node.example/"))
                .webSocketUrlOr(network))
        .isEqualTo("wss://node.example/ws");
    assertThat(
            AppConfig.fromVariables(Map.of("HYPERLIQUID_BASE_URL", "http://127.0.0.1:3001"))
                .webSocketUrlOr(network))
        .isEqualTo("ws://127.0.0.1:3001/ws");
    assertThat(
            AppConfig.fromVariables(
                    Map.of(
                        "HYPERLIQUID_BASE_URL",
                        "https://node.example",
                        "HYPERLIQUID_WS_URL",
                        "wss://ws.example/socket"))
                .webSocketUrlOr(network))
        .isEqualTo("wss://ws.example/socket");
    assertThatThrownBy(
            () -> AppConfig.fromVariables(Map.of("HYPERLIQUID_WS_URL", "https://ws.example")))
        .hasMessageContaining("HYPERLIQUID_WS_URL")
        .hasMessageContaining("https://ws.example");
    assertThatThrownBy(
            () -> AppConfig.fromVariables(Map.of("HYPERLIQUID_WS_URL", "ws://ws.example/ws")))
        .hasMessageContaining("wss");
    assertThat(
            AppConfig.fromVariables(Map.of("HYPERLIQUID_WS_URL", "ws://127.0.0.1:9/ws"))
                .webSocketUrlOr(network))
        .isEqualTo("ws://127.0.0.1:9/ws");
  }

  @Test
  void aMalformedKeyIsRejectedWithoutShowingIt() {
    String bad = "0x" + "zz".repeat(32);
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("HYPERLIQUID_PRIVATE_KEY", bad)))
        .hasMessageContaining("HYPERLIQUID_PRIVATE_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("zzzz"));
  }

  @Test
  void aKeyPastedAsTheAccountAddressIsNotEchoed() {
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("HYPERLIQUID_ACCOUNT_ADDRESS", KEY)))
        .hasMessageContaining("HYPERLIQUID_ACCOUNT_ADDRESS")
        .hasMessageContaining("66 characters")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY.substring(2)));
  }

  @Test
  void keyFileIsReadAndItsContentNeverShown() throws Exception {
    Path f = dir.resolve("key");
    Files.writeString(f, KEY + "\n");
    AppConfig c = AppConfig.fromVariables(Map.of("HYPERLIQUID_KEY_FILE", f.toString()));
    assertThat(c.signingKey()).map(Secret::reveal).contains(KEY);

    Files.writeString(f, "not a key");
    assertThatThrownBy(c::signingKey)
        .hasMessageContaining(f.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not a key"));
    AppConfig missing =
        AppConfig.fromVariables(Map.of("HYPERLIQUID_KEY_FILE", dir.resolve("nope").toString()));
    assertThatThrownBy(missing::signingKey).hasMessageContaining("cannot read key file");
  }

  @Test
  void toStringNeverShowsSecrets() {
    Map<String, String> env = new HashMap<>();
    env.put("HYPERLIQUID_PRIVATE_KEY", KEY);
    env.put("OPENROUTER_API_KEY", "sk-or-secret");
    env.put("REZ_API_TOKEN", "token-secret");
    env.put("LLM_MODEL", "m");
    String s = AppConfig.fromVariables(env).toString();
    assertThat(s)
        .doesNotContain(KEY.substring(2))
        .doesNotContain("sk-or-secret")
        .doesNotContain("token-secret")
        .contains("****");
  }

  @Test
  void networksNeverShareADiaryByDefault() {
    AppConfig c = AppConfig.fromVariables(Map.of());
    List<Path> paths =
        List.of(
            c.diaryFor(AppConfig.Network.SIMULATOR),
            c.diaryFor(AppConfig.Network.TESTNET),
            c.diaryFor(AppConfig.Network.MAINNET));
    assertThat(paths).doesNotHaveDuplicates();
    assertThat(
            AppConfig.fromVariables(Map.of("REZ_DIARY", "/tmp/x.jsonl"))
                .diaryFor(AppConfig.Network.MAINNET))
        .isEqualTo(Path.of("/tmp/x.jsonl"));
  }

  @Test
  void costBudgetNumbersAreParsed() {
    AppConfig c =
        AppConfig.fromVariables(
            Map.of(
                "REZ_DAILY_COST_BUDGET_USD",
                "2.5",
                "REZ_PRICE_INPUT_PER_MTOK",
                "0.27",
                "REZ_PRICE_OUTPUT_PER_MTOK",
                "1.1"));
    assertThat(c.dailyCostBudgetUsd()).isEqualByComparingTo(new BigDecimal("2.5"));
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("REZ_DAILY_COST_BUDGET_USD", "-1")))
        .hasMessageContaining("REZ_DAILY_COST_BUDGET_USD");
  }

  @Test
  void aKeyPastedIntoAnyOtherVariableIsMaskedInTheMessage() {
    String sk = "sk-or-v1-0123456789abcdef0123456789abcdef";
    String token = "Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1u";
    for (String name :
        List.of(
            "ASSETS",
            "INTERVAL",
            "RISK_PROFILE",
            "HYPERLIQUID_NETWORK",
            "LLM_PROVIDER",
            "API_PORT",
            "MAX_LEVERAGE",
            "REZ_SAFE_MODE_AFTER",
            "HYPERLIQUID_BASE_URL",
            "REZ_API_ALLOWED_HOSTS")) {
      for (String value : List.of(KEY, KEY.substring(2), sk, token)) {
        Throwable thrown =
            org.assertj.core.api.Assertions.catchThrowable(
                () -> AppConfig.fromVariables(Map.of(name, value)));
        assertThat(thrown)
            .as(name + " = " + value.substring(0, 6) + "…")
            .isInstanceOf(IllegalArgumentException.class)
            .satisfies(
                e ->
                    assertThat(e.getMessage())
                        .as(name)
                        .contains(name)
                        .doesNotContain(value)
                        .doesNotContain(value.substring(4, 30)))
            .satisfies(
                e -> {
                  for (Throwable t = e.getCause(); t != null; t = t.getCause())
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(value);
                });
      }
    }
  }

  /** Every variable whose rejected value a configuration error may echo. */
  static final List<String> ECHOING =
      List.of(
          "HYPERLIQUID_NETWORK",
          "HYPERLIQUID_ACCOUNT_ADDRESS",
          "HYPERLIQUID_BASE_URL",
          "HYPERLIQUID_WS_URL",
          "ASSETS",
          "INTERVAL",
          "LLM_PROVIDER",
          "LLM_BASE_URL",
          "LLM_TIMEOUT_SECONDS",
          "LLM_TEMPERATURE",
          "LLM_MAX_OUTPUT_TOKENS",
          "LLM_MAX_TOKENS",
          "LLM_MAX_RETRIES",
          "SANITIZE_PROVIDER",
          "SANITIZE_BASE_URL",
          "RISK_PROFILE",
          "LEVERAGE_CAP",
          "MAX_LEVERAGE",
          "MAX_SINGLE_POSITION",
          "MAX_TOTAL_ALLOCATION",
          "MAX_DAILY_LOSS_FRACTION",
          "API_PORT",
          "APP_PORT",
          "REZ_SAFE_MODE_AFTER",
          "REZ_DAILY_TOKEN_BUDGET",
          "REZ_DAILY_COST_BUDGET_USD",
          "REZ_PRICE_INPUT_PER_MTOK",
          "REZ_PRICE_OUTPUT_PER_MTOK",
          "REZ_EXPIRES_AFTER_MS",
          "MNEMONIC_INDEX",
          "REZ_API_ALLOWED_HOSTS",
          "REZ_API_MAX_STREAMS",
          "REZ_NOTIFY_COMMANDS",
          "REZ_NOTIFY_COMMAND_PORT",
          "REZ_NOTIFY_DAILY_SUMMARY_AT",
          "REZ_NOTIFY_DRAWDOWN",
          "REZ_NOTIFY_RULES",
          "REZ_LOG_LEVEL");

  /** A valid mnemonic, one with a word mistyped, and one whose checksum does not hold. */
  static final List<String> MNEMONICS =
      List.of(
          "test test test test test test test test test test test junk",
          "abandon ability able about above absent absorb abstract absurd abuse acess accident",
          "legal winner thank year wave sausage worth useful legal winner thank year wave sausage"
              + " worth useful legal winner thank year wave sausage worth title");

  /** A private key without 0x made of digits only, with a leading zero a number would drop. */
  static final String DIGIT_KEY = "0" + "123456789".repeat(7);

  @Test
  void aMnemonicOrADigitOnlyKeyPastedIntoAnyVariableIsNeverEchoed() {
    List<String> values = new java.util.ArrayList<>(MNEMONICS);
    values.add(DIGIT_KEY);
    values.add("00" + DIGIT_KEY.substring(2));
    int rejected = 0;
    for (String name : ECHOING) {
      for (String value : values) {
        Map<String, String> env = new HashMap<>();
        // The repair model's variables are read only when it is configured.
        if (name.startsWith("SANITIZE_")) {
          env.put("SANITIZE_MODEL", "m");
          env.put("SANITIZE_PROVIDER", "openai-compatible");
        }
        env.put(name, value);
        Throwable thrown =
            org.assertj.core.api.Assertions.catchThrowable(() -> AppConfig.fromVariables(env));
        if (thrown == null) continue;
        rejected++;
        String shown = name + " = " + value.substring(0, 6) + "…";
        assertThat(thrown).as(shown).isInstanceOf(IllegalArgumentException.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
          String m = String.valueOf(t.getMessage());
          assertThat(m).as(shown).doesNotContain(value.substring(6, 26));
          // Not even a part of the words, or the number with its leading zeros dropped.
          for (String part : value.split(" "))
            if (part.length() > 3)
              assertThat(m).as(shown).doesNotContainPattern("\\b" + part + " \\w+ \\w+");
          assertThat(m).as(shown).doesNotContain(value.substring(2, 22));
        }
        assertThat(thrown.getMessage()).as(shown).contains(name);
      }
    }
    // Most of them reject these values: the loop above did look at the messages.
    assertThat(rejected).isGreaterThan(ECHOING.size() * 3);
  }

  @Test
  void aValueEqualToAConfiguredSecretIsNeverEchoed() {
    for (String secretName :
        List.of("LLM_API_KEY", "REZ_API_TOKEN", "REZ_NOTIFY_TELEGRAM_TOKEN", "MNEMONIC")) {
      String secret = "Hunter2-" + secretName.length() + "-pass";
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  AppConfig.fromVariables(
                      Map.of(
                          secretName,
                          secret,
                          "INTERVAL",
                          secret,
                          "LLM_PROVIDER",
                          "offline",
                          "LLM_MODEL",
                          "m")));
      assertThat(thrown).as(secretName).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(secretName).contains("INTERVAL").doesNotContain(secret);
      for (Throwable t = thrown; t != null; t = t.getCause())
        assertThat(String.valueOf(t.getMessage())).as(secretName).doesNotContain(secret);
    }
    // A value no secret equals is still shown, to help find the mistake.
    assertThatThrownBy(
            () ->
                AppConfig.fromVariables(
                    Map.of("LLM_API_KEY", "Hunter2-pass", "LLM_MODEL", "m", "INTERVAL", "7m")))
        .hasMessageContaining("'7m'");
  }

  @Test
  void theExchangeUrlMustBeHttpsUnlessLoopback() {
    assertThat(
            AppConfig.fromVariables(Map.of("HYPERLIQUID_BASE_URL", "http://127.0.0.1:7071"))
                .exchangeUrl())
        .isEqualTo("http://127.0.0.1:7071");
    assertThat(
            AppConfig.fromVariables(Map.of("HYPERLIQUID_BASE_URL", "http://localhost:7071"))
                .exchangeUrl())
        .isNotNull();
    assertThat(
            AppConfig.fromVariables(Map.of("HYPERLIQUID_BASE_URL", "https://api.hyperliquid.xyz"))
                .exchangeUrl())
        .isNotNull();
    assertThatThrownBy(
            () ->
                AppConfig.fromVariables(
                    Map.of(
                        "HYPERLIQUID_NETWORK",
                        "mainnet",
                        "HYPERLIQUID_BASE_URL",
                        "http://api.hyperliquid.xyz")))
        .hasMessageContaining("HYPERLIQUID_BASE_URL must use https");
    assertThatThrownBy(
            () ->
                AppConfig.fromVariables(
                    Map.of("HYPERLIQUID_BASE_URL", "http://user:pa55word@proxy.lan/?key=s3cret")))
        .hasMessageContaining("https")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("pa55word").doesNotContain("s3cret"));
    assertThatThrownBy(
            () -> AppConfig.fromVariables(Map.of("HYPERLIQUID_BASE_URL", "ftp://example.com")))
        .hasMessageContaining("http(s) URL");
  }

  @Test
  void aMainnetRunOffTheOfficialHostIsWarnedAbout() {
    assertThat(AppConfig.unofficialMainnetUrl(null)).isNull();
    assertThat(AppConfig.unofficialMainnetUrl("https://api.hyperliquid.xyz")).isNull();
    assertThat(AppConfig.unofficialMainnetUrl("https://API.hyperliquid.xyz/")).isNull();
    assertThat(
            AppConfig.unofficialMainnetUrl("https://user:pw@api.hyperliquid.xyz.evil.example/?k=v"))
        .contains("api.hyperliquid.xyz.evil.example")
        .contains("not https://api.hyperliquid.xyz")
        .doesNotContain("pw@")
        .doesNotContain("k=v");
  }

  @Test
  void allowedHostsAndTheStreamCapAreRead() {
    AppConfig c =
        AppConfig.fromVariables(
            Map.of(
                "REZ_API_ALLOWED_HOSTS",
                "rez.example.net, Box.lan:8443",
                "REZ_API_MAX_STREAMS",
                "4"));
    assertThat(c.apiAllowedHosts()).containsExactly("rez.example.net", "box.lan:8443");
    assertThat(c.apiMaxStreams()).isEqualTo(4);
    assertThat(AppConfig.fromVariables(Map.of()).apiAllowedHosts()).isEmpty();
    assertThat(AppConfig.fromVariables(Map.of()).apiMaxStreams()).isEqualTo(16);
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("REZ_API_ALLOWED_HOSTS", "http://x/")))
        .hasMessageContaining("REZ_API_ALLOWED_HOSTS");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("REZ_API_MAX_STREAMS", "0")))
        .hasMessageContaining("REZ_API_MAX_STREAMS");
  }

  @Test
  void leverageCapTakesDecimalsAndRoundsDown() {
    assertThat(
            AppConfig.fromVariables(Map.of("LEVERAGE_CAP", "5.0")).riskLimits().hardLeverageCap())
        .isEqualTo(5);
    assertThat(
            AppConfig.fromVariables(Map.of("LEVERAGE_CAP", "2.5")).riskLimits().hardLeverageCap())
        .isEqualTo(2);
    assertThat(AppConfig.fromVariables(Map.of("LEVERAGE_CAP", "8")).riskLimits().hardLeverageCap())
        .isEqualTo(8);
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LEVERAGE_CAP", "0.5")))
        .hasMessage("LEVERAGE_CAP must be in 1..100 but was 0.5");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LEVERAGE_CAP", "five")))
        .hasMessageContaining("LEVERAGE_CAP must be a number");
  }

  @Test
  void thePythonDeploymentGuidesEnvFileLoads() throws Exception {
    Path env = dir.resolve(".env");
    try (var in = AppConfigTest.class.getResourceAsStream("/config/python-deployment.env")) {
      Files.write(env, in.readAllBytes());
    }
    AppConfig c = AppConfig.load(env, Map.of());
    assertThat(c.llmProvider()).isEqualTo("openrouter");
    assertThat(c.llmApiKey().reveal()).isEqualTo("sk-or-123...");
    assertThat(c.llmModel()).isEqualTo("openai/gpt-4o");
    assertThat(c.riskProfile()).isEqualTo(RiskProfile.CONSERVATIVE);
    assertThat(c.assets()).extracting(Asset::name).containsExactly("BTC", "ETH", "SOL");
    assertThat(c.interval()).isEqualTo(Interval.H1);
    assertThat(c.riskLimits().hardLeverageCap()).isEqualTo(5);
    assertThat(c.apiPort()).isEqualTo(3000);
    assertThat(c.signingKey()).isPresent();
  }

  @Test
  void aLocalServerNeedsABaseUrlAndNoKey() {
    AppConfig c =
        AppConfig.fromVariables(
            Map.of(
                "LLM_PROVIDER",
                "openai-compatible",
                "LLM_BASE_URL",
                "http://127.0.0.1:11434/v1",
                "LLM_MODEL",
                "llama3.1"));
    assertThat(c.llmProvider()).isEqualTo("openai-compatible");
    assertThat(c.llmApiKey()).isNull();
    assertThat(c.llmBaseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(
            AppConfig.fromVariables(
                    Map.of(
                        "LLM_PROVIDER",
                        "ollama",
                        "LLM_BASE_URL",
                        "http://127.0.0.1:11434/v1",
                        "LLM_MODEL",
                        "m"))
                .llmProvider())
        .isEqualTo("openai-compatible");
    // "openai" pointed at a local server without a key is the same thing.
    assertThat(
            AppConfig.fromVariables(
                    Map.of(
                        "LLM_PROVIDER",
                        "openai",
                        "LLM_BASE_URL",
                        "http://127.0.0.1:8000/v1",
                        "LLM_MODEL",
                        "m"))
                .llmProvider())
        .isEqualTo("openai-compatible");
    assertThat(
            AppConfig.fromVariables(
                    Map.of(
                        "LLM_PROVIDER",
                        "openai",
                        "LLM_BASE_URL",
                        "http://127.0.0.1:8000/v1",
                        "LLM_MODEL",
                        "m",
                        "OPENAI_API_KEY",
                        "sk-1"))
                .llmProvider())
        .isEqualTo("openai");
    assertThatThrownBy(
            () ->
                AppConfig.fromVariables(
                    Map.of("LLM_PROVIDER", "openai-compatible", "LLM_MODEL", "m")))
        .hasMessageContaining("LLM_BASE_URL is required for LLM_PROVIDER=openai-compatible");
  }

  @Test
  void theRepairModelsPriceIsRead() {
    java.util.function.Function<String, AppConfig> withPrice =
        price ->
            AppConfig.fromVariables(
                Map.of(
                    "OPENROUTER_API_KEY",
                    "sk-or-1",
                    "LLM_MODEL",
                    "openai/o3",
                    "SANITIZE_MODEL",
                    "m",
                    "SANITIZE_PRICE",
                    price));
    assertThat(withPrice.apply("0.15/0.60").modelOptions().repairPrice())
        .isEqualTo(
            new dev.rez.agent.ModelPrice(
                new java.math.BigDecimal("0.15"), new java.math.BigDecimal("0.60")));
    assertThatThrownBy(() -> withPrice.apply("cheap"))
        .hasMessageStartingWith("SANITIZE_PRICE: must be <input>/<output>");
  }

  @Test
  void modelSettingsAndTheRepairModelAreRead() {
    AppConfig c =
        AppConfig.fromVariables(
            Map.of(
                "OPENROUTER_API_KEY",
                "sk-or-1",
                "LLM_MODEL",
                "openai/o3",
                "LLM_TIMEOUT_SECONDS",
                "600",
                "LLM_TEMPERATURE",
                "0.7",
                "LLM_MAX_OUTPUT_TOKENS",
                "8000",
                "LLM_MAX_RETRIES",
                "4",
                "OPENROUTER_REFERER",
                "https://bot.example",
                "OPENROUTER_APP_TITLE",
                "My bot",
                "REZ_SYSTEM_PROMPT_FILE",
                "prompt.md",
                "SANITIZE_MODEL",
                "openai/gpt-4o-mini"));
    ModelOptions o = c.modelOptions();
    assertThat(o.timeout()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(o.temperature()).isEqualByComparingTo("0.7");
    assertThat(o.maxOutputTokens()).isEqualTo(8000);
    assertThat(o.maxRetries()).isEqualTo(4);
    assertThat(o.referer()).isEqualTo("https://bot.example");
    assertThat(o.appTitle()).isEqualTo("My bot");
    assertThat(o.systemPromptFile()).isEqualTo(Path.of("prompt.md"));
    // The repair model shares the provider and its key unless told otherwise.
    assertThat(o.repairProvider()).isEqualTo("openrouter");
    assertThat(o.repairModel()).isEqualTo("openai/gpt-4o-mini");
    assertThat(o.repairApiKey().reveal()).isEqualTo("sk-or-1");
    assertThat(o.toString()).doesNotContain("sk-or-1");
    assertThat(
            AppConfig.fromVariables(Map.of("LLM_MAX_TOKENS", "123"))
                .modelOptions()
                .maxOutputTokens())
        .isEqualTo(123);
    assertThat(AppConfig.fromVariables(Map.of()).modelOptions()).isEqualTo(ModelOptions.DEFAULTS);

    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LLM_TEMPERATURE", "3")))
        .hasMessageContaining("LLM_TEMPERATURE must be in 0..2");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("LLM_MAX_RETRIES", "11")))
        .hasMessageContaining("LLM_MAX_RETRIES");
    assertThatThrownBy(() -> AppConfig.fromVariables(Map.of("SANITIZE_MODEL", "m")))
        .hasMessageContaining("SANITIZE_PROVIDER");
    AppConfig local =
        AppConfig.fromVariables(
            Map.of(
                "SANITIZE_MODEL",
                "qwen",
                "SANITIZE_PROVIDER",
                "ollama",
                "SANITIZE_BASE_URL",
                "http://127.0.0.1:11434/v1"));
    assertThat(local.modelOptions().repairProvider()).isEqualTo("openai-compatible");
    assertThat(local.modelOptions().repairApiKey()).isNull();
  }
}
