package dev.rez.json;

/**
 * A check, in one pass over the characters and without allocating, that a text is exactly one JSON
 * object by the grammar of RFC 8259. It answers yes only for text that {@link Json}'s reader
 * accepts too; on a no, {@link Json#requireObject} asks the reader, which decides and says what is
 * wrong. Nesting deeper than {@link #MAX_DEPTH} is a no here (the reader decides).
 */
final class JsonScan {
  static final int MAX_DEPTH = 200;

  private final String s;
  private final int n;
  private int i;

  private JsonScan(String s) {
    this.s = s;
    this.n = s.length();
  }

  /** True when {@code text} is one JSON object, with nothing but whitespace around it. */
  static boolean isObject(String text) {
    JsonScan scan = new JsonScan(text);
    scan.space();
    if (scan.i >= scan.n || text.charAt(scan.i) != '{') return false;
    if (!scan.value(0)) return false;
    scan.space();
    return scan.i == scan.n;
  }

  private void space() {
    while (i < n) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      i++;
    }
  }

  private boolean value(int depth) {
    if (i >= n) return false;
    char c = s.charAt(i);
    return switch (c) {
      case '{' -> depth < MAX_DEPTH && object(depth + 1);
      case '[' -> depth < MAX_DEPTH && array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> (c == '-' || (c >= '0' && c <= '9')) && number();
    };
  }

  private boolean object(int depth) {
    i++; // {
    space();
    if (i < n && s.charAt(i) == '}') {
      i++;
      return true;
    }
    while (true) {
      if (i >= n || s.charAt(i) != '"' || !string()) return false;
      space();
      if (i >= n || s.charAt(i) != ':') return false;
      i++;
      space();
      if (!value(depth)) return false;
      space();
      if (i >= n) return false;
      char c = s.charAt(i++);
      if (c == '}') return true;
      if (c != ',') return false;
      space();
    }
  }

  private boolean array(int depth) {
    i++; // [
    space();
    if (i < n && s.charAt(i) == ']') {
      i++;
      return true;
    }
    while (true) {
      if (!value(depth)) return false;
      space();
      if (i >= n) return false;
      char c = s.charAt(i++);
      if (c == ']') return true;
      if (c != ',') return false;
      space();
    }
  }

  private boolean string() {
    i++; // opening quote
    while (i < n) {
      char c = s.charAt(i++);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (i >= n) return false;
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {}
          case 'u' -> {
            if (i + 4 > n) return false;
            for (int k = 0; k < 4; k++) if (!hex(s.charAt(i++))) return false;
          }
          default -> {
            return false;
          }
        }
      }
    }
    return false;
  }

  private boolean literal(String word) {
    if (!s.startsWith(word, i)) return false;
    i += word.length();
    return true;
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
  private boolean number() {
    if (s.charAt(i) == '-') i++;
    if (i >= n) return false;
    char c = s.charAt(i);
    if (c == '0') i++;
    else if (!digits()) return false;
    if (i < n && s.charAt(i) == '.') {
      i++;
      if (!digits()) return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      if (!digits()) return false;
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** One or more ASCII digits. */
  private boolean digits() {
    int start = i;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    return i > start;
  }
}
