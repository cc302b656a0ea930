package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostsTest {
  @Test
  void loopbackIsLocalhostThe127NetworkAndIpv6One() {
    for (String h :
        new String[] {"localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
      assertThat(Hosts.isLoopback(h)).as(h).isTrue();
    for (String h :
        new String[] {
          null,
          "",
          "example.com",
          "localhost.example.com",
          "128.0.0.1",
          "127.0.0",
          "10.0.0.1",
          "0.0.0.0",
          "::",
          "[::2]",
          "127.0.0.1.nip.io"
        }) assertThat(Hosts.isLoopback(h)).as(String.valueOf(h)).isFalse();
  }

  @Test
  void aSecretIsInClearOnlyOverAPlainSchemeToAnotherMachine() {
    java.util.function.Function<String, java.net.URI> u = java.net.URI::create;
    assertThat(Hosts.secretInClear(u.apply("http://10.0.0.5/v1"), true)).isTrue();
    assertThat(Hosts.secretInClear(u.apply("ws://10.0.0.5/ws"), true)).isTrue();
    assertThat(Hosts.secretInClear(u.apply("HTTP://example.com/v1"), true)).isTrue();
    // No secret goes along, and the URL holds none: a keyless server on the local network.
    assertThat(Hosts.secretInClear(u.apply("http://10.0.0.5/v1"), false)).isFalse();
    // Credentials in the URL are a secret of their own.
    assertThat(Hosts.secretInClear(u.apply("http://user:pw@10.0.0.5/v1"), false)).isTrue();
    assertThat(Hosts.secretInClear(u.apply("http://10.0.0.5/v1?key=k"), false)).isTrue();
    // Encrypted, or this machine.
    assertThat(Hosts.secretInClear(u.apply("https://10.0.0.5/v1"), true)).isFalse();
    assertThat(Hosts.secretInClear(u.apply("wss://10.0.0.5/ws"), true)).isFalse();
    assertThat(Hosts.secretInClear(u.apply("http://127.0.0.1:8080/v1?key=k"), true)).isFalse();
    assertThat(Hosts.secretInClear(u.apply("http://[::1]:8080/"), true)).isFalse();
  }
}
