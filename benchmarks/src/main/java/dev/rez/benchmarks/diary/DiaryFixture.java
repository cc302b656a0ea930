package dev.rez.benchmarks.diary;

import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A generated diary that looks like a year of trading: cycles of 16 events (context, prompt,
 * reasoning, tool calls, decisions and verdicts for two assets, an order and a fill, protection,
 * cycle end), one error every hundred cycles.
 */
public final class DiaryFixture {
  /** Events per cycle. */
  public static final int CYCLE = 16;

  private static final String[] TYPES = {
    "cycle-start", "context", "prompt", "reasoning", "tool-call", "tool-call", "reasoning",
        "decision",
    "risk-verdict", "decision", "risk-verdict", "order", "fill", "protection", "reasoning",
        "cycle-end"
  };
  private static final String[] ASSETS = {
    null, null, null, null, "BTC", "ETH", null, "BTC", "BTC", "ETH", "ETH", "BTC", "BTC", "SOL",
    null, null
  };
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private DiaryFixture() {}

  /** The type of event {@code i} (0-based). */
  public static String type(long i) {
    long cycle = i / CYCLE + 1;
    int k = (int) (i % CYCLE);
    if (k == 13 && cycle % 100 == 0) return "error";
    return TYPES[k];
  }

  /** The event at position {@code i} (0-based). */
  public static DiaryEvent event(long i) {
    long cycle = i / CYCLE + 1;
    int k = (int) (i % CYCLE);
    String type = type(i);
    String asset = type.equals("error") ? null : ASSETS[k];
    String data =
        switch (type) {
          case "cycle-start" -> "{\"cycle\":" + cycle + ",\"assets\":[\"BTC\",\"ETH\",\"SOL\"]}";
          case "context" ->
              "{\"version\":1,\"payload\":{\"BTC\":{\"price\":64012.5,\"rsi14\":48.2,\"ema20\":63990.1,\"macd\":[12.1,10.4,1.7]},"
                  + "\"ETH\":{\"price\":3120.25,\"rsi14\":55.9,\"ema20\":3101.7,\"macd\":[2.1,1.4,0.7]},\"account\":{\"equity\":10012.5,\"positions\":1}}}";
          case "prompt" ->
              "{\"system\":\"You are a careful perpetuals trader. Follow the risk rules.\",\"user\":\"Cycle "
                  + cycle
                  + ": decide for BTC, ETH and SOL.\"}";
          case "reasoning" ->
              "{\"step\":"
                  + k
                  + ",\"text\":\"BTC holds above the 20 EMA with RSI near 48; momentum is flat, so waiting is reasonable in cycle "
                  + cycle
                  + ".\"}";
          case "tool-call" ->
              "{\"step\":"
                  + k
                  + ",\"tool\":\"indicators\",\"arguments\":{\"asset\":\""
                  + asset
                  + "\",\"interval\":\"5m\"},\"result\":{\"rsi14\":51.2},\"error\":null,\"durationMs\":3}";
          case "decision" ->
              "{\"action\":\""
                  + (cycle % 4 == 0 ? "open_long" : "hold")
                  + "\",\"notionalUsd\":200,\"leverage\":5,\"takeProfit\":66000,\"stopLoss\":63000,\"rationale\":\"trend up\"}";
          case "risk-verdict" ->
              "{\"outcome\":\"approved\",\"reasons\":[],\"decision\":{\"action\":\"hold\"}}";
          case "order" ->
              "{\"kind\":\"entry\",\"request\":{\"size\":0.01},\"results\":[{\"status\":\"resting\",\"oid\":"
                  + i
                  + "}],\"latencyMs\":41}";
          case "fill" ->
              "{\"time\":\"2025-01-01T00:00:00Z\",\"asset\":\"BTC\",\"side\":\"buy\",\"price\":64000.0,\"size\":0.01,\"fee\":0.28,\"closedPnl\":0.0,\"orderId\":"
                  + i
                  + "}";
          case "protection" -> "{\"action\":\"re-armed\",\"detail\":\"stop-loss at 63000\"}";
          case "error" -> "{\"where\":\"llm\",\"message\":\"timeout after 60 s\"}";
          default ->
              "{\"cycle\":"
                  + cycle
                  + ",\"durationMs\":840,\"ok\":true,\"tokens\":{\"input\":1200,\"output\":300},\"decisionLatencyMs\":700}";
        };
    return new DiaryEvent(
        START.plusSeconds(cycle * 300 + k),
        cycle,
        type,
        asset == null ? null : Asset.of(asset),
        data);
  }

  /**
   * Makes sure {@code file} is a diary of exactly {@code events} generated events (generating it
   * when it is missing or of another size), and returns it.
   */
  public static Path ensure(Path file, long events) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (JsonlDiary d = JsonlDiary.open(file)) {
        if (d.size() == events) return file;
      }
      Files.deleteIfExists(file);
      for (Path index : JsonlDiary.indexFiles(file)) Files.deleteIfExists(index);
      try (JsonlDiary d = JsonlDiary.open(file)) {
        for (long i = 0; i < events; i++) d.append(event(i));
        d.flush();
      }
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Generates a diary: {@code DiaryFixture <file> <events>}. */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "target/diary-bench/diary-1000000.jsonl");
    long events = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    long t0 = System.nanoTime();
    ensure(file, events);
    System.out.printf("%s: %d events in %.1f s%n", file, events, (System.nanoTime() - t0) / 1e9);
  }
}
