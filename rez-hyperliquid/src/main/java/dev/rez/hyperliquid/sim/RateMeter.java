package dev.rez.hyperliquid.sim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Hyperliquid's IP-based request weights: counts every {@code /info} and {@code /exchange} request
 * for {@code GET /sim/stats} and, when a budget is set, refuses a client that has spent it.
 *
 * <p>Weights as the exchange documents them: an action weighs {@code 1 + floor(n / 40)} for a batch
 * of n orders, cancels or modifies; {@code l2Book}, {@code allMids}, {@code clearinghouseState},
 * {@code orderStatus}, {@code spotClearinghouseState} and {@code exchangeStatus} weigh 2, {@code
 * userRole} 60, every other info request 20, plus one per 20 items answered for fills, orders and
 * funding lists and one per 60 for {@code candleSnapshot}. The budget refills continuously: {@code
 * budget} weight per minute per client IP, at most {@code budget} banked.
 *
 * <p>Counts are kept per request type and per client IP.
 *
 * <p>This class is threadsafe.
 */
final class RateMeter {
  private static final List<String> LIGHT =
      List.of(
          "l2Book",
          "allMids",
          "clearinghouseState",
          "orderStatus",
          "spotClearinghouseState",
          "exchangeStatus");
  private static final List<String> PER_20 =
      List.of("userFills", "userFillsByTime", "historicalOrders", "fundingHistory", "userFunding");
  private static final int MAX_CLIENTS = 10_000;

  /**
   * What one request was charged; {@code refused} when it exceeded the client's budget and must not
   * run.
   */
  record Charge(String client, String type, boolean refused) {}

  private final int budget;
  private final boolean enforce;
  private final LongSupplier wallClock;
  private final Map<String, double[]> buckets = new HashMap<>();
  private final Map<String, long[]> byType = new TreeMap<>();
  private final Map<String, long[]> byClient = new TreeMap<>();
  private long requests;
  private long weight;

  /**
   * @param budget weight per minute per client
   * @param enforce true to answer 429 past the budget; false to count only
   */
  RateMeter(int budget, boolean enforce, LongSupplier wallClock) {
    this.budget = budget;
    this.enforce = enforce;
    this.wallClock = wallClock;
  }

  int budget() {
    return budget;
  }

  /**
   * Charges the request's base weight to {@code client}; {@code req} is its body's object, or null
   * for a body that is not one (charged like an ordinary request of its route).
   */
  synchronized Charge charge(String client, String path, Map<String, Object> req) {
    String type;
    int w;
    if (path.equals("/exchange")) {
      Object action = req == null ? null : req.get("action");
      type =
          action instanceof Map<?, ?> a && a.get("type") instanceof String t ? t : "invalidAction";
      int n = 1;
      if (action instanceof Map<?, ?> a) {
        for (String key : List.of("orders", "cancels", "modifies"))
          if (a.get(key) instanceof List<?> l) n = l.size();
      }
      w = 1 + n / 40;
    } else {
      type = req != null && req.get("type") instanceof String t ? t : "invalidInfo";
      w = LIGHT.contains(type) ? 2 : type.equals("userRole") ? 60 : 20;
    }
    if (enforce) {
      double[] bucket = bucket(client);
      if (bucket[0] < w) return new Charge(client, type, true);
      bucket[0] -= w;
    }
    add(type, w, true);
    count(byClient, client, w, true);
    return new Charge(client, type, false);
  }

  /** Adds the weight that depends on the answer's length (fills, orders, funding, candles). */
  synchronized void answered(Charge charge, Api.Response r) {
    if (r.status() != 200 || !r.json()) return;
    int per = PER_20.contains(charge.type()) ? 20 : charge.type().equals("candleSnapshot") ? 60 : 0;
    if (per == 0) return;
    int items = topLevelItems(r.body());
    int extra = items / per;
    if (extra == 0) return;
    add(charge.type(), extra, false);
    count(byClient, charge.client(), extra, false);
    // Spent after the fact: the bucket may go below zero and refuse the client's next requests.
    if (enforce) bucket(charge.client())[0] -= extra;
  }

  /**
   * How many items the JSON array {@code json} holds (0 when it is not an array), counted by
   * scanning, not parsing: the answers are the simulator's own well-formed JSON, and a candle
   * snapshot is long.
   */
  static int topLevelItems(String json) {
    int i = 0;
    int n = json.length();
    while (i < n && Character.isWhitespace(json.charAt(i))) i++;
    if (i == n || json.charAt(i) != '[') return 0;
    int depth = 0;
    int items = 0;
    boolean inString = false;
    for (; i < n; i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') i++;
        else if (c == '"') inString = false;
        continue;
      }
      if (c == '"') {
        if (depth == 1 && items == 0) items = 1;
        inString = true;
      } else if (c == '[' || c == '{') {
        if (depth == 1 && items == 0) items = 1;
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ',') {
        if (depth == 1) items++;
      } else if (depth == 1 && items == 0 && !Character.isWhitespace(c)) {
        items = 1;
      }
      if (depth == 0) break;
    }
    return items;
  }

  private double[] bucket(String client) {
    long now = wallClock.getAsLong();
    if (buckets.size() >= MAX_CLIENTS && !buckets.containsKey(client)) buckets.clear();
    double[] b = buckets.computeIfAbsent(client, c -> new double[] {budget, now});
    b[0] = Math.min(budget, b[0] + (now - b[1]) * budget / 60_000.0);
    b[1] = now;
    return b;
  }

  private void add(String type, int w, boolean request) {
    count(byType, type, w, request);
    if (request) requests++;
    weight += w;
  }

  /**
   * Adds to {@code key}'s counts; keys come from callers, so at most 64 distinct ones are kept,
   * then "other".
   */
  private static void count(Map<String, long[]> counts, String key, int w, boolean request) {
    String k = counts.containsKey(key) || counts.size() < 64 && key.length() <= 40 ? key : "other";
    long[] t = counts.computeIfAbsent(k, x -> new long[2]);
    if (request) t[0]++;
    t[1] += w;
  }

  /**
   * {@code {"requests": N, "weight": W, "byType": {"allMids": {"requests": n, "weight": w}, …}}}
   * since start.
   */
  synchronized Map<String, Object> stats() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requests", requests);
    out.put("weight", weight);
    out.put("byType", tree(byType));
    out.put("byClient", tree(byClient));
    out.put("budgetPerMinute", enforce ? budget : null);
    return out;
  }

  private static Map<String, Object> tree(Map<String, long[]> counts) {
    Map<String, Object> out = new LinkedHashMap<>();
    counts.forEach(
        (k, v) -> {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("requests", v[0]);
          t.put("weight", v[1]);
          out.put(k, t);
        });
    return out;
  }
}
