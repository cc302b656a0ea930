package dev.rez.app.api;

import dev.rez.app.diary.DiarySchema;
import dev.rez.core.Asset;
import dev.rez.core.Interval;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query parameters, checked: anything out of range is a 400 naming the parameter and the value.
 * They are read here only, from the query string decoded strictly (a parameter that is not valid
 * percent-encoded UTF-8 is a 400 naming it, not a parameter silently dropped).
 */
final class Params {
  static final int MAX_PAGE = 500;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9:_\\-]{1,32}");
  private static final int MAX_SHOWN = 40;
  private static final String QUERY_ATTR = "rez.query";

  private Params() {}

  static String shown(String v) {
    return v.length() > MAX_SHOWN ? v.substring(0, MAX_SHOWN) + "…" : v;
  }

  /**
   * Every query parameter of the request, decoded (read once, then kept on the request).
   *
   * @throws ApiException a 400 naming the first parameter whose name or value is not valid
   *     percent-encoded UTF-8
   */
  static Map<String, List<String>> query(Context ctx) {
    Map<String, List<String>> q = ctx.attribute(QUERY_ATTR);
    if (q == null) {
      q = parseQuery(ctx.queryString());
      ctx.attribute(QUERY_ATTR, q);
    }
    return q;
  }

  /** {@code query} ({@code a=1&b=x+y}, not decoded; null for none) split and decoded. */
  static Map<String, List<String>> parseQuery(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) return out;
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName);
      if (name == null)
        throw ApiException.badParameter(
            "the parameter name '" + shown(rawName) + "' is not valid percent-encoded UTF-8");
      // The value is not shown: it may be a token.
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (value == null)
        throw ApiException.badParameter(
            "parameter " + shown(name) + " is not valid percent-encoded UTF-8");
      out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return out;
  }

  /** {@code s} percent-decoded ({@code +} is a space) as UTF-8, or null when it is not valid. */
  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '+') out[n++] = ' ';
      else if (b != '%') out[n++] = b;
      else {
        int hi = i + 2 < in.length ? hex(in[i + 1]) : -1;
        int lo = hi < 0 ? -1 : hex(in[i + 2]);
        if (lo < 0) return null;
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out, 0, n))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') return b - '0';
    if (b >= 'a' && b <= 'f') return b - 'a' + 10;
    if (b >= 'A' && b <= 'F') return b - 'A' + 10;
    return -1;
  }

  /** The single value of {@code name}, or null when absent; a repeated parameter is a 400. */
  static String one(Context ctx, String name) {
    List<String> values = query(ctx).getOrDefault(name, List.of());
    if (values.isEmpty()) return null;
    if (values.size() > 1)
      throw ApiException.badParameter(
          name + " must be given once but was given " + values.size() + " times");
    return values.get(0);
  }

  static int intIn(Context ctx, String name, int min, int max, int dflt) {
    String v = one(ctx, name);
    if (v == null) return dflt;
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(
          name + " must be in " + min + ".." + max + " but was '" + shown(v) + "'");
    }
    if (n < min || n > max)
      throw ApiException.badParameter(name + " must be in " + min + ".." + max + " but was " + n);
    return n;
  }

  static int limit(Context ctx) {
    return intIn(ctx, "limit", 1, MAX_PAGE, 100);
  }

  static long nonNegativeLong(String name, String v) {
    try {
      long n = Long.parseLong(v.strip());
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badParameter(
        name + " must be a whole number >= 0 but was '" + shown(v) + "'");
  }

  static Set<String> types(Context ctx) {
    String v = one(ctx, "type");
    if (v == null || v.isEmpty()) return Set.of();
    Set<String> out = new LinkedHashSet<>();
    for (String t : v.split(",", -1)) {
      String s = t.strip();
      if (!TYPE.matcher(s).matches())
        throw ApiException.badParameter(
            "type must be kebab-case event types separated by commas but was '" + shown(v) + "'");
      out.add(s);
    }
    if (out.size() > 32)
      throw ApiException.badParameter("type lists at most 32 types but listed " + out.size());
    return out;
  }

  static Asset asset(String name, String v) {
    if (v == null) return null;
    if (!ASSET.matcher(v).matches())
      throw ApiException.badParameter(
          name + " must be an asset name such as BTC but was '" + shown(v) + "'");
    return Asset.of(v);
  }

  static Interval interval(String v) {
    try {
      return Interval.parse(v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("interval: " + e.getMessage().replace(v, shown(v)));
    }
  }

  /**
   * The {@code action} parameter in the diary's spelling, or null when absent; {@code open-long}
   * (the spelling of older diaries) reads as {@code open_long}.
   */
  static String action(Context ctx) {
    String v = one(ctx, "action");
    if (v == null) return null;
    return DiarySchema.parseAction(v)
        .map(DiarySchema::action)
        .orElseThrow(
            () ->
                ApiException.badParameter(
                    "action must be one of "
                        + String.join(", ", DiarySchema.ACTIONS)
                        + " but was '"
                        + shown(v)
                        + "'"));
  }

  /** One of {@code allowed}, or null when absent. */
  static String oneOf(Context ctx, String name, Set<String> allowed) {
    String v = one(ctx, name);
    if (v == null) return null;
    if (!allowed.contains(v))
      throw ApiException.badParameter(
          name
              + " must be one of "
              + String.join(", ", new java.util.TreeSet<>(allowed))
              + " but was '"
              + shown(v)
              + "'");
    return v;
  }
}
