package dev.rez.core;

import java.util.Locale;

/** Host names: whether one is this machine. */
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
}
