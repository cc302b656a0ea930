package dev.rez.hyperliquid.sim;

import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.PrivateKeySigner;
import dev.rez.hyperliquid.Signature;
import dev.rez.hyperliquid.Signing;
import dev.rez.hyperliquid.UserSignedType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Signs and posts raw Hyperliquid requests to a simulator, for tests. */
final class SimHttp {
  static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
  static final String ADDRESS = "0x14791697260e4c9a71f18484c9f997b308e59325";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final AtomicLong nonce = new AtomicLong(System.currentTimeMillis());

  SimHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  long nextNonce() {
    return nonce.incrementAndGet();
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  Object info(Map<String, Object> req) throws IOException, InterruptedException {
    HttpResponse<String> r = post("/info", Json.write(req));
    if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    return Json.parse(r.body());
  }

  /**
   * Signs {@code action} as an L1 action with {@code key} (testnet) and posts it; returns the
   * parsed body.
   */
  Map<String, Object> exchange(PrivateKeySigner key, Map<String, Object> action, long nonce)
      throws IOException, InterruptedException {
    Signature sig = Signing.signL1Action(key, action, nonce, null, null, Network.TESTNET);
    HttpResponse<String> r = post("/exchange", envelope(action, nonce, sig));
    if (r.statusCode() != 200) throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    return Json.object(Json.parse(r.body()), "response");
  }

  Map<String, Object> exchange(PrivateKeySigner key, Map<String, Object> action)
      throws IOException, InterruptedException {
    return exchange(key, action, nextNonce());
  }

  static String envelope(Map<String, Object> action, long nonce, Signature sig) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    body.put("nonce", nonce);
    body.put("signature", sig.toWire());
    body.put("vaultAddress", null);
    body.put("expiresAfter", null);
    return Json.write(body);
  }

  /**
   * The {@code /exchange} body of the user-signed {@code action} (testnet), signed by {@code key}
   * with the request nonce {@code nonce}.
   */
  static String userSigned(
      PrivateKeySigner key, Map<String, Object> action, UserSignedType type, long nonce) {
    Map<String, Object> signed = Signing.withUserSignedFields(action, Network.TESTNET);
    return envelope(signed, nonce, Signing.signUserSignedAction(key, signed, type));
  }

  Map<String, Object> approveAgent(PrivateKeySigner master, String agentAddress)
      throws IOException, InterruptedException {
    long n = nextNonce();
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("type", "approveAgent");
    action.put("agentAddress", agentAddress);
    action.put("agentName", "");
    action.put("nonce", n);
    Map<String, Object> signed = Signing.withUserSignedFields(action, Network.TESTNET);
    Signature sig = Signing.signUserSignedAction(master, signed, UserSignedType.APPROVE_AGENT);
    signed.remove("agentName"); // as the Python SDK does for an unnamed agent
    HttpResponse<String> r = post("/exchange", envelope(signed, n, sig));
    return Json.object(Json.parse(r.body()), "response");
  }

  // ------------------------------------------------------------------ action builders (SDK key
  // order)

  static Map<String, Object> order(List<Map<String, Object>> orders, String grouping) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("type", "order");
    a.put("orders", orders);
    a.put("grouping", grouping);
    return a;
  }

  static Map<String, Object> limit(
      int asset, boolean buy, String px, String sz, boolean reduceOnly, String tif, String cloid) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("a", asset);
    o.put("b", buy);
    o.put("p", px);
    o.put("s", sz);
    o.put("r", reduceOnly);
    o.put("t", Map.of("limit", Map.of("tif", tif)));
    if (cloid != null) o.put("c", cloid);
    return o;
  }

  static Map<String, Object> trigger(int asset, boolean buy, String px, String sz, String tpsl) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("a", asset);
    o.put("b", buy);
    o.put("p", px);
    o.put("s", sz);
    o.put("r", true);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("isMarket", true);
    t.put("triggerPx", px);
    t.put("tpsl", tpsl);
    o.put("t", Map.of("trigger", t));
    return o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> statuses(Map<String, Object> response) {
    Map<String, Object> r = (Map<String, Object>) response.get("response");
    return (List<Object>) ((Map<String, Object>) r.get("data")).get("statuses");
  }
}
