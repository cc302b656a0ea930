package dev.rez.app.loop;

import dev.rez.core.RiskPolicy;
import dev.rez.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The risk policy's daily-loss baseline (the UTC day and its starting equity), persisted atomically
 * so that a restart later the same day still counts the losses made before it. Internal.
 */
final class DayBaselineFile {
  private final Path file;

  DayBaselineFile(Path file) {
    this.file = file;
  }

  /** The persisted baseline, empty when none was saved. */
  Optional<RiskPolicy.DayBaseline> load() {
    String text = AtomicFile.read(file);
    if (text == null) return Optional.empty();
    try {
      Map<String, Object> m = Json.parseObject(text);
      return Optional.of(
          new RiskPolicy.DayBaseline(
              LocalDate.parse((String) m.get("day")), (BigDecimal) m.get("startEquity")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "daily-loss baseline file " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  /** Removes the persisted baseline, if any. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  void save(RiskPolicy.DayBaseline b) {
    AtomicFile.write(
        file, Json.write(Json.obj("day", b.day().toString(), "startEquity", b.startEquity())));
  }
}
