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
 * Reads a {@code .env} file as python-dotenv does: {@code NAME=value} lines, {@code #} comments,
 * optional {@code export } prefix. A value in double quotes ends at its closing quote and knows the
 * backslash escapes ({@code \"}, {@code \\}, {@code \n}, {@code \t}, …); one in single quotes is
 * literal; either may be followed by whitespace and a {@code #} comment. An unquoted value ends
 * where whitespace and a {@code #} begin a comment ({@code a#b} is a value). The same files the
 * Python agent Rez descends from reads.
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
   * @throws IllegalArgumentException naming the file and line (never the value) when a line is
   *     neither a comment nor NAME=value, or a quoted value is not closed or is followed by more
   *     than a comment
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
      String where = source + " line " + (i + 1);
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring(7).strip();
      int eq = line.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException(where + ": expected NAME=value");
      String name = line.substring(0, eq).strip();
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        // A name that is not one may be a value pasted in the wrong place: shown only when short
        // and plain.
        throw new IllegalArgumentException(
            where
                + ": invalid variable name"
                + (name.matches("[A-Za-z0-9_.-]{1,32}") ? " '" + name + "'" : "")
                + " (letters, digits and _, not starting with a digit)");
      }
      out.put(name, value(line.substring(eq + 1).strip(), where + " (" + name + ")"));
    }
    return out;
  }

  /**
   * A value as python-dotenv reads it: in double quotes with backslash escapes, in single quotes
   * literally, either ending at its closing quote and followed by nothing but whitespace and a
   * {@code #} comment; unquoted up to a {@code #} that follows whitespace. Errors name {@code
   * where}, never the value (it may be a key).
   */
  private static String value(String raw, String where) {
    if (raw.isEmpty() || raw.charAt(0) != '"' && raw.charAt(0) != '\'') {
      for (int j = 1; j < raw.length(); j++) {
        if (raw.charAt(j) == '#' && Character.isWhitespace(raw.charAt(j - 1)))
          return raw.substring(0, j).strip();
      }
      return raw;
    }
    char quote = raw.charAt(0);
    StringBuilder v = new StringBuilder();
    int j = 1;
    for (; j < raw.length() && raw.charAt(j) != quote; j++) {
      char c = raw.charAt(j);
      if (quote == '"' && c == '\\' && j + 1 < raw.length()) {
        char e = raw.charAt(j + 1);
        String decoded =
            switch (e) {
              case '\\', '"', '\'' -> String.valueOf(e);
              case 'n' -> "\n";
              case 't' -> "\t";
              case 'r' -> "\r";
              case 'a' -> "\u0007";
              case 'b' -> "\b";
              case 'f' -> "\f";
              case 'v' -> "\u000b";
              default -> null;
            };
        if (decoded != null) {
          v.append(decoded);
          j++;
          continue;
        }
      }
      v.append(c);
    }
    if (j >= raw.length())
      throw new IllegalArgumentException(where + ": the value has no closing quote");
    String rest = raw.substring(j + 1).strip();
    if (!rest.isEmpty() && !rest.startsWith("#"))
      throw new IllegalArgumentException(
          where + ": only whitespace and a # comment may follow the value's closing quote");
    return v.toString();
  }
}
