/**
 * Several agents trading the same replayed market side by side, each with its own simulated
 * account, risk policy, kill switch and diary, and a leaderboard that says which did better on that
 * replay beyond noise: {@link dev.rez.app.arena.Arena} runs them (one embedded simulator, one
 * stepped clock, one standard trading loop per contestant) and returns a {@link
 * dev.rez.app.arena.Leaderboard}.
 *
 * <pre>{@code
 * Leaderboard board = Arena.builder().candles(Asset.of("BTC"), candles).directory(Path.of("data/arena"))
 *     .contestant("rules", Models.offline(), RiskProfile.MODERATE.limits())
 *     .contestant("mine", seat -> myDecisionMaker(seat), RiskProfile.HIGH.limits())
 *     .build().run();
 * }</pre>
 *
 * <p>The comparison is a paired bootstrap of the per-cycle returns (marked to market) against a
 * baseline, seeded: the same data and contestants give the same leaderboard, byte for byte. It
 * resamples cycles independently, does not correct for several contestants compared at once, and
 * speaks of the one price path replayed.
 */
package dev.rez.app.arena;
