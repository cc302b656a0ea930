package dev.rez.app.diary;

import com.squareup.moshi.JsonReader;
import dev.rez.core.Asset;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import dev.rez.json.JsonException;
import dev.rez.json.JsonOut;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import okio.Buffer;

/**
 * The {@code diary.jsonl} line format, version 1: one JSON object per line, {@code
 * {"v":1,"seq":7,"time":"…","cycle":3,"type":"decision","asset":"BTC","data":{…}}}. Lines are
 * written with {@link JsonOut}; the index reads only the fields it needs, straight from the bytes
 * with Moshi's streaming reader, and keeps {@code data} as the text it was.
 */
final class LineCodec {
  static final int VERSION = 1;

  private static final JsonReader.Options FIELDS =
      JsonReader.Options.of("v", "seq", "time", "cycle", "type", "asset", "data");

  private LineCodec() {}

  /** What the index keeps of a line. */
  record Header(long seq, long cycle, String type, String asset) {}

  /** A fully decoded line. */
  record Decoded(long seq, DiaryEvent event) {}

  /**
   * Encodes one event as a line, terminated by {@code \n}.
   *
   * @throws IllegalArgumentException if the event's json is not a single valid JSON object
   */
  static byte[] encode(long seq, DiaryEvent e) {
    String data = compactDataOrThrow(e.json());
    String line =
        new JsonOut(data.length() + 128)
            .begin()
            .field("v", VERSION)
            .field("seq", seq)
            .field("time", e.time().toString())
            .field("cycle", e.cycle())
            .field("type", e.type())
            .field("asset", e.asset() == null ? null : e.asset().name())
            .name("data")
            .raw(data)
            .end()
            .text();
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks that {@code json} is exactly one JSON object and returns it on one line. Raw line breaks
   * can only be whitespace between tokens in valid JSON (inside strings they must be escaped), so
   * replacing them with spaces keeps the value identical.
   */
  private static String compactDataOrThrow(String json) {
    try {
      Json.requireObject(json);
    } catch (JsonException ex) {
      throw new IllegalArgumentException(
          "json is not a single JSON object: " + ex.getMessage(), ex);
    }
    String line = json.strip();
    if (line.indexOf('\n') >= 0) line = line.replace('\n', ' ');
    if (line.indexOf('\r') >= 0) line = line.replace('\r', ' ');
    return line;
  }

  /**
   * Reads the indexed fields of a line (without the trailing newline), or null when the line is not
   * a valid version-1 diary line — also when it is not valid UTF-8 (a line torn inside a multi-byte
   * character that still parses must not be read back with replacement characters).
   */
  static Header header(byte[] line, int off, int len) {
    if (!isUtf8(line, off, len)) return null;
    try {
      JsonReader r = JsonReader.of(new Buffer().write(line, off, len));
      long seq = -1;
      long cycle = -1;
      int v = -1;
      String type = null;
      String asset = null;
      boolean time = false;
      boolean data = false;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(FIELDS)) {
          case 0 -> v = r.nextInt();
          case 1 -> seq = r.nextLong();
          case 2 -> {
            Instant.parse(r.nextString());
            time = true;
          }
          case 3 -> cycle = r.nextLong();
          case 4 -> type = r.nextString();
          case 5 ->
              asset = r.peek() == JsonReader.Token.NULL ? r.<String>nextNull() : r.nextString();
          case 6 -> {
            if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return null;
            r.skipValue();
            data = true;
          }
          default -> {
            r.skipName();
            r.skipValue();
          }
        }
      }
      r.endObject();
      if (r.peek() != JsonReader.Token.END_DOCUMENT) return null;
      if (v != VERSION || seq < 1 || cycle < 0 || type == null || type.isBlank() || !time || !data)
        return null;
      if (asset != null) Asset.of(asset);
      return new Header(seq, cycle, type, asset);
    } catch (IOException | RuntimeException ex) {
      // JsonEncodingException, JsonDataException, DateTimeException, an invalid asset name: not a
      // diary line.
      return null;
    }
  }

  /**
   * True when {@code len} bytes from {@code off} are well-formed UTF-8 (shortest forms, no
   * surrogates).
   */
  static boolean isUtf8(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + n >= end) return false;
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) return false;
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
      i += n + 1;
    }
    return true;
  }

  /**
   * Decodes a line laid out exactly as {@link #encode} writes it (fields in its order, no
   * whitespace, no escapes in the type and asset), or null for any other line, which the reader
   * then decodes.
   */
  private static Decoded decodeAsWritten(String s) {
    String head = "{\"v\":" + VERSION + ",\"seq\":";
    if (!s.startsWith(head) || !s.endsWith("}")) return null;
    int i = head.length();
    int comma = s.indexOf(',', i);
    if (comma < 0 || !s.startsWith(",\"time\":\"", comma)) return null;
    long seq;
    try {
      seq = Long.parseLong(s, i, comma, 10);
    } catch (NumberFormatException e) {
      return null;
    }
    i = comma + ",\"time\":\"".length();
    int quote = s.indexOf('"', i);
    if (quote < 0 || !s.startsWith(",\"cycle\":", quote + 1)) return null;
    Instant time;
    try {
      time = Instant.parse(s.substring(i, quote));
    } catch (java.time.DateTimeException e) {
      return null;
    }
    i = quote + 1 + ",\"cycle\":".length();
    comma = s.indexOf(',', i);
    if (comma < 0 || !s.startsWith(",\"type\":\"", comma)) return null;
    long cycle;
    try {
      cycle = Long.parseLong(s, i, comma, 10);
    } catch (NumberFormatException e) {
      return null;
    }
    i = comma + ",\"type\":\"".length();
    quote = s.indexOf('"', i);
    if (quote < 0 || s.indexOf('\\', i, quote) >= 0) return null;
    String type = s.substring(i, quote);
    i = quote + 1;
    String asset;
    if (s.startsWith(",\"asset\":null", i)) {
      asset = null;
      i += ",\"asset\":null".length();
    } else if (s.startsWith(",\"asset\":\"", i)) {
      i += ",\"asset\":\"".length();
      quote = s.indexOf('"', i);
      if (quote < 0 || s.indexOf('\\', i, quote) >= 0) return null;
      asset = s.substring(i, quote);
      i = quote + 1;
    } else {
      return null;
    }
    if (!s.startsWith(",\"data\":{", i)) return null;
    String data = s.substring(i + ",\"data\":".length(), s.length() - 1);
    try {
      Json.requireObject(data); // nothing else between the object and the line's end
      return new Decoded(
          seq, new DiaryEvent(time, cycle, type, asset == null ? null : Asset.of(asset), data));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Decodes a line that the index accepted.
   *
   * @throws IllegalStateException if it no longer decodes (the file was changed underneath)
   */
  static Decoded decode(byte[] line, int off, int len) {
    Decoded written = decodeAsWritten(new String(line, off, len, StandardCharsets.UTF_8));
    if (written != null) return written;
    try {
      JsonReader r = JsonReader.of(new Buffer().write(line, off, len));
      long seq = -1;
      long cycle = 0;
      Instant time = null;
      String type = null;
      String asset = null;
      String data = null;
      r.beginObject();
      while (r.hasNext()) {
        switch (r.selectName(FIELDS)) {
          case 1 -> seq = r.nextLong();
          case 2 -> time = Instant.parse(r.nextString());
          case 3 -> cycle = r.nextLong();
          case 4 -> type = r.nextString();
          case 5 ->
              asset = r.peek() == JsonReader.Token.NULL ? r.<String>nextNull() : r.nextString();
          case 6 -> {
            try (var src = r.nextSource()) {
              data = src.readUtf8();
            }
          }
          default -> {
            if (r.peek() == JsonReader.Token.NAME) r.skipName();
            r.skipValue();
          }
        }
      }
      return new Decoded(
          seq, new DiaryEvent(time, cycle, type, asset == null ? null : Asset.of(asset), data));
    } catch (IOException | RuntimeException ex) {
      throw new IllegalStateException(
          "diary line no longer decodes (was the file modified?): " + ex.getMessage(), ex);
    }
  }
}
