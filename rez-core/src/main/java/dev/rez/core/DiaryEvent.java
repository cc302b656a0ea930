package dev.rez.core;

import java.time.Instant;

/**
 * One entry of the agent's diary: what happened, when, for which asset, in which cycle, with its
 * details as a JSON object.
 *
 * @param time when it happened
 * @param cycle the trading cycle it belongs to ({@code >= 0}; 0 for events outside a cycle)
 * @param type a short kebab-case name such as {@code cycle-start}, {@code decision}, {@code fill}
 * @param asset the asset it concerns, null when none
 * @param json the details, a JSON object in text form (never null; {@code {}} when empty)
 */
public record DiaryEvent(Instant time, long cycle, String type, Asset asset, String json) {
  /**
   * Checks every component.
   *
   * @throws IllegalArgumentException naming the component that is out of range and its value
   * @throws NullPointerException naming a required component that is null
   */
  public DiaryEvent {
    Checks.notNull(time, "time");
    if (cycle < 0) throw new IllegalArgumentException("cycle must be >= 0 but was " + cycle);
    Checks.notBlank(type, "type");
    Checks.notNull(json, "json");
    String t = json.strip();
    if (!t.startsWith("{") || !t.endsWith("}"))
      throw new IllegalArgumentException(
          "json must be a JSON object but was '" + abbreviate(t) + "'");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
