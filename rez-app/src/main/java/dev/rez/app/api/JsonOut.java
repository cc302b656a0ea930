package dev.rez.app.api;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import okio.Buffer;

/** A compact JSON writer for the API's responses: nulls written, decimals printed plainly, raw JSON embeddable. */
final class JsonOut {
  private final Buffer buffer = new Buffer();
  private final JsonWriter w = JsonWriter.of(buffer);

  JsonOut() {
    w.setSerializeNulls(true);
  }

  JsonOut begin() {
    try {
      w.beginObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut end() {
    try {
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut beginArray() {
    try {
      w.beginArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut endArray() {
    try {
      w.endArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut name(String name) {
    try {
      w.name(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut value(String s) {
    try {
      w.value(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut value(long v) {
    try {
      w.value(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut value(boolean v) {
    try {
      w.value(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A finite double, or null for NaN and infinities. */
  JsonOut value(double v) {
    if (!Double.isFinite(v)) return nullValue();
    try {
      if (v == Math.rint(v) && Math.abs(v) < 1e15) w.value((long) v);
      else w.value(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  JsonOut value(BigDecimal v) {
    return v == null ? nullValue() : raw(v.toPlainString());
  }

  JsonOut value(Instant t) {
    return value(t == null ? null : t.toString());
  }

  JsonOut nullValue() {
    try {
      w.nullValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes already-valid JSON text as the next value. */
  JsonOut raw(String json) {
    try (var sink = w.valueSink()) {
      sink.writeUtf8(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
