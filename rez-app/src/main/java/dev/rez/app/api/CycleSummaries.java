package dev.rez.app.api;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.rez.app.diary.DiarySchema;
import dev.rez.app.diary.JsonlDiary;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.JsonOut;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent-mind timeline: one summary per cycle, built from the cycle's diary events, newest
 * first. A page examines at most {@link #SCAN_BUDGET} cycles and {@link #EVENT_BUDGET} of their
 * events, so that a search that matches rarely still answers quickly whatever the diary holds;
 * {@code hasMore} then says that older cycles remain to be examined from {@code next}, {@code
 * scanned} how many cycles this page examined and {@code truncated} that the budget, not the limit,
 * ended it. A cycle's outcome is {@code error} when it ended not ok or recorded an error of its
 * own; an exchange fault the client recovered from (an {@code error} event with {@code where:
 * "exchange"} in a cycle that ended ok) does not make it one. An order the exchange did not take (a
 * request that failed, or every result rejected) makes it {@code error} too, with that order's
 * error, not {@code traded}.
 */
final class CycleSummaries {
  static final int SCAN_BUDGET = 2000;
  static final int EVENT_BUDGET = 50_000;
  static final Set<String> OUTCOMES = Set.of("traded", "rejected", "held", "error");

  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private CycleSummaries() {}

  /** The criteria of {@code /api/cycles}; each null for any. */
  record Criteria(String asset, String action, String outcome, String q) {}

  record Decision(String asset, String action, String rationale, String verdict) {}

  record Summary(
      long cycle,
      DiaryEvent first,
      Long durationMs,
      List<String> assets,
      List<Decision> decisions,
      String outcome,
      Map<?, ?> tokens,
      String error,
      String reasoning,
      Set<String> eventAssets) {}

  static Map<?, ?> data(DiaryEvent e) {
    try {
      Object o = ANY.fromJson(e.json());
      return o instanceof Map<?, ?> m ? m : Map.of();
    } catch (IOException | RuntimeException ex) {
      return Map.of();
    }
  }

  private static String str(Object o) {
    return o instanceof String s ? s : null;
  }

  static Summary summarize(long cycle, List<Diary.Entry> entries) {
    DiaryEvent first = null;
    Long duration = null;
    List<String> assets = null;
    TreeSet<String> seenAssets = new TreeSet<>();
    List<Decision> decisions = new ArrayList<>();
    List<Integer> open = new ArrayList<>(); // decisions still waiting for their verdict
    boolean traded = false;
    boolean rejected = false;
    boolean failed = false;
    Map<?, ?> tokens = null;
    String error = null;
    String exchangeError =
        null; // a client-side exchange fault: retried, so it fails the cycle only with ok=false
    StringBuilder reasoning = new StringBuilder();
    for (Diary.Entry entry : entries) {
      DiaryEvent e = entry.event();
      if (first == null) first = e;
      if (e.asset() != null) seenAssets.add(e.asset().name());
      switch (e.type()) {
        case "cycle-start" -> {
          first = e;
          if (data(e).get("assets") instanceof List<?> l) {
            assets = new ArrayList<>();
            for (Object a : l) if (a instanceof String s) assets.add(s);
          }
        }
        case "decision" -> {
          Map<?, ?> d = data(e);
          String rationale = str(d.get("rationale"));
          if (rationale != null) reasoning.append(rationale).append('\n');
          // Diaries before the one spelling wrote open-long: both read as open_long.
          decisions.add(
              new Decision(
                  e.asset() == null ? null : e.asset().name(),
                  DiarySchema.normalizeAction(d.get("action")),
                  rationale,
                  null));
          open.add(decisions.size() - 1);
        }
        case "risk-verdict" -> {
          String outcome = str(data(e).get("outcome"));
          if (outcome != null && outcome.toLowerCase(Locale.ROOT).startsWith("reject"))
            rejected = true;
          String asset = e.asset() == null ? null : e.asset().name();
          for (int i = 0; i < open.size(); i++) {
            Decision d = decisions.get(open.get(i));
            if (java.util.Objects.equals(d.asset(), asset)) {
              decisions.set(
                  open.get(i), new Decision(d.asset(), d.action(), d.rationale(), outcome));
              open.remove(i);
              break;
            }
          }
        }
        case "order" -> {
          String orderError = orderFailure(data(e));
          if (orderError == null) traded = true;
          else {
            failed = true;
            if (error == null) error = orderError;
          }
        }
        case "fill" -> traded = true;
        case "reasoning" -> {
          String text = str(data(e).get("text"));
          if (text != null) reasoning.append(text).append('\n');
        }
        case "error" -> {
          Map<?, ?> d = data(e);
          if ("exchange".equals(d.get("where"))) {
            if (exchangeError == null) exchangeError = str(d.get("message"));
          } else {
            failed = true;
            if (error == null) error = str(d.get("message"));
          }
        }
        case "cycle-end" -> {
          Map<?, ?> d = data(e);
          if (d.get("durationMs") instanceof Number n) duration = n.longValue();
          if (Boolean.FALSE.equals(d.get("ok"))) failed = true;
          if (d.get("tokens") instanceof Map<?, ?> t) tokens = t;
        }
        default -> {}
      }
    }
    if (failed && error == null) error = exchangeError;
    String outcome = failed ? "error" : traded ? "traded" : rejected ? "rejected" : "held";
    return new Summary(
        cycle,
        first,
        duration,
        assets != null ? assets : List.copyOf(seenAssets),
        decisions,
        outcome,
        tokens,
        error,
        reasoning.toString(),
        seenAssets);
  }

  /**
   * Why an order event sent nothing that the exchange took, or null when it did: a request that
   * failed ({@code results} empty, with its {@code error}) or one whose every result the exchange
   * rejected (the first rejection's error).
   */
  static String orderFailure(Map<?, ?> order) {
    List<?> results = order.get("results") instanceof List<?> l ? l : List.of();
    String rejection = null;
    for (Object r : results) {
      if (!(r instanceof Map<?, ?> m) || !"rejected".equals(m.get("status"))) return null;
      if (rejection == null) rejection = str(m.get("error"));
    }
    String error = str(order.get("error"));
    if (error != null) return error;
    if (results.isEmpty()) return null; // an order recorded without its answer: not a failure
    return rejection != null ? rejection : "order rejected";
  }

  static boolean matches(Summary s, Criteria c) {
    // A cycle concerns an asset when one of its events is about it (every cycle looks at every
    // asset).
    if (c.asset() != null && !s.eventAssets().contains(c.asset())) return false;
    if (c.action() != null && s.decisions().stream().noneMatch(d -> c.action().equals(d.action())))
      return false;
    if (c.outcome() != null && !c.outcome().equals(s.outcome())) return false;
    return c.q() == null
        || s.reasoning().toLowerCase(Locale.ROOT).contains(c.q().toLowerCase(Locale.ROOT));
  }

  static void write(JsonOut o, Summary s) {
    o.begin()
        .field("cycle", s.cycle())
        .field("startedAt", s.first() == null ? null : s.first().time());
    o.name("durationMs");
    if (s.durationMs() == null) o.nullValue();
    else o.value(s.durationMs());
    o.name("assets").beginArray();
    for (String a : s.assets()) o.value(a);
    o.endArray();
    o.name("decisions").beginArray();
    for (Decision d : s.decisions()) {
      o.begin()
          .field("asset", d.asset())
          .field("action", d.action())
          .field("rationale", d.rationale())
          .field("verdict", d.verdict())
          .end();
    }
    o.endArray();
    o.field("outcome", s.outcome());
    o.name("tokens");
    if (s.tokens() == null) o.nullValue();
    else {
      o.begin().name("input");
      number(o, s.tokens().get("input"));
      o.name("output");
      number(o, s.tokens().get("output"));
      o.end();
    }
    o.field("error", s.error()).end();
  }

  private static void number(JsonOut o, Object v) {
    if (v instanceof Number n) Views.finite(o, n.doubleValue());
    else o.nullValue();
  }

  /** Writes one page of {@code /api/cycles}. */
  static String page(JsonlDiary diary, Long before, int limit, Criteria criteria) {
    return page(diary, before, limit, criteria, SCAN_BUDGET, EVENT_BUDGET);
  }

  static String page(
      JsonlDiary diary,
      Long before,
      int limit,
      Criteria criteria,
      int cycleBudget,
      int eventBudget) {
    JsonOut o = new JsonOut().begin().name("cycles").beginArray();
    int found = 0;
    int examined = 0;
    long events = 0;
    boolean truncated = false;
    Long last = before;
    boolean more = false;
    Long from = before;
    outer:
    while (true) {
      List<Long> batch = diary.cycles(from, 64);
      if (batch.isEmpty()) break;
      for (Long cycle : batch) {
        from = cycle;
        if (cycle == 0) continue; // events outside any cycle
        if (found == limit || examined == cycleBudget || events >= eventBudget) {
          more = true;
          truncated = found < limit;
          break outer;
        }
        examined++;
        last = cycle;
        List<Diary.Entry> entries = diary.cycle(cycle);
        events += entries.size();
        Summary s = summarize(cycle, entries);
        if (matches(s, criteria)) {
          write(o, s);
          found++;
        }
      }
    }
    o.endArray()
        .field("next", last == null ? "0" : Long.toString(last))
        .field("hasMore", more)
        .field("scanned", examined)
        .field("truncated", truncated)
        .end();
    return o.text();
  }
}
