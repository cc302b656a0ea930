package dev.rez.hyperliquid;

import dev.rez.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the signing vectors copied from the official SDKs (see the README next to vectors.json).
 */
final class Vectors {
  private Vectors() {}

  static Map<String, Object> all() {
    try (InputStream in = Vectors.class.getResourceAsStream("vectors.json")) {
      return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> signingVectors() {
    Map<String, Object> all = all();
    List<Map<String, Object>> out = new ArrayList<>();
    for (String section : List.of("officialPythonSdk", "tsSdk")) {
      out.addAll(
          (List<Map<String, Object>>) ((Map<String, Object>) all.get(section)).get("vectors"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }
}
