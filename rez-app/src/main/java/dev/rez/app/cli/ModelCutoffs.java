package dev.rez.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The training cut-offs of known hosted models ({@code model-cutoffs.properties}), to warn when a
 * backtest shows a model data it may remember.
 */
final class ModelCutoffs {
  private static final Properties TABLE = load();

  private ModelCutoffs() {}

  /**
   * The warning for a backtest of {@code model} on data ending at {@code dataEnd}, if the model is
   * hosted, its cut-off is known ({@code override}, a {@code YYYY-MM-DD} date, else the table) and
   * the data is older.
   *
   * @throws CliException (usage) when {@code override} is not a date
   */
  static Optional<String> warning(String provider, String model, String override, Instant dataEnd) {
    if (provider == null || provider.equals("offline")) return Optional.empty();
    LocalDate cutoff;
    if (override != null && !override.isBlank()) {
      try {
        cutoff = LocalDate.parse(override.strip());
      } catch (DateTimeParseException e) {
        throw CliException.usage(
            "REZ_MODEL_CUTOFF must be a date like 2024-06-01 but was '" + override + "'");
      }
    } else {
      String key =
          model == null ? "" : model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      String known = TABLE.getProperty(key);
      if (known == null) return Optional.empty();
      cutoff = LocalDate.parse(known);
    }
    if (!dataEnd.isBefore(cutoff.atStartOfDay(ZoneOffset.UTC).toInstant())) return Optional.empty();
    return Optional.of(
        "the model "
            + model
            + " was trained on data up to "
            + cutoff
            + " and this backtest's data ends "
            + dataEnd.atOffset(ZoneOffset.UTC).toLocalDate()
            + ": the model may remember what happened next; run with --blind");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = ModelCutoffs.class.getResourceAsStream("model-cutoffs.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
