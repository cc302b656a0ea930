package dev.rez.hyperliquid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * msgpack encoding of an action tree exactly as msgpack-python's {@code packb} defaults: maps in
 * iteration order, smallest integer encodings, str8 strings, no floats. Internal.
 */
final class Msgpack {
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);

  /**
   * The msgpack-core switch to its buffers over {@code ByteBuffer} instead of {@code
   * sun.misc.Unsafe}.
   */
  static final String UNIVERSAL_BUFFER = "msgpack.universal-buffer";

  static {
    // msgpack-core's default buffers use sun.misc.Unsafe, which JDK 24+ warns about on first use
    // (four WARNING
    // lines at start) and a later JDK removes. Its ByteBuffer-based buffers give the same bytes;
    // choose them
    // before msgpack's buffer class initialises, unless the application chose itself.
    if (System.getProperty(UNIVERSAL_BUFFER) == null) System.setProperty(UNIVERSAL_BUFFER, "true");
  }

  // Actions are small: a 512-byte first buffer instead of the default 8 KiB keeps signing
  // allocation-light.
  private static final MessagePack.PackerConfig CONFIG =
      new MessagePack.PackerConfig().withBufferSize(512);

  private Msgpack() {}

  static byte[] pack(Object value) {
    try (MessageBufferPacker p = CONFIG.newBufferPacker()) {
      write(p, value, "action");
      p.flush();
      return p.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(MessageBufferPacker p, Object v, String path) throws IOException {
    switch (v) {
      case null -> p.packNil();
      case String s -> p.packString(s);
      case Boolean b -> p.packBoolean(b);
      case Long l -> p.packLong(l);
      case Integer i -> p.packLong(i);
      case Short s -> p.packLong(s);
      case Byte b -> p.packLong(b);
      case BigInteger bi -> writeInteger(p, bi, path);
      case BigDecimal bd -> writeInteger(p, integral(bd, path), path);
      case Double d -> writeInteger(p, integral(d, path), path);
      case Float f -> writeInteger(p, integral(f.doubleValue(), path), path);
      case Map<?, ?> m -> {
        p.packMapHeader(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!(e.getKey() instanceof String key))
            throw new IllegalArgumentException(
                path + ": map keys must be strings but found " + e.getKey());
          p.packString(key);
          write(p, e.getValue(), path + "." + key);
        }
      }
      case List<?> list -> {
        p.packArrayHeader(list.size());
        for (int i = 0; i < list.size(); i++) write(p, list.get(i), path + "[" + i + "]");
      }
      case Object[] arr -> write(p, List.of(arr), path);
      default ->
          throw new IllegalArgumentException(
              path + ": cannot encode a " + v.getClass().getName() + " in an action");
    }
  }

  private static void writeInteger(MessageBufferPacker p, BigInteger bi, String path)
      throws IOException {
    if (bi.compareTo(MAX_UINT64) > 0 || bi.compareTo(MIN_INT64) < 0) {
      throw new IllegalArgumentException(path + ": integer " + bi + " does not fit in 64 bits");
    }
    if (bi.bitLength() < 64) p.packLong(bi.longValue());
    else p.packBigInteger(bi);
  }

  private static BigInteger integral(BigDecimal bd, String path) {
    try {
      return bd.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          path
              + ": "
              + bd.toPlainString()
              + " is not an integer; decimals go on the wire as strings");
    }
  }

  private static BigInteger integral(double d, String path) {
    if (!Double.isFinite(d) || d != Math.rint(d)) {
      throw new IllegalArgumentException(
          path + ": " + d + " is not an integer; decimals go on the wire as strings");
    }
    return new BigDecimal(d).toBigIntegerExact();
  }
}
