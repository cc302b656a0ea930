package dev.rez.agent;

import dev.rez.core.Asset;
import dev.rez.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The versioned JSON document the agent decides on: market data per asset, account, open orders,
 * risk limits and a short memory. {@link ContextBuilder} builds the standard {@value #SCHEMA}
 * payload described in the module's {@code CONTEXT.md}; a custom payload only needs to be a JSON
 * object.
 *
 * @param schema the payload's schema name and version, e.g. {@value #SCHEMA}
 * @param time the moment the payload describes
 * @param assets the assets the agent must decide on, non-empty, no duplicates
 * @param json the payload, a JSON object
 */
public record ContextPayload(String schema, Instant time, List<Asset> assets, String json) {
  /** The schema of payloads built by {@link ContextBuilder}. */
  public static final String SCHEMA = "rez.context/1";

  /** Checks the components; see the class description. */
  public ContextPayload {
    Objects.requireNonNull(schema, "schema == null");
    Objects.requireNonNull(time, "time == null");
    assets = List.copyOf(Objects.requireNonNull(assets, "assets == null"));
    if (assets.isEmpty()) throw new IllegalArgumentException("assets must not be empty");
    if (assets.stream().distinct().count() != assets.size())
      throw new IllegalArgumentException("assets must not repeat but were " + assets);
    Objects.requireNonNull(json, "json == null");
    try {
      Json.requireObject(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("json must be a JSON object: " + e.getMessage(), e);
    }
  }
}
