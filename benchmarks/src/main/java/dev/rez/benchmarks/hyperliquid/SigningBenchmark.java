package dev.rez.benchmarks.hyperliquid;

import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.Signature;
import dev.rez.hyperliquid.Signing;
import dev.rez.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hyperliquid request signing: one order action (msgpack, keccak, EIP-712, RFC 6979 ECDSA, low-s),
 * and a 3-order normalTpsl batch signed and serialised to the {@code /exchange} JSON body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {
  private final PrivateKeySigner signer =
      PrivateKeySigner.fromHex(
          "0x0123456789012345678901234567890123456789012345678901234567890123");
  private final Map<String, Object> oneOrder =
      action(List.of(limit("65000", "0.001", "0x00000000000000000000000000000001")), "na");
  private final Map<String, Object> tpslBatch =
      action(
          List.of(
              limit("65000", "0.001", "0x00000000000000000000000000000001"),
              trigger("70000", "tp", "0x00000000000000000000000000000002"),
              trigger("62000", "sl", "0x00000000000000000000000000000003")),
          "normalTpsl");
  private long nonce = 1_700_000_000_000L;

  private static Map<String, Object> action(List<Map<String, Object>> orders, String grouping) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("type", "order");
    a.put("orders", orders);
    a.put("grouping", grouping);
    return a;
  }

  private static Map<String, Object> order(
      boolean buy,
      String px,
      String sz,
      boolean reduceOnly,
      Map<String, Object> type,
      String cloid) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("a", 0);
    o.put("b", buy);
    o.put("p", px);
    o.put("s", sz);
    o.put("r", reduceOnly);
    o.put("t", type);
    o.put("c", cloid);
    return o;
  }

  private static Map<String, Object> limit(String px, String sz, String cloid) {
    return order(true, px, sz, false, Map.of("limit", Map.of("tif", "Gtc")), cloid);
  }

  private static Map<String, Object> trigger(String px, String tpsl, String cloid) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("isMarket", true);
    t.put("triggerPx", px);
    t.put("tpsl", tpsl);
    return order(false, px, "0.001", true, Map.of("trigger", t), cloid);
  }

  /** Sign one order action (a fresh nonce each time, so nothing is cached). */
  @Benchmark
  public Signature signOneOrder() {
    return Signing.signL1Action(signer, oneOrder, nonce++, null, null, Network.TESTNET);
  }

  /** Sign an entry + TP + SL batch and write the complete request body. */
  @Benchmark
  public String signAndSerializeNormalTpslBatch() {
    long n = nonce++;
    Signature sig = Signing.signL1Action(signer, tpslBatch, n, null, null, Network.TESTNET);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", tpslBatch);
    body.put("nonce", n);
    body.put("signature", sig.toWire());
    body.put("vaultAddress", null);
    body.put("expiresAfter", null);
    return Json.write(body);
  }
}
