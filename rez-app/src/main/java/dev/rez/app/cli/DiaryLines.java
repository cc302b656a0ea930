package dev.rez.app.cli;

import dev.rez.json.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code diary.jsonl} line by line for offline tools: one JSON object per line ({@code
 * {"v":1,"seq":…,"time":…,"cycle":…,"type":…,"asset":…,"data":{…}}}); a torn or unreadable line is
 * skipped with a warning and never stops the lines after it — also a line torn inside a multi-byte
 * UTF-8 character, which is decoded line by line, strictly, so that it cannot stop the file's
 * decoding.
 */
final class DiaryLines {
  private DiaryLines() {}

  /**
   * One event.
   *
   * @param cycle the cycle (0 outside cycles)
   * @param type the event type
   * @param asset the asset name or null
   * @param data the payload
   */
  record Line(long cycle, String type, String asset, Map<String, Object> data) {}

  static List<Line> read(Path file, Consumer<String> warn) {
    List<Line> out = new ArrayList<>();
    forEach(
        file,
        warn,
        l -> {
          out.add(l);
          return true;
        });
    return out;
  }

  /** The first event of {@code type}, if the diary has one (reads up to it). */
  static java.util.Optional<Line> first(Path file, String type, Consumer<String> warn) {
    Line[] found = new Line[1];
    forEach(
        file,
        warn,
        l -> {
          if (!l.type().equals(type)) return true;
          found[0] = l;
          return false;
        });
    return java.util.Optional.ofNullable(found[0]);
  }

  /** Passes each event to {@code each} in file order until it returns false. */
  @SuppressWarnings("unchecked")
  private static void forEach(
      Path file, Consumer<String> warn, java.util.function.Predicate<Line> each) {
    if (!Files.isRegularFile(file))
      throw CliException.badFile("diary " + file + " does not exist or is not a file");
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
      long n = 0;
      boolean more = true;
      while (more) {
        int b;
        bytes.reset();
        while ((b = in.read()) >= 0 && b != '\n') bytes.write(b);
        more = b >= 0;
        if (!more && bytes.size() == 0) break;
        n++;
        String line;
        try {
          line = utf8.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
          warn.accept("diary " + file + " line " + n + ": not valid UTF-8 (a torn line?), skipped");
          continue;
        }
        if (line.isBlank()) continue;
        try {
          Map<String, Object> m = Json.parseObject(line);
          Object type = m.get("type");
          Object data = m.getOrDefault("data", Map.of());
          if (!(type instanceof String t) || !(data instanceof Map)) {
            warn.accept("diary " + file + " line " + n + ": not a diary event, skipped");
            continue;
          }
          long cycle = m.get("cycle") instanceof java.math.BigDecimal c ? c.longValue() : 0;
          if (!each.test(
              new Line(
                  cycle,
                  t,
                  m.get("asset") instanceof String a ? a : null,
                  (Map<String, Object>) data))) return;
        } catch (IllegalArgumentException e) {
          warn.accept(
              "diary " + file + " line " + n + ": unreadable (" + e.getMessage() + "), skipped");
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CliException(
          ExitCode.BAD_FILE, "cannot read diary " + file + ": " + e.getMessage(), e);
    }
  }
}
