package dev.rez.app.diary;

import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fields every run's {@code app-start} event records: who trades what, where, with which model
 * and from which equity.
 *
 * @param mode the mode's id (demo, run, backtest, replay, arena)
 * @param network the network's id
 * @param address the trading account
 * @param signer the address that signs (an agent wallet, or the account itself)
 * @param assets the assets' names
 * @param interval the cycle interval as written on the wire
 * @param model the model's name
 * @param riskProfile the risk profile's name
 * @param equity the account's equity at start
 * @param runId distinguishes the run's client order ids
 * @param exchange the exchange: a simulator's id or the exchange's URL
 */
public record AppStart(
    String mode,
    String network,
    String address,
    String signer,
    List<String> assets,
    String interval,
    String model,
    String riskProfile,
    BigDecimal equity,
    String runId,
    String exchange) {

  /** The version of the diary's event schema an {@code app-start} declares. */
  public static final int SCHEMA = 1;

  /**
   * The {@code app-start} event, its fields in the order {@link DiarySchema} lists them.
   *
   * @param time when the run started
   * @param setup fields written after the risk profile (the warm-up history, blind mode)
   * @param extra fields written last (plugin tools, the contestant's name)
   */
  public DiaryEvent event(Instant time, Map<String, Object> setup, Map<String, Object> extra) {
    Map<String, Object> data =
        Json.obj(
            "mode",
            mode,
            "network",
            network,
            "address",
            address,
            "signer",
            signer,
            "assets",
            assets,
            "interval",
            interval,
            "model",
            model,
            "riskProfile",
            riskProfile);
    data.putAll(setup);
    data.putAll(Json.obj("schema", SCHEMA, "equity", equity, "runId", runId, "exchange", exchange));
    data.putAll(extra);
    return new DiaryEvent(time, 0, "app-start", null, Json.write(data));
  }
}
