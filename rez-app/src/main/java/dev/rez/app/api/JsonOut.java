package dev.rez.app.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The API's writer of compact JSON: {@link dev.rez.json.JsonOut} (nulls written, decimals in plain
 * notation, raw JSON embeddable), except that a number the API does not know (NaN, an infinity: an
 * indicator warming up) is reported as {@code null}.
 */
final class JsonOut {
  private final dev.rez.json.JsonOut w = new dev.rez.json.JsonOut(256);

  JsonOut begin() {
    w.begin();
    return this;
  }

  JsonOut end() {
    w.end();
    return this;
  }

  JsonOut beginArray() {
    w.beginArray();
    return this;
  }

  JsonOut endArray() {
    w.endArray();
    return this;
  }

  JsonOut name(String name) {
    w.name(name);
    return this;
  }

  JsonOut value(String s) {
    w.value(s);
    return this;
  }

  JsonOut value(long v) {
    w.value(v);
    return this;
  }

  JsonOut value(boolean v) {
    w.value(v);
    return this;
  }

  /** A finite double, or null for NaN and infinities. */
  JsonOut value(double v) {
    if (Double.isFinite(v)) w.value(v);
    else w.nullValue();
    return this;
  }

  JsonOut value(BigDecimal v) {
    w.value(v);
    return this;
  }

  JsonOut value(Instant t) {
    w.value(t == null ? null : t.toString());
    return this;
  }

  JsonOut nullValue() {
    w.nullValue();
    return this;
  }

  /** Writes already-valid JSON text as the next value. */
  JsonOut raw(String json) {
    w.raw(json);
    return this;
  }

  JsonOut field(String name, String v) {
    return name(name).value(v);
  }

  JsonOut field(String name, long v) {
    return name(name).value(v);
  }

  JsonOut field(String name, boolean v) {
    return name(name).value(v);
  }

  JsonOut field(String name, BigDecimal v) {
    return name(name).value(v);
  }

  JsonOut field(String name, Instant v) {
    return name(name).value(v);
  }

  String text() {
    return w.text();
  }
}
