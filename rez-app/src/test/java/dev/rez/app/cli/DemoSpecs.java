package dev.rez.app.cli;

import dev.rez.app.config.AppConfig;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import dev.rez.hyperliquid.sim.AfterReplay;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The demo as the app tests start it, written once. */
final class DemoSpecs {
  private DemoSpecs() {}

  /**
   * The shipped BTC minutes replayed on a fresh embedded simulator, then a generated market; 300
   * bars of history before the first cycle.
   *
   * @param speed simulated seconds per wall-clock second
   */
  static TradingApp.Spec btc(AppConfig cfg, Path diary, double speed, String runId) {
    Asset btc = Asset.of("BTC");
    return new TradingApp.Spec(
        TradingApp.Mode.DEMO,
        cfg,
        AppConfig.Network.SIMULATOR,
        List.of(btc),
        Interval.M1,
        diary,
        Map.of(btc, CandleCsv.demo()),
        speed,
        300,
        AfterReplay.SYNTHETIC,
        runId,
        null);
  }
}
