package dev.rez.core;

import java.util.Locale;

/** Host names and URLs: whether one is this machine, whether a request would show a secret. */
public final class Hosts {
  private Hosts() {}

  /**
   * Whether {@code host} names this machine, without a lookup: {@code localhost}, an IPv4 address
   * in {@code 127.0.0.0/8}, or {@code ::1} (bracketed or not), in any case. False for null.
   */
  public static boolean isLoopback(String host) {
    if (host == null) return false;
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  /**
   * Whether a request to {@code uri} would carry a secret in clear text to another machine: a plain
   * scheme ({@code http} or {@code ws}) to a host that is not loopback, while a secret goes with
   * the request ({@code secretGoesAlong}: a key in a header, a token in the path) or the URL itself
   * holds credentials (user info or a query). Plain http to a keyless server on the local network
   * is not such a request.
   */
  public static boolean secretInClear(java.net.URI uri, boolean secretGoesAlong) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("ws"))
        && !isLoopback(uri.getHost())
        && (secretGoesAlong || uri.getUserInfo() != null || uri.getQuery() != null);
  }
}
