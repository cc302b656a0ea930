package dev.rez.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code export }
 * prefix, values optionally in single or double quotes. The same files the Python agent Rez
 * descends from reads.
 *
 * <pre>{@code
 * Map<String, String> vars = EnvFile.read(Path.of(".env"));
 * }</pre>
 */
public final class EnvFile {
  private EnvFile() {}

  /**
   * The variables of the file at {@code path}, in file order; a later line wins over an earlier
   * one.
   *
   * @throws IllegalArgumentException naming the file and line when a line is neither a comment nor
   *     NAME=value
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Map<String, String> read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read env file " + path + ": " + e.getMessage(), e);
    }
    return parse(lines, path.toString());
  }

  static Map<String, String> parse(List<String> lines, String source) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring(7).strip();
      int eq = line.indexOf('=');
      if (eq <= 0)
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected NAME=value");
      String name = line.substring(0, eq).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": invalid variable name '" + name + "'");
      }
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1);
      } else {
        int hash = value.indexOf(" #");
        if (hash >= 0) value = value.substring(0, hash).strip();
      }
      out.put(name, value);
    }
    return out;
  }
}
