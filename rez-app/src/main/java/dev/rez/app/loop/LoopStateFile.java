package dev.rez.app.loop;

import dev.rez.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The loop's own small state: the last cycle number and the fill watermark, persisted atomically.
 * Internal.
 */
final class LoopStateFile {
  /**
   * @param account the account the state is of ({@code network account address[ on exchange]}), or
   *     null when not known (a file written before accounts were recorded, the loop used without an
   *     {@code app-start})
   */
  record State(
      long lastCycle, Instant fillWatermark, Set<String> seenAtWatermark, String account) {}

  private final Path file;

  LoopStateFile(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * The persisted state, or empty when there is no file.
   *
   * @throws IllegalArgumentException when the file is not a valid state
   */
  Optional<State> load() {
    String text = AtomicFile.read(file);
    if (text == null) return Optional.empty();
    try {
      Map<String, Object> m = Json.parseObject(text);
      List<String> seen = new ArrayList<>();
      for (Object o : (List<?>) m.getOrDefault("seenAtWatermark", List.of())) seen.add((String) o);
      return Optional.of(
          new State(
              ((Number) m.get("lastCycle")).longValue(),
              Instant.parse((String) m.get("fillWatermark")),
              Set.copyOf(seen),
              (String) m.get("account")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "loop state file " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  /** Writes {@code s} atomically; {@code sync} also forces it to the disk before returning. */
  void save(State s, boolean sync) {
    AtomicFile.write(
        file,
        sync,
        Json.write(
            Json.obj(
                "lastCycle",
                s.lastCycle(),
                "fillWatermark",
                s.fillWatermark(),
                "seenAtWatermark",
                List.copyOf(s.seenAtWatermark()),
                "account",
                s.account())));
  }
}
