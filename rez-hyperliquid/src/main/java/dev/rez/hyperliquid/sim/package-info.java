/**
 * An embedded Hyperliquid exchange for tests, demos and backtests: {@link
 * dev.rez.hyperliquid.sim.HyperliquidSimulator} serves Hyperliquid's {@code /info} and {@code
 * /exchange} HTTP API on 127.0.0.1, verifies signatures, and fills orders against replayed ({@link
 * dev.rez.hyperliquid.sim.CandleCsv}) or synthetic candles.
 *
 * <pre>{@code
 * try (var sim = HyperliquidSimulator.builder().candles("BTC", candles).fund(address, new BigDecimal("10000")).start()) {
 *   HyperliquidExchange hl = HyperliquidExchange.builder().baseUrl(sim.baseUrl()).signer(key).build();
 * }
 * }</pre>
 *
 * <p>The module's {@code SIMULATOR.md} describes its fill model and what differs from the real
 * exchange.
 */
package dev.rez.hyperliquid.sim;
