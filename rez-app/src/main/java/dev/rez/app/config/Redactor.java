package dev.rez.app.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that came from outside (a model provider's error body, an exchange's
 * answer) before it is recorded: the configured secrets themselves wherever they appear (a hex key
 * with or without {@code 0x}, in any case), and whatever looks like a credential — {@code Bearer
 * …}, {@code sk-…} keys, {@code api_key=…}.
 *
 * <pre>{@code
 * Redactor r = Redactor.of(List.of(config.llmApiKey()));
 * diary.append(event.withJson(r.scrub(event.json())));
 * }</pre>
 *
 * <p>{@link #maskKeys} is stricter, for messages about configuration values: it also hides 64 hex
 * digits and long base64-like tokens (which in a diary would also match transaction hashes).
 * Immutable and threadsafe.
 */
public final class Redactor {
  /** What a masked secret becomes. */
  public static final String MASK = "[redacted]";

  /**
   * Secrets shorter than this are not searched for: masking a common short string would garble the
   * text.
   */
  static final int MIN_SECRET = 6;

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{6,}");
  private static final Pattern SK_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{8,}");
  private static final Pattern NAMED_KEY =
      Pattern.compile(
          "(?i)((?:api[_-]?key|x-api-key|access[_-]?token|secret|password)[\"']?\\s*[:=]\\s*[\"']?)[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern HEX_KEY = Pattern.compile("(?i)\\b(0x)?[0-9a-f]{64}\\b");

  /**
   * A run of digits as long as a key: a key of 64 decimal digits read as a number loses its leading
   * zeros, and no configuration number is this long.
   */
  private static final Pattern LONG_NUMBER = Pattern.compile("(?<![0-9A-Za-z])[0-9]{40,}");

  /** A word of a mnemonic, in any script (a BIP-39 list exists for several languages). */
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,16}");

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_+-]{32,}={0,2}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
  private static final Pattern PUBLIC_ID = Pattern.compile("0x(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{32})");

  private static final Redactor NONE = new Redactor(List.of(), List.of(), List.of());

  private final List<Pattern> secrets;

  /**
   * Per secret pattern, the texts one of which a match must contain ({@code needleLower}: the
   * lower-case hex key, looked for in the lower-cased text): a text holding none of them is not
   * searched.
   */
  private final List<List<String>> needles;

  private final List<Boolean> hexNeedle;

  private Redactor(List<Pattern> secrets, List<List<String>> needles, List<Boolean> hexNeedle) {
    this.secrets = secrets;
    this.needles = needles;
    this.hexNeedle = hexNeedle;
  }

  /** A redactor that masks only what looks like a credential. */
  public static Redactor none() {
    return NONE;
  }

  /**
   * A redactor of {@code secrets} (null entries skipped) and of whatever looks like a credential.
   */
  public static Redactor of(Collection<Secret> secrets) {
    Objects.requireNonNull(secrets, "secrets == null");
    List<String> values = new ArrayList<>();
    for (Secret s : secrets) {
      if (s == null) continue;
      String v = s.reveal();
      // A hex key is the same key with or without 0x.
      if (v.length() > 2
          && v.regionMatches(true, 0, "0x", 0, 2)
          && HEX.matcher(v.substring(2)).matches()) v = v.substring(2);
      if (v.length() >= MIN_SECRET) values.add(v);
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
    List<Pattern> patterns = new ArrayList<>();
    List<List<String>> needles = new ArrayList<>();
    List<Boolean> hex = new ArrayList<>();
    for (String v : values) {
      if (HEX.matcher(v).matches()) {
        patterns.add(Pattern.compile("(?i)(?:0x)?" + v));
        needles.add(List.of(v.toLowerCase(Locale.ROOT)));
        hex.add(true);
      } else {
        String json = v.replace("\\", "\\\\").replace("\"", "\\\"");
        patterns.add(
            Pattern.compile(Pattern.quote(v) + (json.equals(v) ? "" : "|" + Pattern.quote(json))));
        needles.add(json.equals(v) ? List.of(v) : List.of(v, json));
        hex.add(false);
      }
    }
    return new Redactor(List.copyOf(patterns), List.copyOf(needles), List.copyOf(hex));
  }

  /**
   * {@code text} with every configured secret and every credential-looking string masked; null
   * stays null.
   */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) return text;
    // Each pattern runs only on a text that holds what its match must hold (the patterns' letters
    // match ASCII letters in any case, and so does the search for them): the answer is the same,
    // and the long texts a diary records (contexts, transcripts) rarely hold any of it.
    String out = text;
    for (int i = 0; i < secrets.size(); i++) {
      boolean present = false;
      for (String needle : needles.get(i))
        present |= hexNeedle.get(i) ? containsAsciiIgnoreCase(out, needle) : out.contains(needle);
      if (present) out = secrets.get(i).matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    }
    int words = words(out);
    if ((words & BEARER_WORD) != 0)
      out = BEARER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    if (out.contains("sk-")) out = SK_KEY.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    if ((words & NAMED_WORD) != 0)
      out = NAMED_KEY.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    return out;
  }

  private static final int BEARER_WORD = 1;
  private static final int NAMED_WORD = 2;

  /**
   * Which words the credential patterns need {@code text} holds, in one pass: {@link #BEARER_WORD}
   * for {@code bearer}, {@link #NAMED_WORD} for {@code api}, {@code access}, {@code secret} or
   * {@code password} — in any ASCII case, as the patterns' {@code (?i)} matches them.
   */
  static int words(String text) {
    int found = 0;
    for (int i = 0, last = text.length() - 3;
        i <= last && found != (BEARER_WORD | NAMED_WORD);
        i++) {
      int c = text.charAt(i) | 0x20;
      if (c != 'a' && c != 's' && c != 'p' && c != 'b') continue;
      // The second letter first: most a, s, p and b start none of the words.
      int d = text.charAt(i + 1) | 0x20;
      if (c == 'a') {
        if (d == 'p' && at(text, i, "api") || d == 'c' && at(text, i, "access"))
          found |= NAMED_WORD;
      } else if (c == 's') {
        if (d == 'e' && at(text, i, "secret")) found |= NAMED_WORD;
      } else if (c == 'p') {
        if (d == 'a' && at(text, i, "password")) found |= NAMED_WORD;
      } else if (d == 'e' && at(text, i, "bearer")) {
        found |= BEARER_WORD;
      }
    }
    return found;
  }

  /**
   * Whether {@code text} holds {@code lower} (lower-case ASCII letters) at {@code i}, in any case.
   */
  private static boolean at(String text, int i, String lower) {
    if (i + lower.length() > text.length()) return false;
    for (int k = 0; k < lower.length(); k++) {
      char t = text.charAt(i + k);
      if (t != lower.charAt(k) && t != lower.charAt(k) - ('a' - 'A')) return false;
    }
    return true;
  }

  /**
   * Whether {@code text} holds {@code lower} (lower-case ASCII) with its ASCII letters in any case,
   * as the patterns' {@code (?i)} matches them; without copying the text.
   */
  static boolean containsAsciiIgnoreCase(String text, String lower) {
    int n = lower.length();
    char first = lower.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int i = 0, last = text.length() - n; i <= last; i++) {
      char c = text.charAt(i);
      if (c != first && c != firstUpper) continue;
      int k = 1;
      while (k < n) {
        char t = text.charAt(i + k);
        char l = lower.charAt(k);
        if (t != l && !(t >= 'A' && t <= 'Z' && t + ('a' - 'A') == l)) break;
        k++;
      }
      if (k == n) return true;
    }
    return false;
  }

  /**
   * {@code text} (a message about configuration) with everything that looks like a key masked: 64
   * hex digits with or without {@code 0x}, runs of 40 or more decimal digits (a key made of digits
   * only, perhaps echoed as a number without its leading zeros), {@code sk-…}, bearer tokens, and
   * runs of 32 or more base64-like characters mixing letters and digits.
   */
  public static String maskKeys(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = NONE.scrub(text);
    out = HEX_KEY.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    out = LONG_NUMBER.matcher(out).replaceAll(Matcher.quoteReplacement(MASK));
    Matcher m = TOKEN.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String t = m.group();
      boolean mixed =
          t.chars().anyMatch(Character::isDigit) && t.chars().anyMatch(Character::isLetter);
      // An address (0x + 40 hex) or an order's cloid (0x + 32 hex) is public and must stay
      // readable.
      boolean publicId = PUBLIC_ID.matcher(t).matches();
      m.appendReplacement(b, Matcher.quoteReplacement(mixed && !publicId ? MASK : t));
    }
    m.appendTail(b);
    return b.toString();
  }

  /**
   * {@code url} as it may be shown: scheme, host, port and path only — user info (a password),
   * query and fragment (a key passed as a parameter) are dropped. A value that is not a URL is not
   * shown at all; null stays null.
   */
  public static String safeUrl(String url) {
    if (url == null) return null;
    try {
      java.net.URI u = new java.net.URI(url.strip());
      if (u.getScheme() == null || u.getHost() == null) return "(not a URL)";
      String host = u.getHost();
      return u.getScheme().toLowerCase(java.util.Locale.ROOT)
          + "://"
          + host
          + (u.getPort() >= 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : maskKeys(u.getRawPath()));
    } catch (java.net.URISyntaxException e) {
      return "(not a URL)";
    }
  }

  /**
   * Whether {@code value} looks like a BIP-39 mnemonic: 11 to 25 words of letters separated by
   * white space. Every valid mnemonic (12, 15, 18, 21 or 24 words of the list) does, and so does
   * one with a word mistyped, dropped or doubled, which is as secret.
   */
  public static boolean looksLikeMnemonic(String value) {
    if (value == null) return false;
    String[] words = value.strip().split("\\s+");
    if (words.length < 11 || words.length > 25) return false;
    for (String w : words) if (!WORD.matcher(w).matches()) return false;
    return true;
  }

  /** Whether {@code value} as a whole looks like a key or token (and must not be shown). */
  public static boolean looksLikeKey(String value) {
    return value != null && !maskKeys(value).equals(value);
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secret(s)]";
  }
}
