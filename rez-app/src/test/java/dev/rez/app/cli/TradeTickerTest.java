package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeTickerTest {
  static final Instant T = Instant.parse("2026-03-01T14:03:00Z");

  @TempDir Path dir;

  static DiaryEvent fill(
      String asset, String side, String price, String size, String fee, String pnl) {
    return new DiaryEvent(
        T,
        1,
        "fill",
        Asset.of(asset),
        Json.write(
            Json.obj(
                "time",
                T,
                "asset",
                asset,
                "side",
                side,
                "price",
                new BigDecimal(price),
                "size",
                new BigDecimal(size),
                "fee",
                new BigDecimal(fee),
                "closedPnl",
                new BigDecimal(pnl))));
  }

  @Test
  void printsALinePerFillAppendedAfterItStarts() throws Exception {
    StringWriter text = new StringWriter();
    try (JsonlDiary diary = JsonlDiary.open(dir.resolve("diary.jsonl"))) {
      diary.append(fill("BTC", "BUY", "60000", "0.5", "1", "0")); // before the ticker: not printed
      TradeTicker ticker = new TradeTicker(diary, new PrintWriter(text, true));
      diary.append(new DiaryEvent(T, 1, "cycle-start", null, "{}"));
      diary.append(fill("ETH", "BUY", "3012.50", "0.3320", "0.4503", "0"));
      diary.append(fill("ETH", "SELL", "3100.0", "0.332", "0.46", "29.05"));
      diary.append(fill("SOL", "SELL", "150.25", "2", "0.12", "-3.456"));
      ticker.close();
    }
    assertThat(text.toString().lines().toList())
        .containsExactly(
            "03-01 14:03  ETH   buy  0.332 @ 3012.5  fee 0.45",
            "03-01 14:03  ETH   sell 0.332 @ 3100  fee 0.46  pnl +29.05",
            "03-01 14:03  SOL   sell 2 @ 150.25  fee 0.12  pnl -3.46");
  }
}
