package dev.rez.app.cli;

import dev.rez.app.loop.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code diary.jsonl} line by line for offline tools: one JSON object per line
 * ({@code {"v":1,"seq":…,"time":…,"cycle":…,"type":…,"asset":…,"data":{…}}}); a torn or unreadable line is
 * skipped with a warning and never stops the lines after it.
 */
final class DiaryLines {
  private DiaryLines() {}

  /**
   * One event.
   *
   * @param type the event type
   * @param asset the asset name or null
   * @param data the payload
   */
  record Line(String type, String asset, Map<String, Object> data) {}

  @SuppressWarnings("unchecked")
  static List<Line> read(Path file, Consumer<String> warn) {
    if (!Files.isRegularFile(file)) throw CliException.badFile("diary " + file + " does not exist or is not a file");
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        try {
          Map<String, Object> m = Json.parseObject(line);
          Object type = m.get("type");
          Object data = m.getOrDefault("data", Map.of());
          if (!(type instanceof String t) || !(data instanceof Map)) {
            warn.accept("diary " + file + " line " + n + ": not a diary event, skipped");
            continue;
          }
          out.add(new Line(t, m.get("asset") instanceof String a ? a : null, (Map<String, Object>) data));
        } catch (IllegalArgumentException e) {
          warn.accept("diary " + file + " line " + n + ": unreadable (" + e.getMessage() + "), skipped");
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CliException(ExitCode.BAD_FILE, "cannot read diary " + file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
