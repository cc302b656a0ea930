package dev.rez.hyperliquid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.core.Asset;
import dev.rez.core.ClientOrderId;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import dev.rez.hyperliquid.HyperliquidExchange;
import dev.rez.hyperliquid.PrivateKeySigner;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module README's simulator example, verbatim but for the data, runs and does what it says. */
class ReadmeSimulatorExampleTest {
  static final String ONE_LINE =
      "try (var sim = HyperliquidSimulator.builder().candles(\"BTC\", CandleCsv.read(csv)).fund(signer.address(), new BigDecimal(\"10000\")).start()) {";

  @Test
  void theReadmeShowsTheOneLineStart() throws Exception {
    Path readme = Path.of("README.md");
    assertThat(readme).exists();
    assertThat(Files.readString(readme)).contains(ONE_LINE).contains("sim.advance();");
  }

  @Test
  void theOneLineStartTradesWithProtection(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("btc-1m.csv");
    Files.writeString(
        csv,
        "time,open,high,low,close,volume\n"
            + "1704067200000,100,112,99.5,111,5\n"
            + "1704067260000,111,113,110,112,5\n");
    PrivateKeySigner signer = PrivateKeySigner.fromHex(SimHttp.KEY);
    Asset btc = Asset.of("BTC");
    BigDecimal size = new BigDecimal("0.5");
    OrderRequest entry =
        new OrderRequest(
            btc,
            Side.BUY,
            size,
            new BigDecimal("101"),
            TimeInForce.IOC,
            false,
            ClientOrderId.derive("readme/entry"));
    TriggerOrder tp =
        new TriggerOrder(
            btc,
            Side.SELL,
            size,
            TriggerKind.TAKE_PROFIT,
            new BigDecimal("110"),
            true,
            new BigDecimal("99"),
            ClientOrderId.derive("readme/tp"));
    TriggerOrder sl =
        new TriggerOrder(
            btc,
            Side.SELL,
            size,
            TriggerKind.STOP_LOSS,
            new BigDecimal("95"),
            true,
            new BigDecimal("85"),
            ClientOrderId.derive("readme/sl"));
    List<OrderResult> results;
    int fills;
    try (var sim =
        HyperliquidSimulator.builder()
            .candles("BTC", CandleCsv.read(csv))
            .fund(signer.address(), new BigDecimal("10000"))
            .start()) {
      HyperliquidExchange hl =
          HyperliquidExchange.builder().baseUrl(sim.baseUrl()).signer(signer).build();
      results = hl.placeWithProtection(entry, List.of(tp, sl)); // the order above, simulated
      sim.advance(); // play the next candle
      fills = hl.recentFills().size();
    }
    assertThat(results).hasSize(3);
    assertThat(results.get(0)).isInstanceOf(OrderResult.Filled.class);
    assertThat(fills)
        .as("the entry at the open, then the take-profit inside the candle")
        .isEqualTo(2);
  }
}
