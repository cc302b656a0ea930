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

  /**
   * A saved baseline and the account it is of (null when not recorded: a file written before
   * accounts were).
   */
  record Saved(RiskPolicy.DayBaseline baseline, String account) {}

  /** The persisted baseline, empty when none was saved. */
  Optional<Saved> load() {
    String text = AtomicFile.read(file);
    if (text == null) return Optional.empty();
    try {
      Map<String, Object> m = Json.parseObject(text);
      return Optional.of(
          new Saved(
              new RiskPolicy.DayBaseline(
                  LocalDate.parse((String) m.get("day")), (BigDecimal) m.get("startEquity")),
              (String) m.get("account")));
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

  void save(RiskPolicy.DayBaseline b, String account) {
    AtomicFile.write(
        file,
        Json.write(
            Json.obj(
                "day", b.day().toString(), "startEquity", b.startEquity(), "account", account)));
  }
}
