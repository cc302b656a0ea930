package dev.rez.app.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a position was closed, told by the client order id of the fill that closed it: the diary's
 * {@code order} events name the cloids of take-profits and stop-losses (of entries, retries and
 * adjustments) and of closes with their reason. A cloid the loop never sent is a close made outside
 * the loop. Internal; not threadsafe.
 */
final class ExitKinds {
  private static final int MAX_CLOIDS = 10_000;

  private final Map<String, String> byCloid =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > MAX_CLOIDS;
        }
      };

  /** Learns the cloids of an {@code order} event's data. */
  void order(Map<String, Object> o) {
    String kind = String.valueOf(o.get("kind"));
    Object request = o.get("request");
    if (kind.equals("open") && request instanceof Map<?, ?> r) {
      triggers(r.get("protection"));
    } else if (kind.equals("close")
        && request instanceof Map<?, ?> r
        && r.get("cloid") instanceof String cloid) {
      String reason = String.valueOf(o.get("reason"));
      byCloid.put(
          cloid,
          reason.equals("decision")
              ? "close-decision"
              : reason.startsWith("flatten")
                  ? "flatten"
                  : reason.equals("unprotected") ? "closed-unprotected" : reason);
    } else {
      triggers(request);
    }
  }

  private void triggers(Object list) {
    if (!(list instanceof List<?> l)) return;
    for (Object t : l) {
      if (t instanceof Map<?, ?> m
          && m.get("cloid") instanceof String cloid
          && m.get("trigger") instanceof String kind) {
        byCloid.put(cloid, kind.toLowerCase(Locale.ROOT));
      }
    }
  }

  /**
   * The exit a closing fill with {@code cloid} made: {@code take-profit}, {@code stop-loss}, {@code
   * close-decision}, {@code flatten}, {@code closed-unprotected}, or {@code manual-close} for a
   * cloid the loop never sent (or none).
   */
  String exitOf(String cloid) {
    return cloid == null ? "manual-close" : byCloid.getOrDefault(cloid, "manual-close");
  }
}
