package dev.rez.app.notify;

import java.util.List;

/** Masks the configured secrets (tokens, secret URLs) in text bound for a log line or the status. Immutable. */
final class Redactor {
  private final List<String> secrets;

  Redactor(List<String> secrets) {
    // Longest first, so that a secret containing another is masked whole.
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).sorted((a, b) -> b.length() - a.length()).toList();
  }

  String apply(String text) {
    if (text == null) return null;
    String out = text;
    for (String s : secrets) out = out.replace(s, "****");
    return out;
  }
}
