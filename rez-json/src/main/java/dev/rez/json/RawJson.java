package dev.rez.json;

/**
 * JSON text that the writer inserts as is, for a value that is already JSON (a stored payload, a
 * pre-rendered fragment). The text must be exactly one valid JSON value; the writer does not check
 * it.
 */
public interface RawJson {
  /** The JSON text. */
  String json();

  /** {@code json} as a value to embed. */
  static RawJson of(String json) {
    if (json == null) throw new NullPointerException("json == null");
    return () -> json;
  }
}
